/**
 * Reads vCard files (.vcf) into the people they hold: versions 2.1 (Outlook, Android, old phones),
 * 3.0 (Apple Contacts, Google Contacts) and 4.0 (RFC 6350), several cards per file.
 *
 * Library decision: this is a small parser of our own (RFC 6350 / RFC 2426 / vCard 2.1), not an npm
 * package. Checked in 2026: `vcf` (node-vcf) leaves quoted-printable and CHARSET to the caller (its
 * issue #50, "wontfix"); `ical.js` reads 3.0 and 4.0 but not 2.1 (its 2.1 pull request #389 was
 * closed unmerged); `vcard4` and `vcard4-ts` read 4.0 only. Outlook and Android still write 2.1 with
 * quoted-printable values in a declared charset, so none of them reads the files people bring; the
 * grammar is small enough to own, and the tests (test/backend/vcard) pin it to real exports.
 *
 * What it reads:
 *  - Lines end in CRLF, LF or CR. A line starting with a space or tab continues the one before it
 *    (the space is dropped). A quoted-printable value ending in "=" continues on the next line
 *    (RFC 2045 soft line break), as Outlook and Android write it.
 *  - `[group.]NAME;param...:value`. Parameters as 3.0/4.0 write them (TYPE=work,voice;
 *    TYPE=WORK;TYPE=VOICE; quoted values; RFC 6868 ^ escapes) and as 2.1 does (bare TEL;WORK;VOICE,
 *    bare QUOTED-PRINTABLE / BASE64). Apple's and Google's `itemN.X-ABLabel` names the label of the
 *    other properties of its group.
 *  - Quoted-printable values are decoded as bytes in the property's CHARSET (UTF-8 when none is
 *    given, falling back to Windows-1252 when the bytes are not UTF-8); base64 for photos.
 *  - Text escapes \\ \; \, \: \n \N in every version (Android writes \n in 2.1 too).
 *  - N (given name takes the additional names too), FN (split when N has no name), ORG (its first
 *    part is the company), TITLE, EMAIL, TEL (tel: URIs too), ADR (the preferred one, else the work
 *    one, else the first), BDAY, NOTE, CATEGORIES (tags), UID (external id, without urn:uuid:),
 *    PHOTO (inline base64 or a data: URI; a photo given as a link is left out, quietly).
 *
 * Each card becomes a row like personFromRecord's (electron/backend/import/person-rows.ts): the
 * person is checked with PersonInput, and whatever is wrong is a problem naming the card's first
 * line and the property (BDAY, EMAIL...); a card with a problem is skipped as a whole. What a card
 * holds that the book cannot (a birthday without a year, a photo that cannot be decoded) is left out
 * and listed in `skipped`, and the person is still imported. A file that is not a vCard at all
 * throws AppError('VALIDATION'); a broken card (no END:VCARD, a line that is not a property) and
 * text between cards are problems, never a crash. Reading is one pass over the text; cards are
 * produced one at a time by iterateVCards().
 */
import iconv from 'iconv-lite';
import type { z } from 'zod';
import { AppError } from '../../../shared/api/errors.ts';
import { PersonInput } from '../../../shared/api/requests/contacts.requests.ts';
import { isIsoDate } from '../../../shared/domain/dates.ts';
import { splitFullName } from '../../../shared/domain/import-mapping.ts';
import type { ImportedPerson, RowProblem } from '../import/person-rows.ts';

export interface VCardPhoto {
  /** image/jpeg, image/png... (from the bytes when they say, else as the card declares). */
  mime: string;
  data: Uint8Array;
}

export interface VCardPerson extends ImportedPerson {
  /** The card's picture; null when it has none, gives a link, or photos are not read. */
  photo: VCardPhoto | null;
  /** What the card holds that the person is imported without, and why (a birthday without a year...). */
  skipped: RowProblem[];
}

/** One card: the person it becomes, or why it cannot be imported. `line` is where BEGIN:VCARD is. */
export type VCardRow = { line: number } & (
  { ok: true; value: VCardPerson } | { ok: false; problems: RowProblem[] }
);

export interface VCardReadOptions {
  /** Decode the cards' photos (default true); false leaves every photo null and skips the work. */
  photos?: boolean;
}

/** Longest text of a line quoted back in a problem. */
const QUOTE_CHARS = 120;

function fileError(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('VALIDATION', message, { path: 'file', ...details });
}

/**
 * A vCard file's bytes as text: UTF-8 (with or without its byte order mark), UTF-16 with a byte
 * order mark, else Windows-1252 (what Outlook writes). Quoted-printable values stay encoded: they
 * are decoded per property, in the charset each declares.
 */
export function decodeVCardBuffer(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.toString('utf8', 3);
  if (buf[0] === 0xff && buf[1] === 0xfe) return iconv.decode(buf.subarray(2), 'utf16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) return iconv.decode(buf.subarray(2), 'utf16be');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return iconv.decode(buf, 'win1252');
  }
}

/** Every card of a file read with decodeVCardBuffer(). */
export function readVCardBuffer(bytes: Uint8Array, options: VCardReadOptions = {}): VCardRow[] {
  return readVCards(decodeVCardBuffer(bytes), options);
}

/** Every card of a vCard file's text. Throws AppError('VALIDATION') when it is not a vCard file. */
export function readVCards(text: string, options: VCardReadOptions = {}): VCardRow[] {
  return [...iterateVCards(text, options)];
}

// ---------------------------------------------------------------------------------------------
// Lines

interface ContentLine {
  /** The file line (1 = first) the logical line starts on. */
  line: number;
  text: string;
}

const QP_PARAM = /;\s*(?:ENCODING\s*=\s*)?QUOTED-PRINTABLE\s*(?:[;:]|$)/iu;
const END_VCARD = /^\s*END\s*:\s*VCARD\s*$/iu;
const BEGIN_VCARD = /^\s*BEGIN\s*:\s*VCARD\s*$/iu;

/** The physical lines of a text, in one pass. */
function* physicalLines(text: string): Generator<string> {
  const re = /\r\n|\r|\n/gu;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    yield text.slice(start, m.index);
    start = m.index + m[0].length;
  }
  if (start < text.length) yield text.slice(start);
}

/** Logical lines: folded lines joined, quoted-printable soft line breaks removed. */
function* contentLines(text: string): Generator<ContentLine> {
  const lines = physicalLines(text);
  let lineNo = 0;
  let pending = lines.next();
  while (!pending.done) {
    const first = pending.value;
    lineNo++;
    const start = lineNo;
    const colon = first.indexOf(':');
    const qp = QP_PARAM.test(colon >= 0 ? first.slice(0, colon + 1) : first);
    const parts = [first];
    let last = first;
    pending = lines.next();
    while (!pending.done) {
      const next = pending.value;
      if (qp && last.endsWith('=') && !END_VCARD.test(next)) {
        // Soft line break: drop the "=" and join the next line as it is.
        parts[parts.length - 1] = last.slice(0, -1);
        parts.push(next);
      } else if (next.startsWith(' ') || next.startsWith('\t')) {
        parts.push(next.slice(1));
      } else break;
      last = parts[parts.length - 1]!;
      lineNo++;
      pending = lines.next();
    }
    yield { line: start, text: parts.length === 1 ? first : parts.join('') };
  }
}

// ---------------------------------------------------------------------------------------------
// Properties

interface Property {
  line: number;
  /** Lower case, or null. */
  group: string | null;
  /** Upper case: TEL, X-ABLABEL... */
  name: string;
  /** Upper-case parameter names; values as written (unquoted). Bare 2.1 parameters are TYPE or ENCODING. */
  params: Map<string, string[]>;
  /** TYPE values, lower case. */
  types: Set<string>;
  /** The value as written (unfolded, still encoded and escaped). */
  raw: string;
}

const ENCODINGS = new Set(['QUOTED-PRINTABLE', 'BASE64', 'B', '8BIT', '7BIT']);
const PROPERTY_NAME = /^(?:([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)\.)?([A-Za-z0-9_-]+)$/u;

/** Splits at `sep` outside double quotes. */
function splitOutsideQuotes(text: string, sep: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === sep && !quoted) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

/** A parameter value: without its quotes, RFC 6868 ^n ^^ ^' decoded. */
function paramValue(text: string): string {
  let v = text.trim();
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
  return v.replace(/\^(n|N|\^|')/gu, (_, c: string) => (c === '^' ? '^' : c === "'" ? '"' : '\n'));
}

/** A content line as a property, or null when it is not one. */
function parseProperty(line: ContentLine): Property | null {
  const { text } = line;
  let colon = -1;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon < 0) return null;
  const [nameText = '', ...paramTexts] = splitOutsideQuotes(text.slice(0, colon), ';');
  const m = PROPERTY_NAME.exec(nameText.trim());
  if (!m) return null;
  const params = new Map<string, string[]>();
  const add = (name: string, values: string[]) => params.set(name, [...(params.get(name) ?? []), ...values]);
  for (const p of paramTexts) {
    if (p.trim() === '') continue;
    const eq = p.indexOf('=');
    if (eq < 0) {
      const bare = p.trim().toUpperCase();
      add(ENCODINGS.has(bare) ? 'ENCODING' : 'TYPE', [bare]);
    } else {
      const name = p.slice(0, eq).trim().toUpperCase();
      add(name, splitOutsideQuotes(p.slice(eq + 1), ',').map(paramValue));
    }
  }
  const types = new Set(
    (params.get('TYPE') ?? []).flatMap((t) => t.split(',')).map((t) => t.trim().toLowerCase()),
  );
  return {
    line: line.line,
    group: m[1] ? m[1].toLowerCase() : null,
    name: m[2]!.toUpperCase(),
    params,
    types,
    raw: text.slice(colon + 1),
  };
}

function param(prop: Property, name: string): string | undefined {
  return prop.params.get(name)?.[0];
}

/** Bytes in a charset as text: UTF-8 when none is named (Windows-1252 when they are not UTF-8). */
function decodeBytes(bytes: Uint8Array, charset: string | undefined): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (charset && !/^utf-?8$/iu.test(charset) && iconv.encodingExists(charset))
    return iconv.decode(buf, charset);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return charset ? buf.toString('utf8') : iconv.decode(buf, 'win1252');
  }
}

/** A quoted-printable value (soft line breaks already joined): each run of =XX bytes decoded in the charset. */
function decodeQuotedPrintable(value: string, charset: string | undefined): string {
  // A soft line break at the very end (the card ended after it) breaks nothing.
  const text = value.endsWith('=') ? value.slice(0, -1) : value;
  const out: string[] = [];
  const bytes: number[] = [];
  let literal = 0;
  const flush = (end: number) => {
    if (literal < end) out.push(text.slice(literal, end));
  };
  for (let i = 0; i < text.length;) {
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/u.test(text.slice(i + 1, i + 3))) {
      flush(i);
      while (text[i] === '=' && /^[0-9A-Fa-f]{2}$/u.test(text.slice(i + 1, i + 3))) {
        bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
        i += 3;
      }
      out.push(decodeBytes(Uint8Array.from(bytes), charset));
      bytes.length = 0;
      literal = i;
    } else i++;
  }
  flush(text.length);
  return out.join('');
}

/** The value with its transfer encoding (quoted-printable) undone; escapes are still in it. */
function decoded(prop: Property): string {
  const enc = param(prop, 'ENCODING')?.toUpperCase();
  if (enc === 'QUOTED-PRINTABLE') return decodeQuotedPrintable(prop.raw, param(prop, 'CHARSET'));
  return prop.raw;
}

/** Splits at unescaped separators (any of `seps`); the parts keep their escapes. */
function splitEscaped(text: string, seps: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') i++;
    else if (seps.includes(c)) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

/** Undoes text escapes (\\ \; \, \: \n \N) and makes every line break "\n". */
function unescapeText(text: string): string {
  return text
    .replace(/\\([\\;,:nN])/gu, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c))
    .replace(/\r\n?/gu, '\n');
}

/** A text property's value, trimmed. */
function textOf(prop: Property): string {
  return unescapeText(decoded(prop)).trim();
}

/**
 * A structured property's parts (N, ADR, ORG), each a list of values, trimmed. In 3.0 and 4.0 an
 * unescaped comma separates a part's values; 2.1 has no such lists.
 */
function partsOf(prop: Property, version: string, lists: boolean): string[][] {
  return splitEscaped(decoded(prop), ';').map((part) =>
    (lists && version !== '2.1' ? splitEscaped(part, ',') : [part])
      .map((v) => unescapeText(v).trim())
      .filter((v) => v !== ''),
  );
}

// ---------------------------------------------------------------------------------------------
// Labels, dates, photos

/** Apple's "_$!<HomeFAX>!$_" or a label as typed, as lower-case letters ("homefax"). */
function labelWords(label: string | null): string {
  return (label ?? '')
    .replace(/^_\$!<(.*)>!\$_$/u, '$1')
    .toLowerCase()
    .replace(/[^a-z]+/gu, '');
}

function phoneLabel(types: Set<string>, label: string | null): string {
  const words = labelWords(label);
  if (words !== '') {
    if (words.includes('fax')) return 'fax';
    if (/mobile|cell|iphone|handy/u.test(words)) return 'mobile';
    if (/work|office|business|company/u.test(words)) return 'work';
    if (words.includes('home')) return 'home';
  }
  if (types.has('fax')) return 'fax';
  if (types.has('cell') || types.has('mobile') || types.has('iphone')) return 'mobile';
  if (types.has('work')) return 'work';
  if (types.has('home')) return 'home';
  return 'other';
}

function emailLabel(types: Set<string>, label: string | null): string {
  const words = labelWords(label);
  if (/work|office|business|company/u.test(words)) return 'work';
  if (words.includes('home')) return 'home';
  if (types.has('work')) return 'work';
  if (types.has('home')) return 'home';
  return 'other';
}

/** A number from a TEL value, also a tel: URI ("tel:+1-418-656-9254;ext=102" -> "+1-418-656-9254 ext. 102"). */
function phoneNumber(value: string): string {
  const m = /^tel:([^;]*)(.*)$/iu.exec(value);
  if (!m) return value;
  const ext = /;ext=([^;]+)/iu.exec(m[2]!);
  return ext ? `${m[1]} ext. ${ext[1]}` : m[1]!;
}

type Birthday = { date: string } | { skip: string } | { problem: string };

function birthdayOf(prop: Property, value: string): Birthday {
  const noYear = { skip: 'The birthday has no year; the person is imported without it.' };
  if (param(prop, 'VALUE')?.toLowerCase() === 'text') {
    return { skip: 'The birthday is text, not a date; the person is imported without it.' };
  }
  let m = /^(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?$/u.exec(value);
  if (m) {
    // Apple writes a birthday without a year in 1604, and says so.
    if (m[1] === param(prop, 'X-APPLE-OMIT-YEAR') || m[1] === '0000') return noYear;
    const iso = `${m[1]}-${m[2]}-${m[3]}`;
    return isIsoDate(iso) ? { date: iso } : { problem: 'That date does not exist.' };
  }
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/u.exec(value);
  if (m) {
    const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    return isIsoDate(iso) ? { date: iso } : { problem: 'That date does not exist.' };
  }
  if (/^--\d{2}-?\d{2}$/u.test(value)) return noYear;
  if (/^(?:\d{4}-\d{2}|\d{4})$/u.test(value)) {
    return { skip: 'The birthday has no day; the person is imported without it.' };
  }
  return { problem: 'Not a date this import can read. Write it as 1986-03-31 or 19860331.' };
}

const IMAGE_TYPES: Record<string, string> = {
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  bmp: 'image/bmp',
  tiff: 'image/tiff',
  webp: 'image/webp',
  heic: 'image/heic',
};

/** The image type the bytes start with, if a common one. */
function sniffImage(data: Uint8Array): string | null {
  const at = (i: number, ...bytes: number[]) => bytes.every((b, k) => data[i + k] === b);
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (at(0, 0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (at(0, 0x42, 0x4d)) return 'image/bmp';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  return null;
}

function base64Bytes(text: string): Uint8Array | null {
  const clean = text.replace(/\s+/gu, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/u.test(clean) || clean.length % 4 === 1) return null;
  return new Uint8Array(Buffer.from(clean, 'base64'));
}

/** A data: URI's percent-encoded payload as bytes (other characters as UTF-8). */
function percentBytes(text: string): Uint8Array {
  const parts = text.split(/(%[0-9A-Fa-f]{2})/u);
  return new Uint8Array(
    Buffer.concat(
      parts.map((p) =>
        /^%[0-9A-Fa-f]{2}$/u.test(p) ? Buffer.from([parseInt(p.slice(1), 16)]) : Buffer.from(p),
      ),
    ),
  );
}

type PhotoResult = { photo: VCardPhoto | null } | { skip: string };

function photoOf(prop: Property): PhotoResult {
  const raw = prop.raw.trim();
  const enc = param(prop, 'ENCODING')?.toLowerCase();
  let data: Uint8Array | null;
  let declared: string | undefined;
  const dataUri = /^data:([^,;]*)((?:;[^,;]*)*),(.*)$/isu.exec(raw);
  if (dataUri) {
    declared = dataUri[1]?.trim().toLowerCase() || undefined;
    const isBase64 = /;base64$/iu.test(dataUri[2] ?? '');
    if (isBase64) data = base64Bytes(dataUri[3]!);
    else data = percentBytes(dataUri[3]!);
  } else if (enc === 'b' || enc === 'base64') {
    data = base64Bytes(raw);
    const type = [...prop.types].find((t) => t !== 'pref') ?? param(prop, 'MEDIATYPE')?.toLowerCase();
    declared = type && (type.includes('/') ? type : IMAGE_TYPES[type]);
  } else {
    // A link (VALUE=uri, http:, a file:// path): the picture is not in the file.
    return { photo: null };
  }
  if (!data) return { skip: 'The photo cannot be decoded; the person is imported without it.' };
  if (data.length === 0) return { photo: null };
  return { photo: { mime: sniffImage(data) ?? declared ?? 'application/octet-stream', data } };
}

// ---------------------------------------------------------------------------------------------
// Cards

interface Card {
  line: number;
  props: Property[];
  problems: RowProblem[];
}

const quote = (text: string) => (text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS)}…` : text);

/** The tags of CATEGORIES values, as splitTags keeps them (no Google "myContacts" or "starred"). */
function tagsOf(props: Property[]): string[] {
  const out = new Set<string>();
  for (const p of props) {
    for (const part of splitEscaped(decoded(p), ',;')) {
      const tag = unescapeText(part).trim();
      if (tag !== '' && !/^(?:\*\s*)?(?:mycontacts|starred)$/iu.test(tag)) out.add(tag.slice(0, 60));
    }
  }
  return [...out];
}

/** The person a finished card holds, checked like personFromRecord checks a CSV record. */
function personFromCard(card: Card, options: VCardReadOptions): VCardRow {
  const { line } = card;
  const problems = [...card.problems];
  const skipped: RowProblem[] = [];
  const all = (name: string) => card.props.filter((p) => p.name === name);
  const one = (name: string) => card.props.find((p) => p.name === name);
  const version = one('VERSION') ? textOf(one('VERSION')!) : '3.0';
  const labels = new Map<string, string>();
  for (const p of all('X-ABLABEL')) if (p.group && !labels.has(p.group)) labels.set(p.group, textOf(p));
  const labelOf = (p: Property) => (p.group ? (labels.get(p.group) ?? null) : null);
  const problem = (column: string, value: string, reason: string) =>
    problems.push({ line, column, value: quote(value), reason });

  const person: z.input<typeof PersonInput> = {};

  // The name: N's given (and additional) and family names; else FN, split.
  const n = one('N');
  const nParts = n ? partsOf(n, version, true) : [];
  let given = [...(nParts[1] ?? []), ...(nParts[2] ?? [])].join(' ');
  let family = (nParts[0] ?? []).join(' ');
  let nameColumn = 'N';
  const fn = one('FN');
  if (!given && !family && fn) {
    ({ givenName: given, familyName: family } = splitFullName(textOf(fn)));
    nameColumn = 'FN';
  }
  if (given) person.givenName = given;
  if (family) person.familyName = family;
  if (!given && !family) {
    problem('N', '', 'No name: the card has no given or family name (N) and no full name (FN).');
  }

  const title = one('TITLE');
  if (title && textOf(title)) person.jobTitle = textOf(title);
  const org = one('ORG');
  const companyName = org ? (partsOf(org, version, false)[0]?.[0] ?? null) : null;

  const emailProps = all('EMAIL')
    .map((p) => ({ p, value: textOf(p).replace(/^mailto:/iu, '') }))
    .filter((e) => e.value !== '');
  if (emailProps.length > 0) {
    person.emails = emailProps.map(({ p, value }) => ({
      label: emailLabel(p.types, labelOf(p)),
      email: value,
    }));
  }
  const phoneProps = all('TEL')
    .map((p) => ({ p, value: phoneNumber(textOf(p)) }))
    .filter((t) => t.value !== '');
  if (phoneProps.length > 0) {
    person.phones = phoneProps.map(({ p, value }) => ({
      label: phoneLabel(p.types, labelOf(p)),
      number: value,
    }));
  }

  const adrs = all('ADR');
  const adr =
    adrs.find((p) => p.types.has('pref') || p.params.has('PREF')) ??
    adrs.find((p) => p.types.has('work')) ??
    adrs[0];
  if (adr) {
    const parts = partsOf(adr, version, true);
    const join = (i: number, sep: string) => (parts[i] ?? []).join(sep);
    const address = {
      street: [join(2, '\n'), join(1, '\n'), join(0, '\n')].filter(Boolean).join('\n'),
      city: join(3, ', '),
      region: join(4, ', '),
      postcode: join(5, ', '),
      country: join(6, ', '),
    };
    const present = Object.entries(address).filter(([, v]) => v !== '');
    if (present.length > 0) person.address = Object.fromEntries(present) as typeof person.address;
  }

  const bday = one('BDAY');
  if (bday && textOf(bday)) {
    const value = textOf(bday);
    const b = birthdayOf(bday, value);
    if ('date' in b) person.birthday = b.date;
    else if ('skip' in b) skipped.push({ line, column: 'BDAY', value: quote(value), reason: b.skip });
    else problem('BDAY', value, b.problem);
  }

  const categories = all('CATEGORIES');
  if (categories.length > 0) {
    const tags = tagsOf(categories);
    if (tags.length > 0) person.tags = tags;
  }

  const notes = all('NOTE')
    .map(textOf)
    .filter((t) => t !== '');
  const uid = one('UID');
  const externalId = uid ? textOf(uid).replace(/^urn:uuid:/iu, '') || null : null;

  let photo: VCardPhoto | null = null;
  if (options.photos !== false) {
    for (const p of all('PHOTO')) {
      const result = photoOf(p);
      if ('skip' in result) {
        skipped.push({ line, column: 'PHOTO', value: quote(p.raw.trim()), reason: result.skip });
      } else if (result.photo) {
        photo = result.photo;
        break;
      }
    }
  }

  // Everything people.create checks, reported against the property it came from.
  const checked = PersonInput.safeParse(person);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const [head, index] = issue.path as (string | number)[];
      if (head === 'givenName' && issue.message === 'Enter a name.') continue; // reported above
      const at = typeof index === 'number' ? index : 0;
      switch (head) {
        case 'givenName':
        case 'familyName': {
          const p = nameColumn === 'N' ? n : fn;
          problem(nameColumn, p ? textOf(p) : '', issue.message);
          break;
        }
        case 'jobTitle':
          problem('TITLE', title ? textOf(title) : '', issue.message);
          break;
        case 'birthday':
          problem('BDAY', bday ? textOf(bday) : '', issue.message);
          break;
        case 'tags':
          problem('CATEGORIES', categories.map(textOf).join(','), issue.message);
          break;
        case 'emails':
          problem('EMAIL', emailProps[at]?.value ?? '', issue.message);
          break;
        case 'phones':
          problem('TEL', phoneProps[at]?.value ?? '', issue.message);
          break;
        case 'address':
          problem('ADR', adr ? textOf(adr) : '', issue.message);
          break;
        default:
          problem('', '', issue.message);
      }
    }
  }
  if (problems.length > 0) return { line, ok: false, problems };
  return {
    line,
    ok: true,
    value: {
      person,
      companyName: companyName || null,
      owner: null,
      notes: notes.length > 0 ? notes.join('\n\n') : null,
      externalId,
      photo,
      skipped,
    },
  };
}

/**
 * The cards of a vCard file's text, one at a time, in file order. Throws AppError('VALIDATION')
 * before any card when the text is not a vCard file (empty, or its first line is not BEGIN:VCARD).
 */
export function* iterateVCards(text: string, options: VCardReadOptions = {}): Generator<VCardRow> {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let card: Card | null = null;
  let seen = false;
  let stray: ContentLine | null = null;
  const strayRow = (s: ContentLine): VCardRow => ({
    line: s.line,
    ok: false,
    problems: [
      {
        line: s.line,
        column: '',
        value: quote(s.text.trim()),
        reason: `Line ${s.line} is outside any card (between END:VCARD and BEGIN:VCARD); it was not read.`,
      },
    ],
  });
  const unfinished = (c: Card, why: string): VCardRow => ({
    line: c.line,
    ok: false,
    problems: [
      ...c.problems,
      { line: c.line, column: '', value: '', reason: `The card has no END:VCARD: ${why}. It was not read.` },
    ],
  });

  for (const cl of contentLines(source)) {
    if (cl.text.trim() === '') continue;
    if (BEGIN_VCARD.test(cl.text)) {
      if (stray) yield strayRow(stray);
      stray = null;
      if (card) yield unfinished(card, `another card starts on line ${cl.line}`);
      card = { line: cl.line, props: [], problems: [] };
      seen = true;
      continue;
    }
    if (!card) {
      if (!seen) {
        throw fileError(
          `This is not a vCard file: a vCard file starts with BEGIN:VCARD, but line ${cl.line} reads “${quote(cl.text.trim())}”.`,
          { line: cl.line },
        );
      }
      stray ??= cl;
      continue;
    }
    if (END_VCARD.test(cl.text)) {
      yield personFromCard(card, options);
      card = null;
      continue;
    }
    const prop = parseProperty(cl);
    if (prop) card.props.push(prop);
    else {
      card.problems.push({
        line: card.line,
        column: '',
        value: quote(cl.text.trim()),
        reason: `Line ${cl.line} is not a vCard property (NAME:value).`,
      });
    }
  }
  if (stray) yield strayRow(stray);
  if (card) yield unfinished(card, 'the file ends inside it');
  if (!seen) throw fileError('The file is empty: there are no cards (BEGIN:VCARD) in it.');
}
