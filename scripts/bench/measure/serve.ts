/**
 * The measuring children (the app's and the raw one) and the orchestrator talk over Node's IPC
 * channel. A child times its own runs, so the channel's cost is never measured.
 *   parent -> child: prepare(name, warmup) | run(name, from, count) | memory | preview(staticDir) | close
 *   child -> parent: ready(names) | done(samples) | serving(url) | failed(message)
 */
import fs from 'node:fs';
import type { Op, Ops } from './op.ts';

export type ToChild =
  | { type: 'prepare'; name: string; warmup: number }
  | { type: 'run'; name: string; from: number; count: number }
  | { type: 'memory' }
  | { type: 'preview'; staticDir: string }
  | { type: 'close' };

export type FromChild =
  | { type: 'ready'; names: string[] }
  | { type: 'done'; samples: number[] }
  | { type: 'serving'; url: string }
  | { type: 'failed'; message: string };

function send(message: FromChild): void {
  process.send!(message);
}

/**
 * The peak resident set size of this process so far, in MB (worker threads included). On Linux
 * it is VmHWM: getrusage's maxRSS would also count the parent's memory at the fork, which Linux
 * carries over an exec.
 */
export function peakRssMb(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+)\s+kB$/mu.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm?.[1]) return Number(hwm[1]) / 1024;
  } catch {
    // Not Linux.
  }
  return process.resourceUsage().maxRSS / 1024;
}

/** The longest a measurement's warm-up runs on one side (it stops after the run that passes it). */
const WARMUP_MS = 2000;

/**
 * Answers the orchestrator's messages with these ops until told to close. A side that can serve
 * the renderer (the app's) passes `preview`: it starts the preview server on its open book and
 * answers with the page's address.
 */
export function serve(
  ops: Ops,
  close: () => Promise<void>,
  preview?: (staticDir: string) => Promise<string>,
): void {
  if (!process.send) throw new Error('Start this file with child_process.fork (it needs the IPC channel).');
  const need = (name: string): Op => {
    const op = ops[name];
    if (!op) throw new Error(`No measurement called ${name} on this side`);
    return op;
  };
  let queue = Promise.resolve();
  process.on('message', (message: ToChild) => {
    queue = queue.then(async () => {
      try {
        switch (message.type) {
          case 'prepare': {
            const op = need(message.name);
            await op.prepare?.();
            // Warm-up runs use inputs from the end of the lists (run -1, -2…), never a timed run's.
            const started = performance.now();
            for (let i = 1; i <= message.warmup; i++) {
              await op.run(-i);
              if (performance.now() - started > WARMUP_MS) break;
            }
            send({ type: 'done', samples: [] });
            break;
          }
          case 'run': {
            const op = need(message.name);
            const samples: number[] = [];
            for (let i = message.from; i < message.from + message.count; i++) {
              const t0 = performance.now();
              await op.run(i);
              samples.push(performance.now() - t0);
            }
            send({ type: 'done', samples });
            break;
          }
          case 'memory':
            send({ type: 'done', samples: [peakRssMb()] });
            break;
          case 'preview':
            if (!preview) throw new Error('This side cannot serve the renderer');
            send({ type: 'serving', url: await preview(message.staticDir) });
            break;
          case 'close':
            await close();
            process.disconnect();
            break;
        }
      } catch (err) {
        send({ type: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      }
    });
  });
  send({ type: 'ready', names: Object.keys(ops) });
}
