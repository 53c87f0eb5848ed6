/**
 * The audit trail's requests (issue 6): the list and one record's history (keyset pages, newest
 * first), the CSV export (a job, through the exports' Save dialog and CSV options), and how long
 * the trail is kept. A shorter time removes the older events in the background (audit.prune.ts).
 */
import type { AuditSettings } from '../../../shared/api/requests/audit.requests.ts';
import type { ParsedInput } from '../../../shared/api/requests.ts';
import { KEEP_FOR } from '../../../shared/domain/audit.ts';
import type { Ctx } from '../context.ts';
import { csvOptions, run as runExport } from '../export/export.handlers.ts';
import type { HandlerMap } from '../handler.ts';
import { plucked } from '../people/prepared.ts';
import { pruneAudit } from './audit.prune.ts';
import { listAudit } from './audit.read.ts';
import { readKeepFor, writeKeepFor } from './audit.settings.ts';

function auditSettings(ctx: Ctx): AuditSettings {
  const oldest = plucked(ctx, `SELECT min(at) FROM audit_events`).get() as number | null;
  return { keepFor: readKeepFor(ctx), oldestAt: oldest ?? null };
}

/** Today in the machine's time zone, for the file's name. */
function today(ctx: Ctx): string {
  const d = new Date(ctx.clock());
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * Whether a filter reads the trail newest first until it has a page (by staff profile, action,
 * kind of record, dates or words: no index serves them), which can take a while on a long trail:
 * then it is a read job. Everything, or one record's history, is read inline from an index.
 */
function scans(filter: ParsedInput<'audit.list'>['filter']): boolean {
  if (!filter || filter.record) return false;
  return Object.values({ ...filter, record: undefined }).some((v) => v !== undefined);
}

export const auditHandlers = {
  'audit.list': (input, ctx) =>
    scans(input.filter) ? ctx.jobs.run('audit.list', input) : listAudit(ctx, input),
  'audit.record': (input, ctx) =>
    listAudit(ctx, {
      filter: { record: { table: input.table, id: input.id } },
      cursor: input.cursor,
      limit: input.limit,
    }),
  'audit.export': (input, ctx) =>
    runExport(ctx, `audit-trail-${today(ctx)}.csv`, 'csv', 'audit.export', {
      input: { filter: input.filter, options: csvOptions(ctx) },
    }),
  'audit.settings': (_input, ctx) => auditSettings(ctx),
  'audit.updateSettings': (input, ctx) => {
    const was = readKeepFor(ctx);
    if (was !== input.keepFor) ctx.writer.write((scope) => writeKeepFor(ctx, scope, input.keepFor));
    // A shorter time: what is now too old goes, in the background, a chunk at a time.
    if (KEEP_FOR.indexOf(input.keepFor) < KEEP_FOR.indexOf(was)) {
      void pruneAudit(ctx).catch((err: unknown) =>
        ctx.deps.log?.('the audit trail could not be shortened', err),
      );
    }
    return auditSettings(ctx);
  },
} satisfies HandlerMap<
  'audit.list' | 'audit.record' | 'audit.export' | 'audit.settings' | 'audit.updateSettings'
>;
