/**
 * 0011: what the imports of orders and vCards need (issue 5).
 *  - orders.external_id: the order number a file gave an imported order, so importing the same
 *    file (or the next export from that system) does not add the order twice.
 *  - person_photos: a person's photo, as a vCard brought it (the image's bytes and type), kept
 *    apart from people so that lists and searches never read it.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const importKinds: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`ALTER TABLE orders ADD COLUMN external_id TEXT`.execute(db);
    await sql`CREATE INDEX orders_external_id ON orders (external_id) WHERE external_id IS NOT NULL`.execute(
      db,
    );
    await sql`CREATE TABLE person_photos (
      person_id TEXT PRIMARY KEY NOT NULL REFERENCES people (id),
      mime TEXT NOT NULL,
      data BLOB NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT`.execute(db);
  },
};
