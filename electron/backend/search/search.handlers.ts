/**
 * search.global: answers while the user types, grouped person, company, note, call.
 *
 * - Phones: a query that looks like a phone is normalised like stored numbers and looked up as a
 *   prefix range on phones.digits (index phones_digits), so "+44 20 7946 0958" finds "020 7946 0958".
 * - Text: FTS5 prefix terms ("ada"* AND "lov"*), one statement per kind in that kind's own FTS5
 *   table (see search.index.ts), joined to the live rows it shows, newest first with a LIMIT, so
 *   the cost follows the page, not the match set. Matches in the title (a person's or company's
 *   name) come before matches elsewhere (email, company, job, note text). No bm25 ranking: over a
 *   million documents it costs more than the 20 ms budget for common prefixes, and "name first,
 *   newest first" is what a typing user expects.
 * - A query of single letters only ("a", "j s") would match most of the book through FTS5, so it
 *   is answered from the name indexes instead: people whose sort key (family name first) and
 *   companies whose name start with it.
 * Only live items are returned: deleted people, companies, notes and calls, and notes or calls of
 * people in the Trash (or of a company in the Trash, when they hang on nothing else), are left out.
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
/** Above every character: the end of a prefix range over a sort key. */
const TOP = '\u{10FFFF}';
export const PEOPLE_BY_NAME_SQL = `SELECT p.id FROM people p
  WHERE p.deleted_at IS NULL AND p.sort_key >= ? AND p.sort_key < ? ORDER BY p.sort_key, p.id LIMIT ?`;
export const COMPANIES_BY_NAME_SQL = `SELECT c.id FROM companies c
  WHERE c.deleted_at IS NULL AND c.sort_key >= ? AND c.sort_key < ? ORDER BY c.sort_key, c.id LIMIT ?`;

interface PersonRow {
  id: string;
  display_name: string;
  primary_email: string | null;
  primary_phone: string | null;
  company_id: string | null;
  company: string | null;
}
interface CompanyRow {
  id: string;
  name: string;
  domain: string | null;
  industry: string | null;
  city: string | null;
}
interface ActivityRow {
  id: string;
  text: string;
  person_id: string | null;
  company_id: string | null;
  person: string | null;
  company: string | null;
  company_deleted: number | null;
}

const PERSON_COLUMNS = `p.id, p.display_name, p.primary_email, p.primary_phone, p.company_id, c.name AS company`;
const PERSON_JOIN = `LEFT JOIN companies c ON c.id = p.company_id AND c.deleted_at IS NULL`;
const COMPANY_COLUMNS = `c.id, c.name, c.domain, c.industry, c.city`;
const activityFrom = (table: 'notes' | 'calls', text: string) => ({
  columns: `x.id, x.${text} AS text, x.person_id, x.company_id, p.display_name AS person, c.name AS company,
    c.deleted_at AS company_deleted`,
  join: `JOIN ${table} x ON x.id = d.ref_id AND x.deleted_at IS NULL
    LEFT JOIN people p ON p.id = x.person_id LEFT JOIN companies c ON c.id = x.company_id`,
  // Not about a person in the Trash, nor (hanging on a company alone) a company in the Trash.
  live: `(x.person_id IS NULL OR p.deleted_at IS NULL) AND (x.person_id IS NOT NULL OR c.deleted_at IS NULL)`,
});

/** What each kind's statement reads beside its FTS table f and search_docs d. */
const HITS: Record<SearchKind, { columns: string; join: string; live?: string }> = {
  person: {
    columns: PERSON_COLUMNS,
    join: `JOIN people p ON p.id = d.ref_id AND p.deleted_at IS NULL ${PERSON_JOIN}`,
  },
  company: { columns: COMPANY_COLUMNS, join: `JOIN companies c ON c.id = d.ref_id AND c.deleted_at IS NULL` },
  note: activityFrom('notes', 'body'),
  call: activityFrom('calls', 'summary'),
};

/** The newest live things of one kind whose document matches: (match, limit) -> rows. */
export function hitsSql(kind: SearchKind): string {
  const t = FTS_TABLES[kind];
  const h = HITS[kind];
  return `SELECT ${h.columns} FROM ${t} f JOIN search_docs d ON d.docid = f.rowid ${h.join}
    WHERE ${t} MATCH ?${h.live ? ` AND ${h.live}` : ''} ORDER BY f.rowid DESC LIMIT ?`;
}

const join = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' · ');

function personHit(p: PersonRow): SearchHit {
  return {
    kind: 'person',
    id: p.id,
    personId: p.id,
    companyId: p.company ? p.company_id : null,
    title: p.display_name,
    detail: join(p.company, p.primary_email) || (p.primary_phone ?? ''),
  };
}

function companyHit(c: CompanyRow): SearchHit {
  return {
    kind: 'company',
    id: c.id,
    personId: null,
    companyId: c.id,
    title: c.name,
    detail: join(c.domain, c.industry, c.city),
  };
}

/** A note or call hit: titled by whom it is about, detailed by a snippet of its text. */
function activityHit(kind: 'note' | 'call', r: ActivityRow, words: readonly string[]): SearchHit {
  const companyLive = r.company_id && r.company_deleted === null;
  return {
    kind,
    id: r.id,
    personId: r.person_id,
    companyId: companyLive ? r.company_id : null,
    title: r.person ?? (companyLive ? r.company : null) ?? (kind === 'note' ? 'Note' : 'Call'),
    detail: snippet(r.text, words),
  };
}

function personById(ctx: Ctx, id: string): SearchHit | null {
  const p = prepared(
    ctx,
    `SELECT ${PERSON_COLUMNS} FROM people p ${PERSON_JOIN} WHERE p.id = ? AND p.deleted_at IS NULL`,
  ).get(id) as PersonRow | undefined;
  return p ? personHit(p) : null;
}

function companyById(ctx: Ctx, id: string): SearchHit | null {
  const c = prepared(
    ctx,
    `SELECT ${COMPANY_COLUMNS} FROM companies c WHERE c.id = ? AND c.deleted_at IS NULL`,
  ).get(id) as CompanyRow | undefined;
  return c ? companyHit(c) : null;
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
      if (r.person_id) add(personById(ctx, r.person_id));
      else if (r.company_id) add(companyById(ctx, r.company_id));
    }
  }

  const words = queryWords(query);
  if (words.length > 0 && words.every((w) => w.length < 2)) {
    const prefix = fold(words.join(' '));
    for (const id of plucked(ctx, PEOPLE_BY_NAME_SQL).all(prefix, prefix + TOP, limit) as string[]) {
      add(personById(ctx, id));
    }
    for (const id of plucked(ctx, COMPANIES_BY_NAME_SQL).all(prefix, prefix + TOP, limit) as string[]) {
      add(companyById(ctx, id));
    }
  } else if (words.length > 0) {
    for (const kind of SEARCH_KINDS) {
      // Names first (notes have no title), then anything; the second asks for as many more as
      // the first found, since it finds those again.
      const tiers =
        kind === 'note'
          ? [matchExpression(words)]
          : [matchExpression(words, 'title'), matchExpression(words)];
      for (const match of tiers) {
        const need = limit - groups[kind].length;
        if (need <= 0 || !match) break;
        const rows = prepared(ctx, hitsSql(kind)).all(match, need + groups[kind].length) as unknown[];
        for (const row of rows) {
          if (kind === 'person') add(personHit(row as PersonRow));
          else if (kind === 'company') add(companyHit(row as CompanyRow));
          else add(activityHit(kind, row as ActivityRow, words));
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
