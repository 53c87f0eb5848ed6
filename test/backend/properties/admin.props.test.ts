/**
 * Hostile sequences of the book-wide writes (issue 6): settings, set-up, staff profiles, jobs,
 * files chosen in the Open dialog, imports of every kind (CSV and vCard) and of an "export
 * everything" archive, exports, and snapshots taken, deleted and restored. Every step is checked as steps.ts says; an import or a restore must leave
 * the search index, the summaries and the derived person fields as true as any other write.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll } from 'vitest';
import { describeArea, seedContacts } from '../../helpers/properties/property.ts';
import { SPECS, specOf } from '../../helpers/properties/registry.ts';
import { runStep } from '../../helpers/properties/steps.ts';
import { seedCatalogue } from '../../helpers/properties/sales.specs.ts';
import { openWorld, type World } from '../../helpers/properties/world.ts';
import { makeTempDir } from '../../helpers/book.ts';

/** An "export everything" archive of a small book, for import.archive to read into an empty one. */
let archive = '';
beforeAll(async () => {
  const w = await openWorld({ seed: seedContacts, idPrefix: 'archived' });
  try {
    await seedCatalogue(w);
    w.dialogs.saveChosen = true;
    const done = await w.b.client.call('export.everything', {});
    const kept = path.join(makeTempDir('ledgerline-props-archive-'), 'everything.zip');
    fs.copyFileSync(done.path as string, kept);
    archive = kept;
  } finally {
    await w.close();
  }
}, 60_000);

/** A world that starts by reading a whole book back into its empty one (checked as a step). */
const world = () => ({
  archive,
  seed: (w: World) =>
    runStep(
      w,
      specOf('import.archive'),
      { p: 'archive', broken: null, advance: 0 },
      'import.archive (first)',
    ),
});

describeArea({
  area: 'book-wide',
  own: SPECS.admin,
  others: [
    specOf('people.create'),
    specOf('people.update'),
    specOf('companies.create'),
    specOf('calls.log'),
    specOf('notes.create'),
    specOf('orders.create'),
    specOf('people.merge'),
    specOf('batches.undo'),
    specOf('trash.empty'),
  ],
  runs: 8,
  seeds: { tour: 6_2026_15, sequences: 6_2026_05 },
  maxCommands: 60,
  world,
  tourTimeout: 60_000,
});
