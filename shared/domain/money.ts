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
 */

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
