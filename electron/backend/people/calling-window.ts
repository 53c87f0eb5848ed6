/** The calling window as stored: ISO weekdays as a bitmask (Mon = 1 ... Sun = 64), minutes from midnight. */
import type { CallingWindow } from '../../../shared/domain/people.ts';

export interface StoredWindow {
  call_days: number | null;
  call_from: number | null;
  call_to: number | null;
  time_zone: string | null;
}

const minutes = (hhmm: string): number => {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
};
const hhmm = (mins: number): string =>
  `${String(Math.floor(mins / 60)).padStart(2, '0')}:${String(mins % 60).padStart(2, '0')}`;

export function daysToMask(days: readonly number[]): number {
  return days.reduce((mask, d) => mask | (1 << (d - 1)), 0);
}

export function maskToDays(mask: number): number[] {
  const days: number[] = [];
  for (let d = 1; d <= 7; d++) if (mask & (1 << (d - 1))) days.push(d);
  return days;
}

export function storeWindow(window: CallingWindow | null): StoredWindow {
  if (!window) return { call_days: null, call_from: null, call_to: null, time_zone: null };
  return {
    call_days: daysToMask(window.days),
    call_from: minutes(window.from),
    call_to: minutes(window.to),
    time_zone: window.timeZone,
  };
}

export function readWindow(row: StoredWindow): CallingWindow | null {
  if (row.call_days === null || row.call_from === null || row.call_to === null || row.time_zone === null)
    return null;
  return {
    days: maskToDays(row.call_days),
    from: hhmm(row.call_from),
    to: hhmm(row.call_to),
    timeZone: row.time_zone,
  };
}
