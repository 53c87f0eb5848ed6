/**
 * search.global: answers while the user types, grouped person, company, note, call.
 *
 * - Phones: a query that looks like a phone is normalised like stored numbers and looked up as a
 *   prefix range on phones.digits (index phones_digits), so "+44 20 7946 0958" finds "020 7946 0958".
 * - Text: FTS5 prefix terms ("ada"* AND "lov"*), one query per kind in that kind's own FTS5 table
 *   (see search.index.ts), newest first with a LIMIT, so the cost follows the page, not the match
 *   set. Matches in the title (a person's or company's name) come before matches elsewhere (email,
 *   company, job, note text). No bm25 ranking: over a million documents it costs more than the
 *   20 ms budget for common prefixes, and "name first, newest first" is what a typing user expects.
 * - A query of single letters only ("a", "j s") would match most of the book through FTS5, so it
 *   is answered from the name indexes instead: people whose sort key (family name first) and
 *   companies whose name start with it.
 * Only live items are returned: deleted people, companies, notes and calls, and notes or calls of
 * people in the Trash, are left out.
 */
import type { SearchHit, SearchKind, SearchResult } from '../../../shared/domain/people.ts';
import { fold } from '../../../shared/domain/text.ts';
import type { Ctx } from '../context.ts';
import type { HandlerMap } from '../handler.ts';
import { bookCountry } from '../people/contact-points.ts';
import { plucked, prepared } from '../people/prepared.ts';
import { FTS_TABLES } from './search.index.ts';
import { matchExpression, phoneDigits, queryWords, snippet } from './search.query.ts';

export const SEARCH_KINDS: readonly SearchKind[] = ['person', 'company', 'note', 'call'];

export const PHONE_SQL = `SELECT person_id, company_id FROM phones WHERE digits >= ? AND digits < ? ORDER BY digits LIMIT ?`;
/** The newest documents of one kind that match: (match, limit) -> ref_id. */
export const ftsSql = (kind: SearchKind) => {
  const t = FTS_TABLES[kind];
  return `SELECT d.ref_id FROM ${t} f JOIN search_docs d ON d.docid = f.rowid
  WHERE ${t} MATCH ? ORDER BY f.rowid DESC LIMIT ?`;
};
/** Above every character: the end of a prefix range over a sort key. */
const TOP = '\u{10FFFF}';
export const PEOPLE_BY_NAME_SQL = `SELECT p.id FROM people p
  WHERE p.deleted_at IS NULL AND p.sort_key >= ? AND p.sort_key < ? ORDER BY p.sort_key, p.id LIMIT ?`;
export const COMPANIES_BY_NAME_SQL = `SELECT c.id FROM companies c
  WHERE c.deleted_at IS NULL AND c.sort_key >= ? AND c.sort_key < ? ORDER BY c.sort_key, c.id LIMIT ?`;

const join = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' · ');

function personHit(ctx: Ctx, id: string): SearchHit | null {
  const p = prepared(
    ctx,
    `SELECT p.display_name, p.primary_email, p.primary_phone, p.company_id, c.name AS company
     FROM people p LEFT JOIN companies c ON c.id = p.company_id AND c.deleted_at IS NULL
     WHERE p.id = ? AND p.deleted_at IS NULL`,
  ).get(id) as
    | {
        display_name: string;
        primary_email: string | null;
        primary_phone: string | null;
        company_id: string | null;
        company: string | null;
      }
    | undefined;
  if (!p) return null;
  return {
    kind: 'person',
    id,
    personId: id,
    companyId: p.company ? p.company_id : null,
    title: p.display_name,
    detail: join(p.company, p.primary_email) || (p.primary_phone ?? ''),
  };
}

function companyHit(ctx: Ctx, id: string): SearchHit | null {
  const c = prepared(
    ctx,
    `SELECT name, domain, industry, city FROM companies WHERE id = ? AND deleted_at IS NULL`,
  ).get(id) as
    { name: string; domain: string | null; industry: string | null; city: string | null } | undefined;
  if (!c) return null;
  return {
    kind: 'company',
    id,
    personId: null,
    companyId: id,
    title: c.name,
    detail: join(c.domain, c.industry, c.city),
  };
}

/** A note or call hit: titled by whom it is about, detailed by a snippet of its text. */
function activityHit(
  ctx: Ctx,
  kind: 'note' | 'call',
  id: string,
  words: readonly string[],
): SearchHit | null {
  const sql =
    kind === 'note'
      ? `SELECT x.body AS text, x.person_id, x.company_id, p.display_name AS person, p.deleted_at AS person_deleted,
           c.name AS company, c.deleted_at AS company_deleted
         FROM notes x LEFT JOIN people p ON p.id = x.person_id LEFT JOIN companies c ON c.id = x.company_id
         WHERE x.id = ? AND x.deleted_at IS NULL`
      : `SELECT x.summary AS text, x.person_id, x.company_id, p.display_name AS person, p.deleted_at AS person_deleted,
           c.name AS company, c.deleted_at AS company_deleted
         FROM calls x LEFT JOIN people p ON p.id = x.person_id LEFT JOIN companies c ON c.id = x.company_id
         WHERE x.id = ? AND x.deleted_at IS NULL`;
  const r = prepared(ctx, sql).get(id) as
    | {
        text: string;
        person_id: string | null;
        company_id: string | null;
        person: string | null;
        person_deleted: number | null;
        company: string | null;
        company_deleted: number | null;
      }
    | undefined;
  if (!r) return null;
  // Something about a person in the Trash (or a company, when it hangs on nothing else) is hidden too.
  if (r.person_id && r.person_deleted !== null) return null;
  if (!r.person_id && r.company_id && r.company_deleted !== null) return null;
  const companyLive = r.company_id && r.company_deleted === null;
  return {
    kind,
    id,
    personId: r.person_id,
    companyId: companyLive ? r.company_id : null,
    title: r.person ?? (companyLive ? r.company : null) ?? (kind === 'note' ? 'Note' : 'Call'),
    detail: snippet(r.text, words),
  };
}

export function searchGlobal(ctx: Ctx, query: string, limit: number): SearchResult {
  const groups: Record<SearchKind, SearchHit[]> = { person: [], company: [], note: [], call: [] };
  const seen = new Set<string>();
  const add = (hit: SearchHit | null) => {
    if (!hit || seen.has(hit.id) || groups[hit.kind].length >= limit) return;
    seen.add(hit.id);
    groups[hit.kind].push(hit);
  };

  for (const digits of phoneDigits(query, bookCountry(ctx))) {
    const rows = prepared(ctx, PHONE_SQL).all(digits, `${digits}~`, limit * 4) as {
      person_id: string | null;
      company_id: string | null;
    }[];
    for (const r of rows) {
      if (r.person_id) add(personHit(ctx, r.person_id));
      else if (r.company_id) add(companyHit(ctx, r.company_id));
    }
  }

  const words = queryWords(query);
  if (words.length > 0 && words.every((w) => w.length < 2)) {
    const prefix = fold(words.join(' '));
    for (const id of plucked(ctx, PEOPLE_BY_NAME_SQL).all(prefix, prefix + TOP, limit) as string[]) {
      add(personHit(ctx, id));
    }
    for (const id of plucked(ctx, COMPANIES_BY_NAME_SQL).all(prefix, prefix + TOP, limit) as string[]) {
      add(companyHit(ctx, id));
    }
  } else if (words.length > 0) {
    for (const kind of SEARCH_KINDS) {
      // Names first (notes have no title), then anything; a few more than needed, as some may
      // belong to people in the Trash.
      const tiers =
        kind === 'note'
          ? [matchExpression(words)]
          : [matchExpression(words, 'title'), matchExpression(words)];
      for (const match of tiers) {
        const need = limit - groups[kind].length;
        if (need <= 0 || !match) break;
        const refs = plucked(ctx, ftsSql(kind)).all(match, need * 2 + groups[kind].length) as string[];
        for (const ref of refs) {
          if (kind === 'person') add(personHit(ctx, ref));
          else if (kind === 'company') add(companyHit(ctx, ref));
          else add(activityHit(ctx, kind, ref, words));
        }
      }
    }
  }

  return {
    query,
    groups: SEARCH_KINDS.filter((k) => groups[k].length > 0).map((kind) => ({ kind, hits: groups[kind] })),
  };
}

export const searchHandlers = {
  'search.global': (input, ctx) => searchGlobal(ctx, input.query, input.limit),
} satisfies HandlerMap<'search.global'>;
