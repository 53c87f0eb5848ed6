/** Every handler of the sales domain (issue 4): catalogue, orders, purchase history. */
import type { HandlerMap } from './handler.ts';
import { ordersHandlers } from './orders/orders.handlers.ts';
import { categoriesHandlers } from './products/categories.handlers.ts';
import { productsHandlers } from './products/products.handlers.ts';
import { purchasesHandlers } from './purchases/purchases.handlers.ts';

export const salesHandlers = {
  ...categoriesHandlers,
  ...productsHandlers,
  ...ordersHandlers,
  ...purchasesHandlers,
} satisfies HandlerMap<
  | 'productCategories.list'
  | 'productCategories.set'
  | 'products.create'
  | 'products.get'
  | 'products.update'
  | 'products.list'
  | 'products.delete'
  | 'products.restore'
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
  | 'purchases.person'
  | 'purchases.company'
>;
