/**
 * reports.*: the sales reports read the summary tables (a few hundred rows for a period of years,
 * however many orders the book holds), so they answer on the main thread, where a hop to a job
 * worker would cost more than the query. Deals and cases scan indexes that grow with the book, so
 * they run as read jobs (jobs/jobs.registry.ts), off the main thread.
 */
import type { HandlerMap } from '../handler.ts';
import { salesByCategory, salesByMonth } from './reports.ts';

export const reportsHandlers = {
  'reports.salesByMonth': (input, ctx) => salesByMonth(ctx, input),
  'reports.salesByCategory': (input, ctx) => salesByCategory(ctx, input),
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
