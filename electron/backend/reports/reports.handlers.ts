/** reports.*: each runs as a read job (jobs/jobs.registry.ts), off the main thread. */
import type { HandlerMap } from '../handler.ts';

export const reportsHandlers = {
  'reports.salesByMonth': (input, ctx) => ctx.jobs.run('reports.salesByMonth', input),
  'reports.salesByCategory': (input, ctx) => ctx.jobs.run('reports.salesByCategory', input),
  'reports.pipeline': (input, ctx) => ctx.jobs.run('reports.pipeline', input),
  'reports.wonLost': (input, ctx) => ctx.jobs.run('reports.wonLost', input),
  'reports.casesByAge': (input, ctx) => ctx.jobs.run('reports.casesByAge', input),
} satisfies HandlerMap<
  | 'reports.salesByMonth'
  | 'reports.salesByCategory'
  | 'reports.pipeline'
  | 'reports.wonLost'
  | 'reports.casesByAge'
>;
