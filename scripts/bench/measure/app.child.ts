/**
 * The app's measuring process: opens the book as the desktop shell and the preview do
 * (openBookForHost with its job workers started at open), builds the typed client over the in-process transport,
 * and serves the orchestrator's runs (serve.ts). Its peak memory is memory.peak_mb. Last, it serves
 * the renderer through the preview server on the same open book (render.ts): a preview process of
 * its own would check the whole book again when it opened it, and take the day's snapshot of it
 * while Chromium is being measured.
 *   node scripts/bench/measure/app.child.ts <dataDir> <probes.json> [small,large import rows]   (forked by bench.cli.ts)
 */
import fs from 'node:fs';
import { createClient } from '../../../shared/api/client.ts';
import { openBookForHost } from '../../../electron/backend/book.ts';
import { createEventHub } from '../../../electron/backend/event-hub.ts';
import { inProcessTransport } from '../../../electron/backend/inprocess.transport.ts';
import { JOBS_WORKER_SOURCE } from '../../../electron/backend/jobs/jobs.worker-source.ts';
import { logLine } from '../../../electron/backend/log-line.ts';
import { startPreviewServer, type PreviewServer } from '../../../electron/preview/preview.server.ts';
import type { Probes } from '../generate/probes.ts';
import { appOps } from './app.ops.ts';
import { IMPORT_LARGE, IMPORT_SMALL, inputsOf } from './scenario.ts';
import { serve } from './serve.ts';
import pkg from '../../../package.json' with { type: 'json' };

const [dataDir, probesFile, importRows = `${IMPORT_SMALL},${IMPORT_LARGE}`] = process.argv.slice(2);
if (!dataDir || !probesFile) throw new Error('usage: app.child.ts <dataDir> <probes.json>');
const probes = JSON.parse(fs.readFileSync(probesFile, 'utf8')) as Probes;

const hub = createEventHub();
const opened = await openBookForHost({
  dataDir,
  host: 'desktop',
  appVersion: pkg.version,
  emit: (event, payload) => hub.emit(event, payload),
  jobsWorker: JOBS_WORKER_SOURCE,
  // As the desktop shell and the preview do: the readers and the writer start at open, so the
  // first list or bulk change does not wait for a thread, and the peak counts all three.
  prewarmJobs: true,
  log: (message, err) => process.stderr.write(logLine(message, err)),
});
// A large book is checked on a worker just after it opens (openBook); the measurements start once
// that is over, so they see the app as it runs for the rest of the day, not its first seconds.
const checkStarted = performance.now();
await opened.backend.checked;
if (!opened.book.checked)
  process.stderr.write(
    `  (the book check after open took ${((performance.now() - checkStarted) / 1000).toFixed(1)} s)\n`,
  );
const client = createClient(inProcessTransport(opened.backend, hub));
// No snapshot before each import: a copy of the bench's 15 GB book takes minutes and would be measured as the import.
await client.call('backups.settings', { beforeChanges: false });
const [small, large] = importRows.split(',').map(Number) as [number, number];
const io = { files: opened.backend.ctx.files, dir: dataDir, small, large };
let preview: PreviewServer | null = null;
serve(
  appOps(client, opened.book.sqlite, inputsOf(probes), io),
  async () => {
    await preview?.close();
    await opened.close();
  },
  async (staticDir) => {
    preview ??= await startPreviewServer({ backend: opened.backend, hub, staticDir, port: 0 });
    return preview.url;
  },
);
