/**
 * A person being written or edited: a form-friendly draft, its conversion to the contract's
 * input, and the backend's VALIDATION issues mapped back onto the exact row and field.
 */
import { AppError } from '../../../shared/api/errors.ts';
import type {
  CallingWindow,
  CustomField,
  CustomValue,
  DuplicateMatch,
  Person,
  Stage,
} from '../../../shared/domain/people.ts';
import { digitsOnly, normalisePhone } from '../../../shared/domain/phone.ts';
import type { RequestInput } from '../../../shared/api/requests.ts';

type PersonInputShape = RequestInput<'people.create'>['person'];

export interface PhoneRow {
  key: string;
  id?: string;
  label: string;
  number: string;
}

export interface EmailRow {
  key: string;
  id?: string;
  label: string;
  email: string;
}

export interface WindowDraft {
  enabled: boolean;
  days: number[];
  from: string;
  to: string;
  timeZone: string;
}

export interface PersonDraft {
  givenName: string;
  familyName: string;
  companyId: string | null;
  companyName: string;
  jobTitle: string;
  stage: Stage;
  ownerId: string | null;
  source: string;
  tags: string[];
  birthday: string;
  phones: PhoneRow[];
  emails: EmailRow[];
  address: { street: string; city: string; region: string; postcode: string; country: string };
  doNotCall: boolean;
  emailOptIn: boolean;
  callingWindow: WindowDraft;
  custom: Record<string, CustomValue>;
}

/** The parts of a person a form section edits. */
export type Section = 'name' | 'contact' | 'work' | 'about' | 'address' | 'consent' | 'window' | 'custom';
export const ALL_SECTIONS: readonly Section[] = [
  'name',
  'work',
  'contact',
  'about',
  'address',
  'consent',
  'window',
  'custom',
];

const SECTION_FIELDS: Record<Section, (keyof PersonInputShape)[]> = {
  name: ['givenName', 'familyName'],
  work: ['companyId', 'jobTitle', 'stage', 'ownerId', 'tags'],
  contact: ['phones', 'emails'],
  about: ['birthday', 'source'],
  address: ['address'],
  consent: ['doNotCall', 'emailOptIn'],
  window: ['callingWindow'],
  custom: ['custom'],
};

let keySeq = 0;
export const rowKey = () => `r${++keySeq}`;

export function localTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export function blankDraft(ownerId: string | null = null): PersonDraft {
  return {
    givenName: '',
    familyName: '',
    companyId: null,
    companyName: '',
    jobTitle: '',
    stage: 'lead',
    ownerId,
    source: '',
    tags: [],
    birthday: '',
    phones: [{ key: rowKey(), label: 'mobile', number: '' }],
    emails: [{ key: rowKey(), label: 'work', email: '' }],
    address: { street: '', city: '', region: '', postcode: '', country: '' },
    doNotCall: false,
    emailOptIn: false,
    callingWindow: {
      enabled: false,
      days: [1, 2, 3, 4, 5],
      from: '09:00',
      to: '17:00',
      timeZone: localTimeZone(),
    },
    custom: {},
  };
}

export function draftOf(p: Person): PersonDraft {
  const w: CallingWindow | null = p.callingWindow;
  return {
    givenName: p.givenName,
    familyName: p.familyName,
    companyId: p.companyId,
    companyName: p.companyName ?? '',
    jobTitle: p.jobTitle ?? '',
    stage: p.stage,
    ownerId: p.ownerId,
    source: p.source ?? '',
    tags: [...p.tags],
    birthday: p.birthday ?? '',
    phones: p.phones.map((ph) => ({ key: rowKey(), id: ph.id, label: ph.label, number: ph.number })),
    emails: p.emails.map((e) => ({ key: rowKey(), id: e.id, label: e.label, email: e.email })),
    address: {
      street: p.address.street ?? '',
      city: p.address.city ?? '',
      region: p.address.region ?? '',
      postcode: p.address.postcode ?? '',
      country: p.address.country ?? '',
    },
    doNotCall: p.doNotCall,
    emailOptIn: p.emailOptIn,
    callingWindow: w
      ? { enabled: true, days: [...w.days], from: w.from, to: w.to, timeZone: w.timeZone }
      : { enabled: false, days: [1, 2, 3, 4, 5], from: '09:00', to: '17:00', timeZone: localTimeZone() },
    custom: { ...p.custom },
  };
}

/** What was sent: the phone and email rows in the order the backend numbers them. */
export interface Sent {
  input: PersonInputShape;
  phoneKeys: string[];
  emailKeys: string[];
}

function customInput(draft: PersonDraft, fields: readonly CustomField[]): Record<string, CustomValue> {
  const out: Record<string, CustomValue> = {};
  for (const f of fields) {
    const v = draft.custom[f.key];
    if (v === undefined) continue;
    if (typeof v === 'string' && v.trim() === '') out[f.key] = null;
    else if (Array.isArray(v) && v.length === 0) out[f.key] = null;
    else out[f.key] = v;
  }
  return out;
}

/** The contract input for the given sections (all of them for a new person). */
export function toInput(
  draft: PersonDraft,
  fields: readonly CustomField[],
  sections: readonly Section[] = ALL_SECTIONS,
): Sent {
  const phones = draft.phones.filter((p) => p.number.trim() !== '');
  const emails = draft.emails.filter((e) => e.email.trim() !== '');
  const w = draft.callingWindow;
  const all: PersonInputShape = {
    givenName: draft.givenName,
    familyName: draft.familyName,
    companyId: draft.companyId,
    jobTitle: draft.jobTitle,
    stage: draft.stage,
    ownerId: draft.ownerId,
    source: draft.source,
    tags: draft.tags,
    birthday: draft.birthday.trim() === '' ? null : draft.birthday.trim(),
    phones: phones.map((p) => ({ ...(p.id ? { id: p.id } : {}), label: p.label, number: p.number })),
    emails: emails.map((e) => ({ ...(e.id ? { id: e.id } : {}), label: e.label, email: e.email.trim() })),
    address: { ...draft.address },
    doNotCall: draft.doNotCall,
    emailOptIn: draft.emailOptIn,
    callingWindow: w.enabled
      ? { days: [...w.days].sort((a, b) => a - b), from: w.from, to: w.to, timeZone: w.timeZone }
      : null,
    custom: customInput(draft, fields),
  };
  const wanted = new Set(sections.flatMap((s) => SECTION_FIELDS[s]));
  const input = Object.fromEntries(
    Object.entries(all).filter(([k]) => wanted.has(k as keyof PersonInputShape)),
  ) as PersonInputShape;
  return { input, phoneKeys: phones.map((p) => p.key), emailKeys: emails.map((e) => e.key) };
}

export interface DraftErrors {
  /** Keyed by form field: givenName, phones.<rowKey>.number, emails.<rowKey>.email, custom.<key>, … */
  fields: Record<string, string>;
  form: string | null;
}

/**
 * Maps the backend's issues onto the form. Paths come as `person.emails.0.email` (schema),
 * `patch.callingWindow.to` (an update) or `custom.size` (the handler's own checks).
 */
export function draftErrors(err: unknown, sent: Sent): DraftErrors {
  if (!(err instanceof AppError))
    return { fields: {}, form: 'Something went wrong, so nothing was saved. Try again.' };
  const issues = (err.details as { issues?: { path: string; message: string }[] } | undefined)?.issues;
  if (!Array.isArray(issues) || issues.length === 0) return { fields: {}, form: err.message };
  const fields: Record<string, string> = {};
  let form: string | null = null;
  for (const issue of issues) {
    const parts = issue.path.split('.').filter(Boolean);
    if (parts[0] === 'person' || parts[0] === 'patch') parts.shift();
    const [head, second, third] = parts;
    let key: string | null = null;
    if ((head === 'phones' || head === 'emails') && second !== undefined) {
      const rowKeys = head === 'phones' ? sent.phoneKeys : sent.emailKeys;
      const row = rowKeys[Number(second)];
      if (row) key = `${head}.${row}.${third ?? (head === 'phones' ? 'number' : 'email')}`;
      else key = head;
    } else if (head === 'custom' && second) key = `custom.${second}`;
    else if (head === 'address' && second) key = `address.${second}`;
    else if (head === 'callingWindow') key = `callingWindow.${second ?? 'days'}`;
    else if (head === 'displayName') key = 'givenName';
    else if (head) key = head;
    if (key) fields[key] ??= issue.message;
    else form ??= issue.message;
  }
  return { fields, form };
}

/** The duplicates a save was refused for (people.create answers CONFLICT with them). */
export function duplicatesOf(err: unknown): DuplicateMatch[] | null {
  if (!(err instanceof AppError) || err.code !== 'CONFLICT') return null;
  const d = (err.details as { duplicates?: DuplicateMatch[] } | undefined)?.duplicates;
  return Array.isArray(d) && d.length > 0 ? d : null;
}

/** Whether a stored email or phone (as the backend matched it) is the one in this row. */
export function sameEmail(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function samePhone(a: string, b: string): boolean {
  const da = normalisePhone(a).digits;
  const db = normalisePhone(b).digits;
  if (da && da === db) return true;
  const ra = digitsOnly(a);
  const rb = digitsOnly(b);
  return ra.length >= 6 && rb.length >= 6 && (ra.endsWith(rb) || rb.endsWith(ra));
}
