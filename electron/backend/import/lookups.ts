/**
 * Finding the people and companies imported rows name, with statements prepared once: by email,
 * by phone (the same national digits), by the id they had in the other system, and by name. Every
 * import that matches rows to the book finds them here (people, companies, calls, orders).
 */
import { normalisePhone } from '../../../shared/domain/phone.ts';
import { companySortKey } from '../../../shared/domain/text.ts';
import type { Ctx } from '../context.ts';
import { bookCountry } from '../people/contact-points.ts';
import { MIN_DUPLICATE_DIGITS } from '../people/duplicates.ts';
import { plucked, prepared } from '../people/prepared.ts';
import { queryWords } from '../search/search.query.ts';

/** A name as names are compared here: composed, trimmed, spaces squeezed, any case. */
export const nameKey = (text: string) => text.normalize('NFC').trim().replace(/\s+/gu, ' ').toLowerCase();

export type PartyLookups = ReturnType<typeof partyLookups>;

export function partyLookups(ctx: Ctx) {
  const country = bookCountry(ctx);
  // Most rows of a big file name someone new: one index probe, and the person read only on a hit
  // (with the join and DISTINCT, a miss cost 35 µs).
  const byEmail = plucked(
    ctx,
    `SELECT person_id FROM emails WHERE email_lower = ? AND person_id IS NOT NULL LIMIT 50`,
  );
  const isLive = plucked(ctx, `SELECT 1 FROM people WHERE id = ? AND deleted_at IS NULL`);
  const byPhone = plucked(
    ctx,
    `SELECT DISTINCT ph.person_id FROM phones ph JOIN people p ON p.id = ph.person_id
      WHERE ph.digits IN (SELECT value FROM json_each(?)) AND p.deleted_at IS NULL LIMIT 5`,
  );
  const personByExternalId = plucked(
    ctx,
    `SELECT id FROM people WHERE external_id = ? AND deleted_at IS NULL ORDER BY id LIMIT 5`,
  );
  const companyByExternalId = plucked(
    ctx,
    `SELECT id FROM companies WHERE external_id = ? AND deleted_at IS NULL ORDER BY id LIMIT 5`,
  );
  // The name's words as a phrase of the people's search titles ("display given family"), then the
  // shown name compared whole: an index probe instead of reading every person.
  const byNameWords = prepared(
    ctx,
    `SELECT p.id, p.display_name FROM search_person f JOIN search_docs d ON d.docid = f.rowid
       JOIN people p ON p.id = d.ref_id
      WHERE search_person MATCH ? AND p.deleted_at IS NULL`,
  );
  const companyByName = plucked(
    ctx,
    `SELECT id FROM companies WHERE sort_key = ? AND deleted_at IS NULL ORDER BY id LIMIT 5`,
  );
  const companyOf = plucked(ctx, `SELECT company_id FROM people WHERE id = ?`);
  /** Live people with any of these emails (any case). */
  const emails = (list: readonly string[]): string[] => {
    const found = new Set<string>();
    for (const email of new Set(list.map((e) => e.trim().toLowerCase()))) {
      for (const id of byEmail.all(email) as string[]) found.add(id);
    }
    return [...found].filter((id) => isLive.get(id) !== undefined).slice(0, 5);
  };
  /** Live people with a phone of these national digits (too short ones match nobody). */
  const digits = (list: readonly string[]): string[] => {
    const usable = list.filter((d) => d.length >= MIN_DUPLICATE_DIGITS);
    return usable.length > 0 ? (byPhone.all(JSON.stringify(usable)) as string[]) : [];
  };
  return {
    emails,
    digits,
    email: (email: string) => emails([email]),
    phone: (number: string) => digits([normalisePhone(number, country).digits]),
    personExternalId: (id: string) => personByExternalId.all(id.trim()) as string[],
    companyExternalId: (id: string) => companyByExternalId.all(id.trim()) as string[],
    personName: (name: string) => {
      const words = queryWords(name);
      if (words.length === 0) return [];
      const wanted = nameKey(name);
      const rows = byNameWords.all(`title : "${words.join(' ')}"`) as { id: string; display_name: string }[];
      return rows.filter((r) => nameKey(r.display_name) === wanted).map((r) => r.id);
    },
    /** Companies by name as the companies list compares names (case, accents and "Ltd" aside). */
    companyName: (name: string) => companyByName.all(companySortKey(name)) as string[],
    companyOf: (personId: string) => (companyOf.get(personId) as string | null | undefined) ?? null,
  };
}
