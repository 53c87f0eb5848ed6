/**
 * orders.list and orders.totals: live orders matching a filter, newest order date first, in keyset
 * pages (order_date desc, id desc; never OFFSET).
 *
 * Without statistics SQLite cannot tell which index is the most selective, so the filter says: the
 * first of order number (from the text query), person, company, status and owner that is given drives
 * the query through its index, which ends in (order_date, id) so the date range and the keyset stay
 * inside it and no sort is needed; the others are written `+column` so they only filter. With none of
 * them, the query walks orders_date backwards.
 */
import { AppError } from '../../../shared/api/errors.ts';
import {
  SALE_STATUSES,
  type CurrencyTotals,
  type OrderSummary,
  type OrderTotals,
} from '../../../shared/domain/sales.ts';
import type { ParsedInput } from '../../../shared/api/requests.ts';
import type { Page } from '../../../shared/domain/people.ts';
import type { Ctx } from '../context.ts';
import { decodeCursor, encodeCursor } from '../people/keyset.ts';
import { ORDER_SELECT, toOrderSummary, type OrderRow } from './order.rows.ts';
import { allRows, likeEscape } from './raw-query.ts';

export type OrderFilter = ParsedInput<'orders.list'>['filter'];

const SALE_LIST = SALE_STATUSES.map((s) => `'${s}'`).join(', ');

/** "42", "00042", "ORD-00042" → number 42 (and the text before it, which the reference must contain). */
export function parseOrderQuery(query: string): { number: number | null; text: string } {
  const m = /^(.*?)(\d{1,12})$/u.exec(query.trim());
  if (!m) return { number: null, text: query.trim() };
  return { number: Number(m[2]), text: (m[1] ?? '').trim() };
}

/** WHERE of live orders matching the filter, after the keyset when given. */
export function orderFilterSql(
  filter: OrderFilter,
  after: { date: string; id: string } | null = null,
): { where: string; params: unknown[] } {
  const parts = ['o.deleted_at IS NULL'];
  const params: unknown[] = [];
  const drivers: [string, unknown][] = [];
  let text: string | null = null;
  if (filter.query) {
    const q = parseOrderQuery(filter.query);
    if (q.number !== null) drivers.push(['o.number', q.number]);
    if (q.text) text = q.text;
  }
  if (filter.personId !== undefined) drivers.push(['o.person_id', filter.personId]);
  if (filter.companyId !== undefined) drivers.push(['o.company_id', filter.companyId]);
  if (filter.status !== undefined) drivers.push(['o.status', filter.status]);
  if (filter.ownerId !== undefined) drivers.push(['o.owner_id', filter.ownerId]);
  drivers.forEach(([column, value], i) => {
    parts.push(i === 0 ? `${column} = ?` : `+${column} = ?`);
    params.push(value);
  });
  if (text !== null) {
    parts.push(`o.reference LIKE ? ESCAPE '\\'`);
    params.push(`%${likeEscape(text)}%`);
  }
  if (filter.from !== undefined) {
    parts.push('o.order_date >= ?');
    params.push(filter.from);
  }
  if (filter.to !== undefined) {
    parts.push('o.order_date <= ?');
    params.push(filter.to);
  }
  if (after) {
    parts.push('(o.order_date, o.id) < (?, ?)');
    params.push(after.date, after.id);
  }
  return { where: parts.join(' AND '), params };
}

export function orderListSql(filter: OrderFilter, after: { date: string; id: string } | null) {
  const f = orderFilterSql(filter, after);
  return {
    sql: `${ORDER_SELECT} WHERE ${f.where} ORDER BY o.order_date DESC, o.id DESC LIMIT ?`,
    params: f.params,
  };
}

export function listOrders(ctx: Ctx, input: ParsedInput<'orders.list'>): Page<OrderSummary> {
  const cursor = decodeCursor(input.cursor, 2);
  let after: { date: string; id: string } | null = null;
  if (cursor) {
    const [date, id] = cursor;
    if (typeof date !== 'string' || typeof id !== 'string') {
      throw new AppError('VALIDATION', 'That page position is not valid any more. Start the list again.', {
        issues: [{ path: 'cursor', message: 'Not a cursor from this list.' }],
      });
    }
    after = { date, id };
  }
  const q = orderListSql(input.filter, after);
  const found = allRows<OrderRow>(ctx, q.sql, [...q.params, input.limit + 1]);
  const page = found.slice(0, input.limit);
  const last = page.at(-1);
  return {
    rows: page.map(toOrderSummary),
    nextCursor: found.length > input.limit && last ? encodeCursor([last.order_date, last.id]) : null,
  };
}

export function orderTotals(ctx: Ctx, filter: OrderFilter): OrderTotals {
  const f = orderFilterSql(filter);
  const sale = `o.status IN (${SALE_LIST})`;
  const rows = allRows<{
    currency: string;
    matching: number;
    count: number;
    net: number;
    tax: number;
    gross: number;
    cost: number;
  }>(
    ctx,
    `SELECT o.currency, count(*) AS matching,
        coalesce(sum(${sale}), 0) AS count,
        coalesce(sum(CASE WHEN ${sale} THEN o.net END), 0) AS net,
        coalesce(sum(CASE WHEN ${sale} THEN o.tax END), 0) AS tax,
        coalesce(sum(CASE WHEN ${sale} THEN o.gross END), 0) AS gross,
        coalesce(sum(CASE WHEN ${sale} THEN o.cost END), 0) AS cost
       FROM orders o WHERE ${f.where} GROUP BY o.currency`,
    f.params,
  );
  const sales: CurrencyTotals[] = rows
    .filter((r) => r.count > 0)
    .map((r) => ({
      currency: r.currency,
      count: r.count,
      net: r.net,
      tax: r.tax,
      gross: r.gross,
      cost: r.cost,
      margin: r.net - r.cost,
    }))
    .sort((a, b) => b.net - a.net || a.currency.localeCompare(b.currency));
  return { count: rows.reduce((n, r) => n + r.matching, 0), sales };
}
