/**
 * 0003: the customer book in full: people's details, phones, emails, tags, custom fields,
 * editable lists, notes, task reminders, undoable batches and the FTS5 search index.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { companySortKey, personSortKey } from '../../../shared/domain/text.ts';

const PEOPLE_COLUMNS = [
  `birthday TEXT`,
  `gender TEXT CHECK (gender IN ('female', 'male', 'nonbinary', 'unspecified'))`,
  `source TEXT`,
  `street TEXT`,
  `city TEXT`,
  `region TEXT`,
  `postcode TEXT`,
  `country TEXT`,
  `do_not_call INTEGER NOT NULL DEFAULT 0 CHECK (do_not_call IN (0, 1))`,
  `email_opt_in INTEGER NOT NULL DEFAULT 0 CHECK (email_opt_in IN (0, 1))`,
  `email_opt_in_at INTEGER`,
  // Calling window: ISO weekdays as a bitmask (Mon = 1 ... Sun = 64), minutes from local midnight.
  `call_days INTEGER`,
  `call_from INTEGER CHECK (call_from BETWEEN 0 AND 1439)`,
  `call_to INTEGER CHECK (call_to BETWEEN 1 AND 1440)`,
  `time_zone TEXT`,
  `custom TEXT NOT NULL DEFAULT '{}'`,
  `last_contact_at INTEGER`,
  `last_attempt_at INTEGER`,
  `next_call_at INTEGER`,
  // Lower-case, diacritics removed, "family given": the name sort, kept by the backend.
  `sort_key TEXT NOT NULL DEFAULT ''`,
  // Cached for the list: the first phone, email and the company name.
  `primary_phone TEXT`,
  `primary_email TEXT`,
];

const COMPANY_COLUMNS = [
  `industry TEXT`,
  `size TEXT`,
  `street TEXT`,
  `city TEXT`,
  `region TEXT`,
  `postcode TEXT`,
  `country TEXT`,
  `custom TEXT NOT NULL DEFAULT '{}'`,
  `sort_key TEXT NOT NULL DEFAULT ''`,
];

export const contacts: Migration = {
  async up(db: Kysely<unknown>) {
    for (const column of PEOPLE_COLUMNS) await sql.raw(`ALTER TABLE people ADD COLUMN ${column}`).execute(db);
    for (const column of COMPANY_COLUMNS)
      await sql.raw(`ALTER TABLE companies ADD COLUMN ${column}`).execute(db);
    // Sort keys are folded in JS (diacritics removed), exactly as the backend writes them.
    const people = await sql<{ id: string; given_name: string; family_name: string; display_name: string }>`
      SELECT id, given_name, family_name, display_name FROM people`.execute(db);
    for (const p of people.rows) {
      const key = personSortKey(p.given_name, p.family_name, p.display_name);
      await sql`UPDATE people SET sort_key = ${key} WHERE id = ${p.id}`.execute(db);
    }
    const companies = await sql<{ id: string; name: string }>`SELECT id, name FROM companies`.execute(db);
    for (const c of companies.rows) {
      await sql`UPDATE companies SET sort_key = ${companySortKey(c.name)} WHERE id = ${c.id}`.execute(db);
    }

    // Keyset lists: one index per sort, live rows only, id as the tie-breaker.
    await sql`DROP INDEX people_live`.execute(db);
    await sql`CREATE INDEX people_by_name ON people (sort_key, id) WHERE deleted_at IS NULL`.execute(db);
    await sql`CREATE INDEX people_by_created ON people (created_at, id) WHERE deleted_at IS NULL`.execute(db);
    await sql`CREATE INDEX people_by_last_contact ON people (last_contact_at, id) WHERE deleted_at IS NULL`.execute(
      db,
    );
    await sql`CREATE INDEX people_by_next_call ON people (next_call_at, id) WHERE deleted_at IS NULL`.execute(
      db,
    );
    await sql`CREATE INDEX people_by_stage ON people (stage, sort_key, id) WHERE deleted_at IS NULL`.execute(
      db,
    );
    await sql`CREATE INDEX people_by_owner ON people (owner_id, sort_key, id) WHERE deleted_at IS NULL`.execute(
      db,
    );
    await sql`CREATE INDEX people_by_city ON people (city COLLATE NOCASE, sort_key, id) WHERE deleted_at IS NULL`.execute(
      db,
    );
    await sql`CREATE INDEX people_deleted ON people (deleted_at) WHERE deleted_at IS NOT NULL`.execute(db);
    await sql`CREATE INDEX companies_by_name ON companies (sort_key, id) WHERE deleted_at IS NULL`.execute(
      db,
    );
    await sql`CREATE INDEX companies_by_created ON companies (created_at, id) WHERE deleted_at IS NULL`.execute(
      db,
    );
    await sql`CREATE INDEX companies_deleted ON companies (deleted_at) WHERE deleted_at IS NOT NULL`.execute(
      db,
    );

    await sql`CREATE TABLE phones (
      id TEXT PRIMARY KEY NOT NULL,
      person_id TEXT REFERENCES people (id),
      company_id TEXT REFERENCES companies (id),
      label TEXT NOT NULL DEFAULT 'mobile',
      number TEXT NOT NULL,
      digits TEXT NOT NULL,
      e164 TEXT,
      position INTEGER NOT NULL DEFAULT 0,
      CHECK ((person_id IS NULL) <> (company_id IS NULL))
    ) STRICT`.execute(db);
    await sql`CREATE INDEX phones_digits ON phones (digits)`.execute(db);
    await sql`CREATE INDEX phones_person ON phones (person_id, position) WHERE person_id IS NOT NULL`.execute(
      db,
    );
    await sql`CREATE INDEX phones_company ON phones (company_id, position) WHERE company_id IS NOT NULL`.execute(
      db,
    );

    await sql`CREATE TABLE emails (
      id TEXT PRIMARY KEY NOT NULL,
      person_id TEXT REFERENCES people (id),
      company_id TEXT REFERENCES companies (id),
      label TEXT NOT NULL DEFAULT 'work',
      email TEXT NOT NULL,
      email_lower TEXT NOT NULL,
      position INTEGER NOT NULL DEFAULT 0,
      CHECK ((person_id IS NULL) <> (company_id IS NULL))
    ) STRICT`.execute(db);
    await sql`CREATE INDEX emails_lower ON emails (email_lower)`.execute(db);
    await sql`CREATE INDEX emails_person ON emails (person_id, position) WHERE person_id IS NOT NULL`.execute(
      db,
    );

    await sql`CREATE TABLE tags (
      id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL COLLATE NOCASE UNIQUE,
      created_at INTEGER NOT NULL
    ) STRICT`.execute(db);
    await sql`CREATE TABLE person_tags (
      person_id TEXT NOT NULL REFERENCES people (id),
      tag_id TEXT NOT NULL REFERENCES tags (id),
      PRIMARY KEY (person_id, tag_id)
    ) STRICT, WITHOUT ROWID`.execute(db);
    await sql`CREATE INDEX person_tags_tag ON person_tags (tag_id, person_id)`.execute(db);
    await sql`CREATE TABLE company_tags (
      company_id TEXT NOT NULL REFERENCES companies (id),
      tag_id TEXT NOT NULL REFERENCES tags (id),
      PRIMARY KEY (company_id, tag_id)
    ) STRICT, WITHOUT ROWID`.execute(db);
    await sql`CREATE INDEX company_tags_tag ON company_tags (tag_id, company_id)`.execute(db);

    await sql`CREATE TABLE custom_fields (
      id TEXT PRIMARY KEY NOT NULL,
      entity TEXT NOT NULL CHECK (entity IN ('person', 'company')),
      key TEXT NOT NULL,
      label TEXT NOT NULL,
      type TEXT NOT NULL CHECK (type IN ('text', 'number', 'date', 'select', 'multiselect', 'checkbox')),
      options TEXT NOT NULL DEFAULT '[]',
      position INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      deleted_at INTEGER,
      UNIQUE (entity, key)
    ) STRICT`.execute(db);

    await sql`CREATE TABLE list_values (
      list TEXT NOT NULL CHECK (list IN ('call_purpose', 'call_outcome')),
      value TEXT NOT NULL,
      position INTEGER NOT NULL DEFAULT 0,
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      connected INTEGER NOT NULL DEFAULT 0 CHECK (connected IN (0, 1)),
      PRIMARY KEY (list, value)
    ) STRICT, WITHOUT ROWID`.execute(db);
    const outcomes = ['connected', 'no answer', 'busy', 'voicemail', 'wrong number', 'call back later'];
    for (const [i, value] of outcomes.entries()) {
      await sql`INSERT INTO list_values (list, value, position, connected)
        VALUES ('call_outcome', ${value}, ${i}, ${value === 'connected' ? 1 : 0})`.execute(db);
    }
    const purposes = ['Follow-up', 'Quote', 'Order query', 'Support', 'Introduction', 'Renewal'];
    for (const [i, value] of purposes.entries()) {
      await sql`INSERT INTO list_values (list, value, position) VALUES ('call_purpose', ${value}, ${i})`.execute(
        db,
      );
    }

    await sql`CREATE TABLE notes (
      id TEXT PRIMARY KEY NOT NULL,
      person_id TEXT REFERENCES people (id),
      company_id TEXT REFERENCES companies (id),
      body TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      created_by TEXT REFERENCES staff (id),
      updated_by TEXT REFERENCES staff (id),
      deleted_at INTEGER,
      CHECK (person_id IS NOT NULL OR company_id IS NOT NULL)
    ) STRICT`.execute(db);
    await sql`CREATE INDEX notes_person ON notes (person_id, created_at) WHERE person_id IS NOT NULL`.execute(
      db,
    );
    await sql`CREATE INDEX notes_company ON notes (company_id, created_at) WHERE company_id IS NOT NULL`.execute(
      db,
    );
    await sql`CREATE INDEX notes_deleted ON notes (deleted_at) WHERE deleted_at IS NOT NULL`.execute(db);

    for (const column of [
      `notes TEXT`,
      `reminder_at INTEGER`,
      `snoozed_until INTEGER`,
      `reminded_at INTEGER`,
      `call_id TEXT REFERENCES calls (id)`,
    ]) {
      await sql.raw(`ALTER TABLE tasks ADD COLUMN ${column}`).execute(db);
    }
    await sql`CREATE INDEX tasks_reminders ON tasks (coalesce(snoozed_until, reminder_at))
      WHERE reminder_at IS NOT NULL AND reminded_at IS NULL AND done_at IS NULL AND deleted_at IS NULL`.execute(
      db,
    );
    await sql`CREATE INDEX tasks_assignee_due ON tasks (assignee_id, due_date)
      WHERE done_at IS NULL AND deleted_at IS NULL`.execute(db);
    await sql`CREATE INDEX tasks_company ON tasks (company_id) WHERE company_id IS NOT NULL`.execute(db);
    await sql`CREATE INDEX tasks_deleted ON tasks (deleted_at) WHERE deleted_at IS NOT NULL`.execute(db);
    await sql`CREATE INDEX calls_company ON calls (company_id, started_at) WHERE company_id IS NOT NULL`.execute(
      db,
    );
    await sql`CREATE INDEX calls_staff ON calls (staff_id, started_at)`.execute(db);
    await sql`CREATE INDEX calls_deleted ON calls (deleted_at) WHERE deleted_at IS NOT NULL`.execute(db);

    // Undoable batches (bulk edits, merges, imports): before-images of every row they touched.
    await sql`CREATE TABLE batches (
      id TEXT PRIMARY KEY NOT NULL,
      kind TEXT NOT NULL,
      label TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      created_by TEXT REFERENCES staff (id),
      undone_at INTEGER
    ) STRICT`.execute(db);
    await sql`CREATE TABLE batch_rows (
      batch_id TEXT NOT NULL REFERENCES batches (id),
      seq INTEGER NOT NULL,
      tbl TEXT NOT NULL,
      row_key TEXT NOT NULL,
      before TEXT,
      PRIMARY KEY (batch_id, seq)
    ) STRICT, WITHOUT ROWID`.execute(db);

    // Search: FTS5 over names, companies, emails, notes and call summaries. search_docs maps each
    // FTS row to what it indexes; phones are searched through phones.digits instead.
    await sql`CREATE TABLE search_docs (
      docid INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('person', 'company', 'note', 'call')),
      ref_id TEXT NOT NULL UNIQUE
    ) STRICT`.execute(db);
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(
      title, detail,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '1 2 3'
    )`.execute(db);
  },
};
