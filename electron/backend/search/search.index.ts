/**
 * Keeps the FTS5 search index current, inside the caller's write transaction (DESIGN.md).
 * search_docs maps each indexed thing (person, company, note, call) to its FTS rowid (its docid).
 * Each kind has an FTS5 table of its own (FTS_TABLES), contentless with contentless_delete, so a
 * document is replaced by rowid.
 *
 * Call reindex(ctx, kind, id) after any write that changes what a document shows, and after a
 * restore from the Trash; it removes the document when the row is gone or soft-deleted.
 *
 * Why a table per kind (migration 0007): a prefix such as "con" is in millions of call summaries
 * ("confirmed", "contract"). In one shared table, asking for the newest people matching it made
 * FTS5 walk the calls' part of that prefix's doclist backwards to reach the people's rowids
 * (60 ms at a million people). In a table of its own each kind's newest match is at the end of
 * its own, shorter doclist. Docids stay in per-kind ranges (KIND_SPAN wide) so search_docs can
 * hold every kind under one integer key.
 */
import type { Ctx } from '../context.ts';
import { plucked, prepared } from '../people/prepared.ts';

export type SearchDocKind = 'person' | 'company' | 'note' | 'call';

/** Width of a kind's docid range: 2^48 documents each, well inside JavaScript's safe integers. */
export const KIND_SPAN = 2 ** 48;
const KIND_SLOT: Record<SearchDocKind, number> = { person: 1, company: 2, note: 3, call: 4 };

/** The FTS5 table that indexes each kind of document (columns title and detail). */
export const FTS_TABLES: Record<SearchDocKind, string> = {
  person: 'search_person',
  company: 'search_company',
  note: 'search_note',
  call: 'search_call',
};

/** The docids of one kind: [from, to). */
export function docidRange(kind: SearchDocKind): [number, number] {
  const from = KIND_SLOT[kind] * KIND_SPAN;
  return [from, from + KIND_SPAN];
}

export interface DocText {
  title: string;
  detail: string;
}

function personDoc(ctx: Ctx, id: string): DocText | null {
  const p = prepared(
    ctx,

    `SELECT p.display_name, p.given_name, p.family_name, p.job_title, p.city, c.name AS company
       FROM people p LEFT JOIN companies c ON c.id = p.company_id
       WHERE p.id = ? AND p.deleted_at IS NULL`,
  ).get(id) as
    | {
        display_name: string;
        given_name: string;
        family_name: string;
        job_title: string | null;
        city: string | null;
        company: string | null;
      }
    | undefined;
  if (!p) return null;
  const emails = plucked(ctx, `SELECT email FROM emails WHERE person_id = ? ORDER BY position`).all(
    id,
  ) as string[];
  return personDocText({ ...p, emails });
}

/** A person's document from their fields (an import builds it without reading them back). */
export function personDocText(p: {
  display_name: string;
  given_name: string;
  family_name: string;
  job_title: string | null;
  city: string | null;
  company: string | null;
  emails: readonly string[];
}): DocText {
  // Emails are indexed whole and split at @ and dots, so "ada@engines.co.uk" is found by "ada" and "engines".
  const emailWords = p.emails.flatMap((e) => [e, ...e.split(/[@.+_-]+/u)]);
  return {
    title: [p.display_name, p.given_name, p.family_name].join(' '),
    detail: [p.company, p.job_title, p.city, ...emailWords].filter(Boolean).join(' '),
  };
}

function companyDoc(ctx: Ctx, id: string): DocText | null {
  const c = prepared(
    ctx,
    `SELECT name, domain, industry, city FROM companies WHERE id = ? AND deleted_at IS NULL`,
  ).get(id) as
    { name: string; domain: string | null; industry: string | null; city: string | null } | undefined;
  if (!c) return null;
  return { title: c.name, detail: [c.domain, c.industry, c.city].filter(Boolean).join(' ') };
}

function noteDoc(ctx: Ctx, id: string): DocText | null {
  const n = prepared(ctx, `SELECT body FROM notes WHERE id = ? AND deleted_at IS NULL`).get(id) as
    { body: string } | undefined;
  return n ? { title: '', detail: n.body } : null;
}

function callDoc(ctx: Ctx, id: string): DocText | null {
  const c = prepared(ctx, `SELECT summary, purpose FROM calls WHERE id = ? AND deleted_at IS NULL`).get(
    id,
  ) as { summary: string; purpose: string | null } | undefined;
  if (!c || !c.summary) return null;
  return { title: c.purpose ?? '', detail: c.summary };
}

const BUILDERS: Record<SearchDocKind, (ctx: Ctx, id: string) => DocText | null> = {
  person: personDoc,
  company: companyDoc,
  note: noteDoc,
  call: callDoc,
};

/** Brings one document in line with its row: adds, replaces or removes it. */
export function reindex(ctx: Ctx, kind: SearchDocKind, id: string): void {
  const existing = plucked(ctx, `SELECT docid FROM search_docs WHERE ref_id = ?`).get(id) as
    number | undefined;
  const doc = BUILDERS[kind](ctx, id);
  const fts = FTS_TABLES[kind];
  if (existing !== undefined) {
    prepared(ctx, `DELETE FROM ${fts} WHERE rowid = ?`).run(existing);
    if (!doc) {
      prepared(ctx, `DELETE FROM search_docs WHERE docid = ?`).run(existing);
      return;
    }
    prepared(ctx, `INSERT INTO ${fts} (rowid, title, detail) VALUES (?, ?, ?)`).run(
      existing,
      doc.title,
      doc.detail,
    );
    return;
  }
  if (!doc) return;
  addDoc(ctx, kind, id, doc, nextDocid(ctx, kind));
}

/** The docid the next new document of this kind gets. */
export function nextDocid(ctx: Ctx, kind: SearchDocKind): number {
  const [from, to] = docidRange(kind);
  return plucked(
    ctx,
    `SELECT coalesce(max(docid), ?) + 1 FROM search_docs WHERE docid >= ? AND docid < ?`,
  ).get(from, from, to) as number;
}

/**
 * Indexes a document that is not in the index yet, under a docid from nextDocid(). An import adds
 * a million this way, counting docids up itself instead of asking for the next one each time.
 */
export function addDoc(ctx: Ctx, kind: SearchDocKind, id: string, doc: DocText, docid: number): void {
  prepared(ctx, `INSERT INTO search_docs (docid, kind, ref_id) VALUES (?, ?, ?)`).run(docid, kind, id);
  prepared(ctx, `INSERT INTO ${FTS_TABLES[kind]} (rowid, title, detail) VALUES (?, ?, ?)`).run(
    docid,
    doc.title,
    doc.detail,
  );
}

/** Re-indexes a company's people too (their documents carry the company name). */
export function reindexCompanyAndPeople(ctx: Ctx, companyId: string): void {
  reindex(ctx, 'company', companyId);
  const people = plucked(ctx, `SELECT id FROM people WHERE company_id = ? AND deleted_at IS NULL`).all(
    companyId,
  ) as string[];
  for (const id of people) reindex(ctx, 'person', id);
}
