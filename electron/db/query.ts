/**
 * Synchronous execution of kysely-built queries on the book's better-sqlite3 connection.
 * Kysely gives typed SQL; better-sqlite3 runs it synchronously with cached statements, so a
 * write transaction is one uninterrupted block on the main thread.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { CompiledQuery } from 'kysely';

interface Compilable<O> {
  compile(): CompiledQuery<O>;
}

export interface Sql {
  all<O>(query: Compilable<O>): O[];
  first<O>(query: Compilable<O>): O | undefined;
  run(query: Compilable<unknown>): Database.RunResult;
  raw: Database.Database;
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
  return {
    raw: sqlite,
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
