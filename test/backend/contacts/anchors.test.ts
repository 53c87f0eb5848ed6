/**
 * people.anchors: one scan hands back the cursor of every `every`-th row, and people.list from
 * anchor k starts exactly at row k·every of the full ordered list, for every sort, direction
 * and filter; the total is people.count's; and the scan walks the list's index in order, unsorted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RequestInput } from '../../../shared/api/requests.ts';
import type { Page, PersonRow } from '../../../shared/domain/people.ts';
import { personSortKey } from '../../../shared/domain/text.ts';
import { anchorsSql } from '../../../electron/backend/people/people.anchors.ts';
import type { TestBook } from '../../helpers/book.ts';
import { book } from './contacts.helpers.ts';

const EVERY = 100;
const SORTS = ['name', 'lastContact', 'nextCall', 'created'] as const;
type Filter = NonNullable<RequestInput<'people.list'>['filter']>;

interface Seed {
  given: string;
  stage: 'lead' | 'prospect' | 'customer' | 'former';
  city: string | null;
  lastContact: number | null;
  nextCall: number | null;
  created: number;
  deleted: boolean;
}

/** Replaces every person in the book with these rows (raw, so a property run stays fast). */
function load(b: TestBook, seeds: Seed[]) {
  const db = b.book.sqlite;
  db.prepare(`DELETE FROM person_tags`).run();
  db.prepare(`DELETE FROM people`).run();
  const insert =
    db.prepare(`INSERT INTO people (id, given_name, family_name, display_name, stage, sort_key, city,
    last_contact_at, next_call_at, created_at, updated_at, deleted_at) VALUES (?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  db.transaction(() => {
    seeds.forEach((s, i) => {
      const id = `p-${String(i).padStart(4, '0')}`;
      insert.run(
        id,
        s.given,
        s.given,
        s.stage,
        personSortKey(s.given, '', s.given),
        s.city,
        s.lastContact,
        s.nextCall,
        s.created,
        s.created,
        s.deleted ? 1 : null,
      );
    });
  })();
}

/** The whole list, read page by page from the start. */
async function fullList(b: TestBook, input: RequestInput<'people.list'>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page: Page<PersonRow> = await b.client.call('people.list', { ...input, cursor, limit: 500 });
    ids.push(...page.rows.map((r) => r.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
  throw new Error('the list never ended');
}

const seedArb: fc.Arbitrary<Seed> = fc.record({
  given: fc.constantFrom('Ann', 'ann', 'Bob', 'Zoë', 'Émile', 'Ng', ''),
  stage: fc.constantFrom('lead', 'prospect', 'customer', 'former'),
  city: fc.constantFrom(null, 'Leeds', 'leeds', 'York'),
  lastContact: fc.option(fc.constantFrom(1, 2, 3, 5_000), { nil: null }),
  nextCall: fc.option(fc.constantFrom(10, 20, 30), { nil: null }),
  created: fc.constantFrom(100, 200, 300),
  deleted: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
});

const filterArb: fc.Arbitrary<Filter> = fc.constantFrom<Filter>(
  {},
  { stage: 'customer' },
  { city: 'LEEDS' },
  { notContactedDays: 1 },
  { callDue: true },
  { stage: 'lead', city: 'York' },
);

describe('people.anchors', () => {
  it('starts people.list at exactly row k·every from anchor k, for every sort, direction and filter', async () => {
    const b = await book();
    const now = 20 + 86_400_000;
    let most = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(seedArb, { minLength: 0, maxLength: 450, size: 'max' }),
        fc.constantFrom(...SORTS),
        fc.constantFrom('asc' as const, 'desc' as const),
        filterArb,
        async (seeds, sort, direction, filter) => {
          load(b, seeds);
          const input = { sort, direction, filter, now };
          const all = await fullList(b, input);
          const { total, anchors } = await b.client.call('people.anchors', { ...input, every: EVERY });
          expect(total).toBe(all.length);
          expect(total).toBe((await b.client.call('people.count', { filter, now })).count);
          expect(anchors).toHaveLength(Math.max(1, Math.ceil(total / EVERY)));
          expect(anchors[0]).toBe('');
          most = Math.max(most, anchors.length);
          for (const [k, cursor] of anchors.entries()) {
            const page = await b.client.call('people.list', { ...input, cursor, limit: EVERY });
            expect(
              page.rows.map((r) => r.id),
              `anchor ${k}`,
            ).toEqual(all.slice(k * EVERY, (k + 1) * EVERY));
          }
        },
      ),
      { numRuns: 40, seed: 20261122 },
    );
    // The runs did cross several anchors, not just the first.
    expect(most).toBeGreaterThanOrEqual(3);
  });

  it('is one anchor at the start for an empty list or a filter that matches nobody', async () => {
    const b = await book();
    expect(await b.client.call('people.anchors', {})).toEqual({ total: 0, anchors: [''] });
    load(b, [
      {
        given: 'Ann',
        stage: 'lead',
        city: null,
        lastContact: null,
        nextCall: null,
        created: 1,
        deleted: false,
      },
    ]);
    expect(await b.client.call('people.anchors', { filter: { tag: 'no such tag' } })).toEqual({
      total: 0,
      anchors: [''],
    });
    expect(await b.client.call('people.anchors', { every: 100 })).toEqual({ total: 1, anchors: [''] });
  });

  it('refuses a step under 100 or over 100,000', async () => {
    const b = await book();
    await expect(b.client.call('people.anchors', { every: 99 })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(b.client.call('people.anchors', { every: 100_001 })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('scans the sort index in order, without sorting', async () => {
    const b = await book();
    const ctx = b.backend.ctx;
    const INDEX = {
      name: 'people_by_name',
      created: 'people_by_created',
      lastContact: 'people_by_last_contact',
      nextCall: 'people_by_next_call',
    };
    for (const sort of SORTS) {
      for (const direction of ['asc', 'desc'] as const) {
        for (const phase of sort === 'name' || sort === 'created'
          ? (['values'] as const)
          : (['values', 'nulls'] as const)) {
          const q = anchorsSql(ctx, { sort, direction, filter: {} }, 0, phase);
          const plan = (
            b.book.sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params) as { detail: string }[]
          )
            .map((r) => r.detail)
            .join('\n');
          expect(plan, `${sort} ${direction} ${phase}`).toMatch(
            new RegExp(`^(SCAN|SEARCH) p USING (COVERING )?INDEX ${INDEX[sort]}\\b`, 'u'),
          );
          expect(plan, `${sort} ${direction} ${phase}`).not.toMatch(/TEMP B-TREE/u);
        }
      }
    }
    // A filter on the stage walks the stage's index, in name order, still without sorting.
    const q = anchorsSql(ctx, { sort: 'name', direction: 'asc', filter: { stage: 'lead' } }, 0, 'values');
    const plan = (
      b.book.sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params) as { detail: string }[]
    )
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(/USING (COVERING )?INDEX people_by_stage/u);
    expect(plan).not.toMatch(/TEMP B-TREE/u);
  });
});
