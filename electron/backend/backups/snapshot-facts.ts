/**
 * What a snapshot file is, read without changing it: an SQLite file at all, a Ledgerline book,
 * its schema version (newer than this app reads?), and its live record counts.
 *
 * openReadOnly() opens a file read-only. A book copied in write-ahead-log mode (the copies
 * openBook made before this module existed) makes SQLite create -wal and -shm files beside it
 * even then; they are removed again when this look made them and the log holds nothing, so a
 * file is left as it was found.
 */
import fs from 'node:fs';
import type Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../../shared/api/errors.ts';
import { SNAPSHOT_RECORDS, type SnapshotRecord } from '../../../shared/api/requests/backups.requests.ts';
import { openDatabase, type BookKey } from '../../db/cipher.ts';
import { MIGRATION_NAMES } from '../../db/migrations.ts';
import { APPLICATION_ID, foreignSchema } from '../../db/open.ts';

export { hasSqliteHeader } from '../../db/open.ts';

/**
 * Runs `read` on a read-only connection to `file` (and waits for it when it returns a promise),
 * then closes it, leaving no side files it made. `key`: the book's, for a snapshot of an
 * encrypted book (a plain file is opened without it).
 */
export function withReadOnly<T>(
  file: string,
  read: (db: Database.Database) => T,
  key: BookKey | null = null,
): T {
  const made = [`${file}-wal`, `${file}-shm`].filter((f) => !fs.existsSync(f));
  const db = openDatabase(file, { readonly: true, fileMustExist: true, key });
  const done = () => {
    db.close();
    const wal = `${file}-wal`;
    if (made.includes(wal) && (!fs.existsSync(wal) || fs.statSync(wal).size === 0)) {
      for (const f of made) fs.rmSync(f, { force: true });
    }
  };
  let result: T;
  try {
    result = read(db);
  } catch (err) {
    done();
    throw err;
  }
  if (result instanceof Promise) return result.finally(done) as T;
  done();
  return result;
}

export interface BookFacts {
  /** application_id says Ledgerline. */
  ours: boolean;
  schemaVersion: number;
  /** Written by a newer Ledgerline: this one cannot read it. */
  newer: boolean;
  /** Triggers or views Ledgerline never makes (open.ts foreignSchema), or null. */
  foreign: string | null;
  pageSize: number;
}

export function readFacts(db: Database.Database): BookFacts {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const userVersion = db.pragma('user_version', { simple: true }) as number;
  const tables = tableNames(db);
  let executed: string[] = [];
  if (tables.has('kysely_migration')) {
    executed = db.prepare(`SELECT name FROM kysely_migration`).pluck().all() as string[];
  }
  const unknown = executed.some((n) => !MIGRATION_NAMES.includes(n));
  return {
    ours: appId === APPLICATION_ID,
    schemaVersion: Math.max(userVersion, executed.length),
    newer: unknown || userVersion > MIGRATION_NAMES.length,
    foreign: foreignSchema(db),
    pageSize: db.pragma('page_size', { simple: true }) as number,
  };
}

export function tableNames(db: Database.Database, schema = 'main'): Set<string> {
  return new Set(
    db
      .prepare(`SELECT name FROM "${schema}".sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
      .pluck()
      .all() as string[],
  );
}

export function columnNames(db: Database.Database, table: string, schema = 'main'): Set<string> {
  return new Set(
    db.prepare(`SELECT name FROM pragma_table_info(?, ?)`).pluck().all(table, schema) as string[],
  );
}

/** The live-row condition of a table (none when an older schema had no Trash for it). */
export function liveWhere(columns: Set<string>, alias: string): string {
  return columns.has('deleted_at') ? `${alias}.deleted_at IS NULL` : '1';
}

/** Live records per table; a table an older schema did not have counts 0. */
export function liveCounts(db: Database.Database): Record<SnapshotRecord, number> {
  const tables = tableNames(db);
  const out = {} as Record<SnapshotRecord, number>;
  for (const t of SNAPSHOT_RECORDS) {
    out[t] = tables.has(t)
      ? (db
          .prepare(`SELECT count(*) FROM "${t}" t WHERE ${liveWhere(columnNames(db, t), 't')}`)
          .pluck()
          .get() as number)
      : 0;
  }
  return out;
}

export function newerText(schemaVersion: number): string {
  return `It was saved by a newer version of Ledgerline (book version ${schemaVersion}; this one reads up to ${MIGRATION_NAMES.length}). Update Ledgerline to restore it.`;
}

export const NOT_SQLITE = 'This file is not a Ledgerline snapshot: it is not an SQLite database.';
export const NOT_OURS = 'This file is not a Ledgerline snapshot: it is a database of another program.';
/** A snapshot with triggers or views in it (foreignSchema's words, after "it"). */
export const foreignText = (foreign: string) =>
  `This file is not a Ledgerline snapshot as Ledgerline writes them: ${foreign}`;
export const DAMAGED = 'This snapshot is damaged: it cannot be read whole.';

export function damagedText(problems: readonly string[]): string {
  return `This snapshot is damaged (quick_check: ${problems[0] ?? 'failed'}).`;
}

export function isCorruption(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB'));
}

/** A snapshot that cannot be used, refused in words the user can act on; nothing was changed. */
export function unusable(
  file: string,
  problem: string,
  code: 'BOOK_DAMAGED' | 'BOOK_TOO_NEW' = 'BOOK_DAMAGED',
) {
  return new AppError(
    code,
    `${file} cannot be used. ${problem} Nothing was changed: choose another snapshot.`,
    {
      file,
    },
  );
}
