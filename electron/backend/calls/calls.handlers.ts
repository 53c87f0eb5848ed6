/**
 * Calls: log (with an optional follow-up call task in the same save), read, edit, delete (to the
 * Trash), the Calls log list and its totals. Every write keeps the person's call facts
 * (last contact, last attempt, next call) and the search index current in the same transaction.
 */
import { sql } from 'kysely';
import type { CallsTable } from '../../db/schema.ts';
import type { ParsedInput } from '../../../shared/api/requests.ts';
import type { CallTotals } from '../../../shared/domain/activity.ts';
import type { Ctx } from '../context.ts';
import type { HandlerMap } from '../handler.ts';
import { requireChoice } from '../lists/list-values.ts';
import { refreshPersonStats } from '../people/person-stats.ts';
import { reindex } from '../search/search.index.ts';
import { softDelete } from '../soft-delete.ts';
import { addDays } from '../tasks/task.dates.ts';
import { loadTask } from '../tasks/task.rows.ts';
import { insertTask } from '../tasks/task.write.ts';
import { decodeCursor, encodeCursor } from '../timeline/keyset.cursor.ts';
import { callFilterSql } from './call.filter.ts';
import { callQuery, loadCall, requireLiveCall, toCall } from './call.rows.ts';
import { fieldError, requireCompany, requirePerson, type LinkedPerson } from './links.ts';

export const callsHandlers = {
  'calls.log': (input, ctx) =>
    ctx.writer.write((scope) => {
      const c = input.call;
      const person = c.personId ? requirePerson(ctx, c.personId, 'call.personId') : null;
      const company = c.companyId ? requireCompany(ctx, c.companyId, 'call.companyId') : null;
      requireChoice(ctx, 'call_outcome', c.outcome, 'call.outcome');
      if (c.purpose) requireChoice(ctx, 'call_purpose', c.purpose, 'call.purpose');
      const companyId = company?.id ?? person?.company_id ?? null;

      let followUpDue: string | null = null;
      let followUpTitle = '';
      if (input.followUp) {
        const f = input.followUp;
        if (f.date !== undefined) followUpDue = f.date;
        else if (input.today) followUpDue = addDays(input.today, f.inDays ?? 0);
        else throw fieldError('today', 'Say which day is today.');
        const who = person?.display_name ?? company?.name ?? null;
        if (!who) throw fieldError('followUp', 'A follow-up call needs a person or a company to call.');
        followUpTitle = f.title ?? `Call ${who}`;
      }

      const row: CallsTable = {
        id: ctx.ids(),
        person_id: person?.id ?? null,
        company_id: companyId,
        staff_id: scope.staffId,
        direction: c.direction,
        started_at: c.startedAt,
        duration_s: c.durationS,
        purpose: c.purpose ?? null,
        outcome: c.outcome,
        response: c.response ?? null,
        summary: c.summary,
        created_at: scope.at,
        updated_at: scope.at,
        created_by: scope.staffId,
        updated_by: scope.staffId,
        deleted_at: null,
      };
      ctx.sql.run(ctx.q.insertInto('calls').values(row));
      scope.change('calls', row.id, 'insert');
      reindex(ctx, 'call', row.id);

      let followUpId: string | null = null;
      if (followUpDue !== null) {
        followUpId = insertTask(ctx, scope, {
          type: 'call',
          title: followUpTitle,
          notes: null,
          dueDate: followUpDue,
          dueAt: null,
          reminderAt: null,
          priority: 2,
          assigneeId: scope.staffId,
          personId: row.person_id,
          companyId: row.company_id,
          callId: row.id,
        });
      }
      refreshPersonStats(ctx, scope, row.person_id);
      return { call: loadCall(ctx, row.id), followUp: followUpId ? loadTask(ctx, followUpId) : null };
    }),

  'calls.get': (input, ctx) => loadCall(ctx, input.id),

  'calls.update': (input, ctx) =>
    ctx.writer.write((scope) => {
      const before = requireLiveCall(ctx, input.id);
      const p = input.patch;
      const next: Partial<CallsTable> = {};
      if (p.personId !== undefined && p.personId !== before.person_id) {
        const person: LinkedPerson | null = p.personId
          ? requirePerson(ctx, p.personId, 'patch.personId')
          : null;
        next.person_id = person?.id ?? null;
        // The company follows the person unless the patch names one.
        if (p.companyId === undefined && person?.company_id) next.company_id = person.company_id;
      }
      if (p.companyId !== undefined && p.companyId !== before.company_id) {
        if (p.companyId) requireCompany(ctx, p.companyId, 'patch.companyId');
        next.company_id = p.companyId;
      }
      if (p.outcome !== undefined && p.outcome !== before.outcome) {
        requireChoice(ctx, 'call_outcome', p.outcome, 'patch.outcome');
        next.outcome = p.outcome;
      }
      if (p.purpose !== undefined && (p.purpose ?? null) !== before.purpose) {
        if (p.purpose) requireChoice(ctx, 'call_purpose', p.purpose, 'patch.purpose');
        next.purpose = p.purpose ?? null;
      }
      if (p.direction !== undefined) next.direction = p.direction;
      if (p.startedAt !== undefined) next.started_at = p.startedAt;
      if (p.durationS !== undefined) next.duration_s = p.durationS;
      if (p.response !== undefined) next.response = p.response ?? null;
      if (p.summary !== undefined) next.summary = p.summary;
      if (Object.keys(next).length === 0) return loadCall(ctx, before.id);

      ctx.sql.run(
        ctx.q
          .updateTable('calls')
          .set({ ...next, updated_at: scope.at, updated_by: scope.staffId })
          .where('id', '=', before.id),
      );
      scope.change('calls', before.id, 'update');
      reindex(ctx, 'call', before.id);
      refreshPersonStats(ctx, scope, before.person_id);
      if (next.person_id !== undefined) refreshPersonStats(ctx, scope, next.person_id);
      return loadCall(ctx, before.id);
    }),

  'calls.delete': (input, ctx) =>
    ctx.writer.write((scope) => {
      const before = requireLiveCall(ctx, input.id);
      softDelete(ctx, scope, 'calls', before.id);
      refreshPersonStats(ctx, scope, before.person_id);
      return { ok: true as const };
    }),

  'calls.list': (input, ctx) => {
    const after = decodeCursor(input.cursor);
    const rows = ctx.sql.all(
      callQuery(ctx)
        .where(callFilterSql(input.filter, after))
        .orderBy('c.started_at', 'desc')
        .orderBy('c.id', 'desc')
        .limit(input.limit + 1),
    );
    const page = rows.slice(0, input.limit).map((r) => toCall(r));
    const last = page.at(-1);
    return {
      rows: page,
      nextCursor:
        rows.length > input.limit && last ? encodeCursor({ at: last.startedAt, id: last.id }) : null,
    };
  },

  // Totals over every call in a range (or all time) read millions of rows on a big book: a job.
  'calls.totals': (input, ctx) => ctx.jobs.run('calls.totals', input),
} satisfies HandlerMap<
  'calls.log' | 'calls.get' | 'calls.update' | 'calls.delete' | 'calls.list' | 'calls.totals'
>;

/** Count, connected rate and talk time of the calls a filter matches. */
export function callTotals(ctx: Ctx, input: ParsedInput<'calls.totals'>): CallTotals {
  const row = ctx.sql.first(
    ctx.q
      .selectFrom('calls as c')
      .leftJoin('list_values as lv', (join) =>
        join.on('lv.list', '=', 'call_outcome').onRef('lv.value', '=', 'c.outcome'),
      )
      .select([
        sql<number>`count(*)`.as('count'),
        sql<number>`coalesce(sum(lv.connected = 1), 0)`.as('connected'),
        sql<number>`coalesce(sum(c.duration_s), 0)`.as('talk'),
      ])
      .where(callFilterSql(input.filter)),
  );
  const count = row?.count ?? 0;
  const connected = row?.connected ?? 0;
  return { count, connected, connectedRate: count ? connected / count : 0, talkTimeS: row?.talk ?? 0 };
}
