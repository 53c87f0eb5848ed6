/** batches.undo: puts back everything an undoable batch (bulk edit, delete, merge) changed. */
import type { WriteScope } from '../../db/changes.ts';
import type { ParsedInput } from '../../../shared/api/requests.ts';
import type { Ctx } from '../context.ts';
import { NO_JOB, type JobControl } from '../jobs/job.ts';
import type { HandlerMap } from '../handler.ts';
import { refreshCustomerSales } from '../orders/sales.summaries.ts';
import { refreshPrimaries } from '../people/contact-points.ts';
import { refreshPersonStats } from '../people/person-stats.ts';
import { reindex, reindexCompanyAndPeople, type SearchDocKind } from '../search/search.index.ts';
import { undoBatchRows, type Touched } from './batch.ts';

/** Records the changes and brings search and call facts up to date for what a replay touched. */
export function settleTouched(ctx: Ctx, scope: WriteScope, touched: Touched): void {
  // A person's row put back from its before-image brings back the cached facts it had then
  // (primary phone and email, last contact, next call): work them out again from what is there now.
  for (const id of touched.people) refreshPrimaries(ctx, id);
  for (const id of new Set([...touched.statsPeople, ...touched.people])) refreshPersonStats(ctx, scope, id);
  for (const party of touched.salesParties) {
    const at = party.indexOf(':');
    refreshCustomerSales(ctx, party.slice(0, at) as 'person' | 'company', party.slice(at + 1));
  }
  for (const id of touched.renamedCompanies) reindexCompanyAndPeople(ctx, id);
  for (const doc of touched.reindex) {
    const at = doc.indexOf(':');
    reindex(ctx, doc.slice(0, at) as SearchDocKind, doc.slice(at + 1));
  }
  const tables = [
    ['people', touched.people],
    ['companies', touched.companies],
    ['calls', touched.calls],
    ['tasks', touched.tasks],
    ['notes', touched.notes],
    ['tags', touched.tags],
    ['orders', touched.orders],
    ['deals', touched.deals],
    ['cases', touched.cases],
    ['products', touched.products],
    ['product_categories', touched.categories],
    ['consents', touched.consents],
  ] as const;
  for (const [table, ids] of tables) for (const id of ids) scope.change(table, id, 'update');
}

/** Undoes a batch in one transaction (a job: a batch can hold thousands of rows). */
export function undoBatch(ctx: Ctx, input: ParsedInput<'batches.undo'>, job: JobControl = NO_JOB) {
  return ctx.writer.write((scope) => {
    const { touched, count } = undoBatchRows(ctx, scope, input.batchId, job);
    settleTouched(ctx, scope, touched);
    return { count };
  });
}

export const batchesHandlers = {
  'batches.undo': (input, ctx) => ctx.jobs.run('batches.undo', input),
} satisfies HandlerMap<'batches.undo'>;
