/**
 * Every job a worker can run, by name. A read job runs on a reader worker's read-only connection
 * (an 'alone' one on a reader of its own); a write job runs on the writer worker in one
 * transaction, while the main thread holds its own writes back (see jobs.runner.ts). Handlers
 * start them with ctx.jobs.run(name, input).
 */
import type { ParsedInput } from '../../../shared/api/requests.ts';
import { undoBatch } from '../batches/batches.handlers.ts';
import { callTotals } from '../calls/calls.handlers.ts';
import { bulkCompanies } from '../companies/companies.bulk.ts';
import { countCompanies } from '../companies/companies.filter.ts';
import { checkAfterOpen } from '../../db/open.ts';
import type { Ctx } from '../context.ts';
import { setList } from '../lists/lists.handlers.ts';
import { peopleAnchors } from '../people/people.anchors.ts';
import { bulkPeople } from '../people/people.bulk.ts';
import { countPeople } from '../people/people.list.ts';
import { casesByAge, pipelineByStage, wonLost } from '../reports/reports.ts';
import { listTags } from '../tags/tags.handlers.ts';
import { importFile } from '../import/import.file.ts';
import type { ImportJob } from '../import/import.run.ts';
import { bookHasRecords, importArchive } from '../import/import.archive.ts';
import { snapshotFirst } from '../backups/before-change.ts';
import { agenda } from '../tasks/tasks.agenda.ts';
import { todaySummary } from '../today/today.handlers.ts';
import type { JobControl } from './job.ts';
import type { CsvExportOptions } from '../../../shared/domain/csv.ts';
import { exportEverything } from '../export/export-all.ts';
import { exportList, type ListExportRequest } from '../export/list-export.ts';
import { exportPreset, type PresetInput } from '../export/presets.ts';
import { exportVCards } from '../export/vcard-export.ts';
import { exportPersonData } from '../export/person-data.ts';
import type { VCardVersion } from '../vcard/vcard.write.ts';
import type { SnapshotReason } from '../../../shared/api/requests/backups.requests.ts';
import { compareSnapshot } from '../backups/compare.ts';
import { restoreSnapshot, type RestoreInput } from '../backups/restore.ts';
import { listSnapshots, takenToday, takeSnapshot } from '../backups/snapshots.ts';
import { exportAudit, type AuditExportInput } from '../audit/audit.export.ts';
import { listAudit } from '../audit/audit.read.ts';
import { erasePerson } from '../privacy/erase.run.ts';
import { previewErasure } from '../privacy/erase.preview.ts';

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
    run: (ctx, _input: Record<string, never>, job) => ({
      problems: checkAfterOpen(ctx.deps.book, (done, total) => job.step(done, total)),
    }),
  }),
  'people.anchors': def({
    mode: 'read',
    run: (ctx, input: ParsedInput<'people.anchors'>, job) => peopleAnchors(ctx, input, job),
  }),
  'people.count': def({
    mode: 'read',
    run: (ctx, input: ParsedInput<'people.count'>) => ({
      count: countPeople(ctx, input.filter, input.now ?? ctx.clock()),
    }),
  }),
  'today.summary': def({
    mode: 'read',
    run: (ctx, input: ParsedInput<'today.summary'>) => todaySummary(ctx, input),
  }),
  'tasks.agenda': def({
    mode: 'read',
    run: (ctx, input: ParsedInput<'tasks.agenda'>) => agenda(ctx, input),
  }),
  'tags.list': def({
    mode: 'read',
    run: (ctx, _input: ParsedInput<'tags.list'>) => listTags(ctx),
  }),
  'calls.totals': def({
    mode: 'read',
    run: (ctx, input: ParsedInput<'calls.totals'>) => callTotals(ctx, input),
  }),
  'companies.count': def({
    mode: 'read',
    run: (ctx, input: ParsedInput<'companies.count'>) => ({ count: countCompanies(ctx, input.filter) }),
  }),
  'companies.bulk': def({
    mode: 'write',
    run: (ctx, input: ParsedInput<'companies.bulk'>, job) => bulkCompanies(ctx, input, job),
  }),
  'reports.pipeline': def({
    mode: 'read',
    run: (ctx, input: ParsedInput<'reports.pipeline'>) => pipelineByStage(ctx, input),
  }),
  'reports.wonLost': def({
    mode: 'read',
    run: (ctx, input: ParsedInput<'reports.wonLost'>) => wonLost(ctx, input),
  }),
  'reports.casesByAge': def({
    mode: 'read',
    run: (ctx, input: ParsedInput<'reports.casesByAge'>) => casesByAge(ctx, input),
  }),
  'people.bulk': def({
    mode: 'write',
    run: (ctx, input: ParsedInput<'people.bulk'>, job) => bulkPeople(ctx, input, job),
  }),
  'batches.undo': def({
    mode: 'write',
    run: (ctx, input: ParsedInput<'batches.undo'>, job) => undoBatch(ctx, input, job),
  }),
  /**
   * An import, or its dry run (the preview): the whole file in one transaction. The import (not
   * the preview) takes a snapshot first, in the same job (backups/before-change.ts).
   */
  'import.file': def({
    mode: 'write',
    run: async (ctx, input: ImportJob, job) => {
      if (!input.dryRun) await snapshotFirst(ctx, 'before-import', job);
      return importFile(ctx, input, job);
    },
  }),
  // Exports hold one read transaction for their whole run (one moment of the book): each takes a
  // reader of its own, so lists and counts go on meanwhile. They can be cancelled.
  'export.list': def({
    mode: 'alone',
    run: (ctx, input: { request: ListExportRequest; target: string }, job) =>
      exportList(ctx, input.request, input.target, job),
  }),
  'export.preset': def({
    mode: 'alone',
    run: (ctx, input: { input: PresetInput; target: string }, job) =>
      exportPreset(ctx, input.input, input.target, job),
  }),
  'export.everything': def({
    mode: 'alone',
    run: (ctx, input: { input: { options: CsvExportOptions }; target: string }, job) => {
      const done = exportEverything(ctx, input.input, input.target, job);
      return { rows: done.tables.reduce((n, t) => n + t.rows, 0), bytes: done.bytes, replaced: 0 };
    },
  }),
  'export.vcard': def({
    mode: 'alone',
    run: (ctx, input: { input: { ids: string[]; version: VCardVersion }; target: string }, job) =>
      exportVCards(ctx, input.input, input.target, job),
  }),
  /** Everything about one person, as a zip (export/person-data.ts). */
  'export.person': def({
    mode: 'read',
    run: (ctx, input: { input: { personId: string; options: CsvExportOptions }; target: string }, job) =>
      exportPersonData(ctx, input.input, input.target, job),
  }),
  /** The audit trail filtered by what its indexes do not cover: newest first, on a reader. */
  'audit.list': def({
    mode: 'read',
    run: (ctx, input: ParsedInput<'audit.list'>) => listAudit(ctx, input),
  }),
  /** The audit trail as the screen's filter shows it, as CSV (audit/audit.export.ts). */
  'audit.export': def({
    mode: 'alone',
    run: (ctx, input: { input: AuditExportInput; target: string }, job) =>
      exportAudit(ctx, input.input, input.target, job),
  }),
  /**
   * "Export everything" read back into an empty book, in one transaction, after a snapshot (not
   * for a book with records: the import refuses it anyway).
   */
  'import.archive': def({
    mode: 'write',
    run: async (ctx, input: { path: string }, job) => {
      if (!bookHasRecords(ctx)) await snapshotFirst(ctx, 'before-import', job);
      return importArchive(ctx, input, job);
    },
  }),
  'lists.set': def({
    mode: 'write',
    run: (ctx, input: ParsedInput<'lists.set'>, job) => setList(ctx, input, job),
  }),
  // Snapshots (backups/): a copy of the whole book takes a reader of its own, so lists and counts
  // go on meanwhile, and can be cancelled; `ifNoneToday` is the daily one (null when one exists).
  'backups.take': def({
    mode: 'alone',
    run: async (ctx, input: { reason: SnapshotReason; ifNoneToday?: boolean }, job) =>
      input.ifNoneToday && takenToday(ctx) ? null : takeSnapshot(ctx, input.reason, job),
  }),
  /**
   * The snapshot before an import or a merge: a write job, so nothing is written between it and
   * the change it is for (and it runs on the writer, which the import is about to use anyway).
   */
  'backups.takeBeforeChange': def({
    mode: 'write',
    run: (ctx, input: { reason: 'before-import' | 'before-merge' }, job) =>
      takeSnapshot(ctx, input.reason, job),
  }),
  'backups.list': def({
    mode: 'read',
    run: (ctx, _input: Record<string, never>) => listSnapshots(ctx),
  }),
  'backups.compare': def({
    mode: 'alone',
    run: (ctx, input: { file: string }, job) => compareSnapshot(ctx, input.file, job),
  }),
  /** The whole book replaced by a snapshot: a write job, so no other write runs meanwhile. */
  'backups.restore': def({
    mode: 'write',
    run: (ctx, input: RestoreInput, job) => restoreSnapshot(ctx, input, job),
  }),
  /**
   * A person erased for good (privacy/erase.run.ts): one transaction with secure_delete on, then
   * the journal emptied. It reads the whole undo history and rewrites the search index.
   */
  'privacy.erase': def({
    mode: 'write',
    run: (ctx, input: ParsedInput<'privacy.erase'>, job) => erasePerson(ctx, input, job),
  }),
  'privacy.erasePreview': def({
    mode: 'read',
    run: (ctx, input: ParsedInput<'privacy.erasePreview'>) => previewErasure(ctx, input),
  }),
};

export type JobName = keyof typeof JOBS;
export type JobInput<N extends JobName> = Parameters<(typeof JOBS)[N]['run']>[1];
export type JobOutput<N extends JobName> = Awaited<ReturnType<(typeof JOBS)[N]['run']>>;

export function isJobName(name: unknown): name is JobName {
  return typeof name === 'string' && Object.hasOwn(JOBS, name);
}
