/**
 * The contacts list: keyset pages (never OFFSET) over the per-sort indexes of 0003
 * (people_by_name, _created, _last_contact, _next_call, and _stage/_owner/_city for those filters).
 *
 * Sorts on a nullable column (last contact, next call) list people with a value first and those
 * without last, in both directions; the cursor's value is null once the list is in that tail.
 */
import type { Page, PersonRow } from '../../../shared/domain/people.ts';
import { unpackPage, type PackedPage } from '../../../shared/api/packed.ts';
import type { ParsedInput } from '../../../shared/api/requests.ts';
import type { Ctx } from '../context.ts';
import { tagNamesOf } from '../tags/tags.repo.ts';
import { decodeCursor, encodeCursor, type CursorValue } from './keyset.ts';
import { peopleFilterSql } from './people.filter.ts';
import { plucked, rowsOf } from './prepared.ts';

type ListInput = ParsedInput<'people.list'>;
type Sort = ListInput['sort'];

export const SORT_COLUMN: Record<Sort, { column: string; nullable: boolean }> = {
  name: { column: 'p.sort_key', nullable: false },
  created: { column: 'p.created_at', nullable: false },
  lastContact: { column: 'p.last_contact_at', nullable: true },
  nextCall: { column: 'p.next_call_at', nullable: true },
};

/**
 * A page's rows travel packed (shared/api/packed.ts): these keys, and SELECT below gives each
 * row's values in the same order, as arrays (better-sqlite3's raw mode: no object per row). The
 * last place holds the row's sort value until the page's cursor has been taken from it, then its
 * tags.
 */
export const PERSON_ROW_KEYS = [
  'id',
  'displayName',
  'companyId',
  'companyName',
  'jobTitle',
  'stage',
  'ownerId',
  'city',
  'phone',
  'email',
  'lastContactAt',
  'nextCallAt',
  'createdAt',
  'tags',
] as const satisfies readonly (keyof PersonRow)[];
const TAGS_AT = PERSON_ROW_KEYS.indexOf('tags');

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

/** A page of the list, packed as people.list answers it. */
export function listPeoplePacked(ctx: Ctx, input: ListInput): PackedPage<Page<PersonRow>> {
  const now = input.now ?? ctx.clock();
  const { nullable } = SORT_COLUMN[input.sort];
  const after = decodeCursor(input.cursor, 2);
  const want = input.limit + 1;
  const found: unknown[][] = [];
  const inNullTail = nullable && after !== null && after[0] === null;
  const read = (phase: 'values' | 'nulls', from: CursorValue[] | null, count: number): boolean => {
    const q = listSql(ctx, input, now, phase, from);
    if (q.none) return false;
    for (const row of rowsOf(ctx, q.sql).all(...q.params, count) as unknown[][]) found.push(row);
    return true;
  };
  const none = { rows: { keys: PERSON_ROW_KEYS, values: [] }, nextCursor: null };
  if (!inNullTail && !read('values', after, want)) return none;
  if (nullable && found.length < want && !read('nulls', inNullTail ? after : null, want - found.length)) {
    return none;
  }
  const page = found.length > input.limit ? found.slice(0, input.limit) : found;
  const last = page.at(-1);
  const nextCursor =
    found.length > input.limit && last
      ? encodeCursor([last[TAGS_AT] as CursorValue, last[0] as string])
      : null;
  const tags = tagNamesOf(
    ctx,
    'person',
    page.map((r) => r[0] as string),
  );
  for (const row of page) row[TAGS_AT] = tags.get(row[0] as string) ?? [];
  return { rows: { keys: PERSON_ROW_KEYS, values: page }, nextCursor };
}

/** A page of the list as objects (the export, which writes them row by row). */
export function listPeople(ctx: Ctx, input: ListInput): Page<PersonRow> {
  return unpackPage(listPeoplePacked(ctx, input));
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
