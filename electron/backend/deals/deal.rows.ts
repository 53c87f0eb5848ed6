/** Deals as the contract shows them: the row plus the names it links to, its stage and its lines. */
import { AppError } from '../../../shared/api/errors.ts';
import { weightedValue, type Deal, type DealRow, type DealState } from '../../../shared/domain/pipeline.ts';
import { sumAmounts } from '../../../shared/domain/money.ts';
import type { DealsTable } from '../../db/schema.ts';
import type { Ctx } from '../context.ts';
import { readLines } from '../lines/lines.ts';
import { prepared } from '../people/prepared.ts';

/**
 * Every deal column plus the joined names. LEFT JOINs keep deals the outer table, so the query
 * walks whichever deals index its WHERE and ORDER BY name, and each join is a primary-key probe.
 */
export const DEAL_SELECT = `SELECT d.*, p.display_name AS person_name, c.name AS company_name,
    s.name AS stage_name, s.probability_bp AS probability_bp, st.name AS owner_name
  FROM deals d
  LEFT JOIN deal_stages s ON s.id = d.stage_id
  LEFT JOIN people p ON p.id = d.person_id
  LEFT JOIN companies c ON c.id = d.company_id
  LEFT JOIN staff st ON st.id = d.owner_id`;

export type DealJoined = DealsTable & {
  person_name: string | null;
  company_name: string | null;
  stage_name: string | null;
  probability_bp: number | null;
  owner_name: string | null;
};

export function toDealRow(row: DealJoined): DealRow {
  const probabilityBp = row.probability_bp ?? 0;
  return {
    id: row.id,
    title: row.title,
    personId: row.person_id,
    personName: row.person_name,
    companyId: row.company_id,
    companyName: row.company_name,
    stageId: row.stage_id,
    stageName: row.stage_name ?? '',
    probabilityBp,
    value: row.value,
    weightedValue: weightedValue(row.value, probabilityBp),
    currency: row.currency,
    expectedClose: row.expected_close,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    state: row.state as DealState,
    closedOn: row.closed_on,
    lostReason: row.lost_reason,
    rank: row.rank,
    orderId: row.order_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function notFound(id: string, path?: string): AppError {
  const message = 'That deal does not exist or is in the Trash.';
  return new AppError('NOT_FOUND', message, path ? { id, issues: [{ path, message }] } : { id });
}

/** The stored row of a live deal, or NOT_FOUND. */
export function requireLiveDeal(ctx: Ctx, id: string, path?: string): DealsTable {
  const row = prepared(ctx, `SELECT * FROM deals WHERE id = ? AND deleted_at IS NULL`).get(id) as
    DealsTable | undefined;
  if (!row) throw notFound(id, path);
  return row;
}

export function hasLines(ctx: Ctx, dealId: string): boolean {
  return prepared(ctx, `SELECT 1 FROM deal_lines WHERE deal_id = ? LIMIT 1`).get(dealId) !== undefined;
}

/** A live deal with its lines and their totals. */
export function loadDeal(ctx: Ctx, id: string): Deal {
  const row = prepared(ctx, `${DEAL_SELECT} WHERE d.id = ? AND d.deleted_at IS NULL`).get(id) as
    DealJoined | undefined;
  if (!row) throw notFound(id);
  const lines = readLines(ctx, { table: 'deal_lines', column: 'deal_id', id });
  return { ...toDealRow(row), lines, totals: lines.length > 0 ? sumAmounts(lines) : null };
}
