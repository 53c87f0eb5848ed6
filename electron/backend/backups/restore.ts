/**
 * backups.restore: puts a snapshot in place of the live book, in one step, while the app stays
 * open. It runs as a write job, so no other write runs meanwhile (the main thread holds its own
 * back, see jobs.runner.ts):
 *  1. the snapshot is checked: an SQLite book of ours, not from a newer Ledgerline, quick_check
 *     passes, and its page size is the book's; anything else is refused and nothing changes;
 *  2. the book as it is now is snapshotted ('before-restore'), so the restore can be undone by
 *     restoring that (a book found damaged is copied even though it fails quick_check);
 *  3. a snapshot from an older schema is copied to a temporary file beside the book and migrated
 *     there with openBook, so the live book only ever receives a book of this version;
 *  4. the snapshot is copied INTO the live book with the online backup API: SQLite replaces the
 *     book's pages in one write transaction (in its write-ahead log), so every connection (the
 *     main one and the job workers') reads either the old book or the restored one, never a mix,
 *     and the book stays in WAL mode. A cancel or a failure before the commit leaves it as it was;
 *  5. one write then keeps what belongs to this installation rather than to the snapshot: the
 *     snapshots' settings (folder and rule), and the change log's numbering, which goes on from
 *     where it was so windows that remember a later number still see what changes next, and the
 *     audit trail's events since the snapshot, with one for the restore (audit/audit.restore.ts).
 *     It logs a change to every table and is synced (synchronous FULL), which makes the restore durable;
 *     the log is then checkpointed into the book file.
 * The handler then tells the backend (cached state, the check of a damaged book) and the windows
 * (db.changed for every table).
 *
 * An encrypted book cannot receive pages through the backup API (SQLite3 Multiple Ciphers refuses
 * it between a keyed book and a file the API opens without a key): its step 4 copies the rows
 * instead, table by table, from the snapshot attached with the key, in one write transaction on
 * the job's connection, so the same all-or-nothing holds. The search index's tables are copied
 * as they are (its contentless text cannot be selected), with their rowids.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../../shared/api/errors.ts';
import type { SnapshotInfo } from '../../../shared/api/requests/backups.requests.ts';
import { TABLES } from '../../../shared/api/requests.ts';
import { quickCheckAll } from '../../db/backup-file.ts';
import { attachDatabase, type BookKey } from '../../db/cipher.ts';
import { createWriter, type WriteScope } from '../../db/changes.ts';
import { SCHEMA_VERSION } from '../../db/migrations.ts';
import { openBook } from '../../db/open.ts';
import type { Ctx } from '../context.ts';
import type { JobControl } from '../jobs/job.ts';
import { readBackupSettings, writeBackupSettings, type BackupSettings } from './backup-settings.ts';
import {
  damagedText,
  DAMAGED,
  hasSqliteHeader,
  isCorruption,
  newerText,
  NOT_OURS,
  foreignText,
  NOT_SQLITE,
  readFacts,
  unusable,
  withReadOnly,
  type BookFacts,
} from './snapshot-facts.ts';
import { describeSnapshot, resolveSnapshot, takeSnapshot } from './snapshots.ts';
import { createAuditHook } from '../audit/audit.capture.ts';
import { carryTrail } from '../audit/audit.restore.ts';

export interface RestoreInput {
  file: string;
  /** The live book failed quick_check when it opened: its safety copy is kept all the same. */
  bookDamaged: boolean;
}

export interface RestoreResult {
  restored: SnapshotInfo;
  safety: SnapshotInfo;
  /** The change log's newest seq after the restore (the db.changed the handler sends). */
  seq: number;
}

const PAGES_PER_STEP = 1024;

/** Step 1: what the snapshot is, or a refusal that changes nothing. */
function checkSnapshot(ctx: Ctx, full: string, file: string, job: JobControl): BookFacts {
  const key = ctx.deps.book.key;
  if (!hasSqliteHeader(full) && !key) throw unusable(file, NOT_SQLITE);
  try {
    return withReadOnly(
      full,
      (db) => {
        const facts = readFacts(db);
        if (!facts.ours) throw unusable(file, NOT_OURS);
        if (facts.foreign) throw unusable(file, foreignText(facts.foreign));
        if (facts.newer) throw unusable(file, newerText(facts.schemaVersion), 'BOOK_TOO_NEW');
        job.step(0, null, 'Checking the snapshot');
        const problems = quickCheckAll(db);
        if (problems.length > 0) throw unusable(file, damagedText(problems));
        const pageSize = ctx.sql.raw.pragma('page_size', { simple: true }) as number;
        if (facts.pageSize !== pageSize) {
          throw unusable(
            file,
            `Its page size (${facts.pageSize} bytes) is not the book's (${pageSize} bytes), so it cannot be copied into the open book.`,
          );
        }
        return facts;
      },
      key,
    );
  } catch (err) {
    if (isCorruption(err)) throw unusable(file, DAMAGED);
    throw err;
  }
}

function removeFile(file: string): void {
  for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}

async function backupWithSteps(
  source: Database.Database,
  target: string,
  job: JobControl,
  message: string,
): Promise<void> {
  await source.backup(target, {
    progress: ({ totalPages, remainingPages }) => {
      job.step(totalPages - remainingPages, totalPages, message);
      return PAGES_PER_STEP;
    },
  });
}

/** Step 3: an older snapshot, migrated on a temporary copy beside the book; returns its path. */
async function migratedCopy(ctx: Ctx, full: string, job: JobControl): Promise<string> {
  const book = ctx.deps.book.path;
  const temp = path.join(path.dirname(book), `.${path.basename(book, path.extname(book))}-restoring.sqlite`);
  removeFile(temp);
  try {
    const key = ctx.deps.book.key;
    await withReadOnly(
      full,
      async (db) => {
        if (key === null) await backupWithSteps(db, temp, job, 'Updating the snapshot to this version');
        else {
          job.step(0, null, 'Updating the snapshot to this version');
          db.prepare('VACUUM INTO ?').run(temp);
        }
      },
      key,
    );
    const migrated = await openBook(temp, { preMigrationBackup: false, key });
    await migrated.close();
    return temp;
  } catch (err) {
    removeFile(temp);
    if (err instanceof AppError && err.code !== 'CANCELLED') {
      throw new AppError(
        err.code,
        `The snapshot is from an older version of Ledgerline and could not be updated to this one, so nothing was restored. ${err.message}`,
        err.details,
      );
    }
    throw err;
  }
}

/**
 * Step 4 for an encrypted book: every table's rows replaced by the snapshot's, in one write
 * transaction (foreign keys checked at its commit). A cancel between tables rolls it all back.
 */
function copyRows(live: Database.Database, source: string, key: BookKey, job: JobControl): void {
  const tables = live
    .prepare(
      `SELECT name, sql FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
        AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name`,
    )
    .all() as { name: string; sql: string }[];
  attachDatabase(live, source, 'snap', key);
  // The search index's own tables may only be written with this on (SQLite's defensive mode).
  live.unsafeMode(true);
  try {
    live.exec('BEGIN IMMEDIATE');
    try {
      live.pragma('defer_foreign_keys = ON');
      for (const [i, { name, sql }] of tables.entries()) {
        job.step(i, tables.length, 'Restoring the snapshot');
        const columns = live.prepare(`SELECT name, type, pk FROM pragma_table_info(?, 'main')`).all(name) as {
          name: string;
          type: string;
          pk: number;
        }[];
        const pks = columns.filter((c) => c.pk > 0);
        const rowidAlias = pks.length === 1 && pks[0]!.type.toUpperCase() === 'INTEGER';
        const keepRowid = !/WITHOUT\s+ROWID/iu.test(sql) && !rowidAlias;
        const list = [
          ...(keepRowid ? ['rowid'] : []),
          ...columns.map((c) => `"${c.name.replaceAll('"', '""')}"`),
        ].join(', ');
        const quoted = `"${name.replaceAll('"', '""')}"`;
        live.exec(`DELETE FROM main.${quoted}`);
        live.exec(`INSERT INTO main.${quoted} (${list}) SELECT ${list} FROM snap.${quoted}`);
      }
      live.exec(`DELETE FROM main.sqlite_sequence`);
      live.exec(`INSERT INTO main.sqlite_sequence SELECT * FROM snap.sqlite_sequence`);
      live.exec('COMMIT');
    } catch (err) {
      if (live.inTransaction) live.exec('ROLLBACK');
      throw err;
    }
  } finally {
    live.unsafeMode(false);
    live.exec('DETACH DATABASE snap');
  }
}

/** Step 5: the installation's own state, kept across the restore, in one synced write. */
function afterCopy(
  ctx: Ctx,
  seqBefore: number,
  settings: BackupSettings,
  file: string,
  also: (scope: WriteScope) => void,
): number {
  // A writer of its own: the handler, not the job, sends the db.changed (after the backend has
  // forgotten what it knew of the old book), and a damaged book's write gate does not apply.
  const writer = createWriter({
    sql: ctx.sql,
    clock: ctx.clock,
    staffId: () => ctx.currentStaffId(),
    onCommit: () => {},
    hook: createAuditHook({ sql: ctx.sql }),
  });
  writer.write((scope) => {
    const db = ctx.sql.raw;
    db.prepare(`UPDATE sqlite_sequence SET seq = ? WHERE name = 'changes' AND seq < ?`).run(
      seqBefore,
      seqBefore,
    );
    db.prepare(
      `INSERT INTO sqlite_sequence (name, seq) SELECT 'changes', ? WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'changes')`,
    ).run(seqBefore);
    writeBackupSettings(ctx, scope, settings);
    for (const table of TABLES) scope.change(table, file, 'update');
    also(scope);
  });
  writer.close();
  // The restored pages sit in the write-ahead log, as large as the book: they go into the book
  // file now, on this connection (a job's), not in some later commit on the main thread, and the
  // log is emptied. Readers still on the old pages can hold that back: the rest follows later.
  try {
    ctx.sql.raw.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // Busy: the automatic checkpoints finish it.
  }
  return writer.latestSeq();
}

export async function restoreSnapshot(
  ctx: Ctx,
  input: RestoreInput,
  job: JobControl,
): Promise<RestoreResult> {
  const full = resolveSnapshot(ctx, input.file);
  const facts = checkSnapshot(ctx, full, input.file, job);
  const restored = describeSnapshot(ctx, input.file);
  const settings = readBackupSettings(ctx);
  const seqBefore = ctx.writer.latestSeq();
  const safety = await takeSnapshot(ctx, 'before-restore', job, {
    keepDamaged: input.bookDamaged,
    spare: input.file,
  });

  const source = facts.schemaVersion < SCHEMA_VERSION ? await migratedCopy(ctx, full, job) : full;
  try {
    const key = ctx.deps.book.key;
    if (key === null) {
      await withReadOnly(source, (db) =>
        backupWithSteps(db, ctx.deps.book.path, job, 'Restoring the snapshot'),
      );
    } else copyRows(ctx.sql.raw, source, key, job);
  } finally {
    if (source !== full) removeFile(source);
  }
  // The audit trail keeps what happened after the snapshot (it is in the safety copy).
  const trail = carryTrail(
    ctx,
    (db, schema) => attachDatabase(db, resolveSnapshot(ctx, safety.file), schema, ctx.deps.book.key),
    ctx.deps.log,
  );
  let seq: number;
  try {
    seq = afterCopy(ctx, seqBefore, settings, input.file, (scope) => trail.carry(scope, restored));
  } finally {
    trail.close();
  }
  return { restored, safety, seq };
}
