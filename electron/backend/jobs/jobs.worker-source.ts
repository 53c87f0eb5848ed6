/**
 * The job worker's entry. From source (the preview and the tests) it is jobs.worker.ts beside this
 * file, and Node 24 strips the types itself. In a bundle (the bench builds one as the app does) it
 * is an entry of its own, jobs.worker.js, while this code may sit in a shared chunk one folder
 * down. The desktop app passes its out/main/jobs.worker.js itself.
 *
 * Under a browser-like test environment (jsdom) import.meta.url is an http: address, so the file
 * is then found from the project root, where the tests run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

function source(): URL {
  const here = import.meta.url;
  if (!here.startsWith('file:')) {
    return pathToFileURL(path.resolve('electron', 'backend', 'jobs', 'jobs.worker.ts'));
  }
  if (here.endsWith('.ts')) return new URL('./jobs.worker.ts', here);
  const candidates = ['./jobs.worker.js', '../jobs.worker.js'].map((p) => new URL(p, here));
  return candidates.find((u) => fs.existsSync(fileURLToPath(u))) ?? candidates[0]!;
}

export const JOBS_WORKER_SOURCE = source();
