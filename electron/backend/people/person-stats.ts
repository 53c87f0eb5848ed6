/**
 * A person's derived call facts, kept current inside every write that can change them
 * (logging, editing, deleting or restoring a call or a task, and merging people):
 *  - last_contact_at: the start of their newest call whose outcome counts as a conversation;
 *  - last_attempt_at: the start of their newest call of any outcome;
 *  - next_call_at: the earliest open, live call-type task for them (its due time, or its due date
 *    at 00:00 UTC when it has no time).
 */
import type { WriteScope } from '../../db/changes.ts';
import type { Ctx } from '../context.ts';
import { prepared } from './prepared.ts';

/** Recomputes the three facts and records the person as changed when any of them moved. */
export function refreshPersonStats(ctx: Ctx, scope: WriteScope, personId: string | null | undefined): void {
  if (!personId) return;
  const calls = prepared(
    ctx,

    `SELECT
         max(c.started_at) AS last_attempt,
         max(CASE WHEN lv.connected = 1 THEN c.started_at END) AS last_contact
       FROM calls c
       LEFT JOIN list_values lv ON lv.list = 'call_outcome' AND lv.value = c.outcome
       WHERE c.person_id = ? AND c.deleted_at IS NULL`,
  ).get(personId) as { last_attempt: number | null; last_contact: number | null };
  const next = prepared(
    ctx,

    `SELECT min(coalesce(due_at, CAST(strftime('%s', due_date) AS INTEGER) * 1000)) AS next_call
       FROM tasks
       WHERE person_id = ? AND type = 'call' AND done_at IS NULL AND deleted_at IS NULL
         AND (due_at IS NOT NULL OR due_date IS NOT NULL)`,
  ).get(personId) as { next_call: number | null };
  const info = prepared(
    ctx,

    `UPDATE people SET last_contact_at = ?, last_attempt_at = ?, next_call_at = ?
       WHERE id = ? AND (last_contact_at IS NOT ? OR last_attempt_at IS NOT ? OR next_call_at IS NOT ?)`,
  ).run(
    calls.last_contact,
    calls.last_attempt,
    next.next_call,
    personId,
    calls.last_contact,
    calls.last_attempt,
    next.next_call,
  );
  if (info.changes > 0) scope.change('people', personId, 'update');
}
