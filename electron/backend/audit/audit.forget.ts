/**
 * Erasing a person (privacy): what the audit trail knew of the records erased goes too, while the
 * fact that each event happened stays (when, who, what was done, which fields changed).
 *
 * forgetInTrail(ctx, scope, records) runs inside the erasure's own write and:
 *  - removes, from every event about one of the records, its name and the before and after values
 *    of its fields (the field names stay), and marks the event forgotten;
 *  - takes the records' names (as the trail captured them, and as the record has it now) out of
 *    the summaries and names of the bulk events whose writes touched them (a merge names both
 *    people), replacing them with "(erased)";
 *  - keeps this write itself from copying the records' values into the trail (keepOutOfTrail):
 *    the erasure should note one event of its own (noteAudit, action 'erase').
 * Values are never copied elsewhere in the trail: references to other records are kept as ids
 * and named when read (audit.words.ts), so they read as "a person no longer in the book" once
 * the person is gone.
 */
import type { WriteScope } from '../../db/changes.ts';
import type { Ctx } from '../context.ts';
import { plucked, prepared } from '../people/prepared.ts';
import { keepOutOfTrail, type StoredDetail } from './audit.capture.ts';

export const ERASED = '(erased)';

export interface ForgetTarget {
  /** A table the change log names (people, calls, notes...). */
  table: string;
  id: string;
}

const CURRENT_NAME: Record<string, string> = {
  people: `SELECT display_name FROM people WHERE id = ?`,
  companies: `SELECT name FROM companies WHERE id = ?`,
};

/** A stored detail without its values: the names of the fields that changed, and the counts. */
function withoutValues(text: string | null): string | null {
  if (!text) return null;
  let detail: StoredDetail;
  try {
    detail = JSON.parse(text) as StoredDetail;
  } catch {
    return null;
  }
  const fields = detail.fields ?? (detail.changes ?? []).map(([field]) => field);
  const out: StoredDetail = {};
  if (fields.length > 0) out.fields = fields;
  if (detail.counts) out.counts = detail.counts;
  return Object.keys(out).length > 0 ? JSON.stringify(out) : null;
}

/** Replaces every name in `text` with "(erased)" (longest first, so "Ann Lee" goes before "Ann"). */
function scrub(text: string | null, names: readonly string[]): string | null {
  if (text === null) return null;
  let out = text;
  for (const name of names) out = out.split(name).join(ERASED);
  return out;
}

export function forgetInTrail(
  ctx: Pick<Ctx, 'sql'>,
  scope: WriteScope,
  records: readonly ForgetTarget[],
): { forgotten: number; scrubbed: number } {
  keepOutOfTrail(scope, records);
  const names = new Set<string>();
  for (const r of records) {
    for (const label of plucked(
      ctx,
      `SELECT DISTINCT label FROM audit_events WHERE tbl = ? AND row_id = ? AND label IS NOT NULL`,
    ).all(r.table, r.id) as string[]) {
      names.add(label);
    }
    const sql = CURRENT_NAME[r.table];
    const now = sql ? (plucked(ctx, sql).get(r.id) as string | undefined) : undefined;
    if (now) names.add(now);
  }
  // Very short names would take letters out of every word around them.
  const byLength = [...names].filter((n) => n.trim().length >= 2).sort((a, b) => b.length - a.length);

  let forgotten = 0;
  const direct = prepared(
    ctx,
    `SELECT id, detail FROM audit_events WHERE tbl = ? AND row_id = ? AND (forgotten = 0 OR label IS NOT NULL)`,
  );
  const clear = prepared(
    ctx,
    `UPDATE audit_events SET label = NULL, detail = ?, summary = ?, forgotten = 1 WHERE id = ?`,
  );
  const summaryOf = plucked(ctx, `SELECT summary FROM audit_events WHERE id = ?`);
  for (const r of records) {
    for (const e of direct.all(r.table, r.id) as { id: number; detail: string | null }[]) {
      clear.run(withoutValues(e.detail), scrub(summaryOf.get(e.id) as string | null, byLength), e.id);
      forgotten++;
    }
  }

  let scrubbed = 0;
  if (byLength.length > 0) {
    // The bulk events whose writes touched the records, found through the change log.
    const linked = prepared(
      ctx,
      `SELECT DISTINCT a.id, a.label, a.summary FROM changes c
         JOIN audit_events a ON a.seq_to = (SELECT min(x.seq_to) FROM audit_events x WHERE x.seq_to >= c.seq)
        WHERE c.tbl = ? AND c.row_id = ? AND a.seq_from <= c.seq`,
    );
    const rename = prepared(ctx, `UPDATE audit_events SET label = ?, summary = ? WHERE id = ?`);
    for (const r of records) {
      for (const e of linked.all(r.table, r.id) as {
        id: number;
        label: string | null;
        summary: string | null;
      }[]) {
        const label = scrub(e.label, byLength);
        const summary = scrub(e.summary, byLength);
        if (label === e.label && summary === e.summary) continue;
        rename.run(label, summary, e.id);
        scrubbed++;
      }
    }
  }
  if (forgotten + scrubbed > 0) scope.change('audit', 'forget', 'update');
  return { forgotten, scrubbed };
}
