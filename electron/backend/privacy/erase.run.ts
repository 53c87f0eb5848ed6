/**
 * Erasing a person (issue 6): everything the book holds about them goes for good, in one write
 * transaction, so a crash leaves either all of it or none of it. The plan (erase.plan.ts) says what
 * goes and what stays; this carries it out and clears what the plan's tables do not cover:
 *
 *  - their rows, deleted (not moved to the Trash), children before parents; their orders' share of
 *    the sales summaries taken out first (keepSalesCurrent), and their purchase summary dropped;
 *  - the search index: their documents removed, then each FTS5 table they could be in rewritten
 *    ('optimize'), because a contentless FTS5 table only marks a deleted document as gone and
 *    keeps its words in the index until its segments are merged;
 *  - the undo history: every before-image of an erased or changed row, and every other one that
 *    names an erased row (a merge's copy of a call that pointed at them), so no undo can bring
 *    them back or point at them; their name is taken out of the undo labels ("Merge Ann Lee into
 *    Bob Ray");
 *  - the audit trail: the values it captured of the erased rows and of the rows kept without them
 *    (audit/audit.forget.ts), with one 'erase' event of its own that names nobody;
 *  - an `erasures` row: when, who, a reference number, counts, the reason typed, whether orders
 *    were kept. Nothing about them.
 *
 * The write runs with PRAGMA secure_delete on (its connection only, restored afterwards), so SQLite
 * overwrites what it frees with zeros; in WAL mode those zeroed pages go to the -wal file first.
 * Once committed, a book of up to COMPACT_LIMIT is rewritten whole (VACUUM), which also clears
 * fragments that edits made before the erasure left in pages' free space (secure_delete reaches
 * only what this write frees). Then a TRUNCATE checkpoint copies the pages into the book and
 * empties the -wal file, so no older copy of a page is left there either (retried while a reader
 * holds the journal). Snapshots taken before still hold them until they are deleted (the dialog
 * says so).
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../../shared/api/errors.ts';
import type { ParsedInput, TableName } from '../../../shared/api/requests.ts';
import { TABLES } from '../../../shared/api/kit.ts';
import {
  foldName,
  type EraseResult,
  type Erasure,
  type ErasureCounts,
} from '../../../shared/api/requests/privacy.requests.ts';
import { personSortKey } from '../../../shared/domain/text.ts';
import type { WriteScope } from '../../db/changes.ts';
import { forgetInTrail } from '../audit/audit.forget.ts';
import { noteAudit } from '../audit/audit.capture.ts';
import type { Ctx } from '../context.ts';
import { NO_JOB, type JobControl } from '../jobs/job.ts';
import { keepSalesCurrent, refreshCustomerSales } from '../orders/sales.summaries.ts';
import { blankPersonRow, insertPersonRow } from '../people/people.write.ts';
import { plucked, prepared } from '../people/prepared.ts';
import { FTS_TABLES, reindex, type SearchDocKind } from '../search/search.index.ts';
import { readErasure } from './erasures.ts';
import { findPersonRows, type TableShape } from './person-rows.ts';
import { planErasure, STAND_IN, type ErasePlan } from './erase.plan.ts';

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const isLogged = (table: string): table is TableName => (TABLES as readonly string[]).includes(table);
const SEARCH_KINDS: Partial<Record<string, SearchDocKind>> = {
  people: 'person',
  notes: 'note',
  calls: 'call',
};
/** Put in place of their name in undo labels. */
export const ERASED_NAME = 'an erased person';

/** One row an erasure removed, named as the change log names rows (its key, as text). */
export interface ErasedRow {
  table: string;
  rowId: string;
}

/** A row's id as the change log and the undo history name it: its key, or its keys as JSON. */
function rowIdOf(shape: TableShape, row: readonly unknown[]): string {
  const values = shape.pk.map((c) => row[shape.columns.indexOf(c)]);
  return values.length === 1 ? String(values[0]) : JSON.stringify(values);
}

/** Every row the plan removes, as (table, id): what the audit trail must forget. */
export function erasedRows(plan: ErasePlan): ErasedRow[] {
  return [...plan.erase].flatMap(([table, rows]) => {
    const shape = plan.shapes.get(table)!;
    return rows.map((row) => ({ table, rowId: rowIdOf(shape, row) }));
  });
}

type BatchRow = { batch_id: string; seq: number; tbl: string; row_key: string; before: string | null };

/** Whether a row of the undo history copies a row the plan erases or changes, or names an erased one. */
function copyMatcher(plan: ErasePlan): (r: BatchRow) => boolean {
  const named = new Set<string>();
  const ids = new Set<string>();
  for (const [table, rows] of plan.erase) {
    const shape = plan.shapes.get(table)!;
    for (const row of rows) {
      named.add(`${table}\u0000${rowIdOf(shape, row)}`);
      if (shape.pk.length === 1) ids.add(String(row[shape.columns.indexOf(shape.pk[0]!)]));
    }
  }
  for (const c of plan.changes) named.add(`${c.table}\u0000${rowIdOf(plan.shapes.get(c.table)!, c.row)}`);
  return (r) => {
    if (named.has(`${r.tbl}\u0000${r.row_key}`)) return true;
    if (r.before === null) return false;
    try {
      return Object.values(JSON.parse(r.before) as Record<string, unknown>).some(
        (v) => typeof v === 'string' && ids.has(v),
      );
    } catch {
      return false;
    }
  };
}

/**
 * The copies in the undo history that erasing by each plan removes, read in one pass over it (it
 * can hold millions of rows after large imports): [batch id, seq] per plan.
 */
export function undoCopiesOf(ctx: Ctx, plans: readonly ErasePlan[]): { batchId: string; seq: number }[][] {
  const matchers = plans.map(copyMatcher);
  const out = plans.map((): { batchId: string; seq: number }[] => []);
  const rows = prepared(
    ctx,
    `SELECT batch_id, seq, tbl, row_key, before FROM batch_rows`,
  ).iterate() as IterableIterator<BatchRow>;
  for (const r of rows) {
    matchers.forEach((hit, i) => {
      if (hit(r)) out[i]!.push({ batchId: r.batch_id, seq: r.seq });
    });
  }
  return out;
}

/** How many of the erased rows have a document in the search index. */
export function searchEntriesOf(ctx: Ctx, plan: ErasePlan): number {
  let n = 0;
  const has = plucked(ctx, `SELECT 1 FROM search_docs WHERE ref_id = ?`);
  for (const table of Object.keys(SEARCH_KINDS)) {
    for (const row of plan.erase.get(table) ?? []) {
      if (has.get(row[plan.shapes.get(table)!.columns.indexOf('id')])) n++;
    }
  }
  return n;
}

/** Replaces their name, as a whole word, in the undo history's labels. */
function scrubLabels(ctx: Ctx, scope: WriteScope, names: readonly string[]): void {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  for (const name of names) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escape(name)}(?![\\p{L}\\p{N}])`, 'gu');
    const found = prepared(ctx, `SELECT id, label FROM batches WHERE instr(label, ?) > 0`).all(name) as {
      id: string;
      label: string;
    }[];
    for (const b of found) {
      const label = b.label.replace(re, ERASED_NAME);
      if (label === b.label) continue;
      prepared(ctx, `UPDATE batches SET label = ? WHERE id = ?`).run(label, b.id);
      scope.change('batches', b.id, 'update');
    }
  }
}

function setColumns(
  ctx: Ctx,
  plan: ErasePlan,
  change: ErasePlan['changes'][number],
  standIn: string | null,
  at: number,
  staffId: string | null,
): void {
  const shape = plan.shapes.get(change.table)!;
  const set = { ...change.set };
  for (const [k, v] of Object.entries(set)) if (v === STAND_IN) set[k] = standIn;
  if (shape.columns.includes('updated_at')) set.updated_at = at;
  if (shape.columns.includes('updated_by')) set.updated_by = staffId;
  const columns = Object.keys(set);
  prepared(
    ctx,
    `UPDATE ${quote(change.table)} SET ${columns.map((c) => `${quote(c)} = ?`).join(', ')}
      WHERE ${shape.pk.map((c) => `${quote(c)} = ?`).join(' AND ')}`,
  ).run(...columns.map((c) => set[c]), ...shape.pk.map((c) => change.row[shape.columns.indexOf(c)]));
}

/**
 * Carries out the erasure inside the caller's write. Returns the record, and every row removed
 * (the same list the audit trail was told to forget).
 */
export function eraseInScope(
  ctx: Ctx,
  scope: WriteScope,
  input: ParsedInput<'privacy.erase'>,
  job: JobControl = NO_JOB,
): { erasure: Erasure; removed: ErasedRow[] } {
  const standInOf = plucked(ctx, `SELECT reference FROM erasures WHERE stand_in_id = ?`).get(
    input.personId,
  ) as string | undefined;
  if (standInOf) {
    throw new AppError(
      'CONFLICT',
      `This is the stand-in for erased customer ${standInOf}: it holds nothing about anyone, only their orders kept for the accounts.`,
      { personId: input.personId },
    );
  }
  job.step(0, null, 'Finding everything about them');
  const found = findPersonRows(ctx.sql.raw, input.personId);
  const plan = planErasure(found, input.personId, input.keepOrders);
  if (foldName(input.confirmName) !== foldName(plan.displayName)) {
    throw new AppError('VALIDATION', `Type their name, ${plan.displayName}, to confirm. It did not match.`, {
      issues: [{ path: 'confirmName', message: `Type ${plan.displayName} exactly as it is written here.` }],
    });
  }
  const person = found.tables.find((t) => t.name === 'people')!.rows[0]!;
  const peopleShape = found.shapes.get('people')!;
  const names = [
    plan.displayName,
    [person[peopleShape.columns.indexOf('given_name')], person[peopleShape.columns.indexOf('family_name')]]
      .filter(Boolean)
      .join(' '),
  ].filter((n, i, all) => n.trim().length >= 2 && all.indexOf(n) === i);
  const removed = erasedRows(plan);

  // The trail forgets what it knew of them (while their name can still be read): the values of
  // their erased records, and of the records kept without them (their orders kept for the
  // accounts, a company's deals and cases: a note on one may well describe them). This write
  // records one event of its own that names nobody.
  forgetInTrail(ctx, scope, [
    ...removed.filter((r) => isLogged(r.table)).map((r) => ({ table: r.table, id: r.rowId })),
    ...plan.changes
      .filter((c) => c.theirs && isLogged(c.table))
      .map((c) => ({ table: c.table, id: rowIdOf(plan.shapes.get(c.table)!, c.row) })),
  ]);

  const number = (plucked(ctx, `SELECT coalesce(max(number), 0) + 1 FROM erasures`).get() as number) ?? 1;
  const reference = `ER-${String(number).padStart(4, '0')}`;
  let standIn: string | null = null;
  if (plan.needsStandIn) {
    standIn = ctx.ids();
    const row = blankPersonRow(standIn, scope);
    row.display_name = `Erased customer ${reference}`;
    row.sort_key = personSortKey('', '', row.display_name);
    row.stage = 'former';
    row.owner_id = null;
    row.do_not_call = 1;
    insertPersonRow(ctx, row);
    reindex(ctx, 'person', standIn);
    scope.change('people', standIn, 'insert');
  }

  job.step(1, null, 'Keeping the records that stay');
  for (const c of plan.changes) {
    const shape = plan.shapes.get(c.table)!;
    const write = () => setColumns(ctx, plan, c, standIn, scope.at, scope.staffId);
    if (c.table === 'orders') keepSalesCurrent(ctx, String(c.row[shape.columns.indexOf('id')]), write);
    else write();
    if (isLogged(c.table) && shape.pk.length === 1) scope.change(c.table, rowIdOf(shape, c.row), 'update');
  }
  // Their orders that go: out of the sales summaries first, while their lines are still there.
  for (const row of plan.erase.get('orders') ?? []) {
    const id = String(row[plan.shapes.get('orders')!.columns.indexOf('id')]);
    keepSalesCurrent(ctx, id, () =>
      prepared(ctx, `UPDATE orders SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL`).run(scope.at, id),
    );
  }

  job.step(2, null, 'Erasing their records');
  const searchEntries = searchEntriesOf(ctx, plan);
  for (const [table, rows] of [...plan.erase].reverse()) {
    const shape = plan.shapes.get(table)!;
    const remove = prepared(
      ctx,
      `DELETE FROM ${quote(table)} WHERE ${shape.pk.map((c) => `${quote(c)} = ?`).join(' AND ')}`,
    );
    for (const row of rows) {
      remove.run(...shape.pk.map((c) => row[shape.columns.indexOf(c)]));
      if (isLogged(table) && shape.pk.length === 1) scope.change(table, rowIdOf(shape, row), 'delete');
    }
  }
  refreshCustomerSales(ctx, 'person', input.personId);

  job.step(3, null, 'Clearing the search index');
  for (const [table, kind] of Object.entries(SEARCH_KINDS)) {
    for (const row of plan.erase.get(table) ?? [])
      reindex(ctx, kind!, String(row[plan.shapes.get(table)!.columns.indexOf('id')]));
  }
  for (const kind of ['person', 'note', 'call'] as const) {
    const fts = FTS_TABLES[kind];
    ctx.sql.raw.prepare(`INSERT INTO ${fts} (${fts}) VALUES ('optimize')`).run();
  }

  job.step(4, null, 'Clearing the undo history');
  const [copies] = undoCopiesOf(ctx, [plan]) as [{ batchId: string; seq: number }[]];
  const dropCopy = prepared(ctx, `DELETE FROM batch_rows WHERE batch_id = ? AND seq = ?`);
  for (const c of copies) dropCopy.run(c.batchId, c.seq);
  for (const batchId of new Set(copies.map((c) => c.batchId))) scope.change('batches', batchId, 'update');
  scrubLabels(ctx, scope, names);

  const counts: ErasureCounts = { ...plan.counts, undoCopies: copies.length, searchEntries };
  const id = ctx.ids();
  prepared(
    ctx,
    `INSERT INTO erasures (id, number, reference, erased_at, staff_id, reason, orders_kept, stand_in_id, counts)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    number,
    reference,
    scope.at,
    scope.staffId,
    input.reason ?? null,
    input.keepOrders ? 1 : 0,
    standIn,
    JSON.stringify(counts),
  );
  scope.change('erasures', id, 'insert');
  const total = Object.values(counts.erased).reduce((n: number, v) => n + (v ?? 0), 0);
  noteAudit(scope, { action: 'erase', summary: `Erased a person for good (${reference})`, count: total });
  return { erasure: readErasure(ctx, id)!, removed };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const CHECKPOINT_TRIES = 3;

/**
 * Books up to this size are rewritten whole after an erasure (VACUUM, about 100 MB a second on a
 * modest laptop, so a few seconds): free space inside pages can still hold fragments of rows
 * that earlier edits replaced before secure_delete was on (a name as it was before a correction),
 * and only a rewrite reaches those. A larger book is not rewritten (it would hold the window's
 * writes back for minutes and need as much free disk again); the result says so.
 */
export const COMPACT_LIMIT = 512 * 1024 * 1024;

/** Runs fn with PRAGMA secure_delete on for this connection, and puts it back as it was. */
export function withSecureDelete<T>(db: Database.Database, fn: () => T): T {
  const was = db.pragma('secure_delete', { simple: true }) as number;
  if ((db.pragma('secure_delete = ON', { simple: true }) as number) !== 1) {
    throw new AppError(
      'INTERNAL',
      'SQLite would not overwrite what it deletes (secure_delete), so nothing was erased.',
    );
  }
  try {
    return fn();
  } finally {
    // 2 reads back for FAST, which only the word sets again (a 2 would read as ON).
    db.pragma(`secure_delete = ${was === 2 ? 'FAST' : was}`);
  }
}

/** Rewrites the whole book (VACUUM) when it is small enough; false when it was not rewritten. */
export function compactBook(ctx: Ctx): boolean {
  const db = ctx.sql.raw;
  const bytes =
    (db.pragma('page_count', { simple: true }) as number) *
    (db.pragma('page_size', { simple: true }) as number);
  if (bytes > COMPACT_LIMIT) return false;
  try {
    db.exec('VACUUM');
    return true;
  } catch (err) {
    // The erasure itself is committed; a full disk only leaves the free space as it was.
    ctx.deps.log?.('the book could not be rewritten after an erasure', err);
    return false;
  }
}

/**
 * Copies the -wal file's pages into the book and empties it, so the pages as they were before the
 * erasure are not left in it. True when done; a reader holding the journal makes it busy.
 */
export async function clearJournal(ctx: Ctx): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const [result] = ctx.sql.raw.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result && result.busy === 0) return true;
    if (attempt >= CHECKPOINT_TRIES) return false;
    await sleep(100 * attempt);
  }
}

/** The erasure as a job: the write with secure_delete on, the book rewritten, the journal emptied. */
export async function erasePerson(
  ctx: Ctx,
  input: ParsedInput<'privacy.erase'>,
  job: JobControl = NO_JOB,
): Promise<EraseResult> {
  const erasure = withSecureDelete(ctx.sql.raw, () =>
    ctx.writer.write((scope) => eraseInScope(ctx, scope, input, job).erasure),
  );
  // Committed: from here on a cancel would be a lie ("nothing was changed"), so it is not heard.
  const report = (done: number, message: string) => {
    try {
      job.step(done, null, message);
    } catch {
      // The erasure is done and stays done.
    }
  };
  report(5, 'Rewriting the book');
  const compacted = compactBook(ctx);
  report(6, 'Emptying the journal');
  return { erasure, compacted, journalCleared: await clearJournal(ctx) };
}
