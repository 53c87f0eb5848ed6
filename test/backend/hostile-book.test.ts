/**
 * Opening a crafted file as a book (issue 6) is refused safely and nothing runs from it: a file
 * that is not SQLite, a truncated book, and books of ours given a trigger or a view (Ledgerline
 * makes neither). Every connection runs with trusted_schema off, so functions in a schema can
 * only be harmless built-ins. A snapshot with a trigger is neither compared nor restored.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/api/errors.ts';
import { openBook, type Book } from '../../electron/db/open.ts';
import { makeTempDir, openTestBook, setUp } from '../helpers/book.ts';
import { snapshotDir } from '../helpers/fs.ts';

const opened: Book[] = [];
afterEach(async () => {
  while (opened.length) await opened.pop()?.close();
});

/** A real book with one person and one call in it, closed (its WAL folded in). */
async function realBook(file: string): Promise<void> {
  const book = await openBook(file);
  book.sqlite.exec(
    `INSERT INTO people (id, display_name, sort_key, created_at, updated_at) VALUES ('p1', 'Ann Lee', 'lee ann', 0, 0)`,
  );
  book.sqlite.exec(
    `INSERT INTO calls (id, person_id, direction, started_at, duration_s, outcome, summary, created_at, updated_at)
     VALUES ('c1', 'p1', 'out', 0, 60, 'connected', 'Hello', 0, 0)`,
  );
  await book.close();
}

async function refused(file: string, text: RegExp): Promise<void> {
  const dir = path.dirname(file);
  const before = snapshotDir(dir);
  const err = await openBook(file).then(
    (b) => {
      opened.push(b);
      return null;
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('BOOK_DAMAGED');
  expect((err as AppError).message).toMatch(text);
  expect(snapshotDir(dir)).toEqual(before);
}

describe('crafted files opened as a book', () => {
  it('refuses a file that is not SQLite, and a book cut short, leaving both as they were', async () => {
    const dir = makeTempDir();
    const notSqlite = path.join(dir, 'a.sqlite');
    fs.writeFileSync(notSqlite, Buffer.from('%PDF-1.7\n'.repeat(500)));
    await refused(notSqlite, /not an SQLite database/u);

    const dir2 = makeTempDir();
    const cut = path.join(dir2, 'book.sqlite');
    await realBook(cut);
    const bytes = fs.readFileSync(cut);
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2 / 4096) * 4096 + 1000));
    await refused(cut, /damaged/u);
  });

  it('refuses a book with a trigger, and the trigger never runs', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'book.sqlite');
    await realBook(file);
    const raw = new Database(file);
    raw.exec(`CREATE TRIGGER wipe AFTER INSERT ON people BEGIN DELETE FROM calls; END`);
    raw.exec(`CREATE TRIGGER wipe_on_read AFTER UPDATE ON settings BEGIN DELETE FROM people; END`);
    raw.close();
    await refused(
      file,
      /triggers or views that Ledgerline never makes \(trigger “wipe”, trigger “wipe_on_read”\)/u,
    );
    const check = new Database(file, { readonly: true });
    expect(check.prepare(`SELECT count(*) FROM calls`).pluck().get()).toBe(1);
    expect(check.prepare(`SELECT count(*) FROM people`).pluck().get()).toBe(1);
    check.close();
  });

  it('refuses a book with a view', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'book.sqlite');
    await realBook(file);
    const raw = new Database(file);
    raw.exec(`CREATE VIEW everyone AS SELECT * FROM people`);
    raw.close();
    await refused(file, /a trigger or view that Ledgerline never makes \(view “everyone”\)/u);
  });

  it('reads every book with trusted_schema off', async () => {
    const dir = makeTempDir();
    const book = await openBook(path.join(dir, 'book.sqlite'));
    opened.push(book);
    expect(book.sqlite.pragma('trusted_schema', { simple: true })).toBe(0);
  });

  it('will not compare or restore a snapshot with a trigger', async () => {
    const book = await openTestBook();
    try {
      await setUp(book.client);
      const taken = await book.client.call('backups.take', {});
      const overview = await book.client.call('backups.overview', {});
      const snapshot = path.join(overview.folder, taken.file);
      const raw = new Database(snapshot);
      raw.exec(`CREATE TRIGGER wipe AFTER INSERT ON people BEGIN DELETE FROM calls; END`);
      raw.close();
      // The list reads the sidecar written with the snapshot; comparing and restoring open the file.
      const compare = await book.backend.invoke('backups.compare', { file: taken.file });
      expect(compare.ok).toBe(false);
      if (!compare.ok) expect(compare.error.message).toMatch(/trigger “wipe”/u);
      const restore = await book.backend.invoke('backups.restore', { file: taken.file });
      expect(restore.ok).toBe(false);
      if (!restore.ok) expect(restore.error.message).toMatch(/trigger “wipe”/u);
    } finally {
      await book.close();
    }
  });
});
