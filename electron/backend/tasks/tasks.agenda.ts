/**
 * The agenda: open, live tasks that are overdue, due on the day asked, or due within the next
 * `days` days; for everyone, one staff profile, or (assigneeId null) nobody in particular.
 * Each part is one range over tasks_open_due or tasks_assignee_due, ordered by due date, then
 * timed tasks by time before untimed ones, then priority.
 */
import { sql } from 'kysely';
import type { ParsedInput } from '../../../shared/api/requests.ts';
import type { Ctx } from '../context.ts';
import type { HandlerMap } from '../handler.ts';
import { addDays } from './task.dates.ts';
import { taskQuery, toTask } from './task.rows.ts';

/** Each part of the agenda shows at most this many tasks. */
export const AGENDA_LIMIT = 200;

/** Due date, then timed tasks by time before untimed ones, then priority, age and id. */
const AGENDA_ORDER = sql`t.due_date, t.due_at IS NULL, t.due_at, t.priority, t.created_at, t.id`;

function part(
  ctx: Ctx,
  assigneeId: string | null | undefined,
  range: { after?: string; before?: string; on?: string; upTo?: string },
) {
  let ids = ctx.q
    .selectFrom('tasks as t')
    .select('t.id')
    .where('t.done_at', 'is', null)
    .where('t.deleted_at', 'is', null);
  if (assigneeId === null) ids = ids.where('t.assignee_id', 'is', null);
  else if (assigneeId !== undefined) ids = ids.where('t.assignee_id', '=', assigneeId);
  if (range.on !== undefined) ids = ids.where('t.due_date', '=', range.on);
  if (range.before !== undefined) ids = ids.where('t.due_date', '<', range.before);
  if (range.after !== undefined) ids = ids.where('t.due_date', '>', range.after);
  if (range.upTo !== undefined) ids = ids.where('t.due_date', '<=', range.upTo);
  // The part's tasks are chosen from tasks alone, and only they are joined to their names: on a
  // big book a day can hold thousands of open tasks, and joining each before the sort cost ~100 ms.
  return ctx.sql
    .all(
      taskQuery(ctx).where('t.id', 'in', ids.orderBy(AGENDA_ORDER).limit(AGENDA_LIMIT)).orderBy(AGENDA_ORDER),
    )
    .map((r) => toTask(r));
}

/** The Agenda: overdue, today's and upcoming tasks (a read job, like the Today figures). */
export function agenda(ctx: Ctx, input: ParsedInput<'tasks.agenda'>) {
  return {
    overdue: part(ctx, input.assigneeId, { before: input.date }),
    today: part(ctx, input.assigneeId, { on: input.date }),
    upcoming: part(ctx, input.assigneeId, { after: input.date, upTo: addDays(input.date, input.days) }),
  };
}

export const agendaHandlers = {
  'tasks.agenda': (input, ctx) => ctx.jobs.run('tasks.agenda', input),
} satisfies HandlerMap<'tasks.agenda'>;
