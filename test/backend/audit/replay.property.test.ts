/**
 * Property: whatever sequence of edits a person goes through, the trail holds enough to rebuild
 * them. Replaying the "after" value of every field change in their events, oldest first, gives
 * exactly the person as the book holds them at the end, as the trail sees a record; and each
 * event's "before" values are what the replay held just before it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RequestInput } from '../../../shared/api/requests.ts';
import { imageReader, type ImageValue } from '../../../electron/backend/audit/audit.images.ts';
import { book, rawEvents } from './audit.helpers.ts';

type Patch = RequestInput<'people.update'>['patch'];

const word = fc.constantFrom('Ann', 'Bob', 'Zoë', 'Łódź', 'O’Neil', 'van Dijk', 'A', '=SUM(A1)');
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const patch: fc.Arbitrary<Patch> = fc.record(
  {
    givenName: word,
    familyName: word,
    jobTitle: maybe(fc.constantFrom('Buyer', 'Head buyer', 'Owner')),
    stage: fc.constantFrom('lead', 'prospect', 'customer', 'former'),
    birthday: maybe(fc.constantFrom('1980-04-02', '1999-12-31', '2001-01-01')),
    source: maybe(fc.constantFrom('Web', 'Fair', 'Referral')),
    doNotCall: fc.boolean(),
    emailOptIn: fc.boolean(),
    tags: fc.uniqueArray(fc.constantFrom('VIP', 'Trade', 'Late payer'), { maxLength: 3 }),
    phones: fc.array(
      fc.record({
        label: fc.constantFrom('mobile', 'work', 'home'),
        number: fc.constantFrom('020 7946 0000', '07700 900123', '0113 496 0999'),
      }),
      { maxLength: 2 },
    ),
    emails: fc.array(
      fc.record({
        label: fc.constantFrom('work', 'home'),
        email: fc.constantFrom('a@example.com', 'b@example.org'),
      }),
      { maxLength: 2 },
    ),
    address: fc.record(
      {
        city: maybe(fc.constantFrom('Leeds', 'York')),
        postcode: maybe(fc.constantFrom('LS1 1AA', 'YO1 7HH')),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

const withoutNulls = (fields: Record<string, ImageValue>) =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null));

describe('replaying the trail', () => {
  it('rebuilds a person from their events, whatever was edited', async () => {
    const b = await book();
    const reader = imageReader(b.book.sqlite);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(patch, { minLength: 1, maxLength: 6 }), async (patches) => {
        const person = await b.client.call('people.create', {
          person: { givenName: 'Start', familyName: `Person ${++n}` },
          allowDuplicate: true,
        });
        for (const p of patches) {
          b.clock.advance(1000);
          await b.client.call('people.update', { id: person.id, patch: p }).catch(() => undefined);
        }
        const events = rawEvents(b).filter((e) => e.tbl === 'people' && e.row_id === person.id);
        expect(events[0]!.action).toBe('create');
        const replay: Record<string, ImageValue> = {};
        for (const e of events) {
          const changes =
            (JSON.parse(e.detail ?? '{}') as { changes?: [string, ImageValue, ImageValue][] }).changes ?? [];
          for (const [field, before, after] of changes) {
            expect(replay[field] ?? null, `${field} before event ${e.id}`).toEqual(before);
            replay[field] = after;
          }
        }
        expect(withoutNulls(replay)).toEqual(withoutNulls(reader.image('people', person.id)!.fields));
      }),
      { numRuns: 40 },
    );
  });
});
