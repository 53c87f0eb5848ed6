/** What every handler receives: the book, the clock, id generation and the writer. */
import type { Kysely } from 'kysely';
import type { AppInfo } from '../../shared/api/requests.ts';
import type { EncryptionStatus } from '../../shared/api/requests/security.requests.ts';
import type { Writer } from '../db/changes.ts';
import type { Book } from '../db/open.ts';
import type { Sql } from '../db/query.ts';
import type { DB } from '../db/schema.ts';
import type { FileDialogs, Files } from './files/files.ts';
import type { Jobs } from './jobs/jobs.runner.ts';

export interface BackendDeps {
  book: Book;
  /** Epoch milliseconds; tests pass a fixed clock. */
  clock: () => number;
  /** New ids (UUIDv7 in the app; a counter in tests). */
  ids: () => string;
  /** Pushes an event to every window and preview page. */
  emit: (event: string, payload: unknown) => void;
  host: AppInfo['host'];
  appVersion: string;
  backupsDir: string;
  /**
   * The job worker's entry file (jobs/jobs.worker.ts, or its bundle). Without it, jobs run inline
   * on the main thread.
   */
  jobsWorker?: URL | null;
  /** Where unexpected errors are written (never sent to the renderer). */
  log?: (message: string, err?: unknown) => void;
  /** The native Open and Save dialogs (desktop only; the preview uploads and downloads instead). */
  dialogs?: FileDialogs | null;
  /**
   * Take the day's snapshot in the background once the book has been checked, when none was
   * taken today (the desktop app and the preview; off for tests and the bench).
   */
  dailySnapshot?: boolean;
  /**
   * Remove the audit trail's events older than the time chosen, once the book has been checked
   * and then daily (the desktop app and the preview; off for tests and the bench).
   */
  auditPruning?: boolean;
  /**
   * Encryption at rest: the host that can close, encrypt and reopen the book (the gate of
   * security/gate.ts). Absent where nothing can (a backend made directly, as most tests do).
   */
  security?: SecurityHost | null;
}

/** What security.* requests ask of the host that holds the book (security/gate.ts). */
export interface SecurityHost {
  status(): EncryptionStatus;
  encrypt(input: {
    passphrase?: string | undefined;
  }): Promise<{ recoveryKey: string; status: EncryptionStatus }>;
  decrypt(): Promise<EncryptionStatus>;
  unlock(input: {
    passphrase?: string | undefined;
    recoveryKey?: string | undefined;
    newPassphrase?: string | undefined;
  }): Promise<EncryptionStatus>;
}

/** What the backend knows of the live book's health, and what a restore tells it. */
export interface BookState {
  /** quick_check failed when the book opened: it is not written to (problems: what it found). */
  damage(): { damaged: boolean; problems: string[] };
  /**
   * The book was just replaced by a restore: cached state is forgotten at once; a book found
   * damaged is checked again. Resolves when writes may go on.
   */
  restored(): Promise<void>;
}

export interface Ctx {
  q: Kysely<DB>;
  sql: Sql;
  writer: Writer;
  clock: () => number;
  ids: () => string;
  deps: BackendDeps;
  currentStaffId(): string | null;
  /** Long work, off the main thread: see jobs/jobs.runner.ts. */
  jobs: Jobs;
  /** Files the user chose to import or that were written for them: see files/files.ts. */
  files: Files;
  bookState: BookState;
}
