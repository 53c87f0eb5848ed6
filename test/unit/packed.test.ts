/** Pages that cross the transport packed (shared/api/packed.ts) come back as the same objects. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../shared/api/client.ts';
import { packRows, unpackPage, unpackRows } from '../../shared/api/packed.ts';
import { isPacked, REQUEST_NAMES } from '../../shared/api/requests.ts';
import type { Transport } from '../../shared/api/transport.ts';

const cell = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }));
const KEYS = ['id', 'name', 'city', 'tags'] as const;
type Row = Record<(typeof KEYS)[number], unknown>;
const row = fc.record({ id: cell, name: cell, city: cell, tags: cell }) as fc.Arbitrary<Row>;

describe('packed pages', () => {
  it('unpack what was packed, row for row and value for value, through a structured clone', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
        const packed = structuredClone(packRows<Row>(KEYS, rows));
        expect(packed.values.every((v) => Array.isArray(v) && v.length === KEYS.length)).toBe(true);
        expect(unpackRows(packed)).toEqual(rows);
      }),
    );
  });

  it('keep the rest of the page as it was', () => {
    const page = unpackPage({ rows: packRows<Row>(KEYS, []), nextCursor: 'abc' });
    expect(page).toEqual({ rows: [], nextCursor: 'abc' });
  });

  it('refuse a row with more or fewer values than keys', () => {
    expect(() => unpackRows<Row>({ keys: KEYS, values: [['a', 'b', 'c']] })).toThrow(
      'A packed row has 3 values for 4 keys.',
    );
  });

  it('are unpacked by the client for the requests the contract marks, and only those', async () => {
    expect(REQUEST_NAMES.filter(isPacked)).toEqual(['people.list']);
    const answers: Record<string, unknown> = {
      'people.list': {
        rows: packRows<Row>(KEYS, [{ id: 'p1', name: 'Ann', city: null, tags: ['VIP'] }]),
        nextCursor: null,
      },
      'companies.list': { rows: [{ id: 'c1' }], nextCursor: null },
    };
    const transport: Transport = {
      invoke: (name) => Promise.resolve({ ok: true, value: answers[name] }),
      on: () => () => {},
    };
    const client = createClient(transport);
    expect(await client.call('people.list', {})).toEqual({
      rows: [{ id: 'p1', name: 'Ann', city: null, tags: ['VIP'] }],
      nextCursor: null,
    });
    expect(await client.call('companies.list', {})).toEqual(answers['companies.list']);
  });
});
