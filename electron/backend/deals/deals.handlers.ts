/**
 * deals.create / get / update / delete / restore / list / board / column / move / win / lose / reopen.
 *
 * State rules: a deal is open, won or lost. Only an open deal is on the board, moves, and can be
 * won or lost; winning or losing dates it (the user's date), losing needs a reason. Reopening a
 * won or lost deal clears its date and reason and puts it at the end of its column (or of the
 * stage named; its own stage when that has left the pipeline is replaced by the first one). A won
 * deal that became an order stays won. Anything else is a CONFLICT and changes nothing.
 */
import { AppError } from '../../../shared/api/errors.ts';
import type { DealState } from '../../../shared/domain/pipeline.ts';
import type { CurrencyCode } from '../../../shared/domain/settings.ts';
import type { WriteScope } from '../../db/changes.ts';
import type { DealsTable } from '../../db/schema.ts';
import type { Ctx } from '../context.ts';
import type { HandlerMap } from '../handler.ts';
import { readLines } from '../lines/lines.ts';
import { insertOrder } from '../orders/order.write.ts';
import { prepared } from '../people/prepared.ts';
import { firstStage, requireActiveStage } from '../stages/stages.repo.ts';
import { board, columnPage, listDeals } from './deal.list.ts';
import { endRank, rankFor, type Placement } from './deal.rank.ts';
import { loadDeal, notFound, requireLiveDeal } from './deal.rows.ts';
import { insertDeal, updateDeal } from './deal.write.ts';

const STATE_WORDS: Record<DealState, string> = { open: 'open', won: 'won', lost: 'lost' };

function requireState(deal: DealsTable, allowed: DealState[], doing: string): void {
  if (allowed.includes(deal.state)) return;
  const hint = deal.state === 'open' ? '' : ' Reopen it first.';
  throw new AppError(
    'CONFLICT',
    `“${deal.title}” is ${STATE_WORDS[deal.state]}, so it cannot be ${doing}.${hint}`,
    {
      id: deal.id,
      state: deal.state,
    },
  );
}

/** A card of the target column to place the deal next to, read inside the write. */
function neighbourKey(ctx: Ctx, movingId: string, stageId: string, id: string, path: string) {
  const row = prepared(ctx, `SELECT id, rank, stage_id, state, deleted_at FROM deals WHERE id = ?`).get(
    id,
  ) as Pick<DealsTable, 'id' | 'rank' | 'stage_id' | 'state' | 'deleted_at'> | undefined;
  if (id === movingId) {
    const message = 'Place the deal next to another card.';
    throw new AppError('VALIDATION', message, { issues: [{ path, message }] });
  }
  if (!row || row.deleted_at !== null || row.state !== 'open') throw notFound(id, path);
  if (row.stage_id !== stageId) {
    const message = 'That card is in another column now. Refresh the board and try again.';
    throw new AppError('CONFLICT', message, { id, issues: [{ path, message }] });
  }
  return { rank: row.rank, id: row.id };
}

/** The stage if it is still in the pipeline, else the first stage. */
function activeOrFirst(ctx: Ctx, stageId: string): string {
  const active = prepared(ctx, `SELECT 1 FROM deal_stages WHERE id = ? AND active = 1`).get(stageId);
  return active ? stageId : firstStage(ctx).id;
}

function setClosed(
  ctx: Ctx,
  scope: WriteScope,
  id: string,
  state: DealState,
  closedOn: string | null,
  reason: string | null,
) {
  prepared(
    ctx,
    `UPDATE deals SET state = ?, closed_on = ?, lost_reason = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
  ).run(state, closedOn, reason, scope.at, scope.staffId, id);
  scope.change('deals', id, 'update');
}

/** Restores a deal inside the caller's write (deals.restore, trash.restore); false if it was live. */
export function restoreDealIn(ctx: Ctx, scope: WriteScope, id: string): boolean {
  const deal = prepared(ctx, `SELECT * FROM deals WHERE id = ?`).get(id) as DealsTable | undefined;
  if (!deal) throw new AppError('NOT_FOUND', 'That deal is not in the book.', { id });
  if (deal.deleted_at === null) return false;
  // An open deal goes back on the board: at the end of its column, or of the first one when
  // its stage has left the pipeline since.
  let stageId = deal.stage_id;
  let rank = deal.rank;
  if (deal.state === 'open') {
    stageId = activeOrFirst(ctx, stageId);
    rank = endRank(ctx, stageId, deal.id);
  }
  prepared(
    ctx,
    `UPDATE deals SET deleted_at = NULL, stage_id = ?, rank = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
  ).run(stageId, rank, scope.at, scope.staffId, deal.id);
  scope.change('deals', deal.id, 'update');
  return true;
}

export const dealsHandlers = {
  'deals.create': (input, ctx) => ctx.writer.write((scope) => loadDeal(ctx, insertDeal(ctx, scope, input))),

  'deals.get': (input, ctx) => loadDeal(ctx, input.id),

  'deals.update': (input, ctx) =>
    ctx.writer.write((scope) => {
      updateDeal(ctx, scope, input.id, input.patch);
      return loadDeal(ctx, input.id);
    }),

  'deals.delete': (input, ctx) =>
    ctx.writer.write((scope) => {
      const deal = requireLiveDeal(ctx, input.id);
      prepared(ctx, `UPDATE deals SET deleted_at = ?, updated_at = ?, updated_by = ? WHERE id = ?`).run(
        scope.at,
        scope.at,
        scope.staffId,
        deal.id,
      );
      scope.change('deals', deal.id, 'delete');
      return { ok: true as const };
    }),

  'deals.restore': (input, ctx) =>
    ctx.writer.write((scope) => {
      restoreDealIn(ctx, scope, input.id);
      return loadDeal(ctx, input.id);
    }),

  'deals.list': (input, ctx) => listDeals(ctx, input),

  'deals.board': (input, ctx) => board(ctx, input),

  'deals.column': (input, ctx) => {
    requireActiveStage(ctx, input.stageId, 'stageId');
    return columnPage(ctx, input.stageId, input.ownerId, input.limit, input.cursor);
  },

  'deals.move': (input, ctx) =>
    ctx.writer.write((scope) => {
      const deal = requireLiveDeal(ctx, input.id);
      requireState(deal, ['open'], 'moved on the board');
      const stage = requireActiveStage(ctx, input.stageId, 'stageId');
      let at: Placement = { end: true };
      if (input.beforeId !== undefined) {
        at = { before: neighbourKey(ctx, deal.id, stage.id, input.beforeId, 'beforeId') };
      } else if (input.afterId !== undefined) {
        at = { after: neighbourKey(ctx, deal.id, stage.id, input.afterId, 'afterId') };
      }
      const rank = rankFor(ctx, scope, stage.id, deal.id, at);
      prepared(
        ctx,
        `UPDATE deals SET stage_id = ?, rank = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
      ).run(stage.id, rank, scope.at, scope.staffId, deal.id);
      scope.change('deals', deal.id, 'update');
      return loadDeal(ctx, deal.id);
    }),

  'deals.toOrder': (input, ctx) =>
    ctx.writer.write((scope) => {
      const deal = requireLiveDeal(ctx, input.id);
      requireState(deal, ['won'], 'made into an order');
      if (deal.order_id !== null) {
        const reference = prepared(ctx, `SELECT reference FROM orders WHERE id = ?`)
          .pluck()
          .get(deal.order_id);
        throw new AppError('CONFLICT', `“${deal.title}” is already order ${String(reference)}.`, {
          id: deal.id,
          orderId: deal.order_id,
        });
      }
      const lines = readLines(ctx, { table: 'deal_lines', column: 'deal_id', id: deal.id });
      const orderId = insertOrder(ctx, scope, {
        personId: deal.person_id,
        companyId: deal.company_id,
        // A won deal always has its closing date (a CHECK in the table).
        orderDate: input.orderDate ?? (deal.closed_on as string),
        status: input.status,
        currency: deal.currency as CurrencyCode,
        ownerId: deal.owner_id,
        notes: `From the deal “${deal.title}”.`,
        lines:
          lines.length > 0
            ? lines.map((l) => ({
                productId: l.productId,
                description: l.description,
                quantity: l.quantity,
                unitPrice: l.unitPrice,
                discountBp: l.discountBp,
                taxRateBp: l.taxRateBp,
                unitCost: l.unitCost,
              }))
            : [{ description: deal.title, quantity: 1000, unitPrice: deal.value, discountBp: 0 }],
      });
      prepared(ctx, `UPDATE deals SET order_id = ?, updated_at = ?, updated_by = ? WHERE id = ?`).run(
        orderId,
        scope.at,
        scope.staffId,
        deal.id,
      );
      scope.change('deals', deal.id, 'update');
      const reference = prepared(ctx, `SELECT reference FROM orders WHERE id = ?`)
        .pluck()
        .get(orderId) as string;
      return { deal: loadDeal(ctx, deal.id), orderId, reference };
    }),

  'deals.win': (input, ctx) =>
    ctx.writer.write((scope) => {
      const deal = requireLiveDeal(ctx, input.id);
      requireState(deal, ['open'], 'marked won');
      setClosed(ctx, scope, deal.id, 'won', input.closedOn, null);
      return loadDeal(ctx, deal.id);
    }),

  'deals.lose': (input, ctx) =>
    ctx.writer.write((scope) => {
      const deal = requireLiveDeal(ctx, input.id);
      requireState(deal, ['open'], 'marked lost');
      setClosed(ctx, scope, deal.id, 'lost', input.closedOn, input.reason);
      return loadDeal(ctx, deal.id);
    }),

  'deals.reopen': (input, ctx) =>
    ctx.writer.write((scope) => {
      const deal = requireLiveDeal(ctx, input.id);
      requireState(deal, ['won', 'lost'], 'reopened');
      if (deal.order_id !== null) {
        throw new AppError('CONFLICT', `“${deal.title}” became an order, so it stays won.`, {
          id: deal.id,
          orderId: deal.order_id,
        });
      }
      const stageId =
        input.stageId !== undefined
          ? requireActiveStage(ctx, input.stageId, 'stageId').id
          : activeOrFirst(ctx, deal.stage_id);
      prepared(
        ctx,
        `UPDATE deals SET state = 'open', closed_on = NULL, lost_reason = NULL, stage_id = ?, rank = ?,
           updated_at = ?, updated_by = ? WHERE id = ?`,
      ).run(stageId, endRank(ctx, stageId, deal.id), scope.at, scope.staffId, deal.id);
      scope.change('deals', deal.id, 'update');
      return loadDeal(ctx, deal.id);
    }),
} satisfies HandlerMap<
  | 'deals.create'
  | 'deals.get'
  | 'deals.update'
  | 'deals.delete'
  | 'deals.restore'
  | 'deals.list'
  | 'deals.board'
  | 'deals.column'
  | 'deals.move'
  | 'deals.win'
  | 'deals.toOrder'
  | 'deals.lose'
  | 'deals.reopen'
>;
