/**
 * The job worker's entry when the backend runs from source (the preview and the tests): Node 24
 * strips the types itself. The desktop app passes its bundled jobs.worker.js instead.
 *
 * Under a browser-like test environment (jsdom) import.meta.url is an http: address, so the file
 * is then found from the project root, where the tests run.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const here = new URL('./jobs.worker.ts', import.meta.url);

export const JOBS_WORKER_SOURCE =
  here.protocol === 'file:'
    ? here
    : pathToFileURL(path.resolve('electron', 'backend', 'jobs', 'jobs.worker.ts'));
