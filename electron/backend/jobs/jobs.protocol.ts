/** The messages between the main thread's job runner and a job worker. */
import type { ApiErrorData } from '../../../shared/api/errors.ts';
import type { DbChanged } from '../../../shared/api/events.ts';
import type { AppInfo } from '../../../shared/api/requests.ts';

export interface WorkerConfig {
  file: string;
  /** A reader opens the book read-only; the writer runs write jobs. */
  role: 'read' | 'write';
  host: AppInfo['host'];
  appVersion: string;
  backupsDir: string;
  schemaVersion: number;
  /** The key of an encrypted book (workers live in this process; it is never written out). */
  key: string | null;
}

export type ToWorker =
  | {
      type: 'run';
      id: number;
      name: string;
      input: unknown;
      /** The main clock when the job was started: the job's timestamps. */
      now: number;
      staffId: string | null;
      /** Int32Array[0] is set to 1 to cancel. */
      cancel: SharedArrayBuffer;
    }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; id: number; done: number; total: number | null; message: string }
  | { type: 'changed'; event: DbChanged }
  | { type: 'done'; id: number; value: unknown }
  | { type: 'failed'; id: number; error: ApiErrorData; internal?: string };
