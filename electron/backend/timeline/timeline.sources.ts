/**
 * Where timeline items come from: one query per kind, each walking an index newest first from the
 * keyset and stopping after `limit` rows, so a page costs about the same however long the history is.
 *   person:  calls_person, notes_person, tasks_person, changes_row (tbl = 'people')
 *   company: the same by company (calls_company, notes_company, tasks_company, changes_row with
 *            tbl = 'companies'), plus the items of the company's live people (people_company).
 * Every source reads whole items (the row with the names it links to) in (at desc, id desc)
 * order; the handler merges and cuts, and makes the items it keeps. Reading the rows in the same walk, rather than their ids and
 * then each row again by id, keeps a page on the owner's indexes: on a book of millions the id
 * indexes' pages are rarely in memory, and looking thirty items up in them cost ten times the walk.
 *
 * An order is one item at its order date (00:00 UTC), through orders_person / orders_company.
 * A task is one item, at the moment it was done or else created. A change is the change-log row,
 * id "chg-" + zero-padded seq (so ids order like seqs); a person's row updated only to keep their
 * call facts current (in the same transaction as a call or task write) is not shown as a change,
 * because the call or task is already on the timeline.
 */
import { sql, type RawBuilder } from 'kysely';
import type { TimelineItem } from '../../../shared/domain/activity.ts';
import { slot, type FixedQuery } from '../../db/query.ts';
import { callQuery, toCall } from '../calls/call.rows.ts';
import type { Ctx } from '../context.ts';
import { noteQuery, toNote } from '../notes/note.rows.ts';
import { ORDER_SELECT, toOrderSummary, type OrderRow } from '../orders/order.rows.ts';
import { taskQuery, toTask } from '../tasks/task.rows.ts';
import type { Keyset } from './keyset.cursor.ts';

/** Which page a timeline is: a person's, or a company's (which names the person a change was to). */
export type View = 'person' | 'company';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * An item a source found: where it sorts, and the item itself, made only for the rows the page
 * keeps (a company's page reads up to ten sources of a page each, and keeps one page).
 */
export interface SourceRow extends Keyset {
  item(view: View): DistributiveOmit<TimelineItem, 'at' | 'id'>;
}

/** What a change says on the timeline, e.g. "Details changed by Sam". */
export function changeSummary(
  change: {
    tbl: string;
    op: 'insert' | 'update' | 'delete';
    staff_name: string | null;
    display_name: string | null;
  },
  view: View,
): string {
  const by = change.staff_name ? ` by ${change.staff_name}` : '';
  if (change.tbl === 'companies') {
    const what = {
      insert: 'Company added',
      update: 'Company details changed',
      delete: 'Company moved to the Trash',
    };
    return what[change.op] + by;
  }
  if (view === 'company' && change.display_name) {
    const name = change.display_name;
    const what = {
      insert: `${name} added`,
      update: `${name}’s details changed`,
      delete: `${name} moved to the Trash`,
    };
    return what[change.op] + by;
  }
  const what = { insert: 'Added', update: 'Details changed', delete: 'Moved to the Trash' };
  return what[change.op] + by;
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
 * compiled once per connection: a timeline page is up to ten small index walks, and building them
 * anew each time cost as much as SQLite's answer.
 */
function source<O>(
  ctx: Ctx,
  name: string,
  owner: Owner,
  key: Keyset | null,
  limit: number,
  build: (slots: Slots) => { compile(): { sql: string; parameters: readonly unknown[] } },
): O[] {
  const ownerId = 'column' in owner ? owner.id : owner.peopleOf;
  const who = 'column' in owner ? owner.column : 'people_of';
  const query = ctx.sql.fixed(`timeline.${name}:${who}:${key ? 'after' : 'first'}`, () => {
    const at = slot(1) as unknown as number;
    const slots: Slots = {
      owner: 'column' in owner ? { column: owner.column, id: slot(0) } : { peopleOf: slot(0) },
      key: key ? { at, id: slot(2) } : null,
      limit: slot(3) as unknown as number,
    };
    return build(slots) as never;
  }) as FixedQuery<O>;
  return query.all(ownerId, key?.at, key?.id, limit);
}

/** `owned AND alias.deleted_at IS NULL AND (after the key)`: the WHERE of an item source. */
function live(s: Slots, alias: string, at: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`${owned(s.owner, alias)} AND ${sql.ref(`${alias}.deleted_at`)} IS NULL
    ${after(at, sql.ref(`${alias}.id`), s.key)}`;
}

function calls(ctx: Ctx, owner: Owner, key: Keyset | null, limit: number): SourceRow[] {
  return source<Parameters<typeof toCall>[0]>(ctx, 'calls', owner, key, limit, (s) =>
    callQuery(ctx)
      .where(live(s, 'c', sql`c.started_at`))
      .orderBy('c.started_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(s.limit),
  ).map((r) => ({ at: r.started_at, id: r.id, item: () => ({ kind: 'call', call: toCall(r) }) }));
}

function notes(ctx: Ctx, owner: Owner, key: Keyset | null, limit: number): SourceRow[] {
  return source<Parameters<typeof toNote>[0]>(ctx, 'notes', owner, key, limit, (s) =>
    noteQuery(ctx)
      .where(live(s, 'n', sql`n.created_at`))
      .orderBy('n.created_at', 'desc')
      .orderBy('n.id', 'desc')
      .limit(s.limit),
  ).map((r) => ({ at: r.created_at, id: r.id, item: () => ({ kind: 'note', note: toNote(r) }) }));
}

function tasks(ctx: Ctx, owner: Owner, key: Keyset | null, limit: number): SourceRow[] {
  const at = sql<number>`coalesce(t.done_at, t.created_at)`;
  return source<Parameters<typeof toTask>[0]>(ctx, 'tasks', owner, key, limit, (s) =>
    taskQuery(ctx)
      .where(live(s, 't', at))
      .orderBy(at, 'desc')
      .orderBy('t.id', 'desc')
      .limit(s.limit),
  ).map((r) => ({
    at: r.done_at ?? r.created_at,
    id: r.id,
    item: () => ({ kind: 'task', task: toTask(r) }),
  }));
}

function orders(ctx: Ctx, owner: Owner, key: Keyset | null, limit: number): SourceRow[] {
  const at = sql`CAST(unixepoch(o.order_date) AS INTEGER) * 1000`;
  return source<OrderRow>(ctx, 'orders', owner, key, limit, (s) => {
    const query = sql`${sql.raw(ORDER_SELECT)} WHERE ${live(s, 'o', at)}
      ORDER BY o.order_date DESC, o.id DESC LIMIT ${s.limit}`;
    return { compile: () => query.compile(ctx.q) };
  }).map((r) => ({
    // Its order date at 00:00 UTC, as `at` above.
    at: Date.parse(`${r.order_date}T00:00:00Z`),
    id: r.id,
    item: () => ({ kind: 'order', order: toOrderSummary(r) }),
  }));
}

/** Whose change-log rows: the row itself (a person or a company), or a company's live people. */
type ChangesOf = { tbl: 'people' | 'companies'; id: string } | { peopleOf: string };

function changes(ctx: Ctx, of: ChangesOf, key: Keyset | null, limit: number): SourceRow[] {
  const owner: Owner = 'tbl' in of ? { column: 'person_id', id: of.id } : of;
  const tbl = 'tbl' in of ? of.tbl : 'people_of';
  return source<Parameters<typeof changeSummary>[0] & { at: number; id: string }>(
    ctx,
    `changes.${tbl}`,
    owner,
    key,
    limit,
    (s) => {
      const id = 'column' in s.owner ? s.owner.id : s.owner.peopleOf;
      const rows =
        'tbl' in of
          ? sql`ch.tbl = ${sql.lit(of.tbl)} AND ch.row_id = ${id}`
          : sql`ch.tbl = 'people' AND ch.row_id IN (SELECT id FROM people WHERE company_id = ${id} AND deleted_at IS NULL)`;
      const query = sql`SELECT ch.at AS at, ${CHANGE_ID} AS id, ch.seq, ch.tbl, ch.op, s.name AS staff_name,
        p.display_name
      FROM changes ch LEFT JOIN staff s ON s.id = ch.staff_id
      LEFT JOIN people p ON p.id = ch.row_id AND ch.tbl = 'people'
      WHERE ${rows} ${after(sql`ch.at`, CHANGE_ID, s.key)} ${hideStatRefresh}
      ORDER BY ch.at DESC, ch.seq DESC LIMIT ${s.limit}`;
      return { compile: () => query.compile(ctx.q) };
    },
  ).map(({ at, id, ...c }) => ({
    at,
    id,
    item: (view) => ({
      kind: 'change',
      change: { table: c.tbl, op: c.op, staffName: c.staff_name, summary: changeSummary(c, view) },
    }),
  }));
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
