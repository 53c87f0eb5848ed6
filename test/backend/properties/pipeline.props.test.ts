/**
 * Hostile sequences of pipeline writes (issue 6): the stages of the pipeline, deals (with lines,
 * moved on the board, won, lost, reopened, made into orders) and cases, with the people,
 * companies, products and orders they name being deleted, merged and restored. Every step is
 * checked as steps.ts says: an open deal is always in a stage of the pipeline with a rank of its
 * own, a deal with lines is worth their net total, and an active case has no resolution.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { checkSequences, printTally, timeLimit, tour } from '../../helpers/properties/property.ts';
import { SPECS, specOf } from '../../helpers/properties/registry.ts';
import { seedSales } from '../../helpers/properties/sales.specs.ts';
import type { Tally } from '../../helpers/properties/world.ts';

const RUNS = 10;
const tally: Tally = new Map();
const specs = [
  ...SPECS.pipeline,
  specOf('people.create'),
  specOf('companies.create'),
  specOf('people.merge'),
  specOf('people.delete'),
  specOf('products.create'),
  specOf('products.delete'),
  specOf('orders.create'),
  specOf('orders.delete'),
  specOf('leads.convert'),
  specOf('batches.undo'),
  specOf('trash.restore'),
  specOf('trash.empty'),
];

describe('pipeline writes under random sequences keep the book sound (properties)', () => {
  it('a guided tour: every pipeline write succeeds and is refused at least once, each step checked', async () => {
    // Deals are made again between the moves that close them, so each finds one to work on.
    const order = [
      'dealStages.set',
      'deals.create',
      'deals.update',
      'deals.move',
      'deals.lose',
      'deals.create',
      'deals.win',
      'deals.toOrder',
      'deals.reopen',
      'deals.delete',
      'deals.restore',
      'cases.create',
      'cases.update',
      'cases.setStatus',
      'cases.delete',
      'cases.restore',
    ] as const;
    expect(order.filter((n) => !SPECS.pipeline.some((s) => s.name === n))).toEqual([]);
    expect(SPECS.pipeline.filter((s) => !order.includes(s.name as never))).toEqual([]);
    expect(await tour(order.map(specOf), { seed: seedSales }, 6_2026_14)).toEqual([]);
  });

  it(
    'every step: refusals typed and harmless, the change log complete, every invariant held',
    async () => {
      await checkSequences(
        {
          specs,
          runs: RUNS,
          seed: 6_2026_04,
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
