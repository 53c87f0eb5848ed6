/** The date ranges the orders list filters by, as calendar days (orders are dated by day). */
import {
  endOfMonth,
  format,
  startOfMonth,
  startOfQuarter,
  startOfYear,
  subDays,
  subMonths,
  subYears,
  endOfYear,
} from 'date-fns';

export const ORDER_RANGES = [
  { id: 'any', label: 'Any date' },
  { id: '30d', label: 'Last 30 days' },
  { id: 'month', label: 'This month' },
  { id: 'lastMonth', label: 'Last month' },
  { id: 'quarter', label: 'This quarter' },
  { id: 'year', label: 'This year' },
  { id: 'lastYear', label: 'Last year' },
  { id: 'custom', label: 'Between dates…' },
] as const;
export type OrderRange = (typeof ORDER_RANGES)[number]['id'];

const day = (d: Date | number) => format(d, 'yyyy-MM-dd');

export function orderRange(
  range: OrderRange,
  now: number,
  from = '',
  to = '',
): { from?: string; to?: string } {
  switch (range) {
    case '30d':
      return { from: day(subDays(now, 29)), to: day(now) };
    case 'month':
      return { from: day(startOfMonth(now)), to: day(endOfMonth(now)) };
    case 'lastMonth': {
      const last = subMonths(now, 1);
      return { from: day(startOfMonth(last)), to: day(endOfMonth(last)) };
    }
    case 'quarter':
      return { from: day(startOfQuarter(now)), to: day(now) };
    case 'year':
      return { from: day(startOfYear(now)), to: day(now) };
    case 'lastYear': {
      const last = subYears(now, 1);
      return { from: day(startOfYear(last)), to: day(endOfYear(last)) };
    }
    case 'custom':
      return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
    default:
      return {};
  }
}
