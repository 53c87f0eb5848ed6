/** The periods the Reports screen offers, as the first and last month (YYYY-MM) they cover. */
import { format, subMonths, subYears } from 'date-fns';

export const PERIOD_PRESETS = [
  { id: 'year', label: 'This year' },
  { id: '12m', label: 'Last 12 months' },
  { id: 'lastYear', label: 'Last year' },
  { id: '24m', label: 'Last 24 months' },
  { id: 'custom', label: 'Between months…' },
] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number]['id'];

export interface MonthRange {
  from: string;
  to: string;
}

const month = (d: Date | number) => format(d, 'yyyy-MM');

export function periodOf(preset: PeriodPreset, now: number, custom: MonthRange): MonthRange {
  switch (preset) {
    case 'year':
      return { from: `${format(now, 'yyyy')}-01`, to: month(now) };
    case '12m':
      return { from: month(subMonths(now, 11)), to: month(now) };
    case 'lastYear': {
      const y = format(subYears(now, 1), 'yyyy');
      return { from: `${y}-01`, to: `${y}-12` };
    }
    case '24m':
      return { from: month(subMonths(now, 23)), to: month(now) };
    case 'custom':
      return custom.from <= custom.to ? custom : { from: custom.to, to: custom.from };
  }
}

/** "Mar 2026" for a YYYY-MM month, in the user's locale. */
export function monthLabel(yyyyMm: string, locale: string): string {
  const [y, m] = yyyyMm.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(y, m - 1, 1),
  );
}
