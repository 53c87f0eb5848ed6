/**
 * Comparing and restoring snapshots on a real book with its job workers running (issue 6): the
 * comparison's numbers after known edits (and that it writes nothing), the restore round trip and
 * its undo, every connection reading the restored book, refusals of damaged and newer snapshots,
 * an older snapshot migrated on the way in, and a book found damaged at open brought back by a
 * restore.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors.ts';
import type { DbChanged } from '../../../shared/api/events.ts';
import { TABLES } from '../../../shared/api/requests.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../electron/db/migrations.ts';
import { openBook } from '../../../electron/db/open.ts';
import { makeTempDir } from '../../helpers/book.ts';
import { snapshotDir } from '../../helpers/fs.ts';
import {
  backupsDir,
  corruptPeople,
  liveNames,
  quickCheck,
  readBook,
  snapshotFiles,
  useBooks,
} from './backups-helpers.ts';

const { bookWithPeople, book, close } = useBooks();

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

/** After a snapshot: Bob to the Trash, Cy's job title changed, Eve and a company added. */
async function editAfterSnapshot(b: Awaited<ReturnType<typeof book>>, people: Record<string, string>) {
  b.clock.advance(60_000); // so the edits' updated_at differ from the snapshot's
  await b.client.call('people.delete', { ids: [people.Bob!] });
  await b.client.call('people.update', { id: people.Cy!, patch: { jobTitle: 'Buyer' } });
  await b.client.call('people.create', { person: { givenName: 'Eve', familyName: 'Lee' } });
  await b.client.call('companies.create', { name: 'Quay Ltd' });
}

const changesCount = (db: Database.Database) => db.prepare(`SELECT count(*) FROM changes`).pluck().get();

describe('comparing a snapshot with the book', () => {
  it('counts what a restore would add back, lose and change, and writes nothing', async () => {
    const { b, people } = await bookWithPeople();
    const snap = await b.client.call('backups.take', {});
    await editAfterSnapshot(b, people);
    const folderBefore = snapshotDir(backupsDir(b));
    const changes = changesCount(b.book.sqlite);

    const diff = await b.client.call('backups.compare', { file: snap.file });
    expect(diff.file).toBe(snap.file);
    const row = (t: string) => diff.rows.find((r) => r.table === t);
    // People now: Ann, Cy, Di, Eve; then: Ann, Bob, Cy, Di.
    expect(row('people')).toEqual({ table: 'people', now: 4, snapshot: 4, added: 1, lost: 1, changed: 1 });
    expect(row('companies')).toEqual({
      table: 'companies',
      now: 2,
      snapshot: 1,
      added: 0,
      lost: 1,
      changed: 0,
    });
    expect(row('calls')).toEqual({ table: 'calls', now: 0, snapshot: 0, added: 0, lost: 0, changed: 0 });
    expect(diff.rows.map((r) => r.table)).toEqual([
      'people',
      'companies',
      'calls',
      'tasks',
      'notes',
      'products',
      'orders',
      'deals',
      'cases',
    ]);
    // Nothing written: not the book, not the snapshots folder (no -wal, -shm or journal either).
    expect(changesCount(b.book.sqlite)).toBe(changes);
    expect(snapshotDir(backupsDir(b))).toEqual(folderBefore);
    const progress = b.events.filter(
      (e) => e.event === 'job.progress' && (e.payload as { kind: string }).kind === 'backups.compare',
    );
    expect(progress.at(-1)?.payload).toMatchObject({ state: 'done' });
  });
});

describe('restoring a snapshot', () => {
  it('puts the book back as it was, and the safety snapshot taken first undoes it', async () => {
    const { b, people } = await bookWithPeople({ prewarmJobs: true });
    const snap = await b.client.call('backups.take', {});
    await editAfterSnapshot(b, people);
    const seqBefore = (await b.client.call('changes.since', { seq: 0 })).seq;
    const seen = b.events.length;

    const { restored, safety } = await b.client.call('backups.restore', { file: snap.file });
    expect(restored).toMatchObject({ file: snap.file, reason: 'manual', counts: { people: 4 } });
    expect(safety).toMatchObject({
      reason: 'before-restore',
      problem: null,
      counts: { people: 4, companies: 2 },
    });
    expect(snapshotFiles(backupsDir(b))).toEqual([snap.file, safety.file].sort());

    // The edits are gone, on the main connection...
    expect(liveNames(b.book.sqlite)).toEqual(['Ann', 'Bob', 'Cy', 'Di']);
    const cy = await b.client.call('people.get', { id: people.Cy! });
    expect(cy.jobTitle).toBeNull();
    // ...and in a job worker's (people.count runs on a reader opened before the restore).
    expect((await b.client.call('people.count', { filter: {} })).count).toBe(4);
    expect((await b.client.call('companies.count', { filter: {} })).count).toBe(1);

    // Every window is told to refetch everything, with a seq later than any it has seen.
    const changed = b.events
      .slice(seen)
      .filter((e) => e.event === 'db.changed')
      .map((e) => e.payload as DbChanged);
    expect(changed).toHaveLength(1);
    expect([...changed[0]!.tables].sort()).toEqual([...TABLES].sort());
    expect(changed[0]!.seq).toBeGreaterThan(seqBefore);
    expect((await b.client.call('changes.since', { seq: 0 })).seq).toBe(changed[0]!.seq);

    // The book is sound, still in WAL mode, and takes new writes.
    expect(b.book.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(b.book.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const fay = await b.client.call('people.create', { person: { givenName: 'Fay', familyName: 'Lee' } });
    expect((await b.client.call('people.count', { filter: {} })).count).toBe(5);
    expect((await b.client.call('changes.since', { seq: changed[0]!.seq })).tables).toEqual(['people']);

    // Restoring the safety snapshot brings the edits back (and loses Fay, made after it).
    await b.client.call('backups.restore', { file: safety.file });
    expect(liveNames(b.book.sqlite)).toEqual(['Ann', 'Cy', 'Di', 'Eve']);
    expect((await b.client.call('people.get', { id: people.Cy! })).jobTitle).toBe('Buyer');
    expect((await b.client.call('people.count', { filter: {} })).count).toBe(4);
    expect(await failure(b.client.call('people.get', { id: fay.id }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('forgets who was using the app when the restored book says someone else', async () => {
    const { b } = await bookWithPeople({ prewarmJobs: true });
    const ada = (await b.client.call('settings.get', {})).currentStaffId!;
    const snap = await b.client.call('backups.take', {});
    // Grace takes over after the snapshot: she is not in the book the snapshot holds.
    const grace = await b.client.call('staff.create', { name: 'Grace' });
    await b.client.call('staff.switch', { id: grace.id });
    await b.client.call('people.create', { person: { givenName: 'Eve', familyName: 'Lee' } }); // Grace is cached
    await b.client.call('backups.restore', { file: snap.file });
    const fay = await b.client.call('people.create', { person: { givenName: 'Fay', familyName: 'Lee' } });
    const by = b.book.sqlite.prepare(`SELECT created_by FROM people WHERE id = ?`).pluck().get(fay.id);
    expect(by).toBe(ada);
  });

  it('keeps the snapshots folder and its rule as they are now, not as the snapshot had them', async () => {
    const { b } = await bookWithPeople();
    const snap = await b.client.call('backups.take', {}); // taken with the default folder
    const elsewhere = makeTempDir();
    fs.copyFileSync(path.join(backupsDir(b), snap.file), path.join(elsewhere, snap.file));
    await b.client.call('backups.settings', { folder: elsewhere, beforeChanges: false });
    await b.client.call('backups.restore', { file: snap.file });
    const o = await b.client.call('backups.overview', {});
    expect(o.folder).toBe(elsewhere);
    expect(o.beforeChanges).toBe(false);
    expect(o.snapshots.map((s) => s.reason).sort()).toEqual(['before-restore', 'manual']);
  });

  it('refuses a damaged snapshot, changing nothing and taking no safety snapshot', async () => {
    const { b } = await bookWithPeople();
    const snap = await b.client.call('backups.take', {});
    const damaged = 'customer-book-manual-2026-11-01T08-00-00-000Z.sqlite';
    const file = path.join(backupsDir(b), damaged);
    fs.copyFileSync(path.join(backupsDir(b), snap.file), file);
    corruptPeople(file);
    expect(quickCheck(file)).not.toBe('ok');
    await b.client.call('people.create', { person: { givenName: 'Eve', familyName: 'Lee' } });
    const folderBefore = snapshotDir(backupsDir(b));

    const err = await failure(b.client.call('backups.restore', { file: damaged }));
    expect(err.code).toBe('BOOK_DAMAGED');
    expect(err.message).toMatch(/damaged/u);
    expect(err.message).toMatch(/Nothing was changed/u);
    expect(liveNames(b.book.sqlite)).toEqual(['Ann', 'Bob', 'Cy', 'Di', 'Eve']);
    expect(snapshotDir(backupsDir(b))).toEqual(folderBefore);
    expect((await failure(b.client.call('backups.compare', { file: damaged }))).code).toBe('BOOK_DAMAGED');
  });

  it('refuses a snapshot from a newer Ledgerline, changing nothing', async () => {
    const { b } = await bookWithPeople();
    const snap = await b.client.call('backups.take', {});
    const newer = 'customer-book-manual-2026-11-01T08-00-00-000Z.sqlite';
    const file = path.join(backupsDir(b), newer);
    fs.copyFileSync(path.join(backupsDir(b), snap.file), file);
    const db = new Database(file);
    db.prepare(`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_future', 'x')`).run();
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    await b.client.call('people.create', { person: { givenName: 'Eve', familyName: 'Lee' } });
    const folderBefore = snapshotDir(backupsDir(b));

    const err = await failure(b.client.call('backups.restore', { file: newer }));
    expect(err.code).toBe('BOOK_TOO_NEW');
    expect(err.message).toMatch(/newer version of Ledgerline .*Update Ledgerline/u);
    expect(liveNames(b.book.sqlite)).toEqual(['Ann', 'Bob', 'Cy', 'Di', 'Eve']);
    expect(snapshotDir(backupsDir(b))).toEqual(folderBefore);
  });

  it('updates a snapshot from an older version on a temporary copy, then restores it', async () => {
    const { b } = await bookWithPeople();
    // A book of the first migration only, with one staff profile, as an old snapshot.
    const oldDir = makeTempDir();
    const first = Object.keys(MIGRATIONS)[0]!;
    const old = await openBook(path.join(oldDir, 'old.sqlite'), {
      migrations: { [first]: MIGRATIONS[first]! },
    });
    old.sqlite
      .prepare(
        `INSERT INTO staff (id, name, role, active, created_at, updated_at) VALUES ('s1', 'Ada', 'owner', 1, 0, 0)`,
      )
      .run();
    await old.close();
    fs.mkdirSync(backupsDir(b), { recursive: true });
    const name = 'customer-book-before-update-2026-01-02T03-04-05-000Z.sqlite';
    fs.copyFileSync(path.join(oldDir, 'old.sqlite'), path.join(backupsDir(b), name));
    const listed = (await b.client.call('backups.overview', {})).snapshots.find((s) => s.file === name);
    expect(listed).toMatchObject({ schemaVersion: 1, problem: null, counts: { people: 0 } });

    await b.client.call('backups.restore', { file: name });
    expect(b.book.sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(b.book.sqlite.prepare(`SELECT name FROM staff`).pluck().all()).toEqual(['Ada']);
    expect(liveNames(b.book.sqlite)).toEqual([]);
    expect(b.book.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    // No temporary copy is left beside the book, and the old snapshot is as it was (version 1).
    expect(fs.readdirSync(b.dir).filter((n) => n.includes('restoring'))).toEqual([]);
    expect(
      readBook(path.join(backupsDir(b), name), (db) => db.pragma('user_version', { simple: true })),
    ).toBe(1);
    await b.client.call('staff.create', { name: 'Grace' });
    expect((await b.client.call('staff.list', {})).map((s) => s.name).sort()).toEqual(['Ada', 'Grace']);
  });
});

describe('a book found damaged when it opened', () => {
  it('is reported, not written to, and restored from a snapshot after which writes go on', async () => {
    const { b } = await bookWithPeople();
    const good = await b.client.call('backups.take', {});
    const dir = b.dir;
    await close(b);
    corruptPeople(path.join(dir, 'customer-book.sqlite'));

    // checkLaterAbove 0: checked on a worker after it opens, as a large book is.
    const damaged = await book({ dir, checkLaterAbove: 0 });
    await damaged.backend.checked;
    const o = await damaged.client.call('backups.overview', {});
    expect(o.book.damaged).toBe(true);
    expect(o.book.problems.length).toBeGreaterThan(0);
    expect(o.snapshots.map((s) => s.file)).toEqual([good.file]);
    const refused = await failure(damaged.client.call('staff.create', { name: 'Grace' }));
    expect(refused.code).toBe('BOOK_DAMAGED');

    const { safety } = await damaged.client.call('backups.restore', { file: good.file });
    // The copy of the damaged book is kept, but marked: it cannot be restored.
    expect(safety.reason).toBe('before-restore');
    expect(safety.problem).toMatch(/found damaged/u);
    const after = await damaged.client.call('backups.overview', {});
    expect(after.book).toMatchObject({ damaged: false, problems: [] });
    expect(liveNames(damaged.book.sqlite)).toEqual(['Ann', 'Bob', 'Cy', 'Di']);
    expect(damaged.book.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(await damaged.client.call('staff.create', { name: 'Grace' })).toMatchObject({ name: 'Grace' });
  });
});
