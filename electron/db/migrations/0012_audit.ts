/**
 * 0012: the audit trail (issue 6). Who created, changed, deleted, restored, merged, imported,
 * exported or erased what, and when, kept for as long as the user chooses (audit/ in the backend).
 *
 *  - audit_events: one row per event. A single edit is about one record (tbl, row_id) and carries
 *    its field changes in `detail` (JSON); a bulk change (an import, a bulk tag, a merge, emptying
 *    the Trash...) is one event with a summary, counts in `detail`, and the range of change-log
 *    seqs its write made (seq_from..seq_to), which is how a record's history finds the bulk
 *    changes that touched it: the change log already has an index by record (changes_row).
 *    `owner` names the person or company a call, task, note, order, deal or case belongs to
 *    ('people:<id>'), so a person's history includes what was done to their calls and orders.
 *    The id is SQLite's rowid: events are numbered in the order they were written, which is the
 *    order the screen lists them in (newest first) and the keyset its pages turn on.
 *  - Indexes: by record and by owner (a record's history), by time (the retention prune and date
 *    filters), and the change-log range of bulk events (partial: only bulk events are in it). Each
 *    index is pages written with every edit (calls.log writes two events), so there are no more:
 *    filters by staff profile, action or words read the trail newest first in a read job.
 * New tables only: quick at a million people.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const audit: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`CREATE TABLE audit_events (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      staff_id TEXT,
      action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore', 'purge', 'merge',
        'import', 'export', 'bulk', 'undo', 'erase', 'snapshot-restore', 'prune')),
      tbl TEXT,
      row_id TEXT,
      owner TEXT,
      label TEXT,
      summary TEXT,
      count INTEGER,
      detail TEXT,
      batch_id TEXT,
      seq_from INTEGER,
      seq_to INTEGER,
      forgotten INTEGER NOT NULL DEFAULT 0 CHECK (forgotten IN (0, 1))
    ) STRICT`.execute(db);
    await sql`CREATE INDEX audit_events_record ON audit_events (tbl, row_id) WHERE row_id IS NOT NULL`.execute(
      db,
    );
    await sql`CREATE INDEX audit_events_owner ON audit_events (owner) WHERE owner IS NOT NULL`.execute(db);
    await sql`CREATE INDEX audit_events_at ON audit_events (at)`.execute(db);
    await sql`CREATE INDEX audit_events_seq ON audit_events (seq_to) WHERE seq_to IS NOT NULL`.execute(db);
  },
};
