/**
 * 0013_privacy from the schema before it: the editable lists keep every value (with its position,
 * hidden flag and conversation flag) and gain the consent purposes; the ledger and erasure tables
 * are STRICT and check what they hold; the links an erasure follows are read through indexes.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, MIGRATION_NAMES } from '../../../electron/db/migrations.ts';
import { CONSENT_PURPOSE_DEFAULTS } from '../../../electron/db/migrations/0013_privacy.ts';
import { openBook, type Book } from '../../../electron/db/open.ts';
import { makeTempDir } from '../../helpers/book.ts';

const open: Book[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

const at = MIGRATION_NAMES.indexOf('0013_privacy');
const upTo = (n: number) =>
  Object.fromEntries(MIGRATION_NAMES.slice(0, n).map((name) => [name, MIGRATIONS[name]!]));

describe('0013_privacy', () => {
  it('keeps the call lists as they were and adds the consent purposes', async () => {
    const file = path.join(makeTempDir(), 'b.sqlite');
    const old = await openBook(file, { migrations: upTo(at) });
    old.sqlite.exec(`
      UPDATE list_values SET active = 0, position = 9 WHERE list = 'call_purpose' AND value = 'Renewal';
      INSERT INTO list_values (list, value, position, active, connected) VALUES ('call_outcome', 'Spoke briefly', 7, 1, 1);
    `);
    const before = old.sqlite.prepare(`SELECT * FROM list_values ORDER BY list, value`).all();
    expect(() =>
      old.sqlite.exec(`INSERT INTO list_values (list, value) VALUES ('consent_purpose', 'X')`),
    ).toThrow(/CHECK/u);
    await old.close();

    const book = await openBook(file);
    open.push(book);
    const db = book.sqlite;
    expect(
      db.prepare(`SELECT * FROM list_values WHERE list <> 'consent_purpose' ORDER BY list, value`).all(),
    ).toEqual(before);
    expect(
      db
        .prepare(`SELECT value FROM list_values WHERE list = 'consent_purpose' ORDER BY position`)
        .pluck()
        .all(),
    ).toEqual([...CONSENT_PURPOSE_DEFAULTS]);
    expect(() =>
      db.exec(`INSERT INTO list_values (list, value) VALUES ('favourite_colour', 'Blue')`),
    ).toThrow(/CHECK/u);
    for (const t of ['consents', 'consent_withdrawals', 'erasures', 'list_values']) {
      expect([t, db.prepare(`SELECT strict FROM pragma_table_list WHERE name = ?`).pluck().get(t)]).toEqual([
        t,
        1,
      ]);
    }
  });

  it('checks what a consent and its withdrawal hold', async () => {
    const book = await openBook(path.join(makeTempDir(), 'b.sqlite'));
    open.push(book);
    const db = book.sqlite;
    db.exec(`INSERT INTO people (id, display_name, created_at, updated_at) VALUES ('p', 'P', 0, 0)`);
    const consent = db.prepare(
      `INSERT INTO consents (id, person_id, purpose, decision, decided_at, method, recorded_at) VALUES (?, ?, 'Post', ?, 0, ?, 0)`,
    );
    consent.run('c1', 'p', 'granted', 'call');
    expect(() => consent.run('c2', 'p', 'maybe', 'call')).toThrow(/CHECK/u);
    expect(() => consent.run('c3', 'p', 'granted', 'pigeon')).toThrow(/CHECK/u);
    expect(() => consent.run('c4', 'nobody', 'granted', 'call')).toThrow(/FOREIGN KEY/u);
    const withdraw = db.prepare(
      `INSERT INTO consent_withdrawals (consent_id, withdrawn_at, method, recorded_at) VALUES (?, 1, 'email', 1)`,
    );
    withdraw.run('c1');
    expect(() => withdraw.run('c1')).toThrow(/UNIQUE|PRIMARY/u);
    expect(() => withdraw.run('nothing')).toThrow(/FOREIGN KEY/u);
  });

  it('reads the links an erasure follows through indexes, not the whole table', async () => {
    const book = await openBook(path.join(makeTempDir(), 'b.sqlite'));
    open.push(book);
    const plan = (sql: string) =>
      (book.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((r) => r.detail)
        .join('\n');
    expect(plan(`SELECT * FROM tasks WHERE call_id IN ('a', 'b')`)).toMatch(/USING INDEX tasks_call/u);
    expect(plan(`SELECT * FROM deals WHERE order_id IN ('a')`)).toMatch(/USING INDEX deals_order/u);
    expect(plan(`SELECT * FROM cases WHERE order_id IN ('a')`)).toMatch(/USING INDEX cases_order/u);
    expect(plan(`SELECT * FROM consents WHERE person_id IN ('a')`)).toMatch(/USING INDEX consents_person/u);
    expect(plan(`SELECT 1 FROM consents WHERE purpose = 'Post' LIMIT 1`)).toMatch(/consents_purpose/u);
  });
});
