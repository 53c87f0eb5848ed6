/**
 * Hostile sequences of activity writes (issue 6): calls, the editable lists, tasks, reminders and
 * notes, mixed with the people writes that move them (create, edit, delete, merge, the Trash and
 * undo). Every step is checked as steps.ts says; the derived call facts of every person (last
 * contact, last attempt, next call) must always equal what the live calls and call tasks imply.
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
  ...SPECS.activity,
  specOf('people.create'),
  specOf('people.update'),
  specOf('people.delete'),
  specOf('people.merge'),
  specOf('companies.create'),
  specOf('trash.restore'),
  specOf('trash.empty'),
  specOf('batches.undo'),
];

describe('activity writes under random sequences keep the book sound (properties)', () => {
  it('a guided tour: every activity write succeeds and is refused at least once, each step checked', async () => {
    expect(await tour(SPECS.activity, { seed: seedContacts }, 6_2026_11)).toEqual([]);
  });

  it(
    'every step: refusals typed and harmless, the change log complete, every invariant held',
    async () => {
      await checkSequences(
        { specs, runs: RUNS, seed: 6_2026_01, maxCommands: 100, world: { seed: seedContacts } },
        tally,
      );
    },
    timeLimit(RUNS),
  );

  afterAll(() => printTally(tally));
});
