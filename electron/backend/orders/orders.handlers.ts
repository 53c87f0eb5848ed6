/** orders.numbering / setPrefix / create / get / update / setStatus / list / totals / delete / restore. */
import type { HandlerMap } from '../handler.ts';
import { numbering, writePrefix } from './order.numbering.ts';
import { loadOrder } from './order.rows.ts';
import { deleteOrder, restoreOrder, setOrderStatus } from './order.status.ts';
import { createOrder, updateOrder } from './order.write.ts';
import { listOrders, orderTotals } from './orders.list.ts';

export const ordersHandlers = {
  'orders.numbering': (_input, ctx) => numbering(ctx),

  'orders.setPrefix': (input, ctx) =>
    ctx.writer.write((scope) => {
      writePrefix(ctx, scope, input.prefix);
      return numbering(ctx);
    }),

  'orders.create': (input, ctx) => createOrder(ctx, input),

  'orders.get': (input, ctx) => loadOrder(ctx, input.id),

  'orders.update': (input, ctx) => updateOrder(ctx, input),

  'orders.setStatus': (input, ctx) => setOrderStatus(ctx, input),

  'orders.list': (input, ctx) => listOrders(ctx, input),

  // One customer's orders (the filter must name one): an index range, cheap enough inline.
  'orders.totals': (input, ctx) => orderTotals(ctx, input.filter),

  'orders.delete': (input, ctx) => deleteOrder(ctx, input.id),

  'orders.restore': (input, ctx) => restoreOrder(ctx, input.id),
} satisfies HandlerMap<
  | 'orders.numbering'
  | 'orders.setPrefix'
  | 'orders.create'
  | 'orders.get'
  | 'orders.update'
  | 'orders.setStatus'
  | 'orders.list'
  | 'orders.totals'
  | 'orders.delete'
  | 'orders.restore'
>;
