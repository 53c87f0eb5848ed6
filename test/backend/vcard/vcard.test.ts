/**
 * vCard import and export: real exports (Apple Contacts 3.0, Google Contacts 3.0, Outlook 2.1 in
 * Windows-1252, Android 2.1 with quoted-printable UTF-8, RFC 6350's own 4.0 example, a malformed
 * file) read to exact values; the grammar's corners one by one (folding, soft line breaks,
 * parameters, escapes, dates, photos); the writer's exact output; and a fuzzed round trip through
 * both versions with every line at most 75 octets.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors.ts';
import { PersonInput } from '../../../shared/api/requests/contacts.requests.ts';
import { PHONE_LABELS, type Person } from '../../../shared/domain/people.ts';
import type { PersonRow } from '../../../electron/backend/import/person-rows.ts';
import {
  decodeVCardBuffer,
  iterateVCards,
  readVCardBuffer,
  readVCards,
  type VCardRow,
} from '../../../electron/backend/vcard/vcard.read.ts';
import {
  escapeVCardText,
  foldVCardLine,
  peopleToVCards,
  personToVCard,
} from '../../../electron/backend/vcard/vcard.write.ts';

const FIXTURES = path.join(import.meta.dirname, '../../fixtures/vcard');
const fixture = (name: string) => readVCardBuffer(fs.readFileSync(path.join(FIXTURES, name)));

/** The 180-byte stand-in JPEG in the Apple and Outlook fixtures. */
function fixtureJpeg(): Uint8Array {
  const b = new Uint8Array(180);
  b.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01]);
  b.set([0x00, 0x01, 0x00, 0x00], 16);
  for (let i = 20; i < 178; i++) b[i] = (i * 37 + 11) & 0xff;
  b[178] = 0xff;
  b[179] = 0xd9;
  return b;
}
/** A 1×1 PNG, as the RFC 6350 fixture's data: URI holds it. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c626001000000ffff03000006000557bfabd40000000049454e44ae426082',
  'hex',
);

/** One card's text, CRLF line ends, wrapped in BEGIN/END. */
const card = (...lines: string[]) => ['BEGIN:VCARD', ...lines, 'END:VCARD', ''].join('\r\n');
/** The only card of a text, which must be importable. */
function only(text: string, options?: { photos?: boolean }) {
  const rows = readVCards(text, options);
  expect(rows).toHaveLength(1);
  const row = rows[0]!;
  if (!row.ok) throw new Error(`not imported: ${JSON.stringify(row.problems)}`);
  return row.value;
}
function failure(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected an error');
}
const base = { companyName: null, owner: null, notes: null, externalId: null, photo: null, skipped: [] };

describe('decoding a file', () => {
  it('reads UTF-8 with and without a byte order mark', () => {
    const text = 'BEGIN:VCARD\r\nFN:Åse Sørensen\r\nEND:VCARD\r\n';
    expect(decodeVCardBuffer(Buffer.from(text, 'utf8'))).toBe(text);
    expect(decodeVCardBuffer(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toBe(text);
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8, and reads UTF-16 with a mark', () => {
    const text = 'FN:Jürgen – Café\r\n';
    expect(decodeVCardBuffer(iconv.encode(text, 'win1252'))).toBe(text);
    expect(decodeVCardBuffer(iconv.encode(text, 'utf16le', { addBOM: true }))).toBe(text);
    expect(decodeVCardBuffer(iconv.encode(text, 'utf16be', { addBOM: true }))).toBe(text);
  });

  it('takes a plain Uint8Array view as well as a Buffer', () => {
    const bytes = new Uint8Array([0x41, 0x42, 0x43, 0x44]).subarray(1, 3);
    expect(decodeVCardBuffer(bytes)).toBe('BC');
  });
});

describe('real exports', () => {
  it('reads Apple Contacts 3.0: item groups with X-ABLabel, the preferred address, a folded photo', () => {
    const rows = fixture('apple-contacts-3.0.vcf');
    expect(rows).toEqual([
      {
        line: 1,
        ok: true,
        value: {
          ...base,
          person: {
            givenName: 'Johnny Quentin',
            familyName: 'Appleseed',
            jobTitle: 'Genius',
            emails: [
              { label: 'work', email: 'johnny@apple.example' },
              { label: 'home', email: 'jq@me.example' },
            ],
            phones: [
              { label: 'mobile', number: '+1 (408) 555-0101' },
              { label: 'work', number: '+1 408 555 0102' },
              { label: 'fax', number: '+1 408 555 0109' },
              { label: 'other', number: '+1 408 555 0103' },
              { label: 'mobile', number: '+1 408 555 0104' },
            ],
            address: {
              street: '1 Infinite Loop\nBuilding 2',
              city: 'Cupertino',
              region: 'CA',
              postcode: '95014',
              country: 'United States',
            },
            birthday: '1985-04-12',
            tags: ['Clients', 'VIP'],
          },
          companyName: 'Apple Inc.',
          notes: 'Met at WWDC, 2019.\nLikes apple pie; dislikes crumble.',
          photo: { mime: 'image/jpeg', data: fixtureJpeg() },
        },
      },
      {
        line: 32,
        ok: true,
        value: {
          ...base,
          person: {
            givenName: 'Åse',
            familyName: 'Sørensen',
            emails: [{ label: 'other', email: 'ase@fjord.example' }],
          },
          skipped: [
            {
              line: 32,
              column: 'BDAY',
              value: '1604-11-22',
              reason: 'The birthday has no year; the person is imported without it.',
            },
          ],
        },
      },
    ]);
  });

  it('reads Google Contacts 3.0: myContacts dropped, a photo link left out, FN split, a card with no name', () => {
    expect(fixture('google-contacts-3.0.vcf')).toEqual([
      {
        line: 1,
        ok: true,
        value: {
          ...base,
          person: {
            givenName: 'Ann',
            familyName: 'Lee',
            jobTitle: 'Partner',
            emails: [
              { label: 'work', email: 'ann.lee@lee-partners.example' },
              { label: 'other', email: 'ann@example.org' },
            ],
            phones: [
              { label: 'mobile', number: '+44 7700 900123' },
              { label: 'other', number: '020 7946 0018' },
            ],
            address: {
              street: '12 Baker Street',
              city: 'London',
              postcode: 'NW1 6XE',
              country: 'United Kingdom',
            },
            birthday: '1986-03-31',
            tags: ['Suppliers'],
          },
          companyName: 'Lee & Partners',
          notes: 'Prefers email.\nCall after 10am; never on Fridays.',
        },
      },
      {
        line: 20,
        ok: true,
        value: {
          ...base,
          person: {
            givenName: 'María',
            familyName: 'de la Cruz',
            emails: [{ label: 'home', email: 'maria@cruz.example' }],
          },
        },
      },
      {
        line: 27,
        ok: false,
        problems: [
          {
            line: 27,
            column: 'N',
            value: '',
            reason: 'No name: the card has no given or family name (N) and no full name (FN).',
          },
        ],
      },
    ]);
  });

  it('reads Outlook 2.1 in Windows-1252: bare parameters, quoted-printable soft breaks, an indented photo', () => {
    const bytes = fs.readFileSync(path.join(FIXTURES, 'outlook-2.1.vcf'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
    expect(readVCardBuffer(bytes)).toEqual([
      {
        line: 1,
        ok: true,
        value: {
          ...base,
          person: {
            givenName: 'Jürgen',
            familyName: 'Müller',
            jobTitle: 'Geschäftsführer',
            emails: [{ label: 'other', email: 'juergen.mueller@cafe-zuerich.example' }],
            phones: [
              { label: 'work', number: '+49 30 1234567' },
              { label: 'home', number: '+49 30 7654321' },
              { label: 'mobile', number: '+49 170 1234567' },
              { label: 'fax', number: '+49 30 1234568' },
            ],
            address: {
              street: 'Hauptstraße 5\nHinterhaus',
              city: 'Berlin',
              postcode: '10115',
              country: 'Deutschland',
            },
            birthday: '1970-03-15',
          },
          companyName: 'Café Zürich GmbH',
          notes: 'Kunde seit 2019 – zahlt pünktlich.\nBevorzugt Anrufe am Vormittag.',
          photo: { mime: 'image/jpeg', data: fixtureJpeg() },
        },
      },
    ]);
  });

  it('reads Android 2.1: UTF-8 quoted-printable broken inside a character, LF line ends, three cards', () => {
    expect(fixture('android-2.1.vcf')).toEqual([
      {
        line: 1,
        ok: true,
        value: {
          ...base,
          person: {
            givenName: 'Игорь',
            familyName: 'Руденков',
            emails: [{ label: 'home', email: 'igor@example.ru' }],
            phones: [
              { label: 'mobile', number: '+7 916 123-45-67' },
              { label: 'home', number: '+7 495 123-45-67' },
            ],
          },
          notes: 'Цена 5 € за штуку\nЗвонить после обеда',
        },
      },
      {
        line: 21,
        ok: true,
        value: {
          ...base,
          person: {
            givenName: 'Игорь',
            familyName: 'Руденков',
            phones: [{ label: 'mobile', number: '+7 916 765-43-21' }],
          },
        },
      },
      {
        line: 30,
        ok: true,
        value: {
          ...base,
          person: {
            givenName: 'Ann',
            familyName: 'Lee',
            phones: [{ label: 'work', number: '020 7946 0018' }],
            address: {
              street: '12 Baker Street',
              city: 'London',
              postcode: 'NW1 6XE',
              country: 'United Kingdom',
            },
            tags: ['Suppliers', 'Local'],
          },
        },
      },
    ]);
  });

  it("reads RFC 6350's 4.0 example, a card with a data: photo and urn:uuid, and one with a photo link", () => {
    expect(fixture('rfc6350-4.0.vcf')).toEqual([
      {
        line: 1,
        ok: true,
        value: {
          ...base,
          person: {
            givenName: 'Simon',
            familyName: 'Perreault',
            emails: [{ label: 'work', email: 'simon.perreault@viagenie.ca' }],
            phones: [
              { label: 'work', number: '+1-418-656-9254 ext. 102' },
              { label: 'mobile', number: '+1-418-262-6501' },
            ],
            address: {
              street: '2875 Laurier\nSuite D2-630',
              city: 'Quebec',
              region: 'QC',
              postcode: 'G1V 2M2',
              country: 'Canada',
            },
          },
          companyName: 'Viagenie',
          skipped: [
            {
              line: 1,
              column: 'BDAY',
              value: '--0203',
              reason: 'The birthday has no year; the person is imported without it.',
            },
          ],
        },
      },
      {
        line: 22,
        ok: true,
        value: {
          ...base,
          person: {
            givenName: 'J.',
            familyName: 'Doe',
            emails: [{ label: 'home', email: 'jdoe@example.com' }],
            phones: [{ label: 'home', number: '+33-01-23-45-67' }],
            address: { street: '12 rue de la Paix', city: 'Paris', postcode: '75002', country: 'France' },
            birthday: '1953-10-15',
            tags: ['Friends', 'Golf,Tennis'],
          },
          notes: 'Première ligne\nDeuxième ligne',
          externalId: '4fbe8971-0bc3-424c-9c26-36c3e1eff6b1',
          photo: { mime: 'image/png', data: new Uint8Array(PNG) },
        },
      },
      {
        line: 38,
        ok: true,
        value: { ...base, person: { givenName: 'Jane', familyName: 'Roe' } },
      },
    ]);
  });

  it('reports each broken card of a malformed file, and still reads the good ones', () => {
    expect(fixture('malformed.vcf')).toEqual([
      {
        line: 1,
        ok: true,
        value: {
          ...base,
          person: {
            givenName: 'Gloria',
            familyName: 'Good',
            emails: [{ label: 'other', email: 'gloria@example.com' }],
          },
        },
      },
      {
        line: 6,
        ok: false,
        problems: [
          {
            line: 6,
            column: '',
            value: '',
            reason: 'The card has no END:VCARD: another card starts on line 9. It was not read.',
          },
        ],
      },
      {
        line: 9,
        ok: false,
        problems: [
          {
            line: 9,
            column: '',
            value: 'this line is not a property',
            reason: 'Line 12 is not a vCard property (NAME:value).',
          },
        ],
      },
      {
        line: 15,
        ok: false,
        problems: [
          {
            line: 15,
            column: '',
            value: 'stray text between cards',
            reason: 'Line 15 is outside any card (between END:VCARD and BEGIN:VCARD); it was not read.',
          },
        ],
      },
      {
        line: 18,
        ok: false,
        problems: [
          { line: 18, column: 'BDAY', value: '1990-02-30', reason: 'That date does not exist.' },
          { line: 18, column: 'TEL', value: '12', reason: 'A phone number needs at least three digits.' },
          {
            line: 18,
            column: 'EMAIL',
            value: 'bob(at)example.com',
            reason: 'Enter an email address like name@example.com.',
          },
        ],
      },
      {
        line: 25,
        ok: false,
        problems: [
          {
            line: 25,
            column: 'BDAY',
            value: 'next Tuesday',
            reason: 'Not a date this import can read. Write it as 1986-03-31 or 19860331.',
          },
        ],
      },
      {
        line: 31,
        ok: false,
        problems: [
          {
            line: 31,
            column: '',
            value: '',
            reason: 'The card has no END:VCARD: the file ends inside it. It was not read.',
          },
        ],
      },
    ]);
  });

  it('refuses a file that is not a vCard file, naming its first line', () => {
    const err = failure(() => fixture('not-a-vcard.vcf'));
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toBe(
      'This is not a vCard file: a vCard file starts with BEGIN:VCARD, but line 1 reads “First Name,Last Name,E-mail Address”.',
    );
    expect(err.details).toEqual({ path: 'file', line: 1 });
  });

  it('gives people every import rule passes, and rows the CSV import can take', () => {
    for (const name of fs.readdirSync(FIXTURES).filter((f) => f !== 'not-a-vcard.vcf')) {
      for (const row of fixture(name)) {
        const asPersonRow: PersonRow = row;
        if (asPersonRow.ok) expect(PersonInput.safeParse(asPersonRow.value.person).success, name).toBe(true);
      }
    }
  });
});

describe('the grammar', () => {
  it('unfolds CRLF, LF and CR continuations starting with a space or a tab', () => {
    const crlf = only(card('VERSION:3.0', 'N:Lee;An', ' n;;;', 'NOTE:one ', '\ttwo', ' three'));
    expect(crlf.person.givenName).toBe('Ann');
    expect(crlf.notes).toBe('one twothree');
    const lf = only('BEGIN:VCARD\nN:Lee;A\n nn;;;\nEND:VCARD\n');
    expect(lf.person.givenName).toBe('Ann');
    const cr = only('BEGIN:VCARD\rN:Lee;A\r nn;;;\rEND:VCARD');
    expect(cr.person.givenName).toBe('Ann');
  });

  it('joins quoted-printable soft line breaks, but never swallows END:VCARD', () => {
    const v = only(
      card('VERSION:2.1', 'N:Lee;Ann', 'NOTE;ENCODING=QUOTED-PRINTABLE:caf=', '=C3=A9 =', 'au lait=', ''),
    );
    expect(v.notes).toBe('café au lait');
    const trailing = readVCards(
      'BEGIN:VCARD\r\nVERSION:2.1\r\nN:Lee;Ann\r\nNOTE;QUOTED-PRINTABLE:x=\r\nEND:VCARD\r\n',
    );
    expect(trailing).toHaveLength(1);
    expect(trailing[0]!.ok && trailing[0]!.value.notes).toBe('x');
  });

  it('decodes quoted-printable in the charset the property names, UTF-8 by default', () => {
    const v = only(
      card(
        'VERSION:2.1',
        'N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=FCrgen',
        'TITLE;ENCODING=QUOTED-PRINTABLE:Gesch=C3=A4ftsf=C3=BChrer',
        'NOTE;ENCODING=QUOTED-PRINTABLE:caf=E9', // no charset, not UTF-8: Windows-1252
        'ORG;CHARSET=KOI8-R;QUOTED-PRINTABLE:=EB=CF=CD=D0=C1=CE=C9=D1',
      ),
    );
    expect(v.person).toEqual({ givenName: 'Jürgen', familyName: 'Müller', jobTitle: 'Geschäftsführer' });
    expect(v.notes).toBe('café');
    expect(v.companyName).toBe('Компания');
  });

  it('reads TYPE as a list, repeated, quoted, bare (2.1) and in lower or upper case', () => {
    const v = only(
      card(
        'VERSION:3.0',
        'N:Lee;Ann',
        'TEL;TYPE=work,voice:1001',
        'TEL;TYPE=HOME;TYPE=VOICE:1002',
        'TEL;TYPE="cell,voice":1003',
        'TEL;FAX;WORK:1004',
        'tel;type=Cell:1005',
        'TEL:1006',
        'EMAIL;INTERNET;HOME:a@b.example',
      ),
    );
    expect(v.person.phones).toEqual([
      { label: 'work', number: '1001' },
      { label: 'home', number: '1002' },
      { label: 'mobile', number: '1003' },
      { label: 'fax', number: '1004' },
      { label: 'mobile', number: '1005' },
      { label: 'other', number: '1006' },
    ]);
    expect(v.person.emails).toEqual([{ label: 'home', email: 'a@b.example' }]);
  });

  it("labels a group's properties by its X-ABLabel, whichever line comes first", () => {
    const v = only(
      card(
        'VERSION:3.0',
        'N:Lee;Ann',
        'item2.X-ABLabel:_$!<WorkFAX>!$_',
        'item1.TEL:2001',
        'item2.TEL;TYPE=WORK:2002',
        'item1.X-ABLabel:_$!<Home>!$_',
        'item3.EMAIL:x@y.example',
        'item3.X-ABLabel:Office',
        'ITEM4.TEL;TYPE=HOME:2003',
        'item4.X-ABLabel:Custom label',
      ),
    );
    expect(v.person.phones).toEqual([
      { label: 'home', number: '2001' },
      { label: 'fax', number: '2002' },
      { label: 'home', number: '2003' },
    ]);
    expect(v.person.emails).toEqual([{ label: 'work', email: 'x@y.example' }]);
  });

  it('undoes escapes, keeps a colon in a value and a colon or semicolon in a quoted parameter', () => {
    const v = only(
      card(
        'VERSION:3.0',
        'N:O\\;Brien\\, Jr;Ann\\\\Marie',
        'TITLE;LANGUAGE="en;GB:x":Head: Sales\\nand\\NMarketing\\, EMEA',
        'NOTE:a\\\\nb \\: c',
        'ADR;LABEL="1 Main St^nTown":;;1 Main St;Town;;;',
      ),
    );
    expect(v.person.familyName).toBe('O;Brien, Jr');
    expect(v.person.givenName).toBe('Ann\\Marie');
    expect(v.person.jobTitle).toBe('Head: Sales\nand\nMarketing, EMEA');
    expect(v.notes).toBe('a\\nb : c');
    expect(v.person.address).toEqual({ street: '1 Main St', city: 'Town' });
  });

  it('reads N with additional names and lists; FN only when N has no name', () => {
    expect(only(card('VERSION:4.0', 'N:Stevenson;John;Philip,Paul;Dr.;Jr.,M.D.', 'FN:Dr. J')).person).toEqual(
      {
        givenName: 'John Philip Paul',
        familyName: 'Stevenson',
      },
    );
    expect(only(card('VERSION:3.0', 'FN:Lee\\, Ann')).person).toEqual({
      givenName: 'Ann',
      familyName: 'Lee',
    });
    expect(only(card('VERSION:2.1', 'N:;;;Mr.;', 'FN:Mr Tom Baker')).person).toEqual({
      givenName: 'Tom',
      familyName: 'Baker',
    });
    // 2.1 has no lists: a comma is a comma.
    expect(only(card('VERSION:2.1', 'N:Lee;Ann,Marie')).person.givenName).toBe('Ann,Marie');
  });

  it('takes the preferred address, else the work one, else the first; ORG up to its first part', () => {
    const adr = (...lines: string[]) => only(card('VERSION:3.0', 'N:Lee;Ann', ...lines)).person.address;
    expect(adr('ADR;TYPE=HOME:;;1 Home St;A;;;', 'ADR;TYPE=WORK:;;2 Work St;B;;;')).toEqual({
      street: '2 Work St',
      city: 'B',
    });
    expect(adr('ADR;TYPE=WORK:;;2 Work St;B;;;', 'ADR;TYPE=HOME;PREF=1:;;1 Home St;A;;;')).toEqual({
      street: '1 Home St',
      city: 'A',
    });
    expect(adr('ADR:PO Box 7;Suite 5;9 High St;C;;;')).toEqual({
      street: '9 High St\nSuite 5\nPO Box 7',
      city: 'C',
    });
    expect(adr('ADR:;;;;;;')).toBeUndefined();
    expect(only(card('VERSION:3.0', 'N:Lee;Ann', 'ORG:Acme\\; Co;Sales;EMEA')).companyName).toBe('Acme; Co');
    expect(only(card('VERSION:3.0', 'N:Lee;Ann', 'ORG:;Sales')).companyName).toBeNull();
  });

  it('reads tags from CATEGORIES, several lines, deduplicated, at most 60 characters each', () => {
    const long = 'x'.repeat(70);
    const v = only(
      card('VERSION:3.0', 'N:Lee;Ann', 'CATEGORIES:a,b\\,c,a', `CATEGORIES:${long}, d ,,myContacts`),
    );
    expect(v.person.tags).toEqual(['a', 'b,c', 'x'.repeat(60), 'd']);
  });

  it('reads UID as the external id, without urn:uuid:', () => {
    expect(only(card('N:Lee;Ann', 'UID:urn:uuid:0190F3C2-7A1B-7C3D-8E4F-123456789ABC')).externalId).toBe(
      '0190F3C2-7A1B-7C3D-8E4F-123456789ABC',
    );
    expect(only(card('N:Lee;Ann', 'UID:crm-42')).externalId).toBe('crm-42');
  });

  it('reads tel: and mailto: URIs', () => {
    const v = only(
      card('VERSION:4.0', 'N:Lee;Ann', 'TEL;VALUE=uri:tel:+44-20-7946-0000', 'EMAIL:mailto:a@b.example'),
    );
    expect(v.person.phones).toEqual([{ label: 'other', number: '+44-20-7946-0000' }]);
    expect(v.person.emails).toEqual([{ label: 'other', email: 'a@b.example' }]);
  });

  it('reads birthdays in every form, leaving out those without a year', () => {
    const bday = (line: string) => {
      const [row] = readVCards(card('VERSION:4.0', 'N:Lee;Ann', line));
      if (!row!.ok) return { problems: row!.problems.map((p) => p.reason) };
      return { birthday: row!.value.person.birthday, skipped: row!.value.skipped.map((s) => s.reason) };
    };
    const noYear = ['The birthday has no year; the person is imported without it.'];
    expect(bday('BDAY:19850412')).toEqual({ birthday: '1985-04-12', skipped: [] });
    expect(bday('BDAY:1985-04-12')).toEqual({ birthday: '1985-04-12', skipped: [] });
    expect(bday('BDAY;VALUE=date:1985-4-2')).toEqual({ birthday: '1985-04-02', skipped: [] });
    expect(bday('BDAY:1985-04-12T10:30:00Z')).toEqual({ birthday: '1985-04-12', skipped: [] });
    expect(bday('BDAY:--0412')).toEqual({ birthday: undefined, skipped: noYear });
    expect(bday('BDAY:--04-12')).toEqual({ birthday: undefined, skipped: noYear });
    expect(bday('BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-12')).toEqual({ birthday: undefined, skipped: noYear });
    expect(bday('BDAY:1604-04-12')).toEqual({ birthday: '1604-04-12', skipped: [] });
    expect(bday('BDAY:1985-04')).toEqual({
      birthday: undefined,
      skipped: ['The birthday has no day; the person is imported without it.'],
    });
    expect(bday('BDAY;VALUE=text:circa 1800')).toEqual({
      birthday: undefined,
      skipped: ['The birthday is text, not a date; the person is imported without it.'],
    });
    expect(bday('BDAY:19850231')).toEqual({ problems: ['That date does not exist.'] });
    expect(bday('BDAY:12/04/1985')).toEqual({
      problems: ['Not a date this import can read. Write it as 1986-03-31 or 19860331.'],
    });
  });

  it('reports a value PersonInput refuses against its property, and every problem of the card', () => {
    const [row] = readVCards(
      card(
        'VERSION:3.0',
        `N:${'L'.repeat(101)};Ann`,
        `TITLE:${'t'.repeat(121)}`,
        'EMAIL:ok@example.com',
        'EMAIL:nope',
      ),
    );
    expect(row).toEqual({
      line: 1,
      ok: false,
      problems: [
        {
          line: 1,
          column: 'N',
          value: `${'L'.repeat(101)};Ann`,
          reason: 'Keep the last name under 100 characters.',
        },
        {
          line: 1,
          column: 'TITLE',
          value: `${'t'.repeat(120)}…`,
          reason: 'The job title must be under 120 characters.',
        },
        { line: 1, column: 'EMAIL', value: 'nope', reason: 'Enter an email address like name@example.com.' },
      ],
    });
  });
});

describe('photos', () => {
  const jpegBase64 = Buffer.from(fixtureJpeg()).toString('base64');

  it('reads 2.1 BASE64 (bare JPEG type), 3.0 ENCODING=b and 4.0 data: URIs', () => {
    const photo = (line: string) => only(card('N:Lee;Ann', line)).photo;
    const jpeg = { mime: 'image/jpeg', data: fixtureJpeg() };
    expect(photo(`PHOTO;JPEG;ENCODING=BASE64:${jpegBase64}`)).toEqual(jpeg);
    expect(photo(`PHOTO;ENCODING=b;TYPE=JPEG:${jpegBase64}`)).toEqual(jpeg);
    expect(photo(`PHOTO:data:image/jpeg;base64,${jpegBase64}`)).toEqual(jpeg);
    expect(photo(`PHOTO:data:image/png;base64,${PNG.toString('base64')}`)).toEqual({
      mime: 'image/png',
      data: new Uint8Array(PNG),
    });
  });

  it('trusts the bytes over the declared type, and the declared type when the bytes say nothing', () => {
    const photo = (line: string) => only(card('N:Lee;Ann', line)).photo;
    expect(photo(`PHOTO;ENCODING=b;TYPE=GIF:${jpegBase64}`)?.mime).toBe('image/jpeg');
    expect(photo('PHOTO;ENCODING=b;TYPE=GIF:AAECAw==')).toEqual({
      mime: 'image/gif',
      data: new Uint8Array([0, 1, 2, 3]),
    });
    expect(photo('PHOTO;ENCODING=b:AAECAw==')?.mime).toBe('application/octet-stream');
    expect(photo('PHOTO:data:,%00%01%FF')).toEqual({
      mime: 'application/octet-stream',
      data: new Uint8Array([0, 1, 255]),
    });
  });

  it('leaves out a photo given as a link, quietly, and one that cannot be decoded, saying so', () => {
    const link = only(card('N:Lee;Ann', 'PHOTO;VALUE=uri:http://example.com/me.jpg'));
    expect(link.photo).toBeNull();
    expect(link.skipped).toEqual([]);
    const bad = only(
      card('N:Lee;Ann', 'PHOTO;ENCODING=b;TYPE=JPEG:not base64!', `PHOTO;ENCODING=b:${jpegBase64}`),
    );
    expect(bad.photo).toEqual({ mime: 'image/jpeg', data: fixtureJpeg() });
    expect(bad.skipped).toEqual([
      {
        line: 1,
        column: 'PHOTO',
        value: 'not base64!',
        reason: 'The photo cannot be decoded; the person is imported without it.',
      },
    ]);
  });

  it('skips every photo when asked to', () => {
    const v = only(card('N:Lee;Ann', `PHOTO;ENCODING=b;TYPE=JPEG:${jpegBase64}`, 'PHOTO;ENCODING=b:!!'), {
      photos: false,
    });
    expect(v.photo).toBeNull();
    expect(v.skipped).toEqual([]);
  });
});

describe('files that are not quite vCards', () => {
  it('refuses an empty file, a binary file and a CSV, before any card', () => {
    expect(failure(() => readVCards('')).message).toBe(
      'The file is empty: there are no cards (BEGIN:VCARD) in it.',
    );
    expect(failure(() => readVCards('\r\n  \r\n')).code).toBe('VALIDATION');
    const binary = decodeVCardBuffer(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x10, 0x0a]));
    expect(failure(() => readVCards(binary)).message).toMatch(/^This is not a vCard file/u);
    const csv = iterateVCards('Name,Email\nAnn,ann@example.com\nBEGIN:VCARD\nN:Lee;Ann\nEND:VCARD\n');
    expect(failure(() => csv.next()).details).toEqual({ path: 'file', line: 1 });
  });

  it('accepts blank lines, a BOM and lower-case BEGIN/END, and a card without VERSION', () => {
    const rows = readVCards(
      '\uFEFF\n\nbegin:vcard\nn:Lee;Ann\nend:vcard\n\n\nBegin:VCard\nFN:Tom Baker\nEnd:VCard',
    );
    expect(rows.map((r) => r.ok && r.value.person)).toEqual([
      { givenName: 'Ann', familyName: 'Lee' },
      { givenName: 'Tom', familyName: 'Baker' },
    ]);
    expect(rows.map((r) => r.line)).toEqual([3, 8]);
  });

  it('hands out cards one at a time, before it has read the rest of the file', () => {
    const cards = iterateVCards(`${card('N:Lee;Ann')}BEGIN:VCARD\nN:Two;Card\n`);
    const first = cards.next();
    expect(first.done).toBe(false);
    expect((first.value as VCardRow).ok).toBe(true);
    const second = cards.next().value as VCardRow;
    expect(second.ok).toBe(false);
    expect(cards.next().done).toBe(true);
  });

  it('reads a large file with big photos in one pass', () => {
    const photo = Buffer.alloc(256 * 1024, 7).toString('base64');
    const folded = foldVCardLine(`PHOTO;ENCODING=b;TYPE=JPEG:${photo}`);
    const text = Array.from({ length: 2000 }, (_, i) =>
      card(
        'VERSION:3.0',
        `N:Person;Number ${i}`,
        `EMAIL:p${i}@example.com`,
        ...(i % 500 === 0 ? [folded] : []),
      ),
    ).join('');
    let count = 0;
    let photos = 0;
    for (const row of iterateVCards(text)) {
      if (!row.ok) throw new Error('unexpected problem');
      count++;
      if (row.value.photo) {
        photos++;
        expect(row.value.photo.data.length).toBe(256 * 1024);
      }
    }
    expect([count, photos]).toEqual([2000, 4]);
  });
});

// ---------------------------------------------------------------------------------------------
// Writing

function makePerson(over: Partial<Person> = {}): Person {
  return {
    id: '0190f3c2-7a1b-7c3d-8e4f-123456789abc',
    givenName: 'Ann',
    familyName: 'Lee',
    displayName: 'Ann Lee',
    companyId: null,
    companyName: null,
    jobTitle: null,
    birthday: null,
    gender: null,
    stage: 'lead',
    source: null,
    ownerId: null,
    tags: [],
    custom: {},
    doNotCall: false,
    emailOptIn: false,
    emailOptInAt: null,
    callingWindow: null,
    phones: [],
    emails: [],
    address: { street: null, city: null, region: null, postcode: null, country: null },
    lastContactAt: null,
    lastAttemptAt: null,
    nextCallAt: null,
    createdAt: 0,
    updatedAt: Date.UTC(2026, 2, 31, 9, 30, 5),
    deletedAt: null,
    ...over,
  };
}

const ann = makePerson({
  companyName: 'Lee & Partners, Ltd',
  jobTitle: 'Partner; Head of Sales',
  birthday: '1986-03-31',
  tags: ['VIP', 'Golf, Tennis'],
  emails: [
    { id: 'e1', label: 'work', email: 'ann@lee.example' },
    { id: 'e2', label: 'home', email: 'ann@home.example' },
  ],
  phones: [
    { id: 'p1', label: 'mobile', number: '+44 7700 900123', digits: '447700900123' },
    { id: 'p2', label: 'fax', number: '020 7946 0019', digits: '2079460019' },
    { id: 'p3', label: 'Reception', number: '020 7946 0018', digits: '2079460018' },
  ],
  address: {
    street: '12 Baker Street\nFlat 2',
    city: 'London',
    region: null,
    postcode: 'NW1 6XE',
    country: 'UK',
  },
});

describe('writing vCards', () => {
  it('writes a 3.0 card as Apple and Google read it', () => {
    expect(personToVCard(ann, '3.0')).toBe(
      [
        'BEGIN:VCARD',
        'VERSION:3.0',
        'PRODID:-//Ledgerline//Ledgerline CRM//EN',
        'UID:0190f3c2-7a1b-7c3d-8e4f-123456789abc',
        'N:Lee;Ann;;;',
        'FN:Ann Lee',
        'ORG:Lee & Partners\\, Ltd',
        'TITLE:Partner\\; Head of Sales',
        'EMAIL;TYPE=INTERNET,WORK,PREF:ann@lee.example',
        'EMAIL;TYPE=INTERNET,HOME:ann@home.example',
        'TEL;TYPE=CELL,VOICE,PREF:+44 7700 900123',
        'TEL;TYPE=FAX:020 7946 0019',
        'item1.TEL;TYPE=VOICE:020 7946 0018',
        'item1.X-ABLabel:Reception',
        'ADR:;;12 Baker Street\\nFlat 2;London;;NW1 6XE;UK',
        'BDAY:1986-03-31',
        'CATEGORIES:VIP,Golf\\, Tennis',
        'REV:2026-03-31T09:30:05Z',
        'END:VCARD',
        '',
      ].join('\r\n'),
    );
  });

  it('writes a 4.0 card: urn:uuid, lower-case types, PREF=1, basic dates', () => {
    expect(personToVCard(ann, '4.0', { companyName: 'Other Co' })).toBe(
      [
        'BEGIN:VCARD',
        'VERSION:4.0',
        'PRODID:-//Ledgerline//Ledgerline CRM//EN',
        'UID:urn:uuid:0190f3c2-7a1b-7c3d-8e4f-123456789abc',
        'N:Lee;Ann;;;',
        'FN:Ann Lee',
        'ORG:Other Co',
        'TITLE:Partner\\; Head of Sales',
        'EMAIL;TYPE=work;PREF=1:ann@lee.example',
        'EMAIL;TYPE=home:ann@home.example',
        'TEL;TYPE=cell,voice;PREF=1:+44 7700 900123',
        'TEL;TYPE=fax:020 7946 0019',
        'item1.TEL;TYPE=voice:020 7946 0018',
        'item1.X-ABLabel:Reception',
        'ADR:;;12 Baker Street\\nFlat 2;London;;NW1 6XE;UK',
        'BDAY:19860331',
        'CATEGORIES:VIP,Golf\\, Tennis',
        'REV:20260331T093005Z',
        'END:VCARD',
        '',
      ].join('\r\n'),
    );
  });

  it('writes only what the person has; a non-uuid id as text; the company can be left out', () => {
    const bare = makePerson({ id: 'legacy;7', displayName: '', companyName: 'Acme' });
    expect(personToVCard(bare, '4.0', { companyName: null })).toBe(
      [
        'BEGIN:VCARD',
        'VERSION:4.0',
        'PRODID:-//Ledgerline//Ledgerline CRM//EN',
        'UID;VALUE=text:legacy\\;7',
        'N:Lee;Ann;;;',
        'FN:Ann Lee',
        'REV:20260331T093005Z',
        'END:VCARD',
        '',
      ].join('\r\n'),
    );
    expect(personToVCard(bare, '3.0')).toContain('\r\nORG:Acme\r\n');
  });

  it('escapes backslash, semicolon, comma and every line break', () => {
    expect(escapeVCardText('a\\b;c,d\r\ne\rf\ng:h')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng:h');
  });

  it('folds at 75 octets without cutting a character, continuation lines starting with a space', () => {
    const line = `TITLE:${'é'.repeat(40)}${'😀'.repeat(20)}${'x'.repeat(30)}`;
    const folded = foldVCardLine(line);
    const lines = folded.split('\r\n');
    expect(lines.map((l) => Buffer.byteLength(l))).toEqual([74, 73, 51]);
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(lines.every((l) => !l.includes('\uFFFD') && Buffer.from(l).toString() === l)).toBe(true);
    expect(
      lines[0] +
        lines
          .slice(1)
          .map((l) => l.slice(1))
          .join(''),
    ).toBe(line);
    expect(foldVCardLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldVCardLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
  });

  it('joins several people into one file, each with its company', () => {
    const bob = makePerson({ id: 'b', givenName: 'Bob', familyName: 'Roe', displayName: 'Bob Roe' });
    const text = peopleToVCards([ann, bob], '3.0', (p) => (p === bob ? 'Roe Ltd' : undefined));
    const rows = readVCards(text);
    expect(rows.map((r) => r.ok && [r.line, r.value.person.givenName, r.value.companyName])).toEqual([
      [1, 'Ann', 'Lee & Partners, Ltd'],
      [20, 'Bob', 'Roe Ltd'],
    ]);
    expect(peopleToVCards([], '4.0')).toBe('');
  });

  it('reads back what it writes, in 3.0 and in 4.0', () => {
    for (const version of ['3.0', '4.0'] as const) {
      expect(only(personToVCard(ann, version))).toEqual({
        ...base,
        person: {
          givenName: 'Ann',
          familyName: 'Lee',
          jobTitle: 'Partner; Head of Sales',
          emails: [
            { label: 'work', email: 'ann@lee.example' },
            { label: 'home', email: 'ann@home.example' },
          ],
          phones: [
            { label: 'mobile', number: '+44 7700 900123' },
            { label: 'fax', number: '020 7946 0019' },
            { label: 'other', number: '020 7946 0018' },
          ],
          address: { street: '12 Baker Street\nFlat 2', city: 'London', postcode: 'NW1 6XE', country: 'UK' },
          birthday: '1986-03-31',
          tags: ['VIP', 'Golf, Tennis'],
        },
        companyName: 'Lee & Partners, Ltd',
        externalId: ann.id,
      });
    }
  });
});

describe('writing photos', () => {
  const bare = makePerson({ id: 'b', companyName: null });
  /** The card's logical PHOTO line (continuations joined) and its physical lines. */
  function photoOf(text: string): { logical: string; physical: string[] } {
    const lines = text.split('\r\n');
    const start = lines.findIndex((l) => l.startsWith('PHOTO'));
    let end = start + 1;
    while (lines[end]!.startsWith(' ')) end++;
    const physical = lines.slice(start, end);
    return {
      logical:
        physical[0]! +
        physical
          .slice(1)
          .map((l) => l.slice(1))
          .join(''),
      physical,
    };
  }

  it('writes PHOTO inline: ENCODING=b with TYPE in 3.0, a data: URI in 4.0, folded at 75 octets, before REV', () => {
    const jpeg = { mime: 'image/jpeg', data: fixtureJpeg() };
    const three = personToVCard(bare, '3.0', { photo: jpeg });
    const photo3 = photoOf(three);
    expect(photo3.logical).toBe(
      `PHOTO;ENCODING=b;TYPE=JPEG:${Buffer.from(fixtureJpeg()).toString('base64')}`,
    );
    expect(photo3.physical.map((l) => Buffer.byteLength(l))).toEqual([75, 75, 75, 45]);
    expect(three).toMatch(/\r\n [A-Za-z0-9+/=]+\r\nREV:/u);
    const four = personToVCard(bare, '4.0', { photo: { mime: 'image/png', data: new Uint8Array(PNG) } });
    expect(photoOf(four).logical).toBe(`PHOTO:data:image/png;base64,${PNG.toString('base64')}`);
    // No photo, or an empty one: no PHOTO line.
    expect(personToVCard(bare, '3.0', { photo: null })).not.toContain('PHOTO');
    expect(
      personToVCard(bare, '4.0', { photo: { mime: 'image/png', data: new Uint8Array() } }),
    ).not.toContain('PHOTO');
    // A type that is not an image's: no TYPE in 3.0.
    expect(
      photoOf(
        personToVCard(bare, '3.0', {
          photo: { mime: 'application/octet-stream', data: new Uint8Array([1, 2, 3]) },
        }),
      ).logical,
    ).toBe('PHOTO;ENCODING=b:AQID');
  });

  it('reads back the photo it writes, byte for byte, in 3.0 and in 4.0', () => {
    const big = new Uint8Array(20_000);
    big.set(fixtureJpeg());
    for (let i = 180; i < big.length; i++) big[i] = (i * 131) & 0xff;
    for (const [mime, data] of [
      ['image/jpeg', fixtureJpeg()],
      ['image/png', new Uint8Array(PNG)],
      ['image/jpeg', big],
    ] as const) {
      for (const version of ['3.0', '4.0'] as const) {
        const text = personToVCard(ann, version, { photo: { mime, data } });
        for (const line of text.slice(0, -2).split('\r\n')) {
          expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
        }
        const value = only(text);
        expect(value.photo).toEqual({ mime, data });
        expect(value.person.givenName).toBe('Ann');
        expect(value.skipped).toEqual([]);
      }
    }
  });

  it('folds long ASCII lines as it folds any other: 75 octets, then a space and 74', () => {
    for (const n of [74, 75, 76, 149, 150, 151, 1000]) {
      const line = 'x'.repeat(n);
      const folded = foldVCardLine(line).split('\r\n');
      expect(folded.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
      expect(folded.slice(1).every((l) => l.startsWith(' ') && l.length > 1)).toBe(true);
      expect(
        folded[0]! +
          folded
            .slice(1)
            .map((l) => l.slice(1))
            .join(''),
      ).toBe(line);
      // The same as the character-by-character fold gives a line with one non-ASCII character at its end.
      const mixed = foldVCardLine(`${line}é`).split('\r\n');
      expect(mixed.slice(0, -1).map((l) => l.length)).toEqual(
        folded.slice(0, mixed.length - 1).map((l) => l.length),
      );
    }
  });
});

describe('round trip (fuzzed)', () => {
  /** Any Unicode text, with the characters vCard gives meaning to (; , \ : = " line breaks) often. */
  const unit = fc.oneof(
    fc.constantFrom(
      ';',
      ',',
      '\\',
      ':',
      '=',
      '"',
      ' ',
      '\t',
      '\n',
      '\r\n',
      '\r',
      '^',
      'é',
      '€',
      '😀',
      '中',
      '\u0301',
    ),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  );
  const text = (max: number) =>
    fc
      .string({ unit, maxLength: Math.min(max, 40) })
      .map((s) => s.trim())
      .filter((s) => s.length <= max);
  const nonEmpty = (max: number) => text(max).filter((s) => s !== '');
  const opt = (max: number) => fc.option(nonEmpty(max), { nil: null });
  const isoDay = fc
    .date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2025, 11, 31)), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const personArb = fc
    .record({
      id: fc.oneof(fc.uuid(), fc.stringMatching(/^[A-Za-z0-9_;,-]{1,30}$/u)),
      givenName: text(100),
      familyName: text(100),
      displayName: text(200),
      companyName: opt(200),
      jobTitle: opt(120),
      birthday: fc.option(isoDay, { nil: null }),
      tags: fc.uniqueArray(
        nonEmpty(60).filter((t) => !/^(?:\*\s*)?(?:mycontacts|starred)$/iu.test(t)),
        { maxLength: 6 },
      ),
      emails: fc.array(
        fc.record({
          id: fc.constant('e'),
          label: fc.constantFrom('work', 'home', 'other'),
          email: fc.stringMatching(/^[a-z0-9]{1,12}@(?:example\.com|mail\.example\.org)$/u),
        }),
        { maxLength: 4 },
      ),
      phones: fc.array(
        fc.record({
          id: fc.constant('p'),
          label: fc.constantFrom(...PHONE_LABELS, 'Reception'),
          number: fc.stringMatching(/^\+?[0-9]{3,12}(?: ext\. [0-9]{1,4})?$/u),
          digits: fc.constant(''),
        }),
        { maxLength: 4 },
      ),
      address: fc.record({
        street: opt(300),
        city: opt(120),
        region: opt(120),
        postcode: opt(20),
        country: opt(80),
      }),
      updatedAt: fc.integer({ min: 0, max: 4_102_444_800_000 }),
    })
    .filter((p) => p.givenName !== '' || p.familyName !== '')
    .map((p) => makePerson(p));

  const lf = (s: string) => s.replace(/\r\n?/gu, '\n');
  const lfOrNull = (s: string | null) => (s === null ? undefined : lf(s));

  it('reads back every field it writes, with every line at most 75 octets', () => {
    fc.assert(
      fc.property(personArb, fc.constantFrom('3.0' as const, '4.0' as const), (person, version) => {
        const out = personToVCard(person, version);
        expect(out.endsWith('\r\n')).toBe(true);
        for (const line of out.slice(0, -2).split('\r\n')) {
          expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
          expect(line).not.toMatch(/[\r\n]/u);
        }
        const value = only(out);
        const address = Object.fromEntries(
          Object.entries(person.address)
            .filter(([, v]) => v !== null)
            .map(([k, v]) => [k, lf(v!)]),
        );
        expect(value).toEqual({
          ...base,
          person: {
            givenName: person.givenName === '' ? undefined : lf(person.givenName),
            familyName: person.familyName === '' ? undefined : lf(person.familyName),
            jobTitle: lfOrNull(person.jobTitle),
            birthday: person.birthday ?? undefined,
            tags: person.tags.length > 0 ? person.tags.map(lf) : undefined,
            emails:
              person.emails.length > 0
                ? person.emails.map(({ label, email }) => ({ label, email }))
                : undefined,
            phones:
              person.phones.length > 0
                ? person.phones.map(({ label, number }) => ({
                    label: label === 'Reception' ? 'other' : label,
                    number,
                  }))
                : undefined,
            address: Object.keys(address).length > 0 ? address : undefined,
          },
          companyName: person.companyName === null ? null : lf(person.companyName),
          externalId: person.id,
        });
        expect(PersonInput.safeParse(value.person).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
