/**
 * Hostile sequences of sales writes (issue 6): the catalogue and its categories, order numbering,
 * orders with their lines, status moves, the Trash, with the people and companies they are for
 * being merged, deleted and restored. Every step is checked as steps.ts says: each order's totals
 * are the sums of its lines (each line by the rounding rule), its status history ends in its
 * status, and the sales summaries equal a recomputation from the orders.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { checkSequences, printTally, timeLimit, tour } from '../../helpers/properties/property.ts';
import { SPECS, specOf } from '../../helpers/properties/registry.ts';
import { seedSales } from '../../helpers/properties/sales.specs.ts';
import type { Tally } from '../../helpers/properties/world.ts';

const RUNS = 10;
const tally: Tally = new Map();
const specs = [
  ...SPECS.sales,
  specOf('people.create'),
  specOf('companies.create'),
  specOf('people.merge'),
  specOf('people.delete'),
  specOf('batches.undo'),
  specOf('trash.restore'),
  specOf('trash.empty'),
  specOf('deals.toOrder'),
  specOf('deals.win'),
  specOf('deals.create'),
];

describe('sales writes under random sequences keep the book sound (properties)', () => {
  it('a guided tour: every sales write succeeds and is refused at least once, each step checked', async () => {
    expect(await tour(SPECS.sales, { seed: seedSales }, 6_2026_13)).toEqual([]);
  });

  it(
    'every step: refusals typed and harmless, the change log complete, every invariant held',
    async () => {
      await checkSequences(
        {
          specs,
          runs: RUNS,
          seed: 6_2026_03,
          maxCommands: 100,
          world: {
            seed: seedSales,
          },
        },
        tally,
      );
    },
    timeLimit(RUNS),
  );

  afterAll(() => printTally(tally));
});
