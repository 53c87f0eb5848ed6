/**
 * Hostile sequences of the privacy and audit writes (issue 6): consents recorded and withdrawn,
 * people erased for good (their orders kept under a stand-in, or not), the audit trail's keeping
 * time and export, mixed with everything that can hang on a person (calls, tasks, notes, orders,
 * deals, cases, merges, undo, the Trash). Every step is checked as steps.ts says: an erased person
 * leaves nothing that points at them, no search document, and every summary and derived field
 * still true.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { checkSequences, printTally, timeLimit, tour } from '../../helpers/properties/property.ts';
import { SPECS, specOf } from '../../helpers/properties/registry.ts';
import { seedSales } from '../../helpers/properties/sales.specs.ts';
import type { Tally } from '../../helpers/properties/world.ts';

const RUNS = 8;
const tally: Tally = new Map();
const specs = [
  ...SPECS.privacy,
  specOf('people.create'),
  specOf('people.update'),
  specOf('people.merge'),
  specOf('people.delete'),
  specOf('calls.log'),
  specOf('tasks.create'),
  specOf('notes.create'),
  specOf('orders.create'),
  specOf('orders.setStatus'),
  specOf('deals.create'),
  specOf('cases.create'),
  specOf('lists.set'),
  specOf('batches.undo'),
  specOf('trash.restore'),
  specOf('trash.empty'),
];

describe('privacy writes under random sequences keep the book sound (properties)', () => {
  it('a guided tour: every privacy write succeeds and is refused at least once, each step checked', async () => {
    expect(await tour(SPECS.privacy, { seed: seedSales }, 6_2026_16)).toEqual([]);
  });

  it(
    'every step: refusals typed and harmless, the change log complete, every invariant held',
    async () => {
      await checkSequences(
        { specs, runs: RUNS, seed: 6_2026_07, maxCommands: 100, world: { seed: seedSales } },
        tally,
      );
    },
    timeLimit(RUNS),
  );

  afterAll(() => printTally(tally));
});
