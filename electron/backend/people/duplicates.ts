/**
 * Duplicate warnings: live people who already have one of these emails (any case) or phones
 * (same national digits, so "+44 20 7946 0958" meets "020 7946 0958").
 */
import type { DuplicateMatch } from '../../../shared/domain/people.ts';
import { normalisePhone } from '../../../shared/domain/phone.ts';
import type { Ctx } from '../context.ts';
import { bookCountry } from './contact-points.ts';
import { jsonIds, prepared } from './prepared.ts';

/** Shorter digit strings (extensions, short codes) say too little to call two people the same. */
export const MIN_DUPLICATE_DIGITS = 6;
const MAX_MATCHES = 20;

export function findDuplicates(
  ctx: Ctx,
  emails: readonly string[],
  phones: readonly string[],
  excludeId?: string,
): DuplicateMatch[] {
  const lowers = [...new Set(emails.map((e) => e.trim().toLowerCase()).filter(Boolean))];
  const country = bookCountry(ctx);
  const digits = [
    ...new Set(
      phones.map((p) => normalisePhone(p, country).digits).filter((d) => d.length >= MIN_DUPLICATE_DIGITS),
    ),
  ];
  const byPerson = new Map<string, DuplicateMatch>();
  const add = (personId: string, kind: 'email' | 'phone', value: string) => {
    if (personId === excludeId) return;
    let match = byPerson.get(personId);
    if (!match) {
      if (byPerson.size >= MAX_MATCHES) return;
      const p = prepared(
        ctx,
        `SELECT p.display_name, c.name AS company FROM people p
         LEFT JOIN companies c ON c.id = p.company_id AND c.deleted_at IS NULL WHERE p.id = ?`,
      ).get(personId) as { display_name: string; company: string | null };
      match = { personId, displayName: p.display_name, companyName: p.company, matchedOn: [] };
      byPerson.set(personId, match);
    }
    if (!match.matchedOn.some((m) => m.kind === kind && m.value === value))
      match.matchedOn.push({ kind, value });
  };
  if (lowers.length > 0) {
    const rows = prepared(
      ctx,
      `SELECT e.person_id, e.email FROM emails e JOIN people p ON p.id = e.person_id
       WHERE e.email_lower IN (SELECT value FROM json_each(?)) AND p.deleted_at IS NULL
       ORDER BY e.person_id LIMIT 200`,
    ).all(jsonIds(lowers)) as { person_id: string; email: string }[];
    for (const r of rows) add(r.person_id, 'email', r.email);
  }
  if (digits.length > 0) {
    const rows = prepared(
      ctx,
      `SELECT ph.person_id, ph.number FROM phones ph JOIN people p ON p.id = ph.person_id
       WHERE ph.digits IN (SELECT value FROM json_each(?)) AND p.deleted_at IS NULL
       ORDER BY ph.person_id LIMIT 200`,
    ).all(jsonIds(digits)) as { person_id: string; number: string }[];
    for (const r of rows) add(r.person_id, 'phone', r.number);
  }
  return [...byPerson.values()];
}
