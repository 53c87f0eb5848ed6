/** Shared set-up for the activity tests: a set-up book, people and companies written with raw SQL. */
import { afterEach } from 'vitest';
import type { DbChanged } from '../../../shared/api/events.ts';
import { slotBinder, type FixedQuery } from '../../../electron/db/query.ts';
import { FTS_TABLES } from '../../../electron/backend/search/search.index.ts';
import { openTestBook, setUp, type TestBook } from '../../helpers/book.ts';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

const open: TestBook[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

export interface ActivityBook extends TestBook {
  /** The owner profile setup created (the current staff). */
  me: string;
}

/** A set-up book (owner "Ada Lovelace"), closed after the test. */
export async function activityBook(): Promise<ActivityBook> {
  const b = await openTestBook();
  open.push(b);
  const s = await setUp(b.client);
  return Object.assign(b, { me: s.currentStaffId as string });
}

export function addCompany(b: TestBook, id: string, name = id) {
  b.book.sqlite
    .prepare(`INSERT INTO companies (id, name, sort_key, created_at, updated_at) VALUES (?, ?, ?, 0, 0)`)
    .run(id, name, name.toLowerCase());
}

export function addPerson(
  b: TestBook,
  id: string,
  name = id,
  extra: {
    companyId?: string | null;
    phone?: string | null;
    callDays?: number | null;
    callFrom?: number | null;
    callTo?: number | null;
    timeZone?: string | null;
    doNotCall?: boolean;
  } = {},
) {
  b.book.sqlite
    .prepare(
      `INSERT INTO people (id, display_name, company_id, primary_phone, call_days, call_from, call_to, time_zone,
         do_not_call, sort_key, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)`,
    )
    .run(
      id,
      name,
      extra.companyId ?? null,
      extra.phone ?? null,
      extra.callDays ?? null,
      extra.callFrom ?? null,
      extra.callTo ?? null,
      extra.timeZone ?? null,
      extra.doNotCall ? 1 : 0,
      name.toLowerCase(),
    );
}

export function changeCount(b: TestBook): number {
  return b.book.sqlite.prepare(`SELECT count(*) FROM changes`).pluck().get() as number;
}

/** The db.changed events so far. */
export function changedEvents(b: TestBook): DbChanged[] {
  return b.events.filter((e) => e.event === 'db.changed').map((e) => e.payload as DbChanged);
}

/** The tables named by the db.changed events emitted while fn ran. */
export async function tablesChangedBy(b: TestBook, fn: () => Promise<unknown>): Promise<string[]> {
  const before = changedEvents(b).length;
  await fn();
  const events = changedEvents(b).slice(before);
  return [...new Set(events.flatMap((e) => e.tables))].sort();
}

export function personFacts(b: TestBook, id: string) {
  return b.book.sqlite
    .prepare(`SELECT last_contact_at, last_attempt_at, next_call_at FROM people WHERE id = ?`)
    .get(id) as {
    last_contact_at: number | null;
    last_attempt_at: number | null;
    next_call_at: number | null;
  };
}

/** Whether the search index holds a document for the row. */
export function indexed(b: TestBook, refId: string): boolean {
  return b.book.sqlite.prepare(`SELECT 1 FROM search_docs WHERE ref_id = ?`).get(refId) !== undefined;
}

/** Ids of the FTS documents of any kind matching an expression (the index itself, not the handler). */
export function ftsRefs(b: TestBook, match: string): string[] {
  const union = Object.values(FTS_TABLES)
    .map((t) => `SELECT rowid FROM ${t} WHERE ${t} MATCH @match`)
    .join(' UNION ALL ');
  return b.book.sqlite
    .prepare(`SELECT d.ref_id FROM (${union}) f JOIN search_docs d ON d.docid = f.rowid ORDER BY d.ref_id`)
    .pluck()
    .all({ match }) as string[];
}

/** Records the SQL of every query the backend runs while fn runs, with its parameters. */
export async function captureQueries(b: TestBook, fn: () => Promise<unknown>) {
  const sql = b.backend.ctx.sql;
  const seen: { sql: string; params: readonly unknown[] }[] = [];
  const original = { all: sql.all, first: sql.first, fixed: sql.fixed };
  const record = <T extends (q: { compile(): { sql: string; parameters: readonly unknown[] } }) => unknown>(
    f: T,
  ) =>
    ((q: { compile(): { sql: string; parameters: readonly unknown[] } }) => {
      const c = q.compile();
      seen.push({ sql: c.sql, params: c.parameters });
      return f(q);
    }) as unknown as T;
  sql.all = record(original.all.bind(sql) as never);
  sql.first = record(original.first.bind(sql) as never);
  // A fixed query is compiled once; each run is recorded with its values in the slots.
  sql.fixed = <O>(
    key: string,
    build: () => { compile(): { sql: string; parameters: readonly unknown[] } },
  ) => {
    const compiled = build().compile();
    const bind = slotBinder(compiled.parameters);
    const query = original.fixed.call(sql, key, build as never) as FixedQuery<O>;
    const runs =
      (f: (...values: unknown[]) => unknown) =>
      (...values: unknown[]) => {
        seen.push({ sql: compiled.sql, params: bind(values) });
        return f(...values);
      };
    return { all: runs(query.all), first: runs(query.first) } as FixedQuery<O>;
  };
  try {
    await fn();
  } finally {
    sql.all = original.all;
    sql.first = original.first;
    sql.fixed = original.fixed;
  }
  return seen;
}

/** EXPLAIN QUERY PLAN of a statement, one line per step. */
export function planOf(b: TestBook, text: string, params: readonly unknown[] = []): string {
  const values = params.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v));
  return (b.book.sqlite.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...values) as { detail: string }[])
    .map((r) => r.detail)
    .join(' | ');
}
