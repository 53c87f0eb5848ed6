/** 0004_activity: the timeline's change-log index and the Calls log's outcome and purpose indexes. */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, MIGRATION_NAMES } from '../../../electron/db/migrations.ts';
import { openBook, type Book } from '../../../electron/db/open.ts';
import { makeTempDir } from '../../helpers/book.ts';

const open: Book[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

const upTo = (name: string) =>
  Object.fromEntries(
    MIGRATION_NAMES.slice(0, MIGRATION_NAMES.indexOf(name) + 1).map((n) => [n, MIGRATIONS[n]!]),
  );
const indexes = (book: Book) =>
  book.sqlite
    .prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`)
    .all() as { name: string; sql: string }[];

describe('0004_activity', () => {
  it('comes right after 0003_contacts', () => {
    expect(MIGRATION_NAMES.indexOf('0004_activity')).toBe(MIGRATION_NAMES.indexOf('0003_contacts') + 1);
  });

  it('adds its indexes to a 0003 book, keeping the calls and the change log', async () => {
    const file = path.join(makeTempDir(), 'b.sqlite');
    const v3 = await openBook(file, { migrations: upTo('0003_contacts') });
    v3.sqlite.exec(`
      INSERT INTO people (id, display_name, created_at, updated_at) VALUES ('ann', 'Ann', 0, 0);
      INSERT INTO calls (id, person_id, direction, started_at, outcome, purpose, created_at, updated_at)
        VALUES ('k1', 'ann', 'out', 5, 'busy', 'Quote', 0, 0), ('k2', 'ann', 'in', 6, 'connected', NULL, 0, 0);
      INSERT INTO changes (tbl, row_id, op, at) VALUES ('people', 'ann', 'insert', 1), ('people', 'ann', 'update', 2);
    `);
    expect(indexes(v3).map((i) => i.name)).not.toContain('changes_row');
    await v3.close();

    const book = await openBook(file, { migrations: upTo('0004_activity') });
    open.push(book);
    expect(book.preMigrationBackup).not.toBeNull();
    expect(book.sqlite.pragma('user_version', { simple: true })).toBe(
      MIGRATION_NAMES.indexOf('0004_activity') + 1,
    );
    const byName = Object.fromEntries(indexes(book).map((i) => [i.name, i.sql]));
    expect(byName.changes_row).toMatch(/ON changes \(tbl, row_id, at\)/u);
    expect(byName.calls_outcome).toMatch(/ON calls \(outcome, started_at\)/u);
    expect(byName.calls_purpose).toMatch(/ON calls \(purpose, started_at\) WHERE purpose IS NOT NULL/u);
    expect(book.sqlite.prepare(`SELECT count(*) FROM calls`).pluck().get()).toBe(2);
    // A row's history, newest first, straight from the index.
    const plan = book.sqlite
      .prepare(
        `EXPLAIN QUERY PLAN SELECT seq FROM changes WHERE tbl = ? AND row_id = ? ORDER BY at DESC, seq DESC`,
      )
      .all('people', 'ann') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' | ')).toBe(
      'SEARCH changes USING COVERING INDEX changes_row (tbl=? AND row_id=?)',
    );
    expect(
      book.sqlite
        .prepare(`SELECT op FROM changes WHERE tbl = 'people' AND row_id = 'ann' ORDER BY at DESC, seq DESC`)
        .pluck()
        .all(),
    ).toEqual(['update', 'insert']);
    expect(book.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
