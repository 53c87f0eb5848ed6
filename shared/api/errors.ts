/**
 * Errors cross every transport as plain data: { code, message, details }.
 * A stack trace or a raw SQLite message never does.
 */
export const ERROR_CODES = [
  'VALIDATION', // the input does not match the request's schema
  'UNKNOWN_REQUEST', // no request of that name exists
  'NOT_FOUND', // the thing asked for does not exist (or is in the Trash)
  'CONFLICT', // the write clashes with what is stored (a unique rule, a stale edit)
  'READ_ONLY', // the book or its folder cannot be written
  'DISK_FULL', // the disk has no room for the write
  'BOOK_LOCKED', // another window or process has the book open
  'BOOK_DAMAGED', // quick_check failed, or the file is not a customer book
  'BOOK_TOO_NEW', // the book was written by a newer version of the app
  'KEY_NEEDED', // the book is encrypted and must be unlocked with its passphrase or recovery key
  'KEY_WRONG', // the passphrase or recovery key given does not open the book
  'UNAUTHORIZED', // the preview token is missing or wrong
  'FORBIDDEN', // the IPC sender is not the app's own page
  'CANCELLED', // the user cancelled a long job; nothing it did was kept
  'BUSY', // a long job is writing to the book; the request can be tried again when it ends
  'INTERNAL', // anything else; the details stay in the local log
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorData {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** Thrown by handlers and transports; serialised with toData() at the boundary. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toData(): ApiErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromData(data: ApiErrorData): AppError {
    return new AppError(data.code, data.message, data.details);
  }
}

export function isApiErrorData(value: unknown): value is ApiErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.code === 'string' &&
    (ERROR_CODES as readonly string[]).includes(v.code) &&
    typeof v.message === 'string'
  );
}

/** What every transport carries back for one request. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorData };
