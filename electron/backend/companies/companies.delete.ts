/** Soft delete of companies: into the Trash, out of lists and search, recorded in an undoable batch. */
import type { WriteScope } from '../../db/changes.ts';
import type { Batch } from '../batches/batch.ts';
import { COMPANIES, trashRows } from '../batches/bulk-rows.ts';
import type { Ctx } from '../context.ts';
import { NO_JOB } from '../jobs/job.ts';

/** Moves the live ones of these companies to the Trash; returns how many moved. */
export function softDeleteCompanies(
  ctx: Ctx,
  scope: WriteScope,
  batch: Batch,
  ids: readonly string[],
): number {
  return trashRows(ctx, scope, batch, COMPANIES, ids, NO_JOB);
}
