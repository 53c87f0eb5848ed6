/**
 * Tasks: create, read, edit, complete or reopen, snooze, delete (to the Trash) and list. A write to a
 * call task keeps its person's "next call" current in the same transaction.
 */
import { sql } from 'kysely';
import { AppError } from '../../../shared/api/errors.ts';
import type { TasksTable } from '../../db/schema.ts';
import { fieldError, requireCompany, requirePerson, requireStaff } from '../calls/links.ts';
import type { WriteScope } from '../../db/changes.ts';
import type { Ctx } from '../context.ts';
import type { HandlerMap } from '../handler.ts';
import { refreshPersonStats } from '../people/person-stats.ts';
import { softDelete } from '../soft-delete.ts';
import { decodeCursor, encodeCursor } from '../timeline/keyset.cursor.ts';
import { loadTask, requireLiveTask, taskQuery, toTask } from './task.rows.ts';
import { insertTask } from './task.write.ts';
import { agendaHandlers } from './tasks.agenda.ts';

/** Saves a patch to a live task, logs it and refreshes the call facts of every person it touched. */
function saveTask(ctx: Ctx, scope: WriteScope, before: TasksTable, next: Partial<TasksTable>): void {
  ctx.sql.run(
    ctx.q
      .updateTable('tasks')
      .set({ ...next, updated_at: scope.at, updated_by: scope.staffId })
      .where('id', '=', before.id),
  );
  scope.change('tasks', before.id, 'update');
  const type = next.type ?? before.type;
  if (before.type === 'call' || type === 'call') {
    refreshPersonStats(ctx, scope, before.person_id);
    if (next.person_id !== undefined && next.person_id !== before.person_id) {
      refreshPersonStats(ctx, scope, next.person_id);
    }
  }
}

const timeNeedsDate = (path: string) =>
  fieldError(path, 'Give the due date as well as the time (the date in your own time zone).');

export const tasksHandlers = {
  'tasks.create': (input, ctx) =>
    ctx.writer.write((scope) => {
      if (input.assigneeId) requireStaff(ctx, input.assigneeId, 'assigneeId');
      const person = input.personId ? requirePerson(ctx, input.personId, 'personId') : null;
      if (input.companyId) requireCompany(ctx, input.companyId, 'companyId');
      if (input.dueAt != null && input.dueDate == null) throw timeNeedsDate('dueDate');
      const id = insertTask(ctx, scope, {
        type: input.type,
        title: input.title,
        notes: input.notes ?? null,
        dueDate: input.dueDate ?? null,
        dueAt: input.dueAt ?? null,
        reminderAt: input.reminderAt ?? null,
        priority: input.priority,
        // Left out, a task is the current user's; null leaves it unassigned.
        assigneeId: input.assigneeId === undefined ? scope.staffId : input.assigneeId,
        personId: person?.id ?? null,
        companyId: input.companyId === undefined ? (person?.company_id ?? null) : input.companyId,
        callId: null,
      });
      return loadTask(ctx, id);
    }),

  'tasks.get': (input, ctx) => loadTask(ctx, input.id),

  'tasks.update': (input, ctx) =>
    ctx.writer.write((scope) => {
      const before = requireLiveTask(ctx, input.id);
      const p = input.patch;
      const next: Partial<TasksTable> = {};
      if (p.assigneeId !== undefined && p.assigneeId !== before.assignee_id) {
        if (p.assigneeId) requireStaff(ctx, p.assigneeId, 'patch.assigneeId');
        next.assignee_id = p.assigneeId;
      }
      if (p.personId !== undefined && p.personId !== before.person_id) {
        next.person_id = p.personId ? requirePerson(ctx, p.personId, 'patch.personId').id : null;
      }
      if (p.companyId !== undefined && p.companyId !== before.company_id) {
        next.company_id = p.companyId ? requireCompany(ctx, p.companyId, 'patch.companyId').id : null;
      }
      // A due time needs its local date (the backend does not know the user's time zone).
      const dueDate = p.dueDate === undefined ? before.due_date : p.dueDate;
      if (p.dueAt != null && dueDate === null) throw timeNeedsDate('patch.dueDate');
      if (p.type !== undefined) next.type = p.type;
      if (p.title !== undefined) next.title = p.title;
      if (p.notes !== undefined) next.notes = p.notes;
      if (p.dueDate !== undefined) next.due_date = p.dueDate;
      if (p.dueAt !== undefined) next.due_at = p.dueAt;
      if (p.dueDate === null && p.dueAt === undefined) next.due_at = null; // no date, no time
      if (p.priority !== undefined) next.priority = p.priority;
      if (p.reminderAt !== undefined && p.reminderAt !== before.reminder_at) {
        // A new reminder time replaces any snooze and fires again.
        next.reminder_at = p.reminderAt;
        next.snoozed_until = null;
        next.reminded_at = null;
      }
      if (Object.keys(next).length === 0) return loadTask(ctx, before.id);
      saveTask(ctx, scope, before, next);
      return loadTask(ctx, before.id);
    }),

  'tasks.complete': (input, ctx) =>
    ctx.writer.write((scope) => {
      const before = requireLiveTask(ctx, input.id);
      if ((before.done_at !== null) === input.done) return loadTask(ctx, before.id);
      saveTask(ctx, scope, before, { done_at: input.done ? scope.at : null });
      return loadTask(ctx, before.id);
    }),

  'tasks.snooze': (input, ctx) =>
    ctx.writer.write((scope) => {
      const before = requireLiveTask(ctx, input.id);
      if (before.done_at !== null)
        throw new AppError('CONFLICT', 'That task is done. Reopen it to snooze it.');
      saveTask(ctx, scope, before, {
        snoozed_until: input.until,
        reminded_at: null,
        // Snoozing a task that had no reminder asks for one at the snooze time.
        ...(before.reminder_at === null ? { reminder_at: input.until } : {}),
      });
      return loadTask(ctx, before.id);
    }),

  'tasks.delete': (input, ctx) =>
    ctx.writer.write((scope) => {
      const before = requireLiveTask(ctx, input.id);
      softDelete(ctx, scope, 'tasks', before.id);
      if (before.type === 'call') refreshPersonStats(ctx, scope, before.person_id);
      return { ok: true as const };
    }),

  /**
   * Newest first. Ids are UUIDv7 (creation order), so the keyset is the id alone: the whole book
   * walks the primary key in order, and a person's or company's tasks come from their index.
   */
  'tasks.list': (input, ctx) => {
    const after = decodeCursor(input.cursor);
    let query = taskQuery(ctx).where('t.deleted_at', 'is', null);
    if (input.personId !== undefined) query = query.where('t.person_id', '=', input.personId);
    if (input.companyId !== undefined) {
      query =
        input.personId === undefined
          ? query.where('t.company_id', '=', input.companyId)
          : query.where(sql`+t.company_id`, '=', input.companyId);
    }
    if (input.open === true) query = query.where('t.done_at', 'is', null);
    if (input.open === false) query = query.where('t.done_at', 'is not', null);
    if (after) query = query.where('t.id', '<', after.id);
    const rows = ctx.sql.all(query.orderBy('t.id', 'desc').limit(input.limit + 1));
    const page = rows.slice(0, input.limit).map((r) => toTask(r));
    const last = page.at(-1);
    return {
      rows: page,
      nextCursor:
        rows.length > input.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
    };
  },

  ...agendaHandlers,
} satisfies HandlerMap<
  | 'tasks.create'
  | 'tasks.get'
  | 'tasks.update'
  | 'tasks.complete'
  | 'tasks.snooze'
  | 'tasks.delete'
  | 'tasks.list'
  | 'tasks.agenda'
>;
