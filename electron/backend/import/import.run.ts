/**
 * What every import shares (issue 5), whatever the file holds:
 *  - runImport(): ONE write transaction and one undoable batch. The preview is the same run with
 *    `dryRun`, rolled back at the end, so its counts are the import's own. A cancel or a failure
 *    rolls everything back: no partial batch is ever left. At the end the mapping is remembered
 *    for the next file with these headers, and the batch gets its file name, kind and counts
 *    (shown beside "Undo import", even after a restart).
 *  - csvRows(): a CSV file's records through the user's mapping (the file's headers checked
 *    against the ones mapped, cells trimmed, the column of each field known for problems).
 *  - ImportRun: the counts, the row problems (the first MAX_REPORTED_PROBLEMS of them, and how
 *    many), the batch (started on the first change), and what rows look up or make on the way:
 *    a company by name, a tag, a staff profile by name or email.
 * Each kind's module (import.people.ts, import.companies.ts, ...) reads its rows and writes them.
 */
import { AppError } from '../../../shared/api/errors.ts';
import { unprotectFormula } from '../../../shared/domain/csv.ts';
import { headerKey } from '../../../shared/domain/import-mapping.ts';
import {
  IMPORT_KIND_LABELS,
  missingFields,
  type ImportKind,
  type ImportMatch,
} from '../../../shared/domain/import-kinds.ts';
import type { CsvImportPlan, ImportCounts, ImportSummary } from '../../../shared/domain/transfer.ts';
import { MAX_REPORTED_PROBLEMS } from '../../../shared/domain/transfer.ts';
import type { NormalisedPhone } from '../../../shared/domain/phone.ts';
import { companySortKey } from '../../../shared/domain/text.ts';
import type { WriteScope } from '../../db/changes.ts';
import type { CompaniesTable } from '../../db/schema.ts';
import { startBatch, type Batch } from '../batches/batch.ts';
import { blankCompanyRow } from '../companies/companies.repo.ts';
import type { Ctx } from '../context.ts';
import { readCsv } from '../csv/csv.reader.ts';
import type { JobControl } from '../jobs/job.ts';
import { plucked, prepared } from '../people/prepared.ts';
import { reindex } from '../search/search.index.ts';
import { readSettings } from '../settings/settings.store.ts';
import { findTag } from '../tags/tags.repo.ts';
import type { RowProblem } from './person-rows.ts';

export interface ImportJob {
  /** The file's path (the handler resolves the renderer's fileId). */
  path: string;
  fileName: string;
  kind: ImportKind;
  /** A CSV file read through its mapping, or a vCard file of people (each card is a person). */
  source: { format: 'csv'; plan: CsvImportPlan } | { format: 'vcard'; keepPhotos: boolean };
  match: ImportMatch;
  blankOverwrites: boolean;
  dryRun: boolean;
}

/** One record of a CSV file, read through the mapping. */
export interface MappedRecord<F extends string> {
  /** The file line the record starts on. */
  line: number;
  fields: readonly string[];
  /** True for a record with nothing in it (skipped). */
  blank: boolean;
  /** The field's trimmed cell; undefined when the field is not mapped or its cell is blank. */
  get(field: F): string | undefined;
  /** Whether the field is mapped and its cell is blank (for "blank cells overwrite"). */
  blankCell(field: F): boolean;
}

export interface CsvRows<F extends string> {
  records: Generator<MappedRecord<F>>;
  headers: readonly string[];
  /** Whether a column is mapped to the field. */
  has(field: F): boolean;
  /** The header of the column a field comes from ('' when none). */
  columnOf(field: F): string;
  /** Bytes read so far, and the file's size, for the progress bar. */
  done(): number;
  total: number;
}

/**
 * A CSV file's records through the plan's mapping. The header row must be the one mapped (the
 * file may have changed since the wizard read it); otherwise, and when `check` refuses the
 * mapping, the file is closed and a VALIDATION error thrown before anything is written.
 */
export function csvRows<F extends string>(
  input: ImportJob,
  plan: CsvImportPlan,
  check?: (has: (field: F) => boolean) => void,
): CsvRows<F> {
  let bytes = 0;
  const records = readCsv(
    input.path,
    { encoding: plan.encoding, delimiter: plan.delimiter },
    { onProgress: (b) => (bytes = b) },
  );
  try {
    const first = records.next();
    if (first.done)
      throw new AppError('VALIDATION', 'The file has no header row: there is nothing to import.');
    const headers = first.value.fields;
    if (headers.length !== plan.mapping.length || headerKey(headers) !== plan.headerKey) {
      throw new AppError(
        'VALIDATION',
        'The file’s columns are not the ones you mapped: it may have changed since. Choose it again.',
        { path: 'mapping' },
      );
    }
    const mappedAt = new Map<F, number>();
    (plan.mapping as readonly (F | null)[]).forEach((f, i) => {
      if (f && !mappedAt.has(f)) mappedAt.set(f, i);
    });
    const has = (field: F) => mappedAt.has(field);
    // What every file of the kind needs mapped (the wizard asks for the same), then the kind's own.
    const missing = missingFields(input.kind, has as (field: string) => boolean);
    if (missing.length > 0) throw new AppError('VALIDATION', missing.join(' '), { path: 'mapping' });
    check?.(has);
    function* mapped(): Generator<MappedRecord<F>> {
      for (const { fields, line } of records) {
        yield {
          line,
          fields,
          blank: fields.every((f) => f.trim() === ''),
          get: (field) => {
            const at = mappedAt.get(field);
            if (at === undefined) return undefined;
            const value = (fields[at] ?? '').trim();
            // The apostrophe a spreadsheet (or Ledgerline's export) puts before a formula is not data.
            return value === '' ? undefined : unprotectFormula(value);
          },
          blankCell: (field) => {
            const at = mappedAt.get(field);
            return at !== undefined && (fields[at] ?? '').trim() === '';
          },
        };
      }
    }
    return {
      records: mapped(),
      headers,
      has,
      columnOf: (field) => {
        const at = mappedAt.get(field);
        return at === undefined ? '' : (headers[at] ?? '');
      },
      done: () => bytes,
      total: plan.bytes,
    };
  } catch (err) {
    // Refused before the rows are read: the file is closed here.
    records.return(undefined);
    throw err;
  }
}

/** Thrown at the end of a dry run to roll it back. */
class DryRunDone extends Error {}

/** The counts, problems, batch and lookups of one import run. */
export class ImportRun {
  readonly counts: ImportCounts = {
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    failed: 0,
    companiesCreated: 0,
    categoriesCreated: 0,
  };
  readonly problems: RowProblem[] = [];
  problemCount = 0;
  readonly label: string;
  readonly locale: string;
  private theBatch: Batch | null = null;
  private readonly companies = new Map<string, string>();
  private readonly tags = new Map<string, string>();
  private staffByKey: Map<string, string> | null = null;

  readonly ctx: Ctx;
  readonly scope: WriteScope;
  readonly input: ImportJob;
  private readonly job: JobControl;

  constructor(ctx: Ctx, scope: WriteScope, input: ImportJob, job: JobControl) {
    this.ctx = ctx;
    this.scope = scope;
    this.input = input;
    this.job = job;
    this.label = `Import of “${input.fileName}”`;
    this.locale = readSettings(ctx).locale;
  }

  /** The progress bar: how far through the file. */
  step(done: number, total: number): void {
    this.job.step(
      done,
      total,
      this.input.dryRun ? 'Checking the file' : `Importing ${IMPORT_KIND_LABELS[this.input.kind].many}`,
    );
  }

  report(problem: RowProblem): void {
    this.problemCount++;
    if (this.problems.length < MAX_REPORTED_PROBLEMS) this.problems.push(problem);
  }

  /** A row left out whole, with its problems. */
  fail(...problems: RowProblem[]): void {
    this.counts.failed++;
    problems.forEach((p) => this.report(p));
  }

  /** A row left alone on purpose (blank, or matching several records), with the reason if any. */
  skip(problem?: RowProblem): void {
    this.counts.skipped++;
    if (problem) this.report(problem);
  }

  /** A row that matches `count` records of the kind: skipped rather than overwrite the wrong one. */
  skipAmbiguous(line: number, count: number): void {
    this.skip({
      line,
      column: '',
      value: '',
      reason: `Matches ${count} ${IMPORT_KIND_LABELS[this.input.kind].many} already in the book, so it was skipped rather than overwrite the wrong one.`,
    });
  }

  /** The import's batch, started on its first change (an import that changes nothing has none). */
  batch(): Batch {
    return (this.theBatch ??= startBatch(this.ctx, this.scope, 'import', this.label));
  }

  get batchStarted(): boolean {
    return this.theBatch !== null;
  }

  /** The live company with this name (as the companies list compares names), or a new one. */
  companyFor(name: string): string {
    const key = companySortKey(name);
    const known = this.companies.get(key);
    if (known) return known;
    let id = this.findCompany(name);
    if (!id) {
      id = this.ctx.ids();
      const row: CompaniesTable = { ...blankCompanyRow(id, this.scope), name: name.trim(), sort_key: key };
      insertCompany(this.ctx, this.scope).run(row);
      this.batch().fresh('companies', id);
      reindex(this.ctx, 'company', id);
      this.scope.change('companies', id, 'insert');
      this.counts.companiesCreated++;
    }
    this.companies.set(key, id);
    return id;
  }

  /** The live company with this name, or null (the oldest when several share it). */
  findCompany(name: string): string | null {
    const key = companySortKey(name);
    const known = this.companies.get(key);
    if (known) return known;
    const id = plucked(
      this.ctx,
      `SELECT id FROM companies WHERE sort_key = ? AND deleted_at IS NULL ORDER BY id LIMIT 1`,
    ).get(key) as string | undefined;
    if (id) this.companies.set(key, id);
    return id ?? null;
  }

  /** The tag with this name (any case), or a new one. */
  tagFor(name: string): string {
    const key = name.trim().toLowerCase();
    let id = this.tags.get(key);
    if (id) return id;
    id = findTag(this.ctx, name.trim()) ?? undefined;
    if (!id) {
      id = this.ctx.ids();
      prepared(this.ctx, `INSERT INTO tags (id, name, created_at) VALUES (?, ?, ?)`).run(
        id,
        name.trim(),
        this.scope.at,
      );
      this.batch().fresh('tags', id);
      this.scope.change('tags', id, 'insert');
    }
    this.tags.set(key, id);
    return id;
  }

  /** The staff profile with this name or email (any case), or null. */
  staffFor(nameOrEmail: string): string | null {
    if (!this.staffByKey) {
      const rows = prepared(this.ctx, `SELECT id, name, email FROM staff`).all() as {
        id: string;
        name: string;
        email: string | null;
      }[];
      this.staffByKey = new Map();
      for (const s of rows) {
        this.staffByKey.set(s.name.trim().toLowerCase(), s.id);
        if (s.email) this.staffByKey.set(s.email.trim().toLowerCase(), s.id);
      }
    }
    return this.staffByKey.get(nameOrEmail.trim().toLowerCase()) ?? null;
  }

  /**
   * A note on a person or company, recorded in the batch. `once`: not when the same note is there
   * already (importing the same file again does not repeat it). Returns whether it was added.
   */
  addNote(owner: Owner, body: string, options: { once?: boolean } = {}): boolean {
    if (options.once) {
      const [column, key] = owner.personId ? ['person_id', owner.personId] : ['company_id', owner.companyId];
      const there = plucked(
        this.ctx,
        `SELECT 1 FROM notes WHERE ${column} = ? AND body = ? AND deleted_at IS NULL LIMIT 1`,
      ).get(key, body);
      if (there !== undefined) return false;
    }
    const id = this.ctx.ids();
    const at = this.scope.at;
    prepared(
      this.ctx,
      `INSERT INTO notes (id, person_id, company_id, body, created_at, updated_at, created_by, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, owner.personId, owner.companyId, body, at, at, this.scope.staffId, this.scope.staffId);
    this.batch().fresh('notes', id);
    reindex(this.ctx, 'note', id);
    this.scope.change('notes', id, 'insert');
    return true;
  }

  /**
   * Adds the phones a person or company does not have yet (compared by their digits, as the
   * duplicate warning compares them), after its `from` existing ones; `normalised` is `phones`
   * through normalisePhone, in order. For an existing record (`existing`) a number it has is left
   * out and each added phone is recorded in the batch; a new record's phones go with it on undo.
   */
  addPhones(
    owner: Owner,
    phones: readonly { label: string; number: string }[],
    normalised: readonly NormalisedPhone[],
    from: number,
    existing: boolean,
  ): { first: string | null; added: number } {
    const [column, ownerId] = owner.personId
      ? (['person_id', owner.personId] as const)
      : (['company_id', owner.companyId!] as const);
    const has = plucked(this.ctx, `SELECT 1 FROM phones WHERE ${column} = ? AND digits = ?`);
    const insert = prepared(
      this.ctx,
      `INSERT INTO phones (id, ${column}, label, number, digits, e164, position) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    let position = from;
    let first: string | null = null;
    const seen = new Set<string>();
    for (const [i, phone] of phones.entries()) {
      const n = normalised[i]!;
      if (seen.has(n.digits)) continue;
      seen.add(n.digits);
      if (existing && has.get(ownerId, n.digits) !== undefined) continue;
      const id = this.ctx.ids();
      const number = phone.number.trim();
      insert.run(id, ownerId, phone.label, number, n.digits, n.e164, position++);
      if (existing) this.batch().fresh('phones', id);
      first ??= number;
    }
    return { first, added: position - from };
  }
}

/** What a note or phone belongs to: a person or a company. */
export type Owner = { personId: string; companyId: null } | { personId: null; companyId: string };

const STAFF_REASON =
  'No staff profile has this name or email. Add them under Settings › Staff, or leave the column out.';

/** The problem of a staff column naming nobody. */
export function unknownStaff(line: number, column: string, value: string): RowProblem {
  return { line, column, value, reason: STAFF_REASON };
}

function insertCompany(ctx: Ctx, scope: WriteScope) {
  const columns = Object.keys(blankCompanyRow('x', scope));
  return prepared(
    ctx,
    `INSERT INTO companies (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  );
}

/**
 * Runs an import: `body` reads the rows and writes them through `run`. Returns the summary; a dry
 * run is rolled back after it is counted.
 */
export function runImport(
  ctx: Ctx,
  input: ImportJob,
  job: JobControl,
  body: (run: ImportRun) => void,
): ImportSummary {
  let summary: ImportSummary | null = null;
  try {
    ctx.writer.write((scope) => {
      const run = new ImportRun(ctx, scope, input, job);
      body(run);
      summary = finish(run);
      if (input.dryRun) throw new DryRunDone();
    });
  } catch (err) {
    if (!(err instanceof DryRunDone)) throw err;
  }
  return summary!;
}

function finish(run: ImportRun): ImportSummary {
  const { ctx, scope, input, counts } = run;
  const summary: ImportSummary = {
    kind: input.kind,
    fileName: input.fileName,
    ...counts,
    problems: run.problems,
    problemCount: run.problemCount,
    batchId: null,
    dryRun: input.dryRun,
  };
  // A mapping that ran is remembered for the next file with these headers (a dry run's is rolled
  // back with it: only a real import keeps it).
  if (input.source.format === 'csv') {
    const plan = input.source.plan;
    prepared(
      ctx,
      `INSERT INTO import_mappings (header_key, kind, mapping, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (header_key) DO UPDATE SET kind = excluded.kind, mapping = excluded.mapping,
         updated_at = excluded.updated_at`,
    ).run(plan.headerKey, input.kind, JSON.stringify(plan.mapping), scope.at);
  }
  if (run.batchStarted && !input.dryRun) {
    const batch = run.batch();
    prepared(ctx, `UPDATE batches SET detail = ?, label = ? WHERE id = ?`).run(
      JSON.stringify({ fileName: input.fileName, kind: input.kind, format: input.source.format, ...counts }),
      run.label,
      batch.id,
    );
    summary.batchId = batch.id;
  }
  return summary;
}
