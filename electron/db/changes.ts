/**
 * The change log. Every write runs through write(): one IMMEDIATE transaction in which each
 * touched row is appended to `changes` (seq, table, row id, op, staff, at). A hook (the audit
 * trail) sees each logged row and records what the write did before it commits. After the commit,
 * and only then, the backend is told which tables changed so it can emit `db.changed`.
 */
import type { DbChanged } from '../../shared/api/events.ts';
import type { TableName } from '../../shared/api/requests.ts';
import type { Sql } from './query.ts';

export type ChangeOp = 'insert' | 'update' | 'delete';

export interface WriteScope {
  /** The instant the transaction started: use it for created_at / updated_at. */
  at: number;
  /** The staff profile making the change (null before setup). */
  staffId: string | null;
  change(table: TableName, rowId: string, op: ChangeOp): void;
}

export interface Writer {
  write<T>(fn: (scope: WriteScope) => T): T;
  /** The newest seq in the book. */
  latestSeq(): number;
}

/**
 * What follows every write inside its transaction: the audit trail (backend/audit/audit.capture.ts)
 * sees each logged row and, once fn has returned, records what the write did before it commits.
 */
export interface WriteHook {
  begin(scope: WriteScope): WriteHookRun;
  /** The writer is done with (its book is closing). */
  close(): void;
}

export interface WriteHookRun {
  /** A row was logged as change number `seq`. */
  change(table: TableName, rowId: string, op: ChangeOp, seq: number): void;
  /** fn has returned; still inside the transaction. */
  end(): void;
}

const MAX_IDS_IN_EVENT = 200;

export function createWriter(options: {
  sql: Sql;
  clock: () => number;
  staffId: () => string | null;
  onCommit: (event: DbChanged) => void;
  hook?: WriteHook | null;
}): Writer & { close(): void } {
  const { sql, clock, staffId, onCommit } = options;
  const hook = options.hook ?? null;
  const db = sql.raw;
  const insert = db.prepare(`INSERT INTO changes (tbl, row_id, op, staff_id, at) VALUES (?, ?, ?, ?, ?)`);
  const latest = db.prepare(`SELECT coalesce(max(seq), 0) FROM changes`).pluck();

  return {
    latestSeq: () => latest.get() as number,
    close: () => hook?.close(),
    write<T>(fn: (scope: WriteScope) => T): T {
      const tables = new Set<TableName>();
      const ids: string[] = [];
      let overflow = false;
      let lastSeq = 0;
      let run: WriteHookRun | null = null;
      const scope: WriteScope = {
        at: clock(),
        staffId: staffId(),
        change(table, rowId, op) {
          const info = insert.run(table, rowId, op, scope.staffId, scope.at);
          lastSeq = Number(info.lastInsertRowid);
          run?.change(table, rowId, op, lastSeq);
          tables.add(table);
          if (ids.length < MAX_IDS_IN_EVENT) ids.push(rowId);
          else overflow = true;
        },
      };
      if (db.inTransaction) {
        throw new Error('write() does not nest; pass the scope down instead');
      }
      const result = db
        .transaction(() => {
          run = hook?.begin(scope) ?? null;
          const value = fn(scope);
          run?.end();
          return value;
        })
        .immediate();
      if (tables.size > 0) onCommit({ seq: lastSeq, tables: [...tables], ids: overflow ? [] : ids });
      return result;
    },
  };
}
