/** Soft delete of people: into the Trash, out of lists and search, recorded in an undoable batch. */
import type { WriteScope } from '../../db/changes.ts';
import type { Batch } from '../batches/batch.ts';
import type { Ctx } from '../context.ts';
import { reindex } from '../search/search.index.ts';
import { plucked, prepared } from './prepared.ts';

/** Moves the live ones of these people to the Trash; returns how many moved. */
export function softDeletePeople(ctx: Ctx, scope: WriteScope, batch: Batch, ids: readonly string[]): number {
  const isLive = plucked(ctx, `SELECT 1 FROM people WHERE id = ? AND deleted_at IS NULL`);
  const update = prepared(
    ctx,
    `UPDATE people SET deleted_at = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
  );
  let count = 0;
  for (const id of new Set(ids)) {
    if (!isLive.get(id)) continue;
    batch.touch('people', id);
    update.run(scope.at, scope.at, scope.staffId, id);
    reindex(ctx, 'person', id);
    scope.change('people', id, 'delete');
    count++;
  }
  return count;
}
