/**
 * leads.convert: a lead (a person or a company) becomes a customer in one transaction, optionally
 * with a new company for the person (who is linked to it) and a deal. Every check that can fail
 * runs inside the same write, so a failure at any step (an unknown stage for the deal, say) rolls
 * back the stage change and the new company too: all of it is saved, or none of it.
 *
 * The conversion is one undoable batch: batches.undo removes the deal, puts the lead back and
 * removes the company made for it. Undo runs backwards, so the company is recorded before the
 * person is touched (the person is relinked before the company goes) and the deal last.
 */
import { AppError } from '../../../shared/api/errors.ts';
import type { ParsedInput } from '../../../shared/api/requests.ts';
import type { LeadConversion } from '../../../shared/domain/pipeline.ts';
import type { WriteScope } from '../../db/changes.ts';
import { startBatch, type Batch } from '../batches/batch.ts';
import { fieldError } from '../calls/links.ts';
import { applyCompanyFields, blankCompanyRow, requireLiveCompany } from '../companies/companies.repo.ts';
import type { Ctx } from '../context.ts';
import { loadDeal } from '../deals/deal.rows.ts';
import { insertDeal } from '../deals/deal.write.ts';
import { requireLivePerson } from '../people/people.repo.ts';
import { plucked, prepared } from '../people/prepared.ts';
import { reindex } from '../search/search.index.ts';

type Input = ParsedInput<'leads.convert'>;

function alreadyCustomer(name: string, id: string): AppError {
  return new AppError('CONFLICT', `${name} is already a customer.`, { id });
}

function createCompanyFor(ctx: Ctx, scope: WriteScope, name: string, source: string | null): string {
  const row = applyCompanyFields(ctx, blankCompanyRow(ctx.ids(), scope), { name });
  row.stage = 'customer';
  row.source = source;
  ctx.sql.run(ctx.q.insertInto('companies').values(row));
  reindex(ctx, 'company', row.id);
  scope.change('companies', row.id, 'insert');
  return row.id;
}

function convertPerson(ctx: Ctx, scope: WriteScope, input: Input, personId: string, batch: Batch) {
  const person = requireLivePerson(ctx, personId);
  if (person.stage === 'customer') throw alreadyCustomer(person.display_name, person.id);
  let companyId = person.company_id;
  let createdCompanyId: string | null = null;
  if (input.company) {
    if (person.company_id !== null) {
      const current = plucked(ctx, `SELECT name FROM companies WHERE id = ?`).get(person.company_id);
      throw fieldError(
        'company.name',
        `${person.display_name} already belongs to ${String(current ?? 'a company')}. Leave the new company out, or change their company first.`,
      );
    }
    createdCompanyId = createCompanyFor(ctx, scope, input.company.name, person.source);
    batch.created('companies', createdCompanyId);
    companyId = createdCompanyId;
  }
  batch.touch('people', person.id);
  prepared(
    ctx,
    `UPDATE people SET stage = 'customer', company_id = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
  ).run(companyId, scope.at, scope.staffId, person.id);
  // The person's search document carries their company's name.
  if (companyId !== person.company_id) reindex(ctx, 'person', person.id);
  scope.change('people', person.id, 'update');
  return { name: person.display_name, companyId, createdCompanyId };
}

function convertCompany(ctx: Ctx, scope: WriteScope, companyId: string, batch: Batch) {
  const company = requireLiveCompany(ctx, companyId);
  if (company.stage === 'customer') throw alreadyCustomer(company.name, company.id);
  batch.touch('companies', company.id);
  prepared(ctx, `UPDATE companies SET stage = 'customer', updated_at = ?, updated_by = ? WHERE id = ?`).run(
    scope.at,
    scope.staffId,
    company.id,
  );
  scope.change('companies', company.id, 'update');
}

export function convertLead(ctx: Ctx, input: Input): LeadConversion {
  return ctx.writer.write((scope) => {
    const kind = input.personId !== undefined ? 'person' : 'company';
    const id = (input.personId ?? input.companyId) as string;
    const name =
      kind === 'person' ? requireLivePerson(ctx, id).display_name : requireLiveCompany(ctx, id).name;
    const batch = startBatch(ctx, scope, 'convert', `Convert ${name} to a customer`);
    let companyId: string | null = id;
    let createdCompanyId: string | null = null;
    if (kind === 'person') {
      const done = convertPerson(ctx, scope, input, id, batch);
      companyId = done.companyId;
      createdCompanyId = done.createdCompanyId;
    } else {
      convertCompany(ctx, scope, id, batch);
    }
    let dealId: string | null = null;
    if (input.deal) {
      dealId = insertDeal(
        ctx,
        scope,
        { ...input.deal, personId: kind === 'person' ? id : null, companyId },
        'deal.',
      );
      batch.created('deals', dealId);
    }
    return {
      kind,
      id,
      companyId,
      createdCompanyId,
      deal: dealId ? loadDeal(ctx, dealId) : null,
      batchId: batch.id,
    };
  });
}
