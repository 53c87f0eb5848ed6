/**
 * npm run preview -- --data DIR [--port N] [--token T] [--demo]
 * Prints exactly one line, "Preview: http://127.0.0.1:N/?token=T", and serves until stopped.
 * Any failure is one line on stderr and exit code 1: no stack trace.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/api/errors.ts';
import { openGatedBook } from '../backend/security/gate.ts';
import { isNewBook, seedDemo } from '../backend/demo/demo.seed.ts';
import { createEventHub } from '../backend/event-hub.ts';
import { JOBS_WORKER_SOURCE } from '../backend/jobs/jobs.worker-source.ts';
import { logLine } from '../backend/log-line.ts';
import { startReminderScheduler } from '../backend/reminders/reminder.scheduler.ts';
import { startPreviewServer } from './preview.server.ts';
import pkg from '../../package.json' with { type: 'json' };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function fail(message: string): never {
  process.stderr.write(`Preview could not start: ${message}\n`);
  process.exit(1);
}

async function main() {
  let values: { data?: string; port?: string; token?: string; demo?: boolean; static?: string };
  try {
    ({ values } = parseArgs({
      options: {
        data: { type: 'string' },
        port: { type: 'string' },
        token: { type: 'string' },
        demo: { type: 'boolean' },
        static: { type: 'string' },
      },
      strict: true,
    }));
  } catch (err) {
    fail(`${(err as Error).message}. Usage: npm run preview -- --data DIR [--port N] [--token T] [--demo]`);
  }
  if (!values.data) fail('name the folder for the customer book with --data DIR.');
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
  if (values.token !== undefined && !/^[A-Za-z0-9._~-]{8,200}$/u.test(values.token)) {
    fail('--token must be 8 to 200 letters, digits or . _ ~ -');
  }

  const hub = createEventHub();
  // No OS keychain here: an encrypted book is kept behind a passphrase, asked in the page.
  let gate;
  try {
    gate = await openGatedBook({
      keychain: null,
      dataDir: path.resolve(values.data),
      host: 'preview',
      appVersion: pkg.version,
      emit: (event, payload) => hub.emit(event, payload),
      jobsWorker: JOBS_WORKER_SOURCE,
      prewarmJobs: true,
      dailySnapshot: true,
      auditPruning: true,
      log: (message, err) => process.stderr.write(logLine(message, err)),
    });
  } catch (err) {
    if (err instanceof AppError) fail(err.message);
    throw err;
  }
  const first = gate.opened();
  if (values.demo) {
    if (first && isNewBook(first.backend)) seedDemo(first.backend);
    else process.stderr.write('--demo: this book already has data (or is locked), so no sample was added.\n');
  }

  let server;
  try {
    server = await startPreviewServer({
      backend: gate,
      hub,
      staticDir: values.static ?? path.join(root, 'out/renderer'),
      port,
      ...(values.token ? { token: values.token } : {}),
    });
  } catch (err) {
    await gate.close();
    const code = (err as NodeJS.ErrnoException).code;
    fail(
      code === 'EADDRINUSE'
        ? `port ${port} is already in use. Choose another with --port.`
        : (err as Error).message,
    );
  }
  process.stdout.write(`Preview: ${server.url}\n`);
  if (first && !first.book.checked) {
    // A large book was opened before quick_check had read it; say when that is over.
    const started = performance.now();
    void first.backend.checked.then(() =>
      process.stderr.write(
        `The book check after opening is over (${((performance.now() - started) / 1000).toFixed(1)} s after it opened).\n`,
      ),
    );
  }
  // Reminders come due here too (once the book is open); the page shows them as toasts.
  let stopScheduler = () => {};
  const stopWaiting = gate.onOpen(() => {
    stopScheduler();
    stopScheduler = startReminderScheduler({
      backend: gate,
      emit: (event, payload) => hub.emit(event, payload),
      clock: Date.now,
    });
  });
  const stopReminders = () => {
    stopWaiting();
    stopScheduler();
  };

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    stopReminders();
    await server.close();
    await gate.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
