/**
 * Prepared statements cached per connection, for hot loops that run raw SQL (bulk edits, undo,
 * re-indexing). better-sqlite3 compiles a statement on every prepare(); these compile it once.
 *
 * prepared() returns rows as objects, rowsOf() as arrays of values (raw mode) and plucked() only
 * the first column. They are separate statements, because the mode belongs to the statement
 * object and all may be in use at once.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Ctx } from '../context.ts';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();
const MAX_CACHED = 400;

type Mode = 'rows' | 'raw' | 'pluck';

function cached(ctx: Pick<Ctx, 'sql'>, text: string, mode: Mode): Database.Statement {
  const db = ctx.sql.raw;
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const key = `${mode}:${text}`;
  let stmt = cache.get(key);
  if (!stmt) {
    stmt = db.prepare(text);
    if (mode === 'pluck') stmt.pluck();
    else if (mode === 'raw') stmt.raw();
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, stmt);
  }
  return stmt;
}

/** A cached statement returning rows (or running a write). */
export function prepared(ctx: Pick<Ctx, 'sql'>, text: string): Database.Statement {
  return cached(ctx, text, 'rows');
}

/** A cached statement returning each row as an array of its values, in the SELECT's order. */
export function rowsOf(ctx: Pick<Ctx, 'sql'>, text: string): Database.Statement {
  return cached(ctx, text, 'raw');
}

/** A cached statement returning only the first column of each row. */
export function plucked(ctx: Pick<Ctx, 'sql'>, text: string): Database.Statement {
  return cached(ctx, text, 'pluck');
}

/** Binds a list of ids as one parameter: `id IN (SELECT value FROM json_each(?))`. */
export function jsonIds(ids: readonly string[]): string {
  return JSON.stringify(ids);
}
