/**
 * deals.list, the Pipeline board and its columns, as keyset pages (never OFFSET).
 *
 * deals.list is newest first (ids are UUIDv7, so id order is creation order). Without statistics
 * SQLite cannot tell which index is the most selective, so the first of person, company, owner and
 * stage that is given drives the query through its (column, id) index and the others are written
 * `+column` so they only filter; with none of them the primary key is walked backwards.
 *
 * A board column is read in (rank, id) order from deals_board (deals_owner_board for one owner);
 * its count and totals come from the covering deals_open_value index.
 */
import type { ParsedInput } from '../../../shared/api/requests.ts';
import {
  weightedValue,
  type Board,
  type ColumnTotal,
  type DealRow,
} from '../../../shared/domain/pipeline.ts';
import type { Page } from '../../../shared/domain/people.ts';
import type { DealStagesTable } from '../../db/schema.ts';
import type { Ctx } from '../context.ts';
import { decodeCursor, encodeCursor } from '../people/keyset.ts';
import { prepared } from '../people/prepared.ts';
import { readStageRows } from '../stages/stages.repo.ts';
import { DEAL_SELECT, toDealRow, type DealJoined } from './deal.rows.ts';

type DealFilter = ParsedInput<'deals.list'>['filter'];

const DRIVERS = [
  ['personId', 'd.person_id'],
  ['companyId', 'd.company_id'],
  ['ownerId', 'd.owner_id'],
  ['stageId', 'd.stage_id'],
] as const;

/** The SQL of one deals.list page; exported so tests can check its query plan. */
export function dealListSql(filter: DealFilter, afterId: string | null): { sql: string; params: unknown[] } {
  const where = ['d.deleted_at IS NULL'];
  const params: unknown[] = [];
  let driving = true;
  for (const [key, column] of DRIVERS) {
    const value = filter[key];
    if (value === undefined) continue;
    where.push(driving ? `${column} = ?` : `+${column} = ?`);
    params.push(value);
    driving = false;
  }
  if (filter.state !== undefined) {
    where.push('+d.state = ?');
    params.push(filter.state);
  }
  if (filter.expectedFrom !== undefined) {
    where.push('d.expected_close >= ?');
    params.push(filter.expectedFrom);
  }
  if (filter.expectedTo !== undefined) {
    where.push('d.expected_close <= ?');
    params.push(filter.expectedTo);
  }
  if (afterId !== null) {
    where.push('d.id < ?');
    params.push(afterId);
  }
  return { sql: `${DEAL_SELECT} WHERE ${where.join(' AND ')} ORDER BY d.id DESC LIMIT ?`, params };
}

export function listDeals(ctx: Ctx, input: ParsedInput<'deals.list'>): Page<DealRow> {
  const after = decodeCursor(input.cursor, 1);
  const q = dealListSql(input.filter, after ? String(after[0]) : null);
  const found = prepared(ctx, q.sql).all(...q.params, input.limit + 1) as DealJoined[];
  const page = found.slice(0, input.limit);
  const last = page.at(-1);
  return {
    rows: page.map(toDealRow),
    nextCursor: found.length > input.limit && last ? encodeCursor([last.id]) : null,
  };
}

const OPEN = `d.stage_id = ? AND d.state = 'open' AND d.deleted_at IS NULL`;

/** The SQL of a page of one column's cards, in (rank, id) order. */
export function columnSql(ownerId: string | undefined, after: boolean): string {
  const owner = ownerId === undefined ? '' : ' AND d.owner_id = ?';
  const keyset = after ? ' AND (d.rank, d.id) > (?, ?)' : '';
  return `${DEAL_SELECT} WHERE ${OPEN}${owner}${keyset} ORDER BY d.rank, d.id LIMIT ?`;
}

/**
 * The SQL of a column's count and value per currency. For one owner, `+currency` stops SQLite
 * walking all of the column in deals_open_value (for its currency order) instead of the owner's
 * part of deals_owner_board.
 */
export function columnTotalsSql(ownerId: string | undefined): string {
  const owner = ownerId === undefined ? '' : ' AND owner_id = ?';
  const currency = ownerId === undefined ? 'currency' : '+currency';
  return `SELECT currency, count(*) AS count, sum(value) AS value FROM deals
    WHERE stage_id = ? AND state = 'open' AND deleted_at IS NULL${owner} GROUP BY ${currency} ORDER BY ${currency}`;
}

export function columnPage(
  ctx: Ctx,
  stageId: string,
  ownerId: string | undefined,
  limit: number,
  cursor: string | null | undefined,
): Page<DealRow> {
  const after = decodeCursor(cursor, 2);
  const params: unknown[] = [stageId];
  if (ownerId !== undefined) params.push(ownerId);
  if (after) params.push(after[0], after[1]);
  const found = prepared(ctx, columnSql(ownerId, after !== null)).all(...params, limit + 1) as DealJoined[];
  const page = found.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page.map(toDealRow),
    nextCursor: found.length > limit && last ? encodeCursor([last.rank, last.id]) : null,
  };
}

export function columnTotals(ctx: Ctx, stage: DealStagesTable, ownerId: string | undefined): ColumnTotal[] {
  const params: unknown[] = [stage.id];
  if (ownerId !== undefined) params.push(ownerId);
  const rows = prepared(ctx, columnTotalsSql(ownerId)).all(...params) as {
    currency: string;
    count: number;
    value: number;
  }[];
  return rows.map((r) => ({ ...r, weighted: weightedValue(r.value, stage.probability_bp) }));
}

export function board(ctx: Ctx, input: ParsedInput<'deals.board'>): Board {
  const stages = readStageRows(ctx).filter((s) => s.active === 1);
  return {
    columns: stages.map((stage) => {
      const totals = columnTotals(ctx, stage, input.ownerId);
      const page = columnPage(ctx, stage.id, input.ownerId, input.limit, null);
      return {
        stageId: stage.id,
        name: stage.name,
        position: stage.position,
        probabilityBp: stage.probability_bp,
        count: totals.reduce((n, t) => n + t.count, 0),
        totals,
        deals: page.rows,
        nextCursor: page.nextCursor,
      };
    }),
  };
}
