/** 0012_audit: the trail's table and indexes on an 0011 book, which keeps everything it held. */
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

describe('0012_audit', () => {
  it('comes right after 0011_import_kinds', () => {
    expect(MIGRATION_NAMES.indexOf('0012_audit')).toBe(MIGRATION_NAMES.indexOf('0011_import_kinds') + 1);
  });

  it('adds the trail to an 0011 book, which keeps its people and change log', async () => {
    const file = path.join(makeTempDir(), 'b.sqlite');
    const v11 = await openBook(file, { migrations: upTo('0011_import_kinds') });
    v11.sqlite.exec(`
      INSERT INTO people (id, display_name, created_at, updated_at) VALUES ('ann', 'Ann', 0, 0);
      INSERT INTO changes (tbl, row_id, op, at) VALUES ('people', 'ann', 'insert', 1);
    `);
    await v11.close();

    const book = await openBook(file, { migrations: upTo('0012_audit') });
    open.push(book);
    expect(book.preMigrationBackup).not.toBeNull();
    expect(book.sqlite.prepare(`SELECT count(*) FROM people`).pluck().get()).toBe(1);
    expect(book.sqlite.prepare(`SELECT count(*) FROM changes`).pluck().get()).toBe(1);
    expect(book.sqlite.prepare(`SELECT count(*) FROM audit_events`).pluck().get()).toBe(0);
    const sql = book.sqlite
      .prepare(`SELECT sql FROM sqlite_schema WHERE name = 'audit_events'`)
      .pluck()
      .get();
    expect(sql).toMatch(/\) STRICT$/u);
    // An action it does not know is refused.
    expect(() =>
      book.sqlite.prepare(`INSERT INTO audit_events (at, action) VALUES (1, 'vanish')`).run(),
    ).toThrow(/CHECK constraint/u);

    // The screen's queries walk an index, newest first, however long the trail.
    const plan = (query: string, ...params: unknown[]) =>
      (book.sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all(...params) as { detail: string }[])
        .map((p) => p.detail)
        .join(' | ');
    expect(plan(`SELECT id FROM audit_events WHERE id < ? ORDER BY id DESC LIMIT 100`, 1000)).toMatch(
      /SEARCH audit_events USING INTEGER PRIMARY KEY \(rowid<\?\)/u,
    );
    // Filters by staff profile or action walk the trail newest first (in a read job).
    expect(plan(`SELECT id FROM audit_events WHERE staff_id = ? ORDER BY id DESC LIMIT 100`, 's')).toBe(
      'SCAN audit_events',
    );
    expect(plan(`SELECT id FROM audit_events WHERE tbl = ? AND row_id = ?`, 'people', 'ann')).toMatch(
      /USING (COVERING )?INDEX audit_events_record \(tbl=\? AND row_id=\?\)/u,
    );
    expect(plan(`SELECT id FROM audit_events WHERE at < ? ORDER BY at LIMIT 1000`, 5)).toMatch(
      /USING (COVERING )?INDEX audit_events_at \(at<\?\)/u,
    );
    expect(plan(`SELECT min(seq_to) FROM audit_events WHERE seq_to >= ?`, 5)).toMatch(/audit_events_seq/u);
  });
});
