/**
 * Synchronous execution of kysely-built queries on the book's better-sqlite3 connection.
 * Kysely gives typed SQL; better-sqlite3 runs it synchronously with cached statements, so a
 * write transaction is one uninterrupted block on the main thread.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { sql, type CompiledQuery, type RawBuilder } from 'kysely';

interface Compilable<O> {
  compile(): CompiledQuery<O>;
}

/** A query of one fixed shape, compiled once: run it with the values of its slots, in order. */
export interface FixedQuery<O> {
  all(...values: unknown[]): O[];
  first(...values: unknown[]): O | undefined;
}

export interface Sql {
  all<O>(query: Compilable<O>): O[];
  first<O>(query: Compilable<O>): O | undefined;
  run(query: Compilable<unknown>): Database.RunResult;
  /**
   * The query `build` makes, built and compiled by kysely the first time `key` is asked for on this
   * connection and kept: for hot reads (a timeline page, a page's rows by id), where building and
   * compiling would cost more than SQLite takes to answer. `build` puts `slot(i)` where the i-th
   * value goes, and must make the same SQL every time for the same key.
   */
  fixed<O>(key: string, build: () => Compilable<O>): FixedQuery<O>;
  raw: Database.Database;
}

const SLOT = '\u0000slot:';

/** Where the i-th value of a fixed query goes (see Sql.fixed). */
export function slot(i: number): string {
  return `${SLOT}${i}`;
}

/**
 * How a fixed query's compiled parameters take a run's values: each parameter is a slot (the
 * value at its index) or a value the query itself holds (a constant).
 */
export function slotBinder(parameters: readonly unknown[]): (values: readonly unknown[]) => unknown[] {
  const binds = parameters.map((p) =>
    typeof p === 'string' && p.startsWith(SLOT) ? Number(p.slice(SLOT.length)) : { value: p },
  );
  return (values) => params(binds.map((b) => (typeof b === 'number' ? values[b] : b.value)));
}

/**
 * The right side of `x IN (…)` for a list bound as one JSON array (see jsonIds), so that one
 * statement serves a list of any length.
 */
export function inJson<T = string>(json: string): RawBuilder<T> {
  return sql<T>`(SELECT value FROM json_each(${json}))`;
}

function params(values: readonly unknown[]): unknown[] {
  return values.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v));
}

export function createSql(sqlite: Database.Database): Sql {
  const cache = new Map<string, Database.Statement>();
  const prepare = (text: string): Database.Statement => {
    let stmt = cache.get(text);
    if (!stmt) {
      stmt = sqlite.prepare(text);
      if (cache.size > 500) cache.clear();
      cache.set(text, stmt);
    }
    return stmt;
  };
  const fixed = new Map<string, FixedQuery<unknown>>();
  return {
    raw: sqlite,
    fixed<O>(key: string, build: () => Compilable<O>): FixedQuery<O> {
      let query = fixed.get(key) as FixedQuery<O> | undefined;
      if (!query) {
        const c = build().compile();
        const stmt = sqlite.prepare(c.sql);
        const bound = slotBinder(c.parameters);
        query = {
          all: (...values) => stmt.all(...bound(values)) as O[],
          first: (...values) => stmt.get(...bound(values)) as O | undefined,
        };
        fixed.set(key, query as FixedQuery<unknown>);
      }
      return query;
    },
    all<O>(query: Compilable<O>): O[] {
      const c = query.compile();
      return prepare(c.sql).all(...params(c.parameters)) as O[];
    },
    first<O>(query: Compilable<O>): O | undefined {
      const c = query.compile();
      return prepare(c.sql).get(...params(c.parameters)) as O | undefined;
    },
    run(query: Compilable<unknown>): Database.RunResult {
      const c = query.compile();
      return prepare(c.sql).run(...params(c.parameters));
    },
  };
}
