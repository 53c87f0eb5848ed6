/**
 * What the import tests of every kind share (issue 5): test books closed after each test, files
 * written into the book's folder and registered as chosen, the plan built from an inspection,
 * "the book is unchanged" compared table by table, row counts, CSV text, and the preview's counts
 * compared with the run's.
 *
 * Kept stable for other kinds' tests: add to it, do not change what is here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import type { RequestInput } from '../../../shared/api/requests.ts';
import { KIND_MATCHES, type ImportKind } from '../../../shared/domain/import-kinds.ts';
import type { ImportInspection, ImportSummary } from '../../../shared/domain/transfer.ts';
import { openTestBook, setUp, type TestBook } from '../../helpers/book.ts';

export type ImportPlan = RequestInput<'import.run'>;
export type CsvPlan = Extract<ImportPlan, { headerKey: string }>;

/**
 * Test books for one test file: each is closed after the test that opened it. Call once at the
 * top of the file (it registers an afterEach).
 */
export function useTestBooks() {
  const open: TestBook[] = [];
  afterEach(async () => {
    while (open.length) await open.pop()?.close();
  });
  /** A new book (or the one in `dir`, reopened), not set up. */
  async function book(dir?: string): Promise<TestBook> {
    const b = await openTestBook(dir ? { dir } : {});
    open.push(b);
    return b;
  }
  /** A new book with the first-run questions answered (en-GB, GBP, staff "Ada Lovelace"). */
  async function setUpBook(): Promise<TestBook> {
    const b = await book();
    await setUp(b.client);
    return b;
  }
  /** Closes the book opened last (to reopen its folder, as after a restart). */
  async function closeLast(): Promise<void> {
    await open.pop()?.close();
  }
  return { book, setUpBook, closeLast };
}

/** Writes a file into the book's folder and registers it as chosen; returns its fileId. */
export function writeFile(b: TestBook, name: string, content: string | Buffer): string {
  const f = path.join(b.dir, name);
  fs.writeFileSync(f, content);
  return b.backend.ctx.files.register(f).fileId;
}

/** One CSV record: cells quoted when they hold the delimiter, a quote or a line break. */
export function csvLine(cells: readonly string[], delimiter = ','): string {
  const special = new RegExp(`["\\r\\n${delimiter === '\t' ? '\\t' : delimiter}]`, 'u');
  return cells.map((c) => (special.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(delimiter);
}

/** CSV text from rows of cells (the first row the headers), lines ending in CRLF. */
export function csvText(rows: readonly (readonly string[])[], delimiter = ','): string {
  return rows.map((r) => csvLine(r, delimiter)).join('\r\n') + '\r\n';
}

/** Writes the file and inspects it as a file of this kind. */
export async function inspectFile(
  b: TestBook,
  name: string,
  content: string | Buffer,
  kind?: ImportKind,
): Promise<ImportInspection> {
  const fileId = writeFile(b, name, content);
  return b.client.call('import.inspect', kind ? { fileId, kind } : { fileId });
}

/**
 * The plan of a CSV import from its inspection: the inspection's kind and mapping, the kind's
 * first match rule, blank cells left alone; `extra` overrides any of it.
 */
export function planOf(i: ImportInspection, extra: Partial<CsvPlan> = {}): CsvPlan {
  return {
    format: 'csv',
    kind: i.kind,
    fileId: i.file.fileId,
    encoding: i.encoding,
    delimiter: i.delimiter,
    headerKey: i.headerKey,
    bytes: i.file.bytes,
    mapping: i.mapping,
    match: KIND_MATCHES[i.kind][0]!,
    blankOverwrites: false,
    ...extra,
  };
}

/** A summary's counts and problems, without what differs between a preview and its run. */
export function countsOf(s: ImportSummary) {
  const { batchId: _b, dryRun: _d, ...rest } = s;
  return rest;
}

/** Asserts that a preview said exactly what the run then did (counts and problems). */
export function expectSameOutcome(preview: ImportSummary, done: ImportSummary): void {
  expect(preview.dryRun).toBe(true);
  expect(preview.batchId).toBeNull();
  expect(done.dryRun).toBe(false);
  expect(countsOf(done)).toEqual(countsOf(preview));
}

/** Every row of these tables, sorted, to prove "nothing changed" by comparing two snapshots. */
export function snapshot<T extends string>(b: TestBook, tables: readonly T[]): Record<T, string[]> {
  const db = b.book.sqlite;
  return Object.fromEntries(
    tables.map((t): [T, string[]] => [
      t,
      db
        .prepare(`SELECT * FROM ${t}`)
        .all()
        .map((r) => JSON.stringify(r))
        .sort(),
    ]),
  ) as Record<T, string[]>;
}

/** The tables any import writes besides its kind's own (batches, change log, mappings, search). */
export const IMPORT_BOOKKEEPING = [
  'batches',
  'batch_rows',
  'changes',
  'import_mappings',
  'search_docs',
] as const;

export function countRows(b: TestBook, table: string, where = '1'): number {
  return b.book.sqlite.prepare(`SELECT count(*) FROM ${table} WHERE ${where}`).pluck().get() as number;
}

/** The files this process (and its worker threads) has open (Linux). */
export function openFiles(): string[] {
  return fs.readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      return [fs.readlinkSync(`/proc/self/fd/${fd}`)];
    } catch {
      return [];
    }
  });
}

/**
 * Starts an import and cancels it at its first progress event; resolves when it has been refused
 * as CANCELLED. The file must be big enough to still be running then (tens of thousands of rows).
 */
export async function cancelRunningImport(b: TestBook, plan: ImportPlan): Promise<void> {
  const seen = b.events.length;
  const running = b.client.call('import.run', plan);
  const started = () =>
    b.events
      .slice(seen)
      .find((e) => e.event === 'job.progress' && (e.payload as { kind: string }).kind === 'import.file');
  await expect.poll(started).toBeTruthy();
  const { jobId } = started()!.payload as { jobId: string };
  expect(await b.client.call('jobs.cancel', { jobId })).toEqual({ cancelled: true });
  await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
}
