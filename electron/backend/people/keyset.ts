/**
 * Opaque keyset cursors: the last row's sort values, as base64url JSON. A list resumes strictly
 * after them, so pages never skip or repeat a row while rows are added or removed (no OFFSET).
 */
import { AppError } from '../../../shared/api/errors.ts';

export type CursorValue = string | number | null;

export function encodeCursor(values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** Decodes a cursor made by encodeCursor with `size` values; anything else is a VALIDATION error. */
export function decodeCursor(cursor: string | null | undefined, size: number): CursorValue[] | null {
  if (cursor === null || cursor === undefined || cursor === '') return null;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  const ok =
    Array.isArray(values) &&
    values.length === size &&
    values.every((v) => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)));
  if (!ok) {
    throw new AppError('VALIDATION', 'That page position is not valid any more. Start the list again.', {
      issues: [{ path: 'cursor', message: 'Not a cursor from this list.' }],
    });
  }
  return values as CursorValue[];
}
