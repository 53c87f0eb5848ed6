/**
 * A child process for snapshot-disk.test.ts: opens the book in <dataDir> as a host does (jobs
 * inline), asks for a snapshot, and prints one JSON line: the answer and what the snapshots
 * folder holds afterwards. The test runs it under a file size limit or on a tiny file system.
 *   node take-snapshot.child.ts <dataDir> <snapshotsFolder>
 */
import fs from 'node:fs';
import { openBookForHost } from '../../../electron/backend/book.ts';

const [dataDir, folder] = process.argv.slice(2);
if (!dataDir || !folder) throw new Error('usage: take-snapshot.child.ts <dataDir> <snapshotsFolder>');
const opened = await openBookForHost({
  dataDir,
  host: 'test',
  appVersion: '0.0.0-test',
  emit: () => {},
  log: () => {},
});
const answer = await opened.backend.invoke('backups.take', {});
process.stdout.write(`${JSON.stringify({ answer, files: fs.readdirSync(folder) })}\n`);
await opened.close();
