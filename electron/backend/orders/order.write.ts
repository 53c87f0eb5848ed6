/**
 * Order writes. Each runs in one transaction inside keepSalesCurrent() (sales.summaries.ts), so the
 * report summaries and the customers' purchase summaries move with the order.
 *
 *  - create: a number and reference, the customer (a live person and/or company), the lines written
 *    through writeLines (lines.ts) and the order's totals as their sums, and the first entry of the
 *    status history (the status it is made with, dated the order date).
 *  - update: what the patch names. The customer must stay (at least one of person and company). An
 *    invoiced or paid order's lines and currency are fixed (CONFLICT): move it back to delivered first.
 *  - setStatus, delete and restore: order.status.ts.
 *
 * A line may keep a product that has since been archived, but an archived product cannot be put on
 * a new line (writeLines refuses products in the Trash).
 */
import { AppError } from '../../../shared/api/errors.ts';
import type { ParsedInput } from '../../../shared/api/requests.ts';
import type { LineInputValue } from '../../../shared/api/requests/lines.schema.ts';
import {
  LOCKED_STATUSES,
  ORDER_STATUS_LABELS,
  type Order,
  type OrderStatus,
} from '../../../shared/domain/sales.ts';
import type { WriteScope } from '../../db/changes.ts';
import type { OrdersTable } from '../../db/schema.ts';
import { fieldError, requireCompany, requirePerson, requireStaff } from '../calls/links.ts';
import type { Ctx } from '../context.ts';
import { writeLines } from '../lines/lines.ts';
import { plucked, prepared } from '../people/prepared.ts';
import { readSettings } from '../settings/settings.store.ts';
import { allocateReference } from './order.numbering.ts';
import { loadOrder, requireLiveOrder } from './order.rows.ts';
import { keepSalesCurrent } from './sales.summaries.ts';

export const label = (s: OrderStatus) => ORDER_STATUS_LABELS[s].toLowerCase();

/** Re-roots the field paths of a VALIDATION error thrown for `lines.N...` under `prefix`. */
function underPath<T>(prefix: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (!prefix || !(err instanceof AppError)) throw err;
    const details = err.details as { issues?: { path: string; message: string }[] } | undefined;
    if (!details?.issues) throw err;
    throw new AppError(err.code, err.message, {
      ...details,
      issues: details.issues.map((i) => ({ ...i, path: `${prefix}.${i.path}` })),
    });
  }
}

/** Refuses archived products on lines, except those the order already had. */
function refuseArchived(
  ctx: Ctx,
  lines: readonly LineInputValue[],
  alreadyOn: ReadonlySet<string>,
  prefix: string,
): void {
  const product = prepared(ctx, `SELECT name, active, deleted_at FROM products WHERE id = ?`);
  lines.forEach((line, i) => {
    if (!line.productId || alreadyOn.has(line.productId)) return;
    const p = product.get(line.productId) as
      { name: string; active: number; deleted_at: number | null } | undefined;
    if (p && p.deleted_at === null && p.active === 0) {
      throw fieldError(
        `${prefix}lines.${i}.productId`,
        `“${p.name}” is archived: orders that have it keep it, but it cannot go on a new line.`,
      );
    }
  });
}

function writeOrderLines(
  ctx: Ctx,
  orderId: string,
  currency: string,
  lines: readonly LineInputValue[],
  prefix: string,
): void {
  const totals = underPath(prefix, () =>
    writeLines(ctx, { table: 'order_lines', column: 'order_id', id: orderId, currency }, lines),
  );
  prepared(ctx, `UPDATE orders SET net = ?, tax = ?, gross = ?, cost = ? WHERE id = ?`).run(
    totals.net,
    totals.tax,
    totals.gross,
    totals.cost,
    orderId,
  );
}

/** Appends a status change to the order's history (the next position). */
export function recordStatus(
  ctx: Ctx,
  scope: WriteScope,
  orderId: string,
  status: OrderStatus,
  date: string,
): void {
  prepared(
    ctx,
    `INSERT INTO order_status_changes (order_id, position, status, on_date, at, by)
     VALUES (?, (SELECT coalesce(max(position), -1) + 1 FROM order_status_changes WHERE order_id = ?), ?, ?, ?, ?)`,
  ).run(orderId, orderId, status, date, scope.at, scope.staffId);
}

export function createOrder(ctx: Ctx, input: ParsedInput<'orders.create'>): Order {
  return ctx.writer.write((scope) => loadOrder(ctx, insertOrder(ctx, scope, input)));
}

/** Makes an order inside the caller's write (orders.create, a won deal becoming an order); returns its id. */
export function insertOrder(ctx: Ctx, scope: WriteScope, input: ParsedInput<'orders.create'>): string {
  const person = input.personId ? requirePerson(ctx, input.personId, 'personId') : null;
  const company = input.companyId ? requireCompany(ctx, input.companyId, 'companyId') : null;
  if (input.ownerId) requireStaff(ctx, input.ownerId, 'ownerId');
  refuseArchived(ctx, input.lines, new Set(), '');
  const { number, reference } = allocateReference(ctx);
  const row: OrdersTable = {
    id: ctx.ids(),
    number,
    reference,
    person_id: person?.id ?? null,
    company_id: company?.id ?? null,
    order_date: input.orderDate,
    status: input.status,
    status_date: input.orderDate,
    currency: input.currency ?? readSettings(ctx).currency,
    owner_id: input.ownerId === undefined ? scope.staffId : input.ownerId,
    notes: input.notes ?? null,
    net: 0,
    tax: 0,
    gross: 0,
    cost: 0,
    external_id: null,
    created_at: scope.at,
    updated_at: scope.at,
    created_by: scope.staffId,
    updated_by: scope.staffId,
    deleted_at: null,
  };
  keepSalesCurrent(ctx, row.id, () => {
    ctx.sql.run(ctx.q.insertInto('orders').values(row));
    writeOrderLines(ctx, row.id, row.currency, input.lines, '');
    recordStatus(ctx, scope, row.id, row.status, row.order_date);
  });
  scope.change('orders', row.id, 'insert');
  return row.id;
}

export function updateOrder(ctx: Ctx, input: ParsedInput<'orders.update'>): Order {
  return ctx.writer.write((scope) => {
    const before = requireLiveOrder(ctx, input.id);
    if (input.expectedUpdatedAt !== undefined && input.expectedUpdatedAt !== before.updated_at) {
      throw new AppError(
        'CONFLICT',
        `${before.reference} was changed by someone else after you opened it. Reload to see the changes, then edit again.`,
        { id: before.id, updatedAt: before.updated_at },
      );
    }
    const p = input.patch;
    const next: OrdersTable = { ...before };
    if (p.personId !== undefined && (p.personId ?? null) !== before.person_id) {
      if (p.personId) requirePerson(ctx, p.personId, 'patch.personId');
      next.person_id = p.personId ?? null;
    }
    if (p.companyId !== undefined && (p.companyId ?? null) !== before.company_id) {
      if (p.companyId) requireCompany(ctx, p.companyId, 'patch.companyId');
      next.company_id = p.companyId ?? null;
    }
    if (!next.person_id && !next.company_id) {
      throw fieldError('patch.personId', 'An order is for a person or a company: keep at least one.');
    }
    if (p.ownerId !== undefined && (p.ownerId ?? null) !== before.owner_id) {
      if (p.ownerId) requireStaff(ctx, p.ownerId, 'patch.ownerId');
      next.owner_id = p.ownerId ?? null;
    }
    if (p.orderDate !== undefined) next.order_date = p.orderDate;
    if (p.notes !== undefined) next.notes = p.notes ?? null;
    if (p.currency !== undefined) next.currency = p.currency;

    const locked = LOCKED_STATUSES.includes(before.status);
    const currencyMoved = next.currency !== before.currency;
    if (locked && (p.lines !== undefined || currencyMoved)) {
      const path = p.lines !== undefined ? 'patch.lines' : 'patch.currency';
      const message = `${before.reference} is ${label(before.status)}: its lines and currency are fixed. Move it back to delivered to change them.`;
      throw new AppError('CONFLICT', message, { id: before.id, issues: [{ path, message }] });
    }
    if (currencyMoved && p.lines === undefined) {
      const priced = plucked(
        ctx,
        `SELECT p.currency FROM order_lines l JOIN products p ON p.id = l.product_id
          WHERE l.order_id = ? AND p.currency <> ? LIMIT 1`,
      ).get(before.id, next.currency) as string | undefined;
      if (priced !== undefined) {
        throw fieldError(
          'patch.currency',
          `Some lines are products priced in ${priced}. Change those lines too, or keep ${before.currency}.`,
        );
      }
    }
    if (p.lines !== undefined) {
      const alreadyOn = new Set(
        plucked(ctx, `SELECT product_id FROM order_lines WHERE order_id = ? AND product_id IS NOT NULL`).all(
          before.id,
        ) as string[],
      );
      refuseArchived(ctx, p.lines, alreadyOn, 'patch.');
    }

    const fields = ['person_id', 'company_id', 'owner_id', 'order_date', 'notes', 'currency'] as const;
    if (p.lines === undefined && fields.every((f) => next[f] === before[f])) return loadOrder(ctx, before.id);

    keepSalesCurrent(ctx, before.id, () => {
      ctx.sql.run(
        ctx.q
          .updateTable('orders')
          .set({
            person_id: next.person_id,
            company_id: next.company_id,
            owner_id: next.owner_id,
            order_date: next.order_date,
            notes: next.notes,
            currency: next.currency,
            updated_at: scope.at,
            updated_by: scope.staffId,
          })
          .where('id', '=', before.id),
      );
      if (next.order_date !== before.order_date) {
        // While the order has only the status it was made with, that status is dated by the order.
        const single = prepared(
          ctx,
          `UPDATE order_status_changes SET on_date = ? WHERE order_id = ? AND position = 0
             AND NOT EXISTS (SELECT 1 FROM order_status_changes WHERE order_id = ? AND position > 0)`,
        ).run(next.order_date, before.id, before.id);
        if (single.changes > 0) {
          prepared(ctx, `UPDATE orders SET status_date = ? WHERE id = ?`).run(next.order_date, before.id);
        }
      }
      if (p.lines !== undefined) writeOrderLines(ctx, before.id, next.currency, p.lines, 'patch');
    });
    scope.change('orders', before.id, 'update');
    return loadOrder(ctx, before.id);
  });
}
