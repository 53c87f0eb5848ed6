/** jobs.cancel: stops a long job; its transaction is rolled back, so nothing it did is kept. */
import type { HandlerMap } from '../handler.ts';

export const jobsHandlers = {
  'jobs.cancel': (input, ctx) => ({ cancelled: ctx.jobs.cancel(input.jobId) }),
} satisfies HandlerMap<'jobs.cancel'>;
