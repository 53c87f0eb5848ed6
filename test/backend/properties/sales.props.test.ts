/**
 * Hostile sequences of sales writes (issue 6): the catalogue and its categories, order numbering,
 * orders with their lines, status moves, the Trash, with the people and companies they are for
 * being merged, deleted and restored. Every step is checked as steps.ts says: each order's totals
 * are the sums of its lines (each line by the rounding rule), its status history ends in its
 * status, and the sales summaries equal a recomputation from the orders.
 */
import { describeArea } from '../../helpers/properties/property.ts';
import { SPECS, specOf } from '../../helpers/properties/registry.ts';
import { seedSales } from '../../helpers/properties/sales.specs.ts';

describeArea({
  area: 'sales',
  own: SPECS.sales,
  others: [
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
  ],
  runs: 10,
  seeds: { tour: 6_2026_13, sequences: 6_2026_03 },
  maxCommands: 100,
  world: { seed: seedSales },
});
