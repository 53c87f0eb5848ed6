/**
 * The main thread's side of jobs. ctx.jobs.run(name, input) sends a job from jobs.registry.ts to a
 * worker thread (READERS readers sharing one queue, and one writer, each started on first use or
 * by prewarm) and resolves with its result, so the main thread stays free however long it takes.
 *
 * While a write job is queued or running, `writing` is true: the backend holds main-thread writes
 * back until it ends (the writer worker holds SQLite's write lock meanwhile). Write jobs report
 * job.progress events and can be cancelled; a cancelled job's transaction is rolled back.
 *
 * inlineJobs() runs the same job functions on the calling thread: inside a worker (a job that
 * starts another) and for a backend opened without a worker. A job may return a promise (the
 * online backup API copies asynchronously); both sides wait for it, and a worker runs its jobs
 * one after another, so two never interleave on one connection.
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/api/errors.ts';
import type { DbChanged, JobProgress } from '../../../shared/api/events.ts';
import type { Ctx } from '../context.ts';
import { cancelledError, NO_JOB } from './job.ts';
import type { FromWorker, ToWorker, WorkerConfig } from './jobs.protocol.ts';
import { JOBS, type JobInput, type JobName, type JobOutput } from './jobs.registry.ts';

export interface Jobs {
  run<N extends JobName>(name: N, input: JobInput<N>): Promise<JobOutput<N>>;
  /** The jobs that report progress and are running now, as they last reported it. */
  running(): JobProgress[];
  /** Cancels a queued or running job; false when there is no such job (any more). */
  cancel(jobId: string): boolean;
  /** True while a write job is queued or running. */
  readonly writing: boolean;
  /** Resolves once no write job is queued or running. */
  writesIdle(): Promise<void>;
  close(): Promise<void>;
  /** Starts the workers now, so the first list or bulk change does not wait for one to load. */
  prewarm(): void;
}

type AnyJob = {
  mode: 'read' | 'write' | 'alone';
  run(ctx: Ctx, input: unknown, job: typeof NO_JOB): unknown;
};

export function inlineJobs(ctx: () => Ctx): Jobs {
  return {
    // A job that returns a promise (a backup) is awaited; one that throws at once rejects.
    run: async (name, input) => (await (JOBS[name] as AnyJob).run(ctx(), input, NO_JOB)) as never,
    cancel: () => false,
    running: () => [],
    writing: false,
    writesIdle: () => Promise.resolve(),
    close: () => Promise.resolve(),
    prewarm: () => {},
  };
}

export interface WorkerJobsOptions {
  workerUrl: URL;
  config: Omit<WorkerConfig, 'role'>;
  /** The main context: the clock and the current staff profile each job starts with. */
  ctx: () => Ctx;
  emit: (event: 'db.changed' | 'job.progress', payload: DbChanged | JobProgress) => void;
  log: (message: string, err?: unknown) => void;
}

/** A worker: the writer, one of the readers, or a reader started for one 'alone' job. */
type Slot = 'write' | `read${number}` | `alone${number}`;

interface Pending {
  id: number;
  jobId: string;
  name: JobName;
  mode: AnyJob['mode'];
  role: 'read' | 'write';
  /** The worker running it; null while a read job waits for a free reader. */
  slot: Slot | null;
  message: Extract<ToWorker, { type: 'run' }>;
  flag: Int32Array;
  /** The last progress reported, repeated in the final event. */
  last: Pick<JobProgress, 'done' | 'total' | 'message'>;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

const INTERNAL_MESSAGE =
  'Something went wrong inside Ledgerline, so nothing was changed. Try again; if it keeps happening, restart the app.';
const CLOSE_GRACE_MS = 2000;

/**
 * Readers run one job at a time each, from one queue: a long job (the anchors of a million-row
 * list) keeps one reader while the short ones (counts, Today, tags) go on through the other.
 */
export const READERS = 2;
const READ_SLOTS: readonly Slot[] = Array.from({ length: READERS }, (_, i) => `read${i}` as const);

export function workerJobs(options: WorkerJobsOptions): Jobs {
  const workers = new Map<Slot, Worker>();
  const pending = new Map<number, Pending>();
  const byJobId = new Map<string, Pending>();
  /** Read jobs waiting for a free reader, oldest first. */
  const readQueue: Pending[] = [];
  let nextId = 0;
  let writes = 0;
  let idleWaiters: (() => void)[] = [];
  let closed = false;

  const report = (p: Pending): JobProgress => ({
    jobId: p.jobId,
    kind: p.name,
    ...p.last,
    cancellable: p.mode !== 'read' && p.name !== 'book.check',
    state: 'running',
  });
  /** Write and 'alone' jobs tell the windows how far they have got (job.progress). */
  const reports = (p: Pending) => p.mode !== 'read';

  function progress(p: Pending, patch: Partial<JobProgress> & Pick<JobProgress, 'state'>): void {
    if (!reports(p)) return;
    options.emit('job.progress', { ...report(p), ...patch });
  }

  const busy = (slot: Slot) => [...pending.values()].some((q) => q.slot === slot);

  /** Hands queued read jobs to idle readers. */
  function dispatch(): void {
    for (const slot of READ_SLOTS) {
      if (readQueue.length === 0 || closed) return;
      if (busy(slot)) continue;
      start(readQueue.shift()!, slot);
    }
  }

  function start(p: Pending, slot: Slot): void {
    p.slot = slot;
    const w = worker(slot);
    w.ref();
    w.postMessage(p.message);
  }

  function settle(p: Pending): void {
    pending.delete(p.id);
    byJobId.delete(p.jobId);
    const queued = readQueue.indexOf(p);
    if (queued >= 0) readQueue.splice(queued, 1);
    if (p.role === 'write' && --writes === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
    if (p.slot?.startsWith('alone')) retire(p.slot);
    else if (p.slot && !busy(p.slot)) workers.get(p.slot)?.unref();
    if (p.role === 'read') dispatch();
  }

  /** Fails the jobs a worker had when it stopped; queued read jobs go on to another reader. */
  function failAll(slot: Slot, err: AppError): void {
    for (const p of [...pending.values()]) {
      if (p.slot !== slot) continue;
      p.slot = null;
      settle(p);
      progress(p, { state: 'failed', message: err.message });
      p.reject(err);
    }
  }

  function onMessage(message: FromWorker): void {
    if (message.type === 'ready') return;
    if (message.type === 'changed') {
      options.emit('db.changed', message.event);
      return;
    }
    const p = pending.get(message.id);
    if (!p) return;
    if (message.type === 'progress') {
      p.last = { done: message.done, total: message.total, message: message.message };
      progress(p, { state: 'running' });
      return;
    }
    settle(p);
    if (message.type === 'done') {
      progress(p, { state: 'done', done: p.last.total ?? p.last.done });
      p.resolve(message.value);
      return;
    }
    const cancelled = message.error.code === 'CANCELLED';
    if (message.internal) options.log(`job ${p.name} failed`, message.internal);
    const err = message.internal
      ? new AppError('INTERNAL', INTERNAL_MESSAGE)
      : AppError.fromData(message.error);
    progress(p, { state: cancelled ? 'cancelled' : 'failed', message: err.message });
    p.reject(err);
  }

  /** Ends a worker that is no longer wanted: after its job, or (`now`) without waiting for it. */
  function retire(slot: Slot, now = false): void {
    const w = workers.get(slot);
    if (!w) return;
    workers.delete(slot);
    if (now) {
      w.unref();
      void w.terminate();
      return;
    }
    w.postMessage({ type: 'close' } satisfies ToWorker);
    const timer = setTimeout(() => void w.terminate(), CLOSE_GRACE_MS);
    timer.unref();
    w.once('exit', () => clearTimeout(timer));
  }

  function worker(slot: Slot): Worker {
    const existing = workers.get(slot);
    if (existing) return existing;
    const role = slot === 'write' ? 'write' : 'read';
    const w = new Worker(options.workerUrl, {
      workerData: { ...options.config, role } satisfies WorkerConfig,
      // Readers answer queries and stream exports, the writer imports: their garbage is
      // short-lived, and a small young generation keeps each thread's heap small (peak memory
      // counts every thread's). On the bench's book an import of 100,000 people peaked at 478 MB
      // with the writer's default and at 375 MB with 16 MB, in the same time.
      resourceLimits: { maxYoungGenerationSizeMb: role === 'read' ? 8 : 16 },
    });
    workers.set(slot, w);
    w.on('message', onMessage);
    // A worker that fails or stops takes its jobs with it; the next job starts a new one.
    const lost = () => {
      if (workers.get(slot) !== w) return;
      workers.delete(slot);
      failAll(slot, new AppError('INTERNAL', INTERNAL_MESSAGE));
    };
    w.on('error', (err) => {
      options.log(`the ${role} job worker failed`, err);
      lost();
    });
    w.on('exit', lost);
    return w;
  }

  return {
    run(name, input) {
      if (closed) return Promise.reject(new AppError('INTERNAL', 'The customer book is closing.'));
      const mode = (JOBS[name] as AnyJob).mode;
      const role = mode === 'write' ? 'write' : 'read';
      const id = ++nextId;
      const ctx = options.ctx();
      const cancel = new SharedArrayBuffer(4);
      return new Promise((resolve, reject) => {
        const p: Pending = {
          id,
          jobId: `job-${id}`,
          name,
          mode,
          role,
          slot: null,
          message: { type: 'run', id, name, input, now: ctx.clock(), staffId: ctx.currentStaffId(), cancel },
          flag: new Int32Array(cancel),
          last: { done: 0, total: null, message: '' },
          resolve: resolve as (value: unknown) => void,
          reject,
        };
        pending.set(id, p);
        byJobId.set(p.jobId, p);
        if (mode === 'write') {
          // The one writer queues its jobs itself, in order.
          writes++;
          progress(p, { state: 'running' });
          start(p, 'write');
        } else if (mode === 'alone') {
          progress(p, { state: 'running' });
          start(p, `alone${id}`);
        } else {
          readQueue.push(p);
          dispatch();
        }
      });
    },
    running: () => [...pending.values()].filter(reports).map(report),
    cancel(jobId) {
      const p = byJobId.get(jobId);
      // The book check is not to be stopped: writes would go on unchecked.
      if (!p || p.name === 'book.check') return false;
      Atomics.store(p.flag, 0, 1);
      return true;
    },
    get writing() {
      return writes > 0;
    },
    writesIdle() {
      if (writes === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    prewarm() {
      if (closed) return;
      for (const slot of [...READ_SLOTS, 'write' as const]) worker(slot).unref();
    },
    async close() {
      closed = true;
      for (const p of pending.values()) Atomics.store(p.flag, 0, 1);
      // A worker running one job alone (the book check) may be deep in SQLite for a while yet:
      // it is stopped without waiting for it, as the job's result is no longer wanted.
      for (const slot of [...workers.keys()]) if (slot.startsWith('alone')) retire(slot, true);
      await Promise.all(
        [...workers.values()].map(async (w) => {
          const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
          w.postMessage({ type: 'close' } satisfies ToWorker);
          const timer = setTimeout(() => void w.terminate(), CLOSE_GRACE_MS);
          await exited;
          clearTimeout(timer);
        }),
      );
      for (const p of [...pending.values()]) {
        settle(p);
        p.reject(cancelledError());
      }
    },
  };
}
