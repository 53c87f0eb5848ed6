/** Orders as the contract shows them: the row with the names it links to, its lines and history. */
import { AppError } from '../../../shared/api/errors.ts';
import type { Order, OrderStatus, OrderStatusChange, OrderSummary } from '../../../shared/domain/sales.ts';
import type { OrdersTable } from '../../db/schema.ts';
import type { Ctx } from '../context.ts';
import { readLines } from '../lines/lines.ts';
import { prepared } from '../people/prepared.ts';
import { allRows, firstRow } from './raw-query.ts';

export type OrderRow = OrdersTable & {
  person_name: string | null;
  company_name: string | null;
  owner_name: string | null;
};

export const ORDER_SELECT = `SELECT o.*, p.display_name AS person_name, co.name AS company_name, s.name AS owner_name
  FROM orders o
  LEFT JOIN people p ON p.id = o.person_id
  LEFT JOIN companies co ON co.id = o.company_id
  LEFT JOIN staff s ON s.id = o.owner_id`;

export function toOrderSummary(row: OrderRow): OrderSummary {
  return {
    id: row.id,
    number: row.number,
    reference: row.reference,
    personId: row.person_id,
    personName: row.person_name,
    companyId: row.company_id,
    companyName: row.company_name,
    orderDate: row.order_date,
    status: row.status,
    statusDate: row.status_date,
    currency: row.currency,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    net: row.net,
    tax: row.tax,
    gross: row.gross,
    cost: row.cost,
    margin: row.net - row.cost,
  };
}

export function readHistory(ctx: Ctx, orderId: string): OrderStatusChange[] {
  return allRows<{
    position: number;
    status: OrderStatus;
    on_date: string;
    at: number;
    by: string | null;
    by_name: string | null;
  }>(
    ctx,
    `SELECT h.position, h.status, h.on_date, h.at, h.by, s.name AS by_name
       FROM order_status_changes h LEFT JOIN staff s ON s.id = h.by
      WHERE h.order_id = ? ORDER BY h.position`,
    [orderId],
  ).map((h) => ({
    position: h.position,
    status: h.status,
    date: h.on_date,
    at: h.at,
    byId: h.by,
    byName: h.by_name,
  }));
}

const gone = (id: string) =>
  new AppError('NOT_FOUND', 'That order does not exist or is in the Trash.', { id });

export function loadOrder(ctx: Ctx, id: string): Order {
  const row = firstRow<OrderRow>(ctx, `${ORDER_SELECT} WHERE o.id = ? AND o.deleted_at IS NULL`, [id]);
  if (!row) throw gone(id);
  return {
    ...toOrderSummary(row),
    notes: row.notes,
    lines: readLines(ctx, { table: 'order_lines', column: 'order_id', id }),
    history: readHistory(ctx, id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The stored row, live or in the Trash. */
export function orderRow(ctx: Ctx, id: string): OrdersTable | undefined {
  return prepared(ctx, `SELECT * FROM orders WHERE id = ?`).get(id) as OrdersTable | undefined;
}

export function requireLiveOrder(ctx: Ctx, id: string): OrdersTable {
  const row = orderRow(ctx, id);
  if (!row || row.deleted_at !== null) throw gone(id);
  return row;
}
