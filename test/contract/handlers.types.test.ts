/** Type-level proof (checked by `tsc -b` in npm test) and runtime proof that every request has a handler. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { handlers } from '../../electron/backend/handlers.ts';
import {
  REQUEST_NAMES,
  type RequestName,
  type RequestOutput,
  type WireOutput,
} from '../../shared/api/requests.ts';
import type { PackedPage } from '../../shared/api/packed.ts';

describe('handlers', () => {
  it('cover exactly the request names of the contract', () => {
    expectTypeOf<keyof typeof handlers>().toEqualTypeOf<RequestName>();
    // Each handler returns the contract's output type.
    expectTypeOf<Awaited<ReturnType<(typeof handlers)['settings.get']>>>().toEqualTypeOf<
      RequestOutput<'settings.get'>
    >();
    // A packed request's handler answers its page packed; the client unpacks it.
    expectTypeOf<Awaited<ReturnType<(typeof handlers)['people.list']>>>().toEqualTypeOf<
      WireOutput<'people.list'>
    >();
    expectTypeOf<WireOutput<'people.list'>>().toEqualTypeOf<PackedPage<RequestOutput<'people.list'>>>();
    expect(Object.keys(handlers).sort()).toEqual([...REQUEST_NAMES].sort());
    for (const name of REQUEST_NAMES) expect(typeof handlers[name]).toBe('function');
  });
});
