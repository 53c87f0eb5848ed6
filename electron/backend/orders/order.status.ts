/**
 * Status changes and the Trash, each in one transaction inside keepSalesCurrent() (sales.summaries.ts).
 *
 *  - setStatus: only the moves STATUS_MOVES allows (shared/domain/sales.ts), never dated before the
 *    order; each is recorded with its day, instant and who made it, and the order's status_date is
 *    the latest's day. Asking for the status it already has is nothing to do.
 *  - delete / restore: to the Trash and back (the number and reference stay the order's).
 */
import { AppError } from '../../../shared/api/errors.ts';
import type { ParsedInput } from '../../../shared/api/requests.ts';
import { canMoveStatus, type Order } from '../../../shared/domain/sales.ts';
import { fieldError } from '../calls/links.ts';
import type { WriteScope } from '../../db/changes.ts';
import type { Ctx } from '../context.ts';
import { prepared } from '../people/prepared.ts';
import { label, recordStatus } from './order.write.ts';
import { loadOrder, orderRow, requireLiveOrder } from './order.rows.ts';
import { keepSalesCurrent } from './sales.summaries.ts';

export function setOrderStatus(ctx: Ctx, input: ParsedInput<'orders.setStatus'>): Order {
  return ctx.writer.write((scope) => {
    const before = requireLiveOrder(ctx, input.id);
    if (input.status === before.status) return loadOrder(ctx, before.id);
    if (!canMoveStatus(before.status, input.status)) {
      const message =
        before.status === 'paid'
          ? `${before.reference} is paid: it can only go back to invoiced, not to ${label(input.status)}.`
          : `${before.reference} is ${label(before.status)}: it cannot move to ${label(input.status)}.`;
      throw new AppError('CONFLICT', message, {
        id: before.id,
        from: before.status,
        to: input.status,
        issues: [{ path: 'status', message }],
      });
    }
    if (input.date < before.order_date) {
      throw fieldError('date', `The status cannot change before the order’s date (${before.order_date}).`);
    }
    keepSalesCurrent(ctx, before.id, () => {
      prepared(
        ctx,
        `UPDATE orders SET status = ?, status_date = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
      ).run(input.status, input.date, scope.at, scope.staffId, before.id);
      recordStatus(ctx, scope, before.id, input.status, input.date);
    });
    scope.change('orders', before.id, 'update');
    return loadOrder(ctx, before.id);
  });
}

export function deleteOrder(ctx: Ctx, id: string): { ok: true } {
  return ctx.writer.write((scope) => {
    const before = requireLiveOrder(ctx, id);
    keepSalesCurrent(ctx, before.id, () => {
      prepared(ctx, `UPDATE orders SET deleted_at = ?, updated_at = ?, updated_by = ? WHERE id = ?`).run(
        scope.at,
        scope.at,
        scope.staffId,
        before.id,
      );
    });
    scope.change('orders', before.id, 'delete');
    return { ok: true as const };
  });
}

/** Brings an order back from the Trash (a live order is returned as it is). */
export function restoreOrder(ctx: Ctx, id: string): Order {
  return ctx.writer.write((scope) => {
    restoreOrderIn(ctx, scope, id);
    return loadOrder(ctx, id);
  });
}

/** Restores an order inside the caller's write (orders.restore, trash.restore); false if it was live. */
export function restoreOrderIn(ctx: Ctx, scope: WriteScope, id: string): boolean {
  const row = orderRow(ctx, id);
  if (!row) {
    throw new AppError('NOT_FOUND', 'That order is no longer in the Trash: it was deleted for good.', {
      id,
    });
  }
  if (row.deleted_at === null) return false;
  keepSalesCurrent(ctx, row.id, () => {
    prepared(ctx, `UPDATE orders SET deleted_at = NULL, updated_at = ?, updated_by = ? WHERE id = ?`).run(
      scope.at,
      scope.staffId,
      row.id,
    );
  });
  scope.change('orders', row.id, 'update');
  return true;
}
