/**
 * Backups on a real book: the snapshots listed newest first (when, why, what they hold, size, why
 * kept), a restore previewed record kind by record kind and then done (the book as it was kept as
 * a snapshot), the folder refused next to its field, the menu's and the palette's "Take a
 * snapshot now". A damaged book and a book in a synced folder are states a test book cannot be
 * put in, so there the overview is answered for the backend.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  BackupOverview,
  SnapshotDiff,
  SnapshotInfo,
} from '../../shared/api/requests/backups.requests.ts';
import { makeTempDir, openTestBook, setUp, type TestBook } from '../helpers/book.ts';
import { renderApp, type RenderedApp } from './render-app.tsx';

let book: TestBook;
let app: RenderedApp | undefined;

beforeEach(async () => {
  // Listing, taking and comparing snapshots run as jobs: start their workers with the book.
  book = await openTestBook({ prewarmJobs: true });
  await setUp(book.client);
});

afterEach(async () => {
  app?.stop();
  app = undefined;
  await book.close();
});

const HOUR = 3_600_000;
/** Snapshots are listed, taken, compared and restored by job workers: give those tests time. */
const SLOW = { timeout: 60_000 };
/** How long a comparison (a job reading both books) may take on a busy machine. */
const COMPARING = 15_000;
/** The health bar asks for the overview once the first screen has settled (at most 8 s). */
const BANNER = 12_000;

async function addPerson(givenName: string, familyName: string) {
  return book.client.call('people.create', { person: { givenName, familyName } });
}

async function start(options: Parameters<typeof renderApp>[1] = {}): Promise<RenderedApp> {
  app = renderApp(book, options);
  await screen.findByRole('heading', { name: 'Today', level: 1 });
  return app;
}

async function openBackups(a: RenderedApp) {
  await a.user.click(
    within(screen.getByRole('navigation', { name: 'Sidebar' })).getByRole('button', { name: 'Backups' }),
  );
  await screen.findByRole('heading', { name: 'Backups', level: 1 });
  // The first list waits for a job worker to start (seconds on a busy machine).
  await screen.findByRole('heading', { name: 'Snapshot settings' }, { timeout: 15_000 });
  return screen.queryByRole('table', { name: 'Snapshots' });
}

async function openSnapshots(a: RenderedApp) {
  await openBackups(a);
  return screen.getByRole('table', { name: 'Snapshots' });
}

/** The snapshots table's rows, as their names ("Snapshot of Sun 22 Nov 2026, 09:00"). */
const rowNames = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) => r.getAttribute('aria-label'));

const cellTexts = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent);

describe('the snapshot list', SLOW, () => {
  it('lists the snapshots newest first with when, why, what they hold, size and why they are kept', async () => {
    await addPerson('Ann', 'Archer');
    const first = await book.client.call('backups.take', {});
    book.clock.advance(2 * HOUR);
    await addPerson('Bob', 'Baker');
    const a = await start();
    const table = await openSnapshots(a);

    const older = within(table).getByRole('row', { name: 'Snapshot of Sun 22 Nov 2026, 09:00' });
    expect(within(older).getByRole('rowheader').textContent).toBe('Sun 22 Nov 2026, 09:002 hours ago');
    expect(within(older).getByText('Sun 22 Nov 2026, 09:00').getAttribute('title')).toBe(
      'Sunday, 22 November 2026, 09:00',
    );
    const [why, holds, size, kept] = cellTexts(older);
    expect(why).toBe('Taken by you');
    expect(holds).toBe('1 person');
    expect(size).toMatch(/^[\d.]+ (KB|MB)$/u);
    expect(kept).toBe('Until you delete it');
    expect(first.reason).toBe('manual');

    // Take one now: it comes first, holding both people, and a note says so.
    await a.user.click(screen.getByRole('button', { name: 'Take a snapshot now' }));
    await screen.findByText(/^Took a snapshot of the book \([\d.]+ (KB|MB)\)\.$/u, {}, { timeout: 15_000 });
    await waitFor(() => expect(rowNames(table)[0]).toBe('Snapshot of Sun 22 Nov 2026, 11:00'));
    expect(rowNames(table)).toContain('Snapshot of Sun 22 Nov 2026, 09:00');
    const newest = within(table).getByRole('row', { name: 'Snapshot of Sun 22 Nov 2026, 11:00' });
    expect(cellTexts(newest).slice(0, 2)).toEqual(['Taken by you', '2 people']);
    expect(a.h.count('backups.take')).toBe(1);

    // The book's card says when the last one was taken.
    expect(screen.getByText(/^Last snapshot/u).textContent).toMatch(
      /^Last snapshot: now · 2 snapshots, [\d.]+ (KB|MB) in all$/u,
    );
  });

  it('deletes a snapshot after asking', async () => {
    await addPerson('Ann', 'Archer');
    await book.client.call('backups.take', {});
    book.clock.advance(HOUR);
    await book.client.call('backups.take', {});
    const a = await start();
    const table = await openSnapshots(a);
    expect(rowNames(table)).toEqual([
      'Snapshot of Sun 22 Nov 2026, 10:00',
      'Snapshot of Sun 22 Nov 2026, 09:00',
    ]);

    await a.user.click(screen.getByRole('button', { name: 'Delete the snapshot of Sun 22 Nov 2026, 09:00' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Delete the snapshot of Sun 22 Nov 2026, 09:00?',
    });
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toBe(document.activeElement);
    await a.user.click(within(dialog).getByRole('button', { name: 'Delete snapshot' }));
    await screen.findByText('Deleted the snapshot of Sun 22 Nov 2026, 09:00.', {}, { timeout: 15_000 });
    await waitFor(() => expect(rowNames(table)).toEqual(['Snapshot of Sun 22 Nov 2026, 10:00']));
    const left = await book.client.call('backups.overview', {});
    expect(left.snapshots.map((s) => s.takenAt)).toEqual([book.clock()]);

    // The last one gone, the list says what snapshots are for and offers the first.
    await a.user.click(screen.getByRole('button', { name: 'Delete the snapshot of Sun 22 Nov 2026, 10:00' }));
    await a.user.click(
      within(await screen.findByRole('dialog', { name: /^Delete the snapshot/u })).getByRole('button', {
        name: 'Delete snapshot',
      }),
    );
    await screen.findByText('No snapshots yet');
    expect(screen.getAllByRole('button', { name: 'Take a snapshot now' })).toHaveLength(2);
  });
});

describe('restore', SLOW, () => {
  it('previews what a restore would bring back and lose, restores, and keeps the book as it was', async () => {
    await addPerson('Ann', 'Archer');
    const bob = await addPerson('Bob', 'Baker');
    await book.client.call('backups.take', {});
    book.clock.advance(HOUR);
    // A mistake: Bob deleted and the Trash emptied. Cy is added since.
    await book.client.call('people.delete', { ids: [bob.id] });
    await book.client.call('trash.empty', {});
    await addPerson('Cy', 'Cole');
    const a = await start();
    await openBackups(a);

    await a.user.click(
      screen.getByRole('button', { name: 'Restore the snapshot of Sun 22 Nov 2026, 09:00…' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Restore the snapshot of Sun 22 Nov 2026, 09:00?',
    });
    const diff = await within(dialog).findByRole(
      'table',
      { name: 'What restoring this snapshot would do' },
      { timeout: COMPARING },
    );
    expect(
      within(diff)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Records', 'Now', 'In the snapshot', 'Would come back', 'Would be lost', 'Would change back']);
    const people = within(diff).getByRole('row', { name: /^People/u });
    // Now Ann and Cy; then Ann and Bob: Bob comes back, Cy is lost.
    expect(cellTexts(people)).toEqual(['2', '2', '+1', '−1', '0']);
    expect(people.className).toContain('backups-diff__row--loss');
    expect(
      within(dialog).getByText('Restoring this snapshot brings back 1 person and loses 1 person.'),
    ).toBeTruthy();
    expect(within(dialog).getByText(/First the book as it is now is kept as a snapshot/u)).toBeTruthy();

    await a.user.click(within(dialog).getByRole('button', { name: 'Restore this snapshot' }));
    await screen.findByText(
      'Restored the snapshot of Sun 22 Nov 2026, 09:00. The book as it was is kept as a snapshot: restore it to undo.',
      {},
      { timeout: 15_000 },
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(a.h.count('backups.restore')).toBe(1);

    // Bob is back, Cy is not; the book as it was is listed as "Before a restore".
    const names = (await book.client.call('people.list', { limit: 10 })).rows.map((p) => p.displayName);
    expect(names.sort()).toEqual(['Ann Archer', 'Bob Baker']);
    const table = screen.getByRole('table', { name: 'Snapshots' });
    const safety = await within(table).findByRole('row', { name: 'Snapshot of Sun 22 Nov 2026, 10:00' });
    expect(cellTexts(safety).slice(0, 2)).toEqual(['Before a restore', '2 people']);

    // Undo on the note restores that one: Cy is back and Bob gone again.
    await a.user.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByText('Put the book back as it was before the restore.', {}, { timeout: 15_000 });
    const after = (await book.client.call('people.list', { limit: 10 })).rows.map((p) => p.displayName);
    expect(after.sort()).toEqual(['Ann Archer', 'Cy Cole']);
  });

  it('shows a failed restore’s message in the dialog and changes nothing', async () => {
    await addPerson('Ann', 'Archer');
    await book.client.call('backups.take', {});
    book.clock.advance(HOUR);
    const a = await start();
    await openBackups(a);
    await a.user.click(
      screen.getByRole('button', { name: 'Restore the snapshot of Sun 22 Nov 2026, 09:00…' }),
    );
    const dialog = await screen.findByRole('dialog', { name: /^Restore the snapshot/u });
    await within(dialog).findByRole('table', {}, { timeout: COMPARING });
    a.h.failNext('backups.restore');
    await a.user.click(within(dialog).getByRole('button', { name: 'Restore this snapshot' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'Something went wrong inside Ledgerline, so nothing was changed.',
    );
    expect(within(dialog).getByRole('button', { name: 'Restore this snapshot' })).toHaveProperty(
      'disabled',
      false,
    );
  });
});

describe('settings', SLOW, () => {
  it('refuses a folder next to its field, then takes another and goes back to the default', async () => {
    const a = await start();
    await openBackups(a);
    const defaultFolder = (await book.client.call('backups.overview', {})).defaultFolder;

    // No folder dialog outside the desktop app: the path is typed.
    await a.user.click(screen.getByRole('button', { name: 'Change folder…' }));
    const field = await screen.findByRole('textbox', { name: 'Snapshots folder' });
    await a.user.clear(field);
    await a.user.type(field, 'not/a/full/path');
    await a.user.click(screen.getByRole('button', { name: 'Use this folder' }));
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    const error = document.getElementById(field.getAttribute('aria-describedby')!);
    expect(error?.textContent).toMatch(/^Enter the whole path of the folder/u);
    expect((await book.client.call('backups.overview', {})).folder).toBe(defaultFolder);

    const elsewhere = makeTempDir('ledgerline-snapshots-');
    await a.user.clear(field);
    await a.user.type(field, elsewhere);
    await a.user.click(screen.getByRole('button', { name: 'Use this folder' }));
    await screen.findByRole('button', { name: 'Use the default folder' });
    expect(screen.queryByRole('textbox', { name: 'Snapshots folder' })).toBeNull();
    expect(screen.getByText(elsewhere)).toBeTruthy();
    expect((await book.client.call('backups.overview', {})).folder).toBe(elsewhere);

    await a.user.click(screen.getByRole('button', { name: 'Use the default folder' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Use the default folder' })).toBeNull());
    expect((await book.client.call('backups.overview', {})).folder).toBe(defaultFolder);
  });

  it('turns the snapshot before imports and merges off and on', async () => {
    const a = await start();
    await openBackups(a);
    const box = screen.getByRole('checkbox', { name: 'Take a snapshot before every import and merge' });
    expect(box).toHaveProperty('checked', true);
    await a.user.click(box);
    await waitFor(async () =>
      expect((await book.client.call('backups.overview', {})).beforeChanges).toBe(false),
    );
    // The book has it before the window does: the box follows once the answer has come back.
    await waitFor(() => expect(box).toHaveProperty('checked', false));
    await a.user.click(box);
    await waitFor(async () =>
      expect((await book.client.call('backups.overview', {})).beforeChanges).toBe(true),
    );
  });

  it('uses the folder the desktop app’s dialog chose', async () => {
    const elsewhere = makeTempDir('ledgerline-snapshots-');
    const a = await start({
      beforeRender: (h) => {
        h.intercept('backups.chooseFolder', async () => ({ ok: true, value: { folder: elsewhere } }));
      },
    });
    await openBackups(a);
    await a.user.click(screen.getByRole('button', { name: 'Change folder…' }));
    await screen.findByText(elsewhere);
    expect((await book.client.call('backups.overview', {})).folder).toBe(elsewhere);
  });
});

describe('taking a snapshot from elsewhere', SLOW, () => {
  it('takes one when the desktop menu asks (File > Take a snapshot now), on the Backups screen', async () => {
    const a = await start();
    book.hub.emit('menu.command', { command: 'backups.take' });
    await screen.findByRole('heading', { name: 'Backups', level: 1 });
    await screen.findByText(/^Took a snapshot of the book/u, {}, { timeout: 15_000 });
    expect(a.h.count('backups.take')).toBe(1);
    // Anything else on that channel is ignored.
    book.hub.emit('menu.command', { command: 'format.disk' });
    await new Promise((r) => setTimeout(r, 50));
    expect(a.h.count('backups.take')).toBe(1);
  });

  it('is in the palette, with Backups', async () => {
    const a = await start();
    await a.user.keyboard('{Control>}k{/Control}');
    const dialog = screen.getByRole('dialog', { name: 'Command palette' });
    await a.user.type(within(dialog).getByRole('combobox'), 'snapshot');
    const options = within(dialog)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options.slice(0, 2)).toEqual(['Take a snapshot now', 'Go to Backups']);
    await a.user.keyboard('{Enter}');
    await screen.findByRole('heading', { name: 'Backups', level: 1 });
    await screen.findByText(/^Took a snapshot of the book/u, {}, { timeout: 15_000 });
    expect(a.h.count('backups.take')).toBe(1);
  });
});

// ---------- States a test book cannot be put in: the overview answered for the backend ----------

function snapshot(over: Partial<SnapshotInfo> & Pick<SnapshotInfo, 'file' | 'takenAt'>): SnapshotInfo {
  return {
    reason: 'daily',
    bytes: 2_400_000,
    schemaVersion: 1,
    counts: {
      people: 120,
      companies: 14,
      calls: 300,
      tasks: 8,
      notes: 0,
      products: 0,
      orders: 5,
      deals: 0,
      cases: 1,
    },
    keptAs: 'daily',
    problem: null,
    ...over,
  };
}

const T = Date.UTC(2026, 10, 22, 9, 0);

function overview(over: Partial<BackupOverview['book']>): BackupOverview {
  return {
    folder: '/home/ada/.config/Ledgerline/book/snapshots',
    defaultFolder: '/home/ada/.config/Ledgerline/book/snapshots',
    beforeChanges: true,
    freeBytes: 80_000_000_000,
    snapshots: [
      snapshot({
        file: 'newest.sqlite',
        takenAt: T - HOUR,
        counts: null,
        problem: 'It is damaged (quick_check: database disk image is malformed).',
      }),
      snapshot({ file: 'good.sqlite', takenAt: T - 25 * HOUR }),
      snapshot({ file: 'older.sqlite', takenAt: T - 49 * HOUR }),
    ],
    book: {
      path: '/home/ada/.config/Ledgerline/book/ledgerline.sqlite',
      bytes: 2_500_000,
      damaged: false,
      problems: [],
      location: null,
      ...over,
    },
  };
}

const diff: SnapshotDiff = {
  file: 'good.sqlite',
  rows: [
    { table: 'people', now: 118, snapshot: 120, added: 2, lost: 0, changed: 3 },
    { table: 'calls', now: 301, snapshot: 300, added: 0, lost: 1, changed: 0 },
    { table: 'notes', now: 0, snapshot: 0, added: 0, lost: 0, changed: 0 },
  ],
};

describe('a damaged book', SLOW, () => {
  it('says so on every screen and offers the newest good snapshot and an export', async () => {
    const a = await start({
      beforeRender: (h) => {
        h.intercept('backups.overview', async () => ({
          ok: true,
          value: overview({
            damaged: true,
            problems: ['*** in database main *** Page 12: btreeInitPage() returns error code 11'],
          }),
        }));
        h.intercept('backups.compare', async () => ({ ok: true, value: diff }));
      },
    });
    // Above Today: the bar, with the newest snapshot that can be restored (not the damaged newest).
    const bar = await screen.findByRole('alert', {}, { timeout: BANNER });
    expect(bar.textContent).toContain('The customer book was found damaged.');
    await a.user.click(
      within(bar).getByRole('button', { name: 'Restore the snapshot of Sat 21 Nov 2026, 08:00…' }),
    );

    // It leads to Backups, with the Restore dialog for that snapshot open.
    await screen.findByRole('heading', { name: 'Backups', level: 1 });
    const dialog = await screen.findByRole('dialog', {
      name: 'Restore the snapshot of Sat 21 Nov 2026, 08:00?',
    });
    const table = await within(dialog).findByRole('table');
    expect(cellTexts(within(table).getByRole('row', { name: /^People/u }))).toEqual([
      '118',
      '120',
      '+2',
      '0',
      '3',
    ]);
    expect(cellTexts(within(table).getByRole('row', { name: /^Calls/u }))).toEqual([
      '301',
      '300',
      '0',
      '−1',
      '0',
    ]);
    // Kinds with nothing on either side are left out.
    expect(within(table).queryByRole('row', { name: /^Notes/u })).toBeNull();
    expect(
      within(dialog).getByText(
        'Restoring this snapshot brings back 2 people, loses 1 call and puts back the snapshot’s version of 3 people.',
      ),
    ).toBeTruthy();
    // Something would be lost: the button says so by its colour.
    expect(within(dialog).getByRole('button', { name: 'Restore this snapshot' }).className).toContain(
      'btn--destructive',
    );
    await a.user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    // The panel on Backups: what happened, what the check found, and the two ways out.
    const panel = screen.getByRole('region', { name: 'The customer book was found damaged' });
    expect(within(panel).getByText('What the check found')).toBeTruthy();
    expect(within(panel).getByText(/btreeInitPage/u)).toBeTruthy();
    expect(
      within(panel).getByRole('button', {
        name: 'Restore the newest good snapshot (Sat 21 Nov 2026, 08:00)',
      }),
    ).toBeTruthy();
    expect(within(panel).getByRole('button', { name: 'Export everything' })).toBeTruthy();
    // The bar is not repeated on Backups itself.
    expect(screen.queryByText('The customer book was found damaged.')).toBeNull();

    // The damaged snapshot says why and cannot be restored.
    const list = screen.getByRole('table', { name: 'Snapshots' });
    const bad = within(list).getByRole('row', { name: 'Snapshot of Sun 22 Nov 2026, 08:00' });
    expect(bad.textContent).toContain('It is damaged (quick_check: database disk image is malformed).');
    const restore = within(bad).getByRole('button', { name: /^Restore the snapshot/u });
    expect(restore).toHaveProperty('disabled', true);
    expect(document.getElementById(restore.getAttribute('aria-describedby')!)?.textContent).toContain(
      'It is damaged',
    );
  });

  it('says when there is no good snapshot to restore', async () => {
    const a = await start({
      beforeRender: (h) => {
        const o = overview({ damaged: true });
        h.intercept('backups.overview', async () => ({
          ok: true,
          value: { ...o, snapshots: o.snapshots.slice(0, 1) },
        }));
      },
    });
    const bar = await screen.findByRole('alert', {}, { timeout: BANNER });
    expect(within(bar).queryByRole('button', { name: /^Restore/u })).toBeNull();
    await a.user.click(within(bar).getByRole('button', { name: 'Open Backups' }));
    const panel = await screen.findByRole('region', { name: 'The customer book was found damaged' });
    expect(panel.textContent).toContain('There is no good snapshot to restore');
    expect(within(panel).queryByRole('button', { name: /^Restore/u })).toBeNull();
    expect(within(panel).getByRole('button', { name: 'Export everything' })).toBeTruthy();
  });
});

describe('the check after a large book opens', SLOW, () => {
  it('shows the bar as soon as the check finds damage', async () => {
    let damaged = false;
    const a = await start({
      beforeRender: (h) => {
        h.intercept('backups.overview', async () => ({ ok: true, value: overview({ damaged }) }));
      },
    });
    await waitFor(() => expect(a.h.count('backups.overview')).toBe(1), { timeout: BANNER });
    expect(screen.queryByRole('alert')).toBeNull();
    damaged = true;
    book.hub.emit('job.progress', {
      jobId: 'check-1',
      kind: 'book.check',
      done: 1,
      total: 1,
      message: '',
      state: 'done',
      cancellable: false,
    });
    const bar = await screen.findByRole('alert');
    expect(bar.textContent).toContain('The customer book was found damaged.');
  });
});

describe('a book in a synced folder', SLOW, () => {
  it('warns once at start and explains on Backups', async () => {
    const message =
      'The book is in a OneDrive folder. OneDrive copies the book and its journal files separately, which can damage it. Move it to a folder that is not synced.';
    const a = await start({
      beforeRender: (h) => {
        h.intercept('backups.overview', async () => ({
          ok: true,
          value: overview({
            path: 'C:\\Users\\ada\\OneDrive\\Ledgerline\\ledgerline.sqlite',
            location: { kind: 'onedrive', message },
          }),
        }));
      },
    });
    await screen.findByText(
      'The customer book is in a OneDrive folder, where it can be damaged.',
      {},
      { timeout: BANNER },
    );
    await a.user.click(screen.getByRole('button', { name: 'Why' }));
    const panel = await screen.findByRole('region', { name: 'The customer book is in a OneDrive folder' });
    expect(within(panel).getByText(message)).toBeTruthy();
    // What the snapshots hold, in short.
    const list = screen.getByRole('table', { name: 'Snapshots' });
    const good = within(list).getByRole('row', { name: 'Snapshot of Sat 21 Nov 2026, 08:00' });
    expect(cellTexts(good)).toEqual([
      'Daily',
      '120 people · 14 companies · 300 calls · 8 tasks · 5 orders · 1 case',
      '2.3 MB',
      'Day’s copy',
      'Restore…',
    ]);
    expect(screen.getByText('74.5 GB free on that drive')).toBeTruthy();
  });
});
