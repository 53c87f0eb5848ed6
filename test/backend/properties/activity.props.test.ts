/**
 * Hostile sequences of activity writes (issue 6): calls, the editable lists, tasks, reminders and
 * notes, mixed with the people writes that move them (create, edit, delete, merge, the Trash and
 * undo). Every step is checked as steps.ts says; the derived call facts of every person (last
 * contact, last attempt, next call) must always equal what the live calls and call tasks imply.
 */
import { describeArea, seedContacts } from '../../helpers/properties/property.ts';
import { SPECS, specOf } from '../../helpers/properties/registry.ts';

describeArea({
  area: 'activity',
  own: SPECS.activity,
  others: [
    specOf('people.create'),
    specOf('people.update'),
    specOf('people.delete'),
    specOf('people.merge'),
    specOf('companies.create'),
    specOf('trash.restore'),
    specOf('trash.empty'),
    specOf('batches.undo'),
  ],
  runs: 10,
  seeds: { tour: 6_2026_11, sequences: 6_2026_01 },
  maxCommands: 100,
  world: { seed: seedContacts },
});
