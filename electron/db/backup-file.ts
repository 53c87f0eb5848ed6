/**
 * writeBackupFile(source, target): a copy of an open book made with SQLite's online backup API
 * (never a copy of the live file), written so that a crash or a full disk never leaves a file
 * that looks finished and is not:
 *  1. the pages go to a hidden temporary name beside the target (`.<name>.partial`); a reader
 *     connection holds one read transaction for the whole copy, so the copy is one moment of the
 *     book and writes made meanwhile by other connections do not restart it;
 *  2. the copy is switched from write-ahead logging to a rollback journal (it is a single file
 *     then: opening it read-only later leaves no -wal and -shm files beside it);
 *  3. it is fsynced, renamed to the target, and the folder is fsynced, so the name survives a
 *     power cut too;
 *  4. quick_check reads it back; a copy that fails is deleted (unless the caller keeps it, as a
 *     copy of a book already known to be damaged), and `inspect` runs on the checked copy.
 * Any failure removes the temporary file. The book itself is only read.
 *
 * An encrypted book is copied with VACUUM INTO instead (SQLite3 Multiple Ciphers refuses the
 * backup API between an encrypted book and a file it opens without the key): one read
 * transaction writes the copy encrypted with the book's own key, in a single step.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../shared/api/errors.ts';
import { openDatabase, type BookKey } from './cipher.ts';

/** Pages copied per step (4 MiB at the usual 4 KiB page): small enough to stop between. */
const PAGES_PER_STEP = 1024;

export interface BackupFileOptions<T> {
  /**
   * Called between steps with the pages copied so far. It may throw (a cancelled job does): the
   * copy stops there and the temporary file is removed.
   */
  progress?: (done: number, total: number) => void;
  /** Keep the copy when quick_check fails (its problems are returned) instead of deleting it. */
  keepDamaged?: boolean;
  /** Reads what the caller needs from the finished copy (read-only connection). */
  inspect?: (copy: Database.Database) => T;
  /** The source's key when it is encrypted: the copy is encrypted with it too. */
  key?: BookKey | null;
}

export interface BackupFileResult<T> {
  bytes: number;
  /** What quick_check found wrong in the copy (empty when it passed). */
  problems: string[];
  inspected: T | undefined;
}

export function partialName(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.partial`);
}

/** fsync of a folder, so a rename in it is durable (Windows cannot open a folder: skipped there). */
export function syncFolder(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function removeCopy(file: string): void {
  for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}

/** What quick_check finds wrong in a whole file; empty when it is sound. */
export function quickCheckAll(db: Database.Database): string[] {
  let rows: { quick_check: string }[];
  try {
    rows = db.pragma('quick_check', { simple: false }) as { quick_check: string }[];
  } catch (err) {
    // Too damaged for the check to finish is damaged.
    if (codeOf(err).startsWith('SQLITE_CORRUPT') || codeOf(err) === 'SQLITE_NOTADB')
      return [(err as Error).message];
    throw err;
  }
  return rows
    .map((r) => r.quick_check)
    .filter((m) => m !== 'ok')
    .slice(0, 10);
}

function codeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

function freeBytes(dir: string): number | null {
  try {
    const info = fs.statfsSync(dir);
    return info.bavail * info.bsize;
  } catch {
    return null;
  }
}

/**
 * A write failure as an error the user can act on; null when it is not a storage failure.
 * `needed`: the copy's size, to tell a full drive from other write errors (the backup API
 * reports only SQLITE_IOERR for both a failing drive and a file too large for it).
 */
function writeFailure(err: unknown, dir: string, needed: number): AppError | null {
  if (err instanceof AppError) return err;
  const code = codeOf(err);
  const io = code.startsWith('SQLITE_IOERR') || code === 'EIO' || code === 'EFBIG';
  const free = io ? freeBytes(dir) : null;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || (free !== null && free < needed)) {
    return new AppError(
      'DISK_FULL',
      `There is not enough room in ${dir} for the snapshot, so none was taken and the partial copy was removed. Free some space there, or choose another folder for snapshots. The book itself was not changed.`,
      { folder: dir },
    );
  }
  if (
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_READONLY') ||
    code === 'EACCES' ||
    code === 'EPERM' ||
    code === 'EROFS'
  ) {
    return new AppError(
      'READ_ONLY',
      `Ledgerline cannot write in ${dir}, so no snapshot was taken. Choose a folder you can write to for snapshots, or change this one's permissions. The book itself was not changed.`,
      { folder: dir },
    );
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new AppError(
      'BOOK_DAMAGED',
      `The snapshot could not be read back whole, so it was deleted. The book may be damaged, or the drive holding ${dir} may be failing: try again, or choose another folder for snapshots.`,
      { folder: dir },
    );
  }
  if (io) {
    return new AppError(
      'INTERNAL',
      `The snapshot could not be written to ${dir}: the drive reported an error. It may be full, unable to hold a file this large (some drives take at most 4 GB), or failing. The partial copy was removed and the book itself was not changed: free some space, or choose another folder for snapshots.`,
      { folder: dir },
    );
  }
  return null;
}

/** Runs the online backup, holding one read transaction on a reader connection throughout. */
async function copyPages(
  source: Database.Database,
  partial: string,
  progress: BackupFileOptions<unknown>['progress'],
  encrypted: boolean,
): Promise<void> {
  if (encrypted) {
    progress?.(0, 1);
    // A reader refuses every write with query_only, VACUUM INTO's new file too: lifted for it.
    const queryOnly = source.pragma('query_only', { simple: true }) === 1;
    if (queryOnly) source.pragma('query_only = OFF');
    try {
      source.prepare('VACUUM INTO ?').run(partial);
    } finally {
      if (queryOnly) source.pragma('query_only = ON');
    }
    progress?.(1, 1);
    return;
  }
  const hold = source.readonly && !source.inTransaction;
  if (hold) {
    source.exec('BEGIN');
    source.prepare(`SELECT count(*) FROM sqlite_schema`).pluck().get();
  }
  try {
    await source.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        progress?.(totalPages - remainingPages, totalPages);
        return PAGES_PER_STEP;
      },
    });
  } finally {
    if (hold && source.inTransaction) source.exec('COMMIT');
  }
}

export async function writeBackupFile<T = undefined>(
  source: Database.Database,
  target: string,
  options: BackupFileOptions<T> = {},
): Promise<BackupFileResult<T>> {
  const dir = path.dirname(target);
  const partial = partialName(target);
  const needed =
    (source.pragma('page_count', { simple: true }) as number) *
    (source.pragma('page_size', { simple: true }) as number);
  let renamed = false;
  try {
    removeCopy(partial); // left by a crash, if any
    const key = options.key ?? null;
    await copyPages(source, partial, options.progress, key !== null);
    const copy = openDatabase(partial, { key });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    syncFile(partial);
    fs.renameSync(partial, target);
    renamed = true;
    syncFolder(dir);

    const check = openDatabase(target, { readonly: true, fileMustExist: true, key });
    let problems: string[];
    let inspected: T | undefined;
    try {
      problems = quickCheckAll(check);
      if (problems.length === 0) inspected = options.inspect?.(check);
      else if (options.keepDamaged) {
        try {
          inspected = options.inspect?.(check);
        } catch {
          // A damaged copy kept as it is: what cannot be read of it stays unknown.
        }
      }
    } finally {
      check.close();
    }
    if (problems.length > 0 && !options.keepDamaged) {
      throw new AppError(
        'BOOK_DAMAGED',
        `The snapshot failed its check when it was read back (quick_check: ${problems[0]}), so it was deleted. The book may be damaged, or the drive holding ${dir} may be failing: try again, or choose another folder for snapshots.`,
        { problems },
      );
    }
    return { bytes: fs.statSync(target).size, problems, inspected };
  } catch (err) {
    removeCopy(partial);
    if (renamed) removeCopy(target);
    throw writeFailure(err, dir, needed) ?? err;
  }
}
