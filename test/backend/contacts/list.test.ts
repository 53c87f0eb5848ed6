import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RequestInput } from '../../../shared/api/requests.ts';
import type { Page, PersonRow } from '../../../shared/domain/people.ts';
import { personSortKey } from '../../../shared/domain/text.ts';
import { PERSON_ROW_KEYS } from '../../../electron/backend/people/people.list.ts';
import type { TestBook } from '../../helpers/book.ts';
import { addPerson, book, ownerId } from './contacts.helpers.ts';

const DAY = 86_400_000;
type ListInput = RequestInput<'people.list'>;

interface Seed {
  given: string;
  family: string;
  stage: 'lead' | 'prospect' | 'customer' | 'former';
  lastContact: number | null;
  nextCall: number | null;
  created: number;
  deleted: boolean;
}

/** Replaces every person in the book with these rows (raw, so a property run stays fast). */
function load(b: TestBook, seeds: Seed[]): { id: string; seed: Seed; sortKey: string }[] {
  const db = b.book.sqlite;
  db.prepare(`DELETE FROM person_tags`).run();
  db.prepare(`DELETE FROM people`).run();
  const insert = db.prepare(`INSERT INTO people (id, given_name, family_name, display_name, stage, sort_key,
    last_contact_at, next_call_at, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  return seeds.map((seed, i) => {
    const id = `p-${String(i).padStart(3, '0')}-${seed.given}`;
    const display = `${seed.given} ${seed.family}`;
    const sortKey = personSortKey(seed.given, seed.family, display);
    insert.run(
      id,
      seed.given,
      seed.family,
      display,
      seed.stage,
      sortKey,
      seed.lastContact,
      seed.nextCall,
      seed.created,
      seed.created,
      seed.deleted ? 1 : null,
    );
    return { id, seed, sortKey };
  });
}

async function allPages(b: TestBook, input: ListInput, pageSize: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 500; guard++) {
    const page: Page<PersonRow> = await b.client.call('people.list', { ...input, limit: pageSize, cursor });
    expect(page.rows.length).toBeLessThanOrEqual(pageSize);
    ids.push(...page.rows.map((r) => r.id));
    if (!page.nextCursor) return ids;
    expect(page.rows.length).toBe(pageSize);
    cursor = page.nextCursor;
  }
  throw new Error('the list never ended');
}

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

function expected(
  rows: ReturnType<typeof load>,
  sort: 'name' | 'lastContact' | 'nextCall' | 'created',
  dir: 'asc' | 'desc',
) {
  const value = (r: (typeof rows)[number]) =>
    sort === 'name'
      ? r.sortKey
      : sort === 'created'
        ? r.seed.created
        : sort === 'lastContact'
          ? r.seed.lastContact
          : r.seed.nextCall;
  const sign = dir === 'asc' ? 1 : -1;
  return rows
    .filter((r) => !r.seed.deleted)
    .sort((a, b) => {
      const va = value(a);
      const vb = value(b);
      // Without a value last, in both directions.
      if (va === null || vb === null) {
        if (va === null && vb === null) return sign * cmp(a.id, b.id);
        return va === null ? 1 : -1;
      }
      return sign * (cmp(va, vb) || cmp(a.id, b.id));
    })
    .map((r) => r.id);
}

const seedArb = fc.record({
  given: fc.constantFrom('Ann', 'ann', 'Bob', 'Zoë', 'Émile', ''),
  family: fc.constantFrom('Smith', 'Müller', 'Muller', 'Ng', 'Adams'),
  stage: fc.constantFrom('lead', 'prospect', 'customer', 'former'),
  lastContact: fc.option(fc.constantFrom(1, 2, 3, 5_000), { nil: null }),
  nextCall: fc.option(fc.constantFrom(10, 20, 30), { nil: null }),
  created: fc.constantFrom(100, 200, 300),
  deleted: fc.integer({ min: 0, max: 9 }).map((n) => n < 3),
});

describe('people.list keyset pagination', () => {
  it('visits every live row exactly once, in order, for every sort, direction and page size', async () => {
    const b = await book();
    await fc.assert(
      fc.asyncProperty(
        fc.array(seedArb, { maxLength: 25 }),
        fc.constantFrom('name', 'lastContact', 'nextCall', 'created'),
        fc.constantFrom('asc', 'desc'),
        fc.integer({ min: 1, max: 7 }),
        async (seeds, sort, direction, pageSize) => {
          const rows = load(b, seeds);
          const ids = await allPages(b, { sort, direction }, pageSize);
          expect(ids).toEqual(expected(rows, sort, direction));
          expect(new Set(ids).size).toBe(ids.length);
        },
      ),
      { numRuns: 120, seed: 20261122 },
    );
  });

  it('pages filtered by stage the same way', async () => {
    const b = await book();
    await fc.assert(
      fc.asyncProperty(
        fc.array(seedArb, { maxLength: 25 }),
        fc.integer({ min: 1, max: 5 }),
        async (seeds, pageSize) => {
          const rows = load(b, seeds);
          const ids = await allPages(b, { sort: 'name', filter: { stage: 'customer' } }, pageSize);
          expect(ids).toEqual(
            expected(
              rows.filter((r) => r.seed.stage === 'customer'),
              'name',
              'asc',
            ),
          );
        },
      ),
      { numRuns: 40, seed: 7 },
    );
  });

  it('does not skip or repeat rows when people are added between pages', async () => {
    const b = await book();
    for (const name of ['Ann', 'Bea', 'Cat', 'Dan', 'Eve', 'Fay'])
      await addPerson(b, { givenName: name, familyName: 'Smith' });
    const first = await b.client.call('people.list', { limit: 3 });
    expect(first.rows.map((r) => r.displayName)).toEqual(['Ann Smith', 'Bea Smith', 'Cat Smith']);
    await addPerson(b, { givenName: 'Aaron', familyName: 'Smith' });
    await addPerson(b, { givenName: 'Dot', familyName: 'Smith' });
    const second = await b.client.call('people.list', { limit: 10, cursor: first.nextCursor });
    expect(second.rows.map((r) => r.displayName)).toEqual([
      'Dan Smith',
      'Dot Smith',
      'Eve Smith',
      'Fay Smith',
    ]);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a cursor it did not make', async () => {
    const b = await book();
    await expect(b.client.call('people.list', { cursor: 'garbage!' })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { issues: [{ path: 'cursor' }] },
    });
  });
});

describe('people.list rows and filters', () => {
  async function fixture() {
    const b = await book();
    const owner = ownerId(b);
    const other = (await b.client.call('staff.create', { name: 'Priya' })).id;
    const acme = await b.client.call('companies.create', { name: 'Acme' });
    await b.client.call('customFields.create', {
      entity: 'person',
      label: 'Region',
      type: 'select',
      options: ['North', 'South'],
    });
    await b.client.call('customFields.create', {
      entity: 'person',
      label: 'Interests',
      type: 'multiselect',
      options: ['Tea', 'Cake'],
    });
    await b.client.call('customFields.create', { entity: 'person', label: 'Newsletter', type: 'checkbox' });
    const ann = await addPerson(b, {
      givenName: 'Ann',
      familyName: 'Adams',
      companyId: acme.id,
      jobTitle: 'Buyer',
      stage: 'customer',
      tags: ['VIP'],
      address: { city: 'Leeds' },
      phones: [{ label: 'work', number: '0113 496 0000' }],
      emails: [{ label: 'work', email: 'ann@acme.test' }],
      custom: { region: 'North', interests: ['Tea'], newsletter: true },
    });
    const bob = await addPerson(b, {
      givenName: 'Bob',
      familyName: 'Brown',
      stage: 'lead',
      ownerId: other,
      address: { city: 'LEEDS' },
      tags: ['vip', 'cold'],
      custom: { region: 'South', interests: ['Cake', 'Tea'] },
    });
    const cat = await addPerson(b, {
      givenName: 'Cat',
      familyName: 'Clark',
      stage: 'lead',
      address: { city: 'York' },
      custom: { newsletter: false },
    });
    const now = b.clock();
    const db = b.book.sqlite;
    db.prepare(`UPDATE people SET last_contact_at = ?, next_call_at = ? WHERE id = ?`).run(
      now - 2 * DAY,
      now + DAY,
      ann.id,
    );
    db.prepare(`UPDATE people SET last_contact_at = ?, next_call_at = ? WHERE id = ?`).run(
      now - 40 * DAY,
      now - DAY,
      bob.id,
    );
    return { b, owner, other, acme, ann, bob, cat, now };
  }

  it('returns list rows with company, contact points and tags', async () => {
    const { b, ann, acme, owner } = await fixture();
    const page = await b.client.call('people.list', { limit: 1 });
    expect(page.rows).toEqual([
      {
        id: ann.id,
        displayName: 'Ann Adams',
        companyId: acme.id,
        companyName: 'Acme',
        jobTitle: 'Buyer',
        stage: 'customer',
        ownerId: owner,
        city: 'Leeds',
        phone: '0113 496 0000',
        email: 'ann@acme.test',
        tags: ['VIP'],
        lastContactAt: b.clock() - 2 * DAY,
        nextCallAt: b.clock() + DAY,
        createdAt: b.clock(),
      },
    ]);
    expect(page.nextCursor).not.toBeNull();
    // On the wire the page is packed: the keys once, then the values in their order.
    const wire = await b.backend.invoke('people.list', { limit: 1 });
    expect(wire).toMatchObject({ ok: true, value: { rows: { keys: PERSON_ROW_KEYS } } });
    const values = (wire as { value: { rows: { values: unknown[][] } } }).value.rows.values;
    expect(values).toEqual([PERSON_ROW_KEYS.map((k) => page.rows[0]![k])]);
  });

  it('filters by tag, stage, owner, company, city, not contacted, call due and custom fields; count agrees', async () => {
    const { b, other, acme, ann, bob, cat, now } = await fixture();
    const cases: [RequestInput<'people.list'>['filter'], string[]][] = [
      [{}, [ann.id, bob.id, cat.id]],
      [{ tag: 'vip' }, [ann.id, bob.id]],
      [{ tag: 'COLD' }, [bob.id]],
      [{ tag: 'no such tag' }, []],
      [{ stage: 'lead' }, [bob.id, cat.id]],
      [{ ownerId: other }, [bob.id]],
      [{ companyId: acme.id }, [ann.id]],
      [{ city: 'leeds' }, [ann.id, bob.id]],
      [{ notContactedDays: 30 }, [bob.id, cat.id]],
      [{ notContactedDays: 1 }, [ann.id, bob.id, cat.id]],
      [{ callDue: true }, [bob.id]],
      [{ custom: { key: 'region', value: 'North' } }, [ann.id]],
      [{ custom: { key: 'interests', value: 'Tea' } }, [ann.id, bob.id]],
      [{ custom: { key: 'interests', value: 'Cake' } }, [bob.id]],
      [{ custom: { key: 'newsletter', value: true } }, [ann.id]],
      [{ custom: { key: 'newsletter', value: false } }, [cat.id]],
      [{ stage: 'lead', city: 'York' }, [cat.id]],
    ];
    for (const [filter, ids] of cases) {
      const page = await b.client.call('people.list', { filter, now });
      expect(
        page.rows.map((r) => r.id),
        JSON.stringify(filter),
      ).toEqual(ids);
      expect((await b.client.call('people.count', { filter, now })).count, JSON.stringify(filter)).toBe(
        ids.length,
      );
    }
    // "Today" comes from the request, so the renderer's end of day decides what is due.
    expect(
      (await b.client.call('people.list', { filter: { callDue: true }, now: now + 2 * DAY })).rows,
    ).toHaveLength(2);
    await expect(
      b.client.call('people.list', { filter: { custom: { key: 'nope', value: 1 } } }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('sorts by last contact and next call with the ones without a value last', async () => {
    const { b, ann, bob, cat } = await fixture();
    const ids = async (input: ListInput) => (await b.client.call('people.list', input)).rows.map((r) => r.id);
    expect(await ids({ sort: 'lastContact' })).toEqual([bob.id, ann.id, cat.id]);
    expect(await ids({ sort: 'lastContact', direction: 'desc' })).toEqual([ann.id, bob.id, cat.id]);
    expect(await ids({ sort: 'nextCall' })).toEqual([bob.id, ann.id, cat.id]);
  });
});
