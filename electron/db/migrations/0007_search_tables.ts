/**
 * 0007: the search index gets an FTS5 table per kind of document (search_person, search_company,
 * search_note, search_call) in place of the one search_fts, so a name search no longer walks
 * the call summaries' part of a common prefix (see electron/backend/search/search.index.ts).
 *
 * search_docs and its docids stay as they are. search_fts is contentless, so its text cannot be
 * copied: each table is filled from the rows themselves, with the same words reindex() gives
 * them (a person's title is "display given family", the detail their company, job title, city
 * and emails; a company's title its name, the detail its domain, industry and city; a note has
 * only its body; a call its purpose as title and its summary). An email is indexed whole, which
 * the tokenizer splits at the same @ . + _ - that reindex() splits it at.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

const KINDS = ['person', 'company', 'note', 'call'] as const;

/** SELECT docid, title, detail for every live document of a kind that search_docs holds. */
const SOURCES: Record<(typeof KINDS)[number], string> = {
  person: `SELECT d.docid, p.display_name || ' ' || p.given_name || ' ' || p.family_name,
      concat_ws(' ', c.name, p.job_title, p.city, e.emails)
    FROM search_docs d JOIN people p ON p.id = d.ref_id
    LEFT JOIN companies c ON c.id = p.company_id
    LEFT JOIN (SELECT person_id, group_concat(email, ' ') AS emails FROM emails
               WHERE person_id IS NOT NULL GROUP BY person_id) e ON e.person_id = p.id
    WHERE d.kind = 'person' AND p.deleted_at IS NULL`,
  company: `SELECT d.docid, c.name, concat_ws(' ', c.domain, c.industry, c.city)
    FROM search_docs d JOIN companies c ON c.id = d.ref_id
    WHERE d.kind = 'company' AND c.deleted_at IS NULL`,
  note: `SELECT d.docid, '', n.body FROM search_docs d JOIN notes n ON n.id = d.ref_id
    WHERE d.kind = 'note' AND n.deleted_at IS NULL`,
  call: `SELECT d.docid, coalesce(c.purpose, ''), c.summary FROM search_docs d JOIN calls c ON c.id = d.ref_id
    WHERE d.kind = 'call' AND c.deleted_at IS NULL`,
};

export const searchTables: Migration = {
  async up(db: Kysely<unknown>) {
    for (const kind of KINDS) {
      const table = sql.raw(`search_${kind}`);
      await sql`CREATE VIRTUAL TABLE ${table} USING fts5(
        title, detail,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '1 2 3'
      )`.execute(db);
      await sql`INSERT INTO ${table} (rowid, title, detail) ${sql.raw(SOURCES[kind])}`.execute(db);
    }
    await sql`DROP TABLE search_fts`.execute(db);
  },
};
