/** Reports: sales by month and category, the pipeline, won and lost, open cases by age. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrderStatus } from '../../../shared/domain/sales.ts';
import {
  casesByAge,
  salesByCategory,
  salesByMonth,
  wonLost,
} from '../../../electron/backend/reports/reports.ts';
import { order, product, salesBook, type SalesBook } from '../sales/sales.fixtures.ts';

const line = (unitPrice: number, extra: Record<string, unknown> = {}) => ({
  description: 'Work',
  quantity: 1000,
  unitPrice,
  ...extra,
});

async function otherStaff(b: SalesBook): Promise<string> {
  return (await b.client.call('staff.create', { name: 'Priya Shah' })).id;
}

describe('reports.salesByMonth', () => {
  it('gives every month of the period, counting only confirmed to paid orders, per owner when asked', async () => {
    const b = await salesBook();
    const priya = await otherStaff(b);
    await order(b, { orderDate: '2026-01-15', status: 'confirmed', lines: [line(10_000)] });
    await order(b, { orderDate: '2026-01-20', status: 'paid', lines: [line(5_000, { taxRateBp: 2000 })] });
    await order(b, { orderDate: '2026-03-02', status: 'invoiced', ownerId: priya, lines: [line(7_000)] });
    await order(b, { orderDate: '2026-03-03', status: 'quote', lines: [line(99_000)] });
    await order(b, { orderDate: '2026-03-04', status: 'cancelled', lines: [line(88_000)] });
    const gone = await order(b, { orderDate: '2026-03-05', status: 'confirmed', lines: [line(77_000)] });
    await b.client.call('orders.delete', { id: gone.id });

    const all = await b.client.call('reports.salesByMonth', { from: '2026-01', to: '2026-03' });
    expect(all.map((r) => [r.month, r.orders, r.net, r.tax, r.gross])).toEqual([
      ['2026-01', 2, 15_000, 1_000, 16_000],
      ['2026-02', 0, 0, 0, 0],
      ['2026-03', 1, 7_000, 0, 7_000],
    ]);
    expect(all.every((r) => r.currency === 'GBP')).toBe(true);
    const mine = await b.client.call('reports.salesByMonth', {
      from: '2026-01',
      to: '2026-03',
      ownerId: b.me,
    });
    expect(mine.map((r) => r.orders)).toEqual([2, 0, 0]);
  });

  it('refuses a period that ends before it starts, or a month that is not one', async () => {
    const b = await salesBook();
    await expect(
      b.client.call('reports.salesByMonth', { from: '2026-05', to: '2026-04' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { issues: [{ path: 'to' }] },
    });
    await expect(
      b.client.call('reports.salesByMonth', { from: '2026-13', to: '2026-14' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('always adds up to the orders that count, whatever happens to them (property)', async () => {
    const b = await salesBook();
    const statuses: OrderStatus[] = ['quote', 'confirmed', 'delivered', 'invoiced', 'paid', 'cancelled'];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            month: fc.integer({ min: 1, max: 12 }),
            status: fc.constantFrom(...statuses),
            price: fc.integer({ min: 0, max: 1_000_000 }),
            deleted: fc.boolean(),
          }),
          { maxLength: 6 },
        ),
        async (orders) => {
          for (const o of orders) {
            const made = await order(b, {
              orderDate: `2025-${String(o.month).padStart(2, '0')}-10`,
              status: o.status,
              lines: [line(o.price, { taxRateBp: 2000 })],
            });
            if (o.deleted) await b.client.call('orders.delete', { id: made.id });
          }
          const report = await b.client.call('reports.salesByMonth', { from: '2025-01', to: '2025-12' });
          const expected = b.book.sqlite
            .prepare(
              `SELECT count(*) AS orders, coalesce(sum(gross), 0) AS gross FROM orders
               WHERE order_date LIKE '2025-%' AND deleted_at IS NULL
                 AND status IN ('confirmed', 'delivered', 'invoiced', 'paid')`,
            )
            .get() as { orders: number; gross: number };
          expect(report.reduce((n, r) => n + r.orders, 0)).toBe(expected.orders);
          expect(report.reduce((n, r) => n + r.gross, 0)).toBe(expected.gross);
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('reports.salesByCategory', () => {
  it('sums the lines of each category, and free text as "No category"', async () => {
    const b = await salesBook();
    const cats = await b.client.call('productCategories.set', {
      categories: [{ name: 'Furniture' }, { name: 'Service' }],
    });
    const furniture = cats.find((c) => c.name === 'Furniture')?.id ?? '';
    const desk = await product(b, {
      name: 'Desk',
      unitPrice: 20_000,
      unitCost: 12_000,
      categoryId: furniture,
    });
    await order(b, {
      orderDate: '2026-02-01',
      status: 'confirmed',
      lines: [
        { productId: desk.id, quantity: 2000 },
        { description: 'Delivery', quantity: 1000, unitPrice: 3_000 },
      ],
    });
    const rows = await b.client.call('reports.salesByCategory', { from: '2026-01', to: '2026-12' });
    expect(rows.map((r) => [r.name, r.lines, r.net, r.margin])).toEqual([
      ['Furniture', 1, 40_000, 16_000],
      ['No category', 1, 3_000, 3_000],
    ]);
    expect(rows.find((r) => r.name === 'No category')?.categoryId).toBeNull();
  });
});

describe('reports.pipeline and reports.wonLost', () => {
  it('gives each active stage its open deals, value and weighted value, and won and lost by month', async () => {
    const b = await salesBook();
    const deal = (title: string, value: number, stageId = 'stage-lead') =>
      b.client.call('deals.create', { title, personId: 'ann', value, stageId });
    await deal('A', 10_000);
    await deal('B', 30_000, 'stage-proposal');
    const won = await deal('C', 50_000);
    const lost = await deal('D', 7_000);
    await b.client.call('deals.win', { id: won.id, closedOn: '2026-10-05' });
    await b.client.call('deals.lose', { id: lost.id, closedOn: '2026-11-02', reason: 'Price' });

    const stages = await b.client.call('reports.pipeline', {});
    expect(stages.map((s) => [s.name, s.count, s.value, s.weighted])).toEqual([
      ['Lead', 1, 10_000, 1_000],
      ['Qualified', 0, 0, 0],
      ['Proposal', 1, 30_000, 15_000],
      ['Negotiation', 0, 0, 0],
    ]);
    const months = await b.client.call('reports.wonLost', { from: '2026-09', to: '2026-11' });
    expect(months.map((m) => [m.month, m.won, m.wonValue, m.lost, m.lostValue])).toEqual([
      ['2026-09', 0, 0, 0, 0],
      ['2026-10', 1, 50_000, 0, 0],
      ['2026-11', 0, 0, 1, 7_000],
    ]);
    const other = await otherStaff(b);
    const none = await b.client.call('reports.wonLost', { from: '2026-09', to: '2026-11', ownerId: other });
    expect(none.every((m) => m.won === 0 && m.lost === 0)).toBe(true);
  });
});

describe('reports.casesByAge', () => {
  it('buckets open and waiting cases by how long they have been open, counting the overdue', async () => {
    const b = await salesBook();
    const DAY = 86_400_000;
    const today = '2026-11-22';
    const open = async (daysAgo: number, due?: string) => {
      b.clock.set(Date.parse(`${today}T09:00:00Z`) - daysAgo * DAY);
      return b.client.call('cases.create', {
        subject: `Case ${daysAgo}`,
        category: 'complaint',
        personId: 'ann',
        ...(due ? { dueDate: due } : {}),
      });
    };
    await open(2, '2026-11-20');
    await open(10);
    const waiting = await open(40, '2026-12-01');
    await open(200, '2026-01-01');
    const resolved = await open(3);
    b.clock.set(Date.parse(`${today}T10:00:00Z`));
    await b.client.call('cases.setStatus', { id: waiting.id, status: 'waiting' });
    await b.client.call('cases.setStatus', { id: resolved.id, status: 'resolved', resolution: 'Fixed' });
    const rows = await b.client.call('reports.casesByAge', { today });
    expect(rows).toEqual([
      { bucket: 'week', open: 1, waiting: 0, overdue: 1 },
      { bucket: 'month', open: 1, waiting: 0, overdue: 0 },
      { bucket: 'quarter', open: 0, waiting: 1, overdue: 0 },
      { bucket: 'older', open: 1, waiting: 0, overdue: 1 },
    ]);
  });
});

describe('query plans of the reports', () => {
  it('read the summary tables and the partial indexes, never scanning orders, deals or cases', async () => {
    const b = await salesBook();
    const db = b.book.sqlite;
    /** The SQL a report prepares when it runs inline on a fresh connection cache, and its plan. */
    const plansOf = (run: () => unknown): string => {
      const seen: string[] = [];
      const original = db.prepare.bind(db);
      db.prepare = ((text: string) => {
        seen.push(text);
        return original(text);
      }) as typeof db.prepare;
      try {
        run();
      } finally {
        db.prepare = original;
      }
      return seen
        .filter((text) => /FROM (sales_monthly|deals|cases)/u.test(text))
        .map((text) => {
          const params = Array.from({ length: (text.match(/\?/gu) ?? []).length }, () => null);
          return (db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as { detail: string }[])
            .map((r) => r.detail)
            .join(' | ');
        })
        .join('\n');
    };
    const ctx = b.backend.ctx;
    const period = { from: '2026-01', to: '2026-12' };
    expect(plansOf(() => salesByMonth(ctx, period))).toMatch(
      /SEARCH sales_monthly_orders USING PRIMARY KEY/u,
    );
    expect(plansOf(() => salesByCategory(ctx, period))).toMatch(/SEARCH sm USING PRIMARY KEY/u);
    const deals = plansOf(() => wonLost(ctx, period));
    // The closed deals' index holds every column the report reads (migration 0009).
    expect(deals).toMatch(/USING COVERING INDEX deals_closed/u);
    expect(plansOf(() => wonLost(ctx, { ...period, ownerId: 'someone' }))).toMatch(
      /USING COVERING INDEX deals_closed/u,
    );
    const cases = plansOf(() => casesByAge(ctx, { today: '2026-11-22' }));
    expect(cases).toMatch(/USING (COVERING )?INDEX cases_/u);
    // Walking a partial index (only open cases, only closed deals) is fine; walking the table is not.
    for (const plan of [deals, cases]) expect(plan).not.toMatch(/SCAN (deals|cases)(?! USING)/u);
  });
});
