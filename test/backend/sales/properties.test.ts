/**
 * Properties of order writes, over random sequences of creates, edits, status changes, deletes and
 * restores: (a) every order's totals are the sums of its lines, each line worked out by the money
 * rules; (b) sales_monthly and sales_monthly_orders always equal a recomputation from scratch over
 * the live orders that count; (c) a quote, a cancelled or a deleted order counts nowhere; (d)
 * customer_sales equals a recomputation. A refused command changes nothing at all.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RequestInput } from '../../../shared/api/requests.ts';
import { lineAmounts } from '../../../shared/domain/money.ts';
import { ORDER_STATUSES, countsAsSale, type OrderStatus } from '../../../shared/domain/sales.ts';
import { expectSummariesCurrent, product, salesBook, snapshot, type SalesBook } from './sales.fixtures.ts';

type LineIn = NonNullable<RequestInput<'orders.create'>['lines']>[number];

const DATES = ['2026-01-31', '2026-02-01', '2026-02-28', '2026-03-01', '2026-03-15'];
const CUSTOMERS = [
  { personId: 'ann' },
  { personId: 'bob' },
  { personId: null, companyId: 'acme' },
  { personId: 'ann', companyId: 'acme' },
  { personId: 'bob', companyId: 'zeta' },
] as const;

const lineArb = (products: number) =>
  fc.oneof(
    fc.record({
      product: fc.integer({ min: 0, max: products - 1 }),
      quantity: fc.integer({ min: 0, max: 50_000 }),
      discountBp: fc.integer({ min: 0, max: 10_000 }),
    }),
    fc.record({
      description: fc.constantFrom('Delivery', 'Labour', 'Misc'),
      quantity: fc.integer({ min: 0, max: 50_000 }),
      unitPrice: fc.integer({ min: 0, max: 1_000_000 }),
      discountBp: fc.integer({ min: 0, max: 10_000 }),
      taxRateBp: fc.integer({ min: 0, max: 10_000 }),
      unitCost: fc.integer({ min: 0, max: 1_000_000 }),
    }),
  );

const createArb = (products: number) =>
  fc.record({
    kind: fc.constant('create' as const),
    customer: fc.integer({ min: 0, max: CUSTOMERS.length - 1 }),
    date: fc.constantFrom(...DATES),
    status: fc.constantFrom(...ORDER_STATUSES),
    owner: fc.constantFrom('me', 'other', 'none'),
    currency: fc.constantFrom('GBP', 'GBP', 'EUR'),
    lines: fc.array(lineArb(products), { minLength: 1, maxLength: 4 }),
  });

const commandArb = (products: number) =>
  fc.oneof(
    { weight: 3, arbitrary: createArb(products) },
    {
      weight: 3,
      arbitrary: fc.record(
        {
          kind: fc.constant('update' as const),
          pick: fc.nat(),
          customer: fc.integer({ min: 0, max: CUSTOMERS.length - 1 }),
          date: fc.constantFrom(...DATES),
          owner: fc.constantFrom('me', 'other', 'none'),
          currency: fc.constantFrom('GBP', 'EUR'),
          lines: fc.array(lineArb(products), { minLength: 1, maxLength: 4 }),
        },
        { requiredKeys: ['kind', 'pick'] },
      ),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('status' as const),
        pick: fc.nat(),
        status: fc.constantFrom(...ORDER_STATUSES),
        date: fc.constantFrom(...DATES),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('restore' as const), pick: fc.nat() }) },
  );

type Command = ReturnType<typeof commandArb> extends fc.Arbitrary<infer C> ? C : never;

interface World {
  b: SalesBook;
  other: string;
  products: string[];
  /** What the test expects of each order it made: its status and whether it is in the Trash. */
  orders: { id: string; status: OrderStatus; deleted: boolean }[];
}

async function world(): Promise<World> {
  const b = await salesBook();
  const other = (await b.client.call('staff.create', { name: 'Grace' })).id;
  const [tools, paint] = await b.client.call('productCategories.set', {
    categories: [{ name: 'Tools' }, { name: 'Paint' }],
  });
  const products = [
    await product(b, {
      name: 'Hammer',
      unitPrice: 1299,
      unitCost: 700,
      taxRateBp: 2000,
      categoryId: tools!.id,
    }),
    await product(b, {
      name: 'Paint',
      unitPrice: 2450,
      unitCost: 1333,
      taxRateBp: 500,
      categoryId: paint!.id,
    }),
    await product(b, { name: 'Advice', kind: 'service', unitPrice: 7777 }),
    await product(b, { name: 'Euro lamp', unitPrice: 999, taxRateBp: 1900, currency: 'EUR' }),
  ].map((p) => p.id);
  return { b, other, products, orders: [] };
}

function toLine(
  w: World,
  l:
    | { product: number; quantity: number; discountBp: number }
    | {
        description: string;
        quantity: number;
        unitPrice: number;
        discountBp: number;
        taxRateBp: number;
        unitCost: number;
      },
): LineIn {
  if ('product' in l)
    return { productId: w.products[l.product]!, quantity: l.quantity, discountBp: l.discountBp };
  return l;
}

const ownerOf = (w: World, owner: string) => (owner === 'me' ? w.b.me : owner === 'other' ? w.other : null);

/** Runs one command; a refused one must leave the book exactly as it was. */
async function run(w: World, c: Command): Promise<void> {
  const { b } = w;
  const target = w.orders.length ? w.orders[('pick' in c ? c.pick : 0) % w.orders.length] : undefined;
  const before = snapshot(b);
  try {
    switch (c.kind) {
      case 'create': {
        const o = await b.client.call('orders.create', {
          ...CUSTOMERS[c.customer]!,
          orderDate: c.date,
          status: c.status,
          ownerId: ownerOf(w, c.owner),
          currency: c.currency as 'GBP' | 'EUR',
          lines: c.lines.map((l) => toLine(w, l)),
        });
        w.orders.push({ id: o.id, status: c.status, deleted: false });
        return;
      }
      case 'update': {
        if (!target) return;
        const patch: RequestInput<'orders.update'>['patch'] = {};
        if (c.customer !== undefined) Object.assign(patch, { companyId: null }, CUSTOMERS[c.customer]);
        if (c.date !== undefined) patch.orderDate = c.date;
        if (c.owner !== undefined) patch.ownerId = ownerOf(w, c.owner);
        if (c.currency !== undefined) patch.currency = c.currency as 'GBP' | 'EUR';
        if (c.lines !== undefined) patch.lines = c.lines.map((l) => toLine(w, l));
        await b.client.call('orders.update', { id: target.id, patch });
        return;
      }
      case 'status': {
        if (!target) return;
        await b.client.call('orders.setStatus', { id: target.id, status: c.status, date: c.date });
        target.status = c.status;
        return;
      }
      case 'delete': {
        if (!target) return;
        await b.client.call('orders.delete', { id: target.id });
        target.deleted = true;
        return;
      }
      case 'restore': {
        if (!target) return;
        await b.client.call('orders.restore', { id: target.id });
        target.deleted = false;
        return;
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    expect(['VALIDATION', 'CONFLICT', 'NOT_FOUND'], String(err)).toContain(code);
    expect(snapshot(b), `${c.kind} was refused but changed the book`).toBe(before);
  }
}

/** (a): each live order's totals against its lines, and each line against the money rules. */
async function expectOrdersAddUp(w: World): Promise<void> {
  for (const m of w.orders) {
    if (m.deleted) continue;
    const o = await w.b.client.call('orders.get', { id: m.id });
    expect(o.status).toBe(m.status);
    const sum = (k: 'net' | 'tax' | 'gross' | 'cost') => o.lines.reduce((n, l) => n + l[k], 0);
    expect([o.net, o.tax, o.gross, o.cost]).toEqual([sum('net'), sum('tax'), sum('gross'), sum('cost')]);
    expect(o.gross).toBe(o.net + o.tax);
    expect(o.margin).toBe(o.net - o.cost);
    for (const l of o.lines)
      expect({ net: l.net, tax: l.tax, gross: l.gross, cost: l.cost }).toEqual(lineAmounts(l));
  }
}

/** (c), against the test's own record: only the orders it expects to count are counted. */
function expectOnlySalesCounted(w: World): void {
  const counting = w.orders.filter((o) => countsAsSale(o.status, o.deleted ? 1 : null)).map((o) => o.id);
  const db = w.b.book.sqlite;
  const counted = db.prepare(`SELECT coalesce(sum(orders), 0) FROM sales_monthly_orders`).pluck().get();
  expect(counted).toBe(counting.length);
  const lines = counting.length
    ? db
        .prepare(`SELECT count(*) FROM order_lines WHERE order_id IN (SELECT value FROM json_each(?))`)
        .pluck()
        .get(JSON.stringify(counting))
    : 0;
  expect(db.prepare(`SELECT coalesce(sum(lines), 0) FROM sales_monthly`).pluck().get()).toBe(lines);
  const customers = db.prepare(`SELECT coalesce(sum(orders), 0) FROM customer_sales WHERE party = 'person'`);
  const withPerson = counting.length
    ? db
        .prepare(
          `SELECT count(*) FROM orders WHERE person_id IS NOT NULL AND id IN (SELECT value FROM json_each(?))`,
        )
        .pluck()
        .get(JSON.stringify(counting))
    : 0;
  expect(customers.pluck().get()).toBe(withPerson);
}

describe('order writes keep every total and summary right (properties)', () => {
  it('(a)(b)(c)(d) after every step of random sequences of order writes', async () => {
    await fc.assert(
      fc.asyncProperty(createArb(4), fc.array(commandArb(4), { maxLength: 24 }), async (first, rest) => {
        const w = await world();
        for (const c of [first, ...rest]) {
          await run(w, c);
          expectSummariesCurrent(w.b);
          expectOnlySalesCounted(w);
        }
        await expectOrdersAddUp(w);
      }),
      { numRuns: 40, seed: 4_2026 },
    );
  });

  it('(c) one order that ends as a quote, cancelled or in the Trash leaves every summary empty', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(commandArb(4), { maxLength: 8 }),
        fc.constantFrom('quote', 'cancelled', 'deleted'),
        async (steps, end) => {
          const w = await world();
          await run(w, {
            kind: 'create',
            customer: 3,
            date: '2026-02-01',
            status: 'confirmed',
            owner: 'me',
            currency: 'GBP',
            lines: [{ product: 0, quantity: 2000, discountBp: 0 }],
          });
          for (const c of steps.filter((s) => s.kind !== 'create')) await run(w, c);
          const [only] = w.orders;
          if (only!.deleted) await w.b.client.call('orders.restore', { id: only!.id });
          if (end === 'deleted') await w.b.client.call('orders.delete', { id: only!.id });
          else {
            // Reach the end status by allowed moves (a paid order goes back through invoiced).
            const current = (await w.b.client.call('orders.get', { id: only!.id })).status;
            if (current === 'paid') {
              await w.b.client.call('orders.setStatus', {
                id: only!.id,
                status: 'invoiced',
                date: '2026-03-15',
              });
            }
            if (
              end === 'quote' &&
              current !== 'quote' &&
              current !== 'cancelled' &&
              current !== 'confirmed'
            ) {
              await w.b.client.call('orders.setStatus', {
                id: only!.id,
                status: 'cancelled',
                date: '2026-03-15',
              });
            }
            await w.b.client.call('orders.setStatus', { id: only!.id, status: end, date: '2026-03-15' });
          }
          const db = w.b.book.sqlite;
          for (const table of ['sales_monthly', 'sales_monthly_orders', 'customer_sales']) {
            expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
          }
          expect(await w.b.client.call('purchases.person', { personId: 'ann' })).toMatchObject({
            orders: 0,
            totals: [],
            items: [],
          });
          expect(await w.b.client.call('purchases.company', { companyId: 'acme' })).toMatchObject({
            orders: 0,
          });
        },
      ),
      { numRuns: 25, seed: 2026 },
    );
  });
});
