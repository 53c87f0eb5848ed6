/**
 * companies.bulk: tag, untag, set the industry of, or delete many companies in one transaction,
 * recorded as one undoable batch (the row work is in batches/bulk-rows.ts). It runs as a job.
 */
import { AppError } from '../../../shared/api/errors.ts';
import type { ParsedInput } from '../../../shared/api/requests.ts';
import type { BatchResult } from '../../../shared/domain/people.ts';
import { startBatch } from '../batches/batch.ts';
import { COMPANIES, howMany, setColumnRows, tagRows, trashRows, untagRows } from '../batches/bulk-rows.ts';
import type { Ctx } from '../context.ts';
import { NO_JOB, type JobControl } from '../jobs/job.ts';
import { plucked } from '../people/prepared.ts';
import { ensureTag, findTag } from '../tags/tags.repo.ts';
import { matchingCompanyIds } from './companies.filter.ts';

type BulkInput = ParsedInput<'companies.bulk'>;
type Action = BulkInput['action'];

function liveTargets(ctx: Ctx, target: BulkInput['target']): string[] {
  if ('filter' in target) return matchingCompanyIds(ctx, target.filter);
  const isLive = plucked(ctx, `SELECT 1 FROM companies WHERE id = ? AND deleted_at IS NULL`);
  return [...new Set(target.ids)].filter((id) => isLive.get(id) !== undefined);
}

function label(ctx: Ctx, action: Action, count: number): string {
  const what = howMany(ctx, count, 'company', 'companies');
  switch (action.type) {
    case 'tag':
      return `Tag ${what} “${action.tag}”`;
    case 'untag':
      return `Remove the tag “${action.tag}” from ${what}`;
    case 'industry':
      return action.industry === null
        ? `Clear the industry of ${what}`
        : `Set the industry of ${what} to “${action.industry}”`;
    case 'delete':
      return `Delete ${what}`;
  }
}

export function bulkCompanies(ctx: Ctx, input: BulkInput, job: JobControl = NO_JOB): BatchResult {
  return ctx.writer.write((scope) => {
    const { action } = input;
    const ids = liveTargets(ctx, input.target);
    if (ids.length === 0) {
      throw new AppError(
        'NOT_FOUND',
        'No company to change: those companies are not in the book, or are in the Trash.',
      );
    }
    const what = label(ctx, action, ids.length);
    const batch = startBatch(ctx, scope, `bulk.${action.type}`, what);
    const step: JobControl = { step: (done, total) => job.step(done, total, what) };
    switch (action.type) {
      case 'tag':
        tagRows(ctx, scope, batch, COMPANIES, ids, ensureTag(ctx, scope, action.tag, batch), step);
        break;
      case 'untag': {
        // Throwing here rolls the whole write back, the batch row included.
        const tagId = findTag(ctx, action.tag);
        if (!tagId) {
          throw new AppError('NOT_FOUND', `There is no tag called “${action.tag}”.`, { tag: action.tag });
        }
        untagRows(ctx, scope, batch, COMPANIES, ids, tagId, step);
        break;
      }
      case 'industry':
        // The company's search document carries its industry.
        setColumnRows(
          ctx,
          scope,
          batch,
          COMPANIES,
          ids,
          { column: 'industry', value: action.industry, searched: true },
          step,
        );
        break;
      case 'delete':
        trashRows(ctx, scope, batch, COMPANIES, ids, step);
        break;
    }
    return { batchId: batch.id, count: ids.length };
  });
}
