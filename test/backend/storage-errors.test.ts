/**
 * A full disk and a book that turns read-only while the app runs (issue 6): the user gets a clear
 * error, nothing acknowledged is lost, nothing half-written stays, and the app keeps running.
 * The disk fills up through SQLite's max_page_count (SQLITE_FULL, as a full disk gives); the
 * book turns read-only through query_only (SQLITE_READONLY, as a read-only file gives).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestBook, setUp, type TestBook } from '../helpers/book.ts';

describe('storage failures while the app runs', () => {
  let book: TestBook;
  beforeEach(async () => {
    book = await openTestBook();
    await setUp(book.client);
  });
  afterEach(async () => {
    await book.close();
  });

  const raw = () => book.backend.ctx.sql.raw;
  const create = (familyName: string, jobTitle = '') =>
    book.backend.invoke('people.create', {
      person: { givenName: 'Kept', familyName, ...(jobTitle ? { jobTitle } : {}) },
      allowDuplicate: true,
    });
  const count = () => raw().prepare(`SELECT count(*) FROM people`).pluck().get() as number;

  it('a full disk refuses the write with DISK_FULL, keeps what was saved, and writes again once there is room', async () => {
    const saved = await create('Before');
    expect(saved.ok).toBe(true);
    const before = count();
    // No page may be added from now on: the next write that needs one fails as on a full disk.
    const pages = raw().pragma('page_count', { simple: true }) as number;
    raw().pragma(`max_page_count = ${pages}`);
    let refused: Awaited<ReturnType<typeof create>> | null = null;
    let added = 0;
    let refusedName = '';
    for (let i = 0; i < 1000 && !refused; i++) {
      const answer = await create(`Filler ${i}`, `Filler title ${i} `.repeat(5).trim());
      if (answer.ok) added++;
      else {
        refused = answer;
        refusedName = `Filler ${i}`;
      }
    }
    expect(refused).not.toBeNull();
    expect(refused!.ok).toBe(false);
    if (!refused!.ok) {
      expect(refused!.error.code).toBe('DISK_FULL');
      expect(refused!.error.message).toMatch(/disk is full/u);
    }
    // The refused write left nothing behind: the people are those whose writes returned.
    const afterRefusal = count();
    expect(afterRefusal).toBe(before + added);
    const half = raw().prepare(`SELECT count(*) FROM people WHERE family_name = ?`).pluck().get(refusedName);
    expect(half).toBe(0);
    expect(raw().pragma('integrity_check', { simple: true })).toBe('ok');
    // Everything acknowledged is there, and reads go on.
    const got = await book.client.call('people.get', {
      id: (saved as { ok: true; value: { id: string } }).value.id,
    });
    expect(got.familyName).toBe('Before');

    raw().pragma('max_page_count = 1073741823');
    const later = await create('After');
    expect(later.ok).toBe(true);
    expect(count()).toBe(afterRefusal + 1);
  });

  it('a book that turns read-only refuses writes with READ_ONLY, answers reads, and writes again once it can', async () => {
    const saved = await create('Before');
    expect(saved.ok).toBe(true);
    raw().pragma('query_only = ON');
    const refused = await create('Refused');
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('READ_ONLY');
      expect(refused.error.message).toMatch(/read-only/u);
    }
    const list = await book.client.call('people.list', { sort: 'name', direction: 'asc', limit: 50 });
    expect(list.rows.map((p) => p.displayName)).toEqual(['Kept Before']);

    raw().pragma('query_only = OFF');
    const later = await create('After');
    expect(later.ok).toBe(true);
    expect(count()).toBe(2);
  });
});
