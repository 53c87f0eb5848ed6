/**
 * Query plans of the sales handlers, taken from the SQL they really run: every statement the book
 * prepares while a handler runs is recorded, then explained. A change to a query or an index that
 * turns an index walk into a scan of orders, lines or summaries fails here.
 */
import { describe, expect, it } from 'vitest';
import type { TestBook } from '../../helpers/book.ts';
import { order, product, salesBook } from './sales.fixtures.ts';

/** Records the text of every statement the book prepares from now on (the caches are cold in a new book). */
function recordStatements(b: TestBook): string[] {
  const texts: string[] = [];
  const db = b.book.sqlite;
  const prepare = db.prepare.bind(db);
  (db as unknown as { prepare: (text: string) => unknown }).prepare = (text: string) => {
    texts.push(text);
    return prepare(text);
  };
  return texts;
}

/** EXPLAIN QUERY PLAN of a statement (its parameters bound to null: the plan does not depend on them). */
function planOf(b: TestBook, text: string): string {
  const params = (text.match(/\?/gu) ?? []).map(() => null);
  return (b.book.sqlite.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as { detail: string }[])
    .map((r) => r.detail)
    .join(' | ');
}

/** The plans of the statements prepared while fn ran whose text matches `pattern`. */
async function plansOf(b: TestBook, texts: string[], pattern: RegExp, fn: () => Promise<unknown>) {
  const from = texts.length;
  await fn();
  const plans = texts
    .slice(from)
    .filter((t) => pattern.test(t))
    .map((t) => planOf(b, t));
  expect(plans.length, `no statement matching ${pattern} was prepared`).toBeGreaterThan(0);
  return plans;
}

/** The plans of every recorded statement whose text matches `pattern`, once each. */
function plansMatching(b: TestBook, texts: string[], pattern: RegExp): string[] {
  const plans = [...new Set(texts.filter((t) => pattern.test(t)))].map((t) => planOf(b, t));
  expect(plans.length, `no statement matching ${pattern} was prepared`).toBeGreaterThan(0);
  return plans;
}

/** A pass over a whole big table, without an index. */
const FULL_SCAN =
  /(^|\| )SCAN (orders|o|order_lines|l|customer_sales|sales_monthly|sales_monthly_orders)( |$)(?!USING)/u;
const ORDERS_LIST = /FROM orders o\s+LEFT JOIN people/u;

describe('query plans of the sales handlers', () => {
  it('orders.list walks the index of its first filter, in keyset order, never sorting', async () => {
    const b = await salesBook();
    const texts = recordStatements(b);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{}, /^SCAN o USING INDEX orders_date( |$)/u],
      [
        { from: '2026-01-01', to: '2026-01-31' },
        /SEARCH o USING INDEX orders_date \(order_date>\? AND order_date<\?\)/u,
      ],
      [{ personId: 'ann' }, /SEARCH o USING INDEX orders_person \(person_id=\?\)/u],
      [
        { personId: 'ann', from: '2026-01-01' },
        /SEARCH o USING INDEX orders_person \(person_id=\? AND order_date>\?\)/u,
      ],
      [
        { personId: 'ann', status: 'paid', ownerId: b.me },
        /SEARCH o USING INDEX orders_person \(person_id=\?\)/u,
      ],
      [{ companyId: 'acme' }, /SEARCH o USING INDEX orders_company \(company_id=\?\)/u],
      [
        { status: 'paid', to: '2026-12-31' },
        /SEARCH o USING INDEX orders_status \(status=\? AND order_date<\?\)/u,
      ],
      [{ ownerId: b.me }, /SEARCH o USING INDEX orders_owner \(owner_id=\?\)/u],
      [
        { query: 'ORD-00042', personId: 'ann' },
        /SEARCH o USING INDEX sqlite_autoindex_orders_\d \(number=\?\)/u,
      ],
    ];
    for (const [filter, expected] of cases) {
      const [plan] = await plansOf(b, texts, ORDERS_LIST, () => b.client.call('orders.list', { filter }));
      expect(plan, JSON.stringify(filter)).toMatch(expected);
      expect(plan, JSON.stringify(filter)).not.toMatch(FULL_SCAN);
      expect(plan, JSON.stringify(filter)).not.toMatch(/TEMP B-TREE/u);
    }
  });

  it('the next page of orders starts inside the index (keyset), not from the top', async () => {
    const b = await salesBook();
    await order(b, { orderDate: '2026-01-01' });
    await order(b, { orderDate: '2026-01-02' });
    const texts = recordStatements(b);
    for (const [filter, index] of [
      [{ personId: 'ann' }, 'orders_person \\(person_id=\\? AND \\(order_date,id\\)<\\(\\?,\\?\\)\\)'],
      [{}, 'orders_date \\(\\(order_date,id\\)<\\(\\?,\\?\\)\\)'],
      [{ status: 'quote' }, 'orders_status \\(status=\\? AND \\(order_date,id\\)<\\(\\?,\\?\\)\\)'],
    ] as const) {
      const first = await b.client.call('orders.list', { filter, limit: 1 });
      expect(first.nextCursor).not.toBeNull();
      const [plan] = await plansOf(b, texts, /\(o\.order_date, o\.id\) </u, () =>
        b.client.call('orders.list', { filter, limit: 1, cursor: first.nextCursor }),
      );
      expect(plan).toMatch(new RegExp(`SEARCH o USING INDEX ${index}`, 'u'));
      expect(plan).not.toMatch(/TEMP B-TREE/u);
    }
  });

  it('the purchase summary is a primary-key lookup and its items one customer’s orders and lines', async () => {
    const b = await salesBook();
    const texts = recordStatements(b);
    await b.client.call('purchases.person', { personId: 'ann' });
    await b.client.call('purchases.company', { companyId: 'acme' });
    expect(plansMatching(b, texts, /FROM customer_sales/u)).toEqual([
      'SEARCH customer_sales USING PRIMARY KEY (party=? AND party_id=?)',
    ]);
    for (const [column, index] of [
      ['person_id', 'orders_person'],
      ['company_id', 'orders_company'],
    ] as const) {
      const [items, ...more] = plansMatching(
        b,
        texts,
        new RegExp(`JOIN order_lines l[\\s\\S]*o\\.${column} = \\?`, 'u'),
      );
      expect(more).toEqual([]);
      expect(items).toMatch(new RegExp(`SEARCH o USING INDEX ${index} \\(${column}=\\?\\)`, 'u'));
      expect(items).toMatch(/SEARCH l USING INDEX order_lines_order \(order_id=\?\)/u);
      expect(items).not.toMatch(FULL_SCAN);
    }
  });

  it('an order write keeps the summaries current through their keys and the customer’s index', async () => {
    const b = await salesBook();
    const texts = recordStatements(b);
    await order(b, { companyId: 'acme', status: 'confirmed' });
    const plans = texts
      .filter((t) => /customer_sales|sales_monthly|order_lines WHERE order_id/u.test(t))
      .map((t) => [t, planOf(b, t)]);
    const find = (pattern: RegExp) => plans.filter(([t]) => pattern.test(t!)).map(([, p]) => p!);
    expect(find(/INSERT INTO customer_sales[\s\S]*person_id = \?/u)).toEqual([
      expect.stringMatching(/^SEARCH orders USING INDEX orders_person \(person_id=\?\)/u),
    ]);
    expect(find(/INSERT INTO customer_sales[\s\S]*company_id = \?/u)).toEqual([
      expect.stringMatching(/^SEARCH orders USING INDEX orders_company \(company_id=\?\)/u),
    ]);
    expect(find(/DELETE FROM customer_sales/u)).toEqual([
      'SEARCH customer_sales USING PRIMARY KEY (party=? AND party_id=?)',
    ]);
    expect(find(/FROM order_lines WHERE order_id = \? GROUP BY/u)[0]).toMatch(
      /^SEARCH order_lines USING INDEX order_lines_order \(order_id=\?\)/u,
    );
    for (const [, plan] of plans) expect(plan).not.toMatch(FULL_SCAN);
    // Taking a contribution away drops emptied rows by key.
    const o = await order(b, { status: 'confirmed' });
    await b.client.call('orders.delete', { id: o.id });
    const drops = texts.filter((t) => /DELETE FROM sales_monthly/u.test(t)).map((t) => planOf(b, t));
    expect(drops).toEqual([
      expect.stringMatching(/^SEARCH sales_monthly USING PRIMARY KEY \(month=\? AND owner_id=\?\)$/u),
      'SEARCH sales_monthly_orders USING PRIMARY KEY (month=? AND owner_id=? AND currency=?)',
    ]);
  });

  it('whether a product or a category is in use is one index probe per table', async () => {
    const b = await salesBook();
    const texts = recordStatements(b);
    const [cat] = await b.client.call('productCategories.set', { categories: [{ name: 'Tools' }] });
    const p = await product(b, { categoryId: cat!.id });
    await b.client.call('products.delete', { id: p.id });
    await b.client.call('productCategories.set', { categories: [] });
    const probes = texts.filter((t) => /SELECT 1 FROM (order_lines|deal_lines|products) WHERE/u.test(t));
    const plans = Object.fromEntries(probes.map((t) => [t.replace(/\s+/gu, ' '), planOf(b, t)]));
    expect(plans).toEqual({
      'SELECT 1 FROM order_lines WHERE product_id = ? LIMIT 1':
        'SEARCH order_lines USING COVERING INDEX order_lines_product (product_id=?)',
      'SELECT 1 FROM deal_lines WHERE product_id = ? LIMIT 1':
        'SEARCH deal_lines USING COVERING INDEX deal_lines_product (product_id=?)',
      'SELECT 1 FROM products WHERE category_id = ? LIMIT 1':
        'SEARCH products USING COVERING INDEX products_category (category_id=?)',
    });
    const [listed] = plansMatching(b, texts, /AS used/u);
    for (const index of ['products_category', 'order_lines_category', 'deal_lines_category']) {
      expect(listed).toContain(`INDEX ${index} (category_id=?)`);
    }
  });

  it('orders.totals reads one customer’s orders through their index', async () => {
    const b = await salesBook();
    const texts = recordStatements(b);
    await b.client.call('orders.totals', { filter: { personId: 'ann', status: 'paid' } });
    await b.client.call('orders.totals', { filter: { companyId: 'acme', from: '2026-01-01' } });
    const plans = plansMatching(b, texts, /AS matching/u);
    expect(plans).toEqual([
      expect.stringMatching(/^SEARCH o USING INDEX orders_person \(person_id=\?\)/u),
      expect.stringMatching(/^SEARCH o USING INDEX orders_company \(company_id=\? AND order_date>\?\)/u),
    ]);
  });

  it('products.list walks the name or SKU index in order, never sorting', async () => {
    const b = await salesBook();
    await product(b, { name: 'A', sku: 'A' });
    await product(b, { name: 'B', sku: 'B' });
    const texts = recordStatements(b);
    const bySku = await b.client.call('products.list', { sort: 'sku', limit: 1 });
    await b.client.call('products.list', { sort: 'sku', limit: 1, cursor: bySku.nextCursor });
    const byName = await b.client.call('products.list', { filter: { query: 'a', active: true }, limit: 1 });
    await b.client.call('products.list', { limit: 1, cursor: byName.nextCursor });
    const plans = plansMatching(b, texts, /FROM products p LEFT JOIN/u);
    expect(plans.filter((p) => p.includes('products_sku'))).not.toEqual([]);
    expect(plans.filter((p) => p.includes('products_name'))).not.toEqual([]);
    for (const plan of plans) {
      expect(plan).toMatch(/^(SEARCH|SCAN) p USING INDEX products_(name|sku)/u);
      expect(plan).not.toMatch(/TEMP B-TREE/u);
    }
  });

  it('the next order number is read from the end of the number index', async () => {
    const b = await salesBook();
    const texts = recordStatements(b);
    const [plan] = await plansOf(b, texts, /max\(number\)/u, () => b.client.call('orders.numbering', {}));
    expect(plan).toMatch(/^SEARCH orders USING COVERING INDEX sqlite_autoindex_orders_\d$/u);
  });
});
