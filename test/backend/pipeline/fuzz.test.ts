/**
 * Near-valid inputs to every pipeline request: each contract sample with one field replaced by
 * something random. The answer is a result or a clean VALIDATION / NOT_FOUND / CONFLICT, never
 * INTERNAL, and a refused request writes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pipelineRequests } from '../../../shared/api/requests/pipeline.requests.ts';
import type { RequestName } from '../../../shared/api/requests.ts';
import { VALID_SAMPLES } from '../../contract/samples.ts';
import { changeCount, deal, pipelineBook, supportCase } from './pipeline.fixtures.ts';

type Json = Record<string, unknown>;

/** Replaces the value at a path (a list of keys) in a copy of the object. */
function replaced(input: Json, path: string[], value: unknown): Json {
  const copy = structuredClone(input);
  let at: Json = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null) at[key] = {};
    at = at[key] as Json;
  }
  at[path.at(-1) as string] = value;
  return copy;
}

function paths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return prefix.length ? [prefix] : [];
  const own = Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]));
  return prefix.length ? [prefix, ...own] : own;
}

describe('pipeline requests with one field gone wrong', () => {
  it('answer cleanly and write nothing when refused', async () => {
    const b = await pipelineBook();
    const ids = {
      __PERSON__: 'ann',
      __COMPANY__: 'zeta',
      __DEAL__: (await deal(b)).id,
      __CASE__: (await supportCase(b)).id,
    };
    const names = Object.keys(pipelineRequests) as RequestName[];
    const samples = names.map((name) => {
      let text = JSON.stringify(VALID_SAMPLES[name]);
      for (const [placeholder, id] of Object.entries(ids)) text = text.replaceAll(placeholder, id);
      return { name, input: JSON.parse(text) as Json };
    });
    const weird = fc.oneof(
      fc.anything(),
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.constantFrom(
        null,
        '',
        'ann',
        'acme',
        'stage-lead',
        ids.__DEAL__,
        ids.__CASE__,
        '2026-02-30',
        -1,
        1e20,
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), weird, fc.boolean(), async (which, where, value, drop) => {
        const { name, input } = samples[which % samples.length] as { name: RequestName; input: Json };
        const all = paths(input);
        const path = all.length ? all[where % all.length] : ['x'];
        const broken =
          drop && path ? replaced(input, path, undefined) : replaced(input, path ?? ['x'], value);
        const before = changeCount(b);
        const envelope = await b.backend.invoke(name, JSON.parse(JSON.stringify(broken)));
        if (envelope.ok) return;
        expect(
          ['VALIDATION', 'NOT_FOUND', 'CONFLICT'],
          `${name} ${JSON.stringify(broken)}: ${envelope.error.message}`,
        ).toContain(envelope.error.code);
        expect(changeCount(b)).toBe(before);
      }),
      { numRuns: 600, seed: 1122 },
    );
  });
});
