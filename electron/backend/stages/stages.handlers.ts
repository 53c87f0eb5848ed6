/**
 * dealStages.list / set. set replaces the pipeline in one transaction: stages named by id are
 * kept (renamed, reordered, re-weighted), new ones added, and the ones left out removed. A removed
 * stage with open deals is refused (CONFLICT, with the count) unless the request says which kept
 * stage they move to; they then go to the end of that column in their order. A removed stage that
 * deals still name (closed ones, or any in the Trash) stays as an inactive stage, so history keeps
 * its stage; one nothing names is deleted. A new stage named like a stage the pipeline had is that
 * stage back again.
 */
import { AppError } from '../../../shared/api/errors.ts';
import type { ParsedInput } from '../../../shared/api/requests.ts';
import type { DealStage } from '../../../shared/domain/pipeline.ts';
import { fold } from '../../../shared/domain/text.ts';
import type { WriteScope } from '../../db/changes.ts';
import type { DealStagesTable } from '../../db/schema.ts';
import { fieldError } from '../calls/links.ts';
import type { Ctx } from '../context.ts';
import { endRank } from '../deals/deal.rank.ts';
import type { HandlerMap } from '../handler.ts';
import { plucked, prepared } from '../people/prepared.ts';
import { listStages, openDealCount, readStageRows, stageInUse } from './stages.repo.ts';

type SetInput = ParsedInput<'dealStages.set'>;

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** Checks the request against the stored stages and says which stored stage each entry is. */
function resolveStages(existing: Map<string, DealStagesTable>, input: SetInput): (string | null)[] {
  const names = new Map<string, number>();
  const claimed = new Set<string>();
  input.stages.forEach((s, i) => {
    const folded = fold(s.name);
    if (names.has(folded)) throw fieldError(`stages.${i}.name`, 'Another stage has that name.');
    names.set(folded, i);
    if (s.id === undefined) return;
    if (!existing.has(s.id)) {
      const message = 'That stage is not in the pipeline.';
      throw new AppError('NOT_FOUND', message, { id: s.id, issues: [{ path: `stages.${i}.id`, message }] });
    }
    if (claimed.has(s.id)) throw fieldError(`stages.${i}.id`, 'That stage is in the list twice.');
    claimed.add(s.id);
  });
  // A new entry named like a stored stage nobody claimed is that stage (back) again.
  const byName = new Map(
    [...existing.values()].filter((r) => !claimed.has(r.id)).map((r) => [fold(r.name), r.id]),
  );
  return input.stages.map((s) => {
    if (s.id !== undefined) return s.id;
    const again = byName.get(fold(s.name));
    if (again === undefined || claimed.has(again)) return null;
    claimed.add(again);
    return again;
  });
}

/** Moves every open deal of a removed stage (the Trash too) to the end of the target column. */
function moveOpenDeals(ctx: Ctx, scope: WriteScope, from: string, to: string): void {
  const ids = plucked(
    ctx,
    `SELECT id FROM deals WHERE stage_id = ? AND state = 'open' ORDER BY rank, id`,
  ).all(from) as string[];
  let rank = endRank(ctx, to);
  const update = prepared(
    ctx,
    `UPDATE deals SET stage_id = ?, rank = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
  );
  for (const id of ids) {
    update.run(to, rank++, scope.at, scope.staffId, id);
    scope.change('deals', id, 'update');
  }
}

export function setStages(ctx: Ctx, input: SetInput): DealStage[] {
  return ctx.writer.write((scope) => {
    const rows = readStageRows(ctx);
    const existing = new Map(rows.map((r) => [r.id, r]));
    const ids = resolveStages(existing, input);
    const kept = new Set(ids.filter((id): id is string => id !== null));
    const removed = rows.filter((r) => r.active === 1 && !kept.has(r.id));
    const removedIds = new Set(removed.map((r) => r.id));

    const moves = new Map<string, string>();
    input.moveOpenDeals.forEach((m, i) => {
      if (!removedIds.has(m.from)) {
        throw fieldError(`moveOpenDeals.${i}.from`, 'Only the deals of a stage being removed are moved.');
      }
      if (moves.has(m.from))
        throw fieldError(`moveOpenDeals.${i}.from`, 'That stage’s deals are moved twice.');
      if (!kept.has(m.to)) throw fieldError(`moveOpenDeals.${i}.to`, 'Move the deals to a stage that stays.');
      moves.set(m.from, m.to);
    });
    for (const stage of removed) {
      const open = openDealCount(ctx, stage.id);
      if (open > 0 && !moves.has(stage.id)) {
        const message = `“${stage.name}” has ${plural(open, 'open deal', 'open deals')}. Say which stage they move to, or move them first.`;
        throw new AppError('CONFLICT', message, {
          stageId: stage.id,
          openDeals: open,
          issues: [{ path: 'moveOpenDeals', message }],
        });
      }
    }

    input.stages.forEach((s, position) => {
      const id = ids[position];
      const before = id ? existing.get(id) : undefined;
      if (!before) {
        const row: DealStagesTable = {
          id: ctx.ids(),
          name: s.name,
          position,
          probability_bp: s.probabilityBp,
          active: 1,
          created_at: scope.at,
          updated_at: scope.at,
        };
        ctx.sql.run(ctx.q.insertInto('deal_stages').values(row));
        scope.change('deal_stages', row.id, 'insert');
        return;
      }
      if (
        before.name === s.name &&
        before.position === position &&
        before.probability_bp === s.probabilityBp &&
        before.active === 1
      ) {
        return;
      }
      ctx.sql.run(
        ctx.q
          .updateTable('deal_stages')
          .set({ name: s.name, position, probability_bp: s.probabilityBp, active: 1, updated_at: scope.at })
          .where('id', '=', before.id),
      );
      scope.change('deal_stages', before.id, 'update');
    });

    for (const [from, to] of moves) moveOpenDeals(ctx, scope, from, to);
    // Stages now out of the pipeline: inactive while deals name them (after the active ones), else gone.
    let position = input.stages.length;
    for (const row of rows) {
      if (kept.has(row.id)) continue;
      if (!stageInUse(ctx, row.id)) {
        ctx.sql.run(ctx.q.deleteFrom('deal_stages').where('id', '=', row.id));
        scope.change('deal_stages', row.id, 'delete');
        continue;
      }
      const at = position++;
      if (row.active === 0 && row.position === at) continue;
      ctx.sql.run(
        ctx.q
          .updateTable('deal_stages')
          .set({ active: 0, position: at, updated_at: scope.at })
          .where('id', '=', row.id),
      );
      scope.change('deal_stages', row.id, 'update');
    }
    return listStages(ctx);
  });
}

export const stagesHandlers = {
  'dealStages.list': (input, ctx) => listStages(ctx, input.includeInactive ?? false),

  'dealStages.set': (input, ctx) => setStages(ctx, input),
} satisfies HandlerMap<'dealStages.list' | 'dealStages.set'>;
