/**
 * Reading "Export everything" back (issue 5): a Ledgerline export zip becomes the whole book again,
 * in a new, empty one — the way to move a business to another computer, or to check that an
 * export is a complete copy (the round-trip test does exactly that).
 *
 *  - The manifest is checked first (readExportManifest): not a Ledgerline export, a newer export
 *    format, or a book from a newer version of the app (tables or columns this version does not
 *    have) are refused with words, before anything is written. An older export imports: columns
 *    it lacks take their defaults.
 *  - The book must hold no customer records yet (people, companies, calls, orders...): an archive
 *    is a whole book, not something to merge into one. What setting up a book writes (settings,
 *    the first staff profile, the default stages and lists) is replaced by the archive's.
 *  - Everything happens in one write transaction: a damaged file, a cancel or a crash leaves the
 *    book as it was. Foreign keys are checked at the commit (the archive's rows arrive table by
 *    table).
 *  - Cells are read as the archive writes them (export-all.ts): an unquoted empty field is NULL, a
 *    quoted one the empty text; formula protection is taken off exactly; blobs (a person's photo)
 *    are base 64, read back byte for byte (a cell that is not base 64 is a damaged file).
 *  - What the archive leaves out is rebuilt: the search index and the sales summaries.
 *
 * The zip is read in chunks (fflate's streaming Unzip) and each table's CSV is parsed as it
 * inflates (csv-parse's engine, as readCsv drives it), so memory stays flat however big the book.
 */
import fs from 'node:fs';
import { Unzip, UnzipInflate } from 'fflate';
import { AppError } from '../../../shared/api/errors.ts';
import { unprotectFormula } from '../../../shared/domain/csv.ts';
import type { ChangeOp, WriteScope } from '../../db/changes.ts';
import type { Ctx } from '../context.ts';
import { csvEngine } from '../csv/csv.reader.ts';
import {
  MANIFEST_FILE,
  readExportManifest,
  type ExportManifest,
  type ExportTable,
} from '../export/export-all.ts';
import type { JobControl } from '../jobs/job.ts';
import { rebuildSalesSummaries } from '../orders/sales.summaries.ts';
import { plucked, prepared } from '../people/prepared.ts';
import { reindex, type SearchDocKind } from '../search/search.index.ts';
import { TABLES, type TableName } from '../../../shared/api/requests.ts';
import { isAuditTable } from '../../../shared/domain/audit.ts';
import { noteAudit } from '../audit/audit.capture.ts';

/** Tables whose rows make a book "not empty": an archive is not merged into them. */
const RECORDS = ['people', 'companies', 'calls', 'tasks', 'notes', 'products', 'orders', 'deals', 'cases'];

const READ_CHUNK = 256 * 1024;

export interface ArchiveImportResult {
  tables: { name: string; rows: number }[];
  rows: number;
}

type Cell = string | null;

/** The book holds records of its own (an archive is read back only into a book without any). */
export function bookHasRecords(ctx: Ctx): boolean {
  return RECORDS.some((t) => plucked(ctx, `SELECT 1 FROM ${t} LIMIT 1`).get() !== undefined);
}

export function importArchive(ctx: Ctx, input: { path: string }, job: JobControl): ArchiveImportResult {
  const manifest = readExportManifest(input.path);
  const db = ctx.sql.raw;
  const plan = checkAgainstBook(ctx, manifest);

  return ctx.writer.write((scope) => {
    const notEmpty = RECORDS.filter((t) => plucked(ctx, `SELECT 1 FROM ${t} LIMIT 1`).get() !== undefined);
    if (notEmpty.length > 0) {
      throw new AppError(
        'CONFLICT',
        'This book already holds records. An export of everything is a whole book: open a new, empty book and import it there.',
        { tables: notEmpty },
      );
    }
    db.pragma('defer_foreign_keys = ON');
    // What setting up this book wrote goes: the archive brings its own (children first).
    for (const t of [...plan].reverse()) db.prepare(`DELETE FROM ${t.name}`).run();
    for (const kind of ['search_docs', 'sales_monthly', 'sales_monthly_orders', 'customer_sales']) {
      db.prepare(`DELETE FROM ${kind}`).run();
    }

    const total = manifest.tables.reduce((n, t) => n + t.rows, 0);
    let done = 0;
    const counts = new Map<string, number>();
    const byFile = new Map(plan.map((t) => [t.file, t]));
    const protect = manifest.csv.protectFormulas;

    const unzip = new Unzip();
    unzip.register(UnzipInflate);
    let failure: unknown = null;
    unzip.onfile = (file) => {
      if (file.name === MANIFEST_FILE) return;
      const table = byFile.get(file.name);
      if (!table) {
        failure = damaged(`it holds ${file.name}, which its manifest does not list`);
        return;
      }
      const insert = db.prepare(
        `INSERT INTO ${table.name} (${table.columns.map((c) => c.name).join(', ')}) VALUES (${table.columns
          .map(() => '?')
          .join(', ')})`,
      );
      let header: string[] | null = null;
      let rows = 0;
      const engine = csvEngine<Cell[]>({
        delimiter: manifest.csv.delimiter,
        bom: true,
        relax_column_count: false,
        max_record_size: 64 * 1024 ** 2,
        // An unquoted empty field is NULL; a quoted one is the empty text (export-all.ts).
        cast: (value: string, context: { quoting: boolean }) =>
          value === '' && !context.quoting ? null : value,
      });
      const push = (record: Cell[]) => {
        if (!header) {
          header = record.map(String);
          const expected = table.columns.map((c) => c.name);
          if (header.join('\u0000') !== expected.join('\u0000')) {
            throw damaged(`the columns of ${file.name} are not the ones its manifest lists`);
          }
          return;
        }
        insert.run(...record.map((cell, i) => value(cell, table.columns[i]!, protect)));
        rows++;
        job.step(++done, total, `Reading ${table.name}`);
      };
      file.ondata = (err, chunk, final) => {
        if (failure) return;
        try {
          if (err) throw damaged(`${file.name} cannot be unpacked (${err.message})`);
          const parseError = engine.parse(Buffer.from(chunk), false, push, () => {});
          if (parseError) throw damaged(`${file.name} is not valid CSV (${parseError.message})`);
          if (final) {
            const endError = engine.parse(undefined, true, push, () => {});
            if (endError) throw damaged(`${file.name} is not valid CSV (${endError.message})`);
            if (rows !== table.rows) {
              throw damaged(`${file.name} holds ${rows} rows where its manifest says ${table.rows}`);
            }
            counts.set(table.name, rows);
          }
        } catch (e) {
          failure = e;
        }
      };
      file.start();
    };

    const fd = fs.openSync(input.path, 'r');
    try {
      const chunk = Buffer.alloc(READ_CHUNK);
      for (;;) {
        const n = fs.readSync(fd, chunk, 0, READ_CHUNK, null);
        try {
          unzip.push(new Uint8Array(chunk.subarray(0, n)), n === 0);
        } catch (err) {
          // A zip cut short or damaged: fflate stops with an error of its own.
          failure ??= damaged(
            `it is not a whole zip file (${err instanceof Error ? err.message : String(err)})`,
          );
        }
        if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
        if (n === 0) break;
      }
    } finally {
      fs.closeSync(fd);
    }
    const missing = plan.filter((t) => !counts.has(t.name));
    if (missing.length > 0) throw damaged(`${missing[0]!.file} is missing from it`);

    job.step(total, total, 'Rebuilding the search index');
    rebuildSearch(ctx);
    rebuildSalesSummaries(ctx);
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw damaged('its records point at records it does not hold');
    recordChanges(scope);
    const tables = plan.map((t) => ({ name: t.name, rows: counts.get(t.name) ?? 0 }));
    const rows = tables.reduce((n, t) => n + t.rows, 0);
    // The archive brings its own audit trail; this read-back is one event after it.
    noteAudit(scope, {
      action: 'import',
      summary: `Read back an export of everything (${rows.toLocaleString('en-GB')} rows)`,
      count: rows,
      counts: Object.fromEntries(
        tables.filter((t) => isAuditTable(t.name) && t.rows > 0).map((t) => [t.name, [t.rows, 0, 0]]),
      ),
    });
    return { tables, rows };
  });
}

function damaged(why: string): AppError {
  return new AppError('VALIDATION', `This export cannot be read back: ${why}. Nothing was changed.`, {
    path: 'file',
  });
}

/**
 * The manifest's tables as this book has them. A table or column the book does not have means
 * the export came from a newer Ledgerline: refused.
 */
function checkAgainstBook(ctx: Ctx, manifest: ExportManifest): ExportTable[] {
  const book = ctx.deps.book.schemaVersion;
  for (const t of manifest.tables) {
    const have = new Set(
      (ctx.sql.raw.prepare(`PRAGMA table_info(${JSON.stringify(t.name)})`).all() as { name: string }[]).map(
        (c) => c.name,
      ),
    );
    const unknown =
      have.size === 0 ? [t.name] : t.columns.filter((c) => !have.has(c.name)).map((c) => c.name);
    if (unknown.length > 0 || manifest.schemaVersion > book) {
      throw new AppError(
        'VALIDATION',
        `This export was made by a newer version of Ledgerline (its book is at version ${manifest.schemaVersion}; this one is at ${book}). Update Ledgerline, then import it.`,
        { path: 'file', schemaVersion: manifest.schemaVersion },
      );
    }
  }
  return manifest.tables;
}

function value(cell: Cell, column: ExportTable['columns'][number], protect: boolean): unknown {
  if (cell === null) return null;
  switch (column.type) {
    case 'integer': {
      const n = Number(cell);
      if (!Number.isSafeInteger(n)) return BigInt(cell);
      return n;
    }
    case 'real':
      return Number(cell);
    case 'blob':
      // Buffer.from would skip what is not base 64 and give other bytes: a damaged cell is refused.
      if (cell.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/u.test(cell)) {
        throw damaged(`a ${column.name} value in it is not base 64`);
      }
      return Buffer.from(cell, 'base64');
    case 'text':
      return protect ? unprotectFormula(cell) : cell;
  }
}

/** Every live person, company, note and call indexed again, in the order they were made. */
function rebuildSearch(ctx: Ctx): void {
  const kinds: [SearchDocKind, string][] = [
    ['company', 'companies'],
    ['person', 'people'],
    ['note', 'notes'],
    ['call', 'calls'],
  ];
  for (const [kind, table] of kinds) {
    // In pages: a connection cannot write while it is still reading through a result.
    const page = prepared(
      ctx,
      `SELECT id, created_at FROM ${table} WHERE deleted_at IS NULL AND (created_at, id) > (?, ?)
        ORDER BY created_at, id LIMIT 2000`,
    );
    let after: [number, string] = [-Infinity, ''];
    for (;;) {
      const rows = page.all(...after) as { id: string; created_at: number }[];
      for (const r of rows) reindex(ctx, kind, r.id);
      if (rows.length < 2000) break;
      const last = rows[rows.length - 1]!;
      after = [last.created_at, last.id];
    }
  }
}

/** One change per table the renderer watches: everything it shows is new. */
function recordChanges(scope: WriteScope): void {
  const op: ChangeOp = 'update';
  for (const table of TABLES as readonly TableName[]) scope.change(table, '*', op);
}
