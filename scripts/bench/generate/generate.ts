/**
 * Builds a benchmark book of N people with a fixed seed:
 *  1. the app creates the book (openBookForHost: its schema and migrations) and is set up through
 *     the contract (setup.complete, staff.create), exactly as a user's book starts;
 *  2. the bulk of the rows goes in with raw prepared statements in large transactions, with the
 *     big tables' secondary indexes dropped first and built again after (much faster);
 *  3. derived data is brought up to date as the app keeps it: each person's call facts
 *     (last contact, last attempt, next call: person-stats.ts) are computed while generating, the
 *     cached primary phone and email and the sort keys are written with the row, the change log
 *     gets an insert per person and company (what timelines read), and the search index is built
 *     in one pass (search.rebuild.ts) by a worker thread while this one builds the other indexes.
 *     test/bench/generated-book.test.ts proves these equal to the app's own code.
 * Sizes per person: about 9.5 calls, 1.5 tasks, 1 note, 1.4 phones, 1 email, 1 tag, 2 orders
 * (sales.ts: with lines and status histories, the report summaries and purchase summaries), 0.2
 * deals and 0.1 cases; one company per 5 people. About 3% have European names, most with diacritics; phones are British, written
 * in seven different ways. Calls, tasks and notes go into their tables in time order (per block
 * of 50,000 people), as years of use would have put them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3-multiple-ciphers';
import { createClient } from '../../../shared/api/client.ts';
import { openBookForHost, bookPathIn } from '../../../electron/backend/book.ts';
import { createEventHub } from '../../../electron/backend/event-hub.ts';
import { inProcessTransport } from '../../../electron/backend/inprocess.transport.ts';
import { buildPools, companyNameFaker } from './pools.ts';
import type { BookMeta, Probes } from './probes.ts';
import { Rng, uuid7 } from './rng.ts';
import { BOOK_NOW, DAY, HISTORY_DAYS, insertRows } from './rows.ts';
import { insertSales } from './sales.ts';
import { FTS_TABLES } from '../../../electron/backend/search/search.index.ts';
import { ftsShadowTables, searchDocs, type SearchDoc } from './search.rebuild.ts';

/** The tables the search worker builds (with the book's own CREATE statements). */
const SEARCH_TABLES = ['search_docs', ...Object.values(FTS_TABLES)];

/** Tables whose secondary indexes are dropped while loading and built again afterwards. */
const BULK_TABLES = [
  'people',
  'companies',
  'phones',
  'emails',
  'person_tags',
  'company_tags',
  'calls',
  'tasks',
  'notes',
  'changes',
  'orders',
  'order_lines',
  'deals',
  'deal_lines',
  'cases',
];

export interface GenerateOptions {
  contacts: number;
  seed: number;
  /** The folder the book is written to (bookPathIn(dir)). */
  dir: string;
  key: string;
  log?: (message: string) => void;
}

export async function generateBook(options: GenerateOptions): Promise<{ meta: BookMeta; probes: Probes }> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const steps: Record<string, number> = {};
  let stepStart = started;
  const step = (name: string) => {
    const now = performance.now();
    steps[name] = Math.round(now - stepStart);
    stepStart = now;
    log(`  ${name}: ${(steps[name] / 1000).toFixed(1)} s`);
  };
  const N = options.contacts;
  const rng = new Rng(options.seed);
  const idRng = new Rng(options.seed ^ 0x5eed);
  const sampleRng = new Rng(options.seed ^ 0xbeef);
  const start = BOOK_NOW - HISTORY_DAYS * DAY;

  // 1. The app creates and sets up the book.
  fs.mkdirSync(options.dir, { recursive: true });
  let clockNow = start - 30 * DAY;
  const hub = createEventHub();
  const opened = await openBookForHost({
    dataDir: options.dir,
    host: 'test',
    appVersion: 'bench',
    emit: (event, payload) => hub.emit(event, payload),
    clock: () => clockNow,
    ids: () => uuid7(clockNow, idRng),
    log: () => {},
  });
  const staffIds: string[] = [];
  try {
    const client = createClient(inProcessTransport(opened.backend, hub));
    await client.call('setup.complete', {
      userName: 'Sam Taylor',
      businessName: 'Harbour & Finch Ltd',
      currency: 'GBP',
      locale: 'en-GB',
      email: 'sam@harbourfinch.co.uk',
    });
    for (const [name, email] of [
      ['Priya Shah', 'priya@harbourfinch.co.uk'],
      ['Tom Evans', 'tom@harbourfinch.co.uk'],
      ['Zoë Brontë', 'zoe@harbourfinch.co.uk'],
      ['Łukasz Nowak', 'lukasz@harbourfinch.co.uk'],
    ] as const) {
      clockNow += DAY;
      await client.call('staff.create', { name, email, role: 'staff' });
    }
  } finally {
    await opened.close();
  }
  step('app setup');

  // 2. Bulk load with raw statements.
  const file = bookPathIn(options.dir);
  const db = new Database(file);
  // No journal while loading (a failed build is thrown away); unsafe mode allows that, reading
  // while writing, and copying the search index's FTS5 tables in at the end.
  db.unsafeMode(true);
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('threads = 2');
  db.pragma('temp_store = MEMORY');
  db.pragma(`cache_size = -${Math.min(2_000_000, 200_000 + N * 2)}`);
  db.pragma('foreign_keys = OFF');

  for (const row of db.prepare(`SELECT id FROM staff ORDER BY created_at, id`).all() as { id: string }[]) {
    staffIds.push(row.id);
  }
  const connected = new Set(
    db
      .prepare(`SELECT value FROM list_values WHERE list = 'call_outcome' AND connected = 1`)
      .pluck()
      .all() as string[],
  );
  const purposes = db
    .prepare(`SELECT value FROM list_values WHERE list = 'call_purpose' AND active = 1 ORDER BY position`)
    .pluck()
    .all() as string[];

  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
       AND tbl_name IN (${BULK_TABLES.map(() => '?').join(', ')})`,
    )
    .all(...BULK_TABLES) as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);

  const pools = buildPools(options.seed);
  const companyName = companyNameFaker(options.seed);
  step('pools');

  const counts: Record<string, number> = {
    people: 0,
    companies: 0,
    phones: 0,
    emails: 0,
    person_tags: 0,
    calls: 0,
    tasks: 0,
    notes: 0,
  };
  const probes = insertRows({
    db,
    contacts: N,
    rng,
    idRng,
    sampleRng,
    pools,
    companyName,
    staffIds,
    connected,
    purposes,
    counts,
    log,
    step,
  });
  step(`people, calls, tasks, notes (${counts.calls!.toLocaleString('en')} calls)`);
  const sales = insertSales({
    db,
    rng: new Rng(options.seed ^ 0x5a1e5),
    idRng: new Rng(options.seed ^ 0x1d5a1e),
    staffIds,
    counts,
    log,
  });
  step(
    `products, orders, deals, cases (${counts.orders!.toLocaleString('en')} orders, ${counts.order_lines!.toLocaleString('en')} lines)`,
  );

  // The change log: an insert per company and person, in time order (timelines show "Added").
  db.exec(`INSERT INTO changes (tbl, row_id, op, staff_id, at)
    SELECT tbl, row_id, 'insert', staff_id, at FROM (
      SELECT 'companies' AS tbl, id AS row_id, created_by AS staff_id, created_at AS at FROM companies
      UNION ALL SELECT 'people', id, created_by, created_at FROM people
    ) ORDER BY at, row_id`);
  step('change log');

  // The search index: documents are read here and indexed by a worker thread into a file of its
  // own while this thread builds the other indexes; then its tables are copied into the book.
  const ftsFile = path.join(options.dir, 'search-build.sqlite');
  const schema = db
    .prepare(
      `SELECT sql FROM sqlite_schema WHERE name IN (${SEARCH_TABLES.map(() => '?').join(', ')}) ORDER BY name`,
    )
    .pluck()
    .all(...SEARCH_TABLES) as string[];
  const worker = new Worker(new URL('./search.worker.ts', import.meta.url), {
    workerData: { file: ftsFile, schema },
    resourceLimits: { maxOldGenerationSizeMb: 8192 },
  });
  const indexed = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The search index worker stopped (code ${code})`)));
  });
  indexed.catch(() => {});
  const docs = { person: 0, company: 0, note: 0, call: 0 };
  let batch: SearchDoc[] = [];
  for (const doc of searchDocs(db)) {
    batch.push(doc);
    docs[doc[1]]++;
    if (batch.length === 5000) {
      worker.postMessage(batch);
      batch = [];
    }
  }
  worker.postMessage(batch);
  worker.postMessage('end');
  counts.search_docs = docs.person + docs.company + docs.note + docs.call;
  step(`search documents read (${counts.search_docs.toLocaleString('en')})`);

  for (const index of indexes) db.exec(index.sql);
  step(`indexes (${indexes.length})`);

  await indexed;
  await worker.terminate();
  step('search index (the rest of its build)');
  db.prepare(`ATTACH DATABASE ? AS fts`).run(ftsFile);
  db.exec('BEGIN');
  for (const table of ['search_docs', ...ftsShadowTables(db, 'fts')]) {
    db.exec(`DELETE FROM main."${table}"`);
    db.exec(`INSERT INTO main."${table}" SELECT * FROM fts."${table}"`);
  }
  db.exec('COMMIT');
  db.exec('DETACH DATABASE fts');
  fs.rmSync(ftsFile, { force: true });
  step('search index copied in');

  db.pragma('locking_mode = NORMAL');
  db.pragma('journal_mode = WAL');
  db.unsafeMode(false);
  db.close();
  step('close');

  const meta: BookMeta = {
    seed: options.seed,
    contacts: N,
    key: options.key,
    counts,
    bookNow: BOOK_NOW,
    generatedMs: Math.round(performance.now() - started),
    steps,
  };
  return { meta, probes: { ...probes, buyers: sales.buyers } };
}
