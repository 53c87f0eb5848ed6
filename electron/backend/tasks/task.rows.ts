/** Tasks as the contract shows them: the row plus the names of the person, company and assignee. */
import { AppError } from '../../../shared/api/errors.ts';
import type { Priority, Task, TaskType } from '../../../shared/domain/activity.ts';
import type { TasksTable } from '../../db/schema.ts';
import { inJson, slot } from '../../db/query.ts';
import type { Ctx } from '../context.ts';
import { jsonIds } from '../people/prepared.ts';

export function taskQuery(ctx: Ctx) {
  return ctx.q
    .selectFrom('tasks as t')
    .leftJoin('people as p', 'p.id', 't.person_id')
    .leftJoin('companies as co', 'co.id', 't.company_id')
    .leftJoin('staff as s', 's.id', 't.assignee_id')
    .selectAll('t')
    .select(['p.display_name as person_name', 'co.name as company_name', 's.name as assignee_name']);
}

type TaskRow = TasksTable & {
  person_name: string | null;
  company_name: string | null;
  assignee_name: string | null;
};

export function toTask(row: TaskRow): Task {
  return {
    id: row.id,
    type: row.type as TaskType,
    title: row.title,
    notes: row.notes,
    dueDate: row.due_date,
    dueAt: row.due_at,
    reminderAt: row.reminder_at,
    snoozedUntil: row.snoozed_until,
    priority: row.priority as Priority,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    personId: row.person_id,
    personName: row.person_name,
    companyId: row.company_id,
    companyName: row.company_name,
    doneAt: row.done_at,
    createdAt: row.created_at,
  };
}

/** Live tasks by id, in no particular order. */
export function loadTasks(ctx: Ctx, ids: readonly string[]): Task[] {
  if (ids.length === 0) return [];
  return ctx.sql
    .fixed('tasks.byIds', () =>
      taskQuery(ctx)
        .where('t.id', 'in', inJson(slot(0)))
        .where('t.deleted_at', 'is', null),
    )
    .all(jsonIds(ids))
    .map((r) => toTask(r));
}

const missing = (id: string) =>
  new AppError('NOT_FOUND', 'That task does not exist or is in the Trash.', { id });

export function loadTask(ctx: Ctx, id: string): Task {
  const task = loadTasks(ctx, [id])[0];
  if (!task) throw missing(id);
  return task;
}

export function requireLiveTask(ctx: Ctx, id: string): TasksTable {
  const row = ctx.sql.first(
    ctx.q.selectFrom('tasks').selectAll().where('id', '=', id).where('deleted_at', 'is', null),
  );
  if (!row) throw missing(id);
  return row;
}
