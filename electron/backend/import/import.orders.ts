/** Importing a file of orders (issue 5): being written. */
import { AppError } from '../../../shared/api/errors.ts';
import type { ImportSummary } from '../../../shared/domain/transfer.ts';
import type { Ctx } from '../context.ts';
import type { JobControl } from '../jobs/job.ts';
import { runImport, type ImportJob } from './import.run.ts';

export function importOrders(ctx: Ctx, input: ImportJob, job: JobControl): ImportSummary {
  return runImport(ctx, input, job, () => {
    throw new AppError('VALIDATION', 'Importing orders is not ready yet.');
  });
}
