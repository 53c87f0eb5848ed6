/**
 * 0006: the Trash lists products too (orders, deals and cases have their *_deleted indexes from
 * 0005); products_deleted lets it read the deleted ones without a scan.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const trash: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`CREATE INDEX products_deleted ON products (deleted_at) WHERE deleted_at IS NOT NULL`.execute(
      db,
    );
  },
};
