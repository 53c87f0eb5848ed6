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
 *     where it was so windows that remember a later number still see what changes next. It logs a
 *     change to every table and is synced (synchronous FULL), which makes the restore durable;
 *     the log is then checkpointed into the book file.
 * The handler then tells the backend (cached state, the check of a damaged book) and the windows
 * (db.changed for every table).
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../../shared/api/errors.ts';
import type { SnapshotInfo } from '../../../shared/api/requests/backups.requests.ts';
import { TABLES } from '../../../shared/api/requests.ts';
import { quickCheckAll } from '../../db/backup-file.ts';
import { createWriter } from '../../db/changes.ts';
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
  if (!hasSqliteHeader(full)) throw unusable(file, NOT_SQLITE);
  try {
    return withReadOnly(full, (db) => {
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
    });
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
    await withReadOnly(full, (db) => backupWithSteps(db, temp, job, 'Updating the snapshot to this version'));
    const migrated = await openBook(temp, { preMigrationBackup: false });
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

/** Step 5: the installation's own state, kept across the restore, in one synced write. */
function afterCopy(ctx: Ctx, seqBefore: number, settings: BackupSettings, file: string): number {
  // A writer of its own: the handler, not the job, sends the db.changed (after the backend has
  // forgotten what it knew of the old book), and a damaged book's write gate does not apply.
  const writer = createWriter({
    sql: ctx.sql,
    clock: ctx.clock,
    staffId: () => ctx.currentStaffId(),
    onCommit: () => {},
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
  });
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
    await withReadOnly(source, (db) =>
      backupWithSteps(db, ctx.deps.book.path, job, 'Restoring the snapshot'),
    );
  } finally {
    if (source !== full) removeFile(source);
  }
  const seq = afterCopy(ctx, seqBefore, settings, input.file);
  return { restored, safety, seq };
}
