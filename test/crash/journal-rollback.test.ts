/**
 * rollBackJournal copies a hot journal's pages back as SQLite's own rollback does: a child
 * process changes most of a book in one transaction with a cache too small to hold it (so pages
 * reach the file before the commit) and is killed before committing. The journal it leaves,
 * played back by rollBackJournal, gives the same file SQLite's own rollback gives, byte for byte.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { hasHotJournal, rollBackJournal } from '../../electron/db/journal-rollback.ts';
import { makeTempDir } from '../helpers/book.ts';

const ROWS = 20_000;

function makeBook(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = DELETE');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  db.exec('CREATE INDEX t_body ON t (body)');
  const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < ROWS; i++) insert.run(`row ${i} ${'x'.repeat(150)}`);
  })();
  db.close();
}

/** A child that rewrites every row and grows the file, then is killed before it commits. */
function killMidTransaction(file: string): void {
  const script = `const Database = (await import('better-sqlite3-multiple-ciphers')).default;
const db = new Database(${JSON.stringify(file)});
db.pragma('cache_size = 20');
db.exec('BEGIN');
db.exec("UPDATE t SET body = 'changed ' || id || ' ' || hex(randomblob(60))");
db.exec("INSERT INTO t (body) SELECT 'more ' || id FROM t WHERE id <= 5000");
process.kill(process.pid, 'SIGKILL');`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: path.resolve(import.meta.dirname, '../..'),
  });
  expect(run.signal).toBe('SIGKILL');
}

function contents(file: string): { rows: number; check: string; sum: string } {
  // Not read-only: a connection rolls back a hot journal it finds, as SQLite's own rollback.
  const db = new Database(file, { fileMustExist: true });
  try {
    return {
      rows: db.prepare('SELECT count(*) FROM t').pluck().get() as number,
      check: String(db.pragma('integrity_check', { simple: true })),
      sum: db
        .prepare(`SELECT group_concat(body, '|') FROM (SELECT body FROM t ORDER BY id)`)
        .pluck()
        .get() as string,
    };
  } finally {
    db.close();
  }
}

describe('rollBackJournal', () => {
  it('gives the book SQLite’s own rollback gives, after a kill with pages already written', () => {
    const dir = makeTempDir('ledgerline-journal-');
    const file = path.join(dir, 'book.sqlite');
    makeBook(file);
    const before = contents(file);
    const original = fs.readFileSync(file);
    killMidTransaction(file);
    expect(hasHotJournal(file)).toBe(true);
    // The kill left the file changed: the rollback has something to undo.
    expect(fs.readFileSync(file).equals(original)).toBe(false);

    // SQLite's own rollback, on a copy.
    const copy = path.join(dir, 'copy.sqlite');
    fs.copyFileSync(file, copy);
    fs.copyFileSync(`${file}-journal`, `${copy}-journal`);
    expect(contents(copy)).toEqual(before);

    const restored = rollBackJournal(file);
    expect(restored).toBeGreaterThan(10);
    expect(fs.existsSync(`${file}-journal`)).toBe(false);
    expect(fs.readFileSync(file).equals(fs.readFileSync(copy))).toBe(true);
    expect(fs.readFileSync(file).equals(original)).toBe(true);
    expect(contents(file)).toEqual(before);
  });

  it('leaves alone a file with no journal, or with one SQLite never made hot', () => {
    const dir = makeTempDir('ledgerline-journal-');
    const file = path.join(dir, 'book.sqlite');
    makeBook(file);
    const original = fs.readFileSync(file);
    expect(hasHotJournal(file)).toBe(false);
    expect(rollBackJournal(file)).toBeNull();
    // A journal whose header was never synced starts with zeros (SQLite writes the magic last):
    // no page of the book was written yet, and SQLite itself deletes it.
    fs.writeFileSync(`${file}-journal`, Buffer.alloc(4096));
    expect(hasHotJournal(file)).toBe(false);
    expect(rollBackJournal(file)).toBeNull();
    expect(fs.existsSync(`${file}-journal`)).toBe(true);
    expect(fs.readFileSync(file).equals(original)).toBe(true);
  });

  it('plays back the records its header counts, and no more (the rest were never synced)', () => {
    const dir = makeTempDir('ledgerline-journal-');
    const file = path.join(dir, 'book.sqlite');
    makeBook(file);
    killMidTransaction(file);
    const journal = fs.readFileSync(`${file}-journal`);
    expect(journal.readUInt32BE(8)).toBeGreaterThan(3);
    journal.writeUInt32BE(2, 8);
    fs.writeFileSync(`${file}-journal`, journal);
    expect(rollBackJournal(file)).toBe(2);
    expect(fs.existsSync(`${file}-journal`)).toBe(false);
  });
});
