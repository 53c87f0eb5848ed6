/** The Today screen: counts and lists straight from the book, for the day the renderer names. */
import { sql as rawSql, type CompiledQuery } from 'kysely';
import type { ParsedInput } from '../../../shared/api/requests.ts';
import type { TodaySummary } from '../../../shared/domain/today.ts';
import type { Ctx } from '../context.ts';
import type { HandlerMap } from '../handler.ts';
import { callsDue } from './calls-due.ts';

/** Tasks listed under "Due today": today's, then the oldest overdue. */
const DUE_TASKS = 12;

/** The Today screen's figures (a read job: on a large book its counts read many rows). */
export function todaySummary(ctx: Ctx, input: ParsedInput<'today.summary'>): TodaySummary {
  const { q, sql } = ctx;
  const count = (query: { compile(): CompiledQuery<{ n: number }> }) => sql.first(query)?.n ?? 0;

  const people = count(
    q
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('deleted_at', 'is', null),
  );
  const companies = count(
    q
      .selectFrom('companies')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('deleted_at', 'is', null),
  );
  const callsTodayQuery = q
    .selectFrom('calls')
    .where('deleted_at', 'is', null)
    .where('started_at', '>=', input.dayStart)
    .where('started_at', '<', input.dayEnd);
  const callsToday = count(callsTodayQuery.select((eb) => eb.fn.countAll<number>().as('n')));
  // A conversation is a call whose outcome is flagged "connected" in the editable outcome list.
  const connectedToday = count(
    callsTodayQuery
      .innerJoin('list_values as lv', (join) =>
        join.on('lv.list', '=', 'call_outcome').onRef('lv.value', '=', 'calls.outcome'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('lv.connected', '=', 1),
  );
  const openTasks = q.selectFrom('tasks').where('done_at', 'is', null).where('deleted_at', 'is', null);
  const tasksDueToday = count(
    openTasks.select((eb) => eb.fn.countAll<number>().as('n')).where('due_date', '=', input.date),
  );
  const tasksOverdue = count(
    openTasks.select((eb) => eb.fn.countAll<number>().as('n')).where('due_date', '<', input.date),
  );
  const openTaskCount = count(openTasks.select((eb) => eb.fn.countAll<number>().as('n')));
  // The cases_open and cases_due partial indexes' own predicate, in literals (a bound parameter
  // would not match it), so both counts read an index.
  const openCases = q
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(rawSql<boolean>`status IN ('open', 'waiting') AND deleted_at IS NULL`);
  const casesOpen = count(openCases);
  const casesOverdue = count(openCases.where('due_date', '<', input.date));

  const recentCalls = sql
    .all(
      q
        .selectFrom('calls as c')
        .leftJoin('people as p', 'p.id', 'c.person_id')
        .leftJoin('staff as s', 's.id', 'c.staff_id')
        .select([
          'c.id',
          'c.person_id',
          'p.display_name',
          'c.direction',
          'c.started_at',
          'c.duration_s',
          'c.outcome',
          's.name as staff_name',
        ])
        .where('c.deleted_at', 'is', null)
        .where('c.started_at', '<', input.dayEnd)
        .orderBy('c.started_at', 'desc')
        .limit(8),
    )
    .map((r) => ({
      id: r.id,
      personId: r.person_id,
      personName: r.display_name ?? 'Unknown caller',
      direction: r.direction,
      startedAt: r.started_at,
      durationS: r.duration_s,
      outcome: r.outcome,
      staffName: r.staff_name,
    }));

  // Today's tasks first, then the overdue ones, oldest first. Each part picks its tasks from
  // tasks_open_due alone and joins only those: a busy book has thousands of open tasks a day.
  const dueTasksWhere = (
    where: (query: typeof openTasks) => typeof openTasks,
    order: string[],
    limit: number,
  ) =>
    sql.all(
      q
        .selectFrom('tasks as t')
        .leftJoin('people as p', 'p.id', 't.person_id')
        .leftJoin('staff as s', 's.id', 't.assignee_id')
        .select(['t.id', 't.title', 't.due_date', 'p.display_name', 's.name as assignee_name'])
        .where(
          't.id',
          'in',
          where(openTasks)
            .select('tasks.id')
            .orderBy(rawSql.raw(order.join(', ')))
            .limit(limit),
        )
        .orderBy(rawSql.raw(order.map((c) => `t.${c}`).join(', '))),
    );
  const today = dueTasksWhere((t) => t.where('due_date', '=', input.date), ['priority', 'id'], DUE_TASKS);
  const overdue =
    today.length < DUE_TASKS
      ? dueTasksWhere(
          (t) => t.where('due_date', '<', input.date),
          ['due_date', 'priority', 'id'],
          DUE_TASKS - today.length,
        )
      : [];
  const dueTasks = [...today, ...overdue].map((r) => ({
    id: r.id,
    title: r.title,
    dueDate: r.due_date ?? input.date,
    personName: r.display_name,
    assigneeName: r.assignee_name,
    overdue: (r.due_date ?? input.date) < input.date,
  }));

  return {
    date: input.date,
    counts: {
      people,
      companies,
      callsToday,
      connectedToday,
      tasksDueToday,
      tasksOverdue,
      openTasks: openTaskCount,
      casesOpen,
      casesOverdue,
    },
    recentCalls,
    dueTasks,
    callsDue: callsDue(ctx, input),
  };
}

export const todayHandlers = {
  'today.summary': (input, ctx) => ctx.jobs.run('today.summary', input),
} satisfies HandlerMap<'today.summary'>;
