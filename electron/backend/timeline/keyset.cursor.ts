/**
 * Opaque keyset cursors: the sort key of the last row a page returned, as base64url JSON.
 * A page never uses OFFSET; the next one starts strictly after this key.
 */
import { AppError } from '../../../shared/api/errors.ts';

/** The key of the last row shown: its instant (or other number) and its id as the tie-breaker. */
export interface Keyset {
  at: number;
  id: string;
}

export function encodeCursor(key: Keyset): string {
  return Buffer.from(JSON.stringify([key.at, key.id]), 'utf8').toString('base64url');
}

/** Decodes a cursor from a request; null or absent means the first page. */
export function decodeCursor(cursor: string | null | undefined): Keyset | null {
  if (cursor === null || cursor === undefined || cursor === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = null;
  }
  if (
    Array.isArray(value) &&
    value.length === 2 &&
    Number.isSafeInteger(value[0]) &&
    typeof value[1] === 'string' &&
    value[1].length <= 200
  ) {
    return { at: value[0] as number, id: value[1] };
  }
  const message = 'That page marker is not valid. Start again from the first page.';
  throw new AppError('VALIDATION', message, { issues: [{ path: 'cursor', message }] });
}

/** Newest first: true when a sorts before b in (at desc, id desc) order. */
export function newerFirst(a: Keyset, b: Keyset): number {
  if (a.at !== b.at) return b.at - a.at;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
