/**
 * Hostile sequences of the privacy and audit writes (issue 6): consents recorded and withdrawn,
 * people erased for good (their orders kept under a stand-in, or not), the audit trail's keeping
 * time and export, mixed with everything that can hang on a person (calls, tasks, notes, orders,
 * deals, cases, merges, undo, the Trash). Every step is checked as steps.ts says: an erased person
 * leaves nothing that points at them, no search document, and every summary and derived field
 * still true.
 */
import { describeArea } from '../../helpers/properties/property.ts';
import { SPECS, specOf } from '../../helpers/properties/registry.ts';
import { seedSales } from '../../helpers/properties/sales.specs.ts';

describeArea({
  area: 'privacy',
  own: SPECS.privacy,
  others: [
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
  ],
  runs: 8,
  seeds: { tour: 6_2026_16, sequences: 6_2026_07 },
  maxCommands: 100,
  world: { seed: seedSales },
});
