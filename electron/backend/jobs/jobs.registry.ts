/**
 * Every job a worker can run, by name. A read job runs on a reader worker's read-only connection
 * (an 'alone' one on a reader of its own); a write job runs on the writer worker in one
 * transaction, while the main thread holds its own writes back (see jobs.runner.ts). Handlers
 * start them with ctx.jobs.run(name, input).
 *
 * Each job loads its code when it first runs (a dynamic import), not when a worker starts: a
 * worker holds the code of the jobs it has run and no more. The shell starts three at open
 * (prewarm), and each would otherwise hold the whole backend's code again, about 65 MB a thread.
 * On the main thread, which has loaded the backend already, the import resolves at once.
 */
import type { ParsedInput } from '../../../shared/api/requests.ts';
import type { Ctx } from '../context.ts';
import type { ImportJob } from '../import/import.run.ts';
import type { JobControl } from './job.ts';
import type { CsvExportOptions } from '../../../shared/domain/csv.ts';
import type { ListExportRequest } from '../export/list-export.ts';
import type { PresetInput } from '../export/presets.ts';
import type { VCardVersion } from '../vcard/vcard.write.ts';
import type { SnapshotReason } from '../../../shared/api/requests/backups.requests.ts';
import type { RestoreInput } from '../backups/restore.ts';
import type { AuditExportInput } from '../audit/audit.export.ts';

export interface JobDef<I, O> {
  /** 'alone': a read that takes a worker of its own, ended afterwards, so it holds no reader. */
  mode: 'read' | 'write' | 'alone';
  /** May return a promise: the worker waits for it before its next job. */
  run(ctx: Ctx, input: I, job: JobControl): O;
}

function def<I, O>(d: JobDef<I, O>): JobDef<I, O> {
  return d;
}

export const JOBS = {
  /** quick_check of a large book, run after it opened (read ahead first: checkAfterOpen). */
  'book.check': def({
    mode: 'alone',
    run: async (ctx, _input: Record<string, never>, job) => {
      const { checkAfterOpen } = await import('../../db/open.ts');
      return { problems: checkAfterOpen(ctx.deps.book, (done, total) => job.step(done, total)) };
    },
  }),
  'people.anchors': def({
    mode: 'read',
    run: async (ctx, input: ParsedInput<'people.anchors'>, job) =>
      (await import('../people/people.anchors.ts')).peopleAnchors(ctx, input, job),
  }),
  'people.count': def({
    mode: 'read',
    run: async (ctx, input: ParsedInput<'people.count'>) => {
      const { countPeople } = await import('../people/people.list.ts');
      return { count: countPeople(ctx, input.filter, input.now ?? ctx.clock()) };
    },
  }),
  'today.summary': def({
    mode: 'read',
    run: async (ctx, input: ParsedInput<'today.summary'>) =>
      (await import('../today/today.handlers.ts')).todaySummary(ctx, input),
  }),
  'tasks.agenda': def({
    mode: 'read',
    run: async (ctx, input: ParsedInput<'tasks.agenda'>) =>
      (await import('../tasks/tasks.agenda.ts')).agenda(ctx, input),
  }),
  'tags.list': def({
    mode: 'read',
    run: async (ctx, _input: ParsedInput<'tags.list'>) =>
      (await import('../tags/tags.handlers.ts')).listTags(ctx),
  }),
  'calls.totals': def({
    mode: 'read',
    run: async (ctx, input: ParsedInput<'calls.totals'>) =>
      (await import('../calls/calls.handlers.ts')).callTotals(ctx, input),
  }),
  'companies.count': def({
    mode: 'read',
    run: async (ctx, input: ParsedInput<'companies.count'>) => ({
      count: (await import('../companies/companies.filter.ts')).countCompanies(ctx, input.filter),
    }),
  }),
  'companies.bulk': def({
    mode: 'write',
    run: async (ctx, input: ParsedInput<'companies.bulk'>, job) =>
      (await import('../companies/companies.bulk.ts')).bulkCompanies(ctx, input, job),
  }),
  'reports.pipeline': def({
    mode: 'read',
    run: async (ctx, input: ParsedInput<'reports.pipeline'>) =>
      (await import('../reports/reports.ts')).pipelineByStage(ctx, input),
  }),
  'reports.wonLost': def({
    mode: 'read',
    run: async (ctx, input: ParsedInput<'reports.wonLost'>) =>
      (await import('../reports/reports.ts')).wonLost(ctx, input),
  }),
  'reports.casesByAge': def({
    mode: 'read',
    run: async (ctx, input: ParsedInput<'reports.casesByAge'>) =>
      (await import('../reports/reports.ts')).casesByAge(ctx, input),
  }),
  'people.bulk': def({
    mode: 'write',
    run: async (ctx, input: ParsedInput<'people.bulk'>, job) =>
      (await import('../people/people.bulk.ts')).bulkPeople(ctx, input, job),
  }),
  'batches.undo': def({
    mode: 'write',
    run: async (ctx, input: ParsedInput<'batches.undo'>, job) =>
      (await import('../batches/batches.handlers.ts')).undoBatch(ctx, input, job),
  }),
  /**
   * An import, or its dry run (the preview): the whole file in one transaction. The import (not
   * the preview) takes a snapshot first, in the same job (backups/before-change.ts).
   */
  'import.file': def({
    mode: 'write',
    run: async (ctx, input: ImportJob, job) => {
      const [{ snapshotFirst }, { importFile }] = await Promise.all([
        import('../backups/before-change.ts'),
        import('../import/import.file.ts'),
      ]);
      if (!input.dryRun) await snapshotFirst(ctx, 'before-import', job);
      return importFile(ctx, input, job);
    },
  }),
  // Exports hold one read transaction for their whole run (one moment of the book): each takes a
  // reader of its own, so lists and counts go on meanwhile. They can be cancelled.
  'export.list': def({
    mode: 'alone',
    run: async (ctx, input: { request: ListExportRequest; target: string }, job) =>
      (await import('../export/list-export.ts')).exportList(ctx, input.request, input.target, job),
  }),
  'export.preset': def({
    mode: 'alone',
    run: async (ctx, input: { input: PresetInput; target: string }, job) =>
      (await import('../export/presets.ts')).exportPreset(ctx, input.input, input.target, job),
  }),
  'export.everything': def({
    mode: 'alone',
    run: async (ctx, input: { input: { options: CsvExportOptions }; target: string }, job) => {
      const { exportEverything } = await import('../export/export-all.ts');
      const done = exportEverything(ctx, input.input, input.target, job);
      return { rows: done.tables.reduce((n, t) => n + t.rows, 0), bytes: done.bytes, replaced: 0 };
    },
  }),
  'export.vcard': def({
    mode: 'alone',
    run: async (ctx, input: { input: { ids: string[]; version: VCardVersion }; target: string }, job) =>
      (await import('../export/vcard-export.ts')).exportVCards(ctx, input.input, input.target, job),
  }),
  /** Everything about one person, as a zip (export/person-data.ts). */
  'export.person': def({
    mode: 'read',
    run: async (
      ctx,
      input: { input: { personId: string; options: CsvExportOptions }; target: string },
      job,
    ) => (await import('../export/person-data.ts')).exportPersonData(ctx, input.input, input.target, job),
  }),
  /** The audit trail filtered by what its indexes do not cover: newest first, on a reader. */
  'audit.list': def({
    mode: 'read',
    run: async (ctx, input: ParsedInput<'audit.list'>) =>
      (await import('../audit/audit.read.ts')).listAudit(ctx, input),
  }),
  /** The audit trail as the screen's filter shows it, as CSV (audit/audit.export.ts). */
  'audit.export': def({
    mode: 'alone',
    run: async (ctx, input: { input: AuditExportInput; target: string }, job) =>
      (await import('../audit/audit.export.ts')).exportAudit(ctx, input.input, input.target, job),
  }),
  /**
   * "Export everything" read back into an empty book, in one transaction, after a snapshot (not
   * for a book with records: the import refuses it anyway).
   */
  'import.archive': def({
    mode: 'write',
    run: async (ctx, input: { path: string }, job) => {
      const [{ snapshotFirst }, { bookHasRecords, importArchive }] = await Promise.all([
        import('../backups/before-change.ts'),
        import('../import/import.archive.ts'),
      ]);
      if (!bookHasRecords(ctx)) await snapshotFirst(ctx, 'before-import', job);
      return importArchive(ctx, input, job);
    },
  }),
  'lists.set': def({
    mode: 'write',
    run: async (ctx, input: ParsedInput<'lists.set'>, job) =>
      (await import('../lists/lists.handlers.ts')).setList(ctx, input, job),
  }),
  // Snapshots (backups/): a copy of the whole book takes a reader of its own, so lists and counts
  // go on meanwhile, and can be cancelled; `ifNoneToday` is the daily one (null when one exists).
  'backups.take': def({
    mode: 'alone',
    run: async (ctx, input: { reason: SnapshotReason; ifNoneToday?: boolean }, job) => {
      const { takenToday, takeSnapshot } = await import('../backups/snapshots.ts');
      return input.ifNoneToday && takenToday(ctx) ? null : takeSnapshot(ctx, input.reason, job);
    },
  }),
  /**
   * The snapshot before an import or a merge: a write job, so nothing is written between it and
   * the change it is for (and it runs on the writer, which the import is about to use anyway).
   */
  'backups.takeBeforeChange': def({
    mode: 'write',
    run: async (ctx, input: { reason: 'before-import' | 'before-merge' }, job) =>
      (await import('../backups/snapshots.ts')).takeSnapshot(ctx, input.reason, job),
  }),
  'backups.list': def({
    mode: 'read',
    run: async (ctx, _input: Record<string, never>) =>
      (await import('../backups/snapshots.ts')).listSnapshots(ctx),
  }),
  'backups.compare': def({
    mode: 'alone',
    run: async (ctx, input: { file: string }, job) =>
      (await import('../backups/compare.ts')).compareSnapshot(ctx, input.file, job),
  }),
  /** The whole book replaced by a snapshot: a write job, so no other write runs meanwhile. */
  'backups.restore': def({
    mode: 'write',
    run: async (ctx, input: RestoreInput, job) =>
      (await import('../backups/restore.ts')).restoreSnapshot(ctx, input, job),
  }),
  /**
   * A person erased for good (privacy/erase.run.ts): one transaction with secure_delete on, then
   * the journal emptied. It reads the whole undo history and rewrites the search index.
   */
  'privacy.erase': def({
    mode: 'write',
    run: async (ctx, input: ParsedInput<'privacy.erase'>, job) =>
      (await import('../privacy/erase.run.ts')).erasePerson(ctx, input, job),
  }),
  'privacy.erasePreview': def({
    mode: 'read',
    run: async (ctx, input: ParsedInput<'privacy.erasePreview'>) =>
      (await import('../privacy/erase.preview.ts')).previewErasure(ctx, input),
  }),
};

export type JobName = keyof typeof JOBS;
export type JobInput<N extends JobName> = Parameters<(typeof JOBS)[N]['run']>[1];
export type JobOutput<N extends JobName> = Awaited<ReturnType<(typeof JOBS)[N]['run']>>;

export function isJobName(name: unknown): name is JobName {
  return typeof name === 'string' && Object.hasOwn(JOBS, name);
}
