/**
 * The words the import wizard uses: how a file is read, the fields in groups, a vCard's properties,
 * counts in sentences.
 */
import type { ImportDelimiter, ImportEncoding } from '../../../shared/domain/csv.ts';
import { PERSON_FIELD_LABELS, type PersonField } from '../../../shared/domain/import-mapping.ts';
import type { ImportCounts } from '../../../shared/domain/transfer.ts';

export const ENCODING_LABELS: Record<ImportEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252 (older Excel)',
};

export const DELIMITER_LABELS: Record<ImportDelimiter, string> = {
  ',': 'Comma ( , )',
  ';': 'Semicolon ( ; )',
  '\t': 'Tab',
  '|': 'Pipe ( | )',
};

/** "semicolons" in a sentence: "columns split by semicolons". */
export const DELIMITER_WORDS: Record<ImportDelimiter, string> = {
  ',': 'commas',
  ';': 'semicolons',
  '\t': 'tabs',
  '|': 'pipes',
};

/** The field choices, grouped as a person's page groups them. */
export const FIELD_GROUPS: { label: string; fields: PersonField[] }[] = [
  { label: 'Name', fields: ['fullName', 'givenName', 'familyName'] },
  { label: 'Work', fields: ['company', 'jobTitle'] },
  { label: 'Email and phone', fields: ['email', 'email2', 'phone', 'mobile', 'phone2'] },
  { label: 'Address', fields: ['street', 'city', 'postcode', 'country'] },
  {
    label: 'More',
    fields: [
      'birthday',
      'stage',
      'source',
      'owner',
      'tags',
      'notes',
      'doNotCall',
      'emailOptIn',
      'externalId',
    ],
  },
];

/** A field as a column heading of the preview table. */
export const FIELD_HEADINGS: Record<PersonField, string> = {
  ...PERSON_FIELD_LABELS,
  fullName: 'Full name',
  owner: 'Owner',
  tags: 'Tags',
  notes: 'Note',
  doNotCall: 'Do not call',
  emailOptIn: 'Agreed to email',
};

/** What a file holds people in: a CSV file's rows, a vCard file's cards. */
export type Unit = 'row' | 'card';

/** A vCard property a problem names (N, BDAY…), in plain words; others are shown as they are. */
export const VCARD_PROPERTY_WORDS: Record<string, string> = {
  N: 'Name',
  FN: 'Full name',
  ORG: 'Company',
  TITLE: 'Job title',
  EMAIL: 'Email',
  TEL: 'Phone',
  ADR: 'Address',
  BDAY: 'Birthday',
  NOTE: 'Note',
  CATEGORIES: 'Categories',
  UID: 'ID',
  PHOTO: 'Photo',
};

const NAME_FIELDS: readonly PersonField[] = ['fullName', 'givenName', 'familyName'];

export function isNameField(field: PersonField | null): boolean {
  return field !== null && NAME_FIELDS.includes(field);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** A file size in the user's locale: "812 bytes", "4.2 KB", "1.3 MB". */
export function sizeText(bytes: number, locale: string): string {
  const f = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${f.format(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1024 ** 2) return `${f.format(bytes / 1024)} KB`;
  if (bytes < 1024 ** 3) return `${f.format(bytes / 1024 ** 2)} MB`;
  return `${f.format(bytes / 1024 ** 3)} GB`;
}

/** What an import did, as short parts: "3 added", "1 updated"… (zeros left out, except added). */
export function countParts(c: ImportCounts): string[] {
  const parts = [`${c.created.toLocaleString()} added`];
  if (c.updated > 0) parts.push(`${c.updated.toLocaleString()} updated`);
  if (c.unchanged > 0) parts.push(`${c.unchanged.toLocaleString()} unchanged`);
  if (c.skipped > 0) parts.push(`${c.skipped.toLocaleString()} skipped`);
  if (c.failed > 0) parts.push(`${c.failed.toLocaleString()} with errors`);
  return parts;
}

/** A cell as one line: line breaks shown as ↵, runs of spaces as one. */
export function oneLine(text: string): string {
  return text
    .replace(/\r\n|\r|\n/gu, ' ↵ ')
    .replace(/[ \t]+/gu, ' ')
    .trim();
}
