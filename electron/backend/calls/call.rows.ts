/** Calls as the contract shows them: the row plus the names it links to and its outcome's flag. */
import { AppError } from '../../../shared/api/errors.ts';
import type { Call, CallDirection, CallResponse } from '../../../shared/domain/activity.ts';
import type { CallsTable } from '../../db/schema.ts';
import { inJson, slot } from '../../db/query.ts';
import type { Ctx } from '../context.ts';
import { jsonIds } from '../people/prepared.ts';

/** Every call column plus the joined names; the base of calls.get, calls.list and timelines. */
export function callQuery(ctx: Ctx) {
  return ctx.q
    .selectFrom('calls as c')
    .leftJoin('people as p', 'p.id', 'c.person_id')
    .leftJoin('companies as co', 'co.id', 'c.company_id')
    .leftJoin('staff as s', 's.id', 'c.staff_id')
    .leftJoin('list_values as lv', (join) =>
      join.on('lv.list', '=', 'call_outcome').onRef('lv.value', '=', 'c.outcome'),
    )
    .selectAll('c')
    .select([
      'p.display_name as person_name',
      'co.name as company_name',
      's.name as staff_name',
      'lv.connected',
    ]);
}

type CallRow = CallsTable & {
  person_name: string | null;
  company_name: string | null;
  staff_name: string | null;
  connected: number | null;
};

export function toCall(row: CallRow): Call {
  return {
    id: row.id,
    personId: row.person_id,
    personName: row.person_name,
    companyId: row.company_id,
    companyName: row.company_name,
    staffId: row.staff_id,
    staffName: row.staff_name,
    direction: row.direction as CallDirection,
    startedAt: row.started_at,
    durationS: row.duration_s,
    purpose: row.purpose,
    outcome: row.outcome,
    connected: row.connected === 1,
    response: row.response as CallResponse | null,
    summary: row.summary,
    createdAt: row.created_at,
  };
}

/** Live calls by id, in no particular order. */
export function loadCalls(ctx: Ctx, ids: readonly string[]): Call[] {
  if (ids.length === 0) return [];
  return ctx.sql
    .fixed('calls.byIds', () =>
      callQuery(ctx)
        .where('c.id', 'in', inJson(slot(0)))
        .where('c.deleted_at', 'is', null),
    )
    .all(jsonIds(ids))
    .map((r) => toCall(r));
}

/** The stored row of a live call, or NOT_FOUND. */
export function requireLiveCall(ctx: Ctx, id: string): CallsTable {
  const row = ctx.sql.first(
    ctx.q.selectFrom('calls').selectAll().where('id', '=', id).where('deleted_at', 'is', null),
  );
  if (!row) throw new AppError('NOT_FOUND', 'That call does not exist or is in the Trash.', { id });
  return row;
}

export function loadCall(ctx: Ctx, id: string): Call {
  const call = loadCalls(ctx, [id])[0];
  if (!call) throw new AppError('NOT_FOUND', 'That call does not exist or is in the Trash.', { id });
  return call;
}
