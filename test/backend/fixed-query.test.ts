/**
 * Sql.fixed: a query kysely builds and compiles once per connection, then runs with new values in
 * its slots. It must answer exactly as the same query built anew would, keep the values the query
 * holds itself, and never mix up two shapes.
 */
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSql, inJson, slot, slotBinder } from '../../electron/db/query.ts';
import { makeTempDir } from '../helpers/book.ts';

interface DB {
  people: { id: string; name: string; vip: number; deleted_at: number | null };
}

const open: Database.Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function book() {
  const db = new Database(path.join(makeTempDir(), 'fixed.sqlite'));
  open.push(db);
  db.exec(
    `CREATE TABLE people (id TEXT PRIMARY KEY, name TEXT NOT NULL, vip INTEGER NOT NULL, deleted_at INTEGER)`,
  );
  const add = db.prepare(`INSERT INTO people VALUES (?, ?, ?, ?)`);
  for (let i = 0; i < 50; i++) add.run(`p${i}`, `Name ${i}`, i % 3 === 0 ? 1 : 0, i % 7 === 0 ? 1 : null);
  const q = new Kysely<DB>({ dialect: new SqliteDialect({ database: db }) });
  return { db, q, sql: createSql(db) };
}

describe('Sql.fixed', () => {
  it('answers as the query built anew does, for any values, with the constants it holds', () => {
    const b = book();
    // `vip = true` is a value the query holds (a boolean, bound as 1); the name prefix and the
    // id list are slots, and slot 0 is used twice.
    const build = (prefix: string, ids: string, vip: boolean) =>
      b.q
        .selectFrom('people')
        .select(['id', 'name'])
        .where('name', '>=', prefix)
        .where('name', '<', sql<string>`${prefix} || '~'`)
        .where('id', 'in', inJson(ids))
        .where('vip', '=', vip as never)
        .where('deleted_at', 'is', null)
        .orderBy('id');
    fc.assert(
      fc.property(
        fc.constantFrom('Name 1', 'Name 2', 'Name', 'X', ''),
        fc.array(
          fc.integer({ min: 0, max: 60 }).map((i) => `p${i}`),
          { maxLength: 20 },
        ),
        (prefix, ids) => {
          const fixed = b.sql
            .fixed('people.vip', () => build(slot(0), slot(1), true))
            .all(prefix, JSON.stringify(ids));
          expect(fixed).toEqual(b.sql.all(build(prefix, JSON.stringify(ids), true)));
        },
      ),
    );
  });

  it('compiles once per key: a second build for the same key is never called', () => {
    const b = book();
    let builds = 0;
    const query = () => {
      builds++;
      return b.q.selectFrom('people').select('name').where('id', '=', slot(0));
    };
    expect(b.sql.fixed('one', query).first('p4')).toEqual({ name: 'Name 4' });
    expect(b.sql.fixed('one', query).first('p5')).toEqual({ name: 'Name 5' });
    expect(b.sql.fixed('one', query).first('nobody')).toBeUndefined();
    expect(builds).toBe(1);
  });

  it('keeps each connection’s queries apart', () => {
    const a = book();
    const c = book();
    c.db.exec(`UPDATE people SET name = 'Other ' || id`);
    const build = (s: ReturnType<typeof book>) => () =>
      s.q.selectFrom('people').select('name').where('id', '=', slot(0));
    expect(a.sql.fixed('same', build(a)).first('p1')).toEqual({ name: 'Name 1' });
    expect(c.sql.fixed('same', build(c)).first('p1')).toEqual({ name: 'Other p1' });
  });

  it('binds booleans given in slots as SQLite integers, as the other runners do', () => {
    const bind = slotBinder([slot(1), 'constant', true, slot(0)]);
    expect(bind([false, 'second'])).toEqual(['second', 'constant', 1, 0]);
    expect(bind([7])).toEqual([undefined, 'constant', 1, 7]);
  });
});
