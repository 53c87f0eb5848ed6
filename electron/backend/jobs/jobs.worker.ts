/**
 * A job worker: a worker_thread with its own connection to the book (WAL lets it read, or write,
 * alongside the main thread). It runs one job at a time from jobs.registry.ts, in the order sent (a
 * job that returns a promise is awaited before the next starts), and reports progress, the tables
 * it changed and its result or error back to the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../shared/api/errors.ts';
import { createWriter, type Writer } from '../../db/changes.ts';
import { connectBook } from '../../db/open.ts';
import { createSql } from '../../db/query.ts';
import { mapStorageError } from '../../db/sqlite-errors.ts';
import { createAuditHook } from '../audit/audit.capture.ts';
import { createFiles } from '../files/files.ts';
import { uuidv7Ids } from '../ids.ts';
import type { Ctx } from '../context.ts';
import { cancelledError, createJobControl } from './job.ts';
import type { FromWorker, ToWorker, WorkerConfig } from './jobs.protocol.ts';
import { inlineJobs } from './jobs.runner.ts';
import { isJobName, JOBS } from './jobs.registry.ts';

const port = parentPort;
if (!port) throw new Error('jobs.worker.ts runs only as a worker thread');
const config = workerData as WorkerConfig;
const post = (message: FromWorker) => port.postMessage(message);

const { sqlite, db } = connectBook(config.file, { readonly: config.role === 'read', key: config.key });
const sql = createSql(sqlite);
let now = 0;
const ids = uuidv7Ids();
let staffId: string | null = null;

const readOnlyWriter: Writer = {
  write() {
    throw new Error('a read job tried to write');
  },
  latestSeq: () => sqlite.prepare(`SELECT coalesce(max(seq), 0) FROM changes`).pluck().get() as number,
};

// The writer's writes reach the audit trail as the main thread's do, with a reader of its own.
const writer =
  config.role === 'read'
    ? null
    : createWriter({
        sql,
        clock: () => now,
        staffId: () => staffId,
        onCommit: (event) => post({ type: 'changed', event }),
        hook: createAuditHook({
          sql,
          connect: () => connectBook(config.file, { readonly: true, key: config.key }).sqlite,
        }),
      });

const ctx: Ctx = {
  q: db,
  sql,
  clock: () => now,
  ids,
  currentStaffId: () => staffId,
  writer: writer ?? readOnlyWriter,
  deps: {
    book: {
      path: config.file,
      sqlite,
      db,
      schemaVersion: config.schemaVersion,
      preMigrationBackup: null,
      checked: true,
      key: config.key,
      close: () => db.destroy(),
    },
    clock: () => now,
    ids,
    emit: () => {},
    host: config.host,
    appVersion: config.appVersion,
    backupsDir: config.backupsDir,
  },
  jobs: inlineJobs(() => ctx),
  // Jobs are handed paths, never file ids: a worker has no files of its own.
  files: createFiles(),
  // The main thread keeps the book's health; a job only reads and writes.
  bookState: { damage: () => ({ damaged: false, problems: [] }), restored: () => Promise.resolve() },
};

async function run(message: Extract<ToWorker, { type: 'run' }>): Promise<void> {
  const { id, name } = message;
  now = message.now;
  staffId = message.staffId;
  try {
    if (!isJobName(name)) throw new AppError('UNKNOWN_REQUEST', `There is no job called ${name}.`);
    const flag = new Int32Array(message.cancel);
    if (Atomics.load(flag, 0) === 1) throw cancelledError();
    const control = createJobControl(flag, (done, total, text) =>
      post({ type: 'progress', id, done, total, message: text }),
    );
    const job = JOBS[name] as { run(ctx: Ctx, input: unknown, job: typeof control): unknown };
    // A job may return a promise (the online backup API's copy is asynchronous).
    post({ type: 'done', id, value: await job.run(ctx, message.input, control) });
  } catch (err) {
    const known = err instanceof AppError ? err : mapStorageError(err);
    if (known) post({ type: 'failed', id, error: known.toData() });
    else {
      const internal = err instanceof Error ? (err.stack ?? err.message) : String(err);
      post({ type: 'failed', id, error: { code: 'INTERNAL', message: 'The job failed.' }, internal });
    }
  }
}

// One job at a time, in the order they came: the writer is sent each write job as it is queued,
// and a job that awaits (a backup) must not let the next one start on this connection meanwhile.
// A close waits for the job running (the runner has already cancelled it). Should posting an
// answer itself fail, that is thrown outside the queue, as before: the worker fails, the runner
// fails its jobs and starts another.
let queue: Promise<void> = Promise.resolve();
const rethrow = (err: unknown) =>
  process.nextTick(() => {
    throw err;
  });
port.on('message', (message: ToWorker) => {
  if (message.type === 'run') queue = queue.then(() => run(message)).catch(rethrow);
  else if (message.type === 'close') {
    queue = queue.then(() => {
      writer?.close();
      sqlite.close();
      port.close();
    });
  }
});
post({ type: 'ready' });
