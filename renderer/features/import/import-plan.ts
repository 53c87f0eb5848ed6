/**
 * The wizard's reasoning about a mapping, kept out of the components, for each kind of file
 * (shared/domain/import-kinds.ts): which ways of matching the mapped columns allow, whether the
 * mapping can import anything (REQUIRED_FIELDS, and a name to add new records), and the first
 * rows of the file as they will be imported (the shared converters the import itself uses: names
 * split, dates read in the book's locale, stages and yes/no understood).
 */
import {
  IMPORT_KIND_LABELS,
  KIND_FIELDS,
  KIND_MATCHES,
  MATCH_FIELD,
  missingFields,
  type ImportField,
  type ImportKind,
  type ImportMatch,
} from '../../../shared/domain/import-kinds.ts';
import {
  parseImportDate,
  parseStage,
  parseYesNo,
  PERSON_FIELDS,
  splitFullName,
  splitTags,
} from '../../../shared/domain/import-mapping.ts';
import { STAGE_LABELS } from '../../../shared/domain/people.ts';
import type { ImportProblem } from '../../../shared/domain/transfer.ts';
import { isNameField } from './import-words.ts';

export type Mapping = readonly (ImportField | null)[];

/**
 * Fields that serve a match rule as well as MATCH_FIELD's: a person's second email or other
 * phones, and for calls "the person (or company) with that name", the company's name.
 */
const MATCH_ALSO: { [K in ImportKind]?: Partial<Record<ImportMatch, readonly ImportField[]>> } = {
  people: { email: ['email2'], phone: ['mobile', 'phone2'] },
  calls: { name: ['company'] },
};

/** The fields a match rule reads, any one of which will do; empty for a rule that reads none. */
export function matchFields(kind: ImportKind, match: ImportMatch): readonly ImportField[] {
  const field = MATCH_FIELD[kind][match];
  return field ? [field, ...(MATCH_ALSO[kind]?.[match] ?? [])] : [];
}

/** Whether the kind offers the rule and the mapping gives what it reads. */
export function matchAvailable(kind: ImportKind, match: ImportMatch, mapping: Mapping): boolean {
  if (!KIND_MATCHES[kind].includes(match)) return false;
  const needs = matchFields(kind, match);
  return needs.length === 0 || mapping.some((f) => f !== null && needs.includes(f));
}

/**
 * The first rule the kind offers that the mapping allows (people: email, else phone, else the
 * other system's id, else none); the kind's first rule when none is.
 */
export function defaultMatch(kind: ImportKind, mapping: Mapping): ImportMatch {
  const offered = KIND_MATCHES[kind];
  return offered.find((m) => matchAvailable(kind, m, mapping)) ?? offered[0]!;
}

/**
 * What a vCard gives, seen as a mapping of people: names, emails, phones and its UID (the other
 * system's id) among the rest, so a vCard file can add people and every way of matching is open.
 */
export const VCARD_MAPPING: Mapping = PERSON_FIELDS.filter(
  (f) => !['stage', 'source', 'owner', 'doNotCall', 'emailOptIn'].includes(f),
);

/** The fields that name a new record of the kind; null when the kind is always added (calls, orders). */
const NAME_OF: Record<ImportKind, ((field: ImportField | null) => boolean) | null> = {
  people: isNameField,
  companies: (f) => f === 'name',
  products: (f) => f === 'name',
  calls: null,
  orders: null,
};

/** Whether the mapping names new records, so rows that match nothing can be added. */
export function hasName(kind: ImportKind, mapping: Mapping): boolean {
  const named = NAME_OF[kind];
  return named === null || mapping.some(named);
}

/** Can the mapping import anything at all. */
export type MappingCheck = { ok: true; warning: string | null } | { ok: false; error: string };

/**
 * For the kinds whose new records need a name: that name, and the ways such a file finds the
 * records it updates without one, in words.
 */
const NAMED: Partial<Record<ImportKind, { name: string; foundBy: string }>> = {
  people: { name: 'a name', foundBy: 'email, phone or ID' },
  companies: { name: 'the company name', foundBy: 'ID' },
  products: { name: 'the product name', foundBy: 'SKU' },
};

export function checkMapping(kind: ImportKind, mapping: Mapping): MappingCheck {
  if (mapping.every((f) => f === null)) {
    return {
      ok: false,
      error: 'Choose a field for at least one column: as it is, nothing would be imported.',
    };
  }
  const missing = missingFields(kind, (field) => mapping.includes(field));
  if (missing.length > 0) return { ok: false, error: missing.join(' ') };
  if (hasName(kind, mapping)) return { ok: true, warning: null };
  const { many } = IMPORT_KIND_LABELS[kind];
  if (kind === 'people' && defaultMatch(kind, mapping) === 'none') {
    return {
      ok: false,
      error:
        'Choose the column that holds the name (full, given or family name). Without one, people cannot be added, and there is no email, phone or ID to find people already in the book by.',
    };
  }
  return {
    ok: true,
    warning:
      kind === 'people'
        ? 'No column gives a name, so this file can only update people already in the book (found by email, phone or ID on the next step). Rows for anyone new will be left out.'
        : `No column gives ${NAMED[kind]?.name}, so this file can only update ${many} already in the book (found by ${NAMED[kind]?.foundBy} on the next step). Rows for new ${many} will be left out.`,
  };
}

/**
 * What is wrong with the chosen rule, on the matching step: "add every row as new" with nothing to
 * name the new records by.
 */
export function matchProblem(kind: ImportKind, mapping: Mapping, match: ImportMatch): string | null {
  if (match !== 'none' || hasName(kind, mapping)) return null;
  if (kind === 'people') {
    return 'No column gives a name, so nobody can be added as new. Choose how to find the people already in the book, or go back and choose the name column.';
  }
  const { many, one } = IMPORT_KIND_LABELS[kind];
  return `No column gives ${NAMED[kind]?.name}, so no ${one} can be added as new. Choose how to find the ${many} already in the book, or go back and choose the name column.`;
}

/** Whether "blank cells clear the field" means anything for the kind (records it updates). */
export function offersBlankOverwrites(kind: ImportKind): boolean {
  return kind === 'people' || kind === 'companies' || kind === 'products';
}

/**
 * Gives `field` to column `index`. A field fills from one column only, so a column that had it
 * before is set to "Don't import"; its index is returned so the screen can say so.
 */
export function assignField(
  mapping: Mapping,
  index: number,
  field: ImportField | null,
): { mapping: (ImportField | null)[]; moved: number | null } {
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

/**
 * The columns of the preview table: the mapped fields in the kind's order (a person's full name
 * as given and family name).
 */
export function previewFields(kind: ImportKind, mapping: Mapping): ImportField[] {
  const mapped = new Set(mapping.filter((f): f is ImportField => f !== null));
  if (kind === 'people' && mapped.has('fullName')) {
    mapped.delete('fullName');
    mapped.add('givenName');
    mapped.add('familyName');
  }
  return (KIND_FIELDS[kind] as readonly ImportField[]).filter((f) => mapped.has(f));
}

export interface PreviewCell {
  text: string;
  /** The value cannot be read (a date that is not one, a stage that is none): the check will say. */
  unreadable?: boolean;
}

type Cells = Partial<Record<ImportField, PreviewCell>>;

/** A person's cells: names split, the birthday and stage read, yes/no understood. */
function personCells(
  cell: Map<ImportField, string>,
  locale: string,
  formatDay: (iso: string) => string,
): Cells {
  const out: Cells = {};
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

/**
 * Another kind's cells: what the shared converters read is shown as read (a date in the book's
 * form, a stage, yes/no, tags); the rest as written. Nothing is marked unreadable here, as these
 * kinds' own readers are the backend's: the check's problems say which rows are left out.
 */
function otherCells(
  kind: ImportKind,
  cell: Map<ImportField, string>,
  locale: string,
  formatDay: (iso: string) => string,
): Cells {
  const out: Cells = {};
  for (const [field, value] of cell) {
    let text = value;
    if (field === 'tags') text = splitTags(value).join(', ');
    else if (kind === 'companies' && field === 'stage') {
      const stage = parseStage(value);
      if (stage) text = STAGE_LABELS[stage];
    } else if (kind === 'orders' && field === 'orderDate') {
      const iso = parseImportDate(value, locale);
      if (iso) text = formatDay(iso);
    } else if (kind === 'products' && field === 'active') {
      const yes = parseYesNo(value);
      if (yes !== null) text = yes ? 'Yes' : 'No';
    }
    out[field] = { text };
  }
  return out;
}

/**
 * One record as it will be imported, by field. `formatDay` shows a read date (YYYY-MM-DD) the
 * way the book shows dates.
 */
export function previewRow(
  kind: ImportKind,
  mapping: Mapping,
  record: readonly string[],
  locale: string,
  formatDay: (iso: string) => string,
): Cells {
  const cell = new Map<ImportField, string>();
  mapping.forEach((f, i) => {
    const v = (record[i] ?? '').trim();
    if (f && v !== '') cell.set(f, v);
  });
  return kind === 'people' ? personCells(cell, locale, formatDay) : otherCells(kind, cell, locale, formatDay);
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
