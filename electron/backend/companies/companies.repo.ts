/** Companies: the stored row, the full Company, and writing one from the form's fields. */
import type { z } from 'zod';
import { AppError } from '../../../shared/api/errors.ts';
import type { contactsRequests } from '../../../shared/api/requests/contacts.requests.ts';
import type { Company } from '../../../shared/domain/people.ts';
import { companySortKey } from '../../../shared/domain/text.ts';
import type { WriteScope } from '../../db/changes.ts';
import type { CompaniesTable } from '../../db/schema.ts';
import type { Ctx } from '../context.ts';
import { applyCustomValues, liveFields, visibleCustom } from '../custom-fields/custom-values.ts';
import { bookCountry, readPhones, writePhones } from '../people/contact-points.ts';
import { addressOf } from '../people/people.repo.ts';
import { plucked, prepared } from '../people/prepared.ts';
import { setTags, tagNames } from '../tags/tags.repo.ts';

export type CompanyFields = Partial<z.output<(typeof contactsRequests)['companies.create']['input']>>;

export { companySortKey };

export function readCompanyRow(ctx: Ctx, id: string): CompaniesTable | undefined {
  return prepared(ctx, `SELECT * FROM companies WHERE id = ?`).get(id) as CompaniesTable | undefined;
}

export function requireLiveCompany(ctx: Ctx, id: string): CompaniesTable {
  const row = readCompanyRow(ctx, id);
  if (!row) throw new AppError('NOT_FOUND', 'That company is not in the book.', { id });
  if (row.deleted_at !== null) {
    throw new AppError('NOT_FOUND', `${row.name} is in the Trash. Restore it first.`, { id });
  }
  return row;
}

export function peopleCountOf(ctx: Ctx, companyId: string): number {
  return plucked(ctx, `SELECT count(*) FROM people WHERE company_id = ? AND deleted_at IS NULL`).get(
    companyId,
  ) as number;
}

export function toCompany(ctx: Ctx, row: CompaniesTable): Company {
  return {
    id: row.id,
    name: row.name,
    domain: row.domain,
    industry: row.industry,
    size: row.size,
    stage: row.stage as Company['stage'],
    source: row.source,
    phones: readPhones(ctx, 'company', row.id),
    address: addressOf(row),
    tags: tagNames(ctx, 'company', row.id),
    custom: visibleCustom(liveFields(ctx, 'company'), row.custom),
    peopleCount: peopleCountOf(ctx, row.id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

export function loadCompany(ctx: Ctx, id: string): Company {
  const row = readCompanyRow(ctx, id);
  if (!row) throw new AppError('NOT_FOUND', 'That company is not in the book.', { id });
  return toCompany(ctx, row);
}

export function blankCompanyRow(id: string, scope: WriteScope): CompaniesTable {
  return {
    id,
    name: '',
    domain: null,
    industry: null,
    size: null,
    street: null,
    city: null,
    region: null,
    postcode: null,
    country: null,
    custom: '{}',
    sort_key: '',
    stage: null,
    source: null,
    external_id: null,
    created_at: scope.at,
    updated_at: scope.at,
    created_by: scope.staffId,
    updated_by: scope.staffId,
    deleted_at: null,
  };
}

/** Applies the fields to a copy of the row; custom values are checked (VALIDATION) before any write. */
export function applyCompanyFields(ctx: Ctx, before: CompaniesTable, f: CompanyFields): CompaniesTable {
  const row = { ...before };
  if (f.name !== undefined) {
    row.name = f.name;
    row.sort_key = companySortKey(f.name);
  }
  if (f.domain !== undefined) row.domain = f.domain;
  if (f.industry !== undefined) row.industry = f.industry;
  if (f.size !== undefined) row.size = f.size;
  if (f.stage !== undefined) row.stage = f.stage;
  if (f.source !== undefined) row.source = f.source;
  if (f.address) {
    for (const key of ['street', 'city', 'region', 'postcode', 'country'] as const) {
      const value = f.address[key];
      if (value !== undefined) row[key] = value;
    }
  }
  if (f.custom !== undefined) row.custom = applyCustomValues(ctx, 'company', before.custom, f.custom);
  return row;
}

export function writeCompanyChildren(ctx: Ctx, scope: WriteScope, id: string, f: CompanyFields): void {
  if (f.tags !== undefined) setTags(ctx, scope, 'company', id, f.tags);
  if (f.phones !== undefined) writePhones(ctx, 'company', id, f.phones, bookCountry(ctx));
}
