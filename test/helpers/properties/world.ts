/**
 * A world for the property tests: a fresh book (a real SQLite file in a temp folder, the job
 * workers, the in-process transport with the contract's validation), set up with an owner and a
 * second staff profile, plus a read-only connection of the test's own that the invariants and the
 * fingerprints read through (never the backend's connection, never its code).
 *
 * The file dialogs are stand-ins the commands steer: what the next Open dialog chooses, whether
 * the next Save dialog is cancelled, and which folder the next folder dialog picks.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Envelope } from '../../../shared/api/errors.ts';
import type { RequestInput, RequestName } from '../../../shared/api/requests.ts';
import type { Transport } from '../../../shared/api/transport.ts';
import { createClient } from '../../../shared/api/client.ts';
import { openBookForHost } from '../../../electron/backend/book.ts';
import { createEventHub } from '../../../electron/backend/event-hub.ts';
import type { FileDialogs } from '../../../electron/backend/files/files.ts';
import { inProcessTransport } from '../../../electron/backend/inprocess.transport.ts';
import { JOBS_WORKER_SOURCE } from '../../../electron/backend/jobs/jobs.worker-source.ts';
import { fixedClock, makeTempDir, sequentialIds, setUp, type TestBook } from '../book.ts';
import { scanBook, type Scan } from './fingerprint.ts';

export interface Dialogs {
  /** The file the next Open dialog chooses (null: the user cancels it). */
  nextOpen: string | null;
  /** False: the next Save dialog is cancelled. */
  saveChosen: boolean;
  /** The folder the next folder dialog picks (null: cancelled). */
  nextFolder: string | null;
}

/** What each request did over a property's runs: the coverage test reads it. */
export type Tally = Map<string, { ok: number; refused: number; skipped: number }>;

export interface World {
  b: TestBook;
  transport: Transport;
  /** The test's own read-only connection to the book. */
  reader: Database.Database;
  /** The owner made at setup, and a second (plain) staff profile. */
  owner: string;
  other: string;
  /** Where the test writes the files it offers to the Open dialog, and where exports are saved. */
  files: string;
  exports: string;
  dialogs: Dialogs;
  /** File ids the Open dialog handed out (some released, some used). */
  fileIds: string[];
  /** An "export everything" archive that import.archive may read back (null: none made). */
  archive: string | null;
  /** The book as the last step left it. */
  last: Scan;
  /** Steps run so far in this world. */
  step: number;
  tally: Tally;
  /** The requests run in this world, newest last (printed when an invariant breaks). */
  trail: string[];
  /** What the backend logged. */
  logs: string[];
  close(): Promise<void>;
}

export interface WorldOptions {
  /**
   * Run long jobs (bulk changes, undo, imports, exports, snapshots) in the job workers, as the app
   * does. Default off: the same job functions then run on the calling thread (the backend's own
   * mode for a book opened without workers), which saves the half second each worker takes to
   * start, so a file can afford many more runs. The mixed and admin properties turn it on.
   */
  workers?: boolean;
  /** The prefix of the book's ids (a book whose archive another reads back needs its own). */
  idPrefix?: string;
  /** Keep the snapshot before merges and imports (default off: it costs a copy of the book). */
  snapshotsBeforeChanges?: boolean;
  tally?: Tally;
  archive?: string | null;
  /** Records to start from, made through the client before the first step. */
  seed?: (w: World) => Promise<void>;
}

/** Sends one request through the in-process transport: an envelope, never a throw. */
export async function send<N extends RequestName>(
  w: World,
  name: N,
  input: RequestInput<N> | unknown,
): Promise<Envelope<unknown>> {
  return w.transport.invoke(name, input);
}

/** Like send, for set-up steps that must work. */
export async function must<N extends RequestName>(w: World, name: N, input: RequestInput<N>) {
  const envelope = await send(w, name, input);
  if (!envelope.ok) throw new Error(`${name} failed in set-up: ${JSON.stringify(envelope.error)}`);
  return envelope.value as never;
}

export async function openWorld(options: WorldOptions = {}): Promise<World> {
  const files = makeTempDir('ledgerline-props-files-');
  const exports = path.join(files, 'exports');
  fs.mkdirSync(exports);
  const dialogs: Dialogs = { nextOpen: null, saveChosen: true, nextFolder: null };
  let saved = 0;
  const fileDialogs: FileDialogs = {
    open: () => Promise.resolve(dialogs.nextOpen),
    save: (o) => {
      if (!dialogs.saveChosen) return Promise.resolve(null);
      saved += 1;
      return Promise.resolve(path.join(exports, `${saved}-${o.defaultName}`));
    },
    chooseFolder: () => Promise.resolve(dialogs.nextFolder),
  };
  const logs: string[] = [];
  const b = await openBook(fileDialogs, options.workers ?? false, logs, options.idPrefix ?? 'id');
  const reader = new Database(b.book.path, { readonly: true, fileMustExist: true });
  const transport = inProcessTransport(b.backend, b.hub);
  const settings = await setUp(b.client);
  const owner = settings.currentStaffId as string;
  const other = (await b.client.call('staff.create', { name: 'Grace Hopper' })).id;
  if (!options.snapshotsBeforeChanges) {
    await b.client.call('backups.settings', { beforeChanges: false });
  }
  const w: World = {
    b,
    transport,
    reader,
    owner,
    other,
    files,
    exports,
    dialogs,
    fileIds: [],
    archive: options.archive ?? null,
    last: scanBook(reader),
    step: 0,
    tally: options.tally ?? new Map(),
    trail: [],
    logs,
    async close() {
      reader.close();
      await b.close();
    },
  };
  if (options.seed) {
    try {
      await options.seed(w);
    } catch (err) {
      const logged = logs.slice(-3).join('\n');
      throw new Error(`The world's starting records could not be made: ${String(err)}\n${logged}`, {
        cause: err,
      });
    }
    w.last = scanBook(reader);
  }
  return w;
}

/** A book in a fresh temp folder (as helpers/book.ts opens one), with or without job workers. */
async function openBook(
  dialogs: FileDialogs,
  workers: boolean,
  logs: string[],
  idPrefix: string,
): Promise<TestBook> {
  const dir = makeTempDir();
  const hub = createEventHub();
  const events: { event: string; payload: unknown }[] = [];
  hub.subscribe((event, payload) => events.push({ event, payload }));
  const clock = fixedClock();
  const opened = await openBookForHost({
    dataDir: dir,
    host: 'test',
    appVersion: '0.0.0-test',
    emit: (event, payload) => hub.emit(event, payload),
    clock,
    jobsWorker: workers ? JOBS_WORKER_SOURCE : null,
    ids: sequentialIds(idPrefix),
    // What the backend logs (an unexpected error's stack) is shown when a step fails.
    log: (message, err) =>
      logs.push(`${message} ${err instanceof Error ? (err.stack ?? err.message) : String(err ?? '')}`),
    dialogs,
  });
  const client = createClient(inProcessTransport(opened.backend, hub));
  return { ...opened, dir, hub, client, events, clock };
}

/** Every id of a query's rows, in insertion order (rowid), so a pick is the same on every replay. */
export function ids(w: World, sql: string, ...params: unknown[]): string[] {
  return w.reader
    .prepare(sql)
    .pluck()
    .all(...params) as string[];
}

/** The n-th (modulo) of a list, or undefined when it is empty. */
export function nth<T>(list: readonly T[], n: number): T | undefined {
  return list.length === 0 ? undefined : list[n % list.length];
}

/** A file in the world's folder, with these contents. */
export function writeFile(w: World, name: string, data: string | Uint8Array): string {
  const file = path.join(w.files, name);
  fs.writeFileSync(file, data);
  return file;
}
