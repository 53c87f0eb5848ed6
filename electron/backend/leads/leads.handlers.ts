/** leads.list / setCompanyStage / convert. A person's stage and source are edited with people.update. */
import type { Stage } from '../../../shared/domain/people.ts';
import { requireLiveCompany } from '../companies/companies.repo.ts';
import type { HandlerMap } from '../handler.ts';
import { prepared } from '../people/prepared.ts';
import { convertLead } from './leads.convert.ts';
import { listLeads } from './leads.list.ts';

export const leadsHandlers = {
  'leads.list': (input, ctx) => listLeads(ctx, input),

  'leads.setCompanyStage': (input, ctx) =>
    ctx.writer.write((scope) => {
      const company = requireLiveCompany(ctx, input.companyId);
      const source = input.source === undefined ? company.source : input.source;
      if (company.stage !== input.stage || company.source !== source) {
        prepared(
          ctx,
          `UPDATE companies SET stage = ?, source = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
        ).run(input.stage, source, scope.at, scope.staffId, company.id);
        scope.change('companies', company.id, 'update');
      }
      return { id: company.id, stage: input.stage as Stage | null, source };
    }),

  'leads.convert': (input, ctx) => convertLead(ctx, input),
} satisfies HandlerMap<'leads.list' | 'leads.setCompanyStage' | 'leads.convert'>;
