/**
 * Opening the customer book for the desktop shell, and what to tell the person when that
 * fails: a dialog with a clear title and the error's own message, never a stack trace.
 */
import { AppError, type ErrorCode } from '../../shared/api/errors.ts';
import type { BookGate, GateOptions } from '../backend/security/gate.ts';
import type { Keychain } from '../backend/security/key-envelope.ts';

const TITLES: Partial<Record<ErrorCode, string>> = {
  BOOK_LOCKED: 'The customer book is already open',
  BOOK_DAMAGED: 'The customer book is damaged',
  BOOK_TOO_NEW: 'This customer book needs a newer Ledgerline',
  READ_ONLY: 'Ledgerline cannot save its customer book',
  DISK_FULL: 'The disk is full',
};

export interface StartupFailure {
  title: string;
  message: string;
}

/** The dialog for an error thrown while opening the book. */
export function describeStartupFailure(err: unknown): StartupFailure {
  if (err instanceof AppError) {
    return { title: TITLES[err.code] ?? 'Ledgerline could not open the customer book', message: err.message };
  }
  const detail = err instanceof Error && err.message ? ` (${err.message.slice(0, 300)})` : '';
  return {
    title: 'Ledgerline could not start',
    message: `Something unexpected went wrong while opening the customer book${detail}. Nothing was changed. Try starting Ledgerline again.`,
  };
}

/** Opens the book through its gate (security/gate.ts), which may hold it locked until unlocked. */
export type OpenBook = (options: GateOptions) => Promise<BookGate>;

export interface DesktopBookOptions {
  openBook: OpenBook;
  /** The OS keychain that keeps an encrypted book's key; null where there is none. */
  keychain: Keychain | null;
  dataDir: string;
  appVersion: string;
  emit: GateOptions['emit'];
  log: (message: string, err?: unknown) => void;
  /** The bundled job worker (out/main/jobs.worker.js). */
  jobsWorker: URL;
  /** The native Open and Save dialogs for imports and exports. */
  dialogs?: GateOptions['dialogs'];
}

export type DesktopBookResult = { ok: true; gate: BookGate } | { ok: false; failure: StartupFailure };

export async function openDesktopBook(options: DesktopBookOptions): Promise<DesktopBookResult> {
  try {
    const gate = await options.openBook({
      dataDir: options.dataDir,
      host: 'desktop',
      appVersion: options.appVersion,
      emit: options.emit,
      log: options.log,
      jobsWorker: options.jobsWorker,
      prewarmJobs: true,
      dailySnapshot: true,
      auditPruning: true,
      keychain: options.keychain,
      ...(options.dialogs ? { dialogs: options.dialogs } : {}),
    });
    return { ok: true, gate };
  } catch (err) {
    if (!(err instanceof AppError)) options.log('Opening the customer book failed', err);
    return { ok: false, failure: describeStartupFailure(err) };
  }
}
