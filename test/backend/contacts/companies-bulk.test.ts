/**
 * companies.count and companies.bulk on real books: counts follow the list's filters; each bulk
 * action is one undoable batch that undo reverses exactly; deletes go to the Trash; bad input is
 * refused with VALIDATION or NOT_FOUND and writes nothing.
 */
import { describe, expect, it } from 'vitest';
import { bulkCompanies } from '../../../electron/backend/companies/companies.bulk.ts';
import { countCompanies } from '../../../electron/backend/companies/companies.filter.ts';
import type { TestBook } from '../../helpers/book.ts';
import {
  addPerson,
  book,
  changeCount,
  changedEvents,
  fkProblems,
  lastChanged,
  snapshot,
} from './contacts.helpers.ts';

const COMPANY_TABLES = ['companies', 'tags', 'company_tags', 'people', 'search_docs'] as const;

async function fourCompanies(b: TestBook) {
  const make = (name: string, tags: string[] = [], industry?: string) =>
    b.client.call('companies.create', { name, tags, ...(industry ? { industry } : {}) });
  const acme = await make('Acme Tools', ['Supplier'], 'Hardware');
  const acorn = await make('Acorn Bakery', [], 'Food');
  const beta = await make('Beta Labs', ['supplier', 'Key account']);
  const gone = await make('Acme Holdings', ['Supplier']);
  await b.client.call('companies.delete', { ids: [gone.id] });
  return { acme, acorn, beta, gone };
}

const names = async (b: TestBook, filter: { tag?: string; query?: string } = {}) =>
  (await b.client.call('companies.list', { filter })).rows.map((r) => r.name);

describe('companies.count', () => {
  it('counts the live companies the list would show, with the same filters', async () => {
    const b = await book();
    await fourCompanies(b);
    const count = async (filter: { tag?: string; query?: string } = {}) =>
      (await b.client.call('companies.count', { filter })).count;

    expect(await count()).toBe(3);
    expect(await b.client.call('companies.count', {})).toEqual({ count: 3 });
    // Tags match without regard to case; the Trash is left out.
    expect(await count({ tag: 'SUPPLIER' })).toBe(2);
    expect(await count({ query: 'ac' })).toBe(2);
    expect(await count({ query: 'ACME' })).toBe(1);
    expect(await count({ query: 'ac', tag: 'supplier' })).toBe(1);
    expect(await count({ tag: 'nobody has this' })).toBe(0);
    expect(await count({ query: 'zz' })).toBe(0);
    for (const filter of [{}, { tag: 'supplier' }, { query: 'a' }, { query: 'b', tag: 'key account' }]) {
      expect(await count(filter), JSON.stringify(filter)).toBe((await names(b, filter)).length);
    }
    // The plain function gives the same answer (it will run on a worker's connection later).
    expect(countCompanies(b.backend.ctx, { tag: 'supplier' })).toBe(2);
  });

  it('refuses a filter it does not know, naming the field', async () => {
    const b = await book();
    await expect(
      b.client.call('companies.count', { filter: { city: 'Leeds' } as never }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(b.client.call('companies.count', { filter: { tag: 'x'.repeat(61) } })).rejects.toMatchObject(
      { code: 'VALIDATION', details: { issues: [{ path: 'filter.tag' }] } },
    );
  });
});

describe('companies.bulk', () => {
  it('tags by ids and by filter; each is one batch that undo reverses exactly', async () => {
    const b = await book();
    const { acme, acorn, beta } = await fourCompanies(b);
    const start = snapshot(b, COMPANY_TABLES);

    const tagged = await b.client.call('companies.bulk', {
      target: { ids: [acme.id, acorn.id, acorn.id] },
      action: { type: 'tag', tag: 'Wholesale' },
    });
    expect(tagged.count).toBe(2);
    expect(lastChanged(b)?.tables.sort()).toEqual(['batches', 'companies', 'tags']);
    expect(await names(b, { tag: 'wholesale' })).toEqual(['Acme Tools', 'Acorn Bakery']);
    expect((await b.client.call('companies.get', { id: acorn.id })).tags).toEqual(['Wholesale']);

    // By filter: every company named "ac…" (the one in the Trash is not touched).
    const byFilter = await b.client.call('companies.bulk', {
      target: { filter: { query: 'ac' } },
      action: { type: 'tag', tag: 'Local' },
    });
    expect(byFilter.count).toBe(2);
    expect(await names(b, { tag: 'local' })).toEqual(['Acme Tools', 'Acorn Bakery']);
    expect((await b.client.call('companies.get', { id: beta.id })).tags).not.toContain('Local');

    await b.client.call('batches.undo', { batchId: byFilter.batchId });
    await b.client.call('batches.undo', { batchId: tagged.batchId });
    // The tags the batches made are gone again, with every link.
    expect(snapshot(b, COMPANY_TABLES)).toEqual(start);
    expect(lastChanged(b)?.tables).toContain('companies');
    await expect(b.client.call('batches.undo', { batchId: tagged.batchId })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('untags only those that have the tag, and undo puts the links back', async () => {
    const b = await book();
    const { acme, acorn, beta } = await fourCompanies(b);
    const start = snapshot(b, COMPANY_TABLES);
    const untagged = await b.client.call('companies.bulk', {
      target: { ids: [acme.id, acorn.id, beta.id] },
      action: { type: 'untag', tag: 'SUPPLIER' },
    });
    expect(untagged.count).toBe(3);
    expect(await b.client.call('companies.count', { filter: { tag: 'supplier' } })).toEqual({ count: 0 });
    expect((await b.client.call('companies.get', { id: beta.id })).tags).toEqual(['Key account']);
    // Only the two links that existed were recorded.
    expect(
      b.book.sqlite
        .prepare(`SELECT count(*) FROM batch_rows WHERE batch_id = ?`)
        .pluck()
        .get(untagged.batchId),
    ).toBe(2);
    await b.client.call('batches.undo', { batchId: untagged.batchId });
    expect(snapshot(b, COMPANY_TABLES)).toEqual(start);
    expect(await names(b, { tag: 'supplier' })).toEqual(['Acme Tools', 'Beta Labs']);
  });

  it('sets and clears the industry, keeps search current, and undo restores both', async () => {
    const b = await book();
    const { acme, acorn, beta } = await fourCompanies(b);
    const start = snapshot(b, COMPANY_TABLES);
    const found = async (query: string) =>
      (await b.client.call('search.global', { query })).groups
        .filter((g) => g.kind === 'company')
        .flatMap((g) => g.hits.map((h) => h.id))
        .sort();

    b.clock.advance(1000);
    const set = await b.client.call('companies.bulk', {
      target: { filter: { tag: 'supplier' } },
      action: { type: 'industry', industry: '  Wholesale trade ' },
    });
    expect(set.count).toBe(2);
    const got = await b.client.call('companies.get', { id: beta.id });
    expect(got).toMatchObject({ industry: 'Wholesale trade', updatedAt: b.clock() });
    expect((await b.client.call('companies.get', { id: acorn.id })).industry).toBe('Food');
    expect(await found('wholesale')).toEqual([acme.id, beta.id].sort());
    expect(await found('hardware')).toEqual([]);

    const cleared = await b.client.call('companies.bulk', {
      target: { ids: [acme.id, acorn.id] },
      action: { type: 'industry', industry: '' },
    });
    expect((await b.client.call('companies.list', {})).rows.map((r) => r.industry)).toEqual([
      null,
      null,
      'Wholesale trade',
    ]);

    await b.client.call('batches.undo', { batchId: cleared.batchId });
    await b.client.call('batches.undo', { batchId: set.batchId });
    expect(snapshot(b, COMPANY_TABLES)).toEqual(start);
    expect(await found('hardware')).toEqual([acme.id]);
    expect(await found('wholesale')).toEqual([]);
  });

  it('deletes to the Trash; undo restores, and so does restoring from the Trash', async () => {
    const b = await book();
    const { acme, acorn, beta, gone } = await fourCompanies(b);
    const ada = await addPerson(b, { givenName: 'Ada', companyId: acme.id });
    const start = snapshot(b, COMPANY_TABLES);

    const deleted = await b.client.call('companies.bulk', {
      target: { ids: [acme.id, acorn.id, gone.id] },
      action: { type: 'delete' },
    });
    // The one already in the Trash is not counted.
    expect(deleted.count).toBe(2);
    expect(await names(b)).toEqual(['Beta Labs']);
    expect((await b.client.call('companies.get', { id: acme.id })).deletedAt).toBe(b.clock());
    const trash = await b.client.call('trash.list', { kind: 'company' });
    expect(trash.rows.map((r) => r.title).sort()).toEqual(['Acme Holdings', 'Acme Tools', 'Acorn Bakery']);
    expect((await b.client.call('search.global', { query: 'acorn' })).groups).toEqual([]);
    // Their people stay; they are not deleted with the company.
    expect((await b.client.call('people.get', { id: ada.id })).deletedAt).toBeNull();

    await b.client.call('batches.undo', { batchId: deleted.batchId });
    expect(snapshot(b, COMPANY_TABLES)).toEqual(start);
    expect(await names(b)).toEqual(['Acme Tools', 'Acorn Bakery', 'Beta Labs']);

    // Deleting "every company matching" and then restoring from the Trash.
    const all = await b.client.call('companies.bulk', {
      target: { filter: {} },
      action: { type: 'delete' },
    });
    expect(all.count).toBe(3);
    expect(await b.client.call('companies.count', {})).toEqual({ count: 0 });
    const restored = await b.client.call('trash.restore', {
      items: [acorn.id, beta.id].map((id) => ({ kind: 'company' as const, id })),
    });
    expect(restored.count).toBe(2);
    expect(await names(b)).toEqual(['Acorn Bakery', 'Beta Labs']);
    expect((await b.client.call('search.global', { query: 'acorn' })).groups.map((g) => g.kind)).toEqual([
      'company',
    ]);
    expect(fkProblems(b)).toEqual([]);
  });

  it('refuses bad input with VALIDATION and missing companies or tags with NOT_FOUND, writing nothing', async () => {
    const b = await book();
    const { acme, gone } = await fourCompanies(b);
    const n = changeCount(b);
    const events = changedEvents(b).length;
    const call = (input: unknown) => b.client.call('companies.bulk', input as never);

    for (const [input, path] of [
      [{ target: { ids: [] }, action: { type: 'delete' } }, 'target.ids'],
      [{ target: { ids: [acme.id] }, action: { type: 'stage', stage: 'lead' } }, 'action.type'],
      [{ target: { ids: [acme.id] }, action: { type: 'tag', tag: '   ' } }, 'action.tag'],
      [
        { target: { ids: [acme.id] }, action: { type: 'industry', industry: 'x'.repeat(121) } },
        'action.industry',
      ],
      [{ target: { ids: [acme.id] }, action: { type: 'industry' } }, 'action.industry'],
      [{ target: { ids: [acme.id] }, action: { type: 'delete' }, extra: 1 }, ''],
    ] as const) {
      const err = await call(input).catch((e: unknown) => e);
      expect(err, JSON.stringify(input)).toMatchObject({ code: 'VALIDATION' });
      const issues = (err as { details: { issues: { path: string }[] } }).details.issues;
      expect(issues.map((i) => i.path)).toContain(path);
    }
    await expect(
      call({ target: { filter: { stage: 'lead' } }, action: { type: 'delete' } }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });

    for (const input of [
      { target: { ids: ['ghost'] }, action: { type: 'tag', tag: 'VIP' } },
      // Only in the Trash.
      { target: { ids: [gone.id] }, action: { type: 'delete' } },
      { target: { filter: { tag: 'nobody has this' } }, action: { type: 'industry', industry: 'Retail' } },
      { target: { filter: { query: 'zz' } }, action: { type: 'delete' } },
      { target: { ids: [acme.id] }, action: { type: 'untag', tag: 'Never made' } },
    ]) {
      await expect(call(input), JSON.stringify(input)).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringMatching(/company|companies|tag called “Never made”/u),
      });
    }
    expect(changeCount(b)).toBe(n);
    expect(changedEvents(b)).toHaveLength(events);
    expect(b.book.sqlite.prepare(`SELECT count(*) FROM batches`).pluck().get()).toBe(1);
  });

  it('handles 10,000 companies in one transaction, and undoes them', async () => {
    const b = await book();
    const db = b.book.sqlite;
    const insert = db.prepare(
      `INSERT INTO companies (id, name, sort_key, custom, created_at, updated_at) VALUES (?, ?, ?, '{}', 0, 0)`,
    );
    db.transaction(() => {
      for (let i = 0; i < 10_000; i++) {
        const n = String(i).padStart(5, '0');
        insert.run(`co-${n}`, `Company ${n}`, `company ${n}`);
      }
    })();
    const before = snapshot(b, ['companies', 'company_tags', 'tags']);
    const changed = () => changedEvents(b).length;
    const events = changed();

    const tagged = await bulkCompanies(b.backend.ctx, {
      target: { filter: {} },
      action: { type: 'tag', tag: 'Everyone' },
    });
    expect(tagged.count).toBe(10_000);
    // One commit, one event.
    expect(changed()).toBe(events + 1);
    const industry = await b.client.call('companies.bulk', {
      target: { filter: { tag: 'everyone' } },
      action: { type: 'industry', industry: 'Retail' },
    });
    expect(industry.count).toBe(10_000);
    const deleted = await b.client.call('companies.bulk', {
      target: { filter: { tag: 'everyone', query: 'company 01' } },
      action: { type: 'delete' },
    });
    expect(deleted.count).toBe(1000);
    expect(changed()).toBe(events + 3);
    expect(
      db.prepare(`SELECT count(*) FROM batch_rows WHERE batch_id = ?`).pluck().get(industry.batchId),
    ).toBe(10_000);
    expect((await b.client.call('companies.count', { filter: { tag: 'everyone' } })).count).toBe(9000);

    for (const batch of [deleted, industry, tagged])
      await b.client.call('batches.undo', { batchId: batch.batchId });
    expect(snapshot(b, ['companies', 'company_tags', 'tags'])).toEqual(before);
  });
});
