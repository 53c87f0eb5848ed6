/**
 * The contacts list: keyset pages (never OFFSET) over the per-sort indexes of 0003
 * (people_by_name, _created, _last_contact, _next_call, and _stage/_owner/_city for those filters).
 *
 * Sorts on a nullable column (last contact, next call) list people with a value first and those
 * without last, in both directions; the cursor's value is null once the list is in that tail.
 */
import type { PersonRow, Stage } from '../../../shared/domain/people.ts';
import type { ParsedInput } from '../../../shared/api/requests.ts';
import type { Ctx } from '../context.ts';
import { tagNamesOf } from '../tags/tags.repo.ts';
import { decodeCursor, encodeCursor, type CursorValue } from './keyset.ts';
import { peopleFilterSql } from './people.filter.ts';
import { plucked, prepared } from './prepared.ts';

type ListInput = ParsedInput<'people.list'>;
type Sort = ListInput['sort'];

export const SORT_COLUMN: Record<Sort, { column: string; nullable: boolean }> = {
  name: { column: 'p.sort_key', nullable: false },
  created: { column: 'p.created_at', nullable: false },
  lastContact: { column: 'p.last_contact_at', nullable: true },
  nextCall: { column: 'p.next_call_at', nullable: true },
};

interface ListRow {
  id: string;
  display_name: string;
  company_id: string | null;
  company_name: string | null;
  job_title: string | null;
  stage: string;
  owner_id: string | null;
  city: string | null;
  primary_phone: string | null;
  primary_email: string | null;
  last_contact_at: number | null;
  next_call_at: number | null;
  created_at: number;
  sort_value: string | number | null;
}

const SELECT = `SELECT p.id, p.display_name, p.company_id, c.name AS company_name, p.job_title, p.stage,
  p.owner_id, p.city, p.primary_phone, p.primary_email, p.last_contact_at, p.next_call_at, p.created_at`;
const FROM = `FROM people p LEFT JOIN companies c ON c.id = p.company_id AND c.deleted_at IS NULL`;

/** The WHERE and ORDER BY of one keyset step (the list and its anchors share them, and so an index). */
export function keysetParts(
  ctx: Ctx,
  input: Pick<ListInput, 'sort' | 'direction' | 'filter'>,
  now: number,
  phase: 'values' | 'nulls',
  after: CursorValue[] | null,
): { column: string; where: string[]; params: unknown[]; order: string; none: boolean } {
  const { column, nullable } = SORT_COLUMN[input.sort];
  const f = peopleFilterSql(ctx, input.filter, now, { walkSortIndex: input.sort !== 'name' });
  const where = [...f.where];
  const params = [...f.params];
  const dir = input.direction === 'desc' ? 'DESC' : 'ASC';
  const cmp = input.direction === 'desc' ? '<' : '>';
  let order: string;
  if (phase === 'nulls') {
    where.push(`${column} IS NULL`);
    if (after) {
      where.push(`p.id ${cmp} ?`);
      params.push(after[1]);
    }
    order = `p.id ${dir}`;
  } else {
    if (nullable) where.push(`${column} IS NOT NULL`);
    if (after) {
      where.push(`(${column}, p.id) ${cmp} (?, ?)`);
      params.push(after[0], after[1]);
    }
    order = `${column} ${dir}, p.id ${dir}`;
  }
  return { column, where, params, order, none: f.none };
}

/** The SQL of one keyset step; exported so tests can check its query plan. */
export function listSql(
  ctx: Ctx,
  input: Pick<ListInput, 'sort' | 'direction' | 'filter'>,
  now: number,
  phase: 'values' | 'nulls',
  after: CursorValue[] | null,
): { sql: string; params: unknown[]; none: boolean } {
  const k = keysetParts(ctx, input, now, phase, after);
  return {
    sql: `${SELECT}, ${k.column} AS sort_value ${FROM} WHERE ${k.where.join(' AND ')} ORDER BY ${k.order} LIMIT ?`,
    params: k.params,
    none: k.none,
  };
}

function toRow(r: ListRow, tags: string[]): PersonRow {
  return {
    id: r.id,
    displayName: r.display_name,
    companyId: r.company_id,
    companyName: r.company_name,
    jobTitle: r.job_title,
    stage: r.stage as Stage,
    ownerId: r.owner_id,
    city: r.city,
    phone: r.primary_phone,
    email: r.primary_email,
    tags,
    lastContactAt: r.last_contact_at,
    nextCallAt: r.next_call_at,
    createdAt: r.created_at,
  };
}

export function listPeople(ctx: Ctx, input: ListInput): { rows: PersonRow[]; nextCursor: string | null } {
  const now = input.now ?? ctx.clock();
  const { nullable } = SORT_COLUMN[input.sort];
  const after = decodeCursor(input.cursor, 2);
  const want = input.limit + 1;
  const found: ListRow[] = [];
  const inNullTail = nullable && after !== null && after[0] === null;
  if (!inNullTail) {
    const q = listSql(ctx, input, now, 'values', after);
    if (q.none) return { rows: [], nextCursor: null };
    found.push(...(prepared(ctx, q.sql).all(...q.params, want) as ListRow[]));
  }
  if (nullable && found.length < want) {
    const q = listSql(ctx, input, now, 'nulls', inNullTail ? after : null);
    if (q.none) return { rows: [], nextCursor: null };
    found.push(...(prepared(ctx, q.sql).all(...q.params, want - found.length) as ListRow[]));
  }
  const page = found.slice(0, input.limit);
  const last = page.at(-1);
  const nextCursor = found.length > input.limit && last ? encodeCursor([last.sort_value, last.id]) : null;
  const tags = tagNamesOf(
    ctx,
    'person',
    page.map((r) => r.id),
  );
  return { rows: page.map((r) => toRow(r, tags.get(r.id) ?? [])), nextCursor };
}

export function countSql(ctx: Ctx, filter: ListInput['filter'], now: number) {
  const f = peopleFilterSql(ctx, filter, now);
  return {
    sql: `SELECT count(*) FROM people p WHERE ${f.where.join(' AND ')}`,
    params: f.params,
    none: f.none,
  };
}

export function countPeople(ctx: Ctx, filter: ListInput['filter'], now: number): number {
  const q = countSql(ctx, filter, now);
  if (q.none) return 0;
  return plucked(ctx, q.sql).get(...q.params) as number;
}

/** Ids of every live person the filter matches (bulk actions on "all matching"). */
export function matchingIds(ctx: Ctx, filter: ListInput['filter'], now: number): string[] {
  const f = peopleFilterSql(ctx, filter, now);
  if (f.none) return [];
  return plucked(ctx, `SELECT p.id FROM people p WHERE ${f.where.join(' AND ')}`).all(
    ...f.params,
  ) as string[];
}
