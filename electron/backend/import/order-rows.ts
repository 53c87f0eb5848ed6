/**
 * The rows of an orders file (issue 5), one per order line, read without the book: the order's
 * own cells (date, status, customer, currency, owner, notes) gathered from all of its lines, which
 * must agree, and each line's quantity, price, discount and tax rate. What needs the book (the
 * customer, the products, the owner) is the import's (import.orders.ts).
 *
 * Numbers are read in the book's locale, forgivingly: "12.50", "12,50", "1,234.50", "1.234,50",
 * "1 234,50" and "£12.50", "12,50 €", "EUR 12.50" are all amounts. A lone "," or "." followed by
 * exactly three digits groups thousands ("1,250" is 1250 in en-GB, "1.250" is 1250 in de-DE);
 * otherwise it is the decimal separator, whichever the locale's is. When both appear, the last
 * is the decimal separator.
 */
import { decimalOf } from '../../../shared/domain/csv.ts';
import { headerWords, parseImportDate } from '../../../shared/domain/import-mapping.ts';
import type { OrderField } from '../../../shared/domain/import-kinds.ts';
import { parseAmount, parsePercent, parseQuantity } from '../../../shared/domain/money.ts';
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

const SYMBOLS: Record<string, CurrencyCode> = {
  '£': 'GBP',
  '€': 'EUR',
  $: 'USD',
  US$: 'USD',
  A$: 'AUD',
  AU$: 'AUD',
  C$: 'CAD',
  CA$: 'CAD',
  NZ$: 'NZD',
  R$: 'BRL',
  '¥': 'JPY',
  ZŁ: 'PLN',
  FR: 'CHF',
  'FR.': 'CHF',
  SFR: 'CHF',
};
const CODES = new Set<string>(CURRENCIES.map((c) => c.code));

/** A currency as a code (any case) or a symbol ("£", "€", "US$"); null when it is not one the book knows. */
export function parseCurrency(text: string): CurrencyCode | null {
  const t = text.trim().toUpperCase();
  if (CODES.has(t)) return t as CurrencyCode;
  return SYMBOLS[t] ?? null;
}

/** The minor units of a currency (2 for pence and cents, 0 for yen). */
export function minorDigits(currency: CurrencyCode): number {
  return CURRENCIES.find((c) => c.code === currency)?.minor ?? 2;
}

/**
 * A number as people write it, in their locale or not (see the header), as plain digits with "."
 * for the decimal point ("1234.5"); null when it is not one. A leading "-" is kept.
 */
export function normaliseNumber(text: string, locale: string): string | null {
  let t = text.trim().replace(/[\s\u00a0\u202f'’]/gu, '');
  let negative = false;
  if (/^\(.*\)$/u.test(t)) {
    negative = true;
    t = t.slice(1, -1);
  }
  if (t.startsWith('-')) {
    negative = !negative;
    t = t.slice(1);
  }
  if (!/^\d[\d.,]*$/u.test(t)) return null;
  const sign = negative ? '-' : '';
  const last = Math.max(t.lastIndexOf('.'), t.lastIndexOf(','));
  if (last < 0) return sign + t;
  const sep = t[last] as '.' | ',';
  const other = sep === '.' ? ',' : '.';
  let decimalAt: number | null;
  if (t.includes(other))
    decimalAt = last; // both: the last one is the decimal separator
  else if (t.indexOf(sep) !== last)
    decimalAt = null; // one of them, several times: groups
  else if (sep === decimalOf(locale)) decimalAt = last;
  else {
    // The other separator once: thousands when three digits follow a short head ("1,250").
    const grouped = t.length - last - 1 === 3 && /^[1-9]\d{0,2}$/u.test(t.slice(0, last));
    decimalAt = grouped ? null : last;
  }
  const whole = decimalAt === null ? t : t.slice(0, decimalAt);
  const fraction = decimalAt === null ? null : t.slice(decimalAt + 1);
  if (fraction !== null && !/^\d+$/u.test(fraction)) return null;
  const group = decimalAt === null ? sep : other;
  const parts = whole.split(group);
  // Thousands come in threes: "1,23,4" is not a number.
  if (
    parts.length > 1 &&
    (!/^\d{1,3}$/u.test(parts[0]!) || parts.slice(1).some((g) => !/^\d{3}$/u.test(g)))
  ) {
    return null;
  }
  if (!parts.every((g) => /^\d+$/u.test(g))) return null;
  return `${sign}${parts.join('')}${fraction === null ? '' : `.${fraction}`}`;
}

const DOLLARS = new Set<CurrencyCode>(['USD', 'CAD', 'AUD', 'NZD']);
const LEADING = /^(US\$|AU?\$|CA?\$|NZ\$|R\$|[£€$¥]|[A-Za-z]{3}(?=[\s\d(.,-]))\s*/u;
const TRAILING = /\s*(US\$|AU?\$|CA?\$|NZ\$|R\$|[£€$¥]|zł|Fr\.?|[A-Za-z]{3})$/iu;

/**
 * An amount with perhaps a currency symbol or code around it ("£12.50", "12,50 €", "EUR 1.234,50"),
 * in minor units of the currency; the currency it names (null when none). Null when it is not an
 * amount, or names a currency the book does not know.
 */
export function parseMoneyCell(
  text: string,
  currency: CurrencyCode,
  locale: string,
): { minor: number; currency: CurrencyCode | null } | null {
  let t = text.trim();
  let named: CurrencyCode | null = null;
  for (const re of [LEADING, TRAILING]) {
    const m = re.exec(t);
    if (!m) continue;
    // A bare "$" is the order's own dollar when it is one (Canadian, Australian…).
    const c = m[1] === '$' && DOLLARS.has(currency) ? currency : parseCurrency(m[1]!);
    if (!c || (named && named !== c)) return null;
    named = c;
    t = t.slice(0, m.index) + t.slice(m.index + m[0].length);
  }
  const n = normaliseNumber(t, locale);
  if (n === null) return null;
  const minor = parseAmount(n, minorDigits(named ?? currency), '.');
  return minor === null ? null : { minor, currency: named };
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
          problems.push({
            line,
            column,
            value,
            reason: `Not a currency the book knows: use a code such as ${CURRENCIES.slice(0, 3)
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
    const p = parseMoneyCell(cells.unitPrice, currency, how.locale);
    if (!p)
      problem(
        'unitPrice',
        'Not an amount this import can read. Write it as 12.50 (a currency sign may go with it).',
      );
    else if (p.currency && p.currency !== currency) {
      problem('unitPrice', `The price is in ${p.currency}, and the order is in ${currency}.`);
    } else if (p.minor < 0) problem('unitPrice', 'The unit price cannot be negative.');
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
