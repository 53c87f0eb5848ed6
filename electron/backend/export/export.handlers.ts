/**
 * Exports (issue 5): a list as its screen shows it, the accountant's files, everything as a zip,
 * and vCards. Each asks where to save first (the desktop's Save dialog; the preview writes a
 * temporary file for the page to download), then writes in a job of its own, so a long export
 * shows its progress, can be cancelled and never blocks the window. The CSV options are the ones
 * remembered in settings.csv, else the locale's defaults.
 */
import path from 'node:path';
import { csvDefaults, type CsvExportOptions } from '../../../shared/domain/csv.ts';
import type { ExportResult } from '../../../shared/domain/transfer.ts';
import type { Ctx } from '../context.ts';
import type { HandlerMap } from '../handler.ts';
import type { JobName } from '../jobs/jobs.registry.ts';
import { readSettings } from '../settings/settings.store.ts';
import { LIST_EXPORTS, listExportColumns } from './list-export.ts';
import { PRESETS } from './presets.ts';
import { exportNote, recordAudit } from '../audit/audit.record.ts';

export function csvOptions(ctx: Ctx): CsvExportOptions {
  const settings = readSettings(ctx);
  return settings.csv ?? csvDefaults(settings.locale);
}

/** Today in the machine's time zone, for file names. */
function today(ctx: Ctx): string {
  const d = new Date(ctx.clock());
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const FILTERS = {
  csv: [{ name: 'CSV file', extensions: ['csv'] }],
  zip: [{ name: 'Zip archive', extensions: ['zip'] }],
  vcf: [{ name: 'vCard file', extensions: ['vcf'] }],
};

/**
 * Where to write: the Save dialog's choice (null when cancelled), or a temporary file the preview
 * page downloads once the job is done.
 */
async function destination(
  ctx: Ctx,
  name: string,
  kind: keyof typeof FILTERS,
): Promise<{ path: string; temporary: boolean } | null> {
  const dialogs = ctx.deps.dialogs;
  if (!dialogs) return { path: ctx.files.tempPath(name), temporary: true };
  const chosen = await dialogs.save({ title: 'Save the export', defaultName: name, filters: FILTERS[kind] });
  return chosen ? { path: chosen, temporary: false } : null;
}

type ExportJob =
  'export.list' | 'export.preset' | 'export.everything' | 'export.vcard' | 'export.person' | 'audit.export';

/** Asks where to save, runs the export's job, and records the export in the audit trail. */
export async function run(
  ctx: Ctx,
  name: string,
  kind: keyof typeof FILTERS,
  job: ExportJob & JobName,
  input: Record<string, unknown>,
): Promise<ExportResult> {
  const where = await destination(ctx, name, kind);
  if (!where) return { saved: false, name, rows: 0, bytes: 0, replaced: 0, path: null, download: null };
  const done = (await ctx.jobs.run(job, { ...input, target: where.path } as never)) as {
    rows: number;
    bytes: number;
    replaced: number;
  };
  const download = where.temporary ? ctx.files.register(where.path, { name, temporary: true }) : null;
  await recordAudit(
    ctx,
    exportNote(job, input, { file: where.temporary ? name : where.path, rows: done.rows }),
  );
  return {
    saved: true,
    name: where.temporary ? name : path.basename(where.path),
    rows: done.rows,
    bytes: done.bytes,
    replaced: done.replaced,
    path: where.temporary ? null : where.path,
    download,
  };
}

export const exportHandlers = {
  'export.list': (input, ctx) =>
    run(ctx, `${LIST_EXPORTS[input.list].title.toLowerCase()}-${today(ctx)}.csv`, 'csv', 'export.list', {
      request: { ...input, options: csvOptions(ctx) },
    }),
  'export.columns': (input, ctx) =>
    listExportColumns(ctx, input.list).map((c) => ({ key: c.key, header: c.header, default: c.default })),
  'export.presets': () =>
    Object.entries(PRESETS).map(([id, p]) => ({
      id: id as keyof typeof PRESETS,
      title: p.title,
      description: p.description,
      period: p.period,
      columns: p.columns.map((c) => ({ header: c.header, doc: c.doc })),
    })),
  'export.preset': (input, ctx) =>
    run(
      ctx,
      PRESETS[input.preset].period
        ? `${input.preset}-${input.from}-to-${input.to}.csv`
        : `${input.preset}-${today(ctx)}.csv`,
      'csv',
      'export.preset',
      { input: { ...input, options: csvOptions(ctx) } },
    ),
  'export.everything': (_input, ctx) =>
    run(ctx, `ledgerline-export-${today(ctx)}.zip`, 'zip', 'export.everything', {
      input: { options: csvOptions(ctx) },
    }),
  'export.vcard': (input, ctx) =>
    run(ctx, input.ids.length === 1 ? 'contact.vcf' : `contacts-${today(ctx)}.vcf`, 'vcf', 'export.vcard', {
      input,
    }),
  'export.person': (input, ctx) =>
    run(ctx, `person-data-${today(ctx)}.zip`, 'zip', 'export.person', {
      input: { personId: input.personId, options: csvOptions(ctx) },
    }),
} satisfies HandlerMap<
  | 'export.list'
  | 'export.columns'
  | 'export.presets'
  | 'export.preset'
  | 'export.everything'
  | 'export.vcard'
  | 'export.person'
>;
