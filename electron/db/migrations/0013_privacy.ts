/**
 * 0013: privacy (issue 6): the consent ledger, the record of erasures, and what they need.
 *
 *  - consents: one entry per answer a person gave: the purpose (from the editable list of consent
 *    purposes), granted or refused, when and how (on a call, a web form, a paper form, an email,
 *    in person), an optional note of the evidence, and who recorded it. Entries are never changed:
 *    a new answer is a new entry, so the history stays as it was told.
 *  - consent_withdrawals: a granted consent's withdrawal (when, how, a note, who recorded it), at
 *    most one per entry. It is a row of its own, not columns on the entry, so the entry itself is
 *    written once; a merge moves entries to the kept person (their person_id only), and undoing
 *    the merge moves them back without touching a withdrawal recorded meanwhile.
 *  - erasures: the record that a person was erased, holding nothing about them: when, by whom, a
 *    reference number, the counts of what went and what was kept, the reason typed (optional),
 *    whether their orders were kept for the accounts, and the stand-in those orders now name.
 *  - list_values accepts a third list, 'consent_purpose', seeded with common purposes. Its CHECK
 *    names the lists, and SQLite cannot change a CHECK in place, so the (small) table is copied.
 *  - tasks_call, deals_order, cases_order: the links an erasure (and emptying the Trash) follows
 *    from a call to its follow-up tasks and from an order to its deals and cases were unindexed,
 *    so each look-up read the whole table.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** How an answer was given or withdrawn; mirrored by CONSENT_METHODS in privacy.requests.ts. */
const METHODS = `'call', 'web_form', 'paper_form', 'email', 'in_person', 'other'`;

export const CONSENT_PURPOSE_DEFAULTS = [
  'Marketing emails',
  'Phone calls',
  'Text messages',
  'Post',
  'Sharing with partners',
] as const;

export const privacy: Migration = {
  async up(db: Kysely<unknown>) {
    await sql
      .raw(
        `CREATE TABLE list_values_next (
      list TEXT NOT NULL CHECK (list IN ('call_purpose', 'call_outcome', 'consent_purpose')),
      value TEXT NOT NULL,
      position INTEGER NOT NULL DEFAULT 0,
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      connected INTEGER NOT NULL DEFAULT 0 CHECK (connected IN (0, 1)),
      PRIMARY KEY (list, value)
    ) STRICT, WITHOUT ROWID`,
      )
      .execute(db);
    await sql`INSERT INTO list_values_next (list, value, position, active, connected)
      SELECT list, value, position, active, connected FROM list_values`.execute(db);
    await sql`DROP TABLE list_values`.execute(db);
    await sql`ALTER TABLE list_values_next RENAME TO list_values`.execute(db);
    for (const [i, value] of CONSENT_PURPOSE_DEFAULTS.entries()) {
      await sql`INSERT INTO list_values (list, value, position) VALUES ('consent_purpose', ${value}, ${i})`.execute(
        db,
      );
    }

    await sql
      .raw(
        `CREATE TABLE consents (
      id TEXT PRIMARY KEY NOT NULL,
      person_id TEXT NOT NULL REFERENCES people (id),
      purpose TEXT NOT NULL,
      decision TEXT NOT NULL CHECK (decision IN ('granted', 'refused')),
      decided_at INTEGER NOT NULL,
      method TEXT NOT NULL CHECK (method IN (${METHODS})),
      note TEXT,
      recorded_at INTEGER NOT NULL,
      recorded_by TEXT REFERENCES staff (id)
    ) STRICT`,
      )
      .execute(db);
    await sql`CREATE INDEX consents_person ON consents (person_id, purpose, decided_at)`.execute(db);
    // Whether a purpose is still named by an entry (lists.set keeps it as a hidden choice then).
    await sql`CREATE INDEX consents_purpose ON consents (purpose)`.execute(db);

    await sql
      .raw(
        `CREATE TABLE consent_withdrawals (
      consent_id TEXT PRIMARY KEY NOT NULL REFERENCES consents (id),
      withdrawn_at INTEGER NOT NULL,
      method TEXT NOT NULL CHECK (method IN (${METHODS})),
      note TEXT,
      recorded_at INTEGER NOT NULL,
      recorded_by TEXT REFERENCES staff (id)
    ) STRICT`,
      )
      .execute(db);

    // stand_in_id is not a foreign key: the stand-in is an ordinary record that may go to the
    // Trash and be emptied from it one day, and the erasure record must not stop that.
    await sql`CREATE TABLE erasures (
      id TEXT PRIMARY KEY NOT NULL,
      number INTEGER NOT NULL UNIQUE,
      reference TEXT NOT NULL UNIQUE,
      erased_at INTEGER NOT NULL,
      staff_id TEXT REFERENCES staff (id),
      reason TEXT,
      orders_kept INTEGER NOT NULL CHECK (orders_kept IN (0, 1)),
      stand_in_id TEXT,
      counts TEXT NOT NULL
    ) STRICT`.execute(db);

    await sql`CREATE INDEX tasks_call ON tasks (call_id) WHERE call_id IS NOT NULL`.execute(db);
    await sql`CREATE INDEX deals_order ON deals (order_id) WHERE order_id IS NOT NULL`.execute(db);
    await sql`CREATE INDEX cases_order ON cases (order_id) WHERE order_id IS NOT NULL`.execute(db);
  },
};
