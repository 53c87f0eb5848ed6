/**
 * openBook(path): checks, migrates and opens one customer book.
 *
 * Order matters, so that a file we must refuse is never touched:
 *  1. the header says SQLite, quick_check passes and the schema is not newer (read-only connection);
 *     a large book with nothing to migrate is opened without waiting for quick_check: the
 *     backend runs it (checkAfterOpen) on a worker of its own and holds writes back until it
 *     passes (Book.checked false); a small book that fails quick_check with nothing to migrate
 *     opens the same way, so its check fails in the backend, which then refuses every write and
 *     answers reads (a damaged book with a migration pending is refused);
 *  2. only then a read-write connection with WAL, synchronous FULL, foreign keys and a busy timeout;
 *  3. an online-backup copy before any pending migration (backup-file.ts: written, fsynced, renamed
 *     and checked; named `<book>-before-update-<time>.sqlite`, as the snapshots are), then all
 *     pending migrations in one transaction.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteAdapter, SqliteDialect, type DialectAdapter } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import { AppError } from '../../shared/api/errors.ts';
import { quickCheckAll, writeBackupFile } from './backup-file.ts';
import { hasSqliteHeader, openDatabase, type BookKey } from './cipher.ts';
import { MIGRATIONS, MIGRATION_NAMES, SCHEMA_VERSION } from './migrations.ts';
import type { DB } from './schema.ts';
import { isReadOnlyError } from './sqlite-errors.ts';

/** "LDGR" in ASCII: marks a file as a Ledgerline customer book. */
export const APPLICATION_ID = 0x4c444752;
export const BUSY_TIMEOUT_MS = 5000;

export interface Book {
  path: string;
  sqlite: Database.Database;
  /** The kysely instance (query building, migrations). */
  db: Kysely<DB>;
  schemaVersion: number;
  /** The backup written before migrating, if any. */
  preMigrationBackup: string | null;
  /** quick_check passed at open; when false the caller must run it before writing. */
  checked: boolean;
  /** The key of an encrypted book (every connection to it needs it); null for a plain one. */
  key: BookKey | null;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Where pre-migration backups go. Default: a "backups" folder beside the book. */
  backupsDir?: string;
  /** Migrations to run (tests pass a prefix of the real list to build old books). */
  migrations?: Readonly<Record<string, Migration>>;
  now?: () => number;
  /**
   * Books larger than this (bytes) with no migration pending open without quick_check, which the
   * caller then runs (quick_check reads every page: 34 s for a 10 GB book). Default: CHECK_LATER_ABOVE.
   */
  checkLaterAbove?: number;
  /**
   * Copy the book before migrating it (default true). A restore migrates a temporary copy of an
   * older snapshot, which needs no copy of its own.
   */
  preMigrationBackup?: boolean;
  /** The key of an encrypted book; a new book is created encrypted with it. */
  key?: BookKey | null;
}

/** quick_check reads about 300 MB a second here: a book up to 64 MiB is checked before it opens. */
export const CHECK_LATER_ABOVE = 64 * 1024 * 1024;

/**
 * quick_check one table at a time (each with its indexes), calling `between` before each so the
 * work can stop there: a worker thread deep inside one PRAGMA cannot be stopped, and holds up the
 * process's exit until it returns (the whole of a 10 GB book is 34 s; its largest table, 6 s).
 * What this leaves out of the whole-file check is the page accounting across tables (pages used
 * twice, or by nothing); damage inside any table or index is found as before.
 */
export function quickCheckByTable(
  sqlite: Database.Database,
  between: (done: number, total: number) => void = () => {},
): string[] {
  // A page too damaged to read makes the check throw instead of answering: that is damage too
  // (a thrown check must not pass for a clean one).
  const damage = (err: unknown, where: string): string[] => {
    const code = (err as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')) {
      return [`${where}: ${(err as Error).message}`];
    }
    throw err;
  };
  let tables: string[];
  try {
    tables = sqlite
      .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'`)
      .pluck()
      .all() as string[];
  } catch (err) {
    return damage(err, 'the list of tables');
  }
  const problems: string[] = [];
  for (const [i, name] of tables.entries()) {
    between(i, tables.length);
    try {
      problems.push(...quickCheck(sqlite, `"${name.replaceAll('"', '""')}"`));
    } catch (err) {
      problems.push(...damage(err, `table ${name}`));
    }
    if (problems.length >= 10) break;
  }
  return problems.slice(0, 10);
}

/**
 * The check of a large book after it opened (the book.check job): the file read ahead, when the
 * OS's file cache can keep it, then quickCheckByTable. quick_check walks each table's b-tree, and
 * in a book that has grown for years a table's pages lie all over the file, so page by page the
 * check reads the disk at random: 15 to 47 MB/s on the build machine for the bench's 15 GB book,
 * 14 minutes, while writes waited. Read in order, in large blocks, the same file comes at the
 * disk's full speed (0.5 to 1 GB/s there) into the file cache, where the check then finds its
 * pages. `between(done, total)` is called before each block and each table (reading ahead is the
 * first half of the way, when it happens).
 */
export function checkAfterOpen(
  book: Pick<Book, 'path' | 'sqlite'>,
  between: (done: number, total: number) => void = () => {},
  available: number = os.freemem(),
): string[] {
  const ahead = worthReadingAhead(fs.statSync(book.path).size, available);
  const STEPS = 1000;
  if (ahead) readAhead(book.path, (done, total) => between(Math.floor((done / total) * (STEPS / 2)), STEPS));
  const from = ahead ? STEPS / 2 : 0;
  return quickCheckByTable(book.sqlite, (done, total) =>
    between(from + Math.floor((done / total) * (STEPS - from)), STEPS),
  );
}

/** The largest share of the memory the OS says is available that a book read ahead may take. */
export const READ_AHEAD_SHARE = 0.75;

/**
 * A file is read ahead only when the file cache can keep all of it: otherwise its first blocks
 * would be gone again before the check reached them, and the check would read them twice.
 */
export function worthReadingAhead(bytes: number, available: number): boolean {
  return bytes <= available * READ_AHEAD_SHARE;
}

const READ_AHEAD_BLOCK = 4 * 1024 * 1024;

/** Reads a file from start to end in 4 MiB blocks, calling `between(done, total)` (bytes) before each. */
export function readAhead(file: string, between: (done: number, total: number) => void = () => {}): void {
  const fd = fs.openSync(file, 'r');
  try {
    const total = fs.fstatSync(fd).size;
    const block = Buffer.allocUnsafe(READ_AHEAD_BLOCK);
    for (let done = 0; done < total;) {
      between(done, total);
      const read = fs.readSync(fd, block, 0, block.length, done);
      if (read === 0) break;
      done += read;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** What quick_check (of the whole book, or of one table) finds wrong; empty when it is sound. */
function quickCheck(sqlite: Database.Database, table?: string): string[] {
  const rows = sqlite.pragma(table ? `quick_check(${table})` : 'quick_check', { simple: false }) as {
    quick_check: string;
  }[];
  return rows.map((r) => r.quick_check).filter((m) => m !== 'ok');
}

/** SQLite's adapter says DDL is not transactional; it is, so migrations run atomically. */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
class BookDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
}

function damaged(file: string, why: string, details?: unknown): AppError {
  return new AppError(
    'BOOK_DAMAGED',
    `${file} cannot be opened as a customer book: ${why} It has not been changed. Restore it from a backup, or choose another file.`,
    details,
  );
}

function readOnly(file: string, what: 'folder' | 'file'): AppError {
  return new AppError(
    'READ_ONLY',
    what === 'folder'
      ? `Ledgerline cannot write in ${path.dirname(file)}: the folder is read-only. Choose a folder you can write to, or change its permissions.`
      : `Ledgerline cannot write to ${file}: the file is read-only. Change its permissions, or copy it to a folder you can write to.`,
    { path: file },
  );
}

interface Inspection {
  exists: boolean;
  executed: string[];
  userVersion: number;
  /** quick_check ran (and passed). */
  checked: boolean;
}

/**
 * Step 1: look at an existing file without changing it. quick_check is left out only for a book
 * larger than checkLaterAbove with every migration done.
 */
function inspect(
  file: string,
  known: readonly string[],
  checkLaterAbove: number,
  toRun: readonly string[],
  key: BookKey | null,
): Inspection {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      return { exists: false, executed: [], userVersion: 0, checked: true };
    throw err;
  }
  if (!stat.isFile()) throw damaged(file, 'it is a folder, not a file.');
  if (stat.size === 0) return { exists: false, executed: [], userVersion: 0, checked: true };

  if (!hasSqliteHeader(file) && !key) {
    throw damaged(file, 'it is not an SQLite database (nor a book encrypted by Ledgerline).');
  }

  // A read-only look at a WAL book makes SQLite create -wal/-shm files. Remove them afterwards
  // when this look created them and the WAL holds nothing, so a refused file is left as found.
  const sideFiles = [`${file}-wal`, `${file}-shm`].filter((f) => !fs.existsSync(f));
  let ro: Database.Database | null = null;
  try {
    ro = openDatabase(file, { readonly: true, fileMustExist: true, key });
    ro.pragma('trusted_schema = OFF');
    const check = () => {
      const problems = quickCheck(ro!);
      if (problems.length > 0) {
        throw damaged(file, 'the database is damaged (quick_check failed).', {
          problems: problems.slice(0, 10),
        });
      }
    };
    const large = stat.size > checkLaterAbove;
    // A small book is checked now. One found damaged still opens when nothing is to be migrated,
    // as a large one does before its check: the backend checks it again on a worker (checked:
    // false), finds the damage, refuses every write and keeps answering reads, so the Backups
    // screen can offer the newest good snapshot and an export of what can still be read.
    const damage = !large && quickCheckAll(ro).length > 0;
    const appId = ro.pragma('application_id', { simple: true }) as number;
    const userVersion = ro.pragma('user_version', { simple: true }) as number;
    const tables = ro
      .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
      .pluck()
      .all() as string[];
    if (appId !== APPLICATION_ID && tables.length > 0) {
      throw damaged(file, 'it is a database of another program, not a Ledgerline customer book.');
    }
    const foreign = foreignSchema(ro);
    if (foreign) throw damaged(file, foreign);
    let executed: string[] = [];
    if (tables.includes('kysely_migration')) {
      executed = ro.prepare(`SELECT name FROM kysely_migration ORDER BY name`).pluck().all() as string[];
    }
    const unknown = executed.filter((n) => !known.includes(n));
    if (unknown.length > 0 || userVersion > known.length) {
      throw new AppError(
        'BOOK_TOO_NEW',
        `${file} was saved by a newer version of Ledgerline (book version ${Math.max(userVersion, executed.length)}, this app reads up to ${known.length}). Update Ledgerline to open it. The file has not been changed.`,
        { bookVersion: Math.max(userVersion, executed.length), appVersion: known.length, unknown },
      );
    }
    // A book about to be migrated is checked first, however large, and not migrated if damaged.
    const complete = toRun.every((n) => executed.includes(n));
    if ((large || damage) && !complete) check();
    return { exists: true, executed, userVersion, checked: !damage && (!large || !complete) };
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB' && key && !hasSqliteHeader(file)) {
      throw new AppError(
        'KEY_WRONG',
        `The key given does not open ${file}: it is encrypted with another key, or it is not a customer book. Nothing was changed.`,
      );
    }
    if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
      throw damaged(file, 'the database is damaged.');
    }
    if (code.startsWith('SQLITE_CANTOPEN')) throw readOnly(file, 'folder');
    throw err;
  } finally {
    ro?.close();
    const wal = `${file}-wal`;
    if (sideFiles.includes(wal) && fs.existsSync(wal) && fs.statSync(wal).size === 0) {
      for (const f of sideFiles) fs.rmSync(f, { force: true });
    }
  }
}

function ensureWritable(file: string, exists: boolean): void {
  const dir = path.dirname(file);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    if (isReadOnlyError(err)) throw readOnly(file, 'folder');
    throw err;
  }
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    if (exists) fs.accessSync(file, fs.constants.W_OK);
  } catch {
    throw readOnly(file, exists ? 'file' : 'folder');
  }
}

/**
 * SQLite's page cache per connection (the default is 2 MiB). At a million people a search reads
 * FTS5 doclists and index pages that a 2 MiB cache keeps evicting: 32 MiB cut a name search's
 * median by three quarters there. Three connections (main, reader, writer) stay under 100 MiB.
 */
const PAGE_CACHE_KIB = 32 * 1024;

/**
 * What a book's schema holds that Ledgerline never makes and that could run when the book is read
 * or changed: triggers and views (its own schema has neither). Null when there is nothing.
 */
export function foreignSchema(sqlite: Database.Database, schema = 'main'): string | null {
  const found = sqlite
    .prepare(
      `SELECT type, name FROM "${schema}".sqlite_schema WHERE type IN ('trigger', 'view') ORDER BY type, name`,
    )
    .all() as { type: string; name: string }[];
  if (found.length === 0) return null;
  const named = found
    .slice(0, 3)
    .map((f) => `${f.type} “${f.name}”`)
    .join(', ');
  return `it holds ${found.length === 1 ? 'a trigger or view' : `${found.length} triggers or views`} that Ledgerline never makes (${named}${found.length > 3 ? '…' : ''}), which could run when the book is used.`;
}

/** Applies the pragmas every connection to a book needs. */
export function applyPragmas(sqlite: Database.Database): void {
  const mode = sqlite.pragma('journal_mode = WAL', { simple: true });
  if (String(mode).toLowerCase() !== 'wal') {
    throw new AppError('INTERNAL', 'The customer book could not switch to write-ahead logging.');
  }
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  // Functions in the schema (defaults, checks, generated columns) may only be harmless built-ins.
  sqlite.pragma('trusted_schema = OFF');
  // What a change deletes or replaces is overwritten on the pages it writes anyway (no extra
  // I/O), so an old copy of a row does not linger in free space: an erased person leaves no trace.
  sqlite.pragma('secure_delete = FAST');
}

/**
 * A second connection to a book that openBook has already checked and migrated: what a job
 * worker uses. A reader is opened read-only and also refuses writes with query_only.
 */
export function connectBook(
  file: string,
  options: { readonly: boolean; key?: BookKey | null },
): { sqlite: Database.Database; db: Kysely<DB> } {
  const sqlite = openDatabase(file, {
    readonly: options.readonly,
    fileMustExist: true,
    key: options.key ?? null,
  });
  try {
    if (options.readonly) {
      sqlite.pragma('query_only = ON');
      sqlite.pragma('trusted_schema = OFF');
      sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    } else {
      applyPragmas(sqlite);
    }
  } catch (err) {
    sqlite.close();
    throw err;
  }
  return { sqlite, db: new Kysely<DB>({ dialect: new BookDialect({ database: sqlite }) }) };
}

export function backupFileName(file: string, label: string, at: number): string {
  const stamp = new Date(at).toISOString().replace(/[:.]/gu, '-');
  return `${path.basename(file, path.extname(file))}-${label}-${stamp}.sqlite`;
}

export async function openBook(file: string, options: OpenOptions = {}): Promise<Book> {
  const migrations = options.migrations ?? MIGRATIONS;
  const names = Object.keys(migrations);
  const now = options.now ?? Date.now;
  const abs = path.resolve(file);

  const key = options.key ?? null;
  const seen = inspect(abs, MIGRATION_NAMES, options.checkLaterAbove ?? CHECK_LATER_ABOVE, names, key);
  ensureWritable(abs, seen.exists);

  let sqlite: Database.Database;
  try {
    // A new book is created encrypted when a key is given (keyFor: an empty file has no header).
    sqlite = openDatabase(abs, { key });
  } catch (err) {
    if (isReadOnlyError(err)) throw readOnly(abs, 'folder');
    throw err;
  }
  try {
    applyPragmas(sqlite);
    if (!seen.exists) sqlite.pragma(`application_id = ${APPLICATION_ID}`);
  } catch (err) {
    sqlite.close();
    if (isReadOnlyError(err)) throw readOnly(abs, seen.exists ? 'file' : 'folder');
    throw err;
  }

  const db = new Kysely<DB>({ dialect: new BookDialect({ database: sqlite }) });
  const close = async () => {
    await db.destroy();
    // Kysely closes the connection only when it ran a query on it: a book opened with nothing to
    // migrate may never have, and its connection would stay open (and keep the file busy).
    if (sqlite.open) sqlite.close();
  };

  try {
    const pending = names.filter((n) => !seen.executed.includes(n));
    let preMigrationBackup: string | null = null;
    if (
      pending.length > 0 &&
      seen.exists &&
      seen.executed.length > 0 &&
      options.preMigrationBackup !== false
    ) {
      const dir = options.backupsDir ?? path.join(path.dirname(abs), 'backups');
      fs.mkdirSync(dir, { recursive: true });
      // Named as the snapshots are, so the Backups screen lists it as taken 'before-update'.
      const target = path.join(dir, backupFileName(abs, 'before-update', now()));
      await writeBackupFile(sqlite, target, { key });
      preMigrationBackup = target;
    }
    if (pending.length > 0) {
      const provider: MigrationProvider = { getMigrations: async () => ({ ...migrations }) };
      const migrator = new Migrator({ db, provider });
      const { error } = await migrator.migrateToLatest();
      if (error) {
        throw new AppError(
          'INTERNAL',
          `The customer book could not be updated to this version of Ledgerline, so it was left as it was.${preMigrationBackup ? ` A copy taken before the update is at ${preMigrationBackup}.` : ''}`,
          { cause: error instanceof Error ? error.message : String(error) },
        );
      }
      sqlite.pragma(`user_version = ${names.length}`);
    }
    return {
      path: abs,
      sqlite,
      db,
      schemaVersion: names.length,
      preMigrationBackup,
      checked: seen.checked,
      key,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

export { SCHEMA_VERSION, hasSqliteHeader };
