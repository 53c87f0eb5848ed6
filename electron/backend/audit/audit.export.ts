/**
 * The audit trail as a CSV file (audit.export): the events the screen's filter shows, newest
 * first, one line per field that changed (the event's columns repeated, so a spreadsheet can sort
 * and filter them) and one line for an event with no fields. Written through the exports' own
 * CsvWriter with the CSV options the user chose for every export (separator, encoding, dates,
 * formula protection), so it opens correctly in Excel and LibreOffice; a cancel or a failure leaves
 * no file. It runs as a job on a reader of its own, inside one read transaction.
 */
import type { ParsedAuditFilter } from '../../../shared/api/requests/audit.requests.ts';
import { ACTION_WORDS, RECORD_WORDS } from '../../../shared/domain/audit.ts';
import type { CsvExportOptions } from '../../../shared/domain/csv.ts';
import type { Ctx } from '../context.ts';
import { CsvWriter, type CsvColumn, type CsvWriteResult } from '../csv/csv.writer.ts';
import { inReadSnapshot } from '../export/presets.ts';
import type { JobControl } from '../jobs/job.ts';
import { prepared } from '../people/prepared.ts';
import { readSettings } from '../settings/settings.store.ts';
import { auditRows, auditWhere } from './audit.read.ts';
import { describeEvents } from './audit.words.ts';
import { ERASED } from './audit.forget.ts';

export const AUDIT_CSV_COLUMNS: readonly CsvColumn[] = [
  { header: 'Event', type: 'integer' },
  { header: 'When', type: 'datetime' },
  { header: 'Staff', type: 'text' },
  { header: 'What', type: 'text' },
  { header: 'Kind of record', type: 'text' },
  { header: 'Record', type: 'text' },
  { header: 'Summary', type: 'text' },
  { header: 'Records', type: 'integer' },
  { header: 'Field', type: 'text' },
  { header: 'Before', type: 'text' },
  { header: 'After', type: 'text' },
];

const PAGE = 500;

export interface AuditExportInput {
  filter?: ParsedAuditFilter | undefined;
  options: CsvExportOptions;
}

export function exportAudit(
  ctx: Ctx,
  input: AuditExportInput,
  target: string,
  job: JobControl,
): CsvWriteResult {
  const locale = readSettings(ctx).locale;
  return inReadSnapshot(ctx.sql.raw, () => {
    const { sql, params } = auditWhere(input.filter, null);
    const total = prepared(
      ctx,
      `SELECT count(*) AS n FROM audit_events e LEFT JOIN staff s ON s.id = e.staff_id ${sql}`,
    ).get(...params) as { n: number };
    const what = 'Exporting the audit trail';
    job.step(0, total.n, what);
    const writer = new CsvWriter(target, AUDIT_CSV_COLUMNS, input.options, locale);
    try {
      let done = 0;
      let before: number | null = null;
      for (;;) {
        const rows = auditRows(ctx, input.filter, before, PAGE);
        for (const e of describeEvents(ctx, rows)) {
          const head = [
            e.id,
            e.at,
            e.staffName ?? '',
            ACTION_WORDS[e.action],
            e.table ? RECORD_WORDS[e.table].one : '',
            e.label ?? (e.forgotten ? ERASED : ''),
            e.summary ?? '',
            e.count,
          ];
          if (e.changes.length === 0) writer.write([...head, '', '', '']);
          for (const c of e.changes) {
            writer.write([
              ...head,
              c.label,
              e.forgotten ? ERASED : (c.before ?? ''),
              e.forgotten ? ERASED : (c.after ?? ''),
            ]);
          }
          job.step(++done, total.n, what);
        }
        if (rows.length < PAGE) break;
        before = rows[rows.length - 1]!.id;
      }
      return writer.finish();
    } catch (err) {
      writer.abort();
      throw err;
    }
  });
}
