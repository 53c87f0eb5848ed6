/**
 * 0003_contacts from a customer-book (v2) file with data, and the query plans of the contacts
 * hot paths: the list's sorts and filters, counts, search (FTS5 and the phone look-up),
 * duplicates, the companies list and the Trash.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Ctx } from '../../electron/backend/context.ts';
import { companiesListSql } from '../../electron/backend/companies/companies.list.ts';
import { anchorsSql } from '../../electron/backend/people/people.anchors.ts';
import type { CursorValue } from '../../electron/backend/people/keyset.ts';
import { countSql, listSql } from '../../electron/backend/people/people.list.ts';
import {
  COMPANIES_BY_NAME_SQL,
  hitsSql,
  PEOPLE_BY_NAME_SQL,
  PHONE_SQL,
} from '../../electron/backend/search/search.handlers.ts';
import { TAGS_SQL } from '../../electron/backend/tags/tags.handlers.ts';
import { trashListSql } from '../../electron/backend/trash/trash.list.ts';
import { MIGRATIONS, MIGRATION_NAMES } from '../../electron/db/migrations.ts';
import { openBook } from '../../electron/db/open.ts';
import { makeTempDir, openTestBook, setUp, type TestBook } from '../helpers/book.ts';

const books: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (books.length) await books.pop()?.close();
});

function upTo(n: number) {
  return Object.fromEntries(MIGRATION_NAMES.slice(0, n).map((name) => [name, MIGRATIONS[name]!]));
}

describe('0003_contacts', () => {
  it('adds the contacts schema to a v2 book, keeping its people and filling their sort keys', async () => {
    const file = path.join(makeTempDir(), 'b.sqlite');
    const v2 = await openBook(file, { migrations: upTo(2) });
    const db2 = v2.sqlite;
    db2
      .prepare(`INSERT INTO companies (id, name, created_at, updated_at) VALUES ('c1', 'Acme Tools', 1, 1)`)
      .run();
    db2
      .prepare(
        `INSERT INTO people (id, given_name, family_name, display_name, company_id, stage, created_at, updated_at)
       VALUES ('p1', 'Ada', 'Lovelace', 'Ada Lovelace', 'c1', 'customer', 1, 2)`,
      )
      .run();
    db2
      .prepare(
        `INSERT INTO people (id, given_name, family_name, display_name, created_at, updated_at, deleted_at)
       VALUES ('p2', 'Bob', 'Brown', 'Bob Brown', 3, 4, 5)`,
      )
      .run();
    db2
      .prepare(
        `INSERT INTO calls (id, person_id, direction, started_at, outcome, created_at, updated_at) VALUES ('k1', 'p1', 'out', 9, 'connected', 9, 9)`,
      )
      .run();
    await v2.close();

    const book = await openBook(file, { migrations: upTo(3) });
    books.push(book);
    const db = book.sqlite;
    expect(book.preMigrationBackup).not.toBeNull();
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    const people = db
      .prepare(
        `SELECT id, display_name, stage, company_id, sort_key, custom, do_not_call, deleted_at FROM people ORDER BY id`,
      )
      .all();
    expect(people).toEqual([
      {
        id: 'p1',
        display_name: 'Ada Lovelace',
        stage: 'customer',
        company_id: 'c1',
        sort_key: 'lovelace ada ada lovelace',
        custom: '{}',
        do_not_call: 0,
        deleted_at: null,
      },
      {
        id: 'p2',
        display_name: 'Bob Brown',
        stage: 'lead',
        company_id: null,
        sort_key: 'brown bob bob brown',
        custom: '{}',
        do_not_call: 0,
        deleted_at: 5,
      },
    ]);
    expect(db.prepare(`SELECT sort_key FROM companies`).pluck().get()).toBe('acme tools');
    expect(db.prepare(`SELECT person_id FROM calls`).pluck().get()).toBe('p1');
    const tables = db
      .prepare(
        `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%' AND name NOT LIKE 'search_fts_%'`,
      )
      .pluck()
      .all();
    for (const t of [
      'phones',
      'emails',
      'tags',
      'person_tags',
      'company_tags',
      'custom_fields',
      'list_values',
      'notes',
      'batches',
      'batch_rows',
      'search_docs',
      'search_fts',
    ]) {
      expect(tables).toContain(t);
      if (t !== 'search_fts')
        expect(db.prepare(`SELECT strict FROM pragma_table_list WHERE name = ?`).pluck().get(t)).toBe(1);
    }
    const indexes = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index'`).pluck().all();
    expect(indexes).not.toContain('people_live');
    for (const i of [
      'people_by_name',
      'people_by_created',
      'people_by_last_contact',
      'people_by_next_call',
      'people_by_stage',
      'people_by_owner',
      'people_by_city',
      'phones_digits',
      'emails_lower',
    ]) {
      expect(indexes).toContain(i);
    }
    expect(
      db.prepare(`SELECT value FROM list_values WHERE list = 'call_outcome' AND connected = 1`).pluck().all(),
    ).toEqual(['connected']);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // A phone needs exactly one owner.
    expect(() => db.prepare(`INSERT INTO phones (id, number, digits) VALUES ('x', '1', '1')`).run()).toThrow(
      /CHECK/u,
    );
  });
});

describe('query plans of the contacts hot paths', () => {
  let b: TestBook;
  let ctx: Ctx;
  const plan = (sqlText: string, params: unknown[]) =>
    (b.book.sqlite.prepare(`EXPLAIN QUERY PLAN ${sqlText}`).all(...params) as { detail: string }[])
      .map((r) => r.detail)
      .join(' | ');
  async function open() {
    b = await openTestBook();
    books.push(b);
    await setUp(b.client);
    ctx = b.backend.ctx;
    await b.client.call('people.create', { person: { givenName: 'Ada', tags: ['vip'] } });
  }
  /** The people table is read through an index (a search, or an ordered walk of one), never scanned or sorted. */
  const expectIndexed = (p: string, index: string) => {
    expect(p).toMatch(new RegExp(`(SEARCH|SCAN) p USING (COVERING )?INDEX ${index}\\b`, 'u'));
    expect(p).not.toMatch(/SCAN p(?! USING)|SCAN people(?! USING)|TEMP B-TREE/u);
  };

  const SORTS = [
    ['name', 'people_by_name'],
    ['created', 'people_by_created'],
    ['lastContact', 'people_by_last_contact'],
    ['nextCall', 'people_by_next_call'],
  ] as const;
  for (const [sort, index] of SORTS) {
    it(`people.list sorted by ${sort} walks ${index}, first page and after a cursor, both directions`, async () => {
      await open();
      for (const direction of ['asc', 'desc'] as const) {
        for (const after of [null, [sort === 'name' ? 'm' : 5, 'id-x']] as const) {
          const q = listSql(ctx, { sort, direction, filter: {} }, 0, 'values', after ? [...after] : null);
          const p = plan(q.sql, [...q.params, 11]);
          expectIndexed(p, index);
          if (after) expect(p).toMatch(/SEARCH p USING INDEX/u);
        }
        if (sort === 'lastContact' || sort === 'nextCall') {
          const q = listSql(ctx, { sort, direction, filter: {} }, 0, 'nulls', [null, 'id-x']);
          expectIndexed(plan(q.sql, [...q.params, 11]), index);
        }
      }
    });
  }

  const FILTERS = [
    [{ stage: 'lead' }, 'people_by_stage'],
    [{ ownerId: 'someone' }, 'people_by_owner'],
    [{ city: 'Leeds' }, 'people_by_city'],
  ] as const;
  for (const [filter, index] of FILTERS) {
    it(`people.list and people.count filtered by ${Object.keys(filter)[0]} use ${index}`, async () => {
      await open();
      for (const after of [null, ['m', 'id-x']]) {
        const q = listSql(ctx, { sort: 'name', direction: 'asc', filter }, 0, 'values', after);
        expectIndexed(plan(q.sql, [...q.params, 11]), index);
      }
      // A count reads the filter's range of an index that leads with it, from the index alone.
      const c = countSql(ctx, filter, 0);
      const leading = 'stage' in filter ? 'people_(by_stage|stage_\\w+)' : index;
      expect(plan(c.sql, c.params)).toMatch(new RegExp(`SEARCH p USING COVERING INDEX ${leading}`, 'u'));
    });
  }

  it('a filtered list sorted by another column walks that column’s index and never sorts the matches', async () => {
    await open();
    const sorts = [
      ['created', 'people_by_created'],
      ['lastContact', 'people_by_last_contact'],
      ['nextCall', 'people_by_next_call'],
    ] as const;
    for (const [sort, index] of sorts) {
      for (const [filter] of FILTERS) {
        if ('stage' in filter) continue;
        const q = listSql(ctx, { sort, direction: 'desc', filter }, 0, 'values', null);
        const p = plan(q.sql, [...q.params, 11]);
        expect(p, `${sort} ${JSON.stringify(filter)}`).toMatch(new RegExp(`USING INDEX ${index}`, 'u'));
        expect(p, `${sort} ${JSON.stringify(filter)}`).not.toMatch(/TEMP B-TREE/u);
      }
    }
  });

  it('a list filtered by stage and sorted by another column reads one range of (stage, column, id)', async () => {
    await open();
    const sorts: ['created' | 'lastContact' | 'nextCall', string, CursorValue[] | null][] = [
      ['created', 'people_stage_created', null],
      ['lastContact', 'people_stage_last_contact', [5, 'id-x']],
      ['nextCall', 'people_stage_next_call', [5, 'id-x']],
    ];
    for (const [sort, index, after] of sorts) {
      for (const direction of ['asc', 'desc'] as const) {
        for (const [phase, cursor] of [
          ['values', null],
          ['values', after],
          ['nulls', null],
        ] as const) {
          if (phase === 'nulls' && sort === 'created') continue;
          const filter = { stage: 'customer' as const };
          const q = listSql(ctx, { sort, direction, filter }, 0, phase, cursor);
          const p = plan(q.sql, [...q.params, 11]);
          const what = `${sort} ${direction} ${phase} ${JSON.stringify(cursor)}`;
          expect(p, what).toMatch(new RegExp(`SEARCH p USING (COVERING )?INDEX ${index} \\(stage=\\?`, 'u'));
          expect(p, what).not.toMatch(/TEMP B-TREE/u);
        }
        const a = anchorsSql(ctx, { sort, direction, filter: { stage: 'customer' } }, 0, 'values');
        expect(plan(a.sql, a.params)).toMatch(new RegExp(`SEARCH p USING COVERING INDEX ${index}`, 'u'));
      }
    }
  });

  it('the tag filter checks person_tags by its primary key while walking the name index', async () => {
    await open();
    const q = listSql(ctx, { sort: 'name', direction: 'asc', filter: { tag: 'vip' } }, 0, 'values', null);
    const p = plan(q.sql, [...q.params, 11]);
    expectIndexed(p, 'people_by_name');
    expect(p).toMatch(/SEARCH pt .*USING PRIMARY KEY \(person_id=\? AND tag_id=\?\)/u);
  });

  it('the phone look-up is a range on phones_digits', async () => {
    await open();
    expect(plan(PHONE_SQL, ['2079', '2079~', 80])).toMatch(
      /SEARCH phones USING INDEX phones_digits \(digits>\? AND digits<\?\)/u,
    );
    expect(plan(PHONE_SQL, ['2079', '2079~', 80])).not.toMatch(/TEMP B-TREE/u);
  });

  it('text search asks one kind’s FTS5 table for its newest matches, joined to their rows, without sorting', async () => {
    await open();
    for (const kind of ['person', 'company', 'note', 'call'] as const) {
      for (const match of ['"ad"*', 'title : ("ad"* AND "lo"*)']) {
        const p = plan(hitsSql(kind), [match, 40]);
        expect(p).toMatch(/SCAN f VIRTUAL TABLE INDEX/u);
        expect(p).toMatch(/SEARCH d USING INTEGER PRIMARY KEY \(rowid=\?\)/u);
        expect(p).not.toMatch(/SCAN (search_docs|d)\b|TEMP B-TREE/u);
      }
    }
  });

  it('single-letter search walks the name indexes', async () => {
    await open();
    const p = plan(PEOPLE_BY_NAME_SQL, ['a', 'a\u{10FFFF}', 20]);
    expectIndexed(p, 'people_by_name');
    expect(p).toMatch(/SEARCH p USING COVERING INDEX people_by_name \(sort_key>\? AND sort_key<\?\)/u);
    expect(plan(COMPANIES_BY_NAME_SQL, ['a', 'a\u{10FFFF}', 20])).toMatch(
      /SEARCH c USING INDEX companies_by_name \(sort_key>\? AND sort_key<\?\)/u,
    );
  });

  it('duplicates look up emails_lower and phones_digits', async () => {
    await open();
    const emails = `SELECT e.person_id, e.email FROM emails e JOIN people p ON p.id = e.person_id
       WHERE e.email_lower IN (SELECT value FROM json_each(?)) AND p.deleted_at IS NULL`;
    expect(plan(emails, ['["a@b.c"]'])).toMatch(/SEARCH e USING INDEX emails_lower \(email_lower=\?\)/u);
    const phones = `SELECT ph.person_id FROM phones ph JOIN people p ON p.id = ph.person_id
       WHERE ph.digits IN (SELECT value FROM json_each(?)) AND p.deleted_at IS NULL`;
    expect(plan(phones, ['["2079460958"]'])).toMatch(/SEARCH ph USING INDEX phones_digits \(digits=\?\)/u);
  });

  it('the companies list walks companies_by_name, also for a name prefix', async () => {
    await open();
    for (const filter of [{}, { query: 'ac' }]) {
      const q = companiesListSql(ctx, { sort: 'name', direction: 'asc', filter, cursor: null });
      const p = plan(q.sql, [...q.params, 11]);
      expect(p).toMatch(/(SEARCH|SCAN) c USING INDEX companies_by_name/u);
      expect(p).not.toMatch(/TEMP B-TREE/u);
    }
  });

  it('tags.list counts each tag from its tag index and the deleted people’s, never reading every tagged row', async () => {
    await open();
    const p = plan(TAGS_SQL, []);
    expect(p).toMatch(/SEARCH pt USING COVERING INDEX person_tags_tag \(tag_id=\?\)/u);
    expect(p).toMatch(/SEARCH ct USING COVERING INDEX company_tags_tag \(tag_id=\?\)/u);
    expect(p).toMatch(/SEARCH p USING INDEX people_deleted \(deleted_at>\?\)/u);
    expect(p).toMatch(/SEARCH c USING INDEX companies_deleted \(deleted_at>\?\)/u);
    expect(p).not.toMatch(/SCAN (p|pt|c|ct)\b/u);
  });

  it('the Trash reads each kind through its deleted_at index', async () => {
    await open();
    const kinds = ['person', 'company', 'call', 'task', 'note'] as const;
    const p = plan(trashListSql(kinds, true), [...kinds.flatMap(() => [5, 'id', 11]), 11]);
    for (const index of [
      'people_deleted',
      'companies_deleted',
      'calls_deleted',
      'tasks_deleted',
      'notes_deleted',
    ]) {
      expect(p).toContain(index);
    }
  });
});
