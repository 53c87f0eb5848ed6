/**
 * A snapshot restored puts back the book as it was, trail and all; but the trail is the history
 * of what was done, restores included, so it must not lose what happened after the snapshot was
 * taken. The book as it was just before the restore is in the 'before-restore' snapshot: its
 * events are put back into the restored book (where both hold an event, the newer copy wins: it
 * may have been erased since), how long the trail is kept stays as it was, and one event says what
 * was restored. Events the restored snapshot still holds that had since been pruned go again at
 * the next prune.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { SnapshotInfo } from '../../../shared/api/requests/backups.requests.ts';
import type { WriteScope } from '../../db/changes.ts';
import type { Ctx } from '../context.ts';
import { readSettings } from '../settings/settings.store.ts';
import { noteAudit } from './audit.capture.ts';
import { readKeepFor, writeKeepFor } from './audit.settings.ts';

const COLUMNS =
  'id, at, staff_id, action, tbl, row_id, owner, label, summary, count, detail, batch_id, seq_from, seq_to, forgotten';

const REASON_WORDS: Record<SnapshotInfo['reason'], string> = {
  daily: 'the daily snapshot',
  manual: 'a snapshot taken by hand',
  'before-import': 'the snapshot taken before an import',
  'before-merge': 'the snapshot taken before a merge',
  'before-restore': 'the snapshot taken before a restore',
  'before-update': 'the snapshot taken before an update',
};

export interface TrailCarry {
  /** Inside the restore's last write: the trail put back, and the restore recorded. */
  carry(scope: WriteScope, restored: SnapshotInfo): void;
  /** After that write (the safety copy is let go). */
  close(): void;
}

/**
 * Before the restore's last write (ATTACH cannot run inside a transaction): attaches the
 * 'before-restore' snapshot with `attach` (keyed as the book is). A copy that cannot be read
 * (the book was found damaged) is left out: the restore goes on with the snapshot's own trail.
 */
export function carryTrail(
  ctx: Ctx,
  attach: (db: Database.Database, schema: string) => void,
  log?: (message: string, err?: unknown) => void,
): TrailCarry {
  const db = ctx.sql.raw;
  const keepFor = readKeepFor(ctx);
  let attached = false;
  try {
    attach(db, 'kept_trail');
    attached = true;
  } catch (err) {
    log?.('the audit trail of the book before the restore could not be read', err);
  }
  return {
    carry(scope, restored) {
      if (attached) {
        try {
          db.exec('SAVEPOINT carry_trail');
          db.exec(
            `INSERT OR REPLACE INTO main.audit_events (${COLUMNS}) SELECT ${COLUMNS} FROM kept_trail.audit_events`,
          );
          db.exec('RELEASE carry_trail');
        } catch (err) {
          db.exec('ROLLBACK TO carry_trail');
          db.exec('RELEASE carry_trail');
          log?.('the audit trail of the book before the restore could not be kept', err);
        }
      }
      if (readKeepFor(ctx) !== keepFor) writeKeepFor(ctx, scope, keepFor);
      const when = new Intl.DateTimeFormat(readSettings(ctx).locale, {
        dateStyle: 'medium',
        timeStyle: 'short',
      }).format(restored.takenAt);
      noteAudit(scope, {
        action: 'snapshot-restore',
        summary: `Restored ${REASON_WORDS[restored.reason]} of ${when} (${restored.file})`,
        count: null,
        counts: null,
      });
    },
    close() {
      if (attached) db.exec('DETACH DATABASE kept_trail');
    },
  };
}
