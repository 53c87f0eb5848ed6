/**
 * Task reminders. A reminder is due when an open, live task's reminder time (or its snooze, which
 * replaces it) has passed and it has not been shown yet. Acknowledging stamps reminded_at, so a
 * restarted app catches up once on what it missed while closed and never repeats it.
 * The look-up walks the tasks_reminders expression index.
 */
import { sql } from 'kysely';
import type { HandlerMap } from '../handler.ts';

/** At most this many reminders come back at once; the rest follow on the next look. */
export const REMINDERS_LIMIT = 100;

export const remindersHandlers = {
  'reminders.due': (input, ctx) => {
    const dueAt = sql<number>`coalesce(t.snoozed_until, t.reminder_at)`;
    const rows = ctx.sql.all(
      ctx.q
        .selectFrom('tasks as t')
        .leftJoin('people as p', 'p.id', 't.person_id')
        .select(['t.id', 't.title', 't.person_id', 'p.display_name', dueAt.as('due_at')])
        .where('t.reminder_at', 'is not', null)
        .where('t.reminded_at', 'is', null)
        .where('t.done_at', 'is', null)
        .where('t.deleted_at', 'is', null)
        .where(dueAt, '<=', input.now)
        .orderBy(dueAt)
        .orderBy('t.id')
        .limit(REMINDERS_LIMIT),
    );
    return rows.map((r) => ({
      taskId: r.id,
      title: r.title,
      dueAt: r.due_at,
      personId: r.person_id,
      personName: r.display_name,
    }));
  },

  'reminders.ack': (input, ctx) =>
    ctx.writer.write((scope) => {
      const ids = [...new Set(input.taskIds)];
      const updated = ctx.sql.all(
        ctx.q
          .updateTable('tasks')
          .set({ reminded_at: scope.at })
          .where('id', 'in', ids)
          .where('reminded_at', 'is', null)
          .where('deleted_at', 'is', null)
          .returning('id'),
      );
      for (const row of updated) scope.change('tasks', row.id, 'update');
      return { count: updated.length };
    }),
} satisfies HandlerMap<'reminders.due' | 'reminders.ack'>;
