/**
 * Every date and number on screen goes through these: date-fns with the book's locale for dates,
 * Intl.NumberFormat for numbers and money.
 */
import {
  differenceInCalendarDays,
  format,
  formatDistanceStrict,
  isSameDay,
  isYesterday,
  parseISO,
} from 'date-fns';
import { CURRENCIES, type CurrencyCode, type LocaleTag } from '../../shared/domain/settings.ts';
import { dateLocale } from './locales.ts';

export interface Formatters {
  locale: LocaleTag;
  currency: CurrencyCode;
  /** 1,234 */
  number(n: number): string;
  /** Money from minor units: 125000 -> £1,250.00 */
  money(minor: number): string;
  /** Money in another currency (an order or deal in EUR in a GBP book): 125000, 'EUR' -> €1,250.00 */
  moneyIn(minor: number, currency: string): string;
  /** Tue 3 Mar 2026, 14:05 — with the weekday, for tooltips and lists. */
  dateTime(ms: number): string;
  /** Tuesday, 3 March 2026 at 14:05 — the full, exact form. */
  exact(ms: number): string;
  /** Sunday, 22 November 2026 */
  longDate(ms: number): string;
  /** 14:05 or 2:05 PM */
  time(ms: number): string;
  /** "2 hours ago", "3 days ago", "just now" */
  relative(ms: number, now: number): string;
  /** Today / Yesterday / Tue 3 Mar for a calendar date "YYYY-MM-DD" */
  day(isoDate: string, now: number): string;
  /** "3 days" between a calendar date and today */
  daysSince(isoDate: string, now: number): string;
  /** 4 min 05 s -> "4 min" / "45 s" */
  duration(seconds: number): string;
}

export function createFormatters(locale: LocaleTag, currency: CurrencyCode): Formatters {
  const dl = dateLocale(locale);
  const numberFormat = new Intl.NumberFormat(locale);
  const minor = CURRENCIES.find((c) => c.code === currency)?.minor ?? 2;
  const moneyFormat = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: minor,
    maximumFractionDigits: minor,
  });
  const otherMoney = new Map<string, { format: Intl.NumberFormat; minor: number }>();
  const moneyIn = (m: number, code: string): string => {
    let f = otherMoney.get(code);
    if (!f) {
      const digits = CURRENCIES.find((c) => c.code === code)?.minor ?? 2;
      f = {
        format: new Intl.NumberFormat(locale, {
          style: 'currency',
          currency: code,
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
        }),
        minor: digits,
      };
      otherMoney.set(code, f);
    }
    return f.format.format(m / 10 ** f.minor);
  };
  const unitFormat = (unit: 'minute' | 'second' | 'hour') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'narrow' });
  const minutes = unitFormat('minute');
  const seconds = unitFormat('second');
  const hours = unitFormat('hour');

  return {
    locale,
    currency,
    number: (n) => numberFormat.format(n),
    money: (m) => moneyFormat.format(m / 10 ** minor),
    moneyIn: (m, code) => (code === currency ? moneyFormat.format(m / 10 ** minor) : moneyIn(m, code)),
    dateTime: (ms) => format(ms, 'EEE PP, p', { locale: dl }),
    exact: (ms) => format(ms, 'PPPP, p', { locale: dl }),
    longDate: (ms) => format(ms, 'PPPP', { locale: dl }),
    time: (ms) => format(ms, 'p', { locale: dl }),
    relative(ms, now) {
      if (Math.abs(now - ms) < 60_000)
        return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(0, 'second');
      if (isSameDay(ms, now) && now - ms >= 6 * 3_600_000) return format(ms, 'p', { locale: dl });
      if (isYesterday(ms) && now - ms >= 12 * 3_600_000) {
        return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-1, 'day');
      }
      return formatDistanceStrict(ms, now, { addSuffix: true, locale: dl, roundingMethod: 'floor' });
    },
    day(isoDate, now) {
      const date = parseISO(isoDate);
      const diff = differenceInCalendarDays(date, now);
      if (diff >= -1 && diff <= 1) {
        return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(diff, 'day');
      }
      return format(date, 'EEE PP', { locale: dl });
    },
    daysSince(isoDate, now) {
      const days = Math.max(0, differenceInCalendarDays(now, parseISO(isoDate)));
      return formatDistanceStrict(0, days * 86_400_000, { unit: 'day', locale: dl });
    },
    duration(s) {
      if (s < 60) return seconds.format(s);
      if (s < 3600) return minutes.format(Math.round(s / 60));
      return `${hours.format(Math.floor(s / 3600))} ${minutes.format(Math.round((s % 3600) / 60))}`;
    },
  };
}
