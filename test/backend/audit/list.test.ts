/**
 * Reading the trail: newest first in keyset pages that neither skip nor repeat, the filters the
 * screen offers (staff profile, action, kind of record, dates, words, one record), and payloads
 * that are refused with a clear error and change nothing.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors.ts';
import type { AuditPage } from '../../../shared/api/requests/audit.requests.ts';
import { allEvents, book, lastEventId } from './audit.helpers.ts';

describe('audit.list', () => {
  it('pages newest first, every event once', async () => {
    const b = await book();
    const ann = await b.client.call('people.create', { person: { givenName: 'Ann', familyName: 'Lee' } });
    for (let i = 0; i < 23; i++) {
      b.clock.advance(1000);
      await b.client.call('people.update', { id: ann.id, patch: { jobTitle: `Title ${i}` } });
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: AuditPage = await b.client.call('audit.list', { cursor, limit: 5 });
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    const all = b.book.sqlite.prepare(`SELECT id FROM audit_events ORDER BY id DESC`).pluck().all();
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 5));
  });

  it('filters by staff profile, action, kind of record, dates and words', async () => {
    const b = await book();
    const grace = await b.client.call('staff.create', { name: 'Grace Hopper' });
    const start = b.clock();
    b.clock.advance(60_000);
    const ann = await b.client.call('people.create', { person: { givenName: 'Ann', familyName: 'Lee' } });
    const acme = await b.client.call('companies.create', { name: 'Acme Ltd' });
    b.clock.advance(60_000);
    const middle = b.clock();
    await b.client.call('staff.switch', { id: grace.id });
    b.clock.advance(60_000);
    await b.client.call('people.update', { id: ann.id, patch: { jobTitle: 'Chief widget buyer' } });
    await b.client.call('people.bulk', { target: { ids: [ann.id] }, action: { type: 'tag', tag: 'VIP' } });

    const words = (events: Awaited<ReturnType<typeof allEvents>>) =>
      events.map((e) => `${e.action} ${e.label ?? e.summary}`);
    expect(words(await allEvents(b, { filter: { staffId: grace.id } }))).toEqual([
      'bulk Tag 1 person “VIP”',
      'update Ann Lee',
    ]);
    expect(words(await allEvents(b, { filter: { action: 'create', table: 'companies' } }))).toEqual([
      'create Acme Ltd',
    ]);
    // A bulk event names no record: it counts for the kinds it touched.
    expect(words(await allEvents(b, { filter: { table: 'people' } }))).toEqual([
      'bulk Tag 1 person “VIP”',
      'update Ann Lee',
      'create Ann Lee',
    ]);
    expect(words(await allEvents(b, { filter: { from: start + 1, to: middle } }))).toEqual([
      'create Acme Ltd',
      'create Ann Lee',
    ]);
    // Words in a value, a name, a summary, or a staff profile's name; % and _ are plain letters.
    expect(words(await allEvents(b, { filter: { text: 'widget' } }))).toEqual(['update Ann Lee']);
    expect(words(await allEvents(b, { filter: { text: 'acme' } }))).toEqual(['create Acme Ltd']);
    expect(words(await allEvents(b, { filter: { text: 'grace' } }))).toContain('update Ann Lee');
    expect(await allEvents(b, { filter: { text: '100%' } })).toEqual([]);
    expect(await allEvents(b, { filter: { text: 'A_n' } })).toEqual([]);
    // One record's history: about the company only.
    expect(words(await allEvents(b, { filter: { record: { table: 'companies', id: acme.id } } }))).toEqual([
      'create Acme Ltd',
    ]);
  });

  it('refuses a wrong payload with a clear error, and changes nothing', async () => {
    const b = await book();
    const before = lastEventId(b);
    const refused = async (
      name: 'audit.list' | 'audit.record' | 'audit.export' | 'audit.updateSettings',
      input: unknown,
    ) => {
      const err = await b.client.call(name, input as never).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, JSON.stringify(input)).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('VALIDATION');
      return (err as AppError).message;
    };
    expect(await refused('audit.list', { filter: { action: 'vanish' } })).toBe(
      'Choose an action from the list. (filter.action)',
    );
    expect(await refused('audit.list', { filter: { from: 10, to: 5 } })).toBe(
      'The end of the date range must come after its start. (filter.to)',
    );
    expect(await refused('audit.list', { filter: { table: 'batch_rows' } })).toBe(
      'Choose a kind of record from the list. (filter.table)',
    );
    expect(await refused('audit.list', { filter: { colour: 'red' } })).toMatch(/colour/u);
    expect(await refused('audit.list', { limit: 5000 })).toMatch(/limit/u);
    expect(await refused('audit.list', { cursor: 'DROP TABLE audit_events' })).toBe(
      'That page of the audit trail is not one it gave. Start again from the top.',
    );
    expect(await refused('audit.list', { filter: { text: 'x'.repeat(201) } })).toBe(
      'Keep the search under 200 characters. (filter.text)',
    );
    expect(await refused('audit.record', { table: 'people' })).toMatch(/id/u);
    expect(await refused('audit.export', { filter: { staffId: '' } })).toMatch(/id is required/u);
    expect(await refused('audit.updateSettings', { keepFor: '1w' })).toBe(
      'Choose how long to keep the audit trail from the list. (keepFor)',
    );
    expect(lastEventId(b)).toBe(before);
  });
});
