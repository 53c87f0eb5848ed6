/**
 * The measurements as the app runs them: every request goes through the typed client over the
 * in-process transport into backend.invoke (structured clone both ways, zod validation, the
 * handler, and for people.anchors / people.count / people.bulk the job worker), exactly the path
 * a renderer request takes minus the IPC hop.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { RequestInput } from '../../../shared/api/requests.ts';
import type { Files } from '../../../electron/backend/files/files.ts';
import type { Client } from '../../../shared/api/transport.ts';
import type { Op, Ops } from './op.ts';
import {
  ANCHOR_EVERY,
  BUSY_CALLS,
  callToLog,
  isoDay,
  LIST,
  anchorOf,
  PAGE_SIZE,
  pick,
  REPORT_TODAY,
  reportPeriod,
  SEARCH_LIMIT,
  TAG_BULK_SIZE,
  TIMELINE_PAGE,
  type Inputs,
} from './scenario.ts';

/** The end of today, as the renderer passes `now` with a list request. */
function endOfToday(): number {
  const d = new Date();
  d.setHours(23, 59, 59, 999);
  return d.getTime();
}

/** Ids of the people a tag.bulk10k run tags: a different slice of the book each run. */
export function bulkIds(sqlite: Database.Database, run: number): string[] {
  const total = sqlite
    .prepare(`SELECT count(*) FROM people WHERE deleted_at IS NULL`)
    .pluck()
    .get() as number;
  const size = Math.min(TAG_BULK_SIZE, total);
  const offset = total > size ? (Math.abs(run) * 7919 * 13) % (total - size) : 0;
  return sqlite
    .prepare(`SELECT id FROM people WHERE deleted_at IS NULL ORDER BY sort_key, id LIMIT ? OFFSET ?`)
    .pluck()
    .all(size, offset) as string[];
}

const FIRST = [
  'Olivia',
  'Noah',
  'Amelia',
  'Jack',
  'Isla',
  'Harry',
  'Ava',
  'Oscar',
  'Mia',
  'Leo',
  'Zoë',
  'José',
];
const FAMILY = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Müller',
  'Evans',
  'Thomas',
  'Roberts',
];
/** "Zoë" → "zoe": the local part of an email address (the import checks them as people.create does). */
const ascii = (name: string) => name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
const CITIES = ['Leeds', 'York', 'Bristol', 'Cardiff', 'Glasgow', 'Norwich', 'Bath', 'Derby'];

/**
 * The files an import measurement reads, one per run: import.csv100k's three of the small size,
 * import.csv1m's one of the large. The orchestrator writes them before the app's process starts,
 * as a user's file exists before the app reads it: made in the app's process, the strings of a
 * million rows grew its main thread's heap by about 67 MB for the rest of the run, which
 * memory.peak_mb then counted.
 */
export function importFilesOf(
  name: string,
  dir: string,
  [small, large]: readonly [number, number],
): { file: string; rows: number; run: number }[] {
  const spec =
    name === 'import.csv100k'
      ? { rows: small, runs: 3, first: 0 }
      : name === 'import.csv1m'
        ? { rows: large, runs: 1, first: 100 }
        : null;
  if (!spec) return [];
  return Array.from({ length: spec.runs }, (_, k) => ({
    file: path.join(dir, `import-${spec.first + k}.csv`),
    rows: spec.rows,
    run: spec.first + k,
  }));
}

/**
 * A people file as another tool exports it: full name, email, phone, company, job title, city and
 * tags, every email new to the book (so every row is matched, found new and added).
 */
export function writeImportFile(file: string, rows: number, run: number): void {
  const fd = fs.openSync(file, 'w');
  let chunk = 'Full Name,E-mail Address,Mobile Phone,Company,Job Title,City,Categories\r\n';
  for (let i = 0; i < rows; i++) {
    const given = FIRST[i % FIRST.length]!;
    const family = FAMILY[Math.floor(i / FIRST.length) % FAMILY.length]!;
    const phone = `07700 ${String(100000 + ((i * 7919 + run * 104729) % 900000))}`;
    chunk += `${given} ${family},${ascii(given)}.${i}.r${run}@import.example,${phone},Import Co ${i % 20000},Buyer,${CITIES[i % CITIES.length]},Imported; Run ${run}\r\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(fd, chunk);
      chunk = '';
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
}

export interface ImportSetting {
  files: Files;
  /** Where the import files are written (the run's copy of the book is there). */
  dir: string;
  /** Rows of import.csv100k's and import.csv1m's files. */
  small: number;
  large: number;
}

export function appOps(client: Client, sqlite: Database.Database, inputs: Inputs, io: ImportSetting): Ops {
  const { files, dir } = io;
  const now = endOfToday();
  const list = { sort: LIST.sort, direction: LIST.direction, filter: { ...LIST.filter }, now };
  /** An import of new people, a file per run, which the orchestrator has written (importFilesOf). */
  const importOp = (name: string): Op => {
    const plans: RequestInput<'import.run'>[] = [];
    const made = importFilesOf(name, dir, [io.small, io.large]);
    const rows = made[0]?.rows ?? 0;
    return {
      async prepare() {
        for (const { file } of made) {
          if (!fs.existsSync(file))
            throw new Error(`${name}: no import file at ${file} (bench.cli.ts writes it)`);
          const ref = files.register(file, { temporary: true });
          const seen = await client.call('import.inspect', { fileId: ref.fileId });
          plans.push({
            fileId: ref.fileId,
            encoding: seen.encoding,
            delimiter: seen.delimiter,
            headerKey: seen.headerKey,
            bytes: ref.bytes,
            mapping: seen.mapping,
            match: 'email',
            blankOverwrites: false,
          });
        }
      },
      async run(i) {
        const plan = plans[Math.max(0, i) % plans.length]!;
        const done = await client.call('import.run', plan);
        if (done.created !== rows) throw new Error(`The import added ${done.created} of ${rows} people`);
        files.release(plan.fileId);
      },
    };
  };
  const search = (queries: string[]): Op => ({
    run: (i) => client.call('search.global', { query: pick(queries, i), limit: SEARCH_LIMIT }),
  });
  const page = (which: 'middle' | 'last'): Op => {
    let request: { cursor: string | null; limit: number } | null = null;
    return {
      async prepare() {
        const found = await client.call('people.anchors', { ...list, every: ANCHOR_EVERY });
        const anchor = found.anchors[anchorOf(which, found.anchors.length)]!;
        request = { cursor: anchor || null, limit: PAGE_SIZE };
      },
      async run() {
        const got = await client.call('people.list', { ...list, ...request! });
        if (got.rows.length === 0) throw new Error(`The ${which} page is empty`);
      },
    };
  };
  const bulk = new Map<number, string[]>();

  return {
    'search.prefix': search(inputs.prefix),
    'search.fullname': search(inputs.fullname),
    'search.phone': search(inputs.phone),
    'search.diacritic': search(inputs.diacritic),
    'list.page.first': {
      run: () => client.call('people.list', { ...list, cursor: null, limit: PAGE_SIZE }),
    },
    'list.page.middle': page('middle'),
    'list.page.last': page('last'),
    'list.anchors': { run: () => client.call('people.anchors', { ...list, every: ANCHOR_EVERY }) },
    'people.count': { run: () => client.call('people.count', { filter: list.filter, now }) },
    'contact.open': {
      run: (i) => {
        const id = pick(inputs.open, i);
        return Promise.all([
          client.call('people.get', { id }),
          client.call('timeline.person', { personId: id, limit: TIMELINE_PAGE }),
        ]);
      },
    },
    'contact.open_busy': {
      async prepare() {
        // Days of calls, oldest first, each logged as a user logs it.
        const start = Date.now() - BUSY_CALLS * 3_600_000;
        for (let k = 0; k < BUSY_CALLS; k++) {
          const at = start + k * 3_600_000;
          await client.call('calls.log', {
            call: { personId: inputs.busy, ...callToLog(at) },
            today: isoDay(at),
          });
        }
      },
      run: () =>
        Promise.all([
          client.call('people.get', { id: inputs.busy }),
          client.call('timeline.person', { personId: inputs.busy, limit: TIMELINE_PAGE }),
        ]),
    },
    'call.log': {
      run: (i) => {
        const at = Date.now();
        return client.call('calls.log', {
          call: { personId: pick(inputs.callLog, i), ...callToLog(at) },
          followUp: { inDays: 7 },
          today: isoDay(at),
        });
      },
    },
    'tag.bulk10k': {
      prepare() {
        for (let run = 0; run < 10; run++) bulk.set(run, bulkIds(sqlite, run));
      },
      run: (i) =>
        client.call('people.bulk', {
          target: { ids: bulk.get(i) ?? bulkIds(sqlite, i) },
          action: { type: 'tag', tag: `Bench app ${i}` },
        }),
    },
    'report.sales_by_month': { run: (i) => client.call('reports.salesByMonth', reportPeriod(i)) },
    'report.sales_by_category': { run: (i) => client.call('reports.salesByCategory', reportPeriod(i)) },
    'report.pipeline': { run: () => client.call('reports.pipeline', {}) },
    'report.won_lost': { run: (i) => client.call('reports.wonLost', reportPeriod(i)) },
    'report.cases_by_age': { run: () => client.call('reports.casesByAge', { today: REPORT_TODAY }) },
    'import.csv100k': importOp('import.csv100k'),
    'import.csv1m': importOp('import.csv1m'),
    'export.all': {
      run: async () => {
        const done = await client.call('export.everything', {});
        if (!done.download || done.rows === 0) throw new Error('export.everything wrote nothing');
        // The zip is as big as the book's data: it goes as soon as it is measured.
        files.release(done.download.fileId);
      },
    },
    'purchase.summary': {
      run: async (i) => {
        const history = await client.call('purchases.person', { personId: pick(inputs.buyers, i) });
        if (history.orders === 0) throw new Error('A buyer without orders');
      },
    },
  };
}
