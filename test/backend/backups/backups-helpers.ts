/**
 * What the snapshot and restore tests share (issue 6): test books opened as the hosts open them
 * (with the job worker), with the options only these tests need (the daily snapshot, a book
 * checked after it opens), closed after each test; a set-up book with a few records; the
 * snapshots on disk; and a way to damage a copy of a book.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach } from 'vitest';
import { createClient } from '../../../shared/api/client.ts';
import { openBookForHost, type OpenForHostOptions } from '../../../electron/backend/book.ts';
import { createEventHub } from '../../../electron/backend/event-hub.ts';
import { inProcessTransport } from '../../../electron/backend/inprocess.transport.ts';
import { JOBS_WORKER_SOURCE } from '../../../electron/backend/jobs/jobs.worker-source.ts';
import { fixedClock, makeTempDir, sequentialIds, setUp, type TestBook } from '../../helpers/book.ts';

export interface BookOptions {
  dir?: string;
  clock?: ReturnType<typeof fixedClock>;
  dailySnapshot?: boolean;
  checkLaterAbove?: number;
  prewarmJobs?: boolean;
  dialogs?: OpenForHostOptions['dialogs'];
}

/** Test books for one test file, each closed after the test that opened it. */
export function useBooks() {
  const open: TestBook[] = [];
  let opened = 0;
  afterEach(async () => {
    while (open.length) await open.pop()?.close();
  });

  async function book(options: BookOptions = {}): Promise<TestBook> {
    const dir = options.dir ?? makeTempDir();
    const hub = createEventHub();
    const events: TestBook['events'] = [];
    hub.subscribe((event, payload) => events.push({ event, payload }));
    const clock = options.clock ?? fixedClock();
    const host = await openBookForHost({
      dataDir: dir,
      host: 'test',
      appVersion: '0.0.0-test',
      emit: (event, payload) => hub.emit(event, payload),
      clock,
      ids: sequentialIds(`book${++opened}`), // ids of their own: a reopened book already holds some
      jobsWorker: JOBS_WORKER_SOURCE,
      prewarmJobs: options.prewarmJobs ?? false,
      log: () => {},
      ...(options.dailySnapshot === undefined ? {} : { dailySnapshot: options.dailySnapshot }),
      ...(options.checkLaterAbove === undefined ? {} : { checkLaterAbove: options.checkLaterAbove }),
      ...(options.dialogs ? { dialogs: options.dialogs } : {}),
    });
    const b: TestBook = {
      ...host,
      dir,
      hub,
      events,
      clock,
      client: createClient(inProcessTransport(host.backend, hub)),
    };
    open.push(b);
    return b;
  }

  /** A set-up book holding people Ann, Bob, Cy and Di (returned by given name) and one company. */
  async function bookWithPeople(options: BookOptions = {}) {
    const b = await book(options);
    await setUp(b.client);
    const people: Record<string, string> = {};
    for (const givenName of ['Ann', 'Bob', 'Cy', 'Di']) {
      const p = await b.client.call('people.create', { person: { givenName, familyName: 'Lee' } });
      people[givenName] = p.id;
    }
    await b.client.call('companies.create', { name: 'Harbour Ltd' });
    return { b, people };
  }

  /** Closes a book before the end of its test (to reopen its folder, as after a restart). */
  async function close(b: TestBook): Promise<void> {
    const i = open.indexOf(b);
    if (i >= 0) open.splice(i, 1);
    await b.close();
  }

  return { book, bookWithPeople, close };
}

export const backupsDir = (b: TestBook) => path.join(b.dir, 'backups');

/** The snapshot files in a folder (sorted), without sidecars. */
export function snapshotFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.sqlite'))
    .sort();
}

/** Live people's given names in a book file or connection, sorted. */
export function liveNames(db: Database.Database): string[] {
  return db
    .prepare(`SELECT given_name FROM people WHERE deleted_at IS NULL ORDER BY given_name`)
    .pluck()
    .all() as string[];
}

/** Reads a book file read-only (closed afterwards). */
export function readBook<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/**
 * Damages a closed book file in the middle of the people table: garbage over the header of its
 * root page (an interior page once it holds a few hundred rows), which quick_check reports.
 */
export function corruptPeople(file: string): void {
  // Everything in the write-ahead log goes into the file first, or the log's newer copy of the
  // page would hide the damage.
  const rw = new Database(file, { fileMustExist: true });
  rw.pragma('wal_checkpoint(TRUNCATE)');
  rw.close();
  const { root, pageSize } = readBook(file, (db) => ({
    root: db.prepare(`SELECT rootpage FROM sqlite_schema WHERE name = 'people'`).pluck().get() as number,
    pageSize: db.pragma('page_size', { simple: true }) as number,
  }));
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, (root - 1) * pageSize + (root === 1 ? 100 : 0));
  } finally {
    fs.closeSync(fd);
  }
}

/** What quick_check says of a book file ('ok' when sound). */
export function quickCheck(file: string): string {
  return readBook(file, (db) => String(db.pragma('quick_check', { simple: true })));
}
