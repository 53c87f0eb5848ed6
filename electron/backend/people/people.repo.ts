/** Reading people: the stored row, the full Person a form shows, and the checks writes share. */
import { AppError } from '../../../shared/api/errors.ts';
import type { Address, Gender, Person, Stage } from '../../../shared/domain/people.ts';
import type { PeopleTable } from '../../db/schema.ts';
import type { Ctx } from '../context.ts';
import { liveFields, visibleCustom } from '../custom-fields/custom-values.ts';
import { tagNames } from '../tags/tags.repo.ts';
import { readWindow } from './calling-window.ts';
import { readEmails, readPhones } from './contact-points.ts';
import { plucked, prepared } from './prepared.ts';

export function readPersonRow(ctx: Ctx, id: string): PeopleTable | undefined {
  return prepared(ctx, `SELECT * FROM people WHERE id = ?`).get(id) as PeopleTable | undefined;
}

/** The stored row of a live person, or NOT_FOUND (a person in the Trash is not found for edits). */
export function requireLivePerson(ctx: Ctx, id: string, what = 'That person'): PeopleTable {
  const row = readPersonRow(ctx, id);
  if (!row) throw new AppError('NOT_FOUND', `${what} is not in the book.`, { id });
  if (row.deleted_at !== null) {
    throw new AppError('NOT_FOUND', `${row.display_name} is in the Trash. Restore them first.`, { id });
  }
  return row;
}

/** A company that a person may point to: it exists and is not in the Trash. */
export function assertCompany(ctx: Ctx, id: string, path = 'companyId'): void {
  const row = prepared(ctx, `SELECT name, deleted_at FROM companies WHERE id = ?`).get(id) as
    { name: string; deleted_at: number | null } | undefined;
  if (!row) {
    throw new AppError('NOT_FOUND', 'That company is not in the book.', {
      id,
      issues: [{ path, message: 'Choose a company from the list.' }],
    });
  }
  if (row.deleted_at !== null) {
    throw new AppError(
      'NOT_FOUND',
      `${row.name} is in the Trash. Restore it first, or choose another company.`,
      {
        id,
        issues: [{ path, message: 'That company is in the Trash.' }],
      },
    );
  }
}

export function assertStaff(ctx: Ctx, id: string, path = 'ownerId'): void {
  if (!prepared(ctx, `SELECT 1 FROM staff WHERE id = ?`).get(id)) {
    throw new AppError('NOT_FOUND', 'That staff profile is not in the book.', {
      id,
      issues: [{ path, message: 'Choose someone from the list.' }],
    });
  }
}

export function addressOf(
  row: Pick<PeopleTable, 'street' | 'city' | 'region' | 'postcode' | 'country'>,
): Address {
  return {
    street: row.street,
    city: row.city,
    region: row.region,
    postcode: row.postcode,
    country: row.country,
  };
}

export function companyNameOf(ctx: Ctx, companyId: string | null): string | null {
  if (!companyId) return null;
  return (
    (plucked(ctx, `SELECT name FROM companies WHERE id = ? AND deleted_at IS NULL`).get(companyId) as
      string | undefined) ?? null
  );
}

export function toPerson(ctx: Ctx, row: PeopleTable): Person {
  return {
    id: row.id,
    givenName: row.given_name,
    familyName: row.family_name,
    displayName: row.display_name,
    companyId: row.company_id,
    companyName: companyNameOf(ctx, row.company_id),
    jobTitle: row.job_title,
    birthday: row.birthday,
    gender: row.gender as Gender | null,
    stage: row.stage as Stage,
    source: row.source,
    ownerId: row.owner_id,
    tags: tagNames(ctx, 'person', row.id),
    custom: visibleCustom(liveFields(ctx, 'person'), row.custom),
    doNotCall: row.do_not_call === 1,
    emailOptIn: row.email_opt_in === 1,
    emailOptInAt: row.email_opt_in_at,
    callingWindow: readWindow(row),
    phones: readPhones(ctx, 'person', row.id),
    emails: readEmails(ctx, 'person', row.id),
    address: addressOf(row),
    lastContactAt: row.last_contact_at,
    lastAttemptAt: row.last_attempt_at,
    nextCallAt: row.next_call_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

/** The full person (also when in the Trash: deletedAt says so), or NOT_FOUND. */
export function loadPerson(ctx: Ctx, id: string): Person {
  const row = readPersonRow(ctx, id);
  if (!row) throw new AppError('NOT_FOUND', 'That person is not in the book.', { id });
  return toPerson(ctx, row);
}
