/**
 * Reading the audit trail: newest first, in keyset pages (the cursor is the last event's number),
 * with the filters the screen offers, each event in words (audit.words.ts).
 *
 * A record's history is every event about it, every event about what it owns (a person's calls,
 * tasks, notes, orders, deals and cases: `owner`), and every bulk event whose write touched it.
 * The last are found through the change log, which already has an index by record (changes_row):
 * each of the record's change numbers falls in at most one bulk event's range (seq_from..seq_to).
 */
import { AppError } from '../../../shared/api/errors.ts';
import type {
  AuditFilter,
  AuditPage,
  ParsedAuditFilter,
} from '../../../shared/api/requests/audit.requests.ts';
import type { Ctx } from '../context.ts';
import { prepared } from '../people/prepared.ts';
import { describeEvents, type RawEvent } from './audit.words.ts';

export type { AuditFilter, ParsedAuditFilter };

const SELECT = `SELECT e.id, e.at, e.staff_id, s.name AS staff_name, e.action, e.tbl, e.row_id, e.label,
  e.summary, e.count, e.detail, e.batch_id, e.forgotten
  FROM audit_events e LEFT JOIN staff s ON s.id = e.staff_id`;

export function decodeCursor(cursor: string | null | undefined): number | null {
  if (cursor === null || cursor === undefined) return null;
  if (!/^\d{1,15}$/u.test(cursor)) {
    throw new AppError(
      'VALIDATION',
      'That page of the audit trail is not one it gave. Start again from the top.',
      {
        issues: [{ path: 'cursor', message: 'Not a cursor of the audit trail.' }],
      },
    );
  }
  return Number(cursor);
}

const like = (text: string) => `%${text.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;

/** The WHERE clause and its parameters for a filter (and a keyset position). */
export function auditWhere(
  filter: ParsedAuditFilter | undefined,
  beforeId: number | null,
): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (beforeId !== null) {
    where.push('e.id < ?');
    params.push(beforeId);
  }
  const f = filter ?? {};
  if (f.record) {
    const { table, id } = f.record;
    const owned = table === 'people' || table === 'companies';
    where.push(`e.id IN (
      SELECT id FROM audit_events WHERE tbl = ? AND row_id = ?
      ${owned ? 'UNION ALL SELECT id FROM audit_events WHERE owner = ?' : ''}
      UNION ALL SELECT a.id FROM changes c
        JOIN audit_events a ON a.seq_to = (SELECT min(x.seq_to) FROM audit_events x WHERE x.seq_to >= c.seq)
        WHERE c.tbl = ? AND c.row_id = ? AND a.seq_from <= c.seq)`);
    params.push(table, id);
    if (owned) params.push(`${table}:${id}`);
    params.push(table, id);
  }
  if (f.staffId !== undefined) {
    where.push('e.staff_id = ?');
    params.push(f.staffId);
  }
  if (f.action !== undefined) {
    where.push('e.action = ?');
    params.push(f.action);
  }
  if (f.table !== undefined) {
    // Bulk events name no record: they count when they touched that kind.
    where.push(`(e.tbl = ? OR (e.tbl IS NULL AND json_extract(e.detail, '$.counts.' || ?) IS NOT NULL))`);
    params.push(f.table, f.table);
  }
  if (f.from !== undefined) {
    where.push('e.at >= ?');
    params.push(f.from);
  }
  if (f.to !== undefined) {
    where.push('e.at < ?');
    params.push(f.to);
  }
  if (f.text !== undefined) {
    const words = like(f.text);
    where.push(`(e.label LIKE ? ESCAPE '\\' OR e.summary LIKE ? ESCAPE '\\' OR e.detail LIKE ? ESCAPE '\\'
      OR s.name LIKE ? ESCAPE '\\')`);
    params.push(words, words, words, words);
  }
  return { sql: where.length > 0 ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** Up to `limit` raw events, newest first, older than `beforeId`. */
export function auditRows(
  ctx: Pick<Ctx, 'sql'>,
  filter: ParsedAuditFilter | undefined,
  beforeId: number | null,
  limit: number,
): RawEvent[] {
  const { sql, params } = auditWhere(filter, beforeId);
  return prepared(ctx, `${SELECT} ${sql} ORDER BY e.id DESC LIMIT ?`).all(...params, limit) as RawEvent[];
}

export function listAudit(
  ctx: Ctx,
  input: { filter?: ParsedAuditFilter | undefined; cursor?: string | null | undefined; limit: number },
): AuditPage {
  const rows = auditRows(ctx, input.filter, decodeCursor(input.cursor), input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    rows: describeEvents(ctx, page),
    nextCursor: rows.length > input.limit && last ? String(last.id) : null,
  };
}
