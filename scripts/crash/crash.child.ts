/**
 * The crash harness's victim: opens the book as the app does (openBookForHost with the job
 * worker, so imports run on the writer thread), then writes a random mix until it is killed:
 * new people, renames, logged calls, imports of a small CSV file and merges. Before each write it
 * tells the parent what it is about to do ('begin'); once the write has returned (committed) it
 * says so ('ack'). The parent kills it with SIGKILL at a moment of its choosing and then checks
 * the book (crash.ts).
 *   node scripts/crash/crash.child.ts <dataDir> <seed> <run>   (forked by crash.ts)
 */
import fs from 'node:fs';
import path from 'node:path';
import { createClient } from '../../shared/api/client.ts';
import { openBookForHost } from '../../electron/backend/book.ts';
import { createEventHub } from '../../electron/backend/event-hub.ts';
import { inProcessTransport } from '../../electron/backend/inprocess.transport.ts';
import { JOBS_WORKER_SOURCE } from '../../electron/backend/jobs/jobs.worker-source.ts';
import type { CrashMessage } from './crash.protocol.ts';
import { mulberry32 } from './crash.protocol.ts';

const [dataDir, seedText, runText] = process.argv.slice(2);
if (!dataDir || !seedText || !runText || !process.send) {
  throw new Error('usage: crash.child.ts <dataDir> <seed> <run> (forked, with an IPC channel)');
}
const run = Number(runText);
const random = mulberry32(Number(seedText) * 7919 + run);
const send = (message: CrashMessage) =>
  new Promise<void>((resolve) => process.send!(message, undefined, {}, () => resolve()));

const hub = createEventHub();
const opened = await openBookForHost({
  dataDir,
  host: 'test',
  appVersion: '0.0.0-crash',
  emit: (event, payload) => hub.emit(event, payload),
  jobsWorker: JOBS_WORKER_SOURCE,
  prewarmJobs: true,
  log: () => {},
});
const client = createClient(inProcessTransport(opened.backend, hub));
await opened.backend.checked;
const settings = await client.call('settings.get', {});
if (!settings.currentStaffId) {
  await client.call('setup.complete', {
    userName: 'Crash Tester',
    businessName: 'Harness Ltd',
    currency: 'GBP',
    locale: 'en-GB',
  });
}
// The writer worker starts on the first write job: a preview of a tiny import starts it now, so the
// kills land in writing rather than in a worker's start-up.
const warm = path.join(dataDir, 'crash-warm.csv');
fs.writeFileSync(warm, 'Full Name,E-mail Address\r\nWarm Up,warm@crash.example\r\n');
const warmRef = opened.backend.ctx.files.register(warm, { temporary: true });
const warmSeen = await client.call('import.inspect', { fileId: warmRef.fileId });
await client.call('import.preview', {
  format: 'csv',
  kind: 'people',
  fileId: warmRef.fileId,
  encoding: warmSeen.encoding,
  delimiter: warmSeen.delimiter,
  headerKey: warmSeen.headerKey,
  bytes: warmRef.bytes,
  mapping: warmSeen.mapping,
  match: 'email',
  blankOverwrites: false,
});
await send({ type: 'ready' });

/** People this process may rename, call or merge: live ones, read once and then as it makes them. */
const live = (await client.call('people.list', { sort: 'created', direction: 'desc', limit: 200 })).rows.map(
  (p) => p.id,
);
const pick = () => live[Math.floor(random() * live.length)]!;
const label = (n: number) => `r${run}-${n}`;

for (let n = 0; ; n++) {
  const roll = random();
  if (live.length < 4 || roll < 0.3) {
    const familyName = label(n);
    await send({ type: 'begin', op: { kind: 'create', familyName } });
    const person = await client.call('people.create', {
      person: { givenName: 'Person', familyName },
      allowDuplicate: true,
    });
    live.push(person.id);
    await send({ type: 'ack', op: { kind: 'create', familyName, id: person.id } });
  } else if (roll < 0.55) {
    const id = pick();
    const familyName = `Renamed ${label(n)}`;
    await send({ type: 'begin', op: { kind: 'rename', id, familyName } });
    await client.call('people.update', { id, patch: { familyName } });
    await send({ type: 'ack', op: { kind: 'rename', id, familyName } });
  } else if (roll < 0.8) {
    const personId = pick();
    const summary = `Call ${label(n)}`;
    await send({ type: 'begin', op: { kind: 'call', personId, summary } });
    const { call } = await client.call('calls.log', {
      call: {
        personId,
        direction: 'out',
        startedAt: Date.UTC(2026, 10, 1) + n * 60_000,
        durationS: 60,
        outcome: 'connected',
        summary,
      },
    });
    await send({ type: 'ack', op: { kind: 'call', personId, summary, id: call.id } });
  } else if (roll < 0.9) {
    const rows = 20 + Math.floor(random() * 80);
    const file = path.join(dataDir, `crash-import-${label(n)}.csv`);
    const lines = ['Full Name,E-mail Address'];
    for (let i = 0; i < rows; i++) lines.push(`Imported ${label(n)}-${i},imp.${label(n)}.${i}@crash.example`);
    fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    const ref = opened.backend.ctx.files.register(file, { temporary: true });
    const seen = await client.call('import.inspect', { fileId: ref.fileId });
    await send({ type: 'begin', op: { kind: 'import', tag: label(n), rows } });
    const done = await client.call('import.run', {
      format: 'csv',
      kind: 'people',
      fileId: ref.fileId,
      encoding: seen.encoding,
      delimiter: seen.delimiter,
      headerKey: seen.headerKey,
      bytes: ref.bytes,
      mapping: seen.mapping,
      match: 'email',
      blankOverwrites: false,
    });
    await send({ type: 'ack', op: { kind: 'import', tag: label(n), rows, batchId: done.batchId! } });
  } else {
    const keepId = pick();
    const mergeId = pick();
    if (keepId === mergeId) continue;
    await send({ type: 'begin', op: { kind: 'merge', keepId, mergeId } });
    await client.call('people.merge', { keepId, mergeId, take: {} });
    live.splice(live.indexOf(mergeId), 1);
    await send({ type: 'ack', op: { kind: 'merge', keepId, mergeId } });
  }
}
