import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/api/errors.ts';
import type { JobProgress } from '../../shared/api/events.ts';
import {
  APPLICATION_ID,
  checkAfterOpen,
  openBook,
  quickCheckByTable,
  readAhead,
  worthReadingAhead,
  type Book,
} from '../../electron/db/open.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/db/migrations.ts';
import { bookPathIn, openBookForHost } from '../../electron/backend/book.ts';
import { JOBS_WORKER_SOURCE } from '../../electron/backend/jobs/jobs.worker-source.ts';
import { makeTempDir } from '../helpers/book.ts';
import { makeReadOnly, snapshotDir } from '../helpers/fs.ts';

const open: Book[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

async function expectAppError(promise: Promise<unknown>, code: string, text: RegExp): Promise<AppError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  expect((err as AppError).message).toMatch(text);
  expect((err as AppError).message).not.toMatch(/SQLITE_|at .*\.ts:\d+/u);
  return err as AppError;
}

/**
 * A book with every migration done and pages overwritten, so quick_check fails: the settings
 * table's, or those of a table of its own that no request reads (so only the check sees it).
 */
async function damagedBookAt(file: string, where: 'settings' | 'unread' = 'settings') {
  const book = await openBook(file);
  if (where === 'unread') book.sqlite.exec(`CREATE TABLE unread (key TEXT PRIMARY KEY, value TEXT)`);
  const ins = book.sqlite.prepare(
    `INSERT INTO ${where === 'unread' ? 'unread' : 'settings'} (key, value) VALUES (?, ?)`,
  );
  book.sqlite.transaction(() => {
    for (let i = 0; i < 4000; i++) ins.run(`key-${i}`, JSON.stringify('x'.repeat(60)));
  })();
  await book.close();
  const bytes = fs.readFileSync(file);
  const from = where === 'unread' ? bytes.length - 4096 * 8 : 4096 * 3;
  for (let i = from + 100; i < from + 4096 * 3; i++) bytes[i] = 0xa5;
  fs.writeFileSync(file, bytes);
}

describe('openBook', () => {
  it('creates a new book with WAL, synchronous FULL, foreign keys, a busy timeout and our application id', async () => {
    const dir = makeTempDir();
    const book = await openBook(path.join(dir, 'book.sqlite'));
    open.push(book);
    const p = (name: string) => book.sqlite.pragma(name, { simple: true });
    expect(p('journal_mode')).toBe('wal');
    expect(p('synchronous')).toBe(2); // FULL
    expect(p('foreign_keys')).toBe(1);
    expect(p('busy_timeout')).toBe(5000);
    expect(p('application_id')).toBe(APPLICATION_ID);
    expect(p('user_version')).toBe(SCHEMA_VERSION);
    expect(book.schemaVersion).toBe(SCHEMA_VERSION);
    expect(book.preMigrationBackup).toBeNull(); // nothing to protect in a new book
  });

  it('opens the same book again without migrating or backing up', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'book.sqlite');
    await (await openBook(file)).close();
    const again = await openBook(file);
    open.push(again);
    expect(again.preMigrationBackup).toBeNull();
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });

  it('refuses a file that is not SQLite and leaves it untouched', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'book.sqlite');
    fs.writeFileSync(file, 'Name,Phone\nAda,01234 567890\n');
    const before = snapshotDir(dir);
    await expectAppError(openBook(file), 'BOOK_DAMAGED', /not an SQLite database/u);
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('opens a damaged book (quick_check) unchecked, for the backend to refuse its writes, and changes nothing', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'book.sqlite');
    await damagedBookAt(file, 'unread');
    const bytes = fs.readFileSync(file);
    const book = await openBook(file);
    open.push(book);
    expect(book.checked).toBe(false);
    expect(book.preMigrationBackup).toBeNull();
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('refuses a damaged book that has a migration to run, and leaves it untouched', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'book.sqlite');
    await damagedBookAt(file);
    const before = snapshotDir(dir);
    const later = { ...MIGRATIONS, '9999_later': { up: async () => {} } };
    await expectAppError(openBook(file, { migrations: later }), 'BOOK_DAMAGED', /damaged/u);
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('refuses another program’s database', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'other.sqlite');
    const other = new Database(file);
    other.exec(`CREATE TABLE invoices (id INTEGER PRIMARY KEY)`);
    other.close();
    const before = snapshotDir(dir);
    await expectAppError(openBook(file), 'BOOK_DAMAGED', /another program/u);
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('refuses a book written by a newer version, says to update, and changes nothing', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'book.sqlite');
    const book = await openBook(file);
    book.sqlite
      .prepare(`INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)`)
      .run('9999_from_the_future', new Date(0).toISOString());
    book.sqlite.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    await book.close();
    const before = snapshotDir(dir);
    const err = await expectAppError(openBook(file), 'BOOK_TOO_NEW', /newer version.*Update Ledgerline/u);
    expect(err.details).toMatchObject({ appVersion: SCHEMA_VERSION });
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('refuses to create a book in a read-only folder, with a clear error', async () => {
    const parent = makeTempDir();
    const dir = path.join(parent, 'locked');
    fs.mkdirSync(dir);
    const undo = makeReadOnly(dir);
    try {
      await expectAppError(openBook(path.join(dir, 'book.sqlite')), 'READ_ONLY', /read-only/u);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      undo();
    }
  });

  it('backs up an older book with the online backup API before migrating it', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'book.sqlite');
    const first = Object.keys(MIGRATIONS)[0] as string;
    const old = await openBook(file, { migrations: { [first]: MIGRATIONS[first]! } });
    old.sqlite
      .prepare(
        `INSERT INTO staff (id, name, role, active, created_at, updated_at) VALUES (?, ?, 'owner', 1, 0, 0)`,
      )
      .run('s1', 'Ada');
    await old.close();

    const book = await openBook(file, { now: () => Date.UTC(2026, 0, 2, 3, 4, 5) });
    open.push(book);
    expect(book.preMigrationBackup).not.toBeNull();
    const backup = book.preMigrationBackup as string;
    expect(path.dirname(backup)).toBe(path.join(dir, 'backups'));
    // Named as the snapshots are, so the Backups screen lists it as taken 'before-update'.
    expect(path.basename(backup)).toBe('book-before-update-2026-01-02T03-04-05-000Z.sqlite');
    // Written under a temporary name, fsynced and renamed: only the copy is left, a single file.
    expect(fs.readdirSync(path.dirname(backup))).toEqual([path.basename(backup)]);
    const copy = new Database(backup, { readonly: true });
    try {
      expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(copy.prepare(`SELECT name FROM staff`).pluck().all()).toEqual(['Ada']);
      // The copy is the book as it was: no tables from the newer migrations.
      const tables = copy.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all();
      expect(tables).not.toContain('people');
    } finally {
      copy.close();
    }
    expect(book.sqlite.prepare(`SELECT name FROM staff`).pluck().all()).toEqual(['Ada']);
  });

  it('rolls back every pending migration when one fails, leaving the book as it was', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'book.sqlite');
    const [firstName, secondName] = Object.keys(MIGRATIONS) as [string, string];
    await (await openBook(file, { migrations: { [firstName]: MIGRATIONS[firstName]! } })).close();
    const broken = {
      [firstName]: MIGRATIONS[firstName]!,
      [secondName]: {
        async up(db: Parameters<NonNullable<(typeof MIGRATIONS)[string]>['up']>[0]) {
          await MIGRATIONS[secondName]!.up(db);
          throw new Error('disk on fire');
        },
      },
    };
    await expectAppError(
      openBook(file, { migrations: broken }),
      'INTERNAL',
      /left as it was.*copy taken before/u,
    );
    const check = new Database(file, { readonly: true });
    try {
      const tables = check.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all();
      expect(tables).not.toContain('people');
      expect(check.prepare(`SELECT name FROM kysely_migration`).pluck().all()).toEqual([firstName]);
    } finally {
      check.close();
    }
  });

  it('opens a large book before quick_check has read it, only when nothing is to be migrated', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'book.sqlite');
    const fresh = await openBook(file, { checkLaterAbove: 0 });
    expect(fresh.checked).toBe(true);
    await fresh.close();
    const again = await openBook(file, { checkLaterAbove: 0 });
    open.push(again);
    expect(again.checked).toBe(false);
    await again.close();
    open.pop();
    expect((await openBook(file)).checked).toBe(true);
    open.push(
      await openBook(path.join(dir, 'old.sqlite'), {
        migrations: { '0001_foundation': MIGRATIONS['0001_foundation']! },
      }),
    );
    await open.pop()!.close();
    // An older book is checked before it is migrated, however large.
    const old = await openBook(path.join(dir, 'old.sqlite'), { checkLaterAbove: 0 });
    open.push(old);
    expect(old.checked).toBe(true);
  });
});

describe('quickCheckByTable', () => {
  it('checks every table in turn, so a job can stop between them, and finds damage in one', async () => {
    const dir = makeTempDir();
    const sound = await openBook(path.join(dir, 'sound.sqlite'));
    open.push(sound);
    const seen: [number, number][] = [];
    expect(quickCheckByTable(sound.sqlite, (done, total) => seen.push([done, total]))).toEqual([]);
    const tables = sound.sqlite
      .prepare(
        `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'`,
      )
      .pluck()
      .get() as number;
    expect(seen).toEqual(Array.from({ length: tables }, (_, i) => [i, tables]));
    expect(() =>
      quickCheckByTable(sound.sqlite, (done) => {
        if (done === 3) throw new Error('stopped');
      }),
    ).toThrow('stopped');

    const file = path.join(dir, 'damaged.sqlite');
    await damagedBookAt(file, 'unread');
    const ro = new Database(file, { readonly: true });
    try {
      expect(quickCheckByTable(ro).length).toBeGreaterThan(0);
    } finally {
      ro.close();
    }
  });
});

describe('checkAfterOpen: the file read ahead, then checked table by table', () => {
  it('reads a file from start to end in 4 MiB blocks, and stops between two when told to', () => {
    const file = path.join(makeTempDir(), 'blocks.bin');
    const size = 9 * 1024 * 1024 + 5;
    fs.writeFileSync(file, Buffer.alloc(size, 7));
    const seen: [number, number][] = [];
    readAhead(file, (done, total) => seen.push([done, total]));
    const MiB = 1024 * 1024;
    expect(seen).toEqual([
      [0, size],
      [4 * MiB, size],
      [8 * MiB, size],
    ]);
    let blocks = 0;
    expect(() =>
      readAhead(file, () => {
        if (++blocks === 2) throw new Error('closing');
      }),
    ).toThrow('closing');
    expect(blocks).toBe(2);
  });

  it('reads ahead only a file that three quarters of the available memory can hold', () => {
    expect(worthReadingAhead(750, 1000)).toBe(true);
    expect(worthReadingAhead(751, 1000)).toBe(false);
    expect(worthReadingAhead(15 * 2 ** 30, 23 * 2 ** 30)).toBe(true);
    expect(worthReadingAhead(15 * 2 ** 30, 16 * 2 ** 30)).toBe(false);
  });

  it('reports reading ahead as the first half of the way, and finds damage either way', async () => {
    const dir = makeTempDir();
    const sound = await openBook(path.join(dir, 'sound.sqlite'));
    open.push(sound);
    const steps = (available: number) => {
      const seen: number[] = [];
      expect(checkAfterOpen(sound, (done, total) => seen.push(done / total), available)).toEqual([]);
      return seen;
    };
    // Read ahead: one block (the whole small file), then the tables from half-way.
    const ahead = steps(2 ** 40);
    expect(ahead[0]).toBe(0);
    expect(ahead[1]).toBe(0.5);
    expect(ahead.slice(1).every((f, i, all) => f >= 0.5 && f < 1 && (i === 0 || f >= all[i - 1]!))).toBe(
      true,
    );
    // Not read ahead: the tables alone take the whole way.
    const checkedOnly = steps(0);
    expect(checkedOnly[0]).toBe(0);
    expect(checkedOnly[1]).toBeGreaterThan(0);
    expect(checkedOnly[1]).toBeLessThan(0.5);
    expect(checkedOnly.length).toBe(ahead.length - 1);

    const file = path.join(dir, 'damaged.sqlite');
    await damagedBookAt(file, 'unread');
    const ro = new Database(file, { readonly: true });
    try {
      for (const available of [0, 2 ** 40]) {
        expect(checkAfterOpen({ path: file, sqlite: ro }, () => {}, available).length).toBeGreaterThan(0);
      }
    } finally {
      ro.close();
    }
  });
});

describe('a large book checked after it opened', () => {
  const hosts: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    while (hosts.length) await hosts.pop()?.close();
  });
  let progress: JobProgress[] = [];
  const openLarge = async (dataDir: string, log: string[] = [], checkLaterAbove = 0) => {
    progress = [];
    const opened = await openBookForHost({
      dataDir,
      host: 'test',
      appVersion: '0',
      emit: (event, payload) => {
        if (event === 'job.progress') progress.push(payload as JobProgress);
      },
      log: (message) => log.push(message),
      jobsWorker: JOBS_WORKER_SOURCE,
      checkLaterAbove,
    });
    hosts.push(opened);
    expect(opened.book.checked).toBe(false);
    return opened;
  };

  it('takes a write made at once after the check passes, and says how the check went', async () => {
    const dataDir = makeTempDir();
    await (await openBook(bookPathIn(dataDir))).close();
    const { backend } = await openLarge(dataDir);
    // A window opening now learns that the check is running.
    const running = await backend.invoke('jobs.running', {});
    expect(running).toMatchObject({
      ok: true,
      value: [{ kind: 'book.check', state: 'running', cancellable: false }],
    });
    // It cannot be stopped: writes would go on unchecked.
    const jobId = (running as { value: { jobId: string }[] }).value[0]!.jobId;
    expect(await backend.invoke('jobs.cancel', { jobId })).toEqual({ ok: true, value: { cancelled: false } });
    const made = await backend.invoke('people.create', { person: { givenName: 'Ada', familyName: 'Early' } });
    expect(made).toMatchObject({ ok: true });
    expect(await backend.invoke('people.count', { filter: {} })).toEqual({ ok: true, value: { count: 1 } });
    // The windows saw it run and end, as a job that cannot be cancelled.
    const states = progress.filter((p) => p.kind === 'book.check').map((p) => [p.state, p.cancellable]);
    expect(states[0]).toEqual(['running', false]);
    expect(states.at(-1)).toEqual(['done', false]);
    expect(await backend.invoke('jobs.running', {})).toEqual({ ok: true, value: [] });
  });

  it('opens a small damaged book for reading: writes refused, the Backups screen told', async () => {
    const dataDir = makeTempDir();
    const file = bookPathIn(dataDir);
    await damagedBookAt(file, 'unread');
    const { backend } = await openLarge(dataDir, [], 64 * 1024 * 1024);
    await backend.checked;
    const made = await backend.invoke('people.create', { person: { givenName: 'Ada', familyName: 'Late' } });
    expect(made).toMatchObject({ ok: false, error: { code: 'BOOK_DAMAGED' } });
    expect(await backend.invoke('people.list', {})).toMatchObject({
      ok: true,
      value: { rows: { values: [] } },
    });
    const overview = await backend.invoke('backups.overview', {});
    expect(overview).toMatchObject({ ok: true, value: { book: { damaged: true } } });
  });

  it('refuses every write to a book the check finds damaged, changing nothing, and says why', async () => {
    const dataDir = makeTempDir();
    const file = bookPathIn(dataDir);
    await damagedBookAt(file, 'unread');
    const log: string[] = [];
    const { backend } = await openLarge(dataDir, log);
    const bytes = fs.readFileSync(file);
    const made = await backend.invoke('people.create', { person: { givenName: 'Ada', familyName: 'Late' } });
    expect(made).toMatchObject({ ok: false, error: { code: 'BOOK_DAMAGED' } });
    expect(JSON.stringify(made)).toMatch(/quick_check failed.*Restore the book from a backup/u);
    expect(log.some((m) => m.startsWith('quick_check found damage'))).toBe(true);
    // Reads go on.
    expect(await backend.invoke('people.list', {})).toMatchObject({
      ok: true,
      value: { rows: { values: [] } },
    });
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });
});
