/** The record of erasures (privacy.erasures): newest first, with who erased and the stand-in's name. */
import type { Erasure, ErasureCounts } from '../../../shared/api/requests/privacy.requests.ts';
import type { ErasuresTable } from '../../db/schema.ts';
import type { Ctx } from '../context.ts';
import { prepared } from '../people/prepared.ts';

/** At most this many are listed: erasures are rare, a few a year in a busy office. */
const MAX_LISTED = 1000;

type Row = ErasuresTable & { staff_name: string | null; stand_in_name: string | null };

const SELECT = `SELECT e.*, s.name AS staff_name, p.display_name AS stand_in_name
  FROM erasures e
  LEFT JOIN staff s ON s.id = e.staff_id
  LEFT JOIN people p ON p.id = e.stand_in_id`;

const EMPTY: ErasureCounts = {
  erased: {},
  kept: {},
  unlinked: {},
  detached: 0,
  undoCopies: 0,
  searchEntries: 0,
};

function countsOf(text: string): ErasureCounts {
  try {
    return { ...EMPTY, ...(JSON.parse(text) as Partial<ErasureCounts>) };
  } catch {
    return EMPTY;
  }
}

function toErasure(row: Row): Erasure {
  return {
    id: row.id,
    reference: row.reference,
    erasedAt: row.erased_at,
    erasedBy: row.staff_name,
    reason: row.reason,
    ordersKept: row.orders_kept === 1,
    standIn:
      row.stand_in_id !== null && row.stand_in_name !== null
        ? { id: row.stand_in_id, name: row.stand_in_name }
        : null,
    counts: countsOf(row.counts),
  };
}

export function readErasure(ctx: Ctx, id: string): Erasure | undefined {
  const row = prepared(ctx, `${SELECT} WHERE e.id = ?`).get(id) as Row | undefined;
  return row ? toErasure(row) : undefined;
}

export function listErasures(ctx: Ctx): Erasure[] {
  return (prepared(ctx, `${SELECT} ORDER BY e.number DESC LIMIT ?`).all(MAX_LISTED) as Row[]).map(toErasure);
}
