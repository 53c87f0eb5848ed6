/**
 * Hostile sequences of contacts writes (issue 6): people and companies created, edited, deleted,
 * tagged in bulk, merged and given photos, custom fields, the Trash, undo of batches and leads,
 * with calls, tasks and orders hanging on the people so that merges, undos and purges move them.
 * Every step is checked as steps.ts says: the search index always matches the people and
 * companies, no tag link or phone is left without its owner, and every undo leaves the derived
 * fields (last contact, next call, primaries, sort keys) true to the rows.
 */
import { describeArea, seedContacts } from '../../helpers/properties/property.ts';
import { SPECS, specOf } from '../../helpers/properties/registry.ts';

describeArea({
  area: 'contacts',
  own: SPECS.contacts,
  others: [
    specOf('calls.log'),
    specOf('tasks.create'),
    specOf('notes.create'),
    specOf('orders.create'),
    specOf('deals.create'),
  ],
  runs: 10,
  seeds: { tour: 6_2026_12, sequences: 6_2026_02 },
  maxCommands: 100,
  world: { seed: seedContacts },
});
