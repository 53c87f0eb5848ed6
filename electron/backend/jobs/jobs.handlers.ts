/**
 * jobs.cancel: stops a long job; its transaction is rolled back, so nothing it did is kept.
 * jobs.running: the long jobs running now, so a window that opens while one runs shows its card.
 */
import type { HandlerMap } from '../handler.ts';

export const jobsHandlers = {
  'jobs.cancel': (input, ctx) => ({ cancelled: ctx.jobs.cancel(input.jobId) }),
  'jobs.running': (_input, ctx) => ctx.jobs.running(),
} satisfies HandlerMap<'jobs.cancel' | 'jobs.running'>;
