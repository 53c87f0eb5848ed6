/**
 * The row work of bulk changes, the same for people and companies: tag, untag, set a column and
 * move to the Trash, each recorded in an undoable batch. Statements are prepared once and run per
 * row (no per-row query building), so 10,000 rows take one short transaction. Each loop reports
 * to the job, so a long one shows progress and can be cancelled (rolling the transaction back).
 */
import type { WriteScope } from '../../db/changes.ts';
import type { Ctx } from '../context.ts';
import type { JobControl } from '../jobs/job.ts';
import { plucked, prepared } from '../people/prepared.ts';
import { reindex } from '../search/search.index.ts';
import { readSettings } from '../settings/settings.store.ts';
import type { Batch } from './batch.ts';

export interface BulkEntity {
  table: 'people' | 'companies';
  tagTable: 'person_tags' | 'company_tags';
  key: 'person_id' | 'company_id';
  doc: 'person' | 'company';
}

export const PEOPLE: BulkEntity = {
  table: 'people',
  tagTable: 'person_tags',
  key: 'person_id',
  doc: 'person',
};
export const COMPANIES: BulkEntity = {
  table: 'companies',
  tagTable: 'company_tags',
  key: 'company_id',
  doc: 'company',
};

/** "1 person", "60,000 people": a count for a batch's label, in the book's locale. */
export function howMany(ctx: Ctx, count: number, one: string, many: string): string {
  if (count === 1) return `1 ${one}`;
  return `${new Intl.NumberFormat(readSettings(ctx).locale).format(count)} ${many}`;
}

export function tagRows(
  ctx: Ctx,
  scope: WriteScope,
  batch: Batch,
  e: BulkEntity,
  ids: readonly string[],
  tagId: string,
  job: JobControl,
): void {
  const insert = prepared(ctx, `INSERT OR IGNORE INTO ${e.tagTable} (${e.key}, tag_id) VALUES (?, ?)`);
  for (const [i, id] of ids.entries()) {
    job.step(i, ids.length);
    if (insert.run(id, tagId).changes === 0) continue;
    batch.created(e.tagTable, [id, tagId]);
    scope.change(e.table, id, 'update');
  }
  scope.change('tags', tagId, 'update');
}

export function untagRows(
  ctx: Ctx,
  scope: WriteScope,
  batch: Batch,
  e: BulkEntity,
  ids: readonly string[],
  tagId: string,
  job: JobControl,
): void {
  const has = plucked(ctx, `SELECT 1 FROM ${e.tagTable} WHERE ${e.key} = ? AND tag_id = ?`);
  const remove = prepared(ctx, `DELETE FROM ${e.tagTable} WHERE ${e.key} = ? AND tag_id = ?`);
  for (const [i, id] of ids.entries()) {
    job.step(i, ids.length);
    if (!has.get(id, tagId)) continue;
    batch.touch(e.tagTable, [id, tagId]);
    remove.run(id, tagId);
    scope.change(e.table, id, 'update');
  }
  scope.change('tags', tagId, 'update');
}

/** Sets one column on every row; `searched` when the column is in the row's search document. */
export function setColumnRows(
  ctx: Ctx,
  scope: WriteScope,
  batch: Batch,
  e: BulkEntity,
  ids: readonly string[],
  change: { column: string; value: string | null; searched?: boolean },
  job: JobControl,
): void {
  const current = plucked(ctx, `SELECT ${change.column} FROM ${e.table} WHERE id = ?`);
  const update = prepared(
    ctx,
    `UPDATE ${e.table} SET ${change.column} = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
  );
  for (const [i, id] of ids.entries()) {
    job.step(i, ids.length);
    if (current.get(id) === change.value) continue;
    batch.touch(e.table, id);
    update.run(change.value, scope.at, scope.staffId, id);
    if (change.searched) reindex(ctx, e.doc, id);
    scope.change(e.table, id, 'update');
  }
}

/** Moves the live ones of these rows to the Trash (out of lists and search); returns how many moved. */
export function trashRows(
  ctx: Ctx,
  scope: WriteScope,
  batch: Batch,
  e: BulkEntity,
  ids: readonly string[],
  job: JobControl,
): number {
  const isLive = plucked(ctx, `SELECT 1 FROM ${e.table} WHERE id = ? AND deleted_at IS NULL`);
  const update = prepared(
    ctx,
    `UPDATE ${e.table} SET deleted_at = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
  );
  const unique = [...new Set(ids)];
  let count = 0;
  for (const [i, id] of unique.entries()) {
    job.step(i, unique.length);
    if (!isLive.get(id)) continue;
    batch.touch(e.table, id);
    update.run(scope.at, scope.at, scope.staffId, id);
    reindex(ctx, e.doc, id);
    scope.change(e.table, id, 'delete');
    count++;
  }
  return count;
}
