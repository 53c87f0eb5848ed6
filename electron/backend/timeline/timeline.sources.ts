/**
 * Where timeline items come from: one query per kind, each walking an index newest first from the
 * keyset and stopping after `limit` rows, so a page costs about the same however long the history is.
 *   person:  calls_person, notes_person, tasks_person, changes_row (tbl = 'people')
 *   company: the same by company (calls_company, notes_company, tasks_company, changes_row with
 *            tbl = 'companies'), plus the items of the company's live people (people_company).
 * Every source returns (kind, at, id) in (at desc, id desc) order; the handler merges and cuts.
 *
 * An order is one item at its order date (00:00 UTC), through orders_person / orders_company.
 * A task is one item, at the moment it was done or else created. A change is the change-log row,
 * id "chg-" + zero-padded seq (so ids order like seqs); a person's row updated only to keep their
 * call facts current (in the same transaction as a call or task write) is not shown as a change,
 * because the call or task is already on the timeline.
 */
import { sql, type RawBuilder } from 'kysely';
import { inJson, slot } from '../../db/query.ts';
import type { Ctx } from '../context.ts';
import type { Keyset } from './keyset.cursor.ts';

export type SourceKind = 'call' | 'note' | 'task' | 'order' | 'change';
export interface SourceRow {
  kind: SourceKind;
  at: number;
  id: string;
}

const CHANGE_ID = sql`printf('chg-%015d', ch.seq)`;
/** How far around a change to look for the rest of its transaction. */
const SAME_WRITE = 64;

function after(at: RawBuilder<unknown>, id: RawBuilder<unknown>, key: Keyset | null): RawBuilder<unknown> {
  if (!key) return sql``;
  return sql`AND ${at} <= ${key.at} AND (${at} < ${key.at} OR ${id} < ${key.id})`;
}

const hideStatRefresh = sql`AND NOT (
    ch.tbl = 'people' AND ch.op = 'update'
    AND EXISTS (SELECT 1 FROM changes x WHERE x.seq BETWEEN ch.seq - ${SAME_WRITE} AND ch.seq + ${SAME_WRITE}
                AND x.at = ch.at AND x.tbl IN ('calls', 'tasks'))
    AND NOT EXISTS (SELECT 1 FROM changes x WHERE x.seq BETWEEN ch.seq - ${SAME_WRITE} AND ch.seq + ${SAME_WRITE}
                AND x.at = ch.at AND x.tbl = 'batches')
  )`;

type Owner = { column: 'person_id' | 'company_id'; id: string } | { peopleOf: string };

/** `column = id`, or "belongs to one of the company's live people but not to the company itself". */
function owned(owner: Owner, alias: string): RawBuilder<unknown> {
  const ref = (c: string) => sql.ref(`${alias}.${c}`);
  if ('column' in owner) return sql`${ref(owner.column)} = ${owner.id}`;
  return sql`${ref('person_id')} IN (SELECT id FROM people WHERE company_id = ${owner.peopleOf} AND deleted_at IS NULL)
    AND (${ref('company_id')} IS NULL OR ${ref('company_id')} <> ${owner.peopleOf})`;
}

/** Whose items a source reads and where the page starts, as slots of a fixed query (Sql.fixed). */
interface Slots {
  owner: Owner;
  key: Keyset | null;
  limit: number;
}

/**
 * One source's rows. Every source has a few shapes (whose items, first page or later), each
 * compiled once per connection: a timeline page is ten small index walks, and building them anew
 * each time cost as much as SQLite's answer.
 */
function source(
  ctx: Ctx,
  name: string,
  owner: Owner,
  key: Keyset | null,
  limit: number,
  build: (slots: Slots) => RawBuilder<SourceRow>,
): SourceRow[] {
  const ownerId = 'column' in owner ? owner.id : owner.peopleOf;
  const who = 'column' in owner ? owner.column : 'people_of';
  const query = ctx.sql.fixed(`timeline.${name}:${who}:${key ? 'after' : 'first'}`, () => {
    const at = slot(1) as unknown as number;
    const slots: Slots = {
      owner: 'column' in owner ? { column: owner.column, id: slot(0) } : { peopleOf: slot(0) },
      key: key ? { at, id: slot(2) } : null,
      limit: slot(3) as unknown as number,
    };
    return { compile: () => build(slots).compile(ctx.q) };
  });
  return query.all(ownerId, key?.at, key?.id, limit);
}

function calls(ctx: Ctx, owner: Owner, key: Keyset | null, limit: number): SourceRow[] {
  return source(
    ctx,
    'calls',
    owner,
    key,
    limit,
    (s) => sql`SELECT 'call' AS kind, c.started_at AS at, c.id AS id FROM calls c
      WHERE ${owned(s.owner, 'c')} AND c.deleted_at IS NULL ${after(sql`c.started_at`, sql`c.id`, s.key)}
      ORDER BY c.started_at DESC, c.id DESC LIMIT ${s.limit}`,
  );
}

function notes(ctx: Ctx, owner: Owner, key: Keyset | null, limit: number): SourceRow[] {
  return source(
    ctx,
    'notes',
    owner,
    key,
    limit,
    (s) => sql`SELECT 'note' AS kind, n.created_at AS at, n.id AS id FROM notes n
      WHERE ${owned(s.owner, 'n')} AND n.deleted_at IS NULL ${after(sql`n.created_at`, sql`n.id`, s.key)}
      ORDER BY n.created_at DESC, n.id DESC LIMIT ${s.limit}`,
  );
}

function tasks(ctx: Ctx, owner: Owner, key: Keyset | null, limit: number): SourceRow[] {
  const at = sql`coalesce(t.done_at, t.created_at)`;
  return source(
    ctx,
    'tasks',
    owner,
    key,
    limit,
    (s) => sql`SELECT 'task' AS kind, ${at} AS at, t.id AS id FROM tasks t
      WHERE ${owned(s.owner, 't')} AND t.deleted_at IS NULL ${after(at, sql`t.id`, s.key)}
      ORDER BY ${at} DESC, t.id DESC LIMIT ${s.limit}`,
  );
}

function orders(ctx: Ctx, owner: Owner, key: Keyset | null, limit: number): SourceRow[] {
  const at = sql`CAST(unixepoch(o.order_date) AS INTEGER) * 1000`;
  return source(
    ctx,
    'orders',
    owner,
    key,
    limit,
    (s) => sql`SELECT 'order' AS kind, ${at} AS at, o.id AS id FROM orders o
      WHERE ${owned(s.owner, 'o')} AND o.deleted_at IS NULL ${after(at, sql`o.id`, s.key)}
      ORDER BY o.order_date DESC, o.id DESC LIMIT ${s.limit}`,
  );
}

/** Whose change-log rows: the row itself (a person or a company), or a company's live people. */
type ChangesOf = { tbl: 'people' | 'companies'; id: string } | { peopleOf: string };

function changes(ctx: Ctx, of: ChangesOf, key: Keyset | null, limit: number): SourceRow[] {
  const owner: Owner = 'tbl' in of ? { column: 'person_id', id: of.id } : of;
  const tbl = 'tbl' in of ? of.tbl : 'people_of';
  return source(ctx, `changes.${tbl}`, owner, key, limit, (s) => {
    const id = 'column' in s.owner ? s.owner.id : s.owner.peopleOf;
    const rows =
      'tbl' in of
        ? sql`ch.tbl = ${sql.lit(of.tbl)} AND ch.row_id = ${id}`
        : sql`ch.tbl = 'people' AND ch.row_id IN (SELECT id FROM people WHERE company_id = ${id} AND deleted_at IS NULL)`;
    return sql`SELECT 'change' AS kind, ch.at AS at, ${CHANGE_ID} AS id FROM changes ch
      WHERE ${rows} ${after(sql`ch.at`, CHANGE_ID, s.key)} ${hideStatRefresh}
      ORDER BY ch.at DESC, ch.seq DESC LIMIT ${s.limit}`;
  });
}

export function personSources(ctx: Ctx, personId: string, key: Keyset | null, limit: number): SourceRow[] {
  const owner: Owner = { column: 'person_id', id: personId };
  return [
    ...calls(ctx, owner, key, limit),
    ...notes(ctx, owner, key, limit),
    ...tasks(ctx, owner, key, limit),
    ...orders(ctx, owner, key, limit),
    ...changes(ctx, { tbl: 'people', id: personId }, key, limit),
  ];
}

export function companySources(ctx: Ctx, companyId: string, key: Keyset | null, limit: number): SourceRow[] {
  const own: Owner = { column: 'company_id', id: companyId };
  const people: Owner = { peopleOf: companyId };
  return [
    ...calls(ctx, own, key, limit),
    ...calls(ctx, people, key, limit),
    ...notes(ctx, own, key, limit),
    ...notes(ctx, people, key, limit),
    ...tasks(ctx, own, key, limit),
    ...tasks(ctx, people, key, limit),
    ...orders(ctx, own, key, limit),
    ...orders(ctx, people, key, limit),
    ...changes(ctx, { tbl: 'companies', id: companyId }, key, limit),
    ...changes(ctx, { peopleOf: companyId }, key, limit),
  ];
}

/** The change-log rows behind change items, with who made them and the person's name. */
export function loadChangeRows(ctx: Ctx, seqs: readonly number[]) {
  if (seqs.length === 0) return [];
  return ctx.sql
    .fixed('timeline.changeRows', () =>
      ctx.q
        .selectFrom('changes as ch')
        .leftJoin('staff as s', 's.id', 'ch.staff_id')
        .leftJoin('people as p', (join) => join.onRef('p.id', '=', 'ch.row_id').on('ch.tbl', '=', 'people'))
        .select(['ch.seq', 'ch.tbl', 'ch.op', 'ch.at', 's.name as staff_name', 'p.display_name'])
        .where('ch.seq', 'in', inJson<number>(slot(0))),
    )
    .all(JSON.stringify(seqs));
}

export function changeSeq(id: string): number {
  return Number(id.slice(4));
}
