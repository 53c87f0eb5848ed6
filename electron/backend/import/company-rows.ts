/**
 * One record of a companies file, read through the user's column mapping, as the company it would
 * become (issue 5).
 *
 * Cells are trimmed; the stage is read as other tools name it (parseStage), tags are split
 * (splitTags), the two phone columns become the company's work and other phones. The result is
 * checked with the very schema companies.create uses, so an imported company obeys every rule a
 * typed one does (lengths, phone digits, stage); each problem names the file's line, the column
 * it came from, the value and the reason. A record with a problem is left out whole. What needs
 * the book (matching, tags, phones already there) is left to the import (import.companies.ts);
 * the notes and the other system's id travel beside the company.
 */
import type { z } from 'zod';
import { contactsRequests } from '../../../shared/api/requests/contacts.requests.ts';
import type { CompanyField } from '../../../shared/domain/import-kinds.ts';
import { parseStage, splitTags } from '../../../shared/domain/import-mapping.ts';
import type { MappedRecord } from './import.run.ts';
import type { RowProblem } from './person-rows.ts';

/** What companies.create takes, and companies.update's patch (every field optional, no defaults). */
export const CompanyInput = contactsRequests['companies.create'].input;
export const CompanyPatch = contactsRequests['companies.update'].input.shape.patch;

export type CompanyIn = z.input<typeof CompanyPatch>;
export type CompanyOut = z.output<typeof CompanyPatch>;

export interface ImportedCompany {
  /** What the row gives (mapped, non-blank cells only), as the request would take it. */
  given: CompanyIn;
  /** The same as the schema gives it back (trimmed, empty text as null). */
  parsed: CompanyOut;
  /** False when the row has no name: it can only update a company it matches. */
  named: boolean;
  notes: string | null;
  externalId: string | null;
}

export type CompanyRow = { ok: true; value: ImportedCompany } | { ok: false; problems: RowProblem[] };

const ADDRESS_FIELDS = ['street', 'city', 'region', 'postcode', 'country'] as const;
const PHONE_FIELDS = [
  ['phone', 'work'],
  ['phone2', 'other'],
] as const;

/** The field a schema path's value came from: the first key names it, but for phones and the address. */
const PATH_OF: Partial<Record<string, CompanyField>> = {
  name: 'name',
  domain: 'domain',
  industry: 'industry',
  size: 'size',
  stage: 'stage',
  source: 'source',
  tags: 'tags',
};

export function companyFromRecord(
  record: MappedRecord<CompanyField>,
  columnOf: (field: CompanyField) => string,
  options: { nameOptional?: boolean } = {},
): CompanyRow {
  const { line, get } = record;
  const problems: RowProblem[] = [];
  const problem = (field: CompanyField | null, reason: string) =>
    problems.push({
      line,
      column: field ? columnOf(field) : '',
      value: field ? (get(field) ?? '') : '',
      reason,
    });

  const given: CompanyIn = {};
  const name = get('name');
  if (name) given.name = name;
  else if (!options.nameOptional) problem(null, 'No name: the row has no company name.');
  for (const f of ['domain', 'industry', 'size', 'source'] as const) {
    const v = get(f);
    if (v) given[f] = v;
  }
  const stage = get('stage');
  if (stage) {
    const s = parseStage(stage);
    if (s) given.stage = s;
    else problem('stage', 'Not a lifecycle stage: use lead, prospect, customer or former customer.');
  }
  const phones = PHONE_FIELDS.flatMap(([f, label]) => {
    const number = get(f);
    return number ? [{ label, number, field: f }] : [];
  });
  if (phones.length > 0) given.phones = phones.map(({ label, number }) => ({ label, number }));
  const address: Partial<Record<(typeof ADDRESS_FIELDS)[number], string>> = {};
  for (const f of ADDRESS_FIELDS) {
    const v = get(f);
    if (v) address[f] = v;
  }
  if (Object.keys(address).length > 0) given.address = address;
  const tags = get('tags');
  if (tags) given.tags = splitTags(tags);

  // Everything companies.create checks, reported against the column it came from. A row without
  // a name is checked as an update would be.
  const checked = name ? CompanyInput.safeParse(given) : CompanyPatch.safeParse(given);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const [head, next] = issue.path as (string | number)[];
      let field: CompanyField | null = PATH_OF[String(head)] ?? null;
      if (head === 'phones' && typeof next === 'number') field = phones[next]?.field ?? null;
      if (head === 'address' && typeof next === 'string') field = next as CompanyField;
      problem(field, issue.message);
    }
  }
  if (problems.length > 0 || !checked.success) return { ok: false, problems };
  return {
    ok: true,
    value: {
      given,
      parsed: checked.data,
      named: Boolean(name),
      notes: get('notes') ?? null,
      externalId: get('externalId') ?? null,
    },
  };
}
