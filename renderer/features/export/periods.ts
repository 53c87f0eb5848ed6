/**
 * The periods the accountant's files cover: whole calendar months, quarters and years (an
 * accountant closes books by the month), or any two days. Both ends are included.
 */
import {
  endOfMonth,
  endOfQuarter,
  endOfYear,
  format,
  startOfMonth,
  startOfQuarter,
  startOfYear,
  subMonths,
  subQuarters,
  subYears,
} from 'date-fns';

export const ACCOUNTANT_PERIODS = [
  { id: 'month', label: 'This month' },
  { id: 'lastMonth', label: 'Last month' },
  { id: 'quarter', label: 'This quarter' },
  { id: 'lastQuarter', label: 'Last quarter' },
  { id: 'year', label: 'This year' },
  { id: 'lastYear', label: 'Last year' },
  { id: 'custom', label: 'Between dates…' },
] as const;
export type AccountantPeriod = (typeof ACCOUNTANT_PERIODS)[number]['id'];

export interface DayRange {
  /** YYYY-MM-DD, included. */
  from: string;
  /** YYYY-MM-DD, included. */
  to: string;
}

const day = (d: Date | number) => format(d, 'yyyy-MM-dd');
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/u;

/**
 * The days a period covers, in the user's local calendar; null for a custom period whose days
 * are not both given yet.
 */
export function periodDays(
  period: AccountantPeriod,
  now: number,
  custom: Partial<DayRange>,
): DayRange | null {
  switch (period) {
    case 'month':
      return { from: day(startOfMonth(now)), to: day(endOfMonth(now)) };
    case 'lastMonth': {
      const last = subMonths(now, 1);
      return { from: day(startOfMonth(last)), to: day(endOfMonth(last)) };
    }
    case 'quarter':
      return { from: day(startOfQuarter(now)), to: day(endOfQuarter(now)) };
    case 'lastQuarter': {
      const last = subQuarters(now, 1);
      return { from: day(startOfQuarter(last)), to: day(endOfQuarter(last)) };
    }
    case 'year':
      return { from: day(startOfYear(now)), to: day(endOfYear(now)) };
    case 'lastYear': {
      const last = subYears(now, 1);
      return { from: day(startOfYear(last)), to: day(endOfYear(last)) };
    }
    case 'custom':
      return custom.from && custom.to && ISO_DAY.test(custom.from) && ISO_DAY.test(custom.to)
        ? { from: custom.from, to: custom.to }
        : null;
  }
}

/** "1 Oct 2026 – 31 Dec 2026" in the user's locale. */
export function rangeText(range: DayRange, locale: string): string {
  const f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const at = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    return f.format(Date.UTC(y, m - 1, d));
  };
  return range.from === range.to ? at(range.from) : `${at(range.from)} – ${at(range.to)}`;
}
