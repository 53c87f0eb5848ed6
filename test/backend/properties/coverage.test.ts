/**
 * Every write request of the contract has a property spec (test/helpers/properties), or is in the
 * commented exclusion list with the reason it cannot run in a test: a new write handler fails this
 * test until its spec is added, so hostile sequences reach it too.
 */
import { describe, expect, it } from 'vitest';
import { REQUEST_NAMES } from '../../../shared/api/requests.ts';
import { ALL_SPECS, EXCLUDED, WRITE_REQUESTS } from '../../helpers/properties/registry.ts';

describe('the property tests cover every write request', () => {
  it('gives every write request a spec or a reason it is left out', () => {
    const specced = new Set(ALL_SPECS.map((s) => s.name));
    const missing = WRITE_REQUESTS.filter((n) => !specced.has(n) && !(n in EXCLUDED));
    expect(
      missing,
      'write requests no property test exercises: add a spec to test/helpers/properties',
    ).toEqual([]);
  });

  it('names only write requests of the contract, each once, never both specced and left out', () => {
    const names = ALL_SPECS.map((s) => s.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    const writes = new Set(WRITE_REQUESTS);
    expect(names.filter((n) => !writes.has(n))).toEqual([]);
    const excluded = Object.keys(EXCLUDED);
    expect(excluded.filter((n) => !writes.has(n as never) || names.includes(n as never))).toEqual([]);
    for (const reason of Object.values(EXCLUDED)) expect(reason?.length).toBeGreaterThan(20);
    // The list of write requests is the contract's own (and not empty).
    expect(WRITE_REQUESTS.length).toBeGreaterThan(50);
    expect(WRITE_REQUESTS.every((n) => REQUEST_NAMES.includes(n))).toBe(true);
  });
});
