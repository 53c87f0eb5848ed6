/**
 * A test book held the way the desktop app and the preview hold it: through the gate
 * (electron/backend/security/gate.ts), so requests that close and reopen the book (encrypting,
 * decrypting, unlocking) run as they do in the app. No OS keychain unless one is given.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { createClient } from '../../shared/api/client.ts';
import type { Client } from '../../shared/api/transport.ts';
import { createEventHub, type EventHub } from '../../electron/backend/event-hub.ts';
import type { FileDialogs } from '../../electron/backend/files/files.ts';
import { inProcessTransport } from '../../electron/backend/inprocess.transport.ts';
import { JOBS_WORKER_SOURCE } from '../../electron/backend/jobs/jobs.worker-source.ts';
import { openGatedBook, type BookGate } from '../../electron/backend/security/gate.ts';
import type { Keychain } from '../../electron/backend/security/key-envelope.ts';
import { fixedClock, makeTempDir } from './book.ts';

export interface GatedTestBook {
  dir: string;
  gate: BookGate;
  hub: EventHub;
  client: Client;
  /** The open book's connection as it is now (a new one after the book was re-keyed). */
  sqlite(): Database.Database;
  close(): Promise<void>;
}

export async function openGatedTestBook(
  options: { dir?: string; dialogs?: FileDialogs; keychain?: Keychain | null } = {},
): Promise<GatedTestBook> {
  const dir = options.dir ?? makeTempDir();
  const hub = createEventHub();
  const gate = await openGatedBook({
    dataDir: dir,
    host: 'test',
    appVersion: '0.0.0-test',
    emit: (event, payload) => hub.emit(event, payload),
    clock: fixedClock(),
    jobsWorker: JOBS_WORKER_SOURCE,
    log: () => {},
    keychain: options.keychain ?? null,
    ...(options.dialogs ? { dialogs: options.dialogs } : {}),
  });
  return {
    dir,
    gate,
    hub,
    client: createClient(inProcessTransport(gate, hub)),
    sqlite: () => {
      const opened = gate.opened();
      if (!opened) throw new Error('the book is locked');
      return opened.book.sqlite;
    },
    close: () => gate.close(),
  };
}
