/**
 * people.bulk: tag, untag, set owner, set stage or delete many people in one transaction, recorded
 * as one undoable batch (the row work is in batches/bulk-rows.ts). It runs as a job.
 */
import { AppError } from '../../../shared/api/errors.ts';
import { STAGE_LABELS } from '../../../shared/domain/people.ts';
import type { ParsedInput } from '../../../shared/api/requests.ts';
import { startBatch } from '../batches/batch.ts';
import { howMany, PEOPLE, setColumnRows, tagRows, trashRows, untagRows } from '../batches/bulk-rows.ts';
import type { Ctx } from '../context.ts';
import { NO_JOB, type JobControl } from '../jobs/job.ts';
import { ensureTag, findTag } from '../tags/tags.repo.ts';
import { matchingIds } from './people.list.ts';
import { assertStaff } from './people.repo.ts';
import { plucked } from './prepared.ts';

type BulkInput = ParsedInput<'people.bulk'>;
type Action = BulkInput['action'];

function liveTargets(ctx: Ctx, target: BulkInput['target'], now: number): string[] {
  if ('filter' in target) return matchingIds(ctx, target.filter, now);
  const isLive = plucked(ctx, `SELECT 1 FROM people WHERE id = ? AND deleted_at IS NULL`);
  return [...new Set(target.ids)].filter((id) => isLive.get(id) !== undefined);
}

function label(ctx: Ctx, action: Action, count: number): string {
  const who = howMany(ctx, count, 'person', 'people');
  switch (action.type) {
    case 'tag':
      return `Tag ${who} “${action.tag}”`;
    case 'untag':
      return `Remove the tag “${action.tag}” from ${who}`;
    case 'owner':
      return `Change the owner of ${who}`;
    case 'stage':
      return `Set ${who} to ${STAGE_LABELS[action.stage]}`;
    case 'delete':
      return `Delete ${who}`;
  }
}

export function bulkPeople(
  ctx: Ctx,
  input: BulkInput,
  job: JobControl = NO_JOB,
): { batchId: string; count: number } {
  return ctx.writer.write((scope) => {
    const { action } = input;
    if (action.type === 'owner' && action.ownerId !== null)
      assertStaff(ctx, action.ownerId, 'action.ownerId');
    const ids = liveTargets(ctx, input.target, input.now ?? ctx.clock());
    if (ids.length === 0) {
      throw new AppError(
        'NOT_FOUND',
        'Nobody to change: those people are not in the book, or are in the Trash.',
      );
    }
    const what = label(ctx, action, ids.length);
    const batch = startBatch(ctx, scope, `bulk.${action.type}`, what);
    const step: JobControl = { step: (done, total) => job.step(done, total, what) };
    switch (action.type) {
      case 'tag':
        tagRows(ctx, scope, batch, PEOPLE, ids, ensureTag(ctx, scope, action.tag, batch), step);
        break;
      case 'untag': {
        const tagId = findTag(ctx, action.tag);
        if (!tagId) throw new AppError('NOT_FOUND', `There is no tag called “${action.tag}”.`);
        untagRows(ctx, scope, batch, PEOPLE, ids, tagId, step);
        break;
      }
      case 'owner':
        setColumnRows(ctx, scope, batch, PEOPLE, ids, { column: 'owner_id', value: action.ownerId }, step);
        break;
      case 'stage':
        setColumnRows(ctx, scope, batch, PEOPLE, ids, { column: 'stage', value: action.stage }, step);
        break;
      case 'delete':
        trashRows(ctx, scope, batch, PEOPLE, ids, step);
        break;
    }
    return { batchId: batch.id, count: ids.length };
  });
}
