/**
 * Hostile sequences of pipeline writes (issue 6): the stages of the pipeline, deals (with lines,
 * moved on the board, won, lost, reopened, made into orders) and cases, with the people,
 * companies, products and orders they name being deleted, merged and restored. Every step is
 * checked as steps.ts says: an open deal is always in a stage of the pipeline with a rank of its
 * own, a deal with lines is worth their net total, and an active case has no resolution.
 */
import { describeArea } from '../../helpers/properties/property.ts';
import { SPECS, specOf } from '../../helpers/properties/registry.ts';
import { seedSales } from '../../helpers/properties/sales.specs.ts';

describeArea({
  area: 'pipeline',
  own: SPECS.pipeline,
  // Deals are made again between the moves that close them, so each finds one to work on.
  tourOrder: [
    specOf('dealStages.set'),
    specOf('deals.create'),
    specOf('deals.update'),
    specOf('deals.move'),
    specOf('deals.lose'),
    specOf('deals.create'),
    specOf('deals.win'),
    specOf('deals.toOrder'),
    specOf('deals.reopen'),
    specOf('deals.delete'),
    specOf('deals.restore'),
    specOf('cases.create'),
    specOf('cases.update'),
    specOf('cases.setStatus'),
    specOf('cases.delete'),
    specOf('cases.restore'),
  ],
  others: [
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
  ],
  runs: 10,
  seeds: { tour: 6_2026_14, sequences: 6_2026_04 },
  maxCommands: 100,
  world: { seed: seedSales },
});
