/**
 * backups.compare: what restoring a snapshot would do, table by table, before anyone does it.
 *
 * The snapshot is opened read-only on a connection of its own and the live book is attached to
 * it (an attachment inherits the read-only open), so nothing is written to either, whichever
 * thread runs it. Both are read in one read transaction: one moment of each. Rows are matched by
 * id; "live" means not in the Trash (deleted_at IS NULL, where the table has a Trash):
 *  - added: live in the snapshot, not live now (gone, or in the Trash): a restore brings them back;
 *  - lost: live now, not live in the snapshot: a restore loses them;
 *  - changed: live in both with a different updated_at: a restore puts back the snapshot's version.
 * A table an older snapshot did not have counts as empty there. It runs as a job (progress table
 * by table, cancellable between tables).
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import {
  SNAPSHOT_RECORDS,
  type SnapshotDiff,
  type SnapshotDiffRow,
  type SnapshotRecord,
} from '../../../shared/api/requests/backups.requests.ts';
import { attachDatabase } from '../../db/cipher.ts';
import type { Ctx } from '../context.ts';
import type { JobControl } from '../jobs/job.ts';
import {
  columnNames,
  DAMAGED,
  hasSqliteHeader,
  isCorruption,
  liveWhere,
  newerText,
  NOT_OURS,
  foreignText,
  NOT_SQLITE,
  readFacts,
  tableNames,
  unusable,
  withReadOnly,
} from './snapshot-facts.ts';
import { resolveSnapshot } from './snapshots.ts';

function count(db: Database.Database, sql: string): number {
  return db.prepare(sql).pluck().get() as number;
}

function diffTable(db: Database.Database, table: SnapshotRecord, inSnapshot: boolean): SnapshotDiffRow {
  const liveCols = columnNames(db, table, 'live');
  const l = liveWhere(liveCols, 'l');
  const now = count(db, `SELECT count(*) FROM live."${table}" l WHERE ${l}`);
  if (!inSnapshot) return { table, now, snapshot: 0, added: 0, lost: now, changed: 0 };
  const snapCols = columnNames(db, table, 'main');
  const s = liveWhere(snapCols, 's');
  const liveIn = (alias: 's' | 'l') =>
    alias === 's'
      ? `EXISTS (SELECT 1 FROM live."${table}" l WHERE l.id = s.id AND ${l})`
      : `EXISTS (SELECT 1 FROM main."${table}" s WHERE s.id = l.id AND ${s})`;
  const comparable = snapCols.has('updated_at') && liveCols.has('updated_at');
  return {
    table,
    now,
    snapshot: count(db, `SELECT count(*) FROM main."${table}" s WHERE ${s}`),
    added: count(db, `SELECT count(*) FROM main."${table}" s WHERE ${s} AND NOT ${liveIn('s')}`),
    lost: count(db, `SELECT count(*) FROM live."${table}" l WHERE ${l} AND NOT ${liveIn('l')}`),
    changed: comparable
      ? count(
          db,
          `SELECT count(*) FROM main."${table}" s JOIN live."${table}" l ON l.id = s.id
            WHERE ${s} AND ${l} AND s.updated_at IS NOT l.updated_at`,
        )
      : 0,
  };
}

export function compareSnapshot(ctx: Ctx, file: string, job: JobControl): SnapshotDiff {
  const full = resolveSnapshot(ctx, file);
  const key = ctx.deps.book.key;
  if (!hasSqliteHeader(full) && !key) throw unusable(file, NOT_SQLITE);
  try {
    return withReadOnly(
      full,
      (db) => {
        const facts = readFacts(db);
        if (!facts.ours) throw unusable(file, NOT_OURS);
        if (facts.foreign) throw unusable(file, foreignText(facts.foreign));
        if (facts.newer) throw unusable(file, newerText(facts.schemaVersion), 'BOOK_TOO_NEW');
        attachDatabase(db, ctx.deps.book.path, 'live', key);
        try {
          db.exec('BEGIN');
          try {
            const inSnapshot = tableNames(db);
            const rows = SNAPSHOT_RECORDS.map((table, i) => {
              job.step(i, SNAPSHOT_RECORDS.length, 'Comparing the snapshot with the book');
              return diffTable(db, table, inSnapshot.has(table));
            });
            return { file, rows };
          } finally {
            db.exec('COMMIT');
          }
        } finally {
          db.exec('DETACH DATABASE live');
        }
      },
      key,
    );
  } catch (err) {
    if (isCorruption(err)) throw unusable(file, DAMAGED);
    throw err;
  }
}
