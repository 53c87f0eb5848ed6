/**
 * Encrypting, decrypting or re-keying whole files (the book, closed, and its snapshots) on a
 * thread of its own: SQLite rewrites every page, minutes for a large book, and the main process
 * must not stop answering meanwhile. Each file is done in one SQLite transaction (rekeyFile), so
 * a crash leaves every file either as it was or as it was meant to be.
 */
import { Worker } from 'node:worker_threads';
import { rekeyFile, type BookKey } from './cipher.ts';
import { threadEntry } from './thread-entry.ts';

export interface RekeyTask {
  file: string;
  from: BookKey | null;
  to: BookKey | null;
}

export interface RekeyData {
  tasks: RekeyTask[];
}

export type RekeyMessage =
  | { type: 'done'; index: number }
  | { type: 'failed'; index: number; code: string; message: string }
  | { type: 'end' };

/** What the thread runs: every task in turn, reporting each; one failing does not stop the rest. */
export function rekeyLoop(data: RekeyData, send: (m: RekeyMessage) => void): void {
  for (const [index, task] of data.tasks.entries()) {
    try {
      rekeyFile(task.file, task.from, task.to);
      send({ type: 'done', index });
    } catch (err) {
      const e = err as { code?: unknown; message?: unknown };
      send({
        type: 'failed',
        index,
        code: typeof e.code === 'string' ? e.code : 'ERROR',
        message: String(e.message ?? err),
      });
    }
  }
  send({ type: 'end' });
}

export interface RekeyOutcome {
  /** The tasks that failed, with SQLite's reason; the files they name are as they were. */
  failed: { task: RekeyTask; code: string; message: string }[];
}

/** Runs the tasks on a thread; `progress(done, total)` after each. Never rejects for a task. */
export function rekeyFiles(
  tasks: RekeyTask[],
  progress: (done: number, total: number) => void = () => {},
): Promise<RekeyOutcome> {
  if (tasks.length === 0) return Promise.resolve({ failed: [] });
  return new Promise((resolve, reject) => {
    const failed: RekeyOutcome['failed'] = [];
    let done = 0;
    let ended = false;
    const worker = new Worker(threadEntry('rekey.worker', import.meta.url), {
      workerData: { tasks } satisfies RekeyData,
    });
    worker.on('message', (m: RekeyMessage) => {
      if (m.type === 'end') {
        ended = true;
        return;
      }
      if (m.type === 'failed') failed.push({ task: tasks[m.index]!, code: m.code, message: m.message });
      done += 1;
      progress(done, tasks.length);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (ended) resolve({ failed });
      else reject(new Error(`the encryption thread stopped early (exit code ${code})`));
    });
  });
}
