/**
 * The catalogue, orders and purchase history as the contract shows them, and the pure rules they
 * follow (which statuses count as a sale, which status moves are allowed, how a reference is printed).
 * Money is integer minor units of the row's currency; quantities thousandths (see money.ts).
 */
import type { Line, Totals } from './lines.ts';

export const PRODUCT_KINDS = ['product', 'service'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

export interface ProductCategory {
  id: string;
  name: string;
  position: number;
  /** Live products in the category. */
  productCount: number;
  /** Products (live or in the Trash), order lines or deal lines use it: it can be renamed, not removed. */
  inUse: boolean;
}

export interface Product {
  id: string;
  sku: string | null;
  name: string;
  kind: ProductKind;
  categoryId: string | null;
  categoryName: string | null;
  unit: string;
  unitPrice: number;
  unitCost: number;
  taxRateBp: number;
  currency: string;
  active: boolean;
  description: string | null;
  createdAt: number;
  updatedAt: number;
}

export const ORDER_STATUSES = ['quote', 'confirmed', 'delivered', 'invoiced', 'paid', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  quote: 'Quote',
  confirmed: 'Confirmed',
  delivered: 'Delivered',
  invoiced: 'Invoiced',
  paid: 'Paid',
  cancelled: 'Cancelled',
};

/**
 * The statuses in which an order counts as a sale (in reports, revenue and purchase history).
 * A quote has not been sold yet, a cancelled order was not sold, and an order in the Trash counts
 * nowhere whatever its status.
 */
export const SALE_STATUSES: readonly OrderStatus[] = ['confirmed', 'delivered', 'invoiced', 'paid'];

export function countsAsSale(status: OrderStatus, deletedAt: number | null): boolean {
  return deletedAt === null && SALE_STATUSES.includes(status);
}

/**
 * Where an order can move from each status. Forward moves may skip steps (a cash sale goes from
 * quote straight to paid); a step back corrects a mistake. A paid order can only go back to
 * invoiced (a payment recorded by mistake): it is never cancelled or turned back into a quote.
 * A cancelled order can be reopened as a quote or confirmed again.
 */
export const STATUS_MOVES: Record<OrderStatus, readonly OrderStatus[]> = {
  quote: ['confirmed', 'delivered', 'invoiced', 'paid', 'cancelled'],
  confirmed: ['quote', 'delivered', 'invoiced', 'paid', 'cancelled'],
  delivered: ['confirmed', 'invoiced', 'paid', 'cancelled'],
  invoiced: ['delivered', 'paid', 'cancelled'],
  paid: ['invoiced'],
  cancelled: ['quote', 'confirmed'],
};

export function canMoveStatus(from: OrderStatus, to: OrderStatus): boolean {
  return STATUS_MOVES[from].includes(to);
}

/** Statuses whose lines and currency are fixed: the invoice has gone out. */
export const LOCKED_STATUSES: readonly OrderStatus[] = ['invoiced', 'paid'];

export const DEFAULT_ORDER_PREFIX = 'ORD-';
/** The digits a number is padded to: ORD-00042. Longer numbers simply grow. */
export const ORDER_NUMBER_DIGITS = 5;

export function formatReference(prefix: string, number: number): string {
  return `${prefix}${String(number).padStart(ORDER_NUMBER_DIGITS, '0')}`;
}

export interface OrderStatusChange {
  position: number;
  status: OrderStatus;
  /** The day it happened (YYYY-MM-DD). */
  date: string;
  /** When it was recorded. */
  at: number;
  byId: string | null;
  byName: string | null;
}

/** An order as lists show it (no lines). */
export interface OrderSummary extends Totals {
  id: string;
  number: number;
  reference: string;
  personId: string | null;
  personName: string | null;
  companyId: string | null;
  companyName: string | null;
  orderDate: string;
  status: OrderStatus;
  /** The date of the latest status change. */
  statusDate: string;
  currency: string;
  ownerId: string | null;
  ownerName: string | null;
}

export interface Order extends OrderSummary {
  notes: string | null;
  lines: Line[];
  /** Every status change, oldest first; the first is the status the order was made with. */
  history: OrderStatusChange[];
  createdAt: number;
  updatedAt: number;
}

export interface CurrencyTotals extends Totals {
  currency: string;
  count: number;
}

export interface OrderTotals {
  /** Orders the filter matches, whatever their status. */
  count: number;
  /** Sums of the matching orders that count as sales, per currency. */
  sales: CurrencyTotals[];
}

export interface OrderNumbering {
  prefix: string;
  nextNumber: number;
  nextReference: string;
}

/** A customer's lifetime figures in one currency (orders that count as sales only). */
export interface PurchaseTotals {
  currency: string;
  orders: number;
  net: number;
  gross: number;
  cost: number;
  /** net − cost. */
  margin: number;
  lastOrderDate: string | null;
}

/** What a customer bought of one product (or one free-text item), in one currency. */
export interface PurchasedItem {
  productId: string | null;
  /** The product's current name, or the line's text for a free-text item. */
  name: string;
  sku: string | null;
  kind: ProductKind | null;
  currency: string;
  /** Thousandths of a unit. */
  quantity: number;
  net: number;
  gross: number;
  orders: number;
  lastDate: string;
}

export interface PurchaseHistory {
  /** One entry per currency the customer has bought in, largest revenue first. */
  totals: PurchaseTotals[];
  /** Orders that count as sales, over every currency. */
  orders: number;
  lastOrderDate: string | null;
  /** Products and services bought, most recent first. */
  items: PurchasedItem[];
}
