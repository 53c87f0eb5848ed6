/**
 * The main thread's side of jobs. ctx.jobs.run(name, input) sends a job from jobs.registry.ts to a
 * worker thread (one reader, one writer, each started on first use) and resolves with its result,
 * so the main thread stays free however long the job takes.
 *
 * While a write job is queued or running, `writing` is true: the backend holds main-thread writes
 * back until it ends (the writer worker holds SQLite's write lock meanwhile). Write jobs report
 * job.progress events and can be cancelled; a cancelled job's transaction is rolled back.
 *
 * inlineJobs() runs the same job functions on the calling thread: inside a worker (a job that
 * starts another) and for a backend opened without a worker.
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
  /** Cancels a queued or running job; false when there is no such job (any more). */
  cancel(jobId: string): boolean;
  /** True while a write job is queued or running. */
  readonly writing: boolean;
  /** Resolves once no write job is queued or running. */
  writesIdle(): Promise<void>;
  close(): Promise<void>;
  /** Starts both workers now, so the first list or bulk change does not wait for one to load. */
  prewarm(): void;
}

type AnyJob = { mode: 'read' | 'write'; run(ctx: Ctx, input: unknown, job: typeof NO_JOB): unknown };

export function inlineJobs(ctx: () => Ctx): Jobs {
  return {
    run: (name, input) => {
      try {
        return Promise.resolve((JOBS[name] as AnyJob).run(ctx(), input, NO_JOB) as never);
      } catch (err) {
        return Promise.reject(err as Error);
      }
    },
    cancel: () => false,
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

interface Pending {
  jobId: string;
  name: JobName;
  role: 'read' | 'write';
  flag: Int32Array;
  /** The last progress reported, repeated in the final event. */
  last: Pick<JobProgress, 'done' | 'total' | 'message'>;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

const INTERNAL_MESSAGE =
  'Something went wrong inside Ledgerline, so nothing was changed. Try again; if it keeps happening, restart the app.';
const CLOSE_GRACE_MS = 2000;

export function workerJobs(options: WorkerJobsOptions): Jobs {
  const workers: Partial<Record<'read' | 'write', Worker>> = {};
  const pending = new Map<number, Pending>();
  const byJobId = new Map<string, Pending>();
  let nextId = 0;
  let writes = 0;
  let idleWaiters: (() => void)[] = [];
  let closed = false;

  function progress(p: Pending, patch: Partial<JobProgress> & Pick<JobProgress, 'state'>): void {
    if (p.role !== 'write') return;
    options.emit('job.progress', { jobId: p.jobId, kind: p.name, ...p.last, ...patch });
  }

  function settle(id: number, p: Pending): void {
    pending.delete(id);
    byJobId.delete(p.jobId);
    if (p.role === 'write' && --writes === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
    const w = workers[p.role];
    if (w && ![...pending.values()].some((q) => q.role === p.role)) w.unref();
  }

  function failAll(role: 'read' | 'write', err: AppError): void {
    for (const [id, p] of pending) {
      if (p.role !== role) continue;
      settle(id, p);
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
    settle(message.id, p);
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

  function worker(role: 'read' | 'write'): Worker {
    const existing = workers[role];
    if (existing) return existing;
    const w = new Worker(options.workerUrl, {
      workerData: { ...options.config, role } satisfies WorkerConfig,
    });
    workers[role] = w;
    w.on('message', onMessage);
    w.on('error', (err) => {
      options.log(`the ${role} job worker failed`, err);
      failAll(role, new AppError('INTERNAL', INTERNAL_MESSAGE));
    });
    w.on('exit', () => {
      if (workers[role] === w) delete workers[role];
      failAll(role, new AppError('INTERNAL', INTERNAL_MESSAGE));
    });
    return w;
  }

  return {
    run(name, input) {
      if (closed) return Promise.reject(new AppError('INTERNAL', 'The customer book is closing.'));
      const role = (JOBS[name] as AnyJob).mode;
      const id = ++nextId;
      const ctx = options.ctx();
      const cancel = new SharedArrayBuffer(4);
      return new Promise((resolve, reject) => {
        const p: Pending = {
          jobId: `job-${id}`,
          name,
          role,
          flag: new Int32Array(cancel),
          last: { done: 0, total: null, message: '' },
          resolve: resolve as (value: unknown) => void,
          reject,
        };
        const w = worker(role);
        pending.set(id, p);
        byJobId.set(p.jobId, p);
        if (role === 'write') writes++;
        w.ref();
        progress(p, { state: 'running' });
        const message: ToWorker = {
          type: 'run',
          id,
          name,
          input,
          now: ctx.clock(),
          staffId: ctx.currentStaffId(),
          cancel,
        };
        w.postMessage(message);
      });
    },
    cancel(jobId) {
      const p = byJobId.get(jobId);
      if (!p) return false;
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
      worker('read').unref();
      worker('write').unref();
    },
    async close() {
      closed = true;
      for (const p of pending.values()) Atomics.store(p.flag, 0, 1);
      await Promise.all(
        (['read', 'write'] as const).map(async (role) => {
          const w = workers[role];
          if (!w) return;
          const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
          w.postMessage({ type: 'close' } satisfies ToWorker);
          const timer = setTimeout(() => void w.terminate(), CLOSE_GRACE_MS);
          await exited;
          clearTimeout(timer);
        }),
      );
      for (const [id, p] of pending) {
        settle(id, p);
        p.reject(cancelledError());
      }
    },
  };
}
