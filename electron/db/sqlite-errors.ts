/** Turns low-level failures into errors a person can act on. No raw SQLite text crosses. */
import { AppError } from '../../shared/api/errors.ts';

interface CodedError {
  code?: unknown;
  message?: unknown;
}

function codeOf(err: unknown): string {
  const c = (err as CodedError | null)?.code;
  return typeof c === 'string' ? c : '';
}

export function isReadOnlyError(err: unknown): boolean {
  const code = codeOf(err);
  return (
    code.startsWith('SQLITE_READONLY') ||
    code === 'EACCES' ||
    code === 'EPERM' ||
    code === 'EROFS' ||
    code.startsWith('SQLITE_CANTOPEN')
  );
}

/** Maps an error thrown while a request ran; returns null for errors that are not storage errors. */
export function mapStorageError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  const code = codeOf(err);
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    return new AppError(
      'CONFLICT',
      'That change clashes with what is already in the book, so nothing was saved.',
      { constraint: code.replace('SQLITE_CONSTRAINT_', '').toLowerCase() || 'constraint' },
    );
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES') {
    return new AppError(
      'READ_ONLY',
      'The customer book cannot be written: its file or folder is read-only. Nothing was saved. Check the folder’s permissions, or move the book to a folder you can write to.',
    );
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new AppError(
      'DISK_FULL',
      'The disk is full, so nothing was saved. Free some space and try again; everything saved before is safe.',
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AppError(
      'BOOK_LOCKED',
      'The customer book is busy in another program, so nothing was saved. Try again in a moment.',
    );
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new AppError(
      'BOOK_DAMAGED',
      'The customer book file is damaged, so nothing was saved. Restore it from a backup.',
    );
  }
  return null;
}
