/**
 * The words the import wizard uses: how a file is read, what it holds, each kind's fields in groups
 * and as headings, a vCard's properties, counts in sentences.
 */
import type { ImportDelimiter, ImportEncoding } from '../../../shared/domain/csv.ts';
import {
  FIELD_LABELS,
  IMPORT_KIND_LABELS,
  type ImportField,
  type ImportKind,
  type KindFields,
} from '../../../shared/domain/import-kinds.ts';
import { PERSON_FIELD_LABELS } from '../../../shared/domain/import-mapping.ts';
import type { ImportCounts } from '../../../shared/domain/transfer.ts';
import type { Section } from '../../stores/ui.store.tsx';

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

/** A group of field choices, as the kind's own page groups them. */
export interface FieldGroup<F extends string = ImportField> {
  label: string;
  fields: F[];
}

type KindGroups = { [K in ImportKind]: FieldGroup<KindFields[K]>[] };

/** The field choices of each kind of file, in groups (every field of the kind, once). */
const FIELD_GROUPS: KindGroups = {
  people: [
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
  ],
  companies: [
    { label: 'Company', fields: ['name', 'domain', 'industry', 'size'] },
    { label: 'Phone', fields: ['phone', 'phone2'] },
    { label: 'Address', fields: ['street', 'city', 'region', 'postcode', 'country'] },
    { label: 'More', fields: ['stage', 'source', 'tags', 'notes', 'externalId'] },
  ],
  calls: [
    {
      label: 'Who it was with',
      fields: ['personName', 'personEmail', 'personPhone', 'personExternalId', 'company'],
    },
    { label: 'When', fields: ['startedAt', 'time', 'duration'] },
    { label: 'The call', fields: ['direction', 'purpose', 'outcome', 'response', 'summary', 'staff'] },
  ],
  products: [
    { label: 'Product', fields: ['name', 'sku', 'kind', 'category', 'description', 'active'] },
    { label: 'Price', fields: ['unit', 'unitPrice', 'unitCost', 'taxRate', 'currency'] },
  ],
  orders: [
    { label: 'Order', fields: ['orderNumber', 'orderDate', 'status', 'currency', 'owner', 'notes'] },
    { label: 'Customer', fields: ['customerName', 'customerEmail', 'customerExternalId', 'company'] },
    {
      label: 'Order line',
      fields: ['product', 'description', 'quantity', 'unitPrice', 'discount', 'taxRate'],
    },
  ],
};

export function fieldGroups(kind: ImportKind): readonly FieldGroup[] {
  return FIELD_GROUPS[kind];
}

/** Fields as short column headings (the preview table, the "comes from" notice). */
const FIELD_HEADINGS: { [K in ImportKind]: Record<KindFields[K], string> } = {
  people: {
    ...PERSON_FIELD_LABELS,
    fullName: 'Full name',
    owner: 'Owner',
    tags: 'Tags',
    notes: 'Note',
    doNotCall: 'Do not call',
    emailOptIn: 'Agreed to email',
  },
  companies: {
    name: 'Company',
    domain: 'Website',
    industry: 'Industry',
    size: 'Size',
    phone: 'Phone',
    phone2: 'Other phone',
    street: 'Street',
    city: 'Town or city',
    region: 'Region',
    postcode: 'Postcode',
    country: 'Country',
    stage: 'Stage',
    source: 'Source',
    tags: 'Tags',
    notes: 'Note',
    externalId: 'ID',
  },
  calls: {
    personName: 'Person',
    personEmail: 'Email',
    personPhone: 'Phone',
    personExternalId: 'Person’s ID',
    company: 'Company',
    startedAt: 'Date',
    time: 'Time',
    duration: 'Duration',
    direction: 'Direction',
    purpose: 'Purpose',
    outcome: 'Outcome',
    response: 'Response',
    summary: 'What was said',
    staff: 'Taken by',
  },
  products: {
    name: 'Name',
    sku: 'SKU',
    kind: 'Product or service',
    category: 'Category',
    unit: 'Unit',
    unitPrice: 'Price',
    unitCost: 'Cost',
    taxRate: 'Tax',
    currency: 'Currency',
    active: 'Active',
    description: 'Description',
  },
  orders: {
    orderNumber: 'Order number',
    orderDate: 'Date',
    status: 'Status',
    customerName: 'Customer',
    customerEmail: 'Customer’s email',
    customerExternalId: 'Customer’s ID',
    company: 'Company',
    currency: 'Currency',
    owner: 'Owner',
    notes: 'Notes',
    product: 'Product',
    description: 'Line',
    quantity: 'Qty',
    unitPrice: 'Unit price',
    discount: 'Discount',
    taxRate: 'Tax',
  },
};

/** A field of a kind as a short heading ("Town or city", "SKU"). */
export function fieldHeading(kind: ImportKind, field: ImportField): string {
  return (FIELD_HEADINGS[kind] as Record<string, string>)[field] ?? field;
}

/** A field of a kind as the column choice names it ("SKU or product code"). */
export function fieldLabel(kind: ImportKind, field: ImportField): string {
  return (FIELD_LABELS[kind] as Record<string, string>)[field] ?? field;
}

/** The choice of what a file holds: its name and what such a file looks like. */
export const KIND_CHOICES: Record<ImportKind, { label: string; hint: string }> = {
  people: { label: 'People', hint: 'Contacts, leads or customers' },
  companies: { label: 'Companies', hint: 'Accounts or organisations' },
  calls: { label: 'Calls', hint: 'A call log: who, when, how long' },
  products: { label: 'Products and services', hint: 'A price list or catalogue' },
  orders: { label: 'Orders', hint: 'One row per order line' },
};

/** Where each kind's records are listed (the way there after an import). */
export const KIND_SECTION: Record<ImportKind, Section> = {
  people: 'contacts',
  companies: 'companies',
  calls: 'calls',
  products: 'products',
  orders: 'orders',
};

/** A past import's kind, in a word. */
export const KIND_NAMES: Record<ImportKind, string> = {
  people: 'People',
  companies: 'Companies',
  calls: 'Calls',
  products: 'Products',
  orders: 'Orders',
};

/** "3 companies", "1 product". */
export function kindCount(kind: ImportKind, n: number): string {
  const { one, many } = IMPORT_KIND_LABELS[kind];
  return plural(n, one, many);
}

/** What a file holds its records in: a CSV file's rows, a vCard file's cards. */
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

const NAME_FIELDS: readonly ImportField[] = ['fullName', 'givenName', 'familyName'];

/** A person's name field (full, given or family name). */
export function isNameField(field: ImportField | null): boolean {
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

/** What an import made besides its own records: "2 companies added", "3 categories added". */
export function madeParts(c: ImportCounts): string[] {
  const parts: string[] = [];
  if (c.companiesCreated > 0) parts.push(`${plural(c.companiesCreated, 'company', 'companies')} added`);
  if (c.categoriesCreated > 0) parts.push(`${plural(c.categoriesCreated, 'category', 'categories')} added`);
  return parts;
}

/**
 * The sentence under a check's or an import's counts: how much of the file was read and what else
 * is made on the way. "5 rows read from contacts.csv; 2 companies will be added for them." An
 * orders file counts orders, made of its rows: "12 orders created from 40 rows of orders.csv."
 */
export function countsNote(
  c: ImportCounts & { fileName: string },
  kind: ImportKind,
  tense: 'will' | 'did',
  unit: Unit = 'row',
): string {
  const will = tense === 'will';
  const be = (n: number) => (will ? 'will be' : n === 1 ? 'was' : 'were');
  const read =
    kind === 'orders'
      ? `${will ? `${plural(c.created, 'new order')}` : `${kindCount('orders', c.created)} created`} from ${plural(c.rows, 'row')} of ${c.fileName}`
      : `${plural(c.rows, unit)} read from ${c.fileName}`;
  const made: string[] = [];
  if (c.companiesCreated > 0) {
    made.push(
      `${plural(c.companiesCreated, 'company', 'companies')} ${be(c.companiesCreated)} added for them`,
    );
  }
  if (c.categoriesCreated > 0) {
    made.push(`${plural(c.categoriesCreated, 'category', 'categories')} ${be(c.categoriesCreated)} added`);
  }
  return `${[read, ...made].join('; ')}.`;
}

/** A cell as one line: line breaks shown as ↵, runs of spaces as one. */
export function oneLine(text: string): string {
  return text
    .replace(/\r\n|\r|\n/gu, ' ↵ ')
    .replace(/[ \t]+/gu, ' ')
    .trim();
}
