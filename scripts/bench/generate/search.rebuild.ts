/**
 * The whole search index of a book (search_docs + a contentless FTS5 table per kind, FTS_TABLES) built in
 * one pass (generate.ts runs it in search.worker.ts), equal to what the app's reindex() (electron/backend/search/search.index.ts) leaves
 * after indexing every row as it was created:
 *  - each kind has its own docid range (docidRange), and docids are handed out from the bottom of
 *    the range in creation order (created_at, then id), as reindex does (max(docid) + 1);
 *  - the texts are reindex's: a person's title is "display given family" and the detail holds the
 *    company, job title, city and each email whole and split at @ . + _ -; a company's title is
 *    its name (detail: domain, industry, city); a note has only a detail (its body); a call with a
 *    summary has its purpose as title and the summary as detail; calls without one have no document;
 *  - deleted rows have no document.
 * Reading the documents needs no secondary index (the generator reads them before its indexes are
 * built). test/bench/generated-book.test.ts proves the result equal to reindex(), row by row.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { docidRange, FTS_TABLES, type SearchDocKind } from '../../../electron/backend/search/search.index.ts';
import { BatchInsert } from './batch-insert.ts';

/** One document: [docid, kind, ref_id, title, detail]. */
export type SearchDoc = [number, SearchDocKind, string, string, string];

const SOURCES: Record<SearchDocKind, { sql: string; text(row: Record<string, unknown>): [string, string] }> =
  {
    person: {
      sql: `SELECT p.id, p.display_name, p.given_name, p.family_name, p.job_title, p.city, c.name AS company, e.emails
      FROM people p LEFT JOIN companies c ON c.id = p.company_id
      LEFT JOIN (SELECT person_id, json_group_array(email ORDER BY position) AS emails
                 FROM emails WHERE person_id IS NOT NULL GROUP BY person_id) e ON e.person_id = p.id
      WHERE p.deleted_at IS NULL ORDER BY p.created_at, p.id`,
      text(r) {
        const emails = r.emails ? (JSON.parse(r.emails as string) as string[]) : [];
        const emailWords = emails.flatMap((e) => [e, ...e.split(/[@.+_-]+/u)]);
        return [
          [r.display_name, r.given_name, r.family_name].join(' '),
          [r.company, r.job_title, r.city, ...emailWords].filter(Boolean).join(' '),
        ];
      },
    },
    company: {
      sql: `SELECT id, name, domain, industry, city FROM companies WHERE deleted_at IS NULL ORDER BY created_at, id`,
      text: (r) => [r.name as string, [r.domain, r.industry, r.city].filter(Boolean).join(' ')],
    },
    note: {
      sql: `SELECT id, body FROM notes WHERE deleted_at IS NULL ORDER BY created_at, id`,
      text: (r) => ['', r.body as string],
    },
    call: {
      sql: `SELECT id, purpose, summary FROM calls WHERE deleted_at IS NULL AND summary <> '' ORDER BY created_at, id`,
      text: (r) => [(r.purpose as string | null) ?? '', r.summary as string],
    },
  };

export const SEARCH_KINDS_IN_ORDER: readonly SearchDocKind[] = ['person', 'company', 'note', 'call'];

/** Every document of the book, kind by kind, each kind in creation order with its docid. */
export function* searchDocs(db: Database.Database): Generator<SearchDoc> {
  for (const kind of SEARCH_KINDS_IN_ORDER) {
    const source = SOURCES[kind];
    let docid = docidRange(kind)[0];
    for (const row of db.prepare(source.sql).iterate() as IterableIterator<Record<string, unknown>>) {
      const [title, detail] = source.text(row);
      yield [++docid, kind, row.id as string, title, detail];
    }
  }
}

/** Writes documents into an empty search_docs and FTS tables; returns how many of each kind. */
export function insertSearchDocs(
  db: Database.Database,
  docs: Iterable<SearchDoc>,
): Record<SearchDocKind, number> {
  const insertDoc = new BatchInsert(db, 'search_docs', ['docid', 'kind', 'ref_id']);
  const insertFts = Object.fromEntries(
    SEARCH_KINDS_IN_ORDER.map((kind) => [
      kind,
      new BatchInsert(db, FTS_TABLES[kind], ['rowid', 'title', 'detail']),
    ]),
  ) as Record<SearchDocKind, BatchInsert>;
  const counts = { person: 0, company: 0, note: 0, call: 0 };
  for (const [docid, kind, ref, title, detail] of docs) {
    insertDoc.add(docid, kind, ref);
    insertFts[kind].add(docid, title, detail);
    counts[kind]++;
  }
  insertDoc.flush();
  for (const insert of Object.values(insertFts)) insert.flush();
  return counts;
}

/** The tables that hold the FTS5 indexes themselves (search_person_data, _idx, _docsize, _config, ...). */
export function ftsShadowTables(db: Database.Database, schema = 'main'): string[] {
  const fts = Object.values(FTS_TABLES);
  return db
    .prepare(
      `SELECT name FROM ${schema}.sqlite_schema WHERE type = 'table' AND name NOT IN (${fts.map(() => '?').join(', ')})`,
    )
    .pluck()
    .all(...fts)
    .filter((name) => fts.some((t) => (name as string).startsWith(`${t}_`))) as string[];
}
