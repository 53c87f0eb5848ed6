/**
 * 0010: what an import needs (issue 5).
 *  - people.external_id and companies.external_id: the id a record had in the system it was
 *    imported from, so importing the next export from that system updates instead of duplicating.
 *  - batches.detail: an import's file name and counts (JSON), shown beside its "Undo import".
 *  - import_mappings: the column mapping the user last chose for a set of headers, so the same
 *    kind of file maps itself next time.
 * Adding a nullable column does not rewrite the table, so this is quick at a million people.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const importSupport: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`ALTER TABLE people ADD COLUMN external_id TEXT`.execute(db);
    await sql`ALTER TABLE companies ADD COLUMN external_id TEXT`.execute(db);
    await sql`CREATE INDEX people_external_id ON people (external_id) WHERE external_id IS NOT NULL`.execute(
      db,
    );
    await sql`CREATE INDEX companies_external_id ON companies (external_id) WHERE external_id IS NOT NULL`.execute(
      db,
    );
    await sql`ALTER TABLE batches ADD COLUMN detail TEXT`.execute(db);
    await sql`CREATE INDEX batches_by_kind ON batches (kind, created_at)`.execute(db);
    await sql`CREATE TABLE import_mappings (
      header_key TEXT PRIMARY KEY NOT NULL,
      kind TEXT NOT NULL,
      mapping TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT`.execute(db);
  },
};
