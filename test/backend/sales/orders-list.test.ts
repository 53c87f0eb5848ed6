/** orders.list (keyset pages, filters) and orders.totals. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RequestInput } from '../../../shared/api/requests.ts';
import { order, refuses, salesBook, type SalesBook } from './sales.fixtures.ts';

type Filter = NonNullable<RequestInput<'orders.list'>['filter']>;

async function someOrders() {
  const b = await salesBook();
  const other = await b.client.call('staff.create', { name: 'Grace' });
  const o1 = await order(b, { orderDate: '2026-01-05', status: 'paid' });
  const o2 = await order(b, {
    orderDate: '2026-03-10',
    personId: 'bob',
    status: 'confirmed',
    ownerId: other.id,
  });
  const o3 = await order(b, { orderDate: '2026-03-10', personId: null, companyId: 'acme' });
  const o4 = await order(b, {
    orderDate: '2026-06-01',
    companyId: 'zeta',
    status: 'cancelled',
    currency: 'EUR',
  });
  const gone = await order(b, { orderDate: '2026-07-01', status: 'paid' });
  await b.client.call('orders.delete', { id: gone.id });
  return { b, other: other.id, o1, o2, o3, o4 };
}

const refs = async (b: SalesBook, filter: Filter) =>
  (await b.client.call('orders.list', { filter })).rows.map((r) => r.reference);

describe('orders.list', () => {
  it('lists live orders newest first, the later-made first on the same day', async () => {
    const { b } = await someOrders();
    expect(await refs(b, {})).toEqual(['ORD-00004', 'ORD-00003', 'ORD-00002', 'ORD-00001']);
    const [first] = (await b.client.call('orders.list', {})).rows;
    expect(first).toMatchObject({
      reference: 'ORD-00004',
      personName: 'Ann Lee',
      companyName: 'Zeta plc',
      status: 'cancelled',
      currency: 'EUR',
      ownerName: 'Ada Lovelace',
      net: 10_000,
      margin: 10_000,
    });
    expect(first).not.toHaveProperty('lines');
  });

  it('filters by status, person, company, owner, date range and number or reference', async () => {
    const { b, other } = await someOrders();
    expect(await refs(b, { status: 'confirmed' })).toEqual(['ORD-00002']);
    expect(await refs(b, { personId: 'ann' })).toEqual(['ORD-00004', 'ORD-00001']);
    expect(await refs(b, { companyId: 'acme' })).toEqual(['ORD-00003']);
    expect(await refs(b, { ownerId: other })).toEqual(['ORD-00002']);
    expect(await refs(b, { from: '2026-03-10', to: '2026-03-10' })).toEqual(['ORD-00003', 'ORD-00002']);
    expect(await refs(b, { from: '2026-03-11' })).toEqual(['ORD-00004']);
    expect(await refs(b, { to: '2026-03-09' })).toEqual(['ORD-00001']);
    expect(await refs(b, { personId: 'ann', status: 'paid', to: '2026-12-31' })).toEqual(['ORD-00001']);
    expect(await refs(b, { personId: 'ann', companyId: 'zeta' })).toEqual(['ORD-00004']);
    for (const query of ['3', '0003', 'ORD-00003', 'ord-3', 'D-00003']) {
      expect(await refs(b, { query }), query).toEqual(['ORD-00003']);
    }
    expect(await refs(b, { query: 'INV-3' })).toEqual([]);
    expect(await refs(b, { query: 'ORD' })).toHaveLength(4);
    expect(await refs(b, { query: '3', personId: 'ann' })).toEqual([]);
    // The order in the Trash is not found by any filter.
    expect(await refs(b, { query: '5' })).toEqual([]);
  });

  it('visits every matching order exactly once across pages (property)', async () => {
    const { b, other } = await someOrders();
    const dates = ['2026-02-01', '2026-02-01', '2026-02-02', '2026-04-30'];
    for (let i = 0; i < 16; i++) {
      await order(b, {
        orderDate: dates[i % dates.length],
        personId: i % 3 === 0 ? 'bob' : 'ann',
        status: i % 2 ? 'confirmed' : 'quote',
        ownerId: i % 4 === 0 ? other : undefined,
      });
    }
    const all = (await b.client.call('orders.list', { limit: 500 })).rows;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 7 }),
        fc.record(
          {
            personId: fc.constantFrom('ann', 'bob'),
            status: fc.constantFrom('quote' as const, 'confirmed' as const),
            ownerId: fc.constant(other),
            from: fc.constantFrom('2026-02-01', '2026-02-02'),
            to: fc.constantFrom('2026-02-02', '2026-04-30'),
          },
          { requiredKeys: [] },
        ),
        async (limit, filter) => {
          const expected = all
            .filter(
              (o) =>
                (!filter.personId || o.personId === filter.personId) &&
                (!filter.status || o.status === filter.status) &&
                (!filter.ownerId || o.ownerId === filter.ownerId) &&
                (!filter.from || o.orderDate >= filter.from) &&
                (!filter.to || o.orderDate <= filter.to),
            )
            .map((o) => o.id);
          const seen: string[] = [];
          let cursor: string | null = null;
          do {
            const page: { rows: { id: string }[]; nextCursor: string | null } = await b.client.call(
              'orders.list',
              { filter, limit, cursor },
            );
            seen.push(...page.rows.map((r) => r.id));
            cursor = page.nextCursor;
          } while (cursor && seen.length <= all.length);
          expect(seen).toEqual(expected);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses a malformed cursor and filter', async () => {
    const b = await salesBook();
    await refuses(b, () => b.client.call('orders.list', { cursor: 'nope' }), 'VALIDATION', 'cursor');
    const numbers = Buffer.from(JSON.stringify([1, 2])).toString('base64url');
    await refuses(b, () => b.client.call('orders.list', { cursor: numbers }), 'VALIDATION', 'cursor');
    await refuses(
      b,
      () => b.client.call('orders.list', { filter: { status: 'lost' as never } }),
      'VALIDATION',
      'filter.status',
    );
    await refuses(
      b,
      () => b.client.call('orders.list', { filter: { from: '2026-13-01' } }),
      'VALIDATION',
      'filter.from',
    );
  });
});

describe('orders.totals', () => {
  it('counts a customer’s matching orders and sums those that count as sales, per currency', async () => {
    const { b } = await someOrders();
    await order(b, { orderDate: '2026-08-01', status: 'delivered', currency: 'EUR' });
    expect(await b.client.call('orders.totals', { filter: { personId: 'ann' } })).toEqual({
      count: 3,
      sales: [
        { currency: 'EUR', count: 1, net: 10_000, tax: 2000, gross: 12_000, cost: 0, margin: 10_000 },
        { currency: 'GBP', count: 1, net: 10_000, tax: 2000, gross: 12_000, cost: 0, margin: 10_000 },
      ],
    });
    expect(await b.client.call('orders.totals', { filter: { companyId: 'acme' } })).toEqual({
      count: 1,
      sales: [],
    });
    expect(
      await b.client.call('orders.totals', {
        filter: { personId: 'ann', from: '2026-02-01', to: '2026-07-31' },
      }),
    ).toEqual({ count: 1, sales: [] });
  });

  it('is per customer: a filter without a person or company is refused', async () => {
    const b = await salesBook();
    const err = await refuses(
      b,
      () => b.client.call('orders.totals', { filter: { status: 'paid' } }),
      'VALIDATION',
      'filter.personId',
    );
    expect(err.message).toContain('person or a company');
  });
});
