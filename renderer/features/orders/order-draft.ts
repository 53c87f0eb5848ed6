/**
 * An order as its editor holds it: the customer, date, currency, owner, notes and lines as typed
 * text. Each line is worked out with shared/domain/money.ts exactly as the book will store it, so
 * the totals on screen are the totals saved.
 */
import { AppError } from '../../../shared/api/errors.ts';
import type { RequestInput } from '../../../shared/api/requests.ts';
import {
  lineAmounts,
  sumAmounts,
  type LineAmounts,
  type OrderAmounts,
} from '../../../shared/domain/money.ts';
import type { Order } from '../../../shared/domain/sales.ts';
import { messageOf } from '../../api/errors.ts';
import {
  amountText,
  parseAmountText,
  parsePercent,
  parseQuantity,
  percentText,
  quantityText,
} from './money-text.ts';

export interface LineDraft {
  key: number;
  productId: string | null;
  /** The product's name, or the free text. */
  description: string;
  qty: string;
  price: string;
  discount: string;
  tax: string;
  /** Minor units per unit, from the product (free text lines: 0 unless the order had one). */
  unitCost: number;
}

export interface OrderDraft {
  personId: string | null;
  personName: string | null;
  companyId: string | null;
  companyName: string | null;
  orderDate: string;
  currency: string;
  ownerId: string | null;
  notes: string;
  lines: LineDraft[];
}

let nextKey = 1;
export const lineKey = () => nextKey++;

export function blankLine(): LineDraft {
  return {
    key: lineKey(),
    productId: null,
    description: '',
    qty: '1',
    price: '',
    discount: '',
    tax: '',
    unitCost: 0,
  };
}

export function draftOfOrder(o: Order, locale: string): OrderDraft {
  return {
    personId: o.personId,
    personName: o.personName,
    companyId: o.companyId,
    companyName: o.companyName,
    orderDate: o.orderDate,
    currency: o.currency,
    ownerId: o.ownerId,
    notes: o.notes ?? '',
    lines: o.lines.map((l) => ({
      key: lineKey(),
      productId: l.productId,
      description: l.description,
      qty: quantityText(l.quantity, locale),
      price: amountText(l.unitPrice, o.currency, locale),
      discount: l.discountBp ? percentText(l.discountBp, locale) : '',
      tax: l.taxRateBp ? percentText(l.taxRateBp, locale) : '',
      unitCost: l.unitCost,
    })),
  };
}

export type LineField = 'description' | 'qty' | 'price' | 'discount' | 'tax' | 'productId';

export interface ParsedLine {
  /** The line as the request sends it, when every field reads. */
  input: RequestInput<'orders.create'>['lines'][number] | null;
  amounts: LineAmounts | null;
  errors: Partial<Record<LineField, string>>;
}

export function parseLine(l: LineDraft, currency: string, locale: string): ParsedLine {
  const errors: Partial<Record<LineField, string>> = {};
  const quantity = parseQuantity(l.qty);
  if (quantity === null) errors.qty = 'Type a quantity such as 1, 2.5 or 0.25.';
  const unitPrice = l.price.trim() === '' ? null : parseAmountText(l.price, currency, locale);
  if (unitPrice === null)
    errors.price = l.price.trim() === '' ? 'Give the line a price.' : 'Type a price such as 12.50.';
  const discountBp = l.discount.trim() === '' ? 0 : parsePercent(l.discount);
  if (discountBp === null) errors.discount = 'Type the discount as a percent from 0 to 100.';
  const taxRateBp = l.tax.trim() === '' ? 0 : parsePercent(l.tax);
  if (taxRateBp === null) errors.tax = 'Type the tax as a percent from 0 to 100.';
  if (!l.productId && !l.description.trim()) errors.description = 'Describe the line, or choose a product.';
  if (quantity === null || unitPrice === null || discountBp === null || taxRateBp === null) {
    return { input: null, amounts: null, errors };
  }
  const values = { quantity, unitPrice, discountBp, taxRateBp, unitCost: l.unitCost };
  return {
    input: Object.keys(errors).length
      ? null
      : {
          productId: l.productId,
          ...(l.description.trim() ? { description: l.description.trim() } : {}),
          ...values,
        },
    amounts: lineAmounts(values),
    errors,
  };
}

export interface ParsedOrder {
  lines: ParsedLine[];
  /** Sums of the lines that read (the rest count as nothing until fixed). */
  totals: OrderAmounts;
  valid: boolean;
}

export function parseOrder(d: OrderDraft, locale: string): ParsedOrder {
  const lines = d.lines.map((l) => parseLine(l, d.currency, locale));
  const totals = sumAmounts(lines.flatMap((l) => (l.amounts ? [l.amounts] : [])));
  return { lines, totals, valid: d.lines.length > 0 && lines.every((l) => l.input !== null) };
}

/** Where the book's errors belong: a line's field, the customer, or the whole form. */
export interface OrderErrors {
  lines: Record<number, Partial<Record<LineField, string>>>;
  fields: Partial<
    Record<'customer' | 'orderDate' | 'currency' | 'ownerId' | 'notes' | 'status' | 'date', string>
  >;
  form: string | null;
}

const LINE_FIELD: Record<string, LineField> = {
  productId: 'productId',
  description: 'description',
  quantity: 'qty',
  unitPrice: 'price',
  discountBp: 'discount',
  taxRateBp: 'tax',
};

export function orderErrors(err: unknown): OrderErrors {
  const out: OrderErrors = { lines: {}, fields: {}, form: null };
  const issues =
    err instanceof AppError
      ? (err.details as { issues?: { path: string; message: string }[] } | undefined)?.issues
      : undefined;
  for (const issue of issues ?? []) {
    const path = issue.path.replace(/^patch\./u, '');
    const m = /^lines\.(\d+)\.(\w+)/u.exec(path);
    if (m) {
      const f = LINE_FIELD[m[2]!] ?? 'description';
      (out.lines[Number(m[1])] ??= {})[f] ??= issue.message;
    } else if (path === 'personId' || path === 'companyId') out.fields.customer ??= issue.message;
    else if (path === 'orderDate' || path === 'currency' || path === 'ownerId' || path === 'notes')
      out.fields[path] ??= issue.message;
    else out.form ??= issue.message;
  }
  if (!issues?.length) out.form = messageOf(err);
  return out;
}
