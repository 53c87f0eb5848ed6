/** Deal stages as rows and as the contract shows them, and the look-ups deals share. */
import { AppError } from '../../../shared/api/errors.ts';
import type { DealStage } from '../../../shared/domain/pipeline.ts';
import type { DealStagesTable } from '../../db/schema.ts';
import type { Ctx } from '../context.ts';
import { plucked, prepared } from '../people/prepared.ts';

/** Every stage, active ones first, each group in position order. */
export function readStageRows(ctx: Ctx): DealStagesTable[] {
  return prepared(
    ctx,
    `SELECT * FROM deal_stages ORDER BY active DESC, position, name`,
  ).all() as DealStagesTable[];
}

/** Open deals at a stage, not counting the Trash: a walk of the covering deals_open_value index. */
export function openDealCount(ctx: Ctx, stageId: string): number {
  return plucked(
    ctx,
    `SELECT count(*) FROM deals WHERE stage_id = ? AND state = 'open' AND deleted_at IS NULL`,
  ).get(stageId) as number;
}

export function toDealStage(ctx: Ctx, row: DealStagesTable): DealStage {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    probabilityBp: row.probability_bp,
    active: row.active === 1,
    openDeals: openDealCount(ctx, row.id),
  };
}

export function listStages(ctx: Ctx, includeInactive = false): DealStage[] {
  return readStageRows(ctx)
    .filter((r) => includeInactive || r.active === 1)
    .map((r) => toDealStage(ctx, r));
}

/** An active stage, or NOT_FOUND naming the field. */
export function requireActiveStage(ctx: Ctx, id: string, path: string): DealStagesTable {
  const row = prepared(ctx, `SELECT * FROM deal_stages WHERE id = ?`).get(id) as DealStagesTable | undefined;
  if (!row || row.active !== 1) {
    const message = row
      ? `“${row.name}” is no longer in the pipeline. Choose another stage.`
      : 'That stage is not in the pipeline.';
    throw new AppError('NOT_FOUND', message, { id, issues: [{ path, message }] });
  }
  return row;
}

/** The first active stage: where a new deal goes when no stage is given. */
export function firstStage(ctx: Ctx): DealStagesTable {
  const row = prepared(
    ctx,
    `SELECT * FROM deal_stages WHERE active = 1 ORDER BY position, name LIMIT 1`,
  ).get() as DealStagesTable | undefined;
  // dealStages.set always keeps at least one active stage.
  if (!row) throw new AppError('CONFLICT', 'The pipeline has no stages. Add one in Settings first.');
  return row;
}

/** Whether any deal (open, closed or in the Trash) names the stage: one probe of deals_stage. */
export function stageInUse(ctx: Ctx, stageId: string): boolean {
  return prepared(ctx, `SELECT 1 FROM deals WHERE stage_id = ? LIMIT 1`).get(stageId) !== undefined;
}
