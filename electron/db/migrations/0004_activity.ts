/**
 * 0004: indexes for the activity screens.
 *  - changes_row: a record's own history, newest first, for timelines. The change log's rowid is
 *    its seq, so the index is ordered by (tbl, row_id, at, seq): exactly the timeline's keyset.
 *  - calls_outcome / calls_purpose: the Calls log filtered by outcome or purpose, in date order,
 *    and the cheap "is this choice used by any call?" check when an editable list is replaced.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const activity: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`CREATE INDEX changes_row ON changes (tbl, row_id, at)`.execute(db);
    await sql`CREATE INDEX calls_outcome ON calls (outcome, started_at)`.execute(db);
    await sql`CREATE INDEX calls_purpose ON calls (purpose, started_at) WHERE purpose IS NOT NULL`.execute(
      db,
    );
  },
};
