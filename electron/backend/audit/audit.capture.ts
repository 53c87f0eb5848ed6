/**
 * How every write reaches the audit trail: a hook on the writer (db/changes.ts) that sees each row
 * the write logs and, once the write's work is done and before it commits, records what it did.
 *
 * A single edit is recorded field by field. For each record the write touched, its image (see
 * audit.images.ts) is read twice: after, from the writing connection, and before, from a second,
 * read-only connection to the same book. In WAL mode another connection sees only what has been
 * committed, and this write holds the book's write lock, so what the reader sees is exactly the
 * book as it was before this write. That reader is opened on the first write that needs it, keeps
 * a small page cache, and is closed with the writer. The writer in a job worker has its own.
 *
 * Bulk work is one event, never a diff per row, so it costs nothing per row beyond a counter:
 *  - a write that notes its own event (noteAudit: exports, trash, merges, a snapshot restored,
 *    an export read back) is recorded as that event, with counts per kind of record;
 *  - a write that starts a bulk batch (bulk edits, imports) or undoes one is one event named by
 *    the batch's label;
 *  - any other write that touches more than PER_ROW_LIMIT records is one event with counts.
 * Such an event keeps the range of change-log numbers its write made: a record's history finds it
 * through the change log's index by record (audit.read.ts).
 *
 * A record whose fields did not change as the forms show them (a person's call facts refreshed
 * after a call was logged) gives no event.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { TableName } from '../../../shared/api/kit.ts';
import { isAuditTable, type AuditAction, type AuditTable } from '../../../shared/domain/audit.ts';
import type { ChangeOp, WriteHook, WriteHookRun, WriteScope } from '../../db/changes.ts';
import { connectBook } from '../../db/open.ts';
import type { Sql } from '../../db/query.ts';
import {
  imageReader,
  labelOf,
  sameRecordRow,
  type Image,
  type ImageReader,
  type ImageValue,
  type RecordImage,
} from './audit.images.ts';

/** Past this many records, a write is recorded as one event with counts. */
export const PER_ROW_LIMIT = 100;

/** An event a write records for itself (bulk work, exports): see noteAudit. */
export interface AuditNote {
  action: AuditAction;
  /** What was done, in words ("Emptied the Trash"). */
  summary?: string | null;
  /** The record it is about, when there is one. */
  record?: { table: AuditTable; id: string; label?: string | null } | null;
  /** Record that record's field changes too, as a single edit would (the person a merge kept). */
  withChanges?: boolean;
  /** How many records it touched; left out, the most of any one kind the write changed. */
  count?: number | null;
  /**
   * Per kind of record: [created, changed, deleted]; left out, what the write logged (null: none,
   * for a write that logs every table at once, as a restore does).
   */
  counts?: Record<string, [number, number, number]> | null;
  batchId?: string | null;
}

/** A field change as stored: [field, before, after]. */
export type StoredChange = [string, ImageValue, ImageValue];

/** What `detail` holds (JSON). */
export interface StoredDetail {
  changes?: StoredChange[];
  currency?: string;
  /** Per kind of record: [created, changed, deleted]. */
  counts?: Record<string, [number, number, number]>;
  /** Set once the record was erased: the fields that changed, without their values. */
  fields?: string[];
}

const runs = new WeakMap<WriteScope, Run>();

/** This write is one event of its own: its rows are not recorded one by one. */
export function noteAudit(scope: WriteScope, note: AuditNote): void {
  runs.get(scope)?.notes.push(note);
}

/** These records' values must not be copied into the trail by this write (an erasure). */
export function keepOutOfTrail(scope: WriteScope, records: readonly { table: string; id: string }[]): void {
  const run = runs.get(scope);
  if (!run) return;
  for (const r of records) run.kept.add(`${r.table}\u0000${r.id}`);
}

/** Batch kinds that are bulk work: one event however few records they touch. */
function batchAction(kind: string): { action: AuditAction; always: boolean } {
  if (kind === 'import') return { action: 'import', always: true };
  if (kind === 'merge') return { action: 'merge', always: true };
  if (kind === 'bulk.delete') return { action: 'delete', always: true };
  if (kind.startsWith('bulk.')) return { action: 'bulk', always: true };
  if (kind === 'delete') return { action: 'delete', always: false };
  return { action: 'update', always: false };
}

interface Touched {
  table: AuditTable;
  rowId: string;
  /** How the write first logged it (what is known of it without the reader). */
  op: ChangeOp;
  /** Every way the write logged it: inserted, updated, deleted. */
  ops: Set<ChangeOp>;
}

interface EventRow {
  action: AuditAction;
  table: AuditTable | null;
  rowId: string | null;
  owner: string | null;
  label: string | null;
  summary: string | null;
  count: number | null;
  detail: StoredDetail | null;
  batchId: string | null;
  seq: boolean;
}

function diff(before: Image, after: Image): StoredChange[] {
  const out: StoredChange[] = [];
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const b = before[field] ?? null;
    const a = after[field] ?? null;
    if (b !== a) out.push([field, b, a]);
  }
  return out;
}

interface Shared {
  writer: ImageReader;
  reader(): ImageReader | null;
  insert(scope: WriteScope, run: Run, e: EventRow): void;
  batch(id: string): { kind: string; label: string; undone_at: number | null } | undefined;
}

class Run implements WriteHookRun {
  readonly notes: AuditNote[] = [];
  readonly kept = new Set<string>();
  private readonly touched = new Map<string, Touched>();
  private overflow = false;
  /** Per table: [inserts, updates, deletes]. */
  private readonly tally = new Map<string, [number, number, number]>();
  seqFrom = 0;
  seqTo = 0;
  private createdBatch: string | null = null;
  private updatedBatch: string | null = null;

  private readonly scope: WriteScope;
  private readonly shared: Shared;

  constructor(scope: WriteScope, shared: Shared) {
    this.scope = scope;
    this.shared = shared;
  }

  change(table: TableName, rowId: string, op: ChangeOp, seq: number): void {
    if (this.seqFrom === 0) this.seqFrom = seq;
    this.seqTo = seq;
    if (table === 'batches') {
      if (op === 'insert') this.createdBatch ??= rowId;
      else this.updatedBatch ??= rowId;
      return;
    }
    if (!isAuditTable(table)) return;
    let t = this.tally.get(table);
    if (!t) this.tally.set(table, (t = [0, 0, 0]));
    t[op === 'insert' ? 0 : op === 'update' ? 1 : 2]++;
    if (this.overflow) return;
    const key = `${table}\u0000${rowId}`;
    const seen = this.touched.get(key);
    if (seen) {
      seen.ops.add(op);
      return;
    }
    this.touched.set(key, { table, rowId, op, ops: new Set([op]) });
    if (this.touched.size > PER_ROW_LIMIT) {
      this.overflow = true;
      this.touched.clear();
    }
  }

  /**
   * Per kind of record: how many were created, changed and deleted (a tag's row "changed" by a
   * tagging is not). Each record once, as long as the write touched few enough to keep them;
   * past that, how many times each kind was logged (bulk work logs each record once).
   */
  private counts(): Record<string, [number, number, number]> | undefined {
    const tally = this.overflow ? this.tally : new Map<string, [number, number, number]>();
    if (!this.overflow) {
      for (const t of this.touched.values()) {
        let n = tally.get(t.table);
        if (!n) tally.set(t.table, (n = [0, 0, 0]));
        n[t.ops.has('insert') ? 0 : t.ops.has('delete') ? 2 : 1]++;
      }
    }
    const out: Record<string, [number, number, number]> = {};
    for (const [table, [c, u, d]] of tally) {
      const changed = table === 'tags' ? 0 : u;
      if (c + changed + d > 0) out[table] = [c, changed, d];
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }

  private most(counts: Record<string, [number, number, number]> | undefined): number | null {
    if (!counts) return null;
    return Math.max(0, ...Object.values(counts).map(([c, u, d]) => c + u + d));
  }

  /**
   * The record before (from the reader) and after (from the writer) this write. A record the
   * write created has no before to read. `same`: its row moved only in what the book keeps for
   * itself (see sameRecordRow), so nothing more is read. `unknown`: the reader could not be
   * opened, so the before is not known.
   */
  private images(
    table: AuditTable,
    rowId: string,
    created: boolean,
  ): { before?: RecordImage | undefined; after?: RecordImage | undefined; unknown: boolean; same: boolean } {
    const writer = this.shared.writer;
    const reader = created ? null : this.shared.reader();
    const afterRow = writer.row(table, rowId);
    const beforeRow = reader?.row(table, rowId);
    if (afterRow && beforeRow && sameRecordRow(table, beforeRow, afterRow)) {
      return { unknown: false, same: true };
    }
    return {
      before: beforeRow ? reader!.image(table, rowId, beforeRow) : undefined,
      after: afterRow ? writer.image(table, rowId, afterRow) : undefined,
      unknown: !created && !reader,
      same: false,
    };
  }

  private recordEvent(t: Touched, batchId: string | null): EventRow | null {
    const created = t.ops.has('insert') && !t.ops.has('delete');
    const { before, after, unknown, same } = this.images(t.table, t.rowId, created);
    if (same) return null;
    const image = after ?? before;
    if (!image) return null;
    let action: AuditAction;
    if (unknown) action = t.op === 'insert' ? 'create' : t.op === 'delete' ? 'delete' : 'update';
    else if (!before) action = 'create';
    else if (!after) action = 'purge';
    else if (before.deletedAt === null && after.deletedAt !== null) action = 'delete';
    else if (before.deletedAt !== null && after.deletedAt === null) action = 'restore';
    else action = 'update';
    // A setting is a value, not a record: setting it the first time is a change too.
    if (t.table === 'settings' && action === 'create') action = 'update';
    const changes = unknown ? [] : diff(before?.fields ?? {}, after?.fields ?? {});
    if (action === 'update' && changes.length === 0 && !unknown) return null;
    const reader = after ? this.shared.writer : (this.shared.reader() ?? this.shared.writer);
    const detail: StoredDetail | null =
      changes.length > 0 ? { changes, ...(image.currency ? { currency: image.currency } : {}) } : null;
    return {
      action,
      table: t.table,
      rowId: t.rowId,
      owner: image.owner,
      label: labelOf(t.table, image, t.rowId, reader),
      summary: null,
      count: null,
      detail,
      batchId,
      seq: false,
    };
  }

  private noteEvent(note: AuditNote): EventRow {
    const counts = note.counts === undefined ? this.counts() : (note.counts ?? undefined);
    let detail: StoredDetail | null = counts ? { counts } : null;
    let label = note.record?.label ?? null;
    let owner: string | null = null;
    const record = note.record;
    if (record && !this.kept.has(`${record.table}\u0000${record.id}`)) {
      const seen = note.withChanges ? this.images(record.table, record.id, false) : null;
      const image = seen?.after ?? seen?.before ?? this.shared.writer.image(record.table, record.id);
      if (image) {
        owner = image.owner;
        label ??= labelOf(record.table, image, record.id, this.shared.writer);
      }
      if (seen && !seen.same && !seen.unknown && image) {
        const changes = diff(seen.before?.fields ?? {}, seen.after?.fields ?? {});
        if (changes.length > 0) {
          detail = { ...detail, changes, ...(image.currency ? { currency: image.currency } : {}) };
        }
      }
    }
    return {
      action: note.action,
      table: note.record?.table ?? null,
      rowId: note.record?.id ?? null,
      owner,
      label,
      summary: note.summary ?? null,
      count: note.count === undefined ? this.most(counts) : note.count,
      detail,
      batchId: note.batchId ?? null,
      seq: this.seqFrom > 0,
    };
  }

  private bulkEvent(action: AuditAction, summary: string | null, batchId: string | null): EventRow {
    const counts = this.counts();
    return {
      action,
      table: null,
      rowId: null,
      owner: null,
      label: null,
      summary,
      count: this.most(counts),
      detail: counts ? { counts } : null,
      batchId,
      seq: this.seqFrom > 0,
    };
  }

  private events(): EventRow[] {
    if (this.notes.length > 0) return this.notes.map((n) => this.noteEvent(n));
    if (this.updatedBatch && !this.createdBatch) {
      const batch = this.shared.batch(this.updatedBatch);
      if (batch && batch.undone_at === this.scope.at) {
        return [this.bulkEvent('undo', `Undid “${batch.label}”`, this.updatedBatch)];
      }
    }
    const batch = this.createdBatch ? this.shared.batch(this.createdBatch) : undefined;
    if (batch) {
      const { action, always } = batchAction(batch.kind);
      if (always || this.overflow) return [this.bulkEvent(action, batch.label, this.createdBatch)];
    }
    if (this.overflow) return [this.bulkEvent('bulk', null, null)];
    const out: EventRow[] = [];
    for (const [key, t] of this.touched) {
      if (this.kept.has(key)) continue;
      const e = this.recordEvent(t, this.createdBatch);
      if (e) out.push(e);
    }
    return out;
  }

  /**
   * Records the write's events. Nothing more is announced to the windows: the trail's requests
   * read every table, so the tables this write logged refresh them (an event on its own, as an
   * export's, logs 'audit': see recordAudit).
   */
  end(): void {
    for (const e of this.events()) this.shared.insert(this.scope, this, e);
  }
}

export interface AuditHook extends WriteHook {
  /** Whether the second connection is open (tests). */
  readerOpen(): boolean;
}

/**
 * The audit trail's hook for a writer on `sql`'s connection. `connect` opens the second, read-only
 * connection to the same book (keyed as the book is: see connectBook). `log` hears of a book whose
 * second connection cannot be opened: its edits are then recorded without their before values.
 */
export function createAuditHook(options: {
  sql: Sql;
  connect?: () => Database.Database;
  log?: ((message: string, err?: unknown) => void) | undefined;
}): AuditHook {
  const db = options.sql.raw;
  let reader: { db: Database.Database; images: ImageReader } | null = null;
  let failed = false;
  let insert: Database.Statement | null = null;
  let batchRow: Database.Statement | null = null;

  const shared: Shared = {
    writer: imageReader(db),
    reader() {
      if (reader) return reader.images;
      if (failed || db.memory) return null;
      try {
        const sqlite = options.connect ? options.connect() : connectBook(db.name, { readonly: true }).sqlite;
        // It reads a few rows per write: a small cache is plenty.
        sqlite.pragma('cache_size = -1024');
        reader = { db: sqlite, images: imageReader(sqlite) };
        return reader.images;
      } catch (err) {
        failed = true;
        options.log?.(
          'The audit trail could not open its reader: edits are recorded without their earlier values',
          err,
        );
        return null;
      }
    },
    batch(id) {
      batchRow ??= db.prepare(`SELECT kind, label, undone_at FROM batches WHERE id = ?`);
      return batchRow.get(id) as { kind: string; label: string; undone_at: number | null } | undefined;
    },
    insert(scope, run, e) {
      insert ??= db.prepare(
        `INSERT INTO audit_events (at, staff_id, action, tbl, row_id, owner, label, summary, count, detail, batch_id, seq_from, seq_to)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      insert.run(
        scope.at,
        scope.staffId,
        e.action,
        e.table,
        e.rowId,
        e.owner,
        e.label,
        e.summary,
        e.count,
        e.detail ? JSON.stringify(e.detail) : null,
        e.batchId,
        e.seq ? run.seqFrom : null,
        e.seq ? run.seqTo : null,
      );
    },
  };

  return {
    begin(scope) {
      const run = new Run(scope, shared);
      runs.set(scope, run);
      return run;
    },
    readerOpen: () => reader !== null,
    close() {
      reader?.db.close();
      reader = null;
    },
  };
}
