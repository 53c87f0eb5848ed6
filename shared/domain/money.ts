/**
 * Money arithmetic for order and deal lines. Amounts are integers in minor units (pence, cents);
 * quantities are integers in thousandths (2.5 hours is 2500), discounts and tax rates are integers
 * in basis points (20 % is 2000). Nothing is ever a float.
 *
 * The rounding rule, applied once per line and documented for the accountant:
 *   net   = round_half_even(quantity × unit price × (1 − discount))
 *   tax   = round_half_even(net × tax rate)
 *   gross = net + tax
 *   cost  = round_half_even(quantity × unit cost)
 * An order's totals are the sums of its lines' rounded figures, so a printed order always adds up:
 * nothing is rounded twice and nothing is lost between the lines and the total.
 *
 * parseMoneyCell() reads an amount as files and people write it ("£1,250.00", "12,50 €",
 * "EUR 12.50", "¥1200"), for the imports.
 */
import { CURRENCIES, CURRENCY_CODES, type CurrencyCode } from './settings.ts';

export const QTY_SCALE = 1000;
export const BP_SCALE = 10_000;

/** Rounds numerator / denominator (denominator > 0) to the nearest integer, ties to even. */
export function divRoundHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  let q = n / denominator;
  const r = n % denominator;
  const twice = r * 2n;
  if (twice > denominator || (twice === denominator && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}

export interface LineInput {
  /** Thousandths of a unit. */
  quantity: number;
  /** Minor units per unit. */
  unitPrice: number;
  /** Basis points off the price (0–10,000). */
  discountBp: number;
  /** Basis points of tax on the net (0–10,000). */
  taxRateBp: number;
  /** Minor units per unit, for margin. */
  unitCost: number;
}

export interface LineAmounts {
  net: number;
  tax: number;
  gross: number;
  cost: number;
}

export interface OrderAmounts extends LineAmounts {
  /** net − cost. */
  margin: number;
}

const big = (n: number) => BigInt(n);

export function lineAmounts(line: LineInput): LineAmounts {
  const net = Number(
    divRoundHalfEven(
      big(line.quantity) * big(line.unitPrice) * big(BP_SCALE - line.discountBp),
      big(QTY_SCALE) * big(BP_SCALE),
    ),
  );
  const tax = Number(divRoundHalfEven(big(net) * big(line.taxRateBp), big(BP_SCALE)));
  const cost = Number(divRoundHalfEven(big(line.quantity) * big(line.unitCost), big(QTY_SCALE)));
  return { net, tax, gross: net + tax, cost };
}

/** The totals of lines already worked out: plain sums. */
export function sumAmounts(lines: readonly LineAmounts[]): OrderAmounts {
  let net = 0;
  let tax = 0;
  let cost = 0;
  for (const l of lines) {
    net += l.net;
    tax += l.tax;
    cost += l.cost;
  }
  return { net, tax, gross: net + tax, cost, margin: net - cost };
}

/** Parses a quantity typed by a person ("2", "2.5", "0,25") into thousandths; null when it is not one. */
export function parseQuantity(text: string): number | null {
  const m = /^\s*(\d{1,9})(?:[.,](\d{1,3}))?\s*$/u.exec(text);
  if (!m) return null;
  return Number(m[1]) * QTY_SCALE + Number((m[2] ?? '').padEnd(3, '0'));
}

/** Parses an amount typed by a person ("12", "12.5", "1,234.50") into minor units; null when it is not one. */
export function parseAmount(text: string, minorDigits = 2, decimal: '.' | ',' = '.'): number | null {
  const group = decimal === '.' ? ',' : '.';
  const cleaned = text.trim().split(group).join('').replace(/\s/gu, '');
  const fraction = minorDigits > 0 ? `(?:[${decimal}](\\d{1,${minorDigits}}))?` : '()';
  const re = new RegExp(`^(-?)(\\d{1,13})${fraction}$`, 'u');
  const m = re.exec(cleaned);
  if (!m) return null;
  const minor = Number(m[2]) * 10 ** minorDigits + Number((m[3] ?? '').padEnd(minorDigits, '0') || 0);
  return m[1] === '-' ? -minor : minor;
}

/** Parses a percentage ("20", "17.5", "12,5 %") into basis points; null when it is not one in 0–100. */
export function parsePercent(text: string): number | null {
  const m = /^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*%?\s*$/u.exec(text);
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= BP_SCALE ? bp : null;
}

/** The minor units of a currency: 2 for pence and cents, 0 for yen. */
export function minorDigitsOf(currency: string): number {
  return CURRENCIES.find((c) => c.code === currency)?.minor ?? 2;
}

/**
 * Currency signs as people and Intl.NumberFormat write them (lower case), and the book's
 * currencies each can be. Every ISO code the book knows is added below.
 */
const SIGNS: Record<string, readonly CurrencyCode[]> = {
  '£': ['GBP'],
  '£gb': ['GBP'],
  '€': ['EUR'],
  $: ['USD', 'CAD', 'AUD', 'NZD'],
  us$: ['USD'],
  $us: ['USD'],
  c$: ['CAD'],
  ca$: ['CAD'],
  $ca: ['CAD'],
  a$: ['AUD'],
  au$: ['AUD'],
  $au: ['AUD'],
  nz$: ['NZD'],
  $nz: ['NZD'],
  r$: ['BRL'],
  br$: ['BRL'],
  '¥': ['JPY'],
  '￥': ['JPY'],
  'jp¥': ['JPY'],
  円: ['JPY'],
  kr: ['SEK', 'NOK', 'DKK'],
  'kr.': ['SEK', 'NOK', 'DKK'],
  skr: ['SEK'],
  nkr: ['NOK'],
  dkr: ['DKK'],
  zł: ['PLN'],
  zl: ['PLN'],
  fr: ['CHF'],
  'fr.': ['CHF'],
  sfr: ['CHF'],
  'sfr.': ['CHF'],
};
for (const code of CURRENCY_CODES) SIGNS[code.toLowerCase()] = [code];

/**
 * The currencies a sign or code names ("£", "eur", "US$"; any case), several for a sign that
 * can be more than one ("$", "kr"); null when it names none the book knows.
 */
export function currenciesNamed(text: string): readonly CurrencyCode[] | null {
  const key = text.trim().toLowerCase();
  return Object.hasOwn(SIGNS, key) ? SIGNS[key]! : null;
}

/** What may group digits besides the other mark: spaces (also no-break ones) and apostrophes. */
const SPACES = /[\s\u00a0\u202f'’]/gu;
/** Bidirectional marks some locales put around an amount: invisible, so ignored. */
const BIDI = /[\u200e\u200f\u061c\u2066-\u2069]/gu;

/** Whether `n` (digits and marks only) is a number written with this decimal mark. */
function writtenWith(n: string, decimal: '.' | ','): boolean {
  const group = decimal === '.' ? ',' : '.';
  // Grouped thousands come in threes after a head of one to three digits ("1,234,567"), and a
  // head of 0 groups nothing ("0,125" is not 125).
  return new RegExp(`^(?:[1-9]\\d{0,2}(?:[${group}]\\d{3})+|\\d+)(?:[${decimal}]\\d+)?$`, 'u').test(n);
}

/**
 * A number as people write it, as plain digits with "." before any decimals ("-1234.5"); null
 * when it is not one. It is read the locale's way (`decimal` is its decimal mark; the other mark,
 * spaces and apostrophes group thousands): "1,234.5" or "1 234,5". A number that cannot be
 * the locale's way but plainly is the other way is read that way: "12,50" in en-GB, "1.234,5" in
 * en-GB, "12.50" in de-DE; "1,250" stays 1250 in en-GB and "1,250" is 1.25 in de-DE. A leading
 * "-" or "−", or parentheses around it, make it negative.
 */
export function readLocaleNumber(text: string, decimal: '.' | ','): string | null {
  let t = text.replace(BIDI, '').replace(SPACES, '');
  let negative = false;
  if (/^[-−]/u.test(t)) {
    negative = true;
    t = t.slice(1);
  }
  if (t.startsWith('(') && t.endsWith(')')) {
    if (negative) return null;
    negative = true;
    t = t.slice(1, -1);
  }
  if (!/^\d(?:[\d.,]*\d)?$/u.test(t)) return null;
  const other = decimal === '.' ? ',' : '.';
  const mark = writtenWith(t, decimal) ? decimal : writtenWith(t, other) ? other : null;
  if (!mark) return null;
  const group = mark === '.' ? ',' : '.';
  const plain = t.split(group).join('').replace(mark, '.');
  return `${negative ? '-' : ''}${plain}`;
}

/** Why a cell is not an amount in the currency in force (moneyCellMessage() words it). */
export type MoneyCellProblem =
  /** No number, a malformed one, or words that are no currency around it. */
  | { reason: 'not-an-amount' }
  /** A three-letter code the book does not know ("XYZ 12"). */
  | { reason: 'unknown-currency'; code: string }
  /** A sign or code on each side that cannot be the same currency ("£12 EUR"). */
  | { reason: 'two-currencies'; written: readonly [string, string] }
  /** More than 13 digits before the decimals. */
  | { reason: 'too-large' }
  /** The cell names no currency and none is in force. */
  | { reason: 'no-currency' }
  /** A sign that can be several currencies ("$", "kr"), none of them the one in force. */
  | { reason: 'ambiguous'; written: string; currencies: readonly CurrencyCode[] }
  /** More decimals than the currency has minor digits ("12.505" in GBP, "12.5" in JPY). */
  | { reason: 'too-many-decimals'; currency: CurrencyCode; digits: number };

export type MoneyCell =
  | {
      ok: true;
      /** In the minor units of `currency` when the cell names one, else of the one in force. */
      minor: number;
      /** The currency the cell names ("$" settled by the currency in force), or null. */
      currency: CurrencyCode | null;
      /** The sign or code as written ("€", "EUR"), or null. */
      written: string | null;
    }
  | { ok: false; problem: MoneyCellProblem };

export interface MoneyCellReading {
  /** The locale's decimal mark (shared/domain/csv.ts decimalOf). */
  decimal: '.' | ',';
  /**
   * The currency the amount is expected in: it settles a sign that can be several ("$" is the
   * Canadian dollar in a CAD order), and gives the minor digits when the cell names no currency.
   * Null when it is not known yet: such a cell is then a no-currency or ambiguous problem.
   */
  currency: CurrencyCode | null;
}

/** A currency sign or code: anything but digits, spaces, marks and signs, perhaps ending in "." ("Fr."). */
const TOKEN = String.raw`[^\d\s.,()\-−]+\.?`;
const NUMBER = String.raw`[-−]?\s*\(?\s*\d(?:[\d.,\s'’]*\d)?\s*\)?`;
const CELL = new RegExp(String.raw`^([-−(]?)\s*(${TOKEN})?\s*(${NUMBER})\s*(${TOKEN})?\s*(\)?)$`, 'u');
const MAX_WHOLE_DIGITS = 13;

/**
 * An amount cell: a number the locale's way (or plainly the other way, readLocaleNumber) with a
 * currency sign or ISO code before or after it, or both ("£12.50", "12,50 €", "EUR 12.50",
 * "¥1200", "-£5", "(12.50)", "$12 CAD"), as minor units. A sign that can be several currencies
 * ("$", "kr") is the currency in force when it is one of them. The amount may have no more
 * decimals than its currency's minor digits (the named one, else the one in force). Built on
 * parseAmount(). A cell naming another currency than the one in force is read in that currency:
 * whether that will do is the caller's to say.
 */
export function parseMoneyCell(text: string, how: MoneyCellReading): MoneyCell {
  const fail = (problem: MoneyCellProblem): MoneyCell => ({ ok: false, problem });
  const m = CELL.exec(text.replace(BIDI, '').trim());
  if (!m) return fail({ reason: 'not-an-amount' });
  const [, open = '', before, digits = '', after, close = ''] = m;
  const number = readLocaleNumber(open + digits + close, how.decimal);
  if (number === null) return fail({ reason: 'not-an-amount' });

  // What the signs or codes name.
  let written: string | null = null;
  let named: readonly CurrencyCode[] | null = null;
  for (const token of [before, after]) {
    if (!token) continue;
    const found = currenciesNamed(token);
    if (!found) {
      return /^[a-z]{3}$/iu.test(token)
        ? fail({ reason: 'unknown-currency', code: token.toUpperCase() })
        : fail({ reason: 'not-an-amount' });
    }
    if (!named) [named, written] = [found, token];
    else {
      const both: readonly CurrencyCode[] = named.filter((c) => found.includes(c));
      if (both.length === 0) return fail({ reason: 'two-currencies', written: [written!, token] });
      // The one that says more ("CAD" in "$12 CAD") is what the cell names.
      if (found.length < named.length) written = token;
      named = both;
    }
  }

  const [whole = '', fraction = ''] = number.replace('-', '').split('.');
  if (whole.replace(/^0+(?=\d)/u, '').length > MAX_WHOLE_DIGITS) return fail({ reason: 'too-large' });

  let currency: CurrencyCode | null = null;
  if (named?.length === 1) currency = named[0]!;
  else if (named) {
    if (!how.currency || !named.includes(how.currency)) {
      return fail({ reason: 'ambiguous', written: written!, currencies: named });
    }
    currency = how.currency;
  } else if (!how.currency) return fail({ reason: 'no-currency' });

  const of = (currency ?? how.currency)!;
  const minorDigits = minorDigitsOf(of);
  if (fraction.length > minorDigits) {
    return fail({ reason: 'too-many-decimals', currency: of, digits: minorDigits });
  }
  const minor = parseAmount(number.replace(/^(-?)0+(?=\d)/u, '$1'), minorDigits, '.');
  if (minor === null) return fail({ reason: 'not-an-amount' });
  return { ok: true, minor: Object.is(minor, -0) ? 0 : minor, currency, written };
}

/** A currency list for a sentence: "USD, CAD, AUD or NZD". */
function orList(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** What to tell the person about an amount cell's problem, in the locale's way of writing amounts. */
export function moneyCellMessage(problem: MoneyCellProblem, decimal: '.' | ','): string {
  const example = decimal === '.' ? '12.50' : '12,50';
  switch (problem.reason) {
    case 'not-an-amount':
      return `Not an amount: write it like ${decimal === '.' ? '12.50 or £12.50' : '12,50 or 12,50 €'}.`;
    case 'unknown-currency':
      return `${problem.code} is not a currency Ledgerline knows.`;
    case 'two-currencies':
      return `Not an amount: ${problem.written[0]} and ${problem.written[1]} are two different currencies.`;
    case 'too-large':
      return 'The amount is too large.';
    case 'no-currency':
      return `Say which currency the amount is in, such as GBP ${example}.`;
    case 'ambiguous':
      return `${problem.written} can be ${orList(problem.currencies)}: write the code, such as ${problem.currencies[0]} ${example}.`;
    case 'too-many-decimals':
      return problem.digits === 0
        ? `${problem.currency} amounts have no decimal places.`
        : `${problem.currency} amounts have at most ${problem.digits} decimal places.`;
  }
}
