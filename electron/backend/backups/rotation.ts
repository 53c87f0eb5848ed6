/**
 * Which snapshots rotation keeps, and why: a pure function over (name, takenAt, reason), so it is
 * tested without files and the same answer labels the list (SnapshotInfo.keptAs).
 *
 *  - A manual snapshot ("Take a snapshot") is kept until the user deletes it.
 *  - The newest RECENT_MAX automatic ones taken in the last 24 hours are kept ('recent'),
 *    whatever follows: enough to step back over a morning's imports and merges, but bounded, as
 *    each is a whole copy of the book (merging fifty duplicates one by one makes fifty).
 *  - Of the others, the newest automatic snapshot of each of the last 7 days, 4 ISO weeks and 12
 *    months that have one is kept ('daily', 'weekly', 'monthly'). "The last 7 days that have one",
 *    not the last 7 calendar days: a book left alone for a month keeps its last week of copies
 *    rather than losing all but the monthly one.
 * Days, weeks and months are the machine's local ones (a snapshot at 00:30 belongs to that day).
 * Everything else may be deleted (null).
 */
// Subpath imports: the package root loads every date-fns function, a second per worker start.
import { getISOWeek } from 'date-fns/getISOWeek';
import { getISOWeekYear } from 'date-fns/getISOWeekYear';
import type { SnapshotKept, SnapshotReason } from '../../../shared/api/requests/backups.requests.ts';

export interface RotationEntry {
  name: string;
  takenAt: number;
  reason: SnapshotReason;
}

export const KEEP = { daily: 7, weekly: 4, monthly: 12 } as const;
export const RECENT_MS = 24 * 60 * 60 * 1000;
export const RECENT_MAX = 8;

const pad = (n: number) => String(n).padStart(2, '0');

function dayKey(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function weekKey(at: number): string {
  const d = new Date(at);
  return `${getISOWeekYear(d)}-W${pad(getISOWeek(d))}`;
}

function monthKey(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
}

/** The local day an instant falls on, as YYYY-MM-DD (the daily snapshot's "today"). */
export const localDay = dayKey;

/** Marks the newest entry of each of the `count` newest periods that have one. */
function newestOfPeriods(
  newestFirst: readonly RotationEntry[],
  key: (at: number) => string,
  count: number,
): Set<string> {
  const seen = new Set<string>();
  const kept = new Set<string>();
  for (const e of newestFirst) {
    const k = key(e.takenAt);
    if (seen.has(k)) continue;
    if (seen.size >= count) break;
    seen.add(k);
    kept.add(e.name);
  }
  return kept;
}

/** Why each snapshot is kept, by name; null for one rotation may delete. */
export function rotation(entries: readonly RotationEntry[], now: number): Map<string, SnapshotKept | null> {
  const automatic = entries
    .filter((e) => e.reason !== 'manual')
    .sort((a, b) => b.takenAt - a.takenAt || (a.name < b.name ? 1 : -1));
  const recent = new Set(
    automatic
      .filter((e) => e.takenAt >= now - RECENT_MS)
      .slice(0, RECENT_MAX)
      .map((e) => e.name),
  );
  const daily = newestOfPeriods(automatic, dayKey, KEEP.daily);
  const weekly = newestOfPeriods(automatic, weekKey, KEEP.weekly);
  const monthly = newestOfPeriods(automatic, monthKey, KEEP.monthly);
  const out = new Map<string, SnapshotKept | null>();
  for (const e of entries) {
    let kept: SnapshotKept | null = null;
    if (e.reason === 'manual') kept = 'manual';
    else if (recent.has(e.name)) kept = 'recent';
    else if (daily.has(e.name)) kept = 'daily';
    else if (weekly.has(e.name)) kept = 'weekly';
    else if (monthly.has(e.name)) kept = 'monthly';
    out.set(e.name, kept);
  }
  return out;
}
