/**
 * Today's calls: people with an open, live call task due today or earlier, in the order they can
 * be called. (A person's next_call_at is derived from exactly these tasks, but as the due date's
 * UTC midnight, so the tasks themselves, with their local due dates, decide what is due today.)
 * Candidates come from the tasks_open_due index; the calling windows are worked out in JS with
 * Intl for each person's zone.
 */
import type { CallDue } from '../../../shared/domain/today.ts';
import type { Ctx } from '../context.ts';
import { describeWindow, hasWindow, windowAt, type WindowSpec } from './calling-window.ts';

/** At most this many people are listed, and this many due call tasks considered. */
export const CALLS_DUE_LIMIT = 100;
const CANDIDATE_LIMIT = 2000;

export function callsDue(ctx: Ctx, input: { date: string; dayStart: number }): CallDue[] {
  const now = ctx.clock();
  // The user's offset that day, for people whose window has no zone of its own.
  const [y, m, d] = input.date.split('-').map(Number) as [number, number, number];
  const userOffset = Date.UTC(y, m - 1, d) - input.dayStart;

  const rows = ctx.sql.all(
    ctx.q
      .selectFrom('tasks as t')
      .innerJoin('people as p', 'p.id', 't.person_id')
      .leftJoin('companies as co', 'co.id', 'p.company_id')
      .select([
        't.id as task_id',
        't.title',
        't.due_date',
        't.due_at',
        't.priority',
        'p.id as person_id',
        'p.display_name',
        'p.primary_phone',
        'p.do_not_call',
        'p.call_days',
        'p.call_from',
        'p.call_to',
        'p.time_zone',
        'co.name as company_name',
      ])
      .where('t.done_at', 'is', null)
      .where('t.deleted_at', 'is', null)
      .where('t.due_date', '<=', input.date)
      .where('t.type', '=', 'call')
      .where('p.deleted_at', 'is', null)
      // Most recently due first, so a long backlog cannot crowd out today's calls.
      .orderBy('t.due_date', 'desc')
      .limit(CANDIDATE_LIMIT),
  );

  type Entry = CallDue & { closesAt: number | null; sortDue: string; sortPriority: number };
  const byPerson = new Map<string, Entry>();
  for (const r of rows) {
    const dueDate = r.due_date as string;
    const seen = byPerson.get(r.person_id);
    if (seen) {
      seen.taskCount++;
      // The earliest due task is the reason; at equal dates the higher priority.
      const earlier = dueDate < seen.sortDue || (dueDate === seen.sortDue && r.priority < seen.sortPriority);
      if (earlier) {
        Object.assign(seen, { taskId: r.task_id, reason: r.title, dueDate, overdue: dueDate < input.date });
        seen.sortDue = dueDate;
        seen.sortPriority = r.priority;
      }
      continue;
    }
    const w: WindowSpec = { days: r.call_days, from: r.call_from, to: r.call_to, timeZone: r.time_zone };
    const at = hasWindow(w) ? windowAt(w, now, userOffset) : null;
    byPerson.set(r.person_id, {
      personId: r.person_id,
      name: r.display_name,
      companyName: r.company_name,
      phone: r.primary_phone,
      taskId: r.task_id,
      reason: r.title,
      dueDate,
      overdue: dueDate < input.date,
      taskCount: 1,
      window: describeWindow(w),
      callableNow: at?.callableNow ?? false,
      windowOpensAt: at?.opensAt ?? null,
      doNotCall: r.do_not_call === 1,
      closesAt: at?.closesAt ?? null,
      sortDue: dueDate,
      sortPriority: r.priority,
    });
  }

  const rank = (e: Entry) => (e.callableNow ? 0 : e.windowOpensAt !== null ? 1 : 2);
  const sorted = [...byPerson.values()].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      // Callable now: the window closing soonest first. Later: the window opening soonest first.
      (rank(a) === 0 ? (a.closesAt ?? 0) - (b.closesAt ?? 0) : 0) ||
      (rank(a) === 1 ? (a.windowOpensAt ?? 0) - (b.windowOpensAt ?? 0) : 0) ||
      (a.sortDue < b.sortDue ? -1 : a.sortDue > b.sortDue ? 1 : 0) ||
      a.sortPriority - b.sortPriority ||
      a.name.localeCompare(b.name),
  );
  return sorted.slice(0, CALLS_DUE_LIMIT).map((e) => ({
    personId: e.personId,
    name: e.name,
    companyName: e.companyName,
    phone: e.phone,
    taskId: e.taskId,
    reason: e.reason,
    dueDate: e.dueDate,
    overdue: e.overdue,
    taskCount: e.taskCount,
    window: e.window,
    callableNow: e.callableNow,
    windowOpensAt: e.windowOpensAt,
    doNotCall: e.doNotCall,
  }));
}
