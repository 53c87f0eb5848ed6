/**
 * Snapshot rotation (issue 6), as a pure function: manual snapshots stay, the newest 8 of the
 * last 24 hours stay, and of the rest the newest automatic snapshot of each of the last 7 days, 4 ISO
 * weeks and 12 months that have one. Times are built in local time, as rotation reads them.
 */
import { describe, expect, it } from 'vitest';
import type { SnapshotReason } from '../../../shared/api/requests/backups.requests.ts';
import { RECENT_MAX, rotation, type RotationEntry } from '../../../electron/backend/backups/rotation.ts';

const HOUR = 3_600_000;
/** Local time: month is 1-based here. */
const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();
const entry = (name: string, takenAt: number, reason: SnapshotReason = 'daily'): RotationEntry => ({
  name,
  takenAt,
  reason,
});

/** The names kept, each with why. */
function kept(entries: RotationEntry[], now: number): Record<string, string> {
  return Object.fromEntries(
    [...rotation(entries, now)].filter(([, why]) => why !== null).map(([name, why]) => [name, why as string]),
  );
}

describe('rotation', () => {
  it('keeps manual snapshots however old, and deletes nothing else when there is nothing else', () => {
    const now = at(2026, 11, 22);
    const result = rotation(
      [entry('m1', at(2020, 1, 1), 'manual'), entry('m2', at(2026, 11, 22), 'manual')],
      now,
    );
    expect([...result]).toEqual([
      ['m1', 'manual'],
      ['m2', 'manual'],
    ]);
  });

  it('keeps every automatic snapshot of the last 24 hours, and only the newest of each older day', () => {
    const now = at(2026, 11, 22, 12);
    const entries = [
      entry('today-a', now - 1 * HOUR, 'before-import'),
      entry('today-b', now - 2 * HOUR, 'before-merge'),
      entry('yesterday-late', now - 23 * HOUR, 'daily'), // still within 24 hours
      entry('two-days-late', at(2026, 11, 20, 18), 'before-import'),
      entry('two-days-early', at(2026, 11, 20, 9), 'daily'),
    ];
    expect(kept(entries, now)).toEqual({
      'today-a': 'recent',
      'today-b': 'recent',
      'yesterday-late': 'recent',
      'two-days-late': 'daily',
    });
  });

  it('keeps the newest of the last 7 days that have one, then of 4 weeks, then of 12 months', () => {
    const now = at(2026, 11, 22, 12); // a Sunday
    // One automatic snapshot a day for 400 days, at 08:00 (none within the last 24 hours).
    const entries: RotationEntry[] = [];
    for (let i = 1; i <= 400; i++) {
      const d = new Date(2026, 10, 22 - i, 8);
      entries.push(entry(`d${i}`, d.getTime()));
    }
    const result = kept(entries, now);
    // Days: the 7 newest days (21st back to 15th November).
    for (let i = 1; i <= 7; i++) expect(result[`d${i}`]).toBe('daily');
    // Weeks (ISO, Monday first): the week of 16-22 Nov is already the 21st (daily); then the
    // Sundays 15 Nov (daily too), 8 Nov and 1 Nov are the newest of their weeks.
    expect(result.d14).toBe('weekly'); // Sunday 8 November
    expect(result.d21).toBe('weekly'); // Sunday 1 November
    // Months: November is d1 (daily); then the last day of Oct, Sep, ... back 12 months in all.
    expect(result.d22).toBe('monthly'); // 31 October
    expect(result.d53).toBe('monthly'); // 30 September
    const monthly = Object.values(result).filter((w) => w === 'monthly').length;
    expect(monthly).toBe(11); // 12 months, November's newest counted as daily
    expect(Object.keys(result)).toHaveLength(7 + 2 + 11);
    expect(result.d400).toBeUndefined();
  });

  it('keeps at most the newest RECENT_MAX of the last 24 hours: fifty merges do not make fifty copies', () => {
    const now = at(2026, 11, 22, 12);
    const merges = Array.from({ length: 50 }, (_, i) =>
      entry(`merge-${String(i).padStart(2, '0')}`, now - (50 - i) * 60_000, 'before-merge'),
    );
    const result = kept(merges, now);
    const recent = Object.entries(result)
      .filter(([, why]) => why === 'recent')
      .map(([name]) => name);
    expect(RECENT_MAX).toBe(8);
    expect(recent.sort()).toEqual(merges.slice(-RECENT_MAX).map((e) => e.name));
    // The rest of that day go (the day's newest is one of the recent ones already).
    expect(Object.keys(result)).toHaveLength(RECENT_MAX);
  });

  it('counts the last days that have a snapshot, not calendar days: a quiet month loses nothing recent', () => {
    const now = at(2026, 11, 22);
    // Seven snapshots on seven days in September, then nothing until now.
    const entries = [1, 2, 3, 4, 5, 6, 7].map((d) => entry(`sep${d}`, at(2026, 9, d, 10)));
    const result = kept(entries, now);
    for (let d = 1; d <= 7; d++) expect(result[`sep${d}`]).toBe('daily');
  });

  it('uses local days: snapshots at 00:30 and 23:30 of one local day share that day', () => {
    const now = at(2026, 11, 22, 12);
    const entries = [
      entry('early', new Date(2026, 10, 18, 0, 30).getTime()),
      entry('late', new Date(2026, 10, 18, 23, 30).getTime()),
      entry('day-before', new Date(2026, 10, 17, 23, 30).getTime()),
    ];
    const result = rotation(entries, now);
    expect(result.get('late')).toBe('daily');
    expect(result.get('early')).toBeNull();
    expect(result.get('day-before')).toBe('daily');
  });

  it('never lets manual snapshots take an automatic slot, and prefers the newest of a day by time', () => {
    const now = at(2026, 11, 22, 12);
    const entries = [
      entry('manual', at(2026, 11, 10, 20), 'manual'),
      entry('auto-late', at(2026, 11, 10, 18), 'before-restore'),
      entry('auto-early', at(2026, 11, 10, 9), 'before-update'),
    ];
    expect(kept(entries, now)).toEqual({ manual: 'manual', 'auto-late': 'daily' });
  });
});
