import { describe, expect, it } from 'vitest';
import {
  activityBook,
  addCompany,
  addPerson,
  changeCount,
  indexed,
  ftsRefs,
  tablesChangedBy,
} from './activity.fixtures.ts';

async function withAnn() {
  const b = await activityBook();
  addCompany(b, 'acme', 'Acme Ltd');
  addPerson(b, 'ann', 'Ann Lee', { companyId: 'acme' });
  return b;
}

describe('notes', () => {
  it('writes a note on a person or a company, signed by the current staff and searchable', async () => {
    const b = await withAnn();
    const tables = await tablesChangedBy(b, async () => {
      const n = await b.client.call('notes.create', {
        personId: 'ann',
        body: '  Prefers calls after lunch. Müller ',
      });
      expect(n).toEqual({
        id: expect.any(String),
        personId: 'ann',
        personName: 'Ann Lee',
        companyId: null,
        body: 'Prefers calls after lunch. Müller',
        createdAt: b.clock(),
        updatedAt: b.clock(),
        createdBy: b.me,
        createdByName: 'Ada Lovelace',
      });
      expect(ftsRefs(b, 'lunch')).toEqual([n.id]);
      expect(ftsRefs(b, 'muller')).toEqual([n.id]);
    });
    expect(tables).toEqual(['notes']);
    const c = await b.client.call('notes.create', { companyId: 'acme', body: 'Pays on time' });
    expect(c).toMatchObject({ personId: null, personName: null, companyId: 'acme' });
  });

  it('edits the body, recording when and who, and keeps the index current', async () => {
    const b = await withAnn();
    const n = await b.client.call('notes.create', { personId: 'ann', body: 'Likes tea' });
    b.clock.advance(60_000);
    const u = await b.client.call('notes.update', { id: n.id, body: 'Likes coffee' });
    expect(u).toMatchObject({ body: 'Likes coffee', updatedAt: b.clock(), createdAt: n.createdAt });
    expect(b.book.sqlite.prepare(`SELECT updated_by FROM notes WHERE id = ?`).pluck().get(n.id)).toBe(b.me);
    expect(ftsRefs(b, 'tea')).toEqual([]);
    expect(ftsRefs(b, 'coffee')).toEqual([n.id]);
    // The same text again writes nothing.
    const before = changeCount(b);
    await b.client.call('notes.update', { id: n.id, body: 'Likes coffee ' });
    expect(changeCount(b)).toBe(before);
  });

  it('deletes softly and drops the note from search', async () => {
    const b = await withAnn();
    const n = await b.client.call('notes.create', { personId: 'ann', body: 'Secret recipe' });
    const tables = await tablesChangedBy(b, () => b.client.call('notes.delete', { id: n.id }));
    expect(tables).toEqual(['notes']);
    expect(indexed(b, n.id)).toBe(false);
    expect(b.book.sqlite.prepare(`SELECT deleted_at FROM notes WHERE id = ?`).pluck().get(n.id)).toBe(
      b.clock(),
    );
    await expect(b.client.call('notes.update', { id: n.id, body: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(b.client.call('notes.delete', { id: n.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses an empty note, a note on nobody and unknown links, writing nothing', async () => {
    const b = await withAnn();
    const before = changeCount(b);
    await expect(b.client.call('notes.create', { personId: 'ann', body: '   ' })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { issues: [{ path: 'body' }] },
    });
    await expect(b.client.call('notes.create', { body: 'Floating' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(b.client.call('notes.create', { personId: 'ghost', body: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { path: 'personId' },
    });
    await expect(b.client.call('notes.create', { companyId: 'ghost', body: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { path: 'companyId' },
    });
    expect(changeCount(b)).toBe(before);
    expect(b.book.sqlite.prepare(`SELECT count(*) FROM notes`).pluck().get()).toBe(0);
  });
});
