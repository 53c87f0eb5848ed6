/**
 * 0007_search_tables from a v6 book with a search index in its one search_fts table: every
 * document moves to its kind's own FTS5 table with the words reindex() gives it, and search
 * finds the same things afterwards.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FTS_TABLES,
  docidRange,
  reindex,
  type SearchDocKind,
} from '../../electron/backend/search/search.index.ts';
import { bookPathIn } from '../../electron/backend/book.ts';
import { MIGRATIONS, MIGRATION_NAMES } from '../../electron/db/migrations.ts';
import { openBook } from '../../electron/db/open.ts';
import { makeTempDir, openTestBook, type TestBook } from '../helpers/book.ts';

let book: TestBook | null = null;
afterEach(async () => {
  await book?.close();
  book = null;
});

function upTo(n: number) {
  return Object.fromEntries(MIGRATION_NAMES.slice(0, n).map((name) => [name, MIGRATIONS[name]!]));
}

/** Every (term, document, column) each kind's FTS table holds. */
function words(db: Database.Database): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [kind, table] of Object.entries(FTS_TABLES)) {
    db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.v_${kind} USING fts5vocab(main, ${table}, instance)`);
    out[kind] = db
      .prepare(`SELECT DISTINCT term, doc, col FROM temp.v_${kind} ORDER BY doc, col, term`)
      .all();
  }
  return out;
}

describe('0007_search_tables', () => {
  it('moves each kind of document into its own FTS5 table, with the words reindex() gives it', async () => {
    const dir = makeTempDir();
    const v6 = await openBook(bookPathIn(dir), { migrations: upTo(6) });
    const db6 = v6.sqlite;
    db6.exec(`
      INSERT INTO companies (id, name, sort_key, domain, industry, city, created_at, updated_at)
        VALUES ('c1', 'Analytical Engines', 'analytical engines', 'engines.example', 'Computing', 'London', 1, 1);
      INSERT INTO people (id, given_name, family_name, display_name, sort_key, job_title, city, company_id, created_at, updated_at)
        VALUES ('p1', 'Ada', 'Lovelace', 'Ada Lovelace', 'lovelace ada', 'Programmer', 'Marylebone', 'c1', 1, 1),
               ('p2', 'Zoë', 'Müller', 'Zoë Müller', 'muller zoe', NULL, NULL, NULL, 2, 2),
               ('p3', 'Gone', 'Away', 'Gone Away', 'away gone', NULL, NULL, NULL, 3, 3);
      UPDATE people SET deleted_at = 9 WHERE id = 'p3';
      INSERT INTO emails (id, person_id, email, email_lower, position) VALUES
        ('e1', 'p1', 'ada.king+crm@engines.example', 'ada.king+crm@engines.example', 0),
        ('e2', 'p1', 'countess_l@home-mail.example', 'countess_l@home-mail.example', 1);
      INSERT INTO notes (id, person_id, body, created_at, updated_at) VALUES ('n1', 'p1', 'Wants the difference engine brochure', 4, 4);
      INSERT INTO calls (id, person_id, direction, started_at, outcome, purpose, summary, created_at, updated_at)
        VALUES ('k1', 'p2', 'out', 5, 'connected', 'Renewal', 'Agreed the contract renewal', 5, 5);
    `);
    const docs: [SearchDocKind, string][] = [
      ['company', 'c1'],
      ['person', 'p1'],
      ['person', 'p2'],
      ['note', 'n1'],
      ['call', 'k1'],
    ];
    for (const [i, [kind, id]] of docs.entries()) {
      const docid = docidRange(kind)[0] + i + 1;
      db6.prepare(`INSERT INTO search_docs (docid, kind, ref_id) VALUES (?, ?, ?)`).run(docid, kind, id);
      db6.prepare(`INSERT INTO search_fts (rowid, title, detail) VALUES (?, 'old', 'text')`).run(docid);
    }
    await v6.close();

    book = await openTestBook({ dir });
    const db = book.book.sqlite;
    expect(db.prepare(`SELECT count(*) FROM sqlite_schema WHERE name = 'search_fts'`).pluck().get()).toBe(0);
    const migrated = words(db);
    for (const kind of ['person', 'company', 'note', 'call'])
      expect(migrated[kind]!.length).toBeGreaterThan(0);
    expect(migrated.person!.length).toBeGreaterThan(migrated.company!.length);

    // What reindex() writes for the same rows, at the same docids.
    db.transaction(() => {
      for (const [kind, id] of docs) reindex(book!.backend.ctx, kind, id);
    })();
    expect(words(db)).toEqual(migrated);

    const search = async (query: string) =>
      (await book!.client.call('search.global', { query, limit: 8 })).groups.flatMap((g) =>
        g.hits.map((h) => `${g.kind}:${h.id}`),
      );
    expect(await search('lovelace')).toEqual(['person:p1']);
    expect(await search('muller')).toEqual(['person:p2']);
    expect(await search('countess')).toEqual(['person:p1']);
    expect(await search('analytical')).toEqual(['person:p1', 'company:c1']);
    expect(await search('brochure')).toEqual(['note:n1']);
    expect(await search('contract')).toEqual(['call:k1']);
    expect(await search('old')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
