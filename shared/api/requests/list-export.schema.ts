/**
 * The list export's request: which list, with exactly its .list request's filter and sort (no
 * paging), and the columns (electron/backend/export/list-export.ts writes the file).
 */
import { z } from 'zod';
import { contactsRequests } from './contacts.requests.ts';
import { activityRequests } from './activity.requests.ts';
import { pipelineRequests } from './pipeline.requests.ts';
import { salesRequests } from './sales.requests.ts';

export const LIST_NAMES = [
  'people',
  'companies',
  'calls',
  'orders',
  'deals',
  'leads',
  'cases',
  'products',
] as const;
export type ListName = (typeof LIST_NAMES)[number];

/** Column keys in the order they are written; left out: every column of the list. */
const columns = z.array(z.string().min(1).max(100)).min(1, 'Choose at least one column.').max(500).optional();

/**
 * The list request's own checks across fields (a date range, "overdue needs today"), run again on
 * the export's input: zod cannot omit keys from a schema with refinements, so each variant is
 * rebuilt from the request's shape, and the request itself checks its part of the input too.
 */
function asTheListChecks(request: z.ZodType) {
  return (value: object, ctx: z.RefinementCtx) => {
    const rest: Record<string, unknown> = { ...value };
    delete rest.list;
    delete rest.columns;
    const checked = request.safeParse(rest);
    if (checked.success) return;
    for (const issue of checked.error.issues) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    }
  };
}

type PagedShape = z.core.$ZodLooseShape & { cursor: z.ZodType; limit: z.ZodType };

/** A list's .list input without cursor and limit (an export has every row), with its checks. */
function fromList<const L extends ListName, Shape extends PagedShape>(
  list: L,
  request: z.ZodObject<Shape, z.core.$strict>,
) {
  const { cursor: _cursor, limit: _limit, ...shape } = request.shape;
  return z.strictObject({ ...shape, list: z.literal(list), columns }).superRefine(asTheListChecks(request));
}

/** { list, filter, sort (and direction, now or today where that list has them), columns }. */
export const ListExportInput = z.discriminatedUnion('list', [
  fromList('people', contactsRequests['people.list'].input),
  fromList('companies', contactsRequests['companies.list'].input),
  fromList('calls', activityRequests['calls.list'].input),
  fromList('orders', salesRequests['orders.list'].input),
  fromList('deals', pipelineRequests['deals.list'].input),
  fromList('leads', pipelineRequests['leads.list'].input),
  fromList('cases', pipelineRequests['cases.list'].input),
  fromList('products', salesRequests['products.list'].input),
]);
export type ListExportParsed = z.output<typeof ListExportInput>;
