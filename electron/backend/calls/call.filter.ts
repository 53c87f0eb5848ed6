/**
 * The Calls log's filter as SQL, shared by calls.list and calls.totals.
 *
 * Without statistics SQLite cannot tell which index is the most selective, so the filter says:
 * the first of person, company, staff, outcome, purpose that is given drives the query through its
 * (column, started_at) index, and the others are written as `+column` so they only filter. A
 * started_at range is always present, so a filter with none of them walks calls_started in order
 * (never a full scan and sort of the calls table).
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { ParsedInput } from '../../../shared/api/requests.ts';
import type { Keyset } from '../timeline/keyset.cursor.ts';

export type CallFilter = ParsedInput<'calls.list'>['filter'];

const END_OF_TIME = 8.64e15;

const DRIVERS = [
  ['personId', 'c.person_id'],
  ['companyId', 'c.company_id'],
  ['staffId', 'c.staff_id'],
  ['outcome', 'c.outcome'],
  ['purpose', 'c.purpose'],
] as const;

/** WHERE for live calls matching the filter, after the keyset (started_at desc, id desc) when given. */
export function callFilterSql(filter: CallFilter, after: Keyset | null = null): RawBuilder<SqlBool> {
  const parts: RawBuilder<unknown>[] = [sql`c.deleted_at IS NULL`];
  let driving = true;
  for (const [key, column] of DRIVERS) {
    const value = filter[key];
    if (value === undefined) continue;
    parts.push(driving ? sql`${sql.ref(column)} = ${value}` : sql`+${sql.ref(column)} = ${value}`);
    driving = false;
  }
  if (filter.direction !== undefined) parts.push(sql`c.direction = ${filter.direction}`);
  if (filter.from !== undefined) parts.push(sql`c.started_at >= ${filter.from}`);
  parts.push(sql`c.started_at < ${filter.to ?? END_OF_TIME}`);
  if (after) {
    parts.push(sql`c.started_at <= ${after.at}`);
    parts.push(sql`(c.started_at < ${after.at} OR c.id < ${after.id})`);
  }
  return sql<SqlBool>`${sql.join(parts, sql` AND `)}`;
}
