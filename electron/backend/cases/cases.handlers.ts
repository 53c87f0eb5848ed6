/** cases.create / get / update / setStatus / delete (to the Trash) / restore / list / openFor. */
import { AppError } from '../../../shared/api/errors.ts';
import type { WriteScope } from '../../db/changes.ts';
import type { Ctx } from '../context.ts';
import type { HandlerMap } from '../handler.ts';
import { prepared } from '../people/prepared.ts';
import { loadCase, requireLiveCase } from './case.rows.ts';
import { insertCase, setCaseStatus, updateCase } from './case.write.ts';
import { listCases, openCasesFor } from './cases.list.ts';

/** Restores a case inside the caller's write (cases.restore, trash.restore); false if it was live. */
export function restoreCaseIn(ctx: Ctx, scope: WriteScope, id: string): boolean {
  const row = prepared(ctx, `SELECT id, deleted_at FROM cases WHERE id = ?`).get(id) as
    { id: string; deleted_at: number | null } | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'That case is not in the book.', { id });
  if (row.deleted_at === null) return false;
  prepared(ctx, `UPDATE cases SET deleted_at = NULL, updated_at = ?, updated_by = ? WHERE id = ?`).run(
    scope.at,
    scope.staffId,
    row.id,
  );
  scope.change('cases', row.id, 'update');
  return true;
}

export const casesHandlers = {
  'cases.create': (input, ctx) => ctx.writer.write((scope) => loadCase(ctx, insertCase(ctx, scope, input))),

  'cases.get': (input, ctx) => loadCase(ctx, input.id),

  'cases.update': (input, ctx) =>
    ctx.writer.write((scope) => {
      updateCase(ctx, scope, input.id, input.patch);
      return loadCase(ctx, input.id);
    }),

  'cases.setStatus': (input, ctx) =>
    ctx.writer.write((scope) => {
      setCaseStatus(ctx, scope, input);
      return loadCase(ctx, input.id);
    }),

  'cases.delete': (input, ctx) =>
    ctx.writer.write((scope) => {
      const row = requireLiveCase(ctx, input.id);
      prepared(ctx, `UPDATE cases SET deleted_at = ?, updated_at = ?, updated_by = ? WHERE id = ?`).run(
        scope.at,
        scope.at,
        scope.staffId,
        row.id,
      );
      scope.change('cases', row.id, 'delete');
      return { ok: true as const };
    }),

  'cases.restore': (input, ctx) =>
    ctx.writer.write((scope) => {
      restoreCaseIn(ctx, scope, input.id);
      return loadCase(ctx, input.id);
    }),

  'cases.list': (input, ctx) => listCases(ctx, input),

  'cases.openFor': (input, ctx) => openCasesFor(ctx, input),
} satisfies HandlerMap<
  | 'cases.create'
  | 'cases.get'
  | 'cases.update'
  | 'cases.setStatus'
  | 'cases.delete'
  | 'cases.restore'
  | 'cases.list'
  | 'cases.openFor'
>;
