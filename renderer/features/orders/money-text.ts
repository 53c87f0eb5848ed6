/**
 * Money, quantities and percentages as a person types them, in the book's locale: minor units
 * shown as "1250.00" (or "1250,00"), parsed back with shared/domain/money.ts. No floats are kept.
 */
import { CURRENCIES } from '../../../shared/domain/settings.ts';
import { parseAmount, parsePercent, parseQuantity, QTY_SCALE } from '../../../shared/domain/money.ts';

export function minorDigits(currency: string): number {
  return CURRENCIES.find((c) => c.code === currency)?.minor ?? 2;
}

/** The locale's decimal mark: "." or ",". */
export function decimalOf(locale: string): '.' | ',' {
  const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal');
  return part?.value === ',' ? ',' : '.';
}

/** 125000 (GBP, en-GB) -> "1250.00"; no grouping, so it can be edited and parsed back. */
export function amountText(minor: number, currency: string, locale: string): string {
  const digits = minorDigits(currency);
  const negative = minor < 0;
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / 10 ** digits);
  const frac = digits > 0 ? String(abs % 10 ** digits).padStart(digits, '0') : '';
  return `${negative ? '-' : ''}${whole}${digits > 0 ? decimalOf(locale) + frac : ''}`;
}

export function parseAmountText(text: string, currency: string, locale: string): number | null {
  const value = parseAmount(text, minorDigits(currency), decimalOf(locale));
  return value === null || value < 0 ? null : value;
}

/** 2500 -> "2.5"; 1000 -> "1". */
export function quantityText(thousandths: number, locale: string): string {
  const whole = Math.floor(thousandths / QTY_SCALE);
  const frac = String(thousandths % QTY_SCALE)
    .padStart(3, '0')
    .replace(/0+$/u, '');
  return frac ? `${whole}${decimalOf(locale)}${frac}` : String(whole);
}

export { parseQuantity, parsePercent };

/** 2000 -> "20"; 1750 -> "17.5". */
export function percentText(bp: number, locale: string): string {
  const whole = Math.floor(bp / 100);
  const frac = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/u, '');
  return frac ? `${whole}${decimalOf(locale)}${frac}` : String(whole);
}

/** A rate in basis points for display: 2000 -> "20 %" in the locale's style. */
export function percentLabel(bp: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(bp / 10_000);
}

/** Margin as a share of the net price, or null when there is no price. */
export function marginPercent(net: number, cost: number, locale: string, minDigits = 0): string | null {
  if (net <= 0) return null;
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: minDigits,
    maximumFractionDigits: 1,
  }).format((net - cost) / net);
}
