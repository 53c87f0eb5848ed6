/**
 * "Export everything": every table of the book as `<table>.csv` in one zip, with manifest.json
 * first, a complete copy that Ledgerline's import can read back (readExportManifest is where the
 * re-import starts).
 *
 * The archive is for machines first, so each cell is the value exactly as stored, whatever the
 * options say about dates and decimals: integers in base 10 (epoch milliseconds for instants),
 * calendar dates as their YYYY-MM-DD text, reals in JavaScript's shortest round-trip form with a
 * "." (deals.rank), and blobs (person_photos.data) in base 64, which the manifest says: each
 * column's type is listed, and `csv.blobs` names the encoding. The headers are the column names.
 *
 *  - The delimiter and formula protection follow the options (protection touches text cells only:
 *    the import takes it off again with unprotectFormula, which is exact).
 *  - The encoding is always UTF-8 with a byte order mark, even when the options ask for
 *    Windows-1252: that encoding has no room for most of the world's letters, and a copy that
 *    turned "Łódź" into "?ód?" would not be a copy. The manifest records what was asked and what
 *    was written.
 *  - NULL and the empty text are told apart as PostgreSQL's CSV format does: NULL is an empty field,
 *    unquoted; an empty text is a quoted empty field (""). The manifest also says which columns
 *    may be NULL, so an unquoted empty field in a NOT NULL column is a damaged file.
 *  - Lines end with CRLF; fields are quoted as RFC 4180 says.
 *
 * Tables left out (SKIPPED below, with the reason in the manifest too) are the ones the book
 * rebuilds from the others or that belong to this installation rather than to the book: the FTS5
 * search tables (virtual and shadow tables are never exported) and search_docs, the report
 * summaries (sales_monthly, sales_monthly_orders, customer_sales), the undo history of bulk edits
 * (batches, batch_rows), and the migrator's own bookkeeping (kysely_migration*; the manifest
 * carries the schema version instead). Everything else is exported, the change log included: it
 * is each record's history (who changed what, when) and cannot be rebuilt. A table added by a
 * later migration is exported without anyone having to remember to list it.
 *
 * Tables are listed (and written) parents first, following their foreign keys, so an import can
 * insert them in the manifest's order.
 *
 * Everything is read inside one read transaction, so the counts in the manifest and the rows in
 * the files are the same snapshot. Rows stream from SQLite into the zip (fflate's synchronous
 * streaming Zip, with entries deflated by Node's zlib on a thread of its own: Deflater) a megabyte at a time; the zip is written under a temporary name
 * beside the target, fsynced and renamed over it when complete, and removed on any failure or
 * cancel. ZIP64 is not written: an archive or a table file over 4 GiB stops with a clear error.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import {
  Unzip,
  UnzipInflate,
  Zip,
  type AsyncFlateStreamHandler,
  type UnzipFile,
  type ZipInputFile,
} from 'fflate';
import { z } from 'zod';
import { AppError } from '../../../shared/api/errors.ts';
import {
  EXPORT_DELIMITERS,
  EXPORT_ENCODINGS,
  protectFormula,
  quoteField,
  type CsvExportOptions,
} from '../../../shared/domain/csv.ts';
import type { Ctx } from '../context.ts';
import type { JobControl } from '../jobs/job.ts';
import { inReadSnapshot } from './presets.ts';

export const EXPORT_FORMAT = 'ledgerline-export';
/** The archive layout this build writes and the newest it can read. */
export const EXPORT_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';

/** Tables never exported, and why (also written into the manifest). */
export const SKIPPED_TABLES: Readonly<Record<string, string>> = {
  search_docs: 'The search index: rebuilt from the records.',
  sales_monthly: 'A report summary: rebuilt from the orders.',
  sales_monthly_orders: 'A report summary: rebuilt from the orders.',
  customer_sales: 'A purchase summary: rebuilt from the orders.',
  batches: 'The undo history of bulk edits, merges and imports on this installation.',
  batch_rows: 'The undo history of bulk edits, merges and imports on this installation.',
  kysely_migration: 'The migrator’s bookkeeping: the manifest gives the schema version.',
  kysely_migration_lock: 'The migrator’s bookkeeping: the manifest gives the schema version.',
};

const columnSchema = z.object({
  name: z.string().min(1),
  type: z.enum(['integer', 'real', 'text', 'blob']),
  nullable: z.boolean(),
});

const tableSchema = z.object({
  name: z.string().min(1),
  file: z.string().min(1),
  rows: z.number().int().min(0),
  columns: z.array(columnSchema).min(1),
});

const manifestSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  formatVersion: z.number().int().min(1),
  appVersion: z.string(),
  schemaVersion: z.number().int().min(1),
  exportedAt: z.iso.datetime(),
  /** The options the export was asked for. */
  options: z.object({
    delimiter: z.enum(EXPORT_DELIMITERS),
    decimal: z.enum(['.', ',']),
    dates: z.enum(['iso', 'locale']),
    encoding: z.enum(EXPORT_ENCODINGS),
    protectFormulas: z.boolean(),
  }),
  /** How the files were actually written: what an import needs to read them. */
  csv: z.object({
    encoding: z.literal('utf-8-bom'),
    delimiter: z.enum(EXPORT_DELIMITERS),
    lineEnding: z.literal('\r\n'),
    protectFormulas: z.boolean(),
    nulls: z.literal('unquoted-empty'),
    values: z.literal('as-stored'),
    blobs: z.literal('base64'),
  }),
  tables: z.array(tableSchema),
  skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
});

export type ExportManifest = z.infer<typeof manifestSchema>;
export type ExportColumn = z.infer<typeof columnSchema>;
export type ExportTable = z.infer<typeof tableSchema>;

export interface ExportAllResult {
  tables: { name: string; rows: number }[];
  bytes: number;
}

/** The bytes a plain zip (no ZIP64) can count. */
const ZIP_LIMIT = 0xffff_ffff;
const FLUSH_AT = 1 << 20;

function columnType(declared: string): ExportColumn['type'] {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'integer';
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'real';
  if (t.includes('BLOB')) return 'blob';
  return 'text';
}

const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The book's tables to export, parents before children (by their foreign keys), with their columns. */
export function exportTables(db: Database.Database): Omit<ExportTable, 'rows'>[] {
  const listed = db.prepare(`PRAGMA main.table_list`).all() as { name: string; type: string }[];
  const names = listed
    .filter(
      (t) => t.type === 'table' && !t.name.startsWith('sqlite_') && !Object.hasOwn(SKIPPED_TABLES, t.name),
    )
    .map((t) => t.name)
    .sort();
  const wanted = new Set(names);
  const parents = new Map(
    names.map((name) => {
      const keys = db.prepare(`SELECT "table" FROM pragma_foreign_key_list(?)`).pluck().all(name) as string[];
      return [name, keys.filter((p) => p !== name && wanted.has(p))];
    }),
  );
  const ordered: string[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const place = (name: string) => {
    if (placed.has(name) || visiting.has(name)) return; // a cycle keeps alphabetical order
    visiting.add(name);
    for (const parent of parents.get(name) ?? []) place(parent);
    visiting.delete(name);
    placed.add(name);
    ordered.push(name);
  };
  for (const name of names) place(name);
  return ordered.map((name) => {
    const info = db.prepare(`SELECT name, type, "notnull", pk FROM pragma_table_info(?)`).all(name) as {
      name: string;
      type: string;
      notnull: number;
      pk: number;
    }[];
    return {
      name,
      file: `${name}.csv`,
      // A primary key is never NULL: STRICT and WITHOUT ROWID tables refuse it.
      columns: info.map((c) => ({
        name: c.name,
        type: columnType(c.type),
        nullable: c.notnull === 0 && c.pk === 0,
      })),
    };
  });
}

/** One stored value as a CSV field (see the rules at the top of this file). */
export function field(value: unknown, delimiter: string, protect: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') {
    if (value === '') return '""';
    return quoteField(protect ? protectFormula(value) : value, delimiter);
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return String(value);
  // A blob is base 64; an empty one is quoted, as the empty text is, so it does not read as NULL.
  if (Buffer.isBuffer(value)) return value.length === 0 ? '""' : value.toString('base64');
  throw new Error(`A value of an unexpected kind: ${typeof value}`);
}

/**
 * Deflates an export's chunks on a thread of its own, so the rows of the next chunk are read and
 * written out while the last is compressed (deflating took a third of an export's time). Each
 * chunk is deflated on its own and ended with a sync flush, which leaves the stream open on a
 * byte boundary, so the chunks joined are one valid deflate stream; the last chunk finishes it.
 * The thread is started from code (eval), so it needs no file of its own in the app's bundle.
 * Results come back in order through a port read synchronously (the export runs inside one read
 * transaction and cannot await); Atomics say when one is ready. At most IN_FLIGHT chunks are out.
 */
class Deflater {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly ready: Int32Array;
  private seen = 0;
  private sent = 0;
  private received = 0;
  private readonly waiting = new Map<number, (out: Uint8Array) => void>();

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.ready = new Int32Array(new SharedArrayBuffer(4));
    this.port = port1;
    this.worker = new Worker(DEFLATE_THREAD, {
      eval: true,
      workerData: { port: port2, ready: this.ready.buffer, level: DEFLATE_LEVEL },
      transferList: [port2],
      resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 64 },
    });
    this.worker.unref();
  }

  /** Sends a chunk off; `done` gets its deflated bytes, in the order chunks were sent. */
  deflate(chunk: Uint8Array, final: boolean, done: (out: Uint8Array) => void): void {
    while (this.sent - this.received >= IN_FLIGHT) this.take(true);
    const id = this.sent++;
    this.waiting.set(id, done);
    // Moved, not copied, when the chunk owns its memory (a small Buffer shares Node's pool).
    const owns = chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength;
    this.port.postMessage({ id, chunk, final }, owns ? [chunk.buffer as ArrayBuffer] : []);
    while (this.take(false));
  }

  /** Waits until every chunk sent has come back. */
  drain(): void {
    while (this.received < this.sent) this.take(true);
  }

  /** Takes one result (waiting for it when `wait`); false when none was ready. */
  private take(wait: boolean): boolean {
    for (;;) {
      const got = receiveMessageOnPort(this.port);
      if (got) {
        const m = got.message as { id: number; out: Uint8Array } | { error: string };
        if ('error' in m) throw new Error(`Compressing the export failed: ${m.error}`);
        const done = this.waiting.get(m.id)!;
        this.waiting.delete(m.id);
        this.received++;
        done(m.out);
        return true;
      }
      if (!wait) return false;
      const now = Atomics.load(this.ready, 0);
      if (now === this.seen) Atomics.wait(this.ready, 0, now, 1000);
      this.seen = Atomics.load(this.ready, 0);
    }
  }

  close(): void {
    this.port.close();
    void this.worker.terminate();
  }
}

const IN_FLIGHT = 6;

const DEFLATE_THREAD = `
const { workerData } = require('node:worker_threads');
const zlib = require('node:zlib');
const { port, level } = workerData;
const ready = new Int32Array(workerData.ready);
port.on('message', ({ id, chunk, final }) => {
  try {
    const flush = final ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH;
    const out = zlib.deflateRawSync(chunk, { level, finishFlush: flush });
    const bytes = new Uint8Array(out.buffer, out.byteOffset, out.length);
    port.postMessage({ id, out: bytes }, out.byteOffset === 0 && out.length === out.buffer.byteLength ? [out.buffer] : []);
  } catch (err) {
    port.postMessage({ id, error: String(err && err.message || err) });
  }
  Atomics.add(ready, 0, 1);
  Atomics.notify(ready, 0);
});
`;

/** A zip entry whose chunks the Deflater compresses; fflate's Zip writes the headers around it. */
class ThreadedDeflate implements ZipInputFile {
  readonly filename: string;
  size = 0;
  crc = 0;
  readonly compression = 8;
  mtime?: Date;
  ondata?: AsyncFlateStreamHandler;
  private readonly deflater: Deflater;

  constructor(filename: string, deflater: Deflater) {
    this.filename = filename;
    this.deflater = deflater;
  }

  push(chunk: Uint8Array, final: boolean): void {
    this.crc = zlib.crc32(chunk, this.crc);
    this.size += chunk.length;
    this.deflater.deflate(chunk, final, (out) => this.ondata?.(null, out as Uint8Array<ArrayBuffer>, final));
    // An entry is complete before the next begins (the zip writes entries one after another).
    if (final) this.deflater.drain();
  }

  terminate(): void {}
}

/** zlib's fastest level: a copy of a large book is written in minutes, not tens of minutes. */
const DEFLATE_LEVEL = 1;

/**
 * Text written into one archive entry, encoded straight into a buffer that is sent off (to be
 * deflated) each time it holds FLUSH_AT bytes. Each line is encoded as it is written, so it is
 * garbage at once: kept as strings until a megabyte of them was joined, the lines outlived the
 * worker's young generation and filled its old one: exporting the 100,000-people book peaked at
 * 445–500 MB, against 412–426 MB now (the bench's memory.peak_mb is measured during the export).
 * Entries are written one after another, so they share the archive's one buffer.
 */
class EntryWriter {
  private readonly buffer: Buffer;
  private used = 0;
  private readonly send: (bytes: Uint8Array, final: boolean) => void;

  constructor(buffer: Buffer, send: (bytes: Uint8Array, final: boolean) => void) {
    this.buffer = buffer;
    this.send = send;
  }

  write(text: string): void {
    // Up to 3 bytes of UTF-8 for each UTF-16 unit (a surrogate pair is 4 bytes for 2 units).
    const most = text.length * 3;
    if (most > LINE_ROOM) {
      // A long line (a photo in base 64): what came before it, then the line on its own.
      this.flush(false);
      this.send(Buffer.from(text, 'utf8'), false);
      return;
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
    if (this.used >= FLUSH_AT) this.flush(false);
  }

  /** Ends the entry (what is left, however little, is its last chunk). */
  end(): void {
    this.flush(true);
  }

  private flush(final: boolean): void {
    if (this.used === 0 && !final) return;
    // A copy that owns its memory, so the deflating thread can take it without another copy.
    const chunk = new Uint8Array(this.buffer.subarray(0, this.used));
    this.used = 0;
    this.send(chunk, final);
  }
}

/** Room after FLUSH_AT for the line that crosses it (a longer one is sent on its own). */
const LINE_ROOM = 256 * 1024;

/** The zip being written: a temporary file beside the target until it is complete. */
class ZipFile {
  private readonly fd: number;
  private readonly zip: Zip;
  private pending: Uint8Array[] = [];
  private pendingLength = 0;
  bytes = 0;
  private failure: Error | null = null;
  private readonly partial: string;
  private readonly mtime: Date;
  private readonly deflater = new Deflater();
  /** Where an entry's text is encoded (EntryWriter). */
  private readonly text = Buffer.allocUnsafe(FLUSH_AT + LINE_ROOM);

  constructor(partial: string, mtime: Date) {
    this.partial = partial;
    this.mtime = mtime;
    this.fd = fs.openSync(partial, 'w');
    this.zip = new Zip((err, data) => {
      if (err) {
        this.failure = err;
        return;
      }
      this.pending.push(data);
      this.pendingLength += data.length;
      if (this.pendingLength >= FLUSH_AT) this.flush();
    });
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }

  private flush(): void {
    if (this.pendingLength === 0) return;
    const buffer = Buffer.concat(this.pending, this.pendingLength);
    this.pending = [];
    this.pendingLength = 0;
    let offset = 0;
    while (offset < buffer.length) offset += fs.writeSync(this.fd, buffer, offset);
    this.bytes += buffer.length;
    if (this.bytes > ZIP_LIMIT) {
      throw new AppError(
        'INTERNAL',
        'The export is larger than 4 GiB, more than a zip file without ZIP64 can hold.',
      );
    }
  }

  /** Starts a file in the archive: text written to it goes in as UTF-8, a chunk at a time. */
  entry(name: string): EntryWriter {
    const file = new ThreadedDeflate(name, this.deflater);
    file.mtime = this.mtime;
    this.zip.add(file);
    this.check();
    let size = 0;
    return new EntryWriter(this.text, (bytes, final) => {
      size += bytes.length;
      if (size > ZIP_LIMIT) {
        throw new AppError('INTERNAL', `${name} is larger than 4 GiB, more than a zip file can hold.`);
      }
      file.push(bytes, final);
      this.check();
    });
  }

  finish(target: string): void {
    this.deflater.drain();
    this.deflater.close();
    this.zip.end();
    this.check();
    this.flush();
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    fs.renameSync(this.partial, target);
  }

  abort(): void {
    this.deflater.close();
    try {
      this.zip.terminate();
    } catch {
      // Nothing more to stop.
    }
    try {
      fs.closeSync(this.fd);
    } finally {
      fs.rmSync(this.partial, { force: true });
    }
  }
}

/** A table's rows as CSV lines (field() for each value). */
function* linesOf(
  db: Database.Database,
  table: string,
  names: readonly string[],
  d: string,
  protect: boolean,
): Generator<string> {
  const stmt = db.prepare(`SELECT ${names.map(quoteName).join(', ')} FROM ${quoteName(table)}`);
  for (const row of stmt.raw(true).safeIntegers(true).iterate() as IterableIterator<unknown[]>) {
    yield `${row.map((v) => field(v, d, protect)).join(d)}\r\n`;
  }
}

/**
 * Writes every table of the book to a zip at `target` (see the top of this file). Replaces the
 * target only once the archive is complete; cancelled or failed, it leaves nothing behind.
 */
export function exportEverything(
  ctx: Ctx,
  input: { options: CsvExportOptions },
  target: string,
  job: JobControl,
): ExportAllResult {
  const db = ctx.sql.raw;
  const { options } = input;
  const at = ctx.clock();
  return inReadSnapshot(db, () => {
    const tables: ExportTable[] = exportTables(db).map((t) => ({
      ...t,
      rows: db
        .prepare(`SELECT count(*) FROM ${quoteName(t.name)}`)
        .pluck()
        .get() as number,
    }));
    const manifest: ExportManifest = {
      format: EXPORT_FORMAT,
      formatVersion: EXPORT_FORMAT_VERSION,
      appVersion: ctx.deps.appVersion,
      schemaVersion: ctx.deps.book.schemaVersion,
      exportedAt: new Date(at).toISOString(),
      options: { ...options },
      csv: {
        encoding: 'utf-8-bom',
        delimiter: options.delimiter,
        lineEnding: '\r\n',
        protectFormulas: options.protectFormulas,
        nulls: 'unquoted-empty',
        values: 'as-stored',
        blobs: 'base64',
      },
      tables,
      skipped: Object.entries(SKIPPED_TABLES).map(([name, reason]) => ({ name, reason })),
    };
    const total = tables.reduce((sum, t) => sum + t.rows, 0);
    job.step(0, total, 'Exporting the book');

    const partial = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`);
    // A zip dates its entries in local time from 1980 on.
    const zip = new ZipFile(partial, new Date(Math.max(at, Date.UTC(1980, 0, 2))));
    try {
      const first = zip.entry(MANIFEST_FILE);
      first.write(`${JSON.stringify(manifest, null, 2)}\n`);
      first.end();
      let done = 0;
      const d = options.delimiter;
      for (const table of tables) {
        const out = zip.entry(table.file);
        const names = table.columns.map((c) => c.name);
        out.write(`\uFEFF${names.map((n) => quoteField(n, d)).join(d)}\r\n`);
        let rows = 0;
        for (const line of linesOf(db, table.name, names, d, options.protectFormulas)) {
          out.write(line);
          rows++;
          job.step(++done, total, `Exporting ${table.name}`);
        }
        if (rows !== table.rows) throw new Error(`${table.name} changed while it was exported`);
        out.end();
      }
      zip.finish(target);
    } catch (err) {
      zip.abort();
      throw err;
    }
    return { tables: tables.map((t) => ({ name: t.name, rows: t.rows })), bytes: zip.bytes };
  });
}

function notAnExport(zipPath: string, why: string): AppError {
  return new AppError(
    'VALIDATION',
    `${path.basename(zipPath)} is not a Ledgerline export (${why}). Choose a zip made with “Export everything”.`,
    { path: zipPath },
  );
}

/** The manifest's bytes: the archive's first file, read without reading the rest of the zip. */
function readManifestBytes(zipPath: string): Uint8Array {
  const MAX_MANIFEST = 64 << 20;
  const CHUNK = 1 << 16;
  const state: {
    parts: Uint8Array[] | null;
    size: number;
    done: boolean;
    other: string | null;
    failed: boolean;
  } = { parts: null, size: 0, done: false, other: null, failed: false };
  const unzip = new Unzip((file: UnzipFile) => {
    if (state.parts || state.other !== null) return;
    if (file.name !== MANIFEST_FILE) {
      state.other = file.name;
      return;
    }
    const parts: Uint8Array[] = [];
    state.parts = parts;
    file.ondata = (err, data, final) => {
      state.size += data?.length ?? 0;
      if (err || state.size > MAX_MANIFEST) {
        state.failed = true;
        return;
      }
      parts.push(data);
      if (final) state.done = true;
    };
    file.start();
  });
  unzip.register(UnzipInflate);

  let fd: number;
  try {
    fd = fs.openSync(zipPath, 'r');
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new AppError(
      missing ? 'NOT_FOUND' : 'VALIDATION',
      missing ? `${path.basename(zipPath)} is not there any more.` : `${zipPath} cannot be read.`,
      { path: zipPath },
    );
  }
  try {
    const buffer = Buffer.alloc(CHUNK);
    let read = 0;
    while (!state.done && state.other === null && !state.failed) {
      const n = fs.readSync(fd, buffer, 0, CHUNK, null);
      if (read === 0 && (n < 4 || buffer.readUInt32LE(0) !== 0x04034b50)) {
        throw notAnExport(zipPath, 'it is not a zip file');
      }
      unzip.push(buffer.subarray(0, n), n === 0);
      read += n;
      if (n === 0 || read > MAX_MANIFEST + CHUNK) break;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw notAnExport(zipPath, 'the zip file is damaged');
  } finally {
    fs.closeSync(fd);
  }
  if (state.failed) throw notAnExport(zipPath, 'the zip file is damaged');
  if (state.other !== null)
    throw notAnExport(zipPath, `its first file is ${state.other}, not ${MANIFEST_FILE}`);
  if (!state.done || !state.parts) throw notAnExport(zipPath, `it has no ${MANIFEST_FILE}`);
  return Buffer.concat(state.parts);
}

/**
 * Reads and checks the manifest of an "Export everything" zip. A file that is not one, or one from
 * a newer version of Ledgerline (a newer archive format), is refused with a VALIDATION error that
 * says so; the import is built on what this returns.
 */
export function readExportManifest(zipPath: string): ExportManifest {
  const bytes = readManifestBytes(zipPath);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw notAnExport(zipPath, `its ${MANIFEST_FILE} is not JSON`);
  }
  const head = json as { format?: unknown; formatVersion?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.format !== EXPORT_FORMAT) {
    throw notAnExport(zipPath, `its ${MANIFEST_FILE} is not Ledgerline’s`);
  }
  if (typeof head.formatVersion === 'number' && head.formatVersion > EXPORT_FORMAT_VERSION) {
    const version = head.formatVersion;
    throw new AppError(
      'VALIDATION',
      `${path.basename(zipPath)} was made by a newer version of Ledgerline (export format ${version}; this version reads up to ${EXPORT_FORMAT_VERSION}). Update Ledgerline to import it.`,
      { path: zipPath, formatVersion: version, supported: EXPORT_FORMAT_VERSION },
    );
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError(
      'VALIDATION',
      `The manifest of ${path.basename(zipPath)} is damaged: ${parsed.error.issues[0]?.message ?? 'it does not match'} (at ${parsed.error.issues[0]?.path.join('.') ?? ''}).`,
      {
        path: zipPath,
        issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      },
    );
  }
  const manifest = parsed.data;
  const files = new Set<string>();
  for (const t of manifest.tables) {
    if (t.file !== `${t.name}.csv` || files.has(t.file)) {
      throw new AppError(
        'VALIDATION',
        `The manifest of ${path.basename(zipPath)} is damaged: ${t.file} is listed wrongly.`,
        {
          path: zipPath,
        },
      );
    }
    files.add(t.file);
  }
  return manifest;
}
