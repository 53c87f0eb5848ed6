/** Writing a task row: shared by tasks.create and the follow-up a logged call creates. */
import type { Priority, TaskType } from '../../../shared/domain/activity.ts';
import type { WriteScope } from '../../db/changes.ts';
import type { TasksTable } from '../../db/schema.ts';
import type { Ctx } from '../context.ts';
import { refreshPersonStats } from '../people/person-stats.ts';

export interface NewTask {
  type: TaskType;
  title: string;
  notes: string | null;
  dueDate: string | null;
  dueAt: number | null;
  reminderAt: number | null;
  priority: Priority;
  assigneeId: string | null;
  personId: string | null;
  companyId: string | null;
  callId: string | null;
}

/** Inserts the task (links already checked), logs the change and keeps the person's next call current. */
export function insertTask(ctx: Ctx, scope: WriteScope, task: NewTask): string {
  const row: TasksTable = {
    id: ctx.ids(),
    type: task.type,
    title: task.title,
    notes: task.notes,
    due_date: task.dueDate,
    due_at: task.dueAt,
    priority: task.priority,
    person_id: task.personId,
    company_id: task.companyId,
    assignee_id: task.assigneeId,
    done_at: null,
    reminder_at: task.reminderAt,
    snoozed_until: null,
    reminded_at: null,
    call_id: task.callId,
    created_at: scope.at,
    updated_at: scope.at,
    created_by: scope.staffId,
    updated_by: scope.staffId,
    deleted_at: null,
  };
  ctx.sql.run(ctx.q.insertInto('tasks').values(row));
  scope.change('tasks', row.id, 'insert');
  if (row.type === 'call') refreshPersonStats(ctx, scope, row.person_id);
  return row.id;
}
