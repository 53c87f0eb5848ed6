/** A contact's local time, and whether now is inside their preferred calling window. */
import type { CallingWindow } from '../../../shared/domain/people.ts';

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const DAY_SHORT = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The ISO weekday (1 = Monday) and HH:MM on the wall clock of a time zone. */
export function wallClock(now: number, timeZone: string): { weekday: number; hhmm: string } | null {
  try {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(now);
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    const weekday = WEEKDAYS[get('weekday')];
    if (!weekday) return null;
    return { weekday, hhmm: `${get('hour').padStart(2, '0')}:${get('minute')}` };
  } catch {
    return null;
  }
}

export function insideWindow(window: CallingWindow, now: number): boolean {
  const clock = wallClock(now, window.timeZone);
  if (!clock) return false;
  return window.days.includes(clock.weekday) && clock.hhmm >= window.from && clock.hhmm < window.to;
}

/** "14:05" (or "2:05 PM") on the contact's wall clock, in the user's locale. */
export function localTimeText(now: number, timeZone: string, locale: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }).format(now);
  } catch {
    return '';
  }
}

/** Minutes the zone is ahead of the user's own clock (negative: behind). */
export function offsetFromHere(now: number, timeZone: string): number {
  const there = wallClock(now, timeZone);
  const here = wallClock(now, Intl.DateTimeFormat().resolvedOptions().timeZone);
  if (!there || !here) return 0;
  const minutes = (c: { weekday: number; hhmm: string }) =>
    c.weekday * 1440 + Number(c.hhmm.slice(0, 2)) * 60 + Number(c.hhmm.slice(3));
  let diff = minutes(there) - minutes(here);
  if (diff > 3.5 * 1440) diff -= 7 * 1440;
  if (diff < -3.5 * 1440) diff += 7 * 1440;
  return diff;
}

/** "Mon–Fri", "Mon, Wed, Fri", "Every day". */
export function daysText(days: readonly number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.length === 7) return 'Every day';
  const runs: string[] = [];
  let start = sorted[0];
  for (let i = 0; i < sorted.length; i++) {
    const d = sorted[i]!;
    const next = sorted[i + 1];
    if (next === d + 1) continue;
    if (start === undefined) break;
    runs.push(
      d - start >= 2
        ? `${DAY_SHORT[start]}–${DAY_SHORT[d]}`
        : start === d
          ? DAY_SHORT[d]!
          : `${DAY_SHORT[start]}, ${DAY_SHORT[d]}`,
    );
    start = next;
  }
  return runs.join(', ');
}

export function windowText(window: CallingWindow): string {
  return `${daysText(window.days)}, ${window.from}–${window.to}`;
}
