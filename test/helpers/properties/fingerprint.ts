/**
 * A fingerprint of the whole book, read through the test's own connection: every row of every
 * table (the FTS shadow tables, the summaries and the change log included), as JSON. The books
 * of the property tests are small, so the rows themselves are compared, not hashes of them.
 *
 *  - A refused request must leave every row exactly as it was.
 *  - For a request that succeeded, the rows that differ (added, changed or removed) are listed
 *    with the change-log entry each one needs: a person's phone is logged as the person, an
 *    order's line as the order, a batch's row as the batch (see LOGGED). The invariants then
 *    check that the change log holds such an entry after the previous step's last seq.
 */
import type Database from 'better-sqlite3-multiple-ciphers';

type Row = Record<string, unknown>;

interface Logged {
  key(r: Row): string;
  /** The change-log entry (table, row id) a change of this row must appear under. */
  logAs(r: Row): [string, string];
}

const s = (v: unknown) => String(v);
const byId = (table: string): Logged => ({ key: (r) => s(r.id), logAs: (r) => [table, s(r.id)] });
const owner = (r: Row): [string, string] =>
  r.person_id != null ? ['people', s(r.person_id)] : ['companies', s(r.company_id)];

/** The tables whose rows the change log must account for, and how. */
export const LOGGED: Record<string, Logged> = {
  settings: { key: (r) => s(r.key), logAs: (r) => ['settings', s(r.key)] },
  staff: byId('staff'),
  people: byId('people'),
  companies: byId('companies'),
  calls: byId('calls'),
  tasks: byId('tasks'),
  notes: byId('notes'),
  tags: byId('tags'),
  custom_fields: byId('custom_fields'),
  batches: byId('batches'),
  product_categories: byId('product_categories'),
  products: byId('products'),
  orders: byId('orders'),
  deal_stages: byId('deal_stages'),
  deals: byId('deals'),
  cases: byId('cases'),
  list_values: {
    key: (r) => `${s(r.list)}:${s(r.value)}`,
    logAs: (r) => ['list_values', `${s(r.list)}:${s(r.value)}`],
  },
  phones: { key: (r) => s(r.id), logAs: owner },
  emails: { key: (r) => s(r.id), logAs: owner },
  person_tags: { key: (r) => `${s(r.person_id)}|${s(r.tag_id)}`, logAs: (r) => ['people', s(r.person_id)] },
  company_tags: {
    key: (r) => `${s(r.company_id)}|${s(r.tag_id)}`,
    logAs: (r) => ['companies', s(r.company_id)],
  },
  person_photos: { key: (r) => s(r.person_id), logAs: (r) => ['people', s(r.person_id)] },
  order_lines: { key: (r) => s(r.id), logAs: (r) => ['orders', s(r.order_id)] },
  order_status_changes: {
    key: (r) => `${s(r.order_id)}|${s(r.position)}`,
    logAs: (r) => ['orders', s(r.order_id)],
  },
  deal_lines: { key: (r) => s(r.id), logAs: (r) => ['deals', s(r.deal_id)] },
  batch_rows: { key: (r) => `${s(r.batch_id)}|${s(r.seq)}`, logAs: (r) => ['batches', s(r.batch_id)] },
  consents: byId('consents'),
  consent_withdrawals: {
    key: (r) => s(r.consent_id),
    logAs: (r) => ['consent_withdrawals', s(r.consent_id)],
  },
  erasures: byId('erasures'),
};

export interface RowPrint {
  /** The row as JSON. */
  hash: string;
  logAs: [string, string];
}

export interface Scan {
  /** Every row of every table, table by table. */
  digest: string;
  /** Per table, its rows as sorted JSON. */
  tables: Map<string, string>;
  /** The rows of the LOGGED tables by key. */
  rows: Map<string, Map<string, RowPrint>>;
  /** The change log's rows in seq order, as JSON, and its newest seq. */
  changes: string[];
  maxSeq: number;
}

function json(row: unknown): string {
  return JSON.stringify(row, (_k, v: unknown) =>
    ArrayBuffer.isView(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') : v,
  );
}

/** The names of the book's own tables (virtual tables are read through their shadow tables). */
export function bookTables(reader: Database.Database): string[] {
  return reader
    .prepare(
      `SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name`,
    )
    .pluck()
    .all() as string[];
}

export function scanBook(reader: Database.Database): Scan {
  const tables = new Map<string, string>();
  const rows = new Map<string, Map<string, RowPrint>>();
  const parts: string[] = [];
  let changes: string[] = [];
  for (const table of bookTables(reader)) {
    const logged = LOGGED[table];
    if (table === 'changes') {
      changes = (reader.prepare(`SELECT * FROM changes ORDER BY seq`).raw().all() as unknown[]).map(json);
      const text = changes.join('\n');
      tables.set(table, text);
      parts.push(table, text);
      continue;
    }
    if (!logged) {
      // Rows in storage order, sorted, so a rewrite that only moves a row does not count.
      const text = (reader.prepare(`SELECT * FROM "${table}"`).raw().all() as unknown[])
        .map(json)
        .sort()
        .join('\n');
      tables.set(table, text);
      parts.push(table, text);
      continue;
    }
    const list = reader.prepare(`SELECT * FROM "${table}"`).all() as Row[];
    const byKey = new Map<string, RowPrint>();
    const texts: string[] = [];
    for (const r of list) {
      const text = json(r);
      texts.push(text);
      byKey.set(logged.key(r), { hash: text, logAs: logged.logAs(r) });
    }
    rows.set(table, byKey);
    const text = texts.sort().join('\n');
    tables.set(table, text);
    parts.push(table, text);
  }
  const maxSeq = reader.prepare(`SELECT coalesce(max(seq), 0) FROM changes`).pluck().get() as number;
  return { digest: parts.join('\u0000'), tables, rows, changes, maxSeq };
}

/** Where two scans differ: the change-log entries the differing rows need, and the tables. */
export function changedRows(before: Scan, after: Scan): { needs: Map<string, string[]>; tables: string[] } {
  const needs = new Map<string, string[]>();
  const need = (p: RowPrint, why: string) => {
    const k = `${p.logAs[0]}\u0000${p.logAs[1]}`;
    const list = needs.get(k) ?? [];
    list.push(why);
    needs.set(k, list);
  };
  for (const [table, now] of after.rows) {
    const was = before.rows.get(table) ?? new Map<string, RowPrint>();
    for (const [key, p] of now) {
      const old = was.get(key);
      if (!old) need(p, `${table} ${key} added`);
      else if (old.hash !== p.hash) {
        need(p, `${table} ${key} changed`);
        // A row that moved to another owner (a phone merged to another person) counts for both.
        if (old.logAs.join() !== p.logAs.join()) need(old, `${table} ${key} moved away`);
      }
    }
    for (const [key, p] of was) if (!now.has(key)) need(p, `${table} ${key} removed`);
  }
  const tables = [...after.tables.keys()].filter((t) => before.tables.get(t) !== after.tables.get(t));
  return { needs, tables };
}
