/** The import job (issue 5): a file of people, companies, calls, products or orders, by its kind. */
import type { ImportKind } from '../../../shared/domain/import-kinds.ts';
import type { ImportSummary } from '../../../shared/domain/transfer.ts';
import type { Ctx } from '../context.ts';
import type { JobControl } from '../jobs/job.ts';
import { importCalls } from './import.calls.ts';
import { importCompanies } from './import.companies.ts';
import { importOrders } from './import.orders.ts';
import { importPeople } from './import.people.ts';
import { importProducts } from './import.products.ts';
import type { ImportJob } from './import.run.ts';

const IMPORTERS: Record<ImportKind, (ctx: Ctx, input: ImportJob, job: JobControl) => ImportSummary> = {
  people: importPeople,
  companies: importCompanies,
  calls: importCalls,
  products: importProducts,
  orders: importOrders,
};

export function importFile(ctx: Ctx, input: ImportJob, job: JobControl): ImportSummary {
  return IMPORTERS[input.kind](ctx, input, job);
}
