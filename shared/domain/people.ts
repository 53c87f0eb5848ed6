/** People, companies and what hangs off them: the customer book's core types. */

export const STAGES = ['lead', 'prospect', 'customer', 'former'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABELS: Record<Stage, string> = {
  lead: 'Lead',
  prospect: 'Prospect',
  customer: 'Customer',
  former: 'Former customer',
};

export const GENDERS = ['female', 'male', 'nonbinary', 'unspecified'] as const;
export type Gender = (typeof GENDERS)[number];

export const PHONE_LABELS = ['mobile', 'work', 'home', 'fax', 'other'] as const;
export const EMAIL_LABELS = ['work', 'home', 'other'] as const;

export interface Phone {
  id: string;
  label: string;
  number: string;
  /** National significant digits, for search and look-up. */
  digits: string;
}

export interface Email {
  id: string;
  label: string;
  email: string;
}

export interface Address {
  street: string | null;
  city: string | null;
  region: string | null;
  postcode: string | null;
  country: string | null;
}

/** When a person likes to be called: ISO weekdays (1 = Monday ... 7 = Sunday), local times, a zone. */
export interface CallingWindow {
  days: number[];
  from: string; // HH:MM
  to: string; // HH:MM
  timeZone: string; // IANA, e.g. Europe/London
}

export type CustomValue = string | number | boolean | string[] | null;

export interface Person {
  id: string;
  givenName: string;
  familyName: string;
  displayName: string;
  companyId: string | null;
  companyName: string | null;
  jobTitle: string | null;
  birthday: string | null;
  gender: Gender | null;
  stage: Stage;
  source: string | null;
  ownerId: string | null;
  tags: string[];
  custom: Record<string, CustomValue>;
  doNotCall: boolean;
  emailOptIn: boolean;
  emailOptInAt: number | null;
  callingWindow: CallingWindow | null;
  phones: Phone[];
  emails: Email[];
  address: Address;
  lastContactAt: number | null;
  lastAttemptAt: number | null;
  nextCallAt: number | null;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

/** One line of the contacts list. */
export interface PersonRow {
  id: string;
  displayName: string;
  companyId: string | null;
  companyName: string | null;
  jobTitle: string | null;
  stage: Stage;
  ownerId: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
  tags: string[];
  lastContactAt: number | null;
  nextCallAt: number | null;
  createdAt: number;
}

export interface Company {
  id: string;
  name: string;
  domain: string | null;
  industry: string | null;
  size: string | null;
  /** Lifecycle stage, when set (a company can be a lead, a prospect, a customer…). */
  stage: Stage | null;
  /** Where the company came from (a lead's source). */
  source: string | null;
  phones: Phone[];
  address: Address;
  tags: string[];
  custom: Record<string, CustomValue>;
  peopleCount: number;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

export interface CompanyRow {
  id: string;
  name: string;
  domain: string | null;
  industry: string | null;
  city: string | null;
  peopleCount: number;
  tags: string[];
  createdAt: number;
}

export interface Tag {
  id: string;
  name: string;
  people: number;
  companies: number;
}

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'select', 'multiselect', 'checkbox'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export interface CustomField {
  id: string;
  entity: 'person' | 'company';
  key: string;
  label: string;
  type: CustomFieldType;
  options: string[];
  position: number;
}

export interface DuplicateMatch {
  personId: string;
  displayName: string;
  companyName: string | null;
  /** What matched: the email or phone as stored. */
  matchedOn: { kind: 'email' | 'phone'; value: string }[];
}

export type SearchKind = 'person' | 'company' | 'note' | 'call';
export interface SearchHit {
  kind: SearchKind;
  id: string;
  /** The person or company it belongs to, for opening it. */
  personId: string | null;
  companyId: string | null;
  title: string;
  detail: string;
}
export interface SearchResult {
  query: string;
  /** Only kinds with hits, always in the order person, company, note, call. */
  groups: { kind: SearchKind; hits: SearchHit[] }[];
}

export const TRASH_KINDS = [
  'person',
  'company',
  'call',
  'task',
  'note',
  'order',
  'product',
  'deal',
  'case',
] as const;

export interface TrashItem {
  kind: (typeof TRASH_KINDS)[number];
  id: string;
  title: string;
  deletedAt: number;
  /** The name of the staff profile that deleted it, when known. */
  deletedBy: string | null;
}

/** A page of a keyset-paginated list. */
export interface Page<T> {
  rows: T[];
  /** Pass back to get the next page; null at the end. */
  nextCursor: string | null;
}

/** The result of a bulk or batch operation that can be undone. */
export interface BatchResult {
  batchId: string;
  count: number;
}

/** The picture types a person's photo may be, told from its bytes (not its name). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];
/** The largest photo a person can be given: 5 MB. */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

/**
 * A person's photo, as the page shows it: a data: URL (the page's CSP allows data: images only).
 * `mime` is what the bytes are; a photo a vCard brought may be of a type no browser shows (HEIC).
 */
export interface PersonPhoto {
  personId: string;
  mime: string;
  bytes: number;
  updatedAt: number;
  dataUrl: string;
}

/** A photo set or removed: one undoable change (batches.undo with its batchId). */
export interface PhotoChange {
  photo: PersonPhoto | null;
  batchId: string;
}

/** Why a file of this size cannot be a photo (null: the size is fine), naming the file. */
export function photoSizeProblem(name: string, bytes: number): string | null {
  if (bytes === 0) return `${name} is empty. Choose a JPEG, PNG, GIF or WebP picture.`;
  if (bytes <= PHOTO_MAX_BYTES) return null;
  const mb = (bytes / (1024 * 1024)).toFixed(1);
  return `${name} is ${mb} MB; a photo can be at most 5 MB. Choose a smaller picture.`;
}
