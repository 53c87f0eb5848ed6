/**
 * A person's or a company's purchase history: lifetime revenue (net and gross), cost, margin,
 * number of orders and last purchase date per currency, read from customer_sales (a primary-key
 * range: a few rows whatever the size of the book), and the products and services bought.
 *
 * Both count only orders that count as sales (sales.summaries.ts). The items are the lines of
 * those orders, aggregated by product (free-text lines by their text) and currency, read through
 * orders_person / orders_company and order_lines_order: one customer's orders, never the book.
 * Their orders are listed by orders.list with personId or companyId.
 */
import { SALE_STATUSES, type ProductKind, type PurchaseHistory } from '../../../shared/domain/sales.ts';
import { requireCompany, requirePerson } from '../calls/links.ts';
import type { Ctx } from '../context.ts';
import type { HandlerMap } from '../handler.ts';
import { allRows } from '../orders/raw-query.ts';

const SALE_LIST = SALE_STATUSES.map((s) => `'${s}'`).join(', ');
const MAX_ITEMS = 500;

export const PURCHASE_TOTALS_SQL = `SELECT currency, orders, net, gross, cost, last_order_date
  FROM customer_sales WHERE party = ? AND party_id = ?`;

export function purchaseItemsSql(party: 'person' | 'company'): string {
  const column = party === 'person' ? 'person_id' : 'company_id';
  return `SELECT i.product_id, coalesce(pr.name, i.description) AS name, pr.sku, pr.kind, i.currency,
      i.quantity, i.net, i.gross, i.orders, i.last_date
    FROM (
      SELECT l.product_id, min(l.description) AS description, o.currency,
          sum(l.quantity) AS quantity, sum(l.net) AS net, sum(l.gross) AS gross,
          count(DISTINCT o.id) AS orders, max(o.order_date) AS last_date
        FROM orders o JOIN order_lines l ON l.order_id = o.id
       WHERE o.${column} = ? AND o.deleted_at IS NULL AND o.status IN (${SALE_LIST})
       GROUP BY l.product_id, CASE WHEN l.product_id IS NULL THEN l.description END, o.currency
    ) i LEFT JOIN products pr ON pr.id = i.product_id
    ORDER BY i.last_date DESC, i.net DESC LIMIT ${MAX_ITEMS}`;
}

export function purchaseHistory(ctx: Ctx, party: 'person' | 'company', partyId: string): PurchaseHistory {
  const totals = allRows<{
    currency: string;
    orders: number;
    net: number;
    gross: number;
    cost: number;
    last_order_date: string | null;
  }>(ctx, PURCHASE_TOTALS_SQL, [party, partyId])
    .map((r) => ({
      currency: r.currency,
      orders: r.orders,
      net: r.net,
      gross: r.gross,
      cost: r.cost,
      margin: r.net - r.cost,
      lastOrderDate: r.last_order_date,
    }))
    .sort((a, b) => b.net - a.net || a.currency.localeCompare(b.currency));
  const items = allRows<{
    product_id: string | null;
    name: string;
    sku: string | null;
    kind: string | null;
    currency: string;
    quantity: number;
    net: number;
    gross: number;
    orders: number;
    last_date: string;
  }>(ctx, purchaseItemsSql(party), [partyId]).map((r) => ({
    productId: r.product_id,
    name: r.name,
    sku: r.sku,
    kind: r.kind as ProductKind | null,
    currency: r.currency,
    quantity: r.quantity,
    net: r.net,
    gross: r.gross,
    orders: r.orders,
    lastDate: r.last_date,
  }));
  const last = totals.reduce<string | null>(
    (max, t) => (t.lastOrderDate !== null && (max === null || t.lastOrderDate > max) ? t.lastOrderDate : max),
    null,
  );
  return {
    totals,
    orders: totals.reduce((n, t) => n + t.orders, 0),
    lastOrderDate: last,
    items,
  };
}

export const purchasesHandlers = {
  'purchases.person': (input, ctx) => {
    requirePerson(ctx, input.personId, 'personId');
    return purchaseHistory(ctx, 'person', input.personId);
  },
  'purchases.company': (input, ctx) => {
    requireCompany(ctx, input.companyId, 'companyId');
    return purchaseHistory(ctx, 'company', input.companyId);
  },
} satisfies HandlerMap<'purchases.person' | 'purchases.company'>;
