/** trash.list / restore / empty. */
import { AppError } from '../../../shared/api/errors.ts';
import type { HandlerMap } from '../handler.ts';
import { refreshPersonStats } from '../people/person-stats.ts';
import { prepared } from '../people/prepared.ts';
import { reindex } from '../search/search.index.ts';
import { listTrash, TRASH_TABLE } from './trash.list.ts';
import { emptyTrash } from './trash.purge.ts';
import { noteAudit } from '../audit/audit.capture.ts';
import { restoreCaseIn } from '../cases/cases.handlers.ts';
import { restoreDealIn } from '../deals/deals.handlers.ts';
import { restoreOrderIn } from '../orders/order.status.ts';
import { restoreProductIn } from '../products/products.handlers.ts';

const NAMES = {
  person: 'person',
  company: 'company',
  call: 'call',
  task: 'task',
  note: 'note',
  order: 'order',
  product: 'product',
  deal: 'deal',
  case: 'case',
} as const;

/** Kinds with their own restore rules (sales summaries, board ranks, unique SKUs). */
const RESTORE_IN = {
  order: restoreOrderIn,
  product: restoreProductIn,
  deal: restoreDealIn,
  case: restoreCaseIn,
} as const;

export const trashHandlers = {
  'trash.list': (input, ctx) => listTrash(ctx, input),

  'trash.restore': (input, ctx) =>
    ctx.writer.write((scope) => {
      let count = 0;
      const seen = new Set<string>();
      const restored: { kind: keyof typeof NAMES; id: string }[] = [];
      for (const { kind, id } of input.items) {
        if (seen.has(`${kind}:${id}`)) continue;
        seen.add(`${kind}:${id}`);
        if (kind === 'order' || kind === 'product' || kind === 'deal' || kind === 'case') {
          if (RESTORE_IN[kind](ctx, scope, id)) {
            count++;
            restored.push({ kind, id });
          }
          continue;
        }
        const table = TRASH_TABLE[kind];
        const row = prepared(
          ctx,
          `SELECT deleted_at, ${kind === 'person' || kind === 'company' ? 'NULL' : 'person_id'} AS person_id FROM ${table} WHERE id = ?`,
        ).get(id) as { deleted_at: number | null; person_id: string | null } | undefined;
        if (!row) {
          throw new AppError(
            'NOT_FOUND',
            `That ${NAMES[kind]} is no longer in the Trash: it was deleted for good.`,
            {
              kind,
              id,
            },
          );
        }
        if (row.deleted_at === null) continue;
        prepared(
          ctx,
          `UPDATE ${table} SET deleted_at = NULL, updated_at = ?, updated_by = ? WHERE id = ?`,
        ).run(scope.at, scope.staffId, id);
        if (kind === 'call' || kind === 'task') refreshPersonStats(ctx, scope, row.person_id);
        if (kind !== 'task') reindex(ctx, kind, id);
        scope.change(table, id, 'update');
        count++;
        restored.push({ kind, id });
      }
      // One event in the audit trail, naming the item when there is one.
      const one = restored.length === 1 ? restored[0]! : null;
      if (count > 0) {
        noteAudit(scope, {
          action: 'restore',
          summary: one ? 'Restored from the Trash' : `Restored ${count} items from the Trash`,
          record: one ? { table: TRASH_TABLE[one.kind], id: one.id } : null,
          count,
        });
      }
      return { count };
    }),

  'trash.empty': (input, ctx) =>
    ctx.writer.write((scope) => {
      const done = emptyTrash(ctx, scope, input.kind, input.olderThan);
      if (done.count > 0) {
        const items = (n: number) => `${n} ${n === 1 ? 'item' : 'items'}`;
        const kept = done.kept > 0 ? `; ${items(done.kept)} kept, as other records still need them` : '';
        noteAudit(scope, {
          action: 'purge',
          summary: `Emptied the Trash: ${items(done.count)} deleted for good${kept}`,
          count: done.count,
        });
      }
      return done;
    }),
} satisfies HandlerMap<'trash.list' | 'trash.restore' | 'trash.empty'>;
