/**
 * Importing companies from CSV on a real book (issue 5): the preview's counts are the import's
 * own, rows are checked as companies.create checks a typed company (problems name the line,
 * column, value and reason), matching by name or by the other system's id updates instead of
 * duplicating, blank cells overwrite only when asked, undo takes back what was made and restores
 * what was changed, and an import that fails part way leaves the book exactly as it was.
 */
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvWriter } from '../../../electron/backend/csv/csv.writer.ts';
import { normalisePhone } from '../../../shared/domain/phone.ts';
import type { TestBook } from '../../helpers/book.ts';
import {
  countRows,
  csvText,
  expectSameOutcome,
  IMPORT_BOOKKEEPING,
  inspectFile,
  openFiles,
  planOf,
  snapshot,
  useTestBooks,
} from './import-helpers.ts';

const { book, setUpBook, closeLast } = useTestBooks();

const TABLES = [
  'companies',
  'people',
  'phones',
  'tags',
  'company_tags',
  'notes',
  ...IMPORT_BOOKKEEPING,
] as const;

function companyId(b: TestBook, name: string): string {
  const id = b.book.sqlite
    .prepare(`SELECT id FROM companies WHERE name = ? AND deleted_at IS NULL`)
    .pluck()
    .get(name) as string | undefined;
  expect(id, name).toBeDefined();
  return id!;
}

async function companyNamed(b: TestBook, name: string) {
  return b.client.call('companies.get', { id: companyId(b, name) });
}

async function searchCompanies(b: TestBook, query: string): Promise<string[]> {
  const result = await b.client.call('search.global', { query });
  return result.groups.flatMap((g) => g.hits.filter((h) => h.kind === 'company').map((h) => h.title));
}

function notesOf(b: TestBook, id: string): string[] {
  return b.book.sqlite
    .prepare(`SELECT body FROM notes WHERE company_id = ? AND deleted_at IS NULL ORDER BY body`)
    .pluck()
    .all(id) as string[];
}

const HEADERS = [
  'Company name',
  'Website',
  'Industry',
  'Employees',
  'Phone',
  'Fax',
  'Street',
  'City',
  'Postcode',
  'Country',
  'Lifecycle stage',
  'Tags',
  'Notes',
  'Account ID',
];

/** A CRM export as people bring them: a repeated company, a blank row, a bad stage and phone. */
const MESSY = csvText([
  HEADERS,
  [
    'Acme Ltd',
    'acme.example',
    'Joinery',
    '11-50',
    '020 7946 0958',
    '020 7946 0959',
    '1 Mill Lane',
    'Leeds',
    'LS1 4AB',
    'United Kingdom',
    'Customer',
    'Trade; VIP',
    'Pays on time,\nask for Jo',
    'acc-1',
  ],
  [
    'Fox & Co',
    'fox.example',
    '',
    '',
    '+44 113 496 0000',
    '',
    '',
    'York',
    '',
    '',
    'Opportunity',
    'VIP',
    '',
    'acc-2',
  ],
  ['', '', '', '', '', '', '', '', '', '', '', '', '', ''],
  ['Bad Stage Ltd', '', '', '', '', '', '', '', '', '', 'Whenever', '', '', 'acc-3'],
  ['Short Phone Ltd', '', '', '', '12', '', '', '', '', '', '', '', '', 'acc-4'],
  // The same company again (another case): it updates the one made from line 2.
  ['ACME LTD', '', '', '', '0113 496 0123', '', '', '', '', '', '', 'Joinery', '', ''],
]);

describe('importing a companies file', () => {
  it('previews exactly what the import then does, and the preview changes nothing', async () => {
    const b = await setUpBook();
    const inspection = await inspectFile(b, 'companies.csv', MESSY);
    expect(inspection.kind).toBe('companies');
    expect(inspection.mapping).toEqual([
      'name',
      'domain',
      'industry',
      'size',
      'phone',
      'phone2',
      'street',
      'city',
      'postcode',
      'country',
      'stage',
      'tags',
      'notes',
      'externalId',
    ]);
    expect(planOf(inspection).match).toBe('name');

    const before = snapshot(b, TABLES);
    const preview = await b.client.call('import.preview', planOf(inspection));
    expect(snapshot(b, TABLES)).toEqual(before);
    expect(preview).toMatchObject({
      kind: 'companies',
      rows: 6,
      created: 2,
      updated: 1,
      unchanged: 0,
      skipped: 1,
      failed: 2,
      companiesCreated: 0,
      categoriesCreated: 0,
      problemCount: 2,
    });
    // Acme's note holds a line break, so the blank row is line 5 and Bad Stage line 6.
    expect(preview.problems).toEqual([
      {
        line: 6,
        column: 'Lifecycle stage',
        value: 'Whenever',
        reason: expect.stringMatching(/stage/iu),
      },
      { line: 7, column: 'Phone', value: '12', reason: expect.stringMatching(/three digits/iu) },
    ]);

    const done = await b.client.call('import.run', planOf(inspection));
    expectSameOutcome(preview, done);
    expect(done.batchId).toEqual(expect.any(String));
    expect(countRows(b, 'companies')).toBe(2);

    const acme = await companyNamed(b, 'Acme Ltd');
    expect(acme).toMatchObject({
      domain: 'acme.example',
      industry: 'Joinery',
      size: '11-50',
      stage: 'customer',
      address: expect.objectContaining({
        street: '1 Mill Lane',
        city: 'Leeds',
        postcode: 'LS1 4AB',
        country: 'United Kingdom',
      }),
      tags: ['Joinery', 'Trade', 'VIP'],
    });
    expect(acme.phones.map((p) => [p.label, p.number])).toEqual([
      ['work', '020 7946 0958'],
      ['other', '020 7946 0959'],
      ['work', '0113 496 0123'],
    ]);
    // Stored as entered plus the normalised digits that caller look-up and duplicates compare.
    const digits = b.book.sqlite
      .prepare(`SELECT digits FROM phones WHERE company_id = ? ORDER BY position`)
      .pluck()
      .all(acme.id);
    expect(digits).toEqual(
      ['020 7946 0958', '020 7946 0959', '0113 496 0123'].map((n) => normalisePhone(n, 'GB').digits),
    );
    expect(notesOf(b, acme.id)).toEqual(['Pays on time,\nask for Jo']);
    expect(b.book.sqlite.prepare(`SELECT external_id FROM companies WHERE id = ?`).pluck().get(acme.id)).toBe(
      'acc-1',
    );
    const fox = await companyNamed(b, 'Fox & Co');
    expect(fox).toMatchObject({ stage: 'prospect', tags: ['VIP'], domain: 'fox.example' });

    // Found while on the phone, and listed.
    expect(await searchCompanies(b, 'acme')).toEqual(['Acme Ltd']);
    expect(await searchCompanies(b, 'joinery')).toEqual(['Acme Ltd']);
    const list = await b.client.call('companies.list', {});
    expect(list.rows.map((r) => r.name)).toEqual(['Acme Ltd', 'Fox & Co']);
    const [record] = await b.client.call('import.list', {});
    expect(record).toMatchObject({ kind: 'companies', fileName: 'companies.csv', created: 2, updated: 1 });
  });

  it('adds nothing when the same file is imported again', async () => {
    const b = await setUpBook();
    const inspection = await inspectFile(b, 'companies.csv', MESSY);
    const first = await b.client.call('import.run', planOf(inspection));
    expect(first.created).toBe(2);
    const before = snapshot(b, ['companies', 'phones', 'company_tags', 'notes', 'tags']);
    for (const match of ['name', 'externalId'] as const) {
      const again = await b.client.call('import.run', planOf(inspection, { match }));
      // Acme's two rows are both unchanged now; the bad rows are still bad.
      expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, failed: 2, batchId: null });
    }
    expect(snapshot(b, ['companies', 'phones', 'company_tags', 'notes', 'tags'])).toEqual(before);
  });

  it('updates the company its name matches, leaving blanks alone, and undo restores it', async () => {
    const b = await setUpBook();
    const made = await b.client.call('companies.create', {
      name: 'Acme Ltd',
      domain: 'old.example',
      industry: 'Joinery',
      stage: 'lead',
      phones: [{ label: 'work', number: '020 7946 0958' }],
      address: { city: 'Leeds' },
      tags: ['Trade'],
    });
    b.clock.advance(60_000);
    const text = csvText([
      ['Company', 'Website', 'Industry', 'City', 'Phone', 'Stage', 'Tags', 'Notes'],
      // Another spelling of the same name: matched, but the book's spelling stays.
      ['acme ltd', 'acmejoinery.test', '', '', '+44 20 7946 0958', 'customer', 'VIP', 'Moved to Bradford'],
    ]);
    const inspection = await inspectFile(b, 'update.csv', text, 'companies');
    const done = await b.client.call('import.run', planOf(inspection));
    expect(done).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const after = await b.client.call('companies.get', { id: made.id });
    expect(after).toMatchObject({
      name: 'Acme Ltd',
      domain: 'acmejoinery.test',
      industry: 'Joinery', // a blank cell leaves it alone
      stage: 'customer',
      address: expect.objectContaining({ city: 'Leeds' }),
      tags: ['Trade', 'VIP'],
    });
    // The same number written another way is not added twice.
    expect(after.phones.map((p) => p.number)).toEqual(['020 7946 0958']);
    expect(after.updatedAt).toBe(b.clock());
    expect(notesOf(b, made.id)).toEqual(['Moved to Bradford']);
    expect(await searchCompanies(b, 'acmejoinery')).toEqual(['Acme Ltd']);

    await b.client.call('batches.undo', { batchId: done.batchId! });
    const restored = await b.client.call('companies.get', { id: made.id });
    expect(restored).toEqual({ ...made, updatedAt: made.updatedAt });
    expect(notesOf(b, made.id)).toEqual([]);
    expect(countRows(b, 'tags')).toBe(1);
    expect(await searchCompanies(b, 'acmejoinery')).toEqual([]);
  });

  it('clears fields from blank cells only when blank cells overwrite, never the name or stage', async () => {
    const b = await setUpBook();
    const made = await b.client.call('companies.create', {
      name: 'Acme Ltd',
      domain: 'acme.example',
      industry: 'Joinery',
      stage: 'customer',
      address: { city: 'Leeds', postcode: 'LS1 4AB' },
    });
    const text = csvText([
      ['Company', 'Website', 'Industry', 'City', 'Stage'],
      ['Acme Ltd', '', '', '', ''],
    ]);
    const inspection = await inspectFile(b, 'blank.csv', text, 'companies');
    const keep = await b.client.call('import.run', planOf(inspection));
    expect(keep).toMatchObject({ unchanged: 1, updated: 0 });
    const overwrite = await b.client.call('import.run', planOf(inspection, { blankOverwrites: true }));
    expect(overwrite).toMatchObject({ updated: 1 });
    const after = await b.client.call('companies.get', { id: made.id });
    expect(after).toMatchObject({
      name: 'Acme Ltd',
      domain: null,
      industry: null,
      stage: 'customer',
      address: expect.objectContaining({ city: null, postcode: 'LS1 4AB' }),
    });
  });

  it('matches by the other system’s id: the name cell renames the company; a row without an id is matched by name', async () => {
    const b = await setUpBook();
    const first = csvText([
      ['Record ID', 'Company name', 'Industry'],
      ['hs-1', 'Zeta Works', 'Tools'],
    ]);
    const i1 = await inspectFile(b, 'hubspot.csv', first, 'companies');
    expect(i1.mapping).toEqual(['externalId', 'name', 'industry']);
    expect(await b.client.call('import.run', planOf(i1, { match: 'externalId' }))).toMatchObject({
      created: 1,
    });
    const id = companyId(b, 'Zeta Works');
    const person = await b.client.call('people.create', {
      person: { givenName: 'Ann', familyName: 'Lee', companyId: id },
    });

    const renamed = csvText([
      ['Record ID', 'Company name', 'Industry'],
      ['hs-1', 'Zeta Tools Ltd', 'Hardware'],
      ['', 'zeta tools ltd', ''],
      ['hs-2', 'Omega', ''],
    ]);
    const i2 = await inspectFile(b, 'hubspot2.csv', renamed, 'companies');
    const done = await b.client.call('import.run', planOf(i2, { match: 'externalId' }));
    expect(done).toMatchObject({ created: 1, updated: 1, unchanged: 1, failed: 0 });
    expect(await b.client.call('companies.get', { id })).toMatchObject({
      name: 'Zeta Tools Ltd',
      industry: 'Hardware',
    });
    // The people of a renamed company are found by its new name.
    const hits = await b.client.call('search.global', { query: 'Tools' });
    expect(hits.groups.flatMap((g) => g.hits.map((h) => h.title))).toEqual(
      expect.arrayContaining(['Zeta Tools Ltd', 'Ann Lee']),
    );
    expect((await b.client.call('people.get', { id: person.id })).companyName).toBe('Zeta Tools Ltd');
    // Undo gives the company its old name back, in its people's search documents too.
    await b.client.call('batches.undo', { batchId: done.batchId! });
    const after = await b.client.call('search.global', { query: 'Tools' });
    expect(after.groups.flatMap((g) => g.hits.map((h) => h.title))).not.toContain('Ann Lee');
    const zeta = await b.client.call('search.global', { query: 'Zeta' });
    expect(zeta.groups.flatMap((g) => g.hits.map((h) => h.title))).toEqual(
      expect.arrayContaining(['Zeta Works', 'Ann Lee']),
    );
    await b.client.call('import.run', planOf(i2, { match: 'externalId' }));

    // With ids, a row naming a company the book does not have, and no name, cannot add it.
    const noName = csvText([
      ['Record ID', 'Company name'],
      ['hs-9', ''],
    ]);
    const i3 = await inspectFile(b, 'noname.csv', noName, 'companies');
    const refused = await b.client.call('import.run', planOf(i3, { match: 'externalId' }));
    expect(refused).toMatchObject({ failed: 1, created: 0 });
    expect(refused.problems[0]).toMatchObject({
      line: 2,
      column: '',
      reason: expect.stringMatching(/no name/iu),
    });
  });

  it('skips a row that matches two companies, naming why', async () => {
    const b = await setUpBook();
    for (const name of ['Acme Ltd', 'ACME LTD']) await b.client.call('companies.create', { name });
    const text = csvText([
      ['Company', 'Industry'],
      ['Acme Ltd', 'Joinery'],
    ]);
    const inspection = await inspectFile(b, 'two.csv', text, 'companies');
    const done = await b.client.call('import.run', planOf(inspection));
    expect(done).toMatchObject({ skipped: 1, updated: 0, created: 0, problemCount: 1, batchId: null });
    expect(done.problems[0]).toMatchObject({
      line: 2,
      column: '',
      reason: expect.stringMatching(/2 companies/u),
    });
    expect(countRows(b, 'companies', `industry IS NOT NULL`)).toBe(0);
  });

  it('with no matching, every row is new but a company repeated in the file is made once', async () => {
    const b = await setUpBook();
    await b.client.call('companies.create', { name: 'Acme Ltd' });
    const text = csvText([
      ['Company', 'City'],
      ['Acme Ltd', 'Leeds'],
      ['Acme Ltd', 'York'],
    ]);
    const inspection = await inspectFile(b, 'none.csv', text, 'companies');
    const done = await b.client.call('import.run', planOf(inspection, { match: 'none' }));
    expect(done).toMatchObject({ created: 1, updated: 1 });
    expect(countRows(b, 'companies')).toBe(2);
    expect(countRows(b, 'companies', `city = 'York'`)).toBe(1);
  });

  it('is undone as one batch: what it made goes, and a company since given a person goes to the Trash', async () => {
    const b = await setUpBook();
    await b.client.call('companies.create', { name: 'Old Friend', tags: ['VIP'] });
    const docsBefore = countRows(b, 'search_docs');
    const before = snapshot(b, ['tags', 'notes']);
    const inspection = await inspectFile(b, 'companies.csv', MESSY);
    const done = await b.client.call('import.run', planOf(inspection));
    expect(countRows(b, 'companies')).toBe(3);
    expect(countRows(b, 'tags')).toBe(3); // VIP was there; Trade and Joinery are new
    const fox = companyId(b, 'Fox & Co');
    const person = await b.client.call('people.create', {
      person: { givenName: 'Dee', familyName: 'Fox', companyId: fox },
    });

    await b.client.call('batches.undo', { batchId: done.batchId! });
    expect(countRows(b, 'companies', 'deleted_at IS NULL')).toBe(1);
    // Fox & Co has a person now: kept, in the Trash, and the person still points at it.
    expect(countRows(b, 'companies', `id = '${fox}' AND deleted_at IS NOT NULL`)).toBe(1);
    expect((await b.client.call('people.get', { id: person.id })).companyId).toBe(fox);
    const trash = await b.client.call('trash.list', { kind: 'company' });
    expect(trash.rows.map((r) => r.id)).toEqual([fox]);
    // Everything else is as it was: the new tags and the note are gone, Fox keeps its phone and tag.
    expect(snapshot(b, ['tags', 'notes'])).toEqual(before);
    expect(countRows(b, 'phones', `company_id <> '${fox}'`)).toBe(0);
    expect(countRows(b, 'company_tags')).toBe(2);
    expect(countRows(b, 'search_docs', `kind = 'company'`)).toBe(1);
    expect(countRows(b, 'search_docs')).toBe(docsBefore + 1); // the person added since
    expect(await searchCompanies(b, 'acme')).toEqual([]);
    expect(b.book.sqlite.pragma('foreign_key_check')).toEqual([]);
    const [record] = await b.client.call('import.list', {});
    expect(record).toMatchObject({ batchId: done.batchId, kind: 'companies', undoneAt: expect.any(Number) });
  });

  it('can be undone after the app has been restarted', async () => {
    const b = await setUpBook();
    const inspection = await inspectFile(b, 'companies.csv', MESSY);
    const done = await b.client.call('import.run', planOf(inspection));
    const dir = b.dir;
    await closeLast();
    const reopened = await book(dir);
    const [record] = await reopened.client.call('import.list', {});
    expect(record).toMatchObject({ batchId: done.batchId, kind: 'companies', created: 2, undoneAt: null });
    await reopened.client.call('batches.undo', { batchId: record!.batchId });
    expect(countRows(reopened, 'companies')).toBe(0);
    expect(countRows(reopened, 'phones')).toBe(0);
    expect(countRows(reopened, 'notes')).toBe(0);
  });
});

describe('a companies import that does not finish', () => {
  it('leaves the book unchanged when the file turns out to be unreadable part way', async () => {
    const b = await setUpBook();
    await b.client.call('companies.create', { name: 'Acme Ltd', industry: 'Joinery' });
    const good = Array.from({ length: 5000 }, (_, i) => `Company ${i},City ${i % 40},Tag ${i % 7}`);
    const bytes = Buffer.concat([
      Buffer.from(`Company name,City,Tags\r\nAcme Ltd,Leeds,VIP\r\n${good.join('\r\n')}\r\n`, 'utf8'),
      Buffer.from([0x42, 0x6f, 0xff, 0x62, 0x2c, 0x62, 0x2c, 0x62, 0x0d, 0x0a]),
    ]);
    const inspection = await inspectFile(b, 'broken.csv', bytes, 'companies');
    expect(inspection.encoding).toBe('utf-8');
    const before = snapshot(b, TABLES);
    await expect(b.client.call('import.run', planOf(inspection))).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { line: 5003, reason: 'bad-encoding' },
    });
    expect(snapshot(b, TABLES)).toEqual(before);
    expect(openFiles().filter((f) => f.endsWith('/broken.csv'))).toEqual([]);
  });

  it('refuses a mapping that cannot import companies, before writing anything', async () => {
    const b = await setUpBook();
    const inspection = await inspectFile(b, 'a.csv', MESSY);
    await b.client.call('import.preview', planOf(inspection));
    const before = snapshot(b, TABLES);
    const noName = inspection.mapping.map((f) => (f === 'name' || f === 'externalId' ? null : f));
    await expect(b.client.call('import.run', planOf(inspection, { mapping: noName }))).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/company name/u),
    });
    const idOnly = inspection.mapping.map((f) => (f === 'name' ? null : f));
    await expect(
      b.client.call('import.run', planOf(inspection, { mapping: idOnly, match: 'name' })),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/matched by name/u) });
    // A people rule is not one of the companies' rules.
    await expect(b.client.call('import.run', planOf(inspection, { match: 'email' }))).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(snapshot(b, TABLES)).toEqual(before);
    expect(openFiles().filter((f) => f.endsWith('/a.csv'))).toEqual([]);
  });
});

describe('any text survives the trip through a companies file into the book', () => {
  it('names, industries and notes with any Unicode, quotes and line breaks', async () => {
    const b = await setUpBook();
    const cell = fc
      .string({ unit: fc.constantFrom('"', ',', ';', '\n', '\r\n', "'", '=', 'a', 'é', '€', '𝄞', '中', ' ') })
      .map((s) => s.trim())
      .filter((s) => s.length > 0 && s.length < 60);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 6 }), async (rows) => {
        const f = path.join(b.dir, `prop-${++n}.csv`);
        const writer = new CsvWriter(
          f,
          [
            { header: 'Company name', type: 'text' },
            { header: 'Industry', type: 'text' },
            { header: 'Notes', type: 'text' },
            { header: 'Account ID', type: 'text' },
          ],
          // Protected, as every export and spreadsheet writes a cell that starts like a formula: the
          // import takes the apostrophe off again, so any text comes back exactly.
          { delimiter: ',', decimal: '.', dates: 'iso', encoding: 'utf-8-bom', protectFormulas: true },
          'en-GB',
        );
        rows.forEach(([name, industry, note], i) => writer.write([name, industry, note, `prop-${n}-${i}`]));
        writer.finish();
        const fileId = b.backend.ctx.files.register(f).fileId;
        const inspection = await b.client.call('import.inspect', { fileId, kind: 'companies' });
        const done = await b.client.call('import.run', planOf(inspection, { match: 'externalId' }));
        expect(done).toMatchObject({ failed: 0, created: rows.length });
        for (const [i, [name, industry, note]] of rows.entries()) {
          const row = b.book.sqlite
            .prepare(
              `SELECT c.name, c.industry, n.body FROM companies c JOIN notes n ON n.company_id = c.id
               WHERE c.external_id = ?`,
            )
            .get(`prop-${n}-${i}`) as { name: string; industry: string; body: string };
          expect(row).toEqual({ name, industry, body: note });
        }
      }),
      { numRuns: 20 },
    );
  });
});

describe('Ledgerline’s own Companies export', () => {
  it('reads back into another book as the same companies, its columns guessed', async () => {
    const from = await setUpBook();
    await from.client.call('companies.create', {
      name: 'Harbour Supplies Ltd',
      domain: 'harbour.example',
      industry: 'Wholesale',
      size: '11–50',
      stage: 'customer',
      source: 'Trade fair',
      phones: [{ label: 'work', number: '020 7946 0958' }],
      address: {
        street: '1 Quay St',
        city: 'Hull',
        region: 'East Riding',
        postcode: 'HU1 1AA',
        country: 'UK',
      },
      tags: ['Trade', 'VIP'],
    });
    await from.client.call('companies.create', { name: '+Plus, “Quoted” & Co' });
    const columns = (await from.client.call('export.columns', { list: 'companies' })).map((c) => c.key);
    const exported = await from.client.call('export.list', { list: 'companies', columns });
    const file = from.backend.ctx.files.path(exported.download!.fileId);

    const to = await setUpBook();
    const fileId = to.backend.ctx.files.register(file).fileId;
    const inspection = await to.client.call('import.inspect', { fileId });
    expect(inspection.kind).toBe('companies');
    const done = await to.client.call('import.run', planOf(inspection));
    expect(done).toMatchObject({ created: 2, failed: 0, problemCount: 0 });

    const shape = async (b: TestBook) =>
      Promise.all(
        (await b.client.call('companies.list', {})).rows.map(async (row) => {
          const c = await b.client.call('companies.get', { id: row.id });
          return [
            c.name,
            c.domain,
            c.industry,
            c.size,
            c.stage,
            c.source,
            c.address,
            c.tags,
            c.phones.map((p) => p.number),
          ];
        }),
      );
    expect(await shape(to)).toEqual(await shape(from));
  });
});
