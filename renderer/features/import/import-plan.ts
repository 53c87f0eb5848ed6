/**
 * The wizard's reasoning about a mapping, kept out of the components: which ways of matching the
 * mapped columns allow, whether the mapping can import anyone, and the first rows of the file as
 * they will be imported (the shared converters the import itself uses: names split, dates read in
 * the book's locale, stages and yes/no understood).
 */
import {
  parseImportDate,
  parseStage,
  parseYesNo,
  PERSON_FIELDS,
  splitFullName,
  splitTags,
  type PersonField,
} from '../../../shared/domain/import-mapping.ts';
import { STAGE_LABELS } from '../../../shared/domain/people.ts';
import type { ImportMatch, ImportProblem } from '../../../shared/domain/transfer.ts';
import { isNameField } from './import-words.ts';

export type Mapping = readonly (PersonField | null)[];

/** The fields each way of matching needs one of. */
const MATCH_NEEDS: Record<ImportMatch, readonly PersonField[] | null> = {
  email: ['email', 'email2'],
  phone: ['phone', 'mobile', 'phone2'],
  externalId: ['externalId'],
  none: null,
};

export function matchAvailable(match: ImportMatch, mapping: Mapping): boolean {
  const needs = MATCH_NEEDS[match];
  return needs === null || mapping.some((f) => f !== null && needs.includes(f));
}

/**
 * What a vCard gives, seen as a mapping: names, emails, phones and its UID (the other system's
 * id) among the rest, so a vCard file can add people and every way of matching is open to it.
 */
export const VCARD_MAPPING: Mapping = PERSON_FIELDS.filter(
  (f) => !['stage', 'source', 'owner', 'doNotCall', 'emailOptIn'].includes(f),
);

/** Email when an email column is mapped, else phone, else the other system's id, else none. */
export function defaultMatch(mapping: Mapping): ImportMatch {
  return (['email', 'phone', 'externalId'] as const).find((m) => matchAvailable(m, mapping)) ?? 'none';
}

export function hasName(mapping: Mapping): boolean {
  return mapping.some(isNameField);
}

/** Can the mapping import anyone at all: a name to add people, or a way to find them. */
export type MappingCheck = { ok: true; warning: string | null } | { ok: false; error: string };

export function checkMapping(mapping: Mapping): MappingCheck {
  if (mapping.every((f) => f === null)) {
    return {
      ok: false,
      error: 'Choose a field for at least one column: as it is, nothing would be imported.',
    };
  }
  if (hasName(mapping)) return { ok: true, warning: null };
  if (defaultMatch(mapping) === 'none') {
    return {
      ok: false,
      error:
        'Choose the column that holds the name (full, given or family name). Without one, people cannot be added, and there is no email, phone or ID to find people already in the book by.',
    };
  }
  return {
    ok: true,
    warning:
      'No column gives a name, so this file can only update people already in the book (found by email, phone or ID on the next step). Rows for anyone new will be left out.',
  };
}

/**
 * Gives `field` to column `index`. A field fills from one column only, so a column that had it
 * before is set to "Don't import"; its index is returned so the screen can say so.
 */
export function assignField(
  mapping: Mapping,
  index: number,
  field: PersonField | null,
): { mapping: (PersonField | null)[]; moved: number | null } {
  const next = [...mapping];
  let moved: number | null = null;
  if (field !== null) {
    next.forEach((f, i) => {
      if (i !== index && f === field) {
        next[i] = null;
        moved = i;
      }
    });
  }
  next[index] = field;
  return { mapping: next, moved };
}

/** Up to `max` different non-blank values of a column in the sample. */
export function sampleValues(sample: readonly (readonly string[])[], index: number, max = 3): string[] {
  const out: string[] = [];
  for (const row of sample) {
    const v = (row[index] ?? '').trim();
    if (v !== '' && !out.includes(v)) out.push(v);
    if (out.length === max) break;
  }
  return out;
}

/** The columns of the preview table: the mapped fields in the usual order, a full name as two. */
export function previewFields(mapping: Mapping): PersonField[] {
  const mapped = new Set(mapping.filter((f): f is PersonField => f !== null));
  if (mapped.has('fullName')) {
    mapped.delete('fullName');
    mapped.add('givenName');
    mapped.add('familyName');
  }
  return PERSON_FIELDS.filter((f) => mapped.has(f));
}

export interface PreviewCell {
  text: string;
  /** The value cannot be read (a date that is not one, a stage that is none): the check will say. */
  unreadable?: boolean;
}

/**
 * One record as it will be imported, by field. `formatDay` shows a read date (YYYY-MM-DD) the
 * way the book shows dates.
 */
export function previewRow(
  mapping: Mapping,
  record: readonly string[],
  locale: string,
  formatDay: (iso: string) => string,
): Partial<Record<PersonField, PreviewCell>> {
  const cell = new Map<PersonField, string>();
  mapping.forEach((f, i) => {
    const v = (record[i] ?? '').trim();
    if (f && v !== '') cell.set(f, v);
  });
  const out: Partial<Record<PersonField, PreviewCell>> = {};
  for (const [field, value] of cell) {
    switch (field) {
      case 'fullName':
        break;
      case 'birthday': {
        const iso = parseImportDate(value, locale);
        out.birthday = iso ? { text: formatDay(iso) } : { text: value, unreadable: true };
        break;
      }
      case 'stage': {
        const stage = parseStage(value);
        out.stage = stage ? { text: STAGE_LABELS[stage] } : { text: value, unreadable: true };
        break;
      }
      case 'doNotCall':
      case 'emailOptIn': {
        const yes = parseYesNo(value);
        out[field] = yes === null ? { text: value, unreadable: true } : { text: yes ? 'Yes' : 'No' };
        break;
      }
      case 'tags':
        out.tags = { text: splitTags(value).join(', ') };
        break;
      default:
        out[field] = { text: value };
    }
  }
  const full = cell.get('fullName');
  if (full && !cell.has('givenName') && !cell.has('familyName')) {
    const { givenName, familyName } = splitFullName(full);
    if (givenName) out.givenName = { text: givenName };
    if (familyName) out.familyName = { text: familyName };
  }
  return out;
}

/** The sample's records that are not blank, as many as wanted. */
export function filledRecords(sample: readonly (readonly string[])[], max: number): (readonly string[])[] {
  return sample.filter((r) => r.some((f) => f.trim() !== '')).slice(0, max);
}

/**
 * The check's problem that leaves this record out, found by its column and value (the sample does
 * not know its records' lines). Problems about a whole row cannot be told apart this way.
 */
export function problemOf(
  headers: readonly string[],
  record: readonly string[],
  problems: readonly ImportProblem[],
): ImportProblem | null {
  for (const p of problems) {
    if (p.column === '') continue;
    const i = headers.indexOf(p.column);
    if (i >= 0 && (record[i] ?? '').trim() === p.value.trim()) return p;
  }
  return null;
}
