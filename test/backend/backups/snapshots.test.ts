/**
 * Taking and listing snapshots on a real book (issue 6): the file and its sidecar, the checks,
 * the list with its counts and problems, the folder setting, the snapshot before imports and
 * merges (and the rule that turns it off), the daily snapshot, rotation on disk, deleting, and
 * names that are not a snapshot's.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors.ts';
import { SCHEMA_VERSION } from '../../../electron/db/migrations.ts';
import { fixedClock, makeTempDir } from '../../helpers/book.ts';
import { makeReadOnly } from '../../helpers/fs.ts';
import { inspectFile, planOf } from '../import/import-helpers.ts';
import { backupsDir, corruptPeople, readBook, snapshotFiles, useBooks } from './backups-helpers.ts';

const { book, bookWithPeople, close } = useBooks();
const DAY = 86_400_000;

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('taking a snapshot', () => {
  it('writes a checked single-file copy and its sidecar, leaving no temporary file', async () => {
    const { b } = await bookWithPeople();
    const taken = await b.client.call('backups.take', {});
    const dir = backupsDir(b);
    expect(taken).toMatchObject({
      reason: 'manual',
      keptAs: 'manual',
      takenAt: b.clock(),
      schemaVersion: SCHEMA_VERSION,
      problem: null,
      counts: { people: 4, companies: 1, calls: 0, cases: 0 },
    });
    expect(taken.file).toBe('customer-book-manual-2026-11-22T09-00-00-000Z.sqlite');
    // Only the snapshot and its sidecar: no .partial, no -wal, -shm or -journal.
    expect(fs.readdirSync(dir).sort()).toEqual([taken.file, `${taken.file}.json`]);
    const file = path.join(dir, taken.file);
    expect(taken.bytes).toBe(fs.statSync(file).size);
    readBook(file, (db) => {
      expect(db.pragma('quick_check', { simple: true })).toBe('ok');
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(db.prepare(`SELECT count(*) FROM people`).pluck().get()).toBe(4);
    });
    expect(fs.readdirSync(dir).sort()).toEqual([taken.file, `${taken.file}.json`]); // reading made none
    const sidecar = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as Record<string, unknown>;
    expect(sidecar).toMatchObject({
      reason: 'manual',
      takenAt: b.clock(),
      bytes: taken.bytes,
      counts: taken.counts,
    });
    // A second one in the same millisecond gets a name of its own.
    const again = await b.client.call('backups.take', {});
    expect(again.file).toBe('customer-book-manual-2026-11-22T09-00-00-000Z-2.sqlite');
  });

  it('removes what a killed copy left behind, and not a copy still being written', async () => {
    const { b } = await bookWithPeople();
    const dir = backupsDir(b);
    fs.mkdirSync(dir);
    const stale = path.join(dir, '.customer-book-daily-2026-11-21T09-00-00-000Z.sqlite.partial');
    const fresh = path.join(dir, '.customer-book-daily-2026-11-22T08-59-00-000Z.sqlite.partial');
    fs.writeFileSync(stale, 'half a copy');
    fs.writeFileSync(fresh, 'a copy being written');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    fs.utimesSync(stale, twoHoursAgo, twoHoursAgo);
    const taken = await b.client.call('backups.take', {});
    expect(fs.readdirSync(dir).sort()).toEqual(
      [path.basename(fresh), taken.file, `${taken.file}.json`].sort(),
    );
  });

  it('reports progress as a job while it copies', async () => {
    const { b } = await bookWithPeople();
    await b.client.call('backups.take', {});
    const progress = b.events.filter(
      (e) => e.event === 'job.progress' && (e.payload as { kind: string }).kind === 'backups.take',
    );
    expect(progress.at(0)?.payload).toMatchObject({ state: 'running', cancellable: true });
    expect(progress.at(-1)?.payload).toMatchObject({ state: 'done' });
  });
});

describe('the overview', () => {
  it('lists snapshots newest first with their live record counts, and the book and its folder', async () => {
    const { b, people } = await bookWithPeople();
    const first = await b.client.call('backups.take', {});
    await b.client.call('people.delete', { ids: [people.Bob!] }); // to the Trash: not counted
    await b.client.call('notes.create', { personId: people.Ann!, body: 'Called back.' });
    b.clock.advance(60_000);
    const second = await b.client.call('backups.take', {});
    const o = await b.client.call('backups.overview', {});
    expect(o.snapshots.map((s) => s.file)).toEqual([second.file, first.file]);
    expect(o.snapshots[0]?.counts).toMatchObject({ people: 3, notes: 1, companies: 1 });
    expect(o.snapshots[1]?.counts).toMatchObject({ people: 4, notes: 0 });
    expect(o).toMatchObject({
      folder: backupsDir(b),
      defaultFolder: backupsDir(b),
      beforeChanges: true,
      book: { path: b.book.path, damaged: false, problems: [], location: null },
    });
    // The write-ahead log holds the newest writes; the book's size counts it.
    const wal = fs.statSync(`${b.book.path}-wal`, { throwIfNoEntry: false })?.size ?? 0;
    expect(wal).toBeGreaterThan(0);
    expect(o.book.bytes).toBe(fs.statSync(b.book.path).size + wal);
    expect(o.freeBytes).toBeGreaterThan(0);
  });

  it('reads a snapshot without a sidecar from the file, once, and writes the sidecar then', async () => {
    const { b } = await bookWithPeople();
    const taken = await b.client.call('backups.take', {});
    const sidecar = path.join(backupsDir(b), `${taken.file}.json`);
    fs.rmSync(sidecar);
    const [listed] = (await b.client.call('backups.overview', {})).snapshots;
    expect(listed).toEqual(taken);
    expect(fs.existsSync(sidecar)).toBe(true);
  });

  it('looks again at a snapshot changed since its sidecar was written, even at the same size', async () => {
    const { b } = await bookWithPeople();
    const taken = await b.client.call('backups.take', {});
    const full = path.join(backupsDir(b), taken.file);
    // Damage inside the people table, keeping the size: the sidecar alone would still say "fine".
    const size = fs.statSync(full).size;
    corruptPeople(full);
    expect(fs.statSync(full).size).toBe(size);
    const later = new Date(fs.statSync(full).mtimeMs + 5_000);
    fs.utimesSync(full, later, later);
    const [listed] = (await b.client.call('backups.overview', {})).snapshots;
    expect(listed).toMatchObject({
      file: taken.file,
      problem: expect.stringMatching(/damaged/u),
      counts: null,
    });
  });

  it('lists the copy openBook took before an update as "before-update"', async () => {
    const { b } = await bookWithPeople();
    // As openBook names it (its own test checks that it does).
    const name = 'customer-book-before-update-2026-11-20T08-00-00-000Z.sqlite';
    fs.mkdirSync(backupsDir(b));
    await b.book.sqlite.backup(path.join(backupsDir(b), name)); // a WAL-mode copy, no sidecar
    const [listed] = (await b.client.call('backups.overview', {})).snapshots;
    expect(listed).toMatchObject({
      file: name,
      reason: 'before-update',
      takenAt: Date.UTC(2026, 10, 20, 8),
      problem: null,
      counts: { people: 4 },
    });
    // Looking at it read-only left no -wal or -shm behind.
    expect(fs.readdirSync(backupsDir(b)).sort()).toEqual([name, `${name}.json`]);
  });

  it('gives a file that is not a usable snapshot a problem, and keeps it', async () => {
    const { b } = await bookWithPeople();
    const dir = backupsDir(b);
    const taken = await b.client.call('backups.take', {});
    fs.writeFileSync(
      path.join(dir, 'notes.sqlite'),
      'not a database at all, just some text that is long enough',
    );
    const other = new Database(path.join(dir, 'other-program.sqlite'));
    other.exec(`CREATE TABLE t (x); INSERT INTO t VALUES (1)`);
    other.close();
    // A newer Ledgerline's book: one migration this build does not know.
    const newer = path.join(dir, 'customer-book-manual-2026-11-21T08-00-00-000Z.sqlite');
    fs.copyFileSync(path.join(dir, taken.file), newer);
    const db = new Database(newer);
    db.prepare(`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_future', 'x')`).run();
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    // A damaged copy.
    const damaged = path.join(dir, 'customer-book-manual-2026-11-20T08-00-00-000Z.sqlite');
    fs.copyFileSync(path.join(dir, taken.file), damaged);
    corruptPeople(damaged);

    const byFile = Object.fromEntries(
      (await b.client.call('backups.overview', {})).snapshots.map((s) => [s.file, s]),
    );
    expect(byFile['notes.sqlite']?.problem).toMatch(/not an SQLite database/u);
    expect(byFile['other-program.sqlite']?.problem).toMatch(/database of another program/u);
    expect(byFile[path.basename(newer)]).toMatchObject({ schemaVersion: SCHEMA_VERSION + 1 });
    expect(byFile[path.basename(newer)]?.problem).toMatch(/newer version of Ledgerline/u);
    expect(byFile[path.basename(damaged)]?.problem).toMatch(/damaged/u);
    expect(byFile[taken.file]?.problem).toBeNull();
    // Files it does not know as this book's snapshots are never rotated away.
    expect(byFile['notes.sqlite']?.keptAs).toBe('manual');
    expect(snapshotFiles(dir)).toHaveLength(5);
  });
});

describe('the snapshots folder', () => {
  it('moves new snapshots to a chosen folder, and back to the default with null', async () => {
    const { b } = await bookWithPeople();
    const elsewhere = path.join(makeTempDir(), 'on', 'another', 'drive');
    const o = await b.client.call('backups.settings', { folder: elsewhere });
    expect(o.folder).toBe(elsewhere);
    expect(fs.statSync(elsewhere).isDirectory()).toBe(true); // made for it
    const taken = await b.client.call('backups.take', {});
    expect(snapshotFiles(elsewhere)).toEqual([taken.file]);
    expect(snapshotFiles(backupsDir(b))).toEqual([]);
    const back = await b.client.call('backups.settings', { folder: null });
    expect(back.folder).toBe(backupsDir(b));
    expect(back.snapshots).toEqual([]);
  });

  it('refuses a folder it cannot write in, or a relative path, and changes nothing', async () => {
    const { b } = await bookWithPeople();
    const parent = makeTempDir();
    const locked = path.join(parent, 'locked');
    fs.mkdirSync(locked);
    const changes = () => b.book.sqlite.prepare(`SELECT count(*) FROM changes`).pluck().get();
    const before = changes();
    const undo = makeReadOnly(locked);
    try {
      const err = await failure(b.client.call('backups.settings', { folder: locked }));
      expect(err.code).toBe('VALIDATION');
      expect(err.message).toMatch(/cannot write in .*locked/u);
      expect(err.message).toMatch(/was not changed/u);
      // A folder that would have to be made inside it is refused too, and nothing is left made.
      const inside = await failure(b.client.call('backups.settings', { folder: path.join(locked, 'sub') }));
      expect(inside.code).toBe('VALIDATION');
      expect(fs.readdirSync(locked)).toEqual([]);
    } finally {
      undo();
    }
    const relative = await failure(b.client.call('backups.settings', { folder: 'backups/elsewhere' }));
    expect(relative.code).toBe('VALIDATION');
    expect(relative.message).toMatch(/whole path/u);
    const file = path.join(parent, 'a-file');
    fs.writeFileSync(file, 'x');
    expect((await failure(b.client.call('backups.settings', { folder: file }))).message).toMatch(
      /is a file/u,
    );
    expect(changes()).toBe(before);
    expect((await b.client.call('backups.overview', {})).folder).toBe(backupsDir(b));
  });

  it('offers the desktop folder dialog, and answers null without one', async () => {
    const chosen = makeTempDir();
    const asked: unknown[] = [];
    const withDialog = await book({
      dialogs: {
        open: () => Promise.resolve(null),
        save: () => Promise.resolve(null),
        chooseFolder: (o) => {
          asked.push(o);
          return Promise.resolve(chosen);
        },
      },
    });
    expect(await withDialog.client.call('backups.chooseFolder', {})).toEqual({ folder: chosen });
    expect(asked).toEqual([{ title: 'Choose a folder for snapshots', defaultPath: backupsDir(withDialog) }]);
    const preview = await book();
    expect(await preview.client.call('backups.chooseFolder', {})).toBeNull();
  });
});

describe('snapshots before changes', () => {
  const CSV = 'Name,Email\r\nZed Quinn,zed@example.com\r\n';

  it('takes one before an import runs, none for its preview', async () => {
    const { b } = await bookWithPeople();
    const plan = planOf(await inspectFile(b, 'people.csv', CSV));
    await b.client.call('import.preview', plan);
    expect(snapshotFiles(backupsDir(b))).toEqual([]);
    await b.client.call('import.run', plan);
    const [snap] = (await b.client.call('backups.overview', {})).snapshots;
    expect(snap).toMatchObject({ reason: 'before-import', keptAs: 'recent', counts: { people: 4 } });
    expect(snapshotFiles(backupsDir(b))).toHaveLength(1);
  });

  it('takes one before a merge, and none for a merge that is refused anyway', async () => {
    const { b, people } = await bookWithPeople();
    const self = await failure(b.client.call('people.merge', { keepId: people.Ann!, mergeId: people.Ann! }));
    expect(self.code).toBe('CONFLICT');
    expect(snapshotFiles(backupsDir(b))).toEqual([]);
    await b.client.call('people.merge', { keepId: people.Ann!, mergeId: people.Bob! });
    const [snap] = (await b.client.call('backups.overview', {})).snapshots;
    expect(snap).toMatchObject({ reason: 'before-merge', counts: { people: 4 } });
  });

  it('takes none when the rule is turned off', async () => {
    const { b, people } = await bookWithPeople();
    expect((await b.client.call('backups.settings', { beforeChanges: false })).beforeChanges).toBe(false);
    await b.client.call('import.run', planOf(await inspectFile(b, 'people.csv', CSV)));
    await b.client.call('people.merge', { keepId: people.Ann!, mergeId: people.Bob! });
    expect(snapshotFiles(backupsDir(b))).toEqual([]);
    expect((await b.client.call('people.count', { filter: {} })).count).toBe(4); // 4 + Zed - Bob
  });

  it('stops the import with a clear error when the snapshot cannot be written, changing nothing', async () => {
    const { b } = await bookWithPeople();
    const folder = path.join(makeTempDir(), 'snapshots');
    await b.client.call('backups.settings', { folder });
    const plan = planOf(await inspectFile(b, 'people.csv', CSV));
    const batches = () => b.book.sqlite.prepare(`SELECT count(*) FROM batches`).pluck().get();
    const before = batches();
    const undo = makeReadOnly(folder);
    try {
      const err = await failure(b.client.call('import.run', plan));
      expect(err.code).toBe('READ_ONLY');
      expect(err.message).toMatch(/could not take a snapshot before the import, so the import did not run/u);
      expect(err.message).toMatch(/cannot write in/u);
    } finally {
      undo();
    }
    expect((await b.client.call('people.count', { filter: {} })).count).toBe(4);
    expect(batches()).toBe(before);
    expect(fs.readdirSync(folder)).toEqual([]);
  });
});

describe('the daily snapshot', () => {
  it('is taken once a day, in the background, when the host asks for it', async () => {
    const dir = makeTempDir();
    const clock = fixedClock(new Date(2026, 10, 22, 9).getTime());
    const first = await book({ dir, clock, dailySnapshot: true });
    const taken = await first.backend.dailySnapshot;
    expect(taken).toMatchObject({ reason: 'daily', keptAs: 'recent', takenAt: clock() });
    await close(first);

    clock.advance(5 * 3_600_000); // later the same day
    const second = await book({ dir, clock, dailySnapshot: true });
    expect(await second.backend.dailySnapshot).toBeNull();
    await close(second);

    clock.set(new Date(2026, 10, 23, 7).getTime()); // the next morning
    const third = await book({ dir, clock, dailySnapshot: true });
    expect(await third.backend.dailySnapshot).toMatchObject({ reason: 'daily' });
    expect(snapshotFiles(path.join(dir, 'backups'))).toHaveLength(2);
    // Without the option (tests, the bench), none is taken.
    await close(third);
    clock.set(new Date(2026, 10, 25, 7).getTime());
    const quiet = await book({ dir, clock });
    expect(await quiet.backend.dailySnapshot).toBeNull();
    expect(snapshotFiles(path.join(dir, 'backups'))).toHaveLength(2);
  });

  it('rotates after it: expired automatic snapshots go, manual ones stay', async () => {
    const dir = makeTempDir();
    const now = new Date(2026, 10, 22, 9).getTime();
    const seed = await book({ dir, clock: fixedClock(now - 40 * DAY) });
    await setUpAndSnapshot(seed);
    const source = path.join(dir, 'backups', snapshotFiles(path.join(dir, 'backups'))[0]!);
    await close(seed);
    const dest = path.join(dir, 'backups');
    const stamp = (t: number) => new Date(t).toISOString().replace(/[:.]/gu, '-');
    const put = (reason: string, t: number) => {
      const name = `customer-book-${reason}-${stamp(t)}.sqlite`;
      fs.copyFileSync(source, path.join(dest, name));
      return name;
    };
    const manual = put('manual', now - 30 * DAY);
    const early = put('before-import', now - 3 * DAY - 3_600_000); // same day as `late`, earlier
    const late = put('daily', now - 3 * DAY);
    const recent = put('before-merge', now - 2 * 3_600_000);
    fs.rmSync(source);
    fs.rmSync(`${source}.json`);

    const b = await book({ dir, clock: fixedClock(now), dailySnapshot: true });
    // The one from two hours ago was taken today: no daily one, so nothing was rotated yet.
    expect(await b.backend.dailySnapshot).toBeNull();
    expect(snapshotFiles(dest)).toContain(early);
    // The snapshot before an import is automatic: rotation runs after it.
    const imported = await b.client.call(
      'import.run',
      planOf(await inspectFile(b, 'p.csv', 'Name\r\nZed\r\n')),
    );
    expect(imported.created).toBe(1);
    const files = snapshotFiles(dest);
    expect(files).toContain(manual);
    expect(files).toContain(late);
    expect(files).toContain(recent);
    expect(files).not.toContain(early);
    expect(files).toHaveLength(4); // and the one before the import
  });
});

describe('two books sharing a snapshots folder', () => {
  it('rotates only its own snapshots, and lists the other book’s as kept', async () => {
    const shared = makeTempDir();
    const now = new Date(2026, 10, 22, 9).getTime();
    const clockA = fixedClock(now - 40 * DAY);
    const clockB = fixedClock(now - 40 * DAY);
    const a = await book({ clock: clockA });
    const b = await book({ clock: clockB });
    for (const x of [a, b]) {
      await setUpAndSnapshot(x);
      await x.client.call('backups.settings', { folder: shared });
    }
    // B takes an automatic snapshot (before an import) 40 days ago: it is B's newest of its month.
    const imported = await b.client.call(
      'import.run',
      planOf(await inspectFile(b, 'p.csv', 'Name\r\nZed\r\n')),
    );
    expect(imported.created).toBe(1);
    const ofB = snapshotFiles(shared);
    expect(ofB).toHaveLength(1);
    // A then takes automatic snapshots over the next 40 days: its own rotation runs each time.
    for (let day = 1; day <= 40; day++) {
      clockA.set(now - (40 - day) * DAY);
      await a.client.call('import.run', planOf(await inspectFile(a, `p${day}.csv`, `Name\r\nP${day}\r\n`)));
    }
    const left = snapshotFiles(shared);
    expect(left).toContain(ofB[0]);
    expect(left.length).toBeLessThan(41); // A's own were rotated
    const listed = (await a.client.call('backups.overview', {})).snapshots;
    expect(listed.find((s) => s.file === ofB[0])).toMatchObject({ keptAs: 'manual' });
    // Each book encrypts or counts only its own: B's sidecar names B.
    const sidecar = JSON.parse(fs.readFileSync(path.join(shared, `${ofB[0]}.json`), 'utf8')) as {
      book: string;
    };
    expect(sidecar.book).toBe(b.book.path);
  });
});

async function setUpAndSnapshot(b: Awaited<ReturnType<typeof book>>) {
  await b.client.call('setup.complete', {
    userName: 'Ada Lovelace',
    businessName: 'Analytical Engines Ltd',
    currency: 'GBP',
    locale: 'en-GB',
  });
  await b.client.call('backups.take', {});
}

describe('names that are not a snapshot in the folder', () => {
  it('refuses paths and the book itself, and says which snapshot is not there', async () => {
    const { b } = await bookWithPeople();
    for (const file of [
      '../customer-book.sqlite',
      '..\\customer-book.sqlite',
      '/etc/passwd.sqlite',
      'a/b.sqlite',
    ]) {
      for (const name of ['backups.restore', 'backups.compare', 'backups.delete'] as const) {
        const err = await failure(b.client.call(name, { file }));
        expect(err.code, `${name} ${file}`).toBe('VALIDATION');
      }
    }
    // With the book's own folder as the snapshots folder, the book itself is not a snapshot.
    await b.client.call('backups.settings', { folder: b.dir });
    const itself = await failure(b.client.call('backups.restore', { file: 'customer-book.sqlite' }));
    expect(itself.code).toBe('VALIDATION');
    expect(itself.message).toMatch(/the customer book itself/u);
    expect((await failure(b.client.call('backups.delete', { file: 'customer-book.sqlite' }))).code).toBe(
      'VALIDATION',
    );
    expect(fs.existsSync(b.book.path)).toBe(true);
    expect((await b.client.call('backups.overview', {})).snapshots).toEqual([]);
    await b.client.call('backups.settings', { folder: null });
    const missing = await failure(
      b.client.call('backups.restore', { file: 'customer-book-manual-x.sqlite' }),
    );
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toMatch(/There is no snapshot called customer-book-manual-x\.sqlite/u);
  });

  it('deletes a snapshot and its sidecar, then says it is gone', async () => {
    const { b } = await bookWithPeople();
    const taken = await b.client.call('backups.take', {});
    expect(await b.client.call('backups.delete', { file: taken.file })).toEqual({ deleted: true });
    expect(fs.readdirSync(backupsDir(b))).toEqual([]);
    expect((await failure(b.client.call('backups.delete', { file: taken.file }))).code).toBe('NOT_FOUND');
  });
});
