/**
 * The benchmark's generated book is one the app sees as fully consistent: its derived data is
 * what the app's own code computes. Checked on a small book, row by row:
 *  - the bulk search rebuild equals reindex() run for every row in creation order (search_docs and
 *    every FTS5 index entry, through an fts5vocab table);
 *  - every person's call facts equal refreshPersonStats() (which then changes nothing);
 *  - phones' digits and e164 equal normalisePhone(), sort keys and cached primaries equal the app's;
 *  - every order line's amounts equal lineAmounts(), every order's totals its lines' sums, and the
 *    report and purchase summaries are what keepSalesCurrent() builds order by order;
 *  - foreign keys and the integrity check hold, and the app opens it and finds people by search.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalisePhone } from '../../shared/domain/phone.ts';
import { companySortKey, fold, personSortKey } from '../../shared/domain/text.ts';
import type { WriteScope } from '../../electron/db/changes.ts';
import { refreshPersonStats } from '../../electron/backend/people/person-stats.ts';
import { keepSalesCurrent } from '../../electron/backend/orders/sales.summaries.ts';
import { lineAmounts } from '../../shared/domain/money.ts';
import { formatReference, DEFAULT_ORDER_PREFIX } from '../../shared/domain/sales.ts';
import { FTS_TABLES, reindex, type SearchDocKind } from '../../electron/backend/search/search.index.ts';
import { generateBook } from '../../scripts/bench/generate/generate.ts';
import type { Probes } from '../../scripts/bench/generate/probes.ts';
import { SEARCH_KINDS_IN_ORDER } from '../../scripts/bench/generate/search.rebuild.ts';
import { makeTempDir, openTestBook, type TestBook } from '../helpers/book.ts';

const CONTACTS = 400;
const SEED = 7;
let dir: string;
let probes: Probes;
let book: TestBook;

const TABLE: Record<SearchDocKind, string> = {
  person: 'people',
  company: 'companies',
  note: 'notes',
  call: 'calls',
};

function indexSnapshot(db: Database.Database) {
  const entries: Record<string, unknown[]> = {};
  for (const [kind, table] of Object.entries(FTS_TABLES)) {
    db.exec(
      `CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab_${kind} USING fts5vocab(main, ${table}, instance)`,
    );
    entries[kind] = db
      .prepare(`SELECT term, doc, col, offset FROM temp.vocab_${kind} ORDER BY doc, col, offset, term`)
      .all();
  }
  return {
    docs: db.prepare(`SELECT docid, kind, ref_id FROM search_docs ORDER BY docid`).all(),
    entries,
  };
}

beforeAll(async () => {
  dir = makeTempDir('ledgerline-bench-gen-');
  ({ probes } = await generateBook({ contacts: CONTACTS, seed: SEED, dir, key: 'test' }));
  book = await openTestBook({ dir });
}, 120_000);

afterAll(async () => {
  await book?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the generated benchmark book', () => {
  it('has the sizes asked for, with diacritics and varied phone formats', () => {
    const db = book.book.sqlite;
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    expect(count(`SELECT count(*) FROM people`)).toBe(CONTACTS);
    expect(count(`SELECT count(*) FROM companies`)).toBe(CONTACTS / 5);
    const calls = count(`SELECT count(*) FROM calls`);
    expect(calls / CONTACTS).toBeGreaterThan(7);
    expect(calls / CONTACTS).toBeLessThan(13);
    expect(count(`SELECT count(*) FROM tasks`)).toBeGreaterThan(CONTACTS);
    expect(count(`SELECT count(*) FROM notes`)).toBeGreaterThan(CONTACTS / 2);
    expect(probes.diacritic.length).toBeGreaterThan(0);
    expect(probes.diacritic.every((p) => fold(p.familyName) !== p.familyName.toLowerCase())).toBe(true);
    const numbers = db.prepare(`SELECT number FROM phones`).pluck().all() as string[];
    expect(numbers.some((n) => n.startsWith('+44 '))).toBe(true);
    expect(numbers.some((n) => n.startsWith('('))).toBe(true);
    expect(numbers.some((n) => /^0\d{9,10}$/u.test(n))).toBe(true);
    const orders = count(`SELECT count(*) FROM orders`);
    expect(orders / CONTACTS).toBeGreaterThan(1.5);
    expect(orders / CONTACTS).toBeLessThan(2.6);
    expect(count(`SELECT count(*) FROM order_lines`)).toBeGreaterThan(orders * 1.5);
    expect(count(`SELECT count(*) FROM deals`)).toBeGreaterThan(CONTACTS / 10);
    expect(count(`SELECT count(*) FROM deals WHERE state = 'open'`)).toBeGreaterThan(0);
    expect(count(`SELECT count(*) FROM cases`)).toBeGreaterThan(CONTACTS / 20);
    expect(count(`SELECT count(*) FROM cases WHERE status IN ('open', 'waiting')`)).toBeGreaterThan(0);
    expect(count(`SELECT count(*) FROM companies WHERE stage IS NULL`)).toBe(0);
    expect(probes.buyers.length).toBeGreaterThan(0);
  });

  it('builds the same book from the same seed', async () => {
    const again = makeTempDir('ledgerline-bench-gen-');
    try {
      const second = await generateBook({ contacts: CONTACTS, seed: SEED, dir: again, key: 'test' });
      expect(second.probes).toEqual(probes);
    } finally {
      fs.rmSync(again, { recursive: true, force: true });
    }
  }, 60_000);

  it('is consistent: foreign keys, integrity, settings', async () => {
    const db = book.book.sqlite;
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    for (const table of Object.values(FTS_TABLES))
      expect(() =>
        db.exec(`INSERT INTO ${table} (${table}, rank) VALUES ('integrity-check', 0)`),
      ).not.toThrow();
    const settings = await book.client.call('settings.get', {});
    expect(settings.setupComplete).toBe(true);
    expect(settings.locale).toBe('en-GB');
  });

  it('has the search index reindex() builds, row by row in creation order', () => {
    const db = book.book.sqlite;
    const bulk = indexSnapshot(db);
    expect(bulk.docs.length).toBeGreaterThan(CONTACTS);

    db.transaction(() => {
      db.exec(`DELETE FROM search_docs`);
      for (const table of Object.values(FTS_TABLES))
        db.exec(`INSERT INTO ${table} (${table}) VALUES ('delete-all')`);
      for (const kind of SEARCH_KINDS_IN_ORDER) {
        const ids = db
          .prepare(`SELECT id FROM ${TABLE[kind]} ORDER BY created_at, id`)
          .pluck()
          .all() as string[];
        for (const id of ids) reindex(book.backend.ctx, kind, id);
      }
    })();
    const app = indexSnapshot(db);
    expect(app.docs).toEqual(bulk.docs);
    for (const kind of SEARCH_KINDS_IN_ORDER) {
      expect(bulk.entries[kind]!.length).toBeGreaterThan(0);
      expect(app.entries[kind]!.length).toBe(bulk.entries[kind]!.length);
      expect(app.entries[kind]).toEqual(bulk.entries[kind]);
    }
  });

  it("has every person's call facts as refreshPersonStats() computes them", () => {
    const db = book.book.sqlite;
    const before = db
      .prepare(`SELECT id, last_contact_at, last_attempt_at, next_call_at FROM people ORDER BY id`)
      .all();
    let changed = 0;
    const scope: WriteScope = { at: 0, staffId: null, change: () => changed++ };
    db.transaction(() => {
      for (const { id } of before as { id: string }[]) refreshPersonStats(book.backend.ctx, scope, id);
    })();
    expect(changed).toBe(0);
    expect(
      db.prepare(`SELECT id, last_contact_at, last_attempt_at, next_call_at FROM people ORDER BY id`).all(),
    ).toEqual(before);
    const withCalls = db
      .prepare(`SELECT count(*) FROM people WHERE last_attempt_at IS NOT NULL`)
      .pluck()
      .get() as number;
    const withNext = db
      .prepare(`SELECT count(*) FROM people WHERE next_call_at IS NOT NULL`)
      .pluck()
      .get() as number;
    expect(withCalls).toBeGreaterThan(CONTACTS / 2);
    expect(withNext).toBeGreaterThan(CONTACTS / 5);
  });

  it('stores phones, sort keys and cached primaries as the app does', () => {
    const db = book.book.sqlite;
    for (const p of db.prepare(`SELECT number, digits, e164 FROM phones`).all() as {
      number: string;
      digits: string;
      e164: string;
    }[]) {
      expect({ number: p.number, ...normalisePhone(p.number, 'GB') }).toEqual(p);
    }
    for (const p of db
      .prepare(
        `SELECT given_name, family_name, display_name, sort_key, primary_phone, primary_email,
           (SELECT number FROM phones WHERE person_id = people.id ORDER BY position, id LIMIT 1) AS first_phone,
           (SELECT email FROM emails WHERE person_id = people.id ORDER BY position, id LIMIT 1) AS first_email
         FROM people`,
      )
      .all() as Record<string, string | null>[]) {
      expect(p.sort_key).toBe(personSortKey(p.given_name!, p.family_name!, p.display_name!));
      expect(p.primary_phone).toBe(p.first_phone);
      expect(p.primary_email).toBe(p.first_email);
    }
    for (const c of db.prepare(`SELECT name, sort_key FROM companies`).all() as {
      name: string;
      sort_key: string;
    }[]) {
      expect(c.sort_key).toBe(companySortKey(c.name));
    }
  });

  it('opens in the app, which finds people by a name without diacritics and a phone written another way', async () => {
    expect((await book.client.call('people.count', {})).count).toBe(CONTACTS);
    const probe = probes.diacritic[0]!;
    const byName = await book.client.call('search.global', { query: fold(probe.familyName), limit: 50 });
    const people = byName.groups.find((g) => g.kind === 'person')?.hits.map((h) => h.id) ?? [];
    expect(people).toContain(probe.id);
    const withPhone = probes.people.find((p) => p.phoneOther)!;
    const byPhone = await book.client.call('search.global', { query: withPhone.phoneOther!, limit: 50 });
    expect(byPhone.groups.find((g) => g.kind === 'person')?.hits.map((h) => h.id)).toContain(withPhone.id);
    const timeline = await book.client.call('timeline.person', { personId: withPhone.id, limit: 30 });
    expect(timeline.rows.some((r) => r.kind === 'change')).toBe(true);
    expect(path.basename(book.book.path)).toBe('customer-book.sqlite');
  });

  it('has orders whose lines are worked out by the money rules, numbered in date order, with their histories', () => {
    const db = book.book.sqlite;
    const lines = db
      .prepare(
        `SELECT order_id, quantity, unit_price, discount_bp, tax_rate_bp, unit_cost, net, tax, gross, cost
         FROM order_lines ORDER BY order_id, position`,
      )
      .all() as Record<string, number>[];
    const sums = new Map<string, { net: number; tax: number; gross: number; cost: number }>();
    for (const l of lines) {
      const a = lineAmounts({
        quantity: l.quantity!,
        unitPrice: l.unit_price!,
        discountBp: l.discount_bp!,
        taxRateBp: l.tax_rate_bp!,
        unitCost: l.unit_cost!,
      });
      expect({ net: l.net, tax: l.tax, gross: l.gross, cost: l.cost }).toEqual(a);
      const s = sums.get(l.order_id as unknown as string) ?? { net: 0, tax: 0, gross: 0, cost: 0 };
      s.net += a.net;
      s.tax += a.tax;
      s.gross += a.gross;
      s.cost += a.cost;
      sums.set(l.order_id as unknown as string, s);
    }
    const orders = db
      .prepare(
        `SELECT id, number, reference, order_date, status, status_date, net, tax, gross, cost,
           (SELECT status FROM order_status_changes WHERE order_id = o.id ORDER BY position DESC LIMIT 1) AS last_status,
           (SELECT on_date FROM order_status_changes WHERE order_id = o.id ORDER BY position DESC LIMIT 1) AS last_date,
           (SELECT min(on_date) FROM order_status_changes WHERE order_id = o.id) AS first_date
         FROM orders o ORDER BY number`,
      )
      .all() as Record<string, string | number>[];
    let previous = '';
    for (const [i, o] of orders.entries()) {
      expect(o.number).toBe(i + 1);
      expect(o.reference).toBe(formatReference(DEFAULT_ORDER_PREFIX, i + 1));
      expect(String(o.order_date) >= previous).toBe(true);
      previous = o.order_date as string;
      expect({ net: o.net, tax: o.tax, gross: o.gross, cost: o.cost }).toEqual(sums.get(o.id as string));
      expect(o.last_status).toBe(o.status);
      expect(o.last_date).toBe(o.status_date);
      expect(o.first_date).toBe(o.order_date);
    }
    const ranks = db
      .prepare(
        `SELECT stage_id, count(*) AS n, count(DISTINCT rank) AS ranks FROM deals WHERE state = 'open' GROUP BY stage_id`,
      )
      .all() as { n: number; ranks: number }[];
    for (const r of ranks) expect(r.ranks).toBe(r.n);
    expect(
      db
        .prepare(
          `SELECT count(*) FROM deals WHERE state = 'won'
             AND stage_id <> (SELECT id FROM deal_stages ORDER BY position DESC LIMIT 1)`,
        )
        .pluck()
        .get(),
    ).toBe(0);
    expect(
      db
        .prepare(
          `SELECT count(*) FROM deals d WHERE EXISTS (SELECT 1 FROM deal_lines WHERE deal_id = d.id)
             AND value <> (SELECT sum(net) FROM deal_lines WHERE deal_id = d.id)`,
        )
        .pluck()
        .get(),
    ).toBe(0);
    const cases = db.prepare(`SELECT number FROM cases ORDER BY opened_at, id`).pluck().all() as number[];
    expect(cases).toEqual(cases.map((_, i) => i + 1));
  });

  it('has the report and purchase summaries keepSalesCurrent() builds, order by order', () => {
    const db = book.book.sqlite;
    const summaries = () => ({
      monthly: db.prepare(`SELECT * FROM sales_monthly ORDER BY 1, 2, 3, 4`).all(),
      orders: db.prepare(`SELECT * FROM sales_monthly_orders ORDER BY 1, 2, 3`).all(),
      customers: db.prepare(`SELECT * FROM customer_sales ORDER BY 1, 2, 3`).all(),
    });
    const generated = summaries();
    expect(generated.monthly.length).toBeGreaterThan(12);
    expect(generated.customers.length).toBeGreaterThan(CONTACTS / 4);
    const ids = db.prepare(`SELECT id FROM orders ORDER BY number`).pluck().all() as string[];
    const setDeleted = db.prepare(`UPDATE orders SET deleted_at = ? WHERE id = ?`);
    // Every order to the Trash through the app's bookkeeping takes every figure away...
    db.transaction(() => {
      for (const id of ids) keepSalesCurrent(book.backend.ctx, id, () => setDeleted.run(1, id));
    })();
    expect(summaries()).toEqual({ monthly: [], orders: [], customers: [] });
    // ...and bringing them back, one by one, builds exactly what the generator wrote.
    db.transaction(() => {
      for (const id of ids) keepSalesCurrent(book.backend.ctx, id, () => setDeleted.run(null, id));
    })();
    expect(summaries()).toEqual(generated);
  });
});
