/**
 * Writes people as vCards (.vcf), version 3.0 (what Apple Contacts, Google Contacts and Outlook
 * read best) or 4.0 (RFC 6350), one person or a selection.
 *
 * Each card has N, FN, ORG, TITLE, EMAIL and TEL (with TYPE; a label other than the usual ones
 * travels as Apple's and Google's itemN.X-ABLabel), ADR, BDAY, CATEGORIES (the tags), UID (the
 * person's id; urn:uuid: in 4.0), PHOTO when the person has one (3.0: inline base 64 with
 * ENCODING=b and TYPE=JPEG...; 4.0: a data: URI) and REV (when the person last changed). Notes are
 * not written.
 * Telephone numbers are plain text in 4.0 too (RFC 6350 allows it; every address book reads it).
 * Values are escaped (\\ \; \, and line breaks as \n), lines end in CRLF and are folded at 75
 * octets without cutting a UTF-8 character. vcard.read.ts reads all of it back.
 */
import type { Person } from '../../../shared/domain/people.ts';

export type VCardVersion = '3.0' | '4.0';

export interface VCardWriteOptions {
  /** The company to write as ORG (default: the person's own companyName). */
  companyName?: string | null;
  /** The person's photo (people keep theirs apart: the caller reads it). */
  photo?: { mime: string; data: Uint8Array } | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;
const MAX_OCTETS = 75;

/** A text value escaped for a content line: \\ \; \, and every line break as \n. */
export function escapeVCardText(text: string): string {
  return text.replace(/\r\n|[\r\n\\;,]/gu, (c) => {
    if (c === '\\') return '\\\\';
    if (c === ';') return '\\;';
    if (c === ',') return '\\,';
    return '\\n';
  });
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/**
 * A content line folded into lines of at most 75 octets (UTF-8, CRLF not counted), each
 * continuation starting with a space; a character is never cut in two.
 */
export function foldVCardLine(line: string): string {
  // ASCII (a photo's base 64, most lines): one octet a character, cut by slicing.
  // eslint-disable-next-line no-control-regex
  if (/^[\u0000-\u007f]*$/u.test(line)) {
    if (line.length <= MAX_OCTETS) return line;
    const parts = [line.slice(0, MAX_OCTETS)];
    for (let i = MAX_OCTETS; i < line.length; i += MAX_OCTETS - 1)
      parts.push(` ${line.slice(i, i + MAX_OCTETS - 1)}`);
    return parts.join('\r\n');
  }
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const n = utf8Length(ch.codePointAt(0)!);
    if (octets + n > MAX_OCTETS) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += n;
  }
  out.push(current);
  return out.join('\r\n');
}

const PHONE_TYPES: Record<VCardVersion, Record<string, string>> = {
  '3.0': { mobile: 'CELL,VOICE', work: 'WORK,VOICE', home: 'HOME,VOICE', fax: 'FAX', other: 'VOICE' },
  '4.0': { mobile: 'cell,voice', work: 'work,voice', home: 'home,voice', fax: 'fax', other: 'voice' },
};
const EMAIL_TYPES: Record<VCardVersion, Record<string, string>> = {
  '3.0': { work: 'INTERNET,WORK', home: 'INTERNET,HOME', other: 'INTERNET' },
  '4.0': { work: 'work', home: 'home', other: '' },
};

/** A photo's PHOTO line: `PHOTO;ENCODING=b;TYPE=JPEG:…` (3.0) or `PHOTO:data:image/jpeg;base64,…` (4.0). */
function photoLine(photo: { mime: string; data: Uint8Array }, version: VCardVersion): string {
  const base64 = Buffer.from(photo.data.buffer, photo.data.byteOffset, photo.data.byteLength).toString(
    'base64',
  );
  if (version === '4.0') return `PHOTO:data:${photo.mime};base64,${base64}`;
  const type = /^image\/([a-z0-9.+-]+)$/iu.exec(photo.mime)?.[1]?.toUpperCase();
  return `PHOTO;ENCODING=b${type ? `;TYPE=${type}` : ''}:${base64}`;
}

/** 2026-03-31T09:30:00Z (3.0) or 20260331T093000Z (4.0). */
function timestamp(ms: number, version: VCardVersion): string {
  const iso = new Date(ms).toISOString().replace(/\.\d{3}Z$/u, 'Z');
  return version === '3.0' ? iso : iso.replace(/[-:]/gu, '');
}

/** One person as a vCard, CRLF line ends included. */
export function personToVCard(
  person: Person,
  version: VCardVersion,
  options: VCardWriteOptions = {},
): string {
  const lines: string[] = [];
  const put = (line: string) => lines.push(foldVCardLine(line));
  const e = escapeVCardText;
  let item = 0;

  put('BEGIN:VCARD');
  put(`VERSION:${version}`);
  put('PRODID:-//Ledgerline//Ledgerline CRM//EN');
  if (version === '4.0')
    put(UUID.test(person.id) ? `UID:urn:uuid:${person.id.toLowerCase()}` : `UID;VALUE=text:${e(person.id)}`);
  else put(`UID:${e(person.id)}`);
  put(`N:${e(person.familyName)};${e(person.givenName)};;;`);
  const fullName =
    person.displayName.trim() || [person.givenName, person.familyName].filter(Boolean).join(' ') || person.id;
  put(`FN:${e(fullName)}`);
  const company = options.companyName === undefined ? person.companyName : options.companyName;
  if (company) put(`ORG:${e(company)}`);
  if (person.jobTitle) put(`TITLE:${e(person.jobTitle)}`);

  /** A line with TYPE for a known label; any other label as itemN.X-ABLabel beside it. */
  const labelled = (
    name: string,
    label: string,
    types: Record<string, string>,
    value: string,
    pref: boolean,
  ) => {
    const known = Object.hasOwn(types, label);
    const typeValues = [known ? types[label]! : types.other!].filter(Boolean);
    if (pref && version === '3.0') typeValues.push('PREF');
    const params = `${typeValues.length > 0 ? `;TYPE=${typeValues.join(',')}` : ''}${pref && version === '4.0' ? ';PREF=1' : ''}`;
    if (known || label.trim() === '') {
      put(`${name}${params}:${value}`);
      return;
    }
    item++;
    put(`item${item}.${name}${params}:${value}`);
    put(`item${item}.X-ABLabel:${e(label)}`);
  };
  person.emails.forEach((m, i) => labelled('EMAIL', m.label, EMAIL_TYPES[version], e(m.email), i === 0));
  person.phones.forEach((p, i) => labelled('TEL', p.label, PHONE_TYPES[version], e(p.number), i === 0));

  const a = person.address;
  if (a.street || a.city || a.region || a.postcode || a.country) {
    const parts = ['', '', a.street, a.city, a.region, a.postcode, a.country].map((v) => e(v ?? ''));
    put(`ADR:${parts.join(';')}`);
  }
  if (person.birthday)
    put(`BDAY:${version === '3.0' ? person.birthday : person.birthday.replace(/-/gu, '')}`);
  if (person.tags.length > 0) put(`CATEGORIES:${person.tags.map(e).join(',')}`);
  if (options.photo && options.photo.data.length > 0) put(photoLine(options.photo, version));
  put(`REV:${timestamp(person.updatedAt, version)}`);
  put('END:VCARD');
  return `${lines.join('\r\n')}\r\n`;
}

/** Several people as one .vcf file's text: their cards one after another. */
export function peopleToVCards(
  people: Iterable<Person>,
  version: VCardVersion,
  companyName?: (person: Person) => string | null | undefined,
): string {
  const cards: string[] = [];
  for (const person of people) {
    const name = companyName?.(person);
    cards.push(personToVCard(person, version, name === undefined ? {} : { companyName: name }));
  }
  return cards.join('');
}
