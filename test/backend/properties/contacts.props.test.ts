/**
 * Hostile sequences of contacts writes (issue 6): people and companies created, edited, deleted,
 * tagged in bulk, merged and given photos, custom fields, the Trash, undo of batches and leads,
 * with calls, tasks and orders hanging on the people so that merges, undos and purges move them.
 * Every step is checked as steps.ts says: the search index always matches the people and
 * companies, no tag link or phone is left without its owner, and every undo leaves the derived
 * fields (last contact, next call, primaries, sort keys) true to the rows.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkSequences,
  printTally,
  seedContacts,
  timeLimit,
  tour,
} from '../../helpers/properties/property.ts';
import { SPECS, specOf } from '../../helpers/properties/registry.ts';
import type { Tally } from '../../helpers/properties/world.ts';

const RUNS = 10;
const tally: Tally = new Map();
const specs = [
  ...SPECS.contacts,
  specOf('calls.log'),
  specOf('tasks.create'),
  specOf('notes.create'),
  specOf('orders.create'),
  specOf('deals.create'),
];

describe('contacts writes under random sequences keep the book sound (properties)', () => {
  it('a guided tour: every contacts write succeeds and is refused at least once, each step checked', async () => {
    expect(await tour(SPECS.contacts, { seed: seedContacts }, 6_2026_12)).toEqual([]);
  });

  it(
    'every step: refusals typed and harmless, the change log complete, every invariant held',
    async () => {
      await checkSequences(
        { specs, runs: RUNS, seed: 6_2026_02, maxCommands: 100, world: { seed: seedContacts } },
        tally,
      );
    },
    timeLimit(RUNS),
  );

  afterAll(() => printTally(tally));
});
