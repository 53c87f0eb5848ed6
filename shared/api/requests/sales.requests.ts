/**
 * The sales part of the contract (issue 4): the product catalogue and its categories, orders with
 * their lines and status history, and each customer's purchase history. Money is integer minor
 * units, quantities thousandths, tax rates and discounts basis points (shared/domain/money.ts).
 */
import { z } from 'zod';
import type { Page } from '../../domain/people.ts';
import {
  ORDER_STATUSES,
  PRODUCT_KINDS,
  type Order,
  type OrderNumbering,
  type OrderSummary,
  type OrderTotals,
  type Product,
  type ProductCategory,
  type PurchaseHistory,
} from '../../domain/sales.ts';
import { CURRENCY_CODES } from '../../domain/settings.ts';
import { cursor, freeText, id, isoDate, limit, name, returns, text, type RequestDef } from '../kit.ts';
import { linesInput } from './lines.schema.ts';

const minor = (what: string) =>
  z
    .number(`${what} is an amount in minor units (pence, cents).`)
    .int(`${what} is a whole number of minor units (pence, cents).`)
    .min(0, `${what} cannot be negative.`)
    .max(1e13, `${what} is too large.`);
const basisPoints = (what: string) =>
  z
    .number(`${what} is a number of basis points (20 % is 2000).`)
    .int(`${what} is a whole number of basis points (20 % is 2000).`)
    .min(0, `${what} cannot be negative.`)
    .max(10_000, `${what} cannot be over 100 %.`);
const currency = z.enum(CURRENCY_CODES, 'Choose a currency Ledgerline knows, such as GBP, EUR or USD.');

const productFields = {
  /** Unique among live products, ignoring case; empty means none. */
  sku: text(64, 'The SKU').optional(),
  name,
  kind: z.enum(PRODUCT_KINDS, 'Choose product or service.').default('product'),
  categoryId: id.nullable().optional(),
  unit: z.string().trim().min(1, 'Give the unit, such as “each” or “hour”.').max(20).default('each'),
  unitPrice: minor('The unit price'),
  unitCost: minor('The unit cost').default(0),
  taxRateBp: basisPoints('The tax rate').default(0),
  /** Left out: the book's currency. */
  currency: currency.optional(),
  active: z.boolean().default(true),
  description: freeText(2000, 'The description').optional(),
};
/** A patch changes only what it names: no defaults fill in the fields left out. */
const productPatch = z
  .strictObject({
    ...productFields,
    kind: z.enum(PRODUCT_KINDS, 'Choose product or service.'),
    unit: z.string().trim().min(1, 'Give the unit, such as “each” or “hour”.').max(20),
    unitCost: minor('The unit cost'),
    taxRateBp: basisPoints('The tax rate'),
    currency,
    active: z.boolean(),
  })
  .partial();
const productFilter = z.strictObject({
  /** null: products with no category. */
  categoryId: id.nullable().optional(),
  active: z.boolean().optional(),
  kind: z.enum(PRODUCT_KINDS).optional(),
  /** Matches anywhere in the name, or the start of the SKU. */
  query: z.string().trim().max(100).optional(),
});

const lines = linesInput.min(1, 'An order needs at least one line.');
const orderFields = {
  personId: id.nullable().optional(),
  companyId: id.nullable().optional(),
  orderDate: isoDate,
  /** The status the order is made with (default quote); its date is the order date. */
  status: z.enum(ORDER_STATUSES, 'Choose a status.').default('quote'),
  /** Left out: the book's currency. */
  currency: currency.optional(),
  /** Left out: the current staff profile; null: nobody. */
  ownerId: id.nullable().optional(),
  notes: freeText(5000, 'The notes').optional(),
  lines,
};
const orderPatch = z
  .strictObject({
    personId: orderFields.personId,
    companyId: orderFields.companyId,
    orderDate: isoDate,
    currency,
    ownerId: orderFields.ownerId,
    notes: orderFields.notes,
    lines,
  })
  .partial();
const orderFilter = z.strictObject({
  status: z.enum(ORDER_STATUSES).optional(),
  personId: id.optional(),
  companyId: id.optional(),
  ownerId: id.optional(),
  /** Orders dated on or after this day. */
  from: isoDate.optional(),
  /** Orders dated on or before this day. */
  to: isoDate.optional(),
  /** An order's number or reference: "42", "00042" and "ORD-00042" all find ORD-00042. */
  query: z.string().trim().max(40).optional(),
});
const prefix = z
  .string()
  .trim()
  .max(12, 'Keep the prefix to 12 characters.')
  .regex(/^[A-Za-z0-9/_.#-]*$/u, 'Use letters, digits and - _ / . # in the prefix.');

const ORDER_READS = ['orders', 'people', 'companies', 'staff'] as const;

export const salesRequests = {
  'productCategories.list': {
    kind: 'query',
    // inUse also follows order lines.
    reads: ['product_categories', 'products', 'orders'],
    input: z.strictObject({}),
    output: returns<ProductCategory[]>(),
  },
  /**
   * Replaces the editable list in one save: the order given is the new order; an entry with an id
   * renames that category; one without is added. A category left out is removed, unless products
   * or lines use it: then it is kept, after the others.
   */
  'productCategories.set': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({
      categories: z
        .array(
          z.strictObject({ id: id.optional(), name: name.max(80, 'Keep the name under 80 characters.') }),
        )
        .max(200, 'Keep to 200 categories.'),
    }),
    output: returns<ProductCategory[]>(),
  },

  'products.create': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject(productFields),
    output: returns<Product>(),
  },
  'products.get': {
    kind: 'query',
    reads: ['products', 'product_categories'],
    input: z.strictObject({ id }),
    output: returns<Product>(),
  },
  'products.update': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ id, patch: productPatch }),
    output: returns<Product>(),
  },
  /** Keyset pages; sku sorts products without a SKU last (by name). */
  'products.list': {
    kind: 'query',
    reads: ['products', 'product_categories'],
    input: z.strictObject({
      sort: z.enum(['name', 'sku']).default('name'),
      filter: productFilter.default({}),
      cursor,
      limit: limit(500, 100),
    }),
    output: returns<Page<Product>>(),
  },
  /**
   * To the Trash (restorable). A product that orders or deals use is archived instead (made
   * inactive), so past orders keep it: `archived` says which happened.
   */
  'products.delete': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ id }),
    output: returns<{ ok: true; archived: boolean }>(),
  },
  'products.restore': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ id }),
    output: returns<Product>(),
  },

  'orders.numbering': {
    kind: 'query',
    reads: ['settings', 'orders'],
    input: z.strictObject({}),
    output: returns<OrderNumbering>(),
  },
  /** The prefix of the references of orders made from now on (existing orders keep theirs). */
  'orders.setPrefix': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ prefix }),
    output: returns<OrderNumbering>(),
  },
  'orders.create': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject(orderFields).refine((o) => Boolean(o.personId || o.companyId), {
      message: 'An order is for a person or a company: choose at least one.',
      path: ['personId'],
    }),
    output: returns<Order>(),
  },
  'orders.get': {
    kind: 'query',
    reads: ORDER_READS,
    input: z.strictObject({ id }),
    output: returns<Order>(),
  },
  /** Status moves with orders.setStatus. An invoiced or paid order's lines and currency are fixed. */
  'orders.update': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({
      id,
      patch: orderPatch,
      /** The updatedAt the editor loaded: a newer one means someone else changed it (CONFLICT). */
      expectedUpdatedAt: z.number().int().min(0).optional(),
    }),
    output: returns<Order>(),
  },
  /** Records a status change on a day (the user's local date); see STATUS_MOVES for what is allowed. */
  'orders.setStatus': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ id, status: z.enum(ORDER_STATUSES, 'Choose a status.'), date: isoDate }),
    output: returns<Order>(),
  },
  /** Newest order date first (keyset pages). */
  'orders.list': {
    kind: 'query',
    reads: ORDER_READS,
    input: z.strictObject({ filter: orderFilter.default({}), cursor, limit: limit(500, 100) }),
    output: returns<Page<OrderSummary>>(),
  },
  /** Totals of one customer's orders (book-wide figures come from the sales reports). */
  'orders.totals': {
    kind: 'query',
    reads: ['orders'],
    input: z.strictObject({
      filter: orderFilter.refine((f) => Boolean(f.personId || f.companyId), {
        message: 'Totals are per customer: choose a person or a company. The reports have book-wide figures.',
        path: ['personId'],
      }),
    }),
    output: returns<OrderTotals>(),
  },
  'orders.delete': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ id }),
    output: returns<{ ok: true }>(),
  },
  'orders.restore': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ id }),
    output: returns<Order>(),
  },

  'purchases.person': {
    kind: 'query',
    reads: ['orders', 'products', 'people'],
    input: z.strictObject({ personId: id }),
    output: returns<PurchaseHistory>(),
  },
  'purchases.company': {
    kind: 'query',
    reads: ['orders', 'products', 'companies'],
    input: z.strictObject({ companyId: id }),
    output: returns<PurchaseHistory>(),
  },
} as const satisfies Record<string, RequestDef>;
