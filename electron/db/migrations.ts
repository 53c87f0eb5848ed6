/**
 * Every schema change, in order, inline (never read from a folder: that breaks in an asar).
 * A name never changes once released; a new change gets the next number.
 * Tables are STRICT, literals single-quoted.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { contacts } from './migrations/0003_contacts.ts';
import { activity } from './migrations/0004_activity.ts';
import { sales } from './migrations/0005_sales.ts';
import { trash } from './migrations/0006_trash.ts';
import { searchTables } from './migrations/0007_search_tables.ts';
import { stageSorts } from './migrations/0008_stage_sorts.ts';
import { closedDeals } from './migrations/0009_closed_deals.ts';
import { importSupport } from './migrations/0010_import.ts';
import { importKinds } from './migrations/0011_import_kinds.ts';
import { audit } from './migrations/0012_audit.ts';
import { privacy } from './migrations/0013_privacy.ts';

const foundation: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`CREATE TABLE settings (
      key TEXT PRIMARY KEY NOT NULL,
      value TEXT NOT NULL
    ) STRICT`.execute(db);

    await sql`CREATE TABLE staff (
      id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL,
      email TEXT,
      role TEXT NOT NULL DEFAULT 'staff' CHECK (role IN ('owner', 'staff')),
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      created_by TEXT,
      updated_by TEXT
    ) STRICT`.execute(db);

    await sql`CREATE TABLE changes (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      tbl TEXT NOT NULL,
      row_id TEXT NOT NULL,
      op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
      staff_id TEXT,
      at INTEGER NOT NULL
    ) STRICT`.execute(db);
    await sql`CREATE INDEX changes_tbl_seq ON changes (tbl, seq)`.execute(db);
  },
};

const customerBook: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`CREATE TABLE companies (
      id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL,
      domain TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      created_by TEXT REFERENCES staff (id),
      updated_by TEXT REFERENCES staff (id),
      deleted_at INTEGER
    ) STRICT`.execute(db);

    await sql`CREATE TABLE people (
      id TEXT PRIMARY KEY NOT NULL,
      given_name TEXT NOT NULL DEFAULT '',
      family_name TEXT NOT NULL DEFAULT '',
      display_name TEXT NOT NULL,
      company_id TEXT REFERENCES companies (id),
      job_title TEXT,
      stage TEXT NOT NULL DEFAULT 'lead'
        CHECK (stage IN ('lead', 'prospect', 'customer', 'former')),
      owner_id TEXT REFERENCES staff (id),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      created_by TEXT REFERENCES staff (id),
      updated_by TEXT REFERENCES staff (id),
      deleted_at INTEGER
    ) STRICT`.execute(db);
    await sql`CREATE INDEX people_company ON people (company_id)`.execute(db);
    await sql`CREATE INDEX people_live ON people (deleted_at)`.execute(db);

    await sql`CREATE TABLE calls (
      id TEXT PRIMARY KEY NOT NULL,
      person_id TEXT REFERENCES people (id),
      company_id TEXT REFERENCES companies (id),
      staff_id TEXT REFERENCES staff (id),
      direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
      started_at INTEGER NOT NULL,
      duration_s INTEGER NOT NULL DEFAULT 0 CHECK (duration_s >= 0),
      purpose TEXT,
      outcome TEXT NOT NULL,
      response TEXT CHECK (response IN ('positive', 'neutral', 'negative')),
      summary TEXT NOT NULL DEFAULT '',
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      created_by TEXT REFERENCES staff (id),
      updated_by TEXT REFERENCES staff (id),
      deleted_at INTEGER
    ) STRICT`.execute(db);
    await sql`CREATE INDEX calls_started ON calls (started_at)`.execute(db);
    await sql`CREATE INDEX calls_person ON calls (person_id, started_at)`.execute(db);

    await sql`CREATE TABLE tasks (
      id TEXT PRIMARY KEY NOT NULL,
      type TEXT NOT NULL DEFAULT 'todo' CHECK (type IN ('call', 'email', 'meeting', 'todo')),
      title TEXT NOT NULL,
      due_date TEXT,
      due_at INTEGER,
      priority INTEGER NOT NULL DEFAULT 2 CHECK (priority BETWEEN 1 AND 3),
      person_id TEXT REFERENCES people (id),
      company_id TEXT REFERENCES companies (id),
      assignee_id TEXT REFERENCES staff (id),
      done_at INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      created_by TEXT REFERENCES staff (id),
      updated_by TEXT REFERENCES staff (id),
      deleted_at INTEGER
    ) STRICT`.execute(db);
    await sql`CREATE INDEX tasks_open_due ON tasks (due_date)
      WHERE done_at IS NULL AND deleted_at IS NULL`.execute(db);
    await sql`CREATE INDEX tasks_person ON tasks (person_id)`.execute(db);
  },
};

/** The ordered map the Migrator runs. Keys sort in the order they run. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_foundation': foundation,
  '0002_customer_book': customerBook,
  '0003_contacts': contacts,
  '0004_activity': activity,
  '0005_sales': sales,
  '0006_trash': trash,
  '0007_search_tables': searchTables,
  '0008_stage_sorts': stageSorts,
  '0009_closed_deals': closedDeals,
  '0010_import': importSupport,
  '0011_import_kinds': importKinds,
  '0012_audit': audit,
  '0013_privacy': privacy,
};

export const MIGRATION_NAMES = Object.keys(MIGRATIONS);
/** The schema version this build writes: the number of migrations it knows. */
export const SCHEMA_VERSION = MIGRATION_NAMES.length;
