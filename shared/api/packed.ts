/**
 * A page of list rows as it crosses from the backend to the renderer: the keys once, then each
 * row's values in that order, instead of an object per row.
 *
 * Electron's IPC and the in-process transport copy an answer with the structured clone
 * algorithm, and the preview's HTTP with JSON; both write every key of every object. For a page
 * of a hundred people that copy was the largest part of answering it (more than the SQL), and
 * the list asks for a page at every few rows scrolled. The backend builds the values straight
 * from SQLite's rows (no object per row there either), and the client turns them back into
 * objects, so everything above the transport sees the contract's output type unchanged.
 *
 * A request whose answer travels packed says so in the contract (`packed: true`); its output
 * type must be a Page.
 */
import type { Page } from '../domain/people.ts';

export interface PackedRows<T> {
  /** The row's keys, in the order of each row's values. */
  readonly keys: readonly (keyof T & string)[];
  readonly values: unknown[][];
}

/** A Page with its rows packed. */
export type PackedPage<P> = P extends Page<infer R> ? Omit<P, 'rows'> & { rows: PackedRows<R> } : never;

/** The rows, one object each (keys in the order given). */
export function unpackRows<T>(packed: PackedRows<T>): T[] {
  const { keys, values } = packed;
  const width = keys.length;
  const rows = new Array<T>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (value.length !== width) {
      throw new Error(`A packed row has ${value.length} values for ${width} keys.`);
    }
    const row: Record<string, unknown> = {};
    for (let k = 0; k < width; k++) row[keys[k]!] = value[k];
    rows[i] = row as T;
  }
  return rows;
}

/** Packs rows that all have these keys (tests, and answers built from objects). */
export function packRows<T>(keys: readonly (keyof T & string)[], rows: readonly T[]): PackedRows<T> {
  return { keys, values: rows.map((row) => keys.map((k) => row[k])) };
}

/** The page with its rows back as objects. */
export function unpackPage<T>(page: PackedPage<Page<T>>): Page<T> {
  return { ...page, rows: unpackRows(page.rows) };
}
