/** The date ranges the calls log filters by, as instants in the user's local time. */
import {
  endOfDay,
  endOfMonth,
  parseISO,
  startOfDay,
  startOfMonth,
  startOfYear,
  subDays,
  subMonths,
} from 'date-fns';

export const RANGE_PRESETS = [
  { id: 'any', label: 'Any time' },
  { id: 'today', label: 'Today' },
  { id: '7d', label: 'Last 7 days' },
  { id: '30d', label: 'Last 30 days' },
  { id: 'month', label: 'This month' },
  { id: 'lastMonth', label: 'Last month' },
  { id: 'year', label: 'This year' },
  { id: 'custom', label: 'Between dates…' },
] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number]['id'];

export interface Range {
  from?: number;
  to?: number;
}

/** The first instant after the day `at` falls in (calls.list's `to` is exclusive). */
const dayAfter = (at: number | Date) => endOfDay(at).getTime() + 1;

/** From the start of the first day to the end of the last one; a custom day may be left open. */
export function rangeOf(preset: RangePreset, now: number, customFrom = '', customTo = ''): Range {
  switch (preset) {
    case 'today':
      return { from: startOfDay(now).getTime(), to: dayAfter(now) };
    case '7d':
      return { from: startOfDay(subDays(now, 6)).getTime(), to: dayAfter(now) };
    case '30d':
      return { from: startOfDay(subDays(now, 29)).getTime(), to: dayAfter(now) };
    case 'month':
      return { from: startOfMonth(now).getTime(), to: endOfMonth(now).getTime() + 1 };
    case 'lastMonth': {
      const last = subMonths(now, 1);
      return { from: startOfMonth(last).getTime(), to: endOfMonth(last).getTime() + 1 };
    }
    case 'year':
      return { from: startOfYear(now).getTime(), to: dayAfter(now) };
    case 'custom': {
      const range: Range = {};
      const from = customFrom ? parseISO(customFrom) : null;
      const to = customTo ? parseISO(customTo) : null;
      if (from && Number.isFinite(from.getTime())) range.from = startOfDay(from).getTime();
      if (to && Number.isFinite(to.getTime())) range.to = endOfDay(to).getTime() + 1;
      return range;
    }
    default:
      return {};
  }
}
