/** Small pieces the contacts, companies and Trash screens share. */
import { useMemo } from 'react';
import { endOfDay, format } from 'date-fns';
import { STAGE_LABELS, type Stage } from '../../../shared/domain/people.ts';
import type { Staff } from '../../../shared/domain/staff.ts';
import { useNow } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { useQuery } from '../../stores/query.hooks.tsx';
import type { QueryCache } from '../../stores/query.store.ts';
import type { StoreApi } from 'zustand';
import { messageOf, toneOf } from '../../api/errors.ts';
import type { UiState } from '../../stores/ui.store.tsx';
import '../../ui/tag-input.css';
import './contacts.css';

/** Every staff profile (switched-off ones too, since old records name them). */
const NO_STAFF: Staff[] = [];

/** The staff profiles; the same object until they change (list rows memoise on it). */
export function useStaff(): { list: Staff[]; active: Staff[]; nameOf(id: string | null): string | null } {
  const staff = useQuery('staff.list', { includeInactive: true }).data ?? NO_STAFF;
  return useMemo(
    () => ({
      list: staff,
      active: staff.filter((s) => s.active),
      nameOf: (id: string | null) => (id ? (staff.find((s) => s.id === id)?.name ?? null) : null),
    }),
    [staff],
  );
}

/** The end of the user's local day, stable until midnight (for "call due"). */
export function useEndOfToday(): number {
  const now = useNow(60_000);
  return endOfDay(now).getTime();
}

export function StageBadge({ stage }: { stage: Stage }) {
  return <span className={`stage stage--${stage}`}>{STAGE_LABELS[stage]}</span>;
}

export function TagList({ tags, max = 3 }: { tags: readonly string[]; max?: number }) {
  if (tags.length === 0) return null;
  const shown = tags.slice(0, max);
  return (
    <span className="tag-list">
      {shown.map((t) => (
        <span key={t} className="tag">
          {t}
        </span>
      ))}
      {tags.length > max ? <span className="tag tag--more">+{tags.length - max}</span> : null}
    </span>
  );
}

/** "3 days ago", with the exact time on hover. */
export function RelTime({ at, now, empty = '—' }: { at: number | null; now: number; empty?: string }) {
  const fmt = useFormat();
  if (at === null) return <span className="muted">{empty}</span>;
  return (
    <time dateTime={new Date(at).toISOString()} title={fmt.exact(at)} className="num">
      {fmt.relative(at, now)}
    </time>
  );
}

/** The calendar day of a planned call: a date-only task is kept at 00:00 UTC of its day. */
export function dayOf(at: number): string {
  return at % 86_400_000 === 0 ? new Date(at).toISOString().slice(0, 10) : format(at, 'yyyy-MM-dd');
}

/** "Next call" reads by day: "today", "tomorrow", "Tue 3 Mar 2026"; late ones in the warning colour. */
export function DueTime({ at, now }: { at: number | null; now: number }) {
  const fmt = useFormat();
  if (at === null) return <span className="muted">—</span>;
  const day = dayOf(at);
  const late = day < format(now, 'yyyy-MM-dd');
  return (
    <time dateTime={day} title={fmt.exact(at)} className={`num${late ? ' due--late' : ''}`}>
      {fmt.day(day, now)}
    </time>
  );
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** Raises a note with an "Undo" button; `undo` resolves with what to say afterwards. */
export function undoToast(ui: StoreApi<UiState>, message: string, undo: () => Promise<string>) {
  ui.getState().toast(message, 'info', {
    action: {
      label: 'Undo',
      run: () => {
        undo().then(
          (done) => ui.getState().toast(done),
          (err: unknown) => ui.getState().toast(messageOf(err), toneOf(err)),
        );
      },
    },
  });
}

/** The "Undo" note for a batch the backend recorded (bulk edits, deletes, merges). */
export function undoBatchToast(
  cache: QueryCache,
  ui: StoreApi<UiState>,
  message: string,
  batchId: string,
  undone = 'Undone.',
) {
  undoToast(ui, message, async () => {
    await cache.mutate('batches.undo', { batchId });
    return undone;
  });
}
