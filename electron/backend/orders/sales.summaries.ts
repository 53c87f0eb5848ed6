/**
 * The summaries kept current inside every order write, so reports and purchase histories read a
 * few rows instead of every order.
 *
 * The rule: an order counts as a sale when it is live (not in the Trash) and its status is
 * confirmed, delivered, invoiced or paid (SALE_STATUSES). A quote, a cancelled order and an order
 * in the Trash count nowhere.
 *
 *  - sales_monthly (month of the order date, owner, the line's category, currency): the number of
 *    lines and the sums of their net, tax, gross and cost.
 *  - sales_monthly_orders (month, owner, currency): the number of orders and the sums of their totals.
 *    '' stands for no owner and no category.
 *  - customer_sales (person or company, currency): the number of orders, net, gross, cost and the
 *    last order date of the customer's orders that count.
 *
 * Every order write (create, update, status change, delete, restore, undo) runs inside
 * keepSalesCurrent(): it reads the order's contribution before the change, lets the change happen,
 * reads it again, then takes the old contribution away and adds the new one, in the same
 * transaction. customer_sales is recomputed for each customer the order belonged to before or
 * after (through orders_person / orders_company: one customer's orders, not the book), because a
 * last order date cannot be taken away incrementally.
 */
import { SALE_STATUSES, countsAsSale, type OrderStatus } from '../../../shared/domain/sales.ts';
import type { Ctx } from '../context.ts';
import { prepared } from '../people/prepared.ts';

const SALE_LIST = SALE_STATUSES.map((s) => `'${s}'`).join(', ');

interface Sums {
  net: number;
  tax: number;
  gross: number;
  cost: number;
}

/** What one order adds to the summaries (null when it counts nowhere). */
export interface Contribution {
  month: string;
  owner: string;
  currency: string;
  totals: Sums;
  categories: (Sums & { category: string; lines: number })[];
}

interface OrderFacts {
  order_date: string;
  owner_id: string | null;
  currency: string;
  status: OrderStatus;
  deleted_at: number | null;
  person_id: string | null;
  company_id: string | null;
  net: number;
  tax: number;
  gross: number;
  cost: number;
}

function factsOf(ctx: Ctx, orderId: string): OrderFacts | undefined {
  return prepared(
    ctx,
    `SELECT order_date, owner_id, currency, status, deleted_at, person_id, company_id, net, tax, gross, cost
       FROM orders WHERE id = ?`,
  ).get(orderId) as OrderFacts | undefined;
}

function contributionOf(ctx: Ctx, orderId: string, facts: OrderFacts | undefined): Contribution | null {
  if (!facts || !countsAsSale(facts.status, facts.deleted_at)) return null;
  const categories = prepared(
    ctx,
    `SELECT coalesce(category_id, '') AS category, count(*) AS lines,
            sum(net) AS net, sum(tax) AS tax, sum(gross) AS gross, sum(cost) AS cost
       FROM order_lines WHERE order_id = ? GROUP BY 1`,
  ).all(orderId) as Contribution['categories'];
  return {
    month: facts.order_date.slice(0, 7),
    owner: facts.owner_id ?? '',
    currency: facts.currency,
    totals: { net: facts.net, tax: facts.tax, gross: facts.gross, cost: facts.cost },
    categories,
  };
}

/** Adds (sign 1) or takes away (sign −1) one order's contribution. Rows that reach zero go. */
function apply(ctx: Ctx, c: Contribution, sign: 1 | -1): void {
  const monthly = prepared(
    ctx,
    `INSERT INTO sales_monthly (month, owner_id, category_id, currency, lines, net, tax, gross, cost)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (month, owner_id, category_id, currency) DO UPDATE SET
       lines = lines + excluded.lines, net = net + excluded.net, tax = tax + excluded.tax,
       gross = gross + excluded.gross, cost = cost + excluded.cost`,
  );
  for (const k of c.categories) {
    monthly.run(
      c.month,
      c.owner,
      k.category,
      c.currency,
      sign * k.lines,
      sign * k.net,
      sign * k.tax,
      sign * k.gross,
      sign * k.cost,
    );
  }
  prepared(
    ctx,
    `INSERT INTO sales_monthly_orders (month, owner_id, currency, orders, net, tax, gross, cost)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (month, owner_id, currency) DO UPDATE SET
       orders = orders + excluded.orders, net = net + excluded.net, tax = tax + excluded.tax,
       gross = gross + excluded.gross, cost = cost + excluded.cost`,
  ).run(
    c.month,
    c.owner,
    c.currency,
    sign,
    sign * c.totals.net,
    sign * c.totals.tax,
    sign * c.totals.gross,
    sign * c.totals.cost,
  );
  if (sign < 0) {
    prepared(
      ctx,
      `DELETE FROM sales_monthly WHERE month = ? AND owner_id = ? AND currency = ? AND lines = 0`,
    ).run(c.month, c.owner, c.currency);
    prepared(
      ctx,
      `DELETE FROM sales_monthly_orders WHERE month = ? AND owner_id = ? AND currency = ? AND orders = 0`,
    ).run(c.month, c.owner, c.currency);
  }
}

/** Recomputes one customer's purchase summary from their orders (one index range). */
export function refreshCustomerSales(ctx: Ctx, party: 'person' | 'company', partyId: string): void {
  const column = party === 'person' ? 'person_id' : 'company_id';
  prepared(ctx, `DELETE FROM customer_sales WHERE party = ? AND party_id = ?`).run(party, partyId);
  prepared(
    ctx,
    `INSERT INTO customer_sales (party, party_id, currency, orders, net, gross, cost, last_order_date)
     SELECT ?, ${column}, currency, count(*), sum(net), sum(gross), sum(cost), max(order_date)
       FROM orders
      WHERE ${column} = ? AND deleted_at IS NULL AND status IN (${SALE_LIST})
      GROUP BY currency`,
  ).run(party, partyId);
}

/**
 * Runs one write to an order (inside the caller's transaction) and keeps every summary current:
 * the old contribution out, the new one in, and the purchase summary of each customer involved.
 */
export function keepSalesCurrent<T>(ctx: Ctx, orderId: string, write: () => T): T {
  const beforeFacts = factsOf(ctx, orderId);
  const before = contributionOf(ctx, orderId, beforeFacts);
  const result = write();
  const afterFacts = factsOf(ctx, orderId);
  const after = contributionOf(ctx, orderId, afterFacts);
  if (before) apply(ctx, before, -1);
  if (after) apply(ctx, after, 1);
  if (before || after) {
    const parties = new Set<string>();
    for (const f of [beforeFacts, afterFacts]) {
      if (f?.person_id) parties.add(`person\u0000${f.person_id}`);
      if (f?.company_id) parties.add(`company\u0000${f.company_id}`);
    }
    for (const p of parties) {
      const [party, id] = p.split('\u0000') as ['person' | 'company', string];
      refreshCustomerSales(ctx, party, id);
    }
  }
  return result;
}

/**
 * Every summary worked out again from the orders (after a book is read back from an export, which
 * leaves them out): the same rows keepSalesCurrent() keeps, as one query each.
 */
export function rebuildSalesSummaries(ctx: Ctx): void {
  const db = ctx.sql.raw;
  db.prepare(`DELETE FROM sales_monthly`).run();
  db.prepare(`DELETE FROM sales_monthly_orders`).run();
  db.prepare(`DELETE FROM customer_sales`).run();
  db.prepare(
    `INSERT INTO sales_monthly (month, owner_id, category_id, currency, lines, net, tax, gross, cost)
     SELECT substr(o.order_date, 1, 7), coalesce(o.owner_id, ''), coalesce(l.category_id, ''), o.currency,
            count(*), sum(l.net), sum(l.tax), sum(l.gross), sum(l.cost)
       FROM orders o JOIN order_lines l ON l.order_id = o.id
      WHERE o.deleted_at IS NULL AND o.status IN (${SALE_LIST})
      GROUP BY 1, 2, 3, 4`,
  ).run();
  db.prepare(
    `INSERT INTO sales_monthly_orders (month, owner_id, currency, orders, net, tax, gross, cost)
     SELECT substr(order_date, 1, 7), coalesce(owner_id, ''), currency,
            count(*), sum(net), sum(tax), sum(gross), sum(cost)
       FROM orders WHERE deleted_at IS NULL AND status IN (${SALE_LIST})
      GROUP BY 1, 2, 3`,
  ).run();
  for (const [party, column] of [
    ['person', 'person_id'],
    ['company', 'company_id'],
  ] as const) {
    db.prepare(
      `INSERT INTO customer_sales (party, party_id, currency, orders, net, gross, cost, last_order_date)
       SELECT '${party}', ${column}, currency, count(*), sum(net), sum(gross), sum(cost), max(order_date)
         FROM orders
        WHERE ${column} IS NOT NULL AND deleted_at IS NULL AND status IN (${SALE_LIST})
        GROUP BY ${column}, currency`,
    ).run();
  }
}
