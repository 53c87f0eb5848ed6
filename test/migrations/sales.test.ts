/** 0005_sales from a v4 book with customers in it. */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, MIGRATION_NAMES } from '../../electron/db/migrations.ts';
import { openBook } from '../../electron/db/open.ts';
import { makeTempDir } from '../helpers/book.ts';

const books: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (books.length) await books.pop()?.close();
});

function upTo(n: number) {
  return Object.fromEntries(MIGRATION_NAMES.slice(0, n).map((name) => [name, MIGRATIONS[name]!]));
}

describe('0005_sales', () => {
  it('adds the sales schema to a v4 book, keeping its companies and people', async () => {
    const file = path.join(makeTempDir(), 'b.sqlite');
    const v4 = await openBook(file, { migrations: upTo(4) });
    v4.sqlite
      .prepare(
        `INSERT INTO companies (id, name, sort_key, created_at, updated_at) VALUES ('c1', 'Acme', 'acme', 1, 1)`,
      )
      .run();
    v4.sqlite
      .prepare(
        `INSERT INTO people (id, display_name, sort_key, stage, company_id, created_at, updated_at)
         VALUES ('p1', 'Ann Lee', 'lee ann', 'customer', 'c1', 1, 1)`,
      )
      .run();
    await v4.close();

    const book = await openBook(file);
    books.push(book);
    const db = book.sqlite;
    expect(book.schemaVersion).toBe(MIGRATION_NAMES.length);
    expect(db.prepare(`SELECT id, name, stage, source FROM companies`).all()).toEqual([
      { id: 'c1', name: 'Acme', stage: null, source: null },
    ]);
    expect(db.prepare(`SELECT display_name FROM people`).pluck().all()).toEqual(['Ann Lee']);
    // The default pipeline, in order, with its probabilities.
    expect(db.prepare(`SELECT name, probability_bp FROM deal_stages ORDER BY position`).all()).toEqual([
      { name: 'Lead', probability_bp: 1000 },
      { name: 'Qualified', probability_bp: 2500 },
      { name: 'Proposal', probability_bp: 5000 },
      { name: 'Negotiation', probability_bp: 7500 },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // 0006: the Trash reads deleted products through their own index.
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'products_deleted'`).pluck().get()).toBe(
      'products_deleted',
    );
  });

  it('refuses rows that break the sales rules', async () => {
    const book = await openBook(path.join(makeTempDir(), 'b.sqlite'));
    books.push(book);
    const db = book.sqlite;
    db.prepare(
      `INSERT INTO people (id, display_name, sort_key, stage, created_at, updated_at) VALUES ('p1', 'A', 'a', 'lead', 1, 1)`,
    ).run();
    let number = 0;
    const order = (status: string, person: string | null) =>
      db
        .prepare(
          `INSERT INTO orders (id, number, reference, person_id, order_date, status, status_date, currency, created_at, updated_at)
           VALUES (?, ?, ?, ?, '2026-11-22', ?, '2026-11-22', 'GBP', 1, 1)`,
        )
        .run(`o-${status}-${person}`, ++number, `R-${status}-${person}`, person, status);
    expect(() => order('confirmed', 'p1')).not.toThrow();
    expect(() => order('shipped', 'p1')).toThrow(/CHECK/u);
    expect(() => order('quote', null)).toThrow(/CHECK/u);
    expect(() =>
      db
        .prepare(
          `INSERT INTO products (id, name, unit_price, tax_rate_bp, currency, created_at, updated_at) VALUES ('x', 'X', -1, 0, 'GBP', 1, 1)`,
        )
        .run(),
    ).toThrow(/CHECK/u);
    // An open deal has no closing date; a won one must have one.
    const deal = (state: string, closed: string | null) =>
      db
        .prepare(
          `INSERT INTO deals (id, title, person_id, stage_id, currency, state, closed_on, created_at, updated_at)
           VALUES (?, 'D', 'p1', 'stage-lead', 'GBP', ?, ?, 1, 1)`,
        )
        .run(`d-${state}-${closed}`, state, closed);
    expect(() => deal('open', null)).not.toThrow();
    expect(() => deal('won', '2026-11-22')).not.toThrow();
    expect(() => deal('won', null)).toThrow(/CHECK/u);
    expect(() => deal('open', '2026-11-22')).toThrow(/CHECK/u);
  });
});
