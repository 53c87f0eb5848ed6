/** Creating and editing a person: fields to row, the checks, and the rows hanging off it. */
import type { z } from 'zod';
import { AppError } from '../../../shared/api/errors.ts';
import type { PersonPatch } from '../../../shared/api/requests/contacts.requests.ts';
import { composeDisplayName, personSortKey } from '../../../shared/domain/text.ts';
import type { WriteScope } from '../../db/changes.ts';
import type { PeopleTable } from '../../db/schema.ts';
import type { Ctx } from '../context.ts';
import { applyCustomValues } from '../custom-fields/custom-values.ts';
import { reindex } from '../search/search.index.ts';
import { setTags } from '../tags/tags.repo.ts';
import { storeWindow } from './calling-window.ts';
import { bookCountry, writeEmails, writePhones } from './contact-points.ts';
import { assertCompany, assertStaff } from './people.repo.ts';

export type PersonFields = z.output<typeof PersonPatch>;

export function blankPersonRow(id: string, scope: WriteScope): PeopleTable {
  return {
    id,
    given_name: '',
    family_name: '',
    display_name: '',
    company_id: null,
    job_title: null,
    stage: 'lead',
    owner_id: scope.staffId,
    birthday: null,
    gender: null,
    source: null,
    street: null,
    city: null,
    region: null,
    postcode: null,
    country: null,
    do_not_call: 0,
    email_opt_in: 0,
    email_opt_in_at: null,
    call_days: null,
    call_from: null,
    call_to: null,
    time_zone: null,
    custom: '{}',
    last_contact_at: null,
    last_attempt_at: null,
    next_call_at: null,
    sort_key: '',
    primary_phone: null,
    primary_email: null,
    external_id: null,
    created_at: scope.at,
    updated_at: scope.at,
    created_by: scope.staffId,
    updated_by: scope.staffId,
    deleted_at: null,
  };
}

/**
 * Applies the given fields to a copy of the row, checking references and custom values.
 * Throws (VALIDATION / NOT_FOUND) before anything is written.
 */
export function applyPersonFields(
  ctx: Ctx,
  scope: WriteScope,
  before: PeopleTable,
  f: PersonFields,
): PeopleTable {
  const row = { ...before };
  if (f.givenName !== undefined) row.given_name = f.givenName;
  if (f.familyName !== undefined) row.family_name = f.familyName;
  const wasComposed = before.display_name === composeDisplayName(before.given_name, before.family_name);
  if (f.displayName !== undefined && f.displayName !== '') row.display_name = f.displayName;
  else if (f.displayName === '' || wasComposed)
    row.display_name = composeDisplayName(row.given_name, row.family_name);
  if (!row.display_name.trim()) {
    throw new AppError('VALIDATION', 'Enter a name. (givenName)', {
      issues: [{ path: 'givenName', message: 'Enter a name.' }],
    });
  }
  row.sort_key = personSortKey(row.given_name, row.family_name, row.display_name);

  if (f.companyId !== undefined) {
    if (f.companyId !== null && f.companyId !== before.company_id) assertCompany(ctx, f.companyId);
    row.company_id = f.companyId;
  }
  if (f.ownerId !== undefined) {
    if (f.ownerId !== null && f.ownerId !== before.owner_id) assertStaff(ctx, f.ownerId);
    row.owner_id = f.ownerId;
  }
  if (f.jobTitle !== undefined) row.job_title = f.jobTitle;
  if (f.birthday !== undefined) row.birthday = f.birthday;
  if (f.gender !== undefined) row.gender = f.gender;
  if (f.stage !== undefined) row.stage = f.stage;
  if (f.source !== undefined) row.source = f.source;
  if (f.doNotCall !== undefined) row.do_not_call = f.doNotCall ? 1 : 0;
  if (f.emailOptIn !== undefined) {
    if (f.emailOptIn && before.email_opt_in !== 1) {
      row.email_opt_in = 1;
      row.email_opt_in_at = scope.at;
    } else if (!f.emailOptIn) {
      row.email_opt_in = 0;
      row.email_opt_in_at = null;
    }
  }
  if (f.callingWindow !== undefined) Object.assign(row, storeWindow(f.callingWindow));
  if (f.address) {
    for (const key of ['street', 'city', 'region', 'postcode', 'country'] as const) {
      const value = f.address[key];
      if (value !== undefined) row[key] = value;
    }
  }
  if (f.custom !== undefined) row.custom = applyCustomValues(ctx, 'person', before.custom, f.custom);
  return row;
}

/** Writes tags, phones and emails when given, refreshes the cached primaries and the search document. */
export function writePersonChildren(ctx: Ctx, scope: WriteScope, row: PeopleTable, f: PersonFields): void {
  if (f.tags !== undefined) setTags(ctx, scope, 'person', row.id, f.tags);
  const patch: Partial<PeopleTable> = {};
  if (f.phones !== undefined)
    patch.primary_phone = writePhones(ctx, 'person', row.id, f.phones, bookCountry(ctx));
  if (f.emails !== undefined) patch.primary_email = writeEmails(ctx, 'person', row.id, f.emails);
  if (Object.keys(patch).length > 0) {
    ctx.sql.run(ctx.q.updateTable('people').set(patch).where('id', '=', row.id));
  }
  reindex(ctx, 'person', row.id);
}

export function insertPersonRow(ctx: Ctx, row: PeopleTable): void {
  ctx.sql.run(ctx.q.insertInto('people').values(row));
}

export function updatePersonRow(ctx: Ctx, row: PeopleTable): void {
  const { id, ...rest } = row;
  ctx.sql.run(ctx.q.updateTable('people').set(rest).where('id', '=', id));
}
