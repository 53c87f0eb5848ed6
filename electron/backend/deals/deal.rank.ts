/**
 * A deal's place in its board column. Ranks are REAL numbers, smaller first, unique in a column.
 * A card dropped between two others takes the midpoint of their ranks, so a move writes one row.
 * Halving a gap again and again runs out of precision, so when two neighbours are closer than
 * MIN_GAP (or their midpoint is not strictly between them) the column is renumbered 1, 2, 3 ...
 * in its current order first. The order on the board is (rank, id).
 */
import type { WriteScope } from '../../db/changes.ts';
import type { Ctx } from '../context.ts';
import { plucked, prepared } from '../people/prepared.ts';

/** Neighbours closer than this are spread out before a card goes between them. */
export const MIN_GAP = 1e-6;

const OPEN = `stage_id = ? AND state = 'open' AND deleted_at IS NULL`;

interface Key {
  rank: number;
  id: string;
}

/** The rank after the last card of a column (1 for an empty one), leaving out `exclude`. */
export function endRank(ctx: Ctx, stageId: string, exclude: string | null = null): number {
  const last = plucked(
    ctx,
    `SELECT rank FROM deals WHERE ${OPEN} AND id <> ? ORDER BY rank DESC, id DESC LIMIT 1`,
  ).get(stageId, exclude ?? '') as number | undefined;
  return last === undefined ? 1 : Math.floor(last) + 1;
}

function neighbour(
  ctx: Ctx,
  stageId: string,
  exclude: string,
  of: Key,
  side: 'before' | 'after',
): Key | undefined {
  const sql =
    side === 'before'
      ? `SELECT rank, id FROM deals WHERE ${OPEN} AND id <> ? AND (rank, id) < (?, ?) ORDER BY rank DESC, id DESC LIMIT 1`
      : `SELECT rank, id FROM deals WHERE ${OPEN} AND id <> ? AND (rank, id) > (?, ?) ORDER BY rank, id LIMIT 1`;
  return prepared(ctx, sql).get(stageId, exclude, of.rank, of.id) as Key | undefined;
}

/** Spreads a column's cards (but `exclude`) to ranks 1, 2, 3 ... in their current order. */
export function renumberColumn(ctx: Ctx, scope: WriteScope, stageId: string, exclude: string): void {
  const rows = prepared(ctx, `SELECT id, rank FROM deals WHERE ${OPEN} AND id <> ? ORDER BY rank, id`).all(
    stageId,
    exclude,
  ) as Key[];
  const update = prepared(ctx, `UPDATE deals SET rank = ? WHERE id = ?`);
  rows.forEach((row, i) => {
    if (row.rank === i + 1) return;
    update.run(i + 1, row.id);
    scope.change('deals', row.id, 'update');
  });
}

export type Placement = { before: Key } | { after: Key } | { end: true };

function between(prev: number, next: number): number | null {
  const mid = prev + (next - prev) / 2;
  return next - prev >= MIN_GAP && prev < mid && mid < next ? mid : null;
}

function tryRank(ctx: Ctx, stageId: string, moving: string, at: Placement): number | null {
  if ('end' in at) return endRank(ctx, stageId, moving);
  if ('before' in at) {
    const prev = neighbour(ctx, stageId, moving, at.before, 'before');
    return prev ? between(prev.rank, at.before.rank) : at.before.rank - 1;
  }
  const next = neighbour(ctx, stageId, moving, at.after, 'after');
  return next ? between(at.after.rank, next.rank) : Math.floor(at.after.rank) + 1;
}

/**
 * The rank that puts `moving` at the placement in the column (renumbering the column first when
 * the gap is too small). `before`/`after` name a card of that column, read inside this write.
 */
export function rankFor(ctx: Ctx, scope: WriteScope, stageId: string, moving: string, at: Placement): number {
  const rank = tryRank(ctx, stageId, moving, at);
  if (rank !== null) return rank;
  renumberColumn(ctx, scope, stageId, moving);
  // The neighbour's rank moved with the renumbering: read it again.
  const ref = 'before' in at ? at.before : 'after' in at ? at.after : null;
  if (!ref) return endRank(ctx, stageId, moving);
  const fresh = plucked(ctx, `SELECT rank FROM deals WHERE id = ?`).get(ref.id) as number;
  const again = tryRank(
    ctx,
    stageId,
    moving,
    'before' in at ? { before: { rank: fresh, id: ref.id } } : { after: { rank: fresh, id: ref.id } },
  );
  // After renumbering neighbours are 1 apart, so a midpoint always exists.
  return again ?? fresh;
}
