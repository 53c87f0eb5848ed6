/**
 * Opening the customer book for a host (the desktop shell or the preview): where it lives,
 * the single-writer lock, the checks and migrations of openBook, and the backend on top.
 */
import fs from 'node:fs';
import path from 'node:path';
import { uuidv7Ids } from './ids.ts';
import { AppError } from '../../shared/api/errors.ts';
import { acquireBookLock, type BookLock } from '../db/lock.ts';
import type { BookKey } from '../db/cipher.ts';
import { openBook, type Book } from '../db/open.ts';
import { createBackend, type Backend } from './backend.ts';
import type { BackendDeps } from './context.ts';

export const BOOK_FILE_NAME = 'customer-book.sqlite';

export function bookPathIn(dataDir: string): string {
  return path.join(dataDir, BOOK_FILE_NAME);
}

export function backupsDirIn(dataDir: string): string {
  return path.join(dataDir, 'backups');
}

export interface OpenedBook {
  backend: Backend;
  book: Book;
  lock: BookLock;
  close(): Promise<void>;
}

export interface OpenForHostOptions {
  dataDir: string;
  host: BackendDeps['host'];
  appVersion: string;
  emit: BackendDeps['emit'];
  log?: BackendDeps['log'];
  clock?: () => number;
  ids?: () => string;
  /** The job worker's entry (jobs/jobs.worker-source.ts from source, the bundle's file in the app). */
  jobsWorker?: URL | null;
  /** Start the job workers at once (the app and the preview; most tests start them on first use). */
  prewarmJobs?: boolean;
  /** See OpenOptions.checkLaterAbove (tests set 0 to check every book after it opens). */
  checkLaterAbove?: number;
  /** The native Open and Save dialogs (the desktop shell's; tests pass stand-ins). */
  dialogs?: BackendDeps['dialogs'];
  /**
   * Take a snapshot in the background after the book check when none was taken today (the
   * desktop app and the preview). Default false: tests and the bench do without.
   */
  dailySnapshot?: boolean;
  /** Shorten the audit trail to the time chosen in the background (see BackendDeps). Default false. */
  auditPruning?: boolean;
  /** The key of an encrypted book (security/gate.ts finds it). */
  key?: BookKey | null;
  /** The single-writer lock, already held (the gate keeps it while it re-opens the book). */
  lock?: BookLock;
  /** See BackendDeps.security. */
  security?: BackendDeps['security'];
}

/** The single-writer lock of the book in `dataDir`, or a READ_ONLY error the user can act on. */
export function lockBook(dataDir: string, file: string): BookLock {
  try {
    // The lock file sits beside the book, so the folder must exist first.
    fs.mkdirSync(dataDir, { recursive: true });
    return acquireBookLock(file);
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM') {
      throw new AppError(
        'READ_ONLY',
        `Ledgerline cannot write in ${dataDir}: the folder is read-only. Choose a folder you can write to, or change its permissions.`,
        { path: dataDir },
      );
    }
    throw err;
  }
}

export async function openBookForHost(options: OpenForHostOptions): Promise<OpenedBook> {
  const file = bookPathIn(options.dataDir);
  const backupsDir = backupsDirIn(options.dataDir);
  const lock = options.lock ?? lockBook(options.dataDir, file);
  let book: Book;
  try {
    book = await openBook(file, {
      backupsDir,
      key: options.key ?? null,
      ...(options.checkLaterAbove === undefined ? {} : { checkLaterAbove: options.checkLaterAbove }),
    });
  } catch (err) {
    if (!options.lock) lock.release();
    throw err;
  }
  const backend = createBackend({
    book,
    clock: options.clock ?? Date.now,
    ids: options.ids ?? uuidv7Ids(),
    emit: options.emit,
    host: options.host,
    appVersion: options.appVersion,
    backupsDir,
    log: options.log,
    jobsWorker: options.jobsWorker ?? null,
    dialogs: options.dialogs ?? null,
    dailySnapshot: options.dailySnapshot ?? false,
    auditPruning: options.auditPruning ?? false,
    security: options.security ?? null,
  });
  if (options.prewarmJobs) backend.ctx.jobs.prewarm();
  return {
    backend,
    book,
    lock,
    async close() {
      await backend.close();
      lock.release();
    },
  };
}
