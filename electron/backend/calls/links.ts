/**
 * Look-ups of the records a call, task or note links to. Each throws NOT_FOUND naming the field,
 * so nothing is written when a link points at something missing or in the Trash.
 */
import { AppError } from '../../../shared/api/errors.ts';
import { slot } from '../../db/query.ts';
import type { Ctx } from '../context.ts';

export interface LinkedPerson {
  id: string;
  display_name: string;
  company_id: string | null;
}

export interface LinkedCompany {
  id: string;
  name: string;
}

function notFound(what: string, path: string, id: string): AppError {
  const message = `That ${what} does not exist or is in the Trash.`;
  return new AppError('NOT_FOUND', message, { path, id, issues: [{ path, message }] });
}

export function requirePerson(ctx: Ctx, id: string, path: string): LinkedPerson {
  const row = ctx.sql
    .fixed('links.person', () =>
      ctx.q
        .selectFrom('people')
        .select(['id', 'display_name', 'company_id'])
        .where('id', '=', slot(0))
        .where('deleted_at', 'is', null),
    )
    .first(id);
  if (!row) throw notFound('person', path, id);
  return row;
}

export function requireCompany(ctx: Ctx, id: string, path: string): LinkedCompany {
  const row = ctx.sql
    .fixed('links.company', () =>
      ctx.q
        .selectFrom('companies')
        .select(['id', 'name'])
        .where('id', '=', slot(0))
        .where('deleted_at', 'is', null),
    )
    .first(id);
  if (!row) throw notFound('company', path, id);
  return row;
}

export function requireStaff(ctx: Ctx, id: string, path: string): void {
  const row = ctx.sql
    .fixed('links.staff', () => ctx.q.selectFrom('staff').select('id').where('id', '=', slot(0)))
    .first(id);
  if (!row) {
    const message = 'That staff profile does not exist.';
    throw new AppError('NOT_FOUND', message, { path, id, issues: [{ path, message }] });
  }
}

/** A VALIDATION error the UI shows at one field. */
export function fieldError(path: string, message: string): AppError {
  return new AppError('VALIDATION', message, { issues: [{ path, message }] });
}
