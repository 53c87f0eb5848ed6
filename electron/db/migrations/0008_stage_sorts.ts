/**
 * 0008: the contacts list's indexes answer its keyset scans from the index alone.
 *
 *  - The list filtered by stage ("customers") and sorted by created, last contact or next call
 *    reads one range of a (stage, sort column, id) index, instead of walking the whole sort index
 *    and reading each person's row to test the stage (2.7 s for the anchors of that list at a
 *    million people). Stage is the filter used most; owner and city filters under those sorts
 *    still walk the sort's index (see people.filter.ts).
 *  - Every list index also carries deleted_at (always NULL in these partial indexes, so it costs a
 *    byte a row). Queries say `deleted_at IS NULL`, and SQLite counts an index as covering only
 *    when it holds every column a query names: without it, scanning a list for its anchors or
 *    counting it read every person's row as well.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Name and columns of each list index, deleted_at last. */
const INDEXES: readonly [string, string][] = [
  ['people_by_name', 'sort_key, id'],
  ['people_by_created', 'created_at, id'],
  ['people_by_last_contact', 'last_contact_at, id'],
  ['people_by_next_call', 'next_call_at, id'],
  ['people_by_stage', 'stage, sort_key, id'],
  ['people_by_owner', 'owner_id, sort_key, id'],
  ['people_by_city', 'city COLLATE NOCASE, sort_key, id'],
  ['people_stage_created', 'stage, created_at, id'],
  ['people_stage_last_contact', 'stage, last_contact_at, id'],
  ['people_stage_next_call', 'stage, next_call_at, id'],
];

export const stageSorts: Migration = {
  async up(db: Kysely<unknown>) {
    for (const [name, columns] of INDEXES) {
      await sql.raw(`DROP INDEX IF EXISTS ${name}`).execute(db);
      await sql
        .raw(`CREATE INDEX ${name} ON people (${columns}, deleted_at) WHERE deleted_at IS NULL`)
        .execute(db);
    }
  },
};
