/** The local calendar day as today.summary wants it; it moves on at midnight. */
import { useMemo } from 'react';
import { endOfDay, format, parseISO, startOfDay } from 'date-fns';
import { useNow } from '../../lib/clock.tsx';

export interface DayRange {
  date: string;
  dayStart: number;
  dayEnd: number;
}

export function dayRange(date: string): DayRange {
  const start = startOfDay(parseISO(date));
  // today.summary counts started_at < dayEnd, so the range ends at the first instant of the next
  // day (endOfDay is its last millisecond; this stays right across daylight-saving changes).
  return { date, dayStart: start.getTime(), dayEnd: endOfDay(start).getTime() + 1 };
}

export function useTodayRange(): DayRange {
  const date = format(useNow(30_000), 'yyyy-MM-dd');
  return useMemo(() => dayRange(date), [date]);
}
