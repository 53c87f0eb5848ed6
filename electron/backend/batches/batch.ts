/**
 * Undoable batches (bulk edits, deletes, merges). A batch stores the before-image of every row it
 * touches, as JSON (a BLOB as base 64), the first time it touches it, and marks the rows it creates (before = null).
 * Undo writes the before-images back and removes the created rows, in reverse order.
 *
 * Rows are named by table and key: `id` for most tables, `[person_id, tag_id]` for person_tags and
 * `[company_id, tag_id]` for company_tags.
 */
import { AppError } from '../../../shared/api/errors.ts';
import type { WriteScope } from '../../db/changes.ts';
import type { Ctx } from '../context.ts';
import { NO_JOB, type JobControl } from '../jobs/job.ts';
import { keepSalesCurrent } from '../orders/sales.summaries.ts';
import { plucked, prepared } from '../people/prepared.ts';

export const BATCH_TABLES = [
  'people',
  'companies',
  'phones',
  'emails',
  'person_tags',
  'company_tags',
  'tags',
  'calls',
  'tasks',
  'notes',
  'orders',
  'deals',
  'cases',
  'person_photos',
  'products',
  'product_categories',
  // A merge moves a person's consent entries to the person kept (their person_id only).
  'consents',
] as const;
export type BatchTable = (typeof BATCH_TABLES)[number];
export type RowKey = string | readonly [string, string];

const KEY_COLUMNS: Record<BatchTable, readonly string[]> = {
  people: ['id'],
  companies: ['id'],
  phones: ['id'],
  emails: ['id'],
  person_tags: ['person_id', 'tag_id'],
  company_tags: ['company_id', 'tag_id'],
  tags: ['id'],
  calls: ['id'],
  tasks: ['id'],
  notes: ['id'],
  orders: ['id'],
  deals: ['id'],
  cases: ['id'],
  person_photos: ['person_id'],
  products: ['id'],
  product_categories: ['id'],
  consents: ['id'],
};

function isBatchTable(name: string): name is BatchTable {
  return (BATCH_TABLES as readonly string[]).includes(name);
}

function keyValues(key: RowKey): string[] {
  return typeof key === 'string' ? [key] : [...key];
}

function keyText(key: RowKey): string {
  return typeof key === 'string' ? key : JSON.stringify(key);
}

function parseKey(table: BatchTable, text: string): string[] {
  return KEY_COLUMNS[table].length === 1 ? [text] : (JSON.parse(text) as string[]);
}

const where = (table: BatchTable) => KEY_COLUMNS[table].map((c) => `${c} = ?`).join(' AND ');

/** How a BLOB (a photo's bytes) is kept in a before-image's JSON: {"$base64": "..."}. */
const BLOB = '$base64';

/** A row's before-image as JSON, its BLOBs as base 64 (JSON has no bytes). */
function beforeImage(row: Record<string, unknown>): string {
  let copy: Record<string, unknown> | null = null;
  for (const column in row) {
    const v = row[column];
    // isView, not instanceof Uint8Array: true of a Buffer from any realm (a test's jsdom has its own).
    if (!ArrayBuffer.isView(v)) continue;
    copy ??= { ...row };
    copy[column] = { [BLOB]: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
  }
  return JSON.stringify(copy ?? row);
}

/** A before-image read back, its BLOBs as bytes again. */
function readBeforeImage(text: string): Record<string, unknown> {
  const row = JSON.parse(text) as Record<string, unknown>;
  for (const column in row) {
    const v = row[column];
    if (typeof v === 'object' && v !== null && typeof (v as Record<string, unknown>)[BLOB] === 'string') {
      row[column] = Buffer.from((v as Record<string, string>)[BLOB]!, 'base64');
    }
  }
  return row;
}

export function selectRow(ctx: Ctx, table: BatchTable, key: RowKey): Record<string, unknown> | undefined {
  return prepared(ctx, `SELECT * FROM ${table} WHERE ${where(table)}`).get(...keyValues(key)) as
    Record<string, unknown> | undefined;
}

export interface Batch {
  id: string;
  /** Records the row's before-image the first time this batch touches it. Call it before the change. */
  touch(table: BatchTable, key: RowKey, columns?: readonly string[]): void;
  /** Records a row this batch created: undo removes it. */
  created(table: BatchTable, key: RowKey): void;
  /**
   * Records a row this batch has just created under a new id, so it cannot have been named in the
   * batch before: no check, and nothing kept in memory (an import creates a million).
   */
  fresh(table: BatchTable, key: RowKey): void;
}

function pickColumns(row: Record<string, unknown>, columns: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(columns.map((c) => [c, row[c]]));
}

export function startBatch(ctx: Ctx, scope: WriteScope, kind: string, label: string): Batch {
  const id = ctx.ids();
  prepared(ctx, `INSERT INTO batches (id, kind, label, created_at, created_by) VALUES (?, ?, ?, ?, ?)`).run(
    id,
    kind,
    label,
    scope.at,
    scope.staffId,
  );
  scope.change('batches', id, 'insert');
  const insert = prepared(
    ctx,
    `INSERT INTO batch_rows (batch_id, seq, tbl, row_key, before) VALUES (?, ?, ?, ?, ?)`,
  );
  const seen = new Set<string>();
  let seq = 0;
  /** True the first time a row is named in this batch. */
  const first = (table: BatchTable, key: RowKey) => {
    const mark = `${table}\u0000${keyText(key)}`;
    if (seen.has(mark)) return false;
    seen.add(mark);
    return true;
  };
  return {
    id,
    touch(table, key, columns) {
      if (!first(table, key)) return;
      const row = selectRow(ctx, table, key);
      // With `columns`, only those (and the key) are kept: undo puts back just what the batch changed.
      const image = row && columns ? pickColumns(row, [...KEY_COLUMNS[table], ...columns]) : row;
      if (image) insert.run(id, ++seq, table, keyText(key), beforeImage(image));
    },
    created(table, key) {
      if (first(table, key)) insert.run(id, ++seq, table, keyText(key), null);
    },
    fresh(table, key) {
      insert.run(id, ++seq, table, keyText(key), null);
    },
  };
}

/** Columns whose change alters a row's search document. */
const SEARCHED: Partial<Record<BatchTable, readonly string[]>> = {
  people: ['display_name', 'given_name', 'family_name', 'job_title', 'city', 'company_id', 'deleted_at'],
  companies: ['name', 'domain', 'industry', 'city', 'deleted_at'],
  calls: ['summary', 'purpose', 'deleted_at'],
  notes: ['body', 'deleted_at'],
};

/** What an undo touched, for change events, search and call facts. */
export interface Touched {
  people: Set<string>;
  companies: Set<string>;
  calls: Set<string>;
  tasks: Set<string>;
  notes: Set<string>;
  tags: Set<string>;
  orders: Set<string>;
  deals: Set<string>;
  cases: Set<string>;
  products: Set<string>;
  categories: Set<string>;
  /** Consent entries a merge moved (their person_id goes back). */
  consents: Set<string>;
  /** Customers whose orders moved ("person:<id>", "company:<id>"): their purchase summary needs a refresh. */
  salesParties: Set<string>;
  /** Documents to re-index ("person:<id>", "company:<id>", "call:<id>", "note:<id>"). */
  reindex: Set<string>;
  /** People whose calls or tasks moved: their derived call facts need a refresh. */
  statsPeople: Set<string>;
  /** Companies whose name changed back: their people's documents carry the name. */
  renamedCompanies: Set<string>;
}

export function emptyTouched(): Touched {
  return {
    people: new Set(),
    companies: new Set(),
    calls: new Set(),
    tasks: new Set(),
    notes: new Set(),
    tags: new Set(),
    orders: new Set(),
    deals: new Set(),
    cases: new Set(),
    products: new Set(),
    categories: new Set(),
    consents: new Set(),
    salesParties: new Set(),
    reindex: new Set(),
    statsPeople: new Set(),
    renamedCompanies: new Set(),
  };
}

type Row = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : null);

function noteTouched(
  touched: Touched,
  table: BatchTable,
  row: Row | undefined,
  searchChanged: boolean,
): void {
  if (!row) return;
  const personId = str(row.person_id);
  const companyId = str(row.company_id);
  const id = String(row.id);
  switch (table) {
    case 'people':
      touched.people.add(id);
      if (searchChanged) touched.reindex.add(`person:${id}`);
      break;
    case 'companies':
      touched.companies.add(id);
      if (searchChanged) touched.reindex.add(`company:${id}`);
      break;
    case 'tags':
      touched.tags.add(id);
      break;
    case 'person_tags':
    case 'company_tags':
      if (personId) touched.people.add(personId);
      if (companyId) touched.companies.add(companyId);
      touched.tags.add(String(row.tag_id));
      break;
    case 'phones':
    case 'emails':
      if (personId) touched.people.add(personId);
      if (companyId) touched.companies.add(companyId);
      // A person's document carries their emails.
      if (table === 'emails' && personId) touched.reindex.add(`person:${personId}`);
      break;
    case 'calls':
    case 'tasks':
    case 'notes':
      touched[table].add(id);
      if (table !== 'notes' && personId) touched.statsPeople.add(personId);
      if (table !== 'tasks' && searchChanged)
        touched.reindex.add(`${table === 'calls' ? 'call' : 'note'}:${id}`);
      break;
    case 'orders':
    case 'deals':
    case 'cases':
      touched[table].add(id);
      if (table === 'orders') {
        if (personId) touched.salesParties.add(`person:${personId}`);
        if (companyId) touched.salesParties.add(`company:${companyId}`);
      }
      break;
    case 'person_photos':
      if (personId) touched.people.add(personId);
      break;
    case 'products':
      touched.products.add(id);
      break;
    case 'product_categories':
      touched.categories.add(id);
      break;
    case 'consents':
      touched.consents.add(id);
      if (personId) touched.people.add(personId);
      break;
  }
}

/** What belongs to a record and goes with it when a batch removes the record it created. */
export const OWNED = {
  people: { column: 'person_id', tables: ['phones', 'emails', 'person_tags', 'person_photos'] },
  companies: { column: 'company_id', tables: ['phones', 'emails', 'company_tags'] },
  orders: { column: 'order_id', tables: ['order_lines', 'order_status_changes'] },
  // A lead conversion's deal: lines may have been added to it since.
  deals: { column: 'deal_id', tables: ['deal_lines'] },
  products: { column: 'product_id', tables: [] },
  product_categories: { column: 'category_id', tables: [] },
} as const;
/**
 * Records that point at a created record and live on without it (a test checks the lists against
 * the schema's foreign keys).
 */
export const REFERRERS = {
  people: ['calls', 'tasks', 'notes', 'orders', 'deals', 'cases', 'consents'],
  companies: ['people', 'calls', 'tasks', 'notes', 'orders', 'deals', 'cases'],
  orders: ['deals', 'cases'],
  deals: [],
  products: ['order_lines', 'deal_lines', 'cases'],
  product_categories: ['products', 'order_lines', 'deal_lines'],
} as const;
type Removable = keyof typeof OWNED;
const isRemovable = (table: BatchTable): table is Removable => table in OWNED;

/**
 * Removes a record the batch created (an import), with what belongs to it (a person's phones,
 * emails, tags and photo; an order's lines and status history). When something has since been
 * recorded against it (a call logged with an imported person, an order of an imported product),
 * it goes to the Trash instead, so that record keeps its link; returns which it did. An order's
 * sales summaries follow it.
 */
function removeCreated(ctx: Ctx, scope: WriteScope, table: Removable, id: string): 'deleted' | 'trashed' {
  const { column, tables } = OWNED[table];
  const used = REFERRERS[table].some(
    (t) => plucked(ctx, `SELECT 1 FROM ${t} WHERE ${column} = ? LIMIT 1`).get(id) !== undefined,
  );
  const remove = () => {
    if (used) {
      prepared(ctx, `UPDATE ${table} SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL`).run(
        scope.at,
        id,
      );
      return 'trashed' as const;
    }
    for (const t of tables) prepared(ctx, `DELETE FROM ${t} WHERE ${column} = ?`).run(id);
    prepared(ctx, `DELETE FROM ${table} WHERE id = ?`).run(id);
    return 'deleted' as const;
  };
  return table === 'orders' ? keepSalesCurrent(ctx, id, remove) : remove();
}

/**
 * A tag link or a photo the batch removed itself can come back, as long as what it belongs to
 * still exists. Any other row with a before-image must still exist: batches never delete rows for
 * good, so a missing one was purged from the Trash since.
 */
function relinkable(ctx: Ctx, table: BatchTable, key: readonly string[]): boolean {
  if (table === 'person_photos') {
    return prepared(ctx, `SELECT 1 FROM people WHERE id = ?`).get(key[0]) !== undefined;
  }
  if (table !== 'person_tags' && table !== 'company_tags') return false;
  const owner = table === 'person_tags' ? 'people' : 'companies';
  return (
    prepared(ctx, `SELECT 1 FROM ${owner} WHERE id = ?`).get(key[0]) !== undefined &&
    prepared(ctx, `SELECT 1 FROM tags WHERE id = ?`).get(key[1]) !== undefined
  );
}

/** Writes back only the columns that differ (so untouched indexes are left alone). */
function restoreRow(
  ctx: Ctx,
  table: BatchTable,
  key: readonly string[],
  before: Row,
  current: Row | undefined,
): void {
  if (!current) {
    const columns = Object.keys(before);
    prepared(
      ctx,
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    ).run(...columns.map((c) => before[c] ?? null));
    return;
  }
  const changed = Object.keys(before).filter((c) => before[c] !== current[c]);
  if (changed.length === 0) return;
  prepared(ctx, `UPDATE ${table} SET ${changed.map((c) => `${c} = ?`).join(', ')} WHERE ${where(table)}`).run(
    ...changed.map((c) => before[c] ?? null),
    ...key,
  );
}

/**
 * Undoes a batch inside the caller's write: restores every before-image, removes every row the
 * batch created, and marks it undone. Returns what it touched (the caller re-indexes and records
 * changes) and the number of rows restored or removed.
 *
 * A batch can be undone once. When a row it changed has since been removed for good (the Trash
 * was emptied), the undo is refused rather than bringing back half a record. Rows edited after
 * the batch get their before-image back: undo means "as it was before this batch".
 */
export function undoBatchRows(
  ctx: Ctx,
  scope: WriteScope,
  batchId: string,
  job: JobControl = NO_JOB,
): { touched: Touched; count: number } {
  const batch = prepared(ctx, `SELECT id, label, undone_at FROM batches WHERE id = ?`).get(batchId) as
    { id: string; label: string; undone_at: number | null } | undefined;
  if (!batch)
    throw new AppError('NOT_FOUND', 'There is nothing to undo: that change is not in the book.', { batchId });
  if (batch.undone_at !== null) {
    throw new AppError('CONFLICT', `“${batch.label}” has already been undone.`, { batchId });
  }
  const rows = prepared(
    ctx,
    `SELECT tbl, row_key, before FROM batch_rows WHERE batch_id = ? ORDER BY seq DESC`,
  ).all(batchId) as { tbl: string; row_key: string; before: string | null }[];

  const touched = emptyTouched();
  let count = 0;
  const what = `Undoing “${batch.label}”`;
  for (const [i, row] of rows.entries()) {
    job.step(i, rows.length, what);
    if (!isBatchTable(row.tbl)) continue;
    const table = row.tbl;
    const key = parseKey(table, row.row_key);
    const current = selectRow(ctx, table, key as unknown as RowKey);
    if (row.before === null) {
      if (!current) continue;
      noteTouched(touched, table, current, true);
      if (table === 'tags') {
        // A tag the batch created stays when something else has used it since.
        const info = prepared(
          ctx,
          `DELETE FROM tags WHERE id = ?
             AND NOT EXISTS (SELECT 1 FROM person_tags WHERE tag_id = tags.id)
             AND NOT EXISTS (SELECT 1 FROM company_tags WHERE tag_id = tags.id)`,
        ).run(key[0]);
        count += info.changes;
        continue;
      }
      if (isRemovable(table)) removeCreated(ctx, scope, table, key[0]!);
      else prepared(ctx, `DELETE FROM ${table} WHERE ${where(table)}`).run(...key);
      count++;
      continue;
    }
    if (!current && !relinkable(ctx, table, key)) {
      throw new AppError(
        'CONFLICT',
        `“${batch.label}” cannot be undone: some of the records it changed have since been deleted for good.`,
        { batchId, table, key },
      );
    }
    const before = readBeforeImage(row.before);
    const searchChanged = !current || (SEARCHED[table] ?? []).some((c) => before[c] !== current[c]);
    noteTouched(touched, table, current, searchChanged);
    noteTouched(touched, table, before, searchChanged);
    if (table === 'companies' && current && before.name !== current.name)
      touched.renamedCompanies.add(key[0]!);
    try {
      restoreRow(ctx, table, key, before, current);
    } catch (err) {
      // What the row pointed at then (a merged person, a company) was deleted for good since.
      if ((err as { code?: unknown }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw err;
      throw new AppError(
        'CONFLICT',
        `“${batch.label}” cannot be undone: some of the records it changed have since been deleted for good.`,
        { batchId, table, key },
      );
    }
    count++;
  }
  prepared(ctx, `UPDATE batches SET undone_at = ? WHERE id = ?`).run(scope.at, batchId);
  scope.change('batches', batchId, 'update');
  return { touched, count };
}
