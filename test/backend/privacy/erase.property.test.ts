/**
 * Whatever Ann has (calls, notes in and out of the Trash, orders of her own and of her company,
 * deals, cases, Bob's tasks made from her calls), after her erasure nothing in the book names her,
 * Bob's records are as they were (less a link to one of her calls), the reports agree with the
 * orders, the money kept is what was chosen, and the book is sound.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerSales, order, salesBook, salesMonthly, type SalesBook } from '../sales/sales.fixtures.ts';
import { expectSound } from './privacy.fixtures.ts';

const shape = fc.record({
  calls: fc.array(fc.boolean(), { maxLength: 3 }), // each: does Bob have a task made from it?
  notes: fc.array(fc.boolean(), { maxLength: 3 }), // each: in the Trash?
  orders: fc.array(
    fc.record({ company: fc.boolean(), status: fc.constantFrom('quote', 'confirmed', 'paid', 'cancelled') }),
    { maxLength: 3 },
  ),
  deals: fc.array(fc.boolean(), { maxLength: 2 }), // each: with her company?
  cases: fc.array(fc.boolean(), { maxLength: 2 }),
  bobsOrders: fc.integer({ min: 0, max: 2 }),
  keepOrders: fc.boolean(),
});

/** Every row, in every table with a link to people, that names her. */
function rowsNamingAnn(b: SalesBook): number {
  const db = b.book.sqlite;
  const tables = db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
    .pluck()
    .all() as string[];
  let n = 0;
  for (const t of tables) {
    const keys = db
      .prepare(`SELECT "from" AS col, "table" AS parent FROM pragma_foreign_key_list(?)`)
      .all(t) as {
      col: string;
      parent: string;
    }[];
    for (const k of keys.filter((k) => k.parent === 'people')) {
      n += db.prepare(`SELECT count(*) FROM "${t}" WHERE "${k.col}" = 'ann'`).pluck().get() as number;
    }
  }
  return n;
}

function bobsRecords(b: SalesBook) {
  const db = b.book.sqlite;
  return {
    calls: db.prepare(`SELECT * FROM calls WHERE person_id = 'bob' ORDER BY id`).all(),
    orders: db.prepare(`SELECT * FROM orders WHERE person_id = 'bob' ORDER BY id`).all(),
    tasks: db.prepare(`SELECT id, title, person_id FROM tasks WHERE person_id = 'bob' ORDER BY id`).all(),
  };
}

describe('privacy.erase, whatever she has', () => {
  it('leaves nothing naming her, Bob as he was, reports that agree, and a sound book', async () => {
    await fc.assert(
      fc.asyncProperty(shape, async (s) => {
        const b = await salesBook();
        const c = b.client;
        const db = b.book.sqlite;
        for (const [i, withTask] of s.calls.entries()) {
          const { call } = await c.call('calls.log', {
            call: {
              personId: 'ann',
              direction: 'in',
              startedAt: Date.UTC(2026, 10, 1 + i),
              durationS: 60,
              outcome: 'connected',
              summary: `Call ${i}`,
            },
          });
          if (withTask) {
            const t = await c.call('tasks.create', { title: `Bob task ${i}`, personId: 'bob' });
            db.prepare(`UPDATE tasks SET call_id = ? WHERE id = ?`).run(call.id, t.id);
          }
        }
        for (const [i, binned] of s.notes.entries()) {
          const n = await c.call('notes.create', { personId: 'ann', body: `Note ${i}` });
          if (binned) await c.call('notes.delete', { id: n.id });
        }
        let ownGross = 0;
        for (const o of s.orders) {
          const made = await order(b, o.company ? { companyId: 'acme' } : {});
          if (o.status !== 'quote')
            await c.call('orders.setStatus', { id: made.id, status: o.status as 'paid', date: '2026-11-21' });
          if (!o.company) ownGross += made.gross;
        }
        for (let i = 0; i < s.bobsOrders; i++) await order(b, { personId: 'bob' });
        for (const [i, company] of s.deals.entries()) {
          await c.call('deals.create', {
            title: `Deal ${i}`,
            personId: 'ann',
            companyId: company ? 'acme' : null,
          });
        }
        for (const [i, company] of s.cases.entries()) {
          await c.call('cases.create', {
            subject: `Case ${i}`,
            category: 'question',
            personId: 'ann',
            companyId: company ? 'acme' : null,
          });
        }
        const bob = bobsRecords(b);
        const gross = db.prepare(`SELECT coalesce(sum(gross), 0) FROM orders`).pluck().get() as number;

        const { erasure } = await c.call('privacy.erase', {
          personId: 'ann',
          confirmName: 'Ann Lee',
          keepOrders: s.keepOrders,
        });

        expect(rowsNamingAnn(b)).toBe(0);
        expect(bobsRecords(b)).toEqual(bob);
        expect(db.prepare(`SELECT count(*) FROM tasks WHERE call_id IS NOT NULL`).pluck().get()).toBe(0);
        expect(db.prepare(`SELECT coalesce(sum(gross), 0) FROM orders`).pluck().get()).toBe(
          s.keepOrders ? gross : gross - ownGross,
        );
        const monthly = salesMonthly(b);
        expect(monthly.stored).toEqual(monthly.expected);
        const purchases = customerSales(b);
        expect(purchases.stored).toEqual(purchases.expected);
        expect(erasure.counts.erased.calls ?? 0).toBe(s.calls.length);
        expect(erasure.counts.erased.notes ?? 0).toBe(s.notes.length);
        expect(erasure.counts.detached).toBe(s.calls.filter(Boolean).length);
        const own = s.orders.filter((o) => !o.company).length;
        expect(erasure.standIn !== null).toBe(s.keepOrders && own > 0);
        expect(erasure.counts.unlinked.orders ?? 0).toBe(s.orders.length - own);
        expectSound(b);
        await b.close();
      }),
      { numRuns: 8 },
    );
  });
});
