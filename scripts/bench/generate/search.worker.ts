/**
 * Builds the search index in a worker thread, into a file of its own (search_docs and the FTS5 tables
 * made with the book's own CREATE statements), from documents the generator posts in batches:
 * the FTS5 work, the slowest part of generating a book, then runs while the generator's main
 * thread builds the book's other indexes. The generator copies the finished tables into the book.
 *   workerData: { file, schema: string[] }; messages: SearchDoc[] batches, then 'end'; replies 'done'.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3-multiple-ciphers';
import { insertSearchDocs, type SearchDoc } from './search.rebuild.ts';

const { file, schema } = workerData as { file: string; schema: string[] };
const db = new Database(file);
db.unsafeMode(true);
db.pragma('locking_mode = EXCLUSIVE');
db.pragma('journal_mode = OFF');
db.pragma('synchronous = OFF');
db.pragma('cache_size = -500000');
for (const sql of schema) db.exec(sql);

/** Batches as they arrive; insertSearchDocs pulls them one document at a time. */
const queue: (SearchDoc[] | 'end')[] = [];
let wake: (() => void) | null = null;
parentPort!.on('message', (message: SearchDoc[] | 'end') => {
  queue.push(message);
  wake?.();
});

async function next(): Promise<SearchDoc[] | 'end'> {
  while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
  wake = null;
  return queue.shift()!;
}

db.exec('BEGIN');
for (;;) {
  const batch = await next();
  if (batch === 'end') break;
  insertSearchDocs(db, batch);
}
db.exec('COMMIT');
db.close();
parentPort!.postMessage('done');
