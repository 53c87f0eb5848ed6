/**
 * The editable lists (call purposes, call outcomes). lists.set replaces a list in one transaction:
 * a value that calls still use is kept as an inactive choice (with its "connected" flag) rather than
 * deleted, so history keeps its meaning; at least one active outcome must count as a conversation.
 */
import { AppError } from '../../../shared/api/errors.ts';
import type { ListName } from '../../../shared/domain/activity.ts';
import type { ListValuesTable } from '../../db/schema.ts';
import { fieldError } from '../calls/links.ts';
import type { ParsedInput } from '../../../shared/api/requests.ts';
import type { ListValue } from '../../../shared/domain/activity.ts';
import type { Ctx } from '../context.ts';
import { NO_JOB, type JobControl } from '../jobs/job.ts';
import type { HandlerMap } from '../handler.ts';
import { refreshPersonStats } from '../people/person-stats.ts';
import { readList, toListValue } from './list-values.ts';
import { consentPurposeUsed } from '../privacy/consents.ts';

/**
 * Whether any call (live or in the Trash) uses the value; one index probe (calls_outcome /
 * calls_purpose). A consent purpose is in use while a consent entry names it (consents_purpose).
 */
function usedByCalls(ctx: Ctx, list: ListName, value: string): boolean {
  if (list === 'consent_purpose') return consentPurposeUsed(ctx, value);
  const column = list === 'call_outcome' ? 'outcome' : 'purpose';
  return (
    ctx.sql.first(ctx.q.selectFrom('calls').select(column).where(column, '=', value).limit(1)) !== undefined
  );
}

/** People with live calls of this outcome: their last contact moves when the outcome's flag does. */
function peopleWithOutcome(ctx: Ctx, value: string): string[] {
  return ctx.sql
    .all(
      ctx.q
        .selectFrom('calls')
        .select('person_id')
        .distinct()
        .where('outcome', '=', value)
        .where('person_id', 'is not', null)
        .where('deleted_at', 'is', null),
    )
    .map((r) => r.person_id as string);
}

const key = (row: Pick<ListValuesTable, 'list' | 'value'>) => `${row.list}:${row.value}`;

/**
 * Replaces a list. A job: flipping an outcome's "connected" flag moves the last contact of everyone
 * with calls of that outcome, which on a large book is many people.
 */
export function setList(ctx: Ctx, input: ParsedInput<'lists.set'>, job: JobControl = NO_JOB): ListValue[] {
  return ctx.writer.write((scope) => {
    const { list } = input;
    const seen = new Map<string, number>();
    input.values.forEach((v, i) => {
      const folded = v.value.toLocaleLowerCase();
      if (seen.has(folded)) throw fieldError(`values.${i}.value`, 'That choice is already on the list.');
      seen.set(folded, i);
    });
    const wanted: ListValuesTable[] = input.values.map((v, i) => ({
      list,
      value: v.value,
      position: i,
      active: v.active ? 1 : 0,
      connected: list === 'call_outcome' && v.connected ? 1 : 0,
    }));

    const existing = new Map(readList(ctx, list).map((r) => [r.value, r]));
    const given = new Set(wanted.map((r) => r.value));
    // Values left out: kept (inactive, after the others) while calls use them, deleted otherwise.
    const kept: ListValuesTable[] = [];
    const dropped: ListValuesTable[] = [];
    for (const row of existing.values()) {
      if (given.has(row.value)) continue;
      if (usedByCalls(ctx, list, row.value)) {
        kept.push({ ...row, active: 0, position: wanted.length + kept.length });
      } else dropped.push(row);
    }
    const final = [...wanted, ...kept];
    if (list === 'call_outcome' && !final.some((r) => r.active === 1 && r.connected === 1)) {
      throw new AppError(
        'CONFLICT',
        'Keep at least one active outcome that counts as a conversation, such as “connected”.',
        { issues: [{ path: 'values', message: 'Mark at least one active outcome as a conversation.' }] },
      );
    }

    const flagMoved: string[] = [];
    for (const row of final) {
      const before = existing.get(row.value);
      if (!before) {
        ctx.sql.run(ctx.q.insertInto('list_values').values(row));
        scope.change('list_values', key(row), 'insert');
        continue;
      }
      if (
        before.position === row.position &&
        before.active === row.active &&
        before.connected === row.connected
      ) {
        continue;
      }
      ctx.sql.run(
        ctx.q
          .updateTable('list_values')
          .set({ position: row.position, active: row.active, connected: row.connected })
          .where('list', '=', list)
          .where('value', '=', row.value),
      );
      scope.change('list_values', key(row), 'update');
      if (before.connected !== row.connected) flagMoved.push(row.value);
    }
    for (const row of dropped) {
      ctx.sql.run(ctx.q.deleteFrom('list_values').where('list', '=', list).where('value', '=', row.value));
      scope.change('list_values', key(row), 'delete');
    }
    // An outcome that now does (or no longer does) count as a conversation moves last contact.
    for (const value of flagMoved) {
      const people = peopleWithOutcome(ctx, value);
      for (const [i, personId] of people.entries()) {
        job.step(i, people.length, 'Updating last contact dates');
        refreshPersonStats(ctx, scope, personId);
      }
    }
    return readList(ctx, list).map(toListValue);
  });
}

export const listsHandlers = {
  'lists.get': (input, ctx) => readList(ctx, input.list).map(toListValue),

  'lists.set': (input, ctx) => ctx.jobs.run('lists.set', input),
} satisfies HandlerMap<'lists.get' | 'lists.set'>;
