/**
 * people.create / get / update / delete / duplicates / list / count / anchors / bulk / merge.
 * A merge takes a snapshot first (backups/before-change.ts).
 */
import { AppError } from '../../../shared/api/errors.ts';
import type { HandlerMap } from '../handler.ts';
import { startBatch } from '../batches/batch.ts';
import { snapshotBeforeChange } from '../backups/before-change.ts';
import { findDuplicates } from './duplicates.ts';
import { mergePeople } from './merge.ts';
import { softDeletePeople } from './people.delete.ts';
import { listPeoplePacked } from './people.list.ts';
import { loadPerson, requireLivePerson } from './people.repo.ts';
import {
  applyPersonFields,
  blankPersonRow,
  insertPersonRow,
  updatePersonRow,
  writePersonChildren,
} from './people.write.ts';

export const peopleHandlers = {
  'people.create': (input, ctx) =>
    ctx.writer.write((scope) => {
      const p = input.person;
      if (!input.allowDuplicate) {
        const duplicates = findDuplicates(
          ctx,
          (p.emails ?? []).map((e) => e.email),
          (p.phones ?? []).map((ph) => ph.number),
        );
        if (duplicates.length > 0) {
          const names = duplicates.map((d) => d.displayName).join(', ');
          throw new AppError(
            'CONFLICT',
            `Someone with the same email or phone is already in the book: ${names}. Open them, or save anyway.`,
            { duplicates },
          );
        }
      }
      const row = applyPersonFields(ctx, scope, blankPersonRow(ctx.ids(), scope), p);
      insertPersonRow(ctx, row);
      writePersonChildren(ctx, scope, row, p);
      scope.change('people', row.id, 'insert');
      return loadPerson(ctx, row.id);
    }),

  'people.get': (input, ctx) => loadPerson(ctx, input.id),

  'people.update': (input, ctx) =>
    ctx.writer.write((scope) => {
      const before = requireLivePerson(ctx, input.id);
      if (input.expectedUpdatedAt !== undefined && input.expectedUpdatedAt !== before.updated_at) {
        throw new AppError(
          'CONFLICT',
          `${before.display_name} was changed by someone else after you opened them. Reload to see the changes, then edit again.`,
          { id: input.id, updatedAt: before.updated_at },
        );
      }
      const row = applyPersonFields(ctx, scope, before, input.patch);
      row.updated_at = scope.at;
      row.updated_by = scope.staffId;
      updatePersonRow(ctx, row);
      writePersonChildren(ctx, scope, row, input.patch);
      scope.change('people', row.id, 'update');
      return loadPerson(ctx, row.id);
    }),

  'people.delete': (input, ctx) =>
    ctx.writer.write((scope) => {
      const label = input.ids.length === 1 ? 'Delete a person' : `Delete ${input.ids.length} people`;
      const batch = startBatch(ctx, scope, 'delete', label);
      const count = softDeletePeople(ctx, scope, batch, input.ids);
      if (count === 0) {
        throw new AppError(
          'NOT_FOUND',
          'Nobody to delete: they are not in the book, or already in the Trash.',
          {
            ids: input.ids.slice(0, 20),
          },
        );
      }
      return { batchId: batch.id, count };
    }),

  'people.duplicates': (input, ctx) => findDuplicates(ctx, input.emails, input.phones, input.excludeId),

  'people.list': (input, ctx) => listPeoplePacked(ctx, input),

  // A count, the anchors of a million rows and a bulk change can each take longer than 50 ms: jobs.
  'people.count': (input, ctx) => ctx.jobs.run('people.count', input),

  'people.anchors': (input, ctx) => ctx.jobs.run('people.anchors', input),

  'people.bulk': (input, ctx) => ctx.jobs.run('people.bulk', input),

  'people.merge': async (input, ctx) => {
    // What is refused anyway is refused before a snapshot is taken for it.
    if (input.keepId !== input.mergeId) {
      requireLivePerson(ctx, input.keepId);
      requireLivePerson(ctx, input.mergeId);
      await snapshotBeforeChange(ctx, 'before-merge');
    }
    return mergePeople(ctx, input);
  },
} satisfies HandlerMap<
  | 'people.create'
  | 'people.get'
  | 'people.update'
  | 'people.delete'
  | 'people.duplicates'
  | 'people.list'
  | 'people.count'
  | 'people.anchors'
  | 'people.bulk'
  | 'people.merge'
>;
