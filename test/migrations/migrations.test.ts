/**
 * Each migration from the schema before it, and the query plans of the hot queries.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, MIGRATION_NAMES } from '../../electron/db/migrations.ts';
import { openBook, type Book } from '../../electron/db/open.ts';
import { makeTempDir } from '../helpers/book.ts';

const open: Book[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

function upTo(n: number) {
  return Object.fromEntries(MIGRATION_NAMES.slice(0, n).map((name) => [name, MIGRATIONS[name]!]));
}
function tables(book: Book): string[] {
  return book.sqlite
    .prepare(
      `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%' ORDER BY name`,
    )
    .pluck()
    .all() as string[];
}
function isStrict(book: Book, table: string): boolean {
  const row = book.sqlite.prepare(`SELECT strict FROM pragma_table_list WHERE name = ?`).get(table) as {
    strict: number;
  };
  return row.strict === 1;
}

describe('0001_foundation', () => {
  it('creates settings, staff and the change log as STRICT tables', async () => {
    const book = await openBook(path.join(makeTempDir(), 'b.sqlite'), { migrations: upTo(1) });
    open.push(book);
    expect(tables(book)).toEqual(['changes', 'settings', 'staff']);
    for (const t of tables(book)) expect(isStrict(book, t)).toBe(true);
    expect(book.sqlite.pragma('user_version', { simple: true })).toBe(1);
    // STRICT: a wrong type is refused rather than silently stored.
    expect(() =>
      book.sqlite
        .prepare(`INSERT INTO changes (tbl, row_id, op, at) VALUES ('staff', 'x', 'insert', 'noon')`)
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/u);
    expect(() =>
      book.sqlite
        .prepare(`INSERT INTO changes (tbl, row_id, op, at) VALUES ('staff', 'x', 'explode', 1)`)
        .run(),
    ).toThrow(/CHECK constraint/u);
  });
});

describe('0002_customer_book', () => {
  it('adds companies, people, calls and tasks to a foundation book, keeping its data', async () => {
    const file = path.join(makeTempDir(), 'b.sqlite');
    const v1 = await openBook(file, { migrations: upTo(1) });
    v1.sqlite.prepare(`INSERT INTO settings (key, value) VALUES ('businessName', '"Old Co"')`).run();
    await v1.close();

    const book = await openBook(file, { migrations: upTo(2) });
    open.push(book);
    expect(tables(book)).toEqual(['calls', 'changes', 'companies', 'people', 'settings', 'staff', 'tasks']);
    for (const t of tables(book)) expect(isStrict(book, t)).toBe(true);
    expect(book.sqlite.prepare(`SELECT value FROM settings WHERE key = 'businessName'`).pluck().get()).toBe(
      '"Old Co"',
    );
    expect(book.preMigrationBackup).not.toBeNull();
    // Foreign keys hold: a call for a person who does not exist is refused.
    expect(() =>
      book.sqlite
        .prepare(
          `INSERT INTO calls (id, person_id, direction, started_at, outcome, created_at, updated_at) VALUES ('k', 'nobody', 'out', 0, 'connected', 0, 0)`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/u);
    expect(() =>
      book.sqlite
        .prepare(
          `INSERT INTO people (id, display_name, stage, created_at, updated_at) VALUES ('p', 'P', 'friend', 0, 0)`,
        )
        .run(),
    ).toThrow(/CHECK constraint/u);
  });
});

describe('query plans of hot queries', () => {
  const plan = (book: Book, sqlText: string, ...params: unknown[]) =>
    (book.sqlite.prepare(`EXPLAIN QUERY PLAN ${sqlText}`).all(...params) as { detail: string }[])
      .map((r) => r.detail)
      .join(' | ');

  it('Today’s counts use indexes, not table scans', async () => {
    const book = await openBook(path.join(makeTempDir(), 'b.sqlite'));
    open.push(book);
    expect(
      plan(
        book,
        `SELECT count(*) FROM calls WHERE deleted_at IS NULL AND started_at >= ? AND started_at < ?`,
        0,
        1,
      ),
    ).toMatch(/USING INDEX calls_started/u);
    expect(
      plan(
        book,
        `SELECT count(*) FROM tasks WHERE done_at IS NULL AND deleted_at IS NULL AND due_date < ?`,
        '2026-01-01',
      ),
    ).toMatch(/USING (COVERING )?INDEX tasks_open_due/u);
    expect(plan(book, `SELECT tbl FROM changes WHERE seq > ?`, 5)).toMatch(/USING INTEGER PRIMARY KEY/u);
  });
});
