/**
 * people.bulk: tag, untag, set owner, set stage or delete many people in one transaction, recorded
 * as one undoable batch. Statements are prepared once and run per person (no per-row query building),
 * so 10,000 people take one short transaction.
 */
import { AppError } from '../../../shared/api/errors.ts';
import { STAGE_LABELS } from '../../../shared/domain/people.ts';
import type { ParsedInput } from '../../../shared/api/requests.ts';
import type { WriteScope } from '../../db/changes.ts';
import { startBatch, type Batch } from '../batches/batch.ts';
import type { Ctx } from '../context.ts';
import { ensureTag, findTag } from '../tags/tags.repo.ts';
import { softDeletePeople } from './people.delete.ts';
import { matchingIds } from './people.list.ts';
import { assertStaff } from './people.repo.ts';
import { plucked, prepared } from './prepared.ts';

type BulkInput = ParsedInput<'people.bulk'>;
type Action = BulkInput['action'];

function liveTargets(ctx: Ctx, target: BulkInput['target'], now: number): string[] {
  if ('filter' in target) return matchingIds(ctx, target.filter, now);
  const isLive = plucked(ctx, `SELECT 1 FROM people WHERE id = ? AND deleted_at IS NULL`);
  return [...new Set(target.ids)].filter((id) => isLive.get(id) !== undefined);
}

function label(action: Action, count: number): string {
  const who = count === 1 ? '1 person' : `${count} people`;
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

function setColumn(
  ctx: Ctx,
  scope: WriteScope,
  batch: Batch,
  ids: readonly string[],
  column: 'owner_id' | 'stage',
  value: string | null,
): void {
  const current = plucked(ctx, `SELECT ${column} FROM people WHERE id = ?`);
  const update = prepared(
    ctx,
    `UPDATE people SET ${column} = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
  );
  for (const id of ids) {
    if (current.get(id) === value) continue;
    batch.touch('people', id);
    update.run(value, scope.at, scope.staffId, id);
    scope.change('people', id, 'update');
  }
}

export function bulkPeople(ctx: Ctx, input: BulkInput): { batchId: string; count: number } {
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
    const batch = startBatch(ctx, scope, `bulk.${action.type}`, label(action, ids.length));
    switch (action.type) {
      case 'tag': {
        const tagId = ensureTag(ctx, scope, action.tag, batch);
        const insert = prepared(ctx, `INSERT OR IGNORE INTO person_tags (person_id, tag_id) VALUES (?, ?)`);
        for (const id of ids) {
          if (insert.run(id, tagId).changes === 0) continue;
          batch.created('person_tags', [id, tagId]);
          scope.change('people', id, 'update');
        }
        scope.change('tags', tagId, 'update');
        break;
      }
      case 'untag': {
        const tagId = findTag(ctx, action.tag);
        if (!tagId) throw new AppError('NOT_FOUND', `There is no tag called “${action.tag}”.`);
        const has = plucked(ctx, `SELECT 1 FROM person_tags WHERE person_id = ? AND tag_id = ?`);
        const remove = prepared(ctx, `DELETE FROM person_tags WHERE person_id = ? AND tag_id = ?`);
        for (const id of ids) {
          if (!has.get(id, tagId)) continue;
          batch.touch('person_tags', [id, tagId]);
          remove.run(id, tagId);
          scope.change('people', id, 'update');
        }
        scope.change('tags', tagId, 'update');
        break;
      }
      case 'owner':
        setColumn(ctx, scope, batch, ids, 'owner_id', action.ownerId);
        break;
      case 'stage':
        setColumn(ctx, scope, batch, ids, 'stage', action.stage);
        break;
      case 'delete':
        softDeletePeople(ctx, scope, batch, ids);
        break;
    }
    return { batchId: batch.id, count: ids.length };
  });
}
