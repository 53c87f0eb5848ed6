/** companies.create / get / update / delete / list / count / bulk. */
import { AppError } from '../../../shared/api/errors.ts';
import type { HandlerMap } from '../handler.ts';
import { startBatch } from '../batches/batch.ts';
import { reindex, reindexCompanyAndPeople } from '../search/search.index.ts';
import { softDeleteCompanies } from './companies.delete.ts';
import {} from './companies.filter.ts';
import { listCompanies } from './companies.list.ts';
import {
  applyCompanyFields,
  blankCompanyRow,
  loadCompany,
  requireLiveCompany,
  writeCompanyChildren,
} from './companies.repo.ts';

export const companiesHandlers = {
  'companies.create': (input, ctx) =>
    ctx.writer.write((scope) => {
      const row = applyCompanyFields(ctx, blankCompanyRow(ctx.ids(), scope), input);
      ctx.sql.run(ctx.q.insertInto('companies').values(row));
      writeCompanyChildren(ctx, scope, row.id, input);
      reindex(ctx, 'company', row.id);
      scope.change('companies', row.id, 'insert');
      return loadCompany(ctx, row.id);
    }),

  'companies.get': (input, ctx) => loadCompany(ctx, input.id),

  'companies.update': (input, ctx) =>
    ctx.writer.write((scope) => {
      const before = requireLiveCompany(ctx, input.id);
      const row = applyCompanyFields(ctx, before, input.patch);
      row.updated_at = scope.at;
      row.updated_by = scope.staffId;
      const { id, ...rest } = row;
      ctx.sql.run(ctx.q.updateTable('companies').set(rest).where('id', '=', id));
      writeCompanyChildren(ctx, scope, id, input.patch);
      // People's search documents carry the company name.
      if (row.name !== before.name) reindexCompanyAndPeople(ctx, id);
      else reindex(ctx, 'company', id);
      scope.change('companies', id, 'update');
      return loadCompany(ctx, id);
    }),

  'companies.delete': (input, ctx) =>
    ctx.writer.write((scope) => {
      const label = input.ids.length === 1 ? 'Delete a company' : `Delete ${input.ids.length} companies`;
      const batch = startBatch(ctx, scope, 'delete', label);
      const count = softDeleteCompanies(ctx, scope, batch, input.ids);
      if (count === 0) {
        throw new AppError(
          'NOT_FOUND',
          'No company to delete: they are not in the book, or already in the Trash.',
        );
      }
      return { batchId: batch.id, count };
    }),

  'companies.list': (input, ctx) => listCompanies(ctx, input),

  'companies.count': (input, ctx) => ctx.jobs.run('companies.count', input),

  'companies.bulk': (input, ctx) => ctx.jobs.run('companies.bulk', input),
} satisfies HandlerMap<
  | 'companies.create'
  | 'companies.get'
  | 'companies.update'
  | 'companies.delete'
  | 'companies.list'
  | 'companies.count'
  | 'companies.bulk'
>;
