/**
 * What a long piece of work sees of its job: step() reports how far it has got and stops it when
 * the user has cancelled. A job's work is a plain function (ctx, input, job) that runs the same in
 * a worker thread and inline, so it is tested like any other backend code.
 */
import { AppError } from '../../../shared/api/errors.ts';

export interface JobControl {
  /**
   * Call it in loops: it reports progress (throttled) and throws CANCELLED once the job has been
   * cancelled. Thrown inside a write transaction, that rolls the whole job back.
   */
  step(done: number, total?: number | null, message?: string): void;
}

/** For work run outside any job (small inputs, tests): nothing to report, nothing to cancel. */
export const NO_JOB: JobControl = { step() {} };

export function cancelledError(): AppError {
  return new AppError('CANCELLED', 'Cancelled. Nothing was changed.');
}

/** How often a job's progress crosses to the main thread, at most. */
export const PROGRESS_EVERY_MS = 100;

/**
 * A JobControl over a shared cancel flag (Int32Array[0] becomes 1 on cancel) and a progress sink.
 * The flag is read with Atomics, so a worker busy inside a transaction still sees the cancel.
 */
export function createJobControl(
  flag: Int32Array | null,
  report: (done: number, total: number | null, message: string) => void,
  now: () => number = Date.now,
): JobControl {
  let last = 0;
  return {
    step(done, total = null, message = '') {
      if (flag && Atomics.load(flag, 0) === 1) throw cancelledError();
      const t = now();
      if (t - last < PROGRESS_EVERY_MS) return;
      last = t;
      report(done, total, message);
    },
  };
}
