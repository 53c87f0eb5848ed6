/** Test books: a real SQLite file in a fresh temp folder, a backend on it, and a typed client. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { createClient } from '../../shared/api/client.ts';
import type { Client } from '../../shared/api/transport.ts';
import { openBookForHost, type OpenedBook } from '../../electron/backend/book.ts';
import { createEventHub, type EventHub } from '../../electron/backend/event-hub.ts';
import { inProcessTransport } from '../../electron/backend/inprocess.transport.ts';
import type { FileDialogs } from '../../electron/backend/files/files.ts';
import { JOBS_WORKER_SOURCE } from '../../electron/backend/jobs/jobs.worker-source.ts';

/** Folders made for this test file, removed when its tests are over (a run makes thousands). */
const tempDirs: string[] = [];
if (process.env.VITEST) {
  afterAll(() => {
    for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
}

export function makeTempDir(prefix = 'ledgerline-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** A clock that only moves when told: tests never depend on the wall clock. */
export function fixedClock(start = Date.UTC(2026, 10, 22, 9, 0, 0)) {
  let now = start;
  const clock = () => now;
  clock.advance = (ms: number) => {
    now += ms;
  };
  clock.set = (ms: number) => {
    now = ms;
  };
  return clock;
}

/** Ids that sort in creation order, like UUIDv7, but deterministic. */
export function sequentialIds(prefix = 'id') {
  let n = 0;
  return () => `${prefix}-${String(++n).padStart(8, '0')}`;
}

export interface TestBook extends OpenedBook {
  dir: string;
  hub: EventHub;
  client: Client;
  events: { event: string; payload: unknown }[];
  clock: ReturnType<typeof fixedClock>;
}

export async function openTestBook(
  options: {
    dir?: string;
    deterministicIds?: boolean;
    prewarmJobs?: boolean;
    dialogs?: FileDialogs;
  } = {},
): Promise<TestBook> {
  const dir = options.dir ?? makeTempDir();
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
    jobsWorker: JOBS_WORKER_SOURCE,
    prewarmJobs: options.prewarmJobs ?? false,
    ...(options.deterministicIds === false ? {} : { ids: sequentialIds() }),
    log: () => {},
    ...(options.dialogs ? { dialogs: options.dialogs } : {}),
  });
  const client = createClient(inProcessTransport(opened.backend, hub));
  return { ...opened, dir, hub, client, events, clock };
}

/** Answers the first-run questions so a test starts from a set-up book. */
export async function setUp(client: Client) {
  return client.call('setup.complete', {
    userName: 'Ada Lovelace',
    businessName: 'Analytical Engines Ltd',
    currency: 'GBP',
    locale: 'en-GB',
  });
}
