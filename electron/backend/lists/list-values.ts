/** The editable lists (call purposes, outcomes, consent purposes) as rows, and the check for a choice. */
import type { ListName, ListValue } from '../../../shared/domain/activity.ts';
import type { ListValuesTable } from '../../db/schema.ts';
import { fieldError } from '../calls/links.ts';
import type { Ctx } from '../context.ts';

export function toListValue(row: ListValuesTable): ListValue {
  return {
    value: row.value,
    position: row.position,
    active: row.active === 1,
    connected: row.list === 'call_outcome' && row.connected === 1,
  };
}

export function readList(ctx: Ctx, list: ListName): ListValuesTable[] {
  return ctx.sql.all(
    ctx.q.selectFrom('list_values').selectAll().where('list', '=', list).orderBy('position').orderBy('value'),
  );
}

const WHAT: Record<ListName, string> = {
  call_outcome: 'an outcome',
  call_purpose: 'a purpose',
  consent_purpose: 'a purpose',
};

/** Throws VALIDATION at `path` unless `value` is an active choice of `list`. */
export function requireChoice(ctx: Ctx, list: ListName, value: string, path: string): void {
  const row = ctx.sql.first(
    ctx.q
      .selectFrom('list_values')
      .select('active')
      .where('list', '=', list)
      .where('value', '=', value)
      .where('active', '=', 1),
  );
  if (!row) throw fieldError(path, `Choose ${WHAT[list]} from the list.`);
}
