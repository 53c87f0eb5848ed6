/**
 * Importing a file of companies (issue 5): every record through the column mapping
 * (company-rows.ts, checked as companies.create checks a typed company), matched against the
 * book, and created or updated in the one transaction and undoable batch of runImport()
 * (import.run.ts: the preview is the same run rolled back).
 *
 * Matching (the user's choice):
 *  - name: the live company with the same name as the companies list compares names
 *    (companySortKey: case and accents aside). The book's spelling of the name is kept.
 *  - externalId: the company with the same id from the other system (companies.external_id); a
 *    row without an id is matched by name, so importing the same file again adds nothing. The name
 *    cell renames the company (it was renamed in the other system).
 *  - none: every row is a new company, except that a row repeating a company made earlier from
 *    the same file updates that one (a file never adds the same company twice).
 * A row matching two or more companies is skipped with a reason, so neither is overwritten.
 *
 * An update changes only the columns the file maps: a non-blank cell replaces the value; a blank
 * cell clears it only when the user chose "blank cells overwrite" (never the name or the stage).
 * Phones and tags are added when missing and never removed; the notes cell becomes a note on the
 * company, added once (importing the file again does not repeat it).
 *
 * Undo: a created company is recorded before what hangs off it (its note), and goes with its
 * phones and tag links; an existing one has its before-image taken before it changes, and the
 * phones and tag links added to it are recorded one by one.
 */
import { AppError } from '../../../shared/api/errors.ts';
import type { CompanyField, ImportMatch } from '../../../shared/domain/import-kinds.ts';
import { normalisePhone } from '../../../shared/domain/phone.ts';
import { companySortKey } from '../../../shared/domain/text.ts';
import type { ImportSummary } from '../../../shared/domain/transfer.ts';
import type { WriteScope } from '../../db/changes.ts';
import type { CompaniesTable } from '../../db/schema.ts';
import { applyCompanyFields, blankCompanyRow, type CompanyFields } from '../companies/companies.repo.ts';
import type { Ctx } from '../context.ts';
import type { JobControl } from '../jobs/job.ts';
import { bookCountry } from '../people/contact-points.ts';
import { plucked, prepared } from '../people/prepared.ts';
import { reindex, reindexCompanyAndPeople } from '../search/search.index.ts';
import { companyFromRecord, type ImportedCompany } from './company-rows.ts';
import { partyLookups } from './lookups.ts';
import { csvRows, runImport, type ImportJob, type ImportRun } from './import.run.ts';

export function importCompanies(ctx: Ctx, input: ImportJob, job: JobControl): ImportSummary {
  return runImport(ctx, input, job, (run) => importRows(run));
}

/** Refuses a mapping that cannot import anything with the chosen match rule (nothing written). */
function checkMapping(match: ImportMatch, has: (field: CompanyField) => boolean): void {
  const refuse = (message: string) => {
    throw new AppError('VALIDATION', message, { path: 'mapping' });
  };
  if (match === 'name' && !has('name')) {
    refuse('Companies are matched by name: map the column that holds the company name.');
  }
  if (match === 'externalId' && !has('externalId')) {
    refuse('Companies are matched by the ID from the other system: map the column that holds it.');
  }
  if (match === 'none' && !has('name')) {
    refuse('Map a column to the company name to add companies.');
  }
}

/** Columns a blank cell clears, when the user chose that blank cells overwrite. */
const CLEARABLE: Partial<Record<CompanyField, keyof CompaniesTable>> = {
  domain: 'domain',
  industry: 'industry',
  size: 'size',
  source: 'source',
  street: 'street',
  city: 'city',
  region: 'region',
  postcode: 'postcode',
  country: 'country',
};

/** Company columns an import may change, compared to tell an update from an unchanged row. */
const COMPARED: readonly (keyof CompaniesTable)[] = [
  'name',
  'sort_key',
  'domain',
  'industry',
  'size',
  'stage',
  'source',
  'street',
  'city',
  'region',
  'postcode',
  'country',
  'external_id',
];

function importRows(run: ImportRun): void {
  const { ctx, scope, input, counts } = run;
  if (input.source.format !== 'csv') {
    throw new AppError('VALIDATION', 'Companies are imported from a CSV file.', { path: 'format' });
  }
  const match = input.match;
  const file = csvRows<CompanyField>(input, input.source.plan, (has) => checkMapping(match, has));
  const country = bookCountry(ctx);
  const w = writes(ctx, scope);
  const find = partyLookups(ctx);
  /** Companies this file has made, by name (for match "none": a repeated row updates its company). */
  const madeHere = new Map<string, string>();

  // for…of closes the file when the loop ends early (a cancel, a failure).
  for (const record of file.records) {
    run.step(file.done(), file.total);
    counts.rows++;
    if (record.blank) {
      run.skip();
      continue;
    }
    const row = companyFromRecord(record, file.columnOf, { nameOptional: match === 'externalId' });
    if (!row.ok) {
      run.fail(...row.problems);
      continue;
    }
    const { value } = row;
    const { line } = record;
    const key = value.named ? companySortKey(value.parsed.name!) : null;

    let matches: string[];
    let byName = false;
    if (match === 'externalId' && value.externalId) {
      matches = find.companyExternalId(value.externalId);
    } else if (match === 'none') {
      const made = key === null ? undefined : madeHere.get(key);
      matches = made ? [made] : [];
      byName = true;
    } else {
      matches = value.named ? find.companyName(value.parsed.name!) : [];
      byName = true;
    }
    if (matches.length > 1) {
      run.skipAmbiguous(line, matches.length);
      continue;
    }
    if (matches.length === 0) {
      if (!value.named) {
        run.fail({
          line,
          column: '',
          value: '',
          reason: 'No company in the book has this ID, and the row has no name to add it with.',
        });
        continue;
      }
      const id = create(run, w, value, country);
      if (key !== null) madeHere.set(key, id);
      counts.created++;
      continue;
    }
    const outcome = update(run, w, matches[0]!, value, record.blankCell, { keepName: byName, country });
    counts[outcome]++;
  }
}

/** The fields the row gives, as the schema gave them back, without tags and phones (added apart). */
function fieldsOf(value: ImportedCompany, keepName: boolean): CompanyFields {
  const out: Record<string, unknown> = {};
  const parsed = value.parsed as Record<string, unknown>;
  for (const k of Object.keys(value.given)) {
    if (k === 'tags' || k === 'phones' || (k === 'name' && keepName)) continue;
    out[k] = parsed[k];
  }
  return out as CompanyFields;
}

function create(
  run: ImportRun,
  w: Writes,
  value: ImportedCompany,
  country: ReturnType<typeof bookCountry>,
): string {
  const { ctx, scope } = run;
  const id = ctx.ids();
  const row = applyCompanyFields(ctx, blankCompanyRow(id, scope), fieldsOf(value, false));
  row.external_id = value.externalId;
  // Tags first: undo goes backwards, so the company (and its tag links) go before a new tag.
  const tagIds = (value.parsed.tags ?? []).map((t) => run.tagFor(t));
  w.insertCompany.run(row);
  // Recorded before what hangs off it (its note); its phones and tag links go with it.
  run.batch().fresh('companies', id);
  const phones = value.parsed.phones ?? [];
  run.addPhones({ personId: null, companyId: id }, phones, normalised(phones, country), 0, false);
  for (const tagId of tagIds) w.insertCompanyTag.run(id, tagId);
  if (value.notes) run.addNote({ personId: null, companyId: id }, value.notes);
  reindex(ctx, 'company', id);
  scope.change('companies', id, 'insert');
  return id;
}

function update(
  run: ImportRun,
  w: Writes,
  id: string,
  value: ImportedCompany,
  blankCell: (field: CompanyField) => boolean,
  options: { keepName: boolean; country: ReturnType<typeof bookCountry> },
): 'updated' | 'unchanged' {
  const { ctx, scope, input } = run;
  const before = w.companyById.get(id) as CompaniesTable;
  const after = applyCompanyFields(ctx, before, fieldsOf(value, options.keepName));
  if (value.externalId) after.external_id = value.externalId;
  if (input.blankOverwrites) {
    for (const [field, column] of Object.entries(CLEARABLE) as [CompanyField, keyof CompaniesTable][]) {
      if (blankCell(field)) (after as unknown as Record<string, unknown>)[column] = null;
    }
  }
  const changed = COMPARED.some((c) => after[c] !== before[c]);
  const phoneCount = w.phoneCount.get(id) as number;
  const given = value.parsed.phones ?? [];
  const digits = normalised(given, options.country);
  const gains = digits.some((n) => w.hasPhone.get(id, n.digits) === undefined);
  if (changed || gains) {
    // The before-image is taken once per company, the first time this import changes it, and
    // before the phones it gains (undo goes backwards).
    run.batch().touch('companies', id);
    after.updated_at = scope.at;
    after.updated_by = scope.staffId;
    w.updateCompany.run(after);
  }
  const owner = { personId: null, companyId: id };
  const phones = run.addPhones(owner, given, digits, phoneCount, true).added;
  let tagged = 0;
  for (const t of value.parsed.tags ?? []) {
    const tagId = run.tagFor(t);
    if (w.insertCompanyTag.run(id, tagId).changes > 0) {
      run.batch().fresh('company_tags', [id, tagId]);
      tagged++;
    }
  }
  const noted = value.notes ? run.addNote(owner, value.notes, { once: true }) : false;
  if (!changed && phones + tagged === 0 && !noted) return 'unchanged';
  // People's search documents carry the company's name.
  if (after.name !== before.name) reindexCompanyAndPeople(ctx, id);
  else if (changed) reindex(ctx, 'company', id);
  scope.change('companies', id, 'update');
  return 'updated';
}

type Writes = ReturnType<typeof writes>;

/** The statements an import runs per row, prepared once. */
function writes(ctx: Ctx, scope: WriteScope) {
  const columns = Object.keys(blankCompanyRow('x', scope)) as (keyof CompaniesTable)[];
  return {
    ids: ctx.ids,
    insertCompany: prepared(
      ctx,
      `INSERT INTO companies (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
    ),
    updateCompany: prepared(
      ctx,
      `UPDATE companies SET ${columns
        .filter((c) => c !== 'id')
        .map((c) => `${c} = @${c}`)
        .join(', ')} WHERE id = @id`,
    ),
    companyById: prepared(ctx, `SELECT * FROM companies WHERE id = ?`),
    insertCompanyTag: prepared(ctx, `INSERT OR IGNORE INTO company_tags (company_id, tag_id) VALUES (?, ?)`),
    phoneCount: plucked(ctx, `SELECT count(*) FROM phones WHERE company_id = ?`),
    hasPhone: plucked(ctx, `SELECT 1 FROM phones WHERE company_id = ? AND digits = ?`),
  };
}

/** The phones through normalisePhone, in order (what ImportRun.addPhones compares). */
function normalised(phones: readonly { number: string }[], country: ReturnType<typeof bookCountry>) {
  return phones.map((p) => normalisePhone(p.number.trim(), country));
}
