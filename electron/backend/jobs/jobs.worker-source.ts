/**
 * The job worker's entry (db/thread-entry.ts): jobs.worker.ts beside this file from source (the
 * preview and the tests), jobs.worker.js in a bundle (the bench builds one as the app does). The
 * desktop app passes its out/main/jobs.worker.js itself.
 *
 * Under a browser-like test environment (jsdom) import.meta.url is an http: address, so the file
 * is then found from the project root, where the tests run.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { threadEntry } from '../../db/thread-entry.ts';

export const JOBS_WORKER_SOURCE = import.meta.url.startsWith('file:')
  ? threadEntry('jobs.worker', import.meta.url)
  : pathToFileURL(path.resolve('electron', 'backend', 'jobs', 'jobs.worker.ts'));
