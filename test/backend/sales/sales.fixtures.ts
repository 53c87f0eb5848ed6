/** Shared set-up for the sales tests: a set-up book with customers, and recomputations from scratch. */
import { afterEach, expect } from 'vitest';
import type { RequestInput } from '../../../shared/api/requests.ts';
import type { Product } from '../../../shared/domain/sales.ts';
import { openTestBook, setUp, type TestBook } from '../../helpers/book.ts';

const open: TestBook[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

export interface SalesBook extends TestBook {
  /** The owner profile setup created (the current staff). */
  me: string;
}

/** A set-up book (GBP, owner "Ada Lovelace") with people ann, bob and companies acme, zeta. */
export async function salesBook(): Promise<SalesBook> {
  const b = await openTestBook();
  open.push(b);
  const s = await setUp(b.client);
  const db = b.book.sqlite;
  const company = db.prepare(
    `INSERT INTO companies (id, name, sort_key, created_at, updated_at) VALUES (?, ?, ?, 0, 0)`,
  );
  company.run('acme', 'Acme Ltd', 'acme ltd');
  company.run('zeta', 'Zeta plc', 'zeta plc');
  const person = db.prepare(
    `INSERT INTO people (id, display_name, company_id, sort_key, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)`,
  );
  person.run('ann', 'Ann Lee', 'acme', 'lee ann');
  person.run('bob', 'Bob Ray', null, 'ray bob');
  return Object.assign(b, { me: s.currentStaffId as string });
}

export function product(b: TestBook, input: Partial<RequestInput<'products.create'>> = {}): Promise<Product> {
  return b.client.call('products.create', { name: 'Oak desk', unitPrice: 24_900, ...input });
}

export type OrderInput = RequestInput<'orders.create'>;

export function order(b: TestBook, input: Partial<OrderInput> = {}) {
  return b.client.call('orders.create', {
    personId: 'ann',
    orderDate: '2026-11-20',
    lines: [{ description: 'Consulting', quantity: 2000, unitPrice: 5000, taxRateBp: 2000 }],
    ...input,
  });
}

export function changeCount(b: TestBook): number {
  return b.book.sqlite.prepare(`SELECT count(*) FROM changes`).pluck().get() as number;
}

/** Every row of the tables a failed write must leave alone, to compare before and after. */
export function snapshot(b: TestBook): string {
  const db = b.book.sqlite;
  const tables = [
    'products',
    'product_categories',
    'orders',
    'order_lines',
    'order_status_changes',
    'sales_monthly',
    'sales_monthly_orders',
    'customer_sales',
    'settings',
    'changes',
  ];
  return JSON.stringify(tables.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()));
}

/** Asserts that fn fails with the code (and field path, when given) and writes nothing at all. */
export async function refuses(
  b: TestBook,
  fn: () => Promise<unknown>,
  code: string,
  path?: string,
): Promise<{ code: string; message: string; details: unknown }> {
  const before = snapshot(b);
  let caught: unknown = null;
  try {
    await fn();
  } catch (err) {
    caught = err;
  }
  expect(caught, 'the request should have been refused').not.toBeNull();
  const err = caught as { code: string; message: string; details: unknown };
  expect(err.code, err.message).toBe(code);
  expect(err.message.length).toBeGreaterThan(10);
  if (path !== undefined) {
    const issues = (err.details as { issues?: { path: string }[] } | undefined)?.issues ?? [];
    expect(
      issues.map((i) => i.path),
      err.message,
    ).toContain(path);
  }
  expect(snapshot(b)).toBe(before);
  return err;
}

const SALE = `('confirmed', 'delivered', 'invoiced', 'paid')`;

/** sales_monthly, as stored and as recomputed from scratch over the live orders that count. */
export function salesMonthly(b: TestBook) {
  const db = b.book.sqlite;
  const order = 'ORDER BY month, owner_id, category_id, currency';
  return {
    stored: db.prepare(`SELECT * FROM sales_monthly ${order}`).all(),
    expected: db
      .prepare(
        `SELECT substr(o.order_date, 1, 7) AS month, coalesce(o.owner_id, '') AS owner_id,
            coalesce(l.category_id, '') AS category_id, o.currency, count(*) AS lines,
            sum(l.net) AS net, sum(l.tax) AS tax, sum(l.gross) AS gross, sum(l.cost) AS cost
           FROM orders o JOIN order_lines l ON l.order_id = o.id
          WHERE o.deleted_at IS NULL AND o.status IN ${SALE}
          GROUP BY 1, 2, 3, 4 ${order}`,
      )
      .all(),
  };
}

export function salesMonthlyOrders(b: TestBook) {
  const db = b.book.sqlite;
  const order = 'ORDER BY month, owner_id, currency';
  return {
    stored: db.prepare(`SELECT * FROM sales_monthly_orders ${order}`).all(),
    expected: db
      .prepare(
        `SELECT substr(o.order_date, 1, 7) AS month, coalesce(o.owner_id, '') AS owner_id, o.currency,
            count(*) AS orders, sum(o.net) AS net, sum(o.tax) AS tax, sum(o.gross) AS gross, sum(o.cost) AS cost
           FROM orders o WHERE o.deleted_at IS NULL AND o.status IN ${SALE}
          GROUP BY 1, 2, 3 ${order}`,
      )
      .all(),
  };
}

export function customerSales(b: TestBook) {
  const db = b.book.sqlite;
  const order = 'ORDER BY party, party_id, currency';
  const arm = (party: string, column: string) =>
    `SELECT '${party}' AS party, ${column} AS party_id, currency, count(*) AS orders, sum(net) AS net,
        sum(gross) AS gross, sum(cost) AS cost, max(order_date) AS last_order_date
       FROM orders WHERE ${column} IS NOT NULL AND deleted_at IS NULL AND status IN ${SALE}
      GROUP BY ${column}, currency`;
  return {
    stored: db.prepare(`SELECT * FROM customer_sales ${order}`).all(),
    expected: db
      .prepare(
        `SELECT * FROM (${arm('person', 'person_id')} UNION ALL ${arm('company', 'company_id')}) ${order}`,
      )
      .all(),
  };
}

/** Each order's stored totals against the sums of its stored lines. */
export function orderTotalsMismatches(b: TestBook): unknown[] {
  return b.book.sqlite
    .prepare(
      `SELECT o.id, o.net, o.tax, o.gross, o.cost, l.net AS lnet, l.tax AS ltax, l.gross AS lgross, l.cost AS lcost
         FROM orders o JOIN (SELECT order_id, sum(net) AS net, sum(tax) AS tax, sum(gross) AS gross, sum(cost) AS cost
                               FROM order_lines GROUP BY order_id) l ON l.order_id = o.id
        WHERE o.net <> l.net OR o.tax <> l.tax OR o.gross <> l.gross OR o.cost <> l.cost
           OR o.gross <> o.net + o.tax`,
    )
    .all();
}

/** Asserts every summary equals its recomputation from scratch, and every order its lines. */
export function expectSummariesCurrent(b: TestBook): void {
  const m = salesMonthly(b);
  expect(m.stored).toEqual(m.expected);
  const o = salesMonthlyOrders(b);
  expect(o.stored).toEqual(o.expected);
  const c = customerSales(b);
  expect(c.stored).toEqual(c.expected);
  expect(orderTotalsMismatches(b)).toEqual([]);
}
