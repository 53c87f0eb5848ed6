/**
 * The rows of an orders file (issue 5), one per order line, read without the book: the order's
 * own cells (date, status, customer, currency, owner, notes) gathered from all of its lines, which
 * must agree, and each line's quantity, price, discount and tax rate. What needs the book (the
 * customer, the products, the owner) is the import's (import.orders.ts).
 *
 * Numbers are read in the book's locale, forgivingly (shared/domain/money.ts readLocaleNumber):
 * "12.50", "12,50", "1,234.50", "1.234,50", "1 234,50" are all numbers, read the locale's way
 * when they can be ("1,250" is 1250 in en-GB, "1.250" is 1250 in de-DE) and else, when they
 * plainly are, the other way ("12,50" in en-GB, "12.50" in de-DE). Prices may have a currency
 * sign or code around them ("£12.50", "12,50 €", "EUR 12.50"; parseMoneyCell, as the products
 * import reads them): a "$" is the order's own dollar when it is one.
 */
import { decimalOf } from '../../../shared/domain/csv.ts';
import { headerWords, parseImportDate } from '../../../shared/domain/import-mapping.ts';
import type { OrderField } from '../../../shared/domain/import-kinds.ts';
import {
  currenciesNamed,
  moneyCellMessage,
  parseMoneyCell,
  parsePercent,
  parseQuantity,
  readLocaleNumber,
} from '../../../shared/domain/money.ts';
import { ORDER_STATUSES, type OrderStatus } from '../../../shared/domain/sales.ts';
import { CURRENCIES, type CurrencyCode } from '../../../shared/domain/settings.ts';
import type { RowProblem } from './person-rows.ts';

/** The mapped, non-blank cells of one line of the file. */
export type OrderCells = Partial<Record<OrderField, string>>;

export interface StoredLine {
  line: number;
  cells: OrderCells;
}

const STATUS_WORDS: Record<string, OrderStatus> = {};
const statusWords: [OrderStatus, string[]][] = [
  ['quote', ['quote', 'quotation', 'draft', 'estimate', 'proposal', 'offer', 'pending', 'angebot']],
  [
    'confirmed',
    ['confirmed', 'accepted', 'ordered', 'processing', 'booked', 'approved', 'inprogress', 'new', 'open'],
  ],
  [
    'delivered',
    ['delivered', 'shipped', 'dispatched', 'fulfilled', 'fulfilment', 'completed', 'complete', 'done'],
  ],
  ['invoiced', ['invoiced', 'billed', 'unpaid', 'awaitingpayment', 'overdue', 'due', 'invoicesent', 'sent']],
  ['paid', ['paid', 'settled', 'paidinfull', 'paymentreceived', 'bezahlt']],
  [
    'cancelled',
    ['cancelled', 'canceled', 'cancel', 'void', 'voided', 'refunded', 'declined', 'rejected', 'storniert'],
  ],
];
for (const [status, words] of statusWords) for (const w of words) STATUS_WORDS[w] = status;
for (const s of ORDER_STATUSES) STATUS_WORDS[s] = s;

/** An order status as other systems write it ("Paid", "Invoiced", "Canceled", "Draft"…); null when none. */
export function parseOrderStatus(text: string): OrderStatus | null {
  return STATUS_WORDS[headerWords(text)] ?? null;
}

/** A currency as a code (any case) or a sign that names one ("£", "€", "US$"); null when it is not one the book knows. */
export function parseCurrency(text: string): CurrencyCode | null {
  const named = currenciesNamed(text);
  return named?.length === 1 ? named[0]! : null;
}

/**
 * A number as people write it, in their locale or not (see the header), as plain digits with "."
 * for the decimal point ("1234.5"); null when it is not one. A leading "-" (or parentheses) is
 * kept as "-".
 */
export function normaliseNumber(text: string, locale: string): string | null {
  return readLocaleNumber(text, decimalOf(locale));
}

/** A quantity ("2", "2.5", "0,25", "1,000" in en-GB) in thousandths; null when it is not one. */
export function parseQuantityCell(text: string, locale: string): number | null {
  const n = normaliseNumber(text, locale);
  return n === null || n.startsWith('-') ? null : parseQuantity(n);
}

/** A percentage ("20", "17.5", "12,5 %") in basis points; null when it is not one in 0–100. */
export function parsePercentCell(text: string): number | null {
  return parsePercent(text.replace(/\s+/gu, ' '));
}

/** The order's own cells, the same on every line that gives them. */
export interface OrderHead {
  number: string;
  orderDate: string | null;
  status: OrderStatus | null;
  customerName: string | null;
  customerEmail: string | null;
  customerExternalId: string | null;
  company: string | null;
  currency: CurrencyCode | null;
  owner: string | null;
  notes: string | null;
  /** The first line of the order in the file. */
  line: number;
}

const HEAD_FIELDS = [
  ['orderDate', 'date'],
  ['status', 'status'],
  ['customerName', 'customer'],
  ['customerEmail', 'customer'],
  ['customerExternalId', 'customer'],
  ['company', 'customer'],
  ['currency', 'currency'],
  ['owner', 'owner'],
] as const satisfies readonly (readonly [OrderField, string])[];

type HeadField = (typeof HEAD_FIELDS)[number][0];

const sameText = (text: string) => text.normalize('NFC').trim().replace(/\s+/gu, ' ').toLowerCase();

export interface HeadReading {
  columnOf(field: OrderField): string;
  locale: string;
  thisYear: number;
}

/**
 * The order's cells from its lines: each field's first non-blank value, which every other line
 * that gives the field must repeat (the same date, status, customer, currency and owner); notes
 * are gathered (each different note once). Problems name the line that disagrees.
 */
export function readOrderHead(
  number: string,
  lines: readonly StoredLine[],
  how: HeadReading,
): { head: OrderHead; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const head: OrderHead = {
    number,
    orderDate: null,
    status: null,
    customerName: null,
    customerEmail: null,
    customerExternalId: null,
    company: null,
    currency: null,
    owner: null,
    notes: null,
    line: lines[0]?.line ?? 0,
  };
  const first = new Map<HeadField, { line: number; value: string; key: string }>();
  for (const { line, cells } of lines) {
    for (const [field, what] of HEAD_FIELDS) {
      const value = cells[field];
      if (!value) continue;
      const column = how.columnOf(field);
      let key: string | null;
      if (field === 'orderDate') {
        key = parseImportDate(value, how.locale, how.thisYear);
        if (!key) {
          problems.push({
            line,
            column,
            value,
            reason:
              'Not a date this import can read. Write it as 2026-11-22, or as your locale writes dates.',
          });
          continue;
        }
      } else if (field === 'status') {
        key = parseOrderStatus(value);
        if (!key) {
          problems.push({
            line,
            column,
            value,
            reason: `Not an order status: use ${ORDER_STATUSES.join(', ')} (or paid, invoiced, cancelled, draft…).`,
          });
          continue;
        }
      } else if (field === 'currency') {
        key = parseCurrency(value);
        if (!key) {
          const some = currenciesNamed(value);
          problems.push({
            line,
            column,
            value,
            reason: some
              ? `Say which currency: ${some.join(', ')}.`
              : `Not a currency the book knows: use a code such as ${CURRENCIES.slice(0, 3)
                  .map((c) => c.code)
                  .join(', ')}.`,
          });
          continue;
        }
      } else key = sameText(value);
      const seen = first.get(field);
      if (!seen) {
        first.set(field, { line, value, key });
        (head as unknown as Record<string, string>)[field] =
          field === 'orderDate' || field === 'status' || field === 'currency' ? key : value;
      } else if (seen.key !== key) {
        problems.push({
          line,
          column,
          value,
          reason: `Line ${seen.line} of order ${number} says “${seen.value}”: all lines of one order must have the same ${what}.`,
        });
      }
    }
  }
  const notes: string[] = [];
  for (const { cells } of lines) {
    if (cells.notes && !notes.includes(cells.notes)) notes.push(cells.notes);
  }
  head.notes = notes.length > 0 ? notes.join('\n') : null;
  if (!head.orderDate && !problems.some((p) => p.column === how.columnOf('orderDate'))) {
    problems.push({
      line: head.line,
      column: how.columnOf('orderDate'),
      value: '',
      reason: `No date: order ${number} needs the day it was made on one of its lines.`,
    });
  }
  return { head, problems };
}

/** One line's figures as the file gives them (what it leaves out comes from the product). */
export interface LineFigures {
  /** Thousandths of a unit (1 when the cell is blank). */
  quantity: number;
  unitPrice: number | undefined;
  discountBp: number;
  taxRateBp: number | undefined;
}

/** A line's quantity, price, discount and tax rate, read in the order's currency. */
export function readLineFigures(
  stored: StoredLine,
  currency: CurrencyCode,
  how: HeadReading,
): { figures: LineFigures; problems: RowProblem[] } {
  const { line, cells } = stored;
  const problems: RowProblem[] = [];
  const problem = (field: OrderField, reason: string) =>
    problems.push({ line, column: how.columnOf(field), value: cells[field] ?? '', reason });
  const figures: LineFigures = { quantity: 1000, unitPrice: undefined, discountBp: 0, taxRateBp: undefined };
  if (cells.quantity) {
    const q = parseQuantityCell(cells.quantity, how.locale);
    if (q === null)
      problem('quantity', 'Not a quantity: write a number such as 2 or 2.5 (up to 3 decimals).');
    else figures.quantity = q;
  }
  if (cells.unitPrice) {
    const decimal = decimalOf(how.locale);
    const p = parseMoneyCell(cells.unitPrice, { decimal, currency });
    const other = (what: string) => `The price is in ${what}, and the order is in ${currency}.`;
    if (!p.ok) {
      const { problem: why } = p;
      if (why.reason === 'ambiguous')
        problem('unitPrice', other(`${why.written} (${why.currencies.join(', ')})`));
      else if (why.reason === 'too-many-decimals' && why.currency !== currency) {
        problem('unitPrice', other(why.currency));
      } else problem('unitPrice', moneyCellMessage(why, decimal));
    } else if (p.currency && p.currency !== currency) problem('unitPrice', other(p.currency));
    else if (p.minor < 0) problem('unitPrice', 'The unit price cannot be negative.');
    else figures.unitPrice = p.minor;
  }
  if (cells.discount) {
    const d = parsePercentCell(cells.discount);
    if (d === null) problem('discount', 'Not a percentage from 0 to 100: write it as 10 or 12.5 %.');
    else figures.discountBp = d;
  }
  if (cells.taxRate) {
    const t = parsePercentCell(cells.taxRate);
    if (t === null) problem('taxRate', 'Not a percentage from 0 to 100: write it as 20 or 17.5 %.');
    else figures.taxRateBp = t;
  }
  return { figures, problems };
}
