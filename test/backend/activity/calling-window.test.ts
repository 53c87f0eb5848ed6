import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeWindow, windowAt, zoneOffset } from '../../../electron/backend/today/calling-window.ts';

const H = 3_600_000;
const MON_FRI = 31;

/** The wall clock in a zone: ISO weekday index (Mon = 0) and minutes from midnight. */
function wall(instant: number, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday as string);
  return { weekday, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

describe('calling windows', () => {
  it('knows the offset of a zone at an instant, across daylight saving', () => {
    expect(zoneOffset(Date.UTC(2026, 0, 15, 12), 'Europe/London', 0)).toBe(0);
    expect(zoneOffset(Date.UTC(2026, 6, 15, 12), 'Europe/London', 0)).toBe(H);
    expect(zoneOffset(Date.UTC(2026, 6, 15, 12), 'America/New_York', 0)).toBe(-4 * H);
    expect(zoneOffset(Date.UTC(2026, 6, 15, 12), 'Asia/Kolkata', 0)).toBe(5.5 * H);
    expect(zoneOffset(Date.UTC(2026, 6, 15, 12), 'Not/AZone', 7 * H)).toBe(7 * H);
    expect(zoneOffset(Date.UTC(2026, 6, 15, 12), null, -3 * H)).toBe(-3 * H);
  });

  it('says whether a window is open now, and when it next opens and closes', () => {
    const w = { days: MON_FRI, from: 9 * 60, to: 17 * 60, timeZone: 'Europe/London' };
    // Friday 27 March 2026, 16:30 GMT: open, closing at 17:00.
    expect(windowAt(w, Date.UTC(2026, 2, 27, 16, 30), 0)).toEqual({
      callableNow: true,
      opensAt: Date.UTC(2026, 2, 27, 16, 30),
      closesAt: Date.UTC(2026, 2, 27, 17),
    });
    // Friday 17:00: closed; the next opening is Monday 30 March, after the clocks went forward (BST).
    expect(windowAt(w, Date.UTC(2026, 2, 27, 17), 0)).toEqual({
      callableNow: false,
      opensAt: Date.UTC(2026, 2, 30, 8),
      closesAt: Date.UTC(2026, 2, 30, 16),
    });
    // No days at all: never opens.
    expect(windowAt({ ...w, days: 0 }, Date.UTC(2026, 2, 27, 12), 0)).toEqual({
      callableNow: false,
      opensAt: null,
      closesAt: null,
    });
  });

  it('handles a window past midnight, opened the day before', () => {
    const w = { days: 1 /* Monday */, from: 22 * 60, to: 2 * 60, timeZone: 'UTC' };
    // Tuesday 24 November 2026, 01:00 UTC: Monday's window is still open.
    expect(windowAt(w, Date.UTC(2026, 10, 24, 1), 0)).toMatchObject({
      callableNow: true,
      closesAt: Date.UTC(2026, 10, 24, 2),
    });
  });

  it('reads as days and hours', () => {
    const w = (
      days: number | null,
      from: number | null = 540,
      to: number | null = 1020,
      timeZone: string | null = null,
    ) => describeWindow({ days, from, to, timeZone });
    expect(w(MON_FRI, 540, 1020, 'Europe/London')).toBe('Mon–Fri 09:00–17:00 (Europe/London)');
    expect(w(127)).toBe('Every day 09:00–17:00');
    expect(w(1 | 4 | 8 | 16 | 64)).toBe('Mon, Wed–Fri, Sun 09:00–17:00');
    expect(w(1 | 2)).toBe('Mon, Tue 09:00–17:00');
    expect(w(96, null, null)).toBe('Sat, Sun all day');
    expect(w(null, 600, 1440)).toBe('Every day 10:00–24:00');
    expect(w(null, null, null)).toBeNull();
  });

  it('is open exactly when the zone’s wall clock is inside the window (property)', () => {
    const zones = [
      'Europe/London',
      'America/New_York',
      'Asia/Kolkata',
      'Australia/Sydney',
      'Pacific/Chatham',
      'UTC',
    ];
    fc.assert(
      fc.property(
        fc
          .integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) })
          .map((t) => Math.floor(t / 60_000) * 60_000),
        fc.integer({ min: 1, max: 127 }),
        fc.integer({ min: 0, max: 1380 }),
        fc.integer({ min: 1, max: 600 }),
        fc.constantFrom(...zones),
        (now, days, from, length, timeZone) => {
          const to = Math.min(1440, from + length);
          const at = windowAt({ days, from, to, timeZone }, now, 0);
          const here = wall(now, timeZone);
          const inside = (days & (1 << here.weekday)) !== 0 && here.minutes >= from && here.minutes < to;
          expect(at.callableNow).toBe(inside);
          if (!at.callableNow && at.opensAt !== null) {
            expect(at.opensAt).toBeGreaterThan(now);
            expect(at.opensAt - now).toBeLessThanOrEqual(8 * 24 * H);
            const open = wall(at.opensAt, timeZone);
            expect(days & (1 << open.weekday)).not.toBe(0);
            // The opening is at `from` on the wall clock, unless a DST gap skipped that time.
            expect(Math.abs(open.minutes - from)).toBeLessThanOrEqual(60);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
