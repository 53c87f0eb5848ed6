/**
 * Runs the check (import.preview) or the import (import.run) of a CSV or a vCard file, and follows
 * its job: how much of the file has been read, and a Cancel that reaches the backend (which rolls
 * the whole run back).
 *
 * The request answers only when the job is over, so the job's id is learnt from its first
 * job.progress event (kind 'import.file', whatever the file holds). A Cancel pressed before that
 * is kept and sent as soon as the id is known.
 */
import { useCallback, useRef, useState } from 'react';
import { AppError } from '../../../shared/api/errors.ts';
import type { JobProgress } from '../../../shared/api/events.ts';
import type { Client } from '../../../shared/api/transport.ts';
import type { ImportPlan, ImportSummary } from '../../../shared/domain/transfer.ts';

export type JobState =
  | { status: 'idle' }
  | { status: 'running'; done: number; total: number | null; cancelling: boolean }
  | { status: 'done'; summary: ImportSummary; planKey: string }
  | { status: 'cancelled' }
  | { status: 'error'; error: AppError };

const IDLE: JobState = { status: 'idle' };

function asAppError(err: unknown): AppError {
  return err instanceof AppError
    ? err
    : new AppError(
        'INTERNAL',
        'Something went wrong while reading the file, so nothing was changed. Try again.',
      );
}

export function useImportJob(client: Client, request: 'import.preview' | 'import.run') {
  const [state, setState] = useState<JobState>(IDLE);
  const jobId = useRef<string | null>(null);
  const wantCancel = useRef(false);
  const running = useRef<Promise<unknown> | null>(null);
  const sendCancel = useCallback(
    (id: string) => void client.call('jobs.cancel', { jobId: id }).catch(() => undefined),
    [client],
  );

  /** Runs the plan; resolves with how it ended (done, cancelled or failed). */
  const start = useCallback(
    async (plan: ImportPlan, planKey: string): Promise<JobState> => {
      jobId.current = null;
      wantCancel.current = false;
      setState({ status: 'running', done: 0, total: plan.bytes, cancelling: false });
      const off = client.on('job.progress', (p: JobProgress) => {
        if (p.kind !== 'import.file') return;
        if (jobId.current === null && p.state === 'running') {
          jobId.current = p.jobId;
          if (wantCancel.current) sendCancel(p.jobId);
        }
        if (p.jobId !== jobId.current || p.state !== 'running') return;
        setState((s) => (s.status === 'running' ? { ...s, done: p.done, total: p.total } : s));
      });
      const call = client.call(request, plan);
      running.current = call;
      try {
        const summary: ImportSummary = await call;
        const done: JobState = { status: 'done', summary, planKey };
        setState(done);
        return done;
      } catch (err) {
        const error = asAppError(err);
        const ended: JobState =
          error.code === 'CANCELLED' ? { status: 'cancelled' } : { status: 'error', error };
        setState(ended);
        return ended;
      } finally {
        off();
        jobId.current = null;
        if (running.current === call) running.current = null;
      }
    },
    [client, request, sendCancel],
  );

  const cancel = useCallback(() => {
    wantCancel.current = true;
    setState((s) => (s.status === 'running' ? { ...s, cancelling: true } : s));
    if (jobId.current) sendCancel(jobId.current);
  }, [sendCancel]);

  const reset = useCallback(() => setState(IDLE), []);

  return {
    state,
    start,
    cancel,
    reset,
    /** The run on its way, if any (the file is kept until it is over). */
    pending: () => running.current,
  };
}

/** How far a running job has got, 0–1, or null when it cannot say. */
export function fractionOf(state: JobState): number | null {
  if (state.status !== 'running' || state.total === null || state.total <= 0) return null;
  return Math.min(1, state.done / state.total);
}
