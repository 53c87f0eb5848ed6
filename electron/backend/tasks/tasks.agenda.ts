/**
 * The agenda: open, live tasks that are overdue, due on the day asked, or due within the next
 * `days` days; for everyone, one staff profile, or (assigneeId null) nobody in particular.
 * Each part is one range over tasks_open_due or tasks_assignee_due, ordered by due date, then
 * timed tasks by time before untimed ones, then priority.
 */
import type { ParsedInput } from '../../../shared/api/requests.ts';
import type { Ctx } from '../context.ts';
import type { HandlerMap } from '../handler.ts';
import { addDays } from './task.dates.ts';
import { taskQuery, toTask } from './task.rows.ts';

/** Each part of the agenda shows at most this many tasks. */
export const AGENDA_LIMIT = 200;

function part(
  ctx: Ctx,
  assigneeId: string | null | undefined,
  range: { after?: string; before?: string; on?: string; upTo?: string },
) {
  let query = taskQuery(ctx).where('t.done_at', 'is', null).where('t.deleted_at', 'is', null);
  if (assigneeId === null) query = query.where('t.assignee_id', 'is', null);
  else if (assigneeId !== undefined) query = query.where('t.assignee_id', '=', assigneeId);
  if (range.on !== undefined) query = query.where('t.due_date', '=', range.on);
  if (range.before !== undefined) query = query.where('t.due_date', '<', range.before);
  if (range.after !== undefined) query = query.where('t.due_date', '>', range.after);
  if (range.upTo !== undefined) query = query.where('t.due_date', '<=', range.upTo);
  return ctx.sql
    .all(
      query
        .orderBy('t.due_date')
        .orderBy((eb) => eb('t.due_at', 'is', null))
        .orderBy('t.due_at')
        .orderBy('t.priority')
        .orderBy('t.created_at')
        .orderBy('t.id')
        .limit(AGENDA_LIMIT),
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
