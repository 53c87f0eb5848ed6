/**
 * createBackend({ book, clock, ids, emit, ... }): the whole backend as a plain Node library.
 * Nothing is module-global, so a test opens a temp book and calls it directly.
 *
 * invoke(name, input) never throws: it validates the input with the contract's schema, runs
 * the handler and returns an envelope. Unexpected errors are logged here and cross the
 * boundary only as { code: 'INTERNAL', message }.
 */
import type { z } from 'zod';
import { AppError, type Envelope } from '../../shared/api/errors.ts';
import { isRequestName, requests, type RequestName } from '../../shared/api/requests.ts';
import { createWriter } from '../db/changes.ts';
import { connectBook } from '../db/open.ts';
import { createAuditHook } from './audit/audit.capture.ts';
import { startAuditPruning } from './audit/audit.prune.ts';
import { createSql } from '../db/query.ts';
import { mapStorageError } from '../db/sqlite-errors.ts';
import type { BackendDeps, Ctx } from './context.ts';
import { handlers } from './handlers.ts';
import { inlineJobs, workerJobs, type Jobs } from './jobs/jobs.runner.ts';
import { createFiles } from './files/files.ts';
import { readSettings } from './settings/settings.store.ts';
import type { SnapshotInfo } from '../../shared/api/requests/backups.requests.ts';

/**
 * DESIGN.md: nothing blocks the main process for more than 50 ms. A request that does is logged,
 * so the work can move to a job.
 */
const SLOW_MAIN_MS = 50;

/** Thrown by the main writer while a write job holds the book; invoke() waits and runs the request again. */
class WritesHeldBack extends AppError {
  constructor() {
    super('BUSY', 'Ledgerline is finishing a longer change to the book. Try again in a moment.');
  }
}
interface BookCheck {
  state: 'running' | 'ok' | 'failed';
  problems: string[];
  done: Promise<void>;
}

function damagedBook(file: string, problems: string[]): AppError {
  return new AppError(
    'BOOK_DAMAGED',
    `Ledgerline found damage in ${file} when it opened it (quick_check failed), so it will not change it: nothing was saved. You can still look things up and export them. Restore the book from a backup.`,
    { problems },
  );
}

/** A request is run again at most this many times while write jobs keep arriving. */
const MAX_HELD_BACK = 20;

export interface Backend {
  invoke(name: unknown, input: unknown): Promise<Envelope<unknown>>;
  /** The context handlers run with (tests and the demo seeder write through it). */
  ctx: Ctx;
  /** Settles once the book has been checked (at once when openBook checked it); never rejects. */
  checked: Promise<void>;
  /**
   * The day's snapshot (deps.dailySnapshot), taken in the background after the check: what was
   * taken, or null when none was due, asked for or possible (a failure is logged). Never rejects.
   */
  dailySnapshot: Promise<SnapshotInfo | null>;
  close(): Promise<void>;
}

export function validationError(error: z.ZodError): AppError {
  const issues = error.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    message: i.message,
  }));
  const first = issues[0];
  const where = first?.path ? ` (${first.path})` : '';
  return new AppError('VALIDATION', `${first?.message ?? 'The request is not valid.'}${where}`, { issues });
}

export function createBackend(deps: BackendDeps): Backend {
  const sql = createSql(deps.book.sqlite);
  let currentStaff: string | null | undefined;
  const log = deps.log ?? ((message: string, err?: unknown) => console.error(message, err));
  const jobs: Jobs = deps.jobsWorker
    ? workerJobs({
        workerUrl: deps.jobsWorker,
        config: {
          file: deps.book.path,
          host: deps.host,
          appVersion: deps.appVersion,
          backupsDir: deps.backupsDir,
          schemaVersion: deps.book.schemaVersion,
          key: deps.book.key,
        },
        ctx: () => ctx,
        emit: deps.emit,
        log,
      })
    : inlineJobs(() => ctx);
  const files = createFiles();
  const writer = createWriter({
    sql,
    clock: deps.clock,
    staffId: () => ctx.currentStaffId(),
    onCommit: (event) => {
      if (event.tables.includes('settings')) currentStaff = undefined;
      deps.emit('db.changed', event);
    },
    // The audit trail: each write's before and after, the before read on a second connection.
    hook: createAuditHook({
      sql,
      connect: () => connectBook(deps.book.path, { readonly: true, key: deps.book.key }).sqlite,
      log,
    }),
  });
  const ctx: Ctx = {
    q: deps.book.db,
    sql,
    clock: deps.clock,
    ids: deps.ids,
    deps,
    currentStaffId: () => {
      if (currentStaff === undefined) currentStaff = readSettings(ctx).currentStaffId;
      return currentStaff ?? null;
    },
    writer: {
      latestSeq: () => writer.latestSeq(),
      write(fn) {
        if (jobs.writing || check?.state === 'running') throw new WritesHeldBack();
        if (check?.state === 'failed') throw damagedBook(deps.book.path, check.problems);
        return writer.write(fn);
      },
    },
    jobs,
    files,
    bookState: {
      damage: () =>
        check?.state === 'failed'
          ? { damaged: true, problems: check.problems }
          : { damaged: false, problems: [] },
      restored() {
        currentStaff = undefined;
        // A book found damaged (or still being checked) is checked again as it is now.
        if (!check || check.state === 'ok') return Promise.resolve();
        check = startCheck();
        return check.done;
      },
    },
  };

  // A large book opens before quick_check has read it (see openBook): it runs now on a reader,
  // and writes wait for it. A book it finds damaged is not written to again, until a restore
  // replaces it; reads go on, so what it holds can still be seen and exported.
  let closing = false;
  let check: BookCheck | null = deps.book.checked ? null : startCheck();
  const firstCheck = check;
  function startCheck(): BookCheck {
    const c: BookCheck = { state: 'running', problems: [], done: Promise.resolve() };
    c.done = jobs
      .run('book.check', {})
      .catch((err: unknown) => {
        // Closing cancels it. A worker that cannot run it cannot run any job either: say so,
        // rather than read the whole book on the main thread, and let writes go on.
        if (!closing) log('the book check could not run, so this book was not checked when it opened', err);
        return { problems: [] };
      })
      .then(({ problems }) => {
        c.problems = problems;
        c.state = problems.length > 0 ? 'failed' : 'ok';
        if (problems.length > 0) log(`quick_check found damage in ${deps.book.path}: ${problems.join('; ')}`);
      });
    return c;
  }

  async function runHandler(name: RequestName, input: unknown): Promise<unknown> {
    const handler = handlers[name] as (input: unknown, ctx: Ctx) => unknown;
    for (let attempt = 0; ; attempt++) {
      try {
        const started = performance.now();
        const answer = handler(input, ctx);
        // A job hands back a promise at once; anything else ran here, on the main thread.
        const held = performance.now() - started;
        if (held > SLOW_MAIN_MS) log(`request ${name} held the main thread for ${Math.round(held)} ms`);
        return await answer;
      } catch (err) {
        // Nothing was written: the writer refused before its transaction began.
        if (!(err instanceof WritesHeldBack) || attempt >= MAX_HELD_BACK) throw err;
        await Promise.all([jobs.writesIdle(), check?.done]);
      }
    }
  }

  async function invoke(rawName: unknown, input: unknown): Promise<Envelope<unknown>> {
    const name = rawName;
    if (!isRequestName(name)) {
      return {
        ok: false,
        error: {
          code: 'UNKNOWN_REQUEST',
          message: `There is no request called ${JSON.stringify(String(name)).slice(0, 80)}.`,
        },
      };
    }
    const parsed = (requests[name].input as z.ZodType).safeParse(input);
    if (!parsed.success) return { ok: false, error: validationError(parsed.error).toData() };
    try {
      const value = await runHandler(name, parsed.data);
      return { ok: true, value };
    } catch (err) {
      const mapped = mapStorageError(err);
      if (mapped) return { ok: false, error: mapped.toData() };
      log(`request ${name} failed`, err);
      return {
        ok: false,
        error: {
          code: 'INTERNAL',
          message:
            'Something went wrong inside Ledgerline, so nothing was changed. Try again; if it keeps happening, restart the app.',
        },
      };
    }
  }

  // The day's snapshot, once the book has passed its check; never in the way of opening it.
  const dailySnapshot: Promise<SnapshotInfo | null> = !deps.dailySnapshot
    ? Promise.resolve(null)
    : (firstCheck?.done ?? Promise.resolve())
        .then(() =>
          closing || firstCheck?.state === 'failed'
            ? null
            : jobs.run('backups.take', { reason: 'daily', ifNoneToday: true }),
        )
        .catch((err: unknown) => {
          if (!closing) log('the daily snapshot could not be taken', err);
          return null;
        });

  // The audit trail kept for as long as the user chose: pruned once the book has been checked.
  const stopPruning = deps.auditPruning
    ? startAuditPruning(ctx, firstCheck?.done ?? Promise.resolve(), log)
    : () => {};

  return {
    invoke,
    ctx,
    checked: firstCheck ? firstCheck.done : Promise.resolve(),
    dailySnapshot,
    close: async () => {
      closing = true;
      stopPruning();
      await jobs.close();
      files.close();
      writer.close();
      await deps.book.close();
    },
  };
}

export type { RequestName };
