/**
 * Phones and emails of a person or company. A write replaces the whole set (ids given by the
 * form are kept), phones are stored as entered plus their normalised digits, and the first of
 * each is cached on the person's row for the list.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import type { Email, Phone } from '../../../shared/domain/people.ts';
import { normalisePhone } from '../../../shared/domain/phone.ts';
import type { Ctx } from '../context.ts';
import { readSettings } from '../settings/settings.store.ts';
import { countryOfLocale } from '../../../shared/domain/phone.ts';
import { prepared } from './prepared.ts';

export type Owner = 'person' | 'company';
const COLUMN = { person: 'person_id', company: 'company_id' } as const;

export interface PhoneIn {
  id?: string | undefined;
  label: string;
  number: string;
}
export interface EmailIn {
  id?: string | undefined;
  label: string;
  email: string;
}

/** The country numbers without a country code belong to: the book's locale region. */
export function bookCountry(ctx: Ctx): CountryCode | undefined {
  return countryOfLocale(readSettings(ctx).locale);
}

function freeId(ctx: Ctx, table: 'phones' | 'emails', wanted: string | undefined): string {
  if (wanted && !prepared(ctx, `SELECT 1 FROM ${table} WHERE id = ?`).get(wanted)) return wanted;
  return ctx.ids();
}

/** Replaces the phones; returns the first number (for the person's primary_phone). */
export function writePhones(
  ctx: Ctx,
  owner: Owner,
  ownerId: string,
  phones: readonly PhoneIn[],
  country: CountryCode | undefined,
): string | null {
  const column = COLUMN[owner];
  prepared(ctx, `DELETE FROM phones WHERE ${column} = ?`).run(ownerId);
  const insert = prepared(
    ctx,
    `INSERT INTO phones (id, ${column}, label, number, digits, e164, position) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const seen = new Set<string>();
  let position = 0;
  for (const phone of phones) {
    const n = normalisePhone(phone.number, country);
    if (seen.has(n.digits)) continue;
    seen.add(n.digits);
    insert.run(
      freeId(ctx, 'phones', phone.id),
      ownerId,
      phone.label,
      phone.number.trim(),
      n.digits,
      n.e164,
      position++,
    );
  }
  return phones[0]?.number.trim() ?? null;
}

/** Replaces the emails; returns the first address (for the person's primary_email). */
export function writeEmails(
  ctx: Ctx,
  owner: Owner,
  ownerId: string,
  emails: readonly EmailIn[],
): string | null {
  const column = COLUMN[owner];
  prepared(ctx, `DELETE FROM emails WHERE ${column} = ?`).run(ownerId);
  const insert = prepared(
    ctx,
    `INSERT INTO emails (id, ${column}, label, email, email_lower, position) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const seen = new Set<string>();
  let position = 0;
  let first: string | null = null;
  for (const e of emails) {
    const email = e.email.trim();
    const lower = email.toLowerCase();
    if (seen.has(lower)) continue;
    seen.add(lower);
    first ??= email;
    insert.run(freeId(ctx, 'emails', e.id), ownerId, e.label, email, lower, position++);
  }
  return first;
}

export function readPhones(ctx: Ctx, owner: Owner, ownerId: string): Phone[] {
  return prepared(
    ctx,
    `SELECT id, label, number, digits FROM phones WHERE ${COLUMN[owner]} = ? ORDER BY position, id`,
  ).all(ownerId) as Phone[];
}

export function readEmails(ctx: Ctx, owner: Owner, ownerId: string): Email[] {
  return prepared(
    ctx,
    `SELECT id, label, email FROM emails WHERE ${COLUMN[owner]} = ? ORDER BY position, id`,
  ).all(ownerId) as Email[];
}

/** Re-reads the first phone and email into the person's cached columns (after a merge or undo). */
export function refreshPrimaries(ctx: Ctx, personId: string): void {
  prepared(
    ctx,
    `UPDATE people SET
       primary_phone = (SELECT number FROM phones WHERE person_id = people.id ORDER BY position, id LIMIT 1),
       primary_email = (SELECT email FROM emails WHERE person_id = people.id ORDER BY position, id LIMIT 1)
     WHERE id = ?`,
  ).run(personId);
}
