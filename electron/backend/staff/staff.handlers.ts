import { AppError } from '../../../shared/api/errors.ts';
import type { Staff, StaffRole } from '../../../shared/domain/staff.ts';
import type { WriteScope } from '../../db/changes.ts';
import type { StaffTable } from '../../db/schema.ts';
import type { Ctx } from '../context.ts';
import type { HandlerMap } from '../handler.ts';
import { readSettings, writeSettings } from '../settings/settings.store.ts';

export function toStaff(row: StaffTable): Staff {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role as StaffRole,
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function getStaff(ctx: Ctx, id: string): StaffTable {
  const row = ctx.sql.first(ctx.q.selectFrom('staff').selectAll().where('id', '=', id));
  if (!row) throw new AppError('NOT_FOUND', 'That staff profile does not exist.', { id });
  return row;
}

export function insertStaff(
  ctx: Ctx,
  scope: WriteScope,
  input: { name: string; email: string | null; role: StaffRole },
): Staff {
  const row: StaffTable = {
    id: ctx.ids(),
    name: input.name,
    email: input.email,
    role: input.role,
    active: 1,
    created_at: scope.at,
    updated_at: scope.at,
    created_by: scope.staffId,
    updated_by: scope.staffId,
  };
  ctx.sql.run(ctx.q.insertInto('staff').values(row));
  scope.change('staff', row.id, 'insert');
  return toStaff(row);
}

export const staffHandlers = {
  'staff.list': (input, ctx) => {
    let query = ctx.q.selectFrom('staff').selectAll().orderBy('name').orderBy('id');
    if (!input.includeInactive) query = query.where('active', '=', 1);
    return ctx.sql.all(query).map(toStaff);
  },

  'staff.create': (input, ctx) =>
    ctx.writer.write((scope) =>
      insertStaff(ctx, scope, { name: input.name, email: input.email ?? null, role: input.role ?? 'staff' }),
    ),

  'staff.update': (input, ctx) =>
    ctx.writer.write((scope) => {
      const before = getStaff(ctx, input.id);
      if (input.active === false || (input.role && input.role !== 'owner')) {
        const otherOwners = ctx.sql.first(
          ctx.q
            .selectFrom('staff')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('role', '=', 'owner')
            .where('active', '=', 1)
            .where('id', '!=', input.id),
        );
        if (before.role === 'owner' && before.active === 1 && (otherOwners?.n ?? 0) === 0) {
          throw new AppError(
            'CONFLICT',
            'The book needs at least one active owner. Make someone else an owner first.',
          );
        }
      }
      if (input.active === false && readSettings(ctx).currentStaffId === input.id) {
        throw new AppError(
          'CONFLICT',
          'You cannot switch off the profile you are using. Switch to another profile first.',
        );
      }
      const patch: Partial<StaffTable> = { updated_at: scope.at, updated_by: scope.staffId };
      if (input.name !== undefined) patch.name = input.name;
      if (input.email !== undefined) patch.email = input.email;
      if (input.role !== undefined) patch.role = input.role;
      if (input.active !== undefined) patch.active = input.active ? 1 : 0;
      ctx.sql.run(ctx.q.updateTable('staff').set(patch).where('id', '=', input.id));
      scope.change('staff', input.id, 'update');
      return toStaff(getStaff(ctx, input.id));
    }),

  'staff.switch': (input, ctx) =>
    ctx.writer.write((scope) => {
      const row = getStaff(ctx, input.id);
      if (row.active !== 1) {
        throw new AppError('CONFLICT', `${row.name}’s profile is switched off. Switch it on first.`);
      }
      writeSettings(ctx, scope, { currentStaffId: row.id });
      return readSettings(ctx);
    }),
} satisfies HandlerMap<'staff.list' | 'staff.create' | 'staff.update' | 'staff.switch'>;
