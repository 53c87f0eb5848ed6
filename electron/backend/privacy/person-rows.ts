/**
 * Which rows of the book are about one person, found from the schema rather than from a list that
 * a later table could be missing from. Their data export (export/person-data.ts) writes these rows
 * and their erasure (erase.plan.ts) removes them, so both see exactly the same set.
 *
 *  1. About them: their row in people; then every row of any table whose foreign key points at a
 *     row already found (their emails, phones, tags, notes, calls, tasks, orders, deals, cases,
 *     photo, consents, and in turn the lines of those orders, deals and cases, their status
 *     histories, the withdrawals of those consents), until nothing new turns up. Rows in the
 *     Trash count as much as live ones.
 *     A row that names someone else is not about them, even when it points at one of their rows:
 *     Bob's task made from a call with Ann, or Acme's case about Ann's order. A table with a link
 *     to people counts a row as theirs when that link is them, or when it names nobody (neither
 *     a person nor a company) and so hangs on what it was found through. Such rows of others are
 *     returned apart (`others`) and not followed: an erasure clears their link, an export leaves
 *     them out.
 *  2. Named (export only): the rows those rows merely name (the tag, the product, the company, the
 *     member of staff), so the file reads on its own; nothing that points at those is followed.
 *  3. History (export only): the change log's entries for every row found in 1.
 *  4. Audit (export only): the audit trail's events about the rows found in 1 (their before and
 *     after values), and those it files under the person. Bulk events name no one and are left out.
 * Derived tables (the search index, report summaries) and the undo history are not followed (they
 * have no foreign keys, or are skipped as in "Export everything"): an erasure clears them itself.
 *
 * The walk goes one frontier at a time: each round asks only about the rows the last round found,
 * through indexes on the linking columns (tasks_call, deals_order and cases_order were added for it).
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../../shared/api/errors.ts';
import { exportTables } from '../export/export-all.ts';

/** A foreign key: this table's `col` holds `target` of `parent`. */
export interface ForeignKey {
  parent: string;
  col: string;
  target: string;
}

export interface TableShape {
  name: string;
  columns: string[];
  nullable: boolean[];
  /** The primary key's columns, in key order (every table of the book has one). */
  pk: string[];
  keys: ForeignKey[];
}

export interface TableRows {
  name: string;
  columns: string[];
  rows: unknown[][];
}

export interface PersonRows {
  /** The tables that rows were found in, in the export's order (parents first), each with its rows. */
  tables: TableRows[];
  /** Rows of other people or companies that point at one of theirs (step 1), by table. */
  others: TableRows[];
  /** Every exported table's shape, by name (the erasure needs keys and nullability). */
  shapes: Map<string, TableShape>;
}

const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;
/** SQLite's limit on bound parameters is far above this; chunks keep each statement small. */
const CHUNK = 500;

/** The exported tables' shapes, parents first. */
export function tableShapes(db: Database.Database): TableShape[] {
  const tables = exportTables(db);
  const names = new Set(tables.map((t) => t.name));
  return tables.map((t) => {
    const info = db.prepare(`SELECT name, pk FROM pragma_table_info(?)`).all(t.name) as {
      name: string;
      pk: number;
    }[];
    const keys = (
      db
        .prepare(`SELECT "table" AS parent, "from" AS col, "to" AS target FROM pragma_foreign_key_list(?)`)
        .all(t.name) as { parent: string; col: string; target: string | null }[]
    )
      .filter((k) => names.has(k.parent))
      .map((k) => ({ parent: k.parent, col: k.col, target: k.target ?? 'id' }));
    return {
      name: t.name,
      columns: t.columns.map((c) => c.name),
      nullable: t.columns.map((c) => c.nullable),
      pk: info
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      keys,
    };
  });
}

/** A row's identity in its table: its primary key's values (the whole row when it has none). */
export function rowKey(shape: TableShape, row: readonly unknown[]): string {
  const values =
    shape.pk.length > 0
      ? shape.pk.map((c) => row[shape.columns.indexOf(c)])
      : row.map((v) => (Buffer.isBuffer(v) ? v.length : v));
  return JSON.stringify(values);
}

export function findPersonRows(
  db: Database.Database,
  personId: string,
  options: { named?: boolean; history?: boolean } = {},
): PersonRows {
  const ordered = tableShapes(db);
  const shapes = new Map(ordered.map((t) => [t.name, t]));
  /** Rows found so far, per table, by key, in the order found. */
  const found = new Map<string, Map<string, unknown[]>>();
  const others = new Map<string, Map<string, unknown[]>>();
  const column = (table: string, name: string) => shapes.get(table)!.columns.indexOf(name);
  const valuesOf = (table: string, name: string, rows: Iterable<unknown[]>): unknown[] => {
    const at = column(table, name);
    return [...new Set([...rows].map((r) => r[at]).filter((v) => v !== null && v !== undefined))];
  };
  /** Adds rows not seen before to `into`; returns the new ones. */
  const add = (into: Map<string, Map<string, unknown[]>>, table: string, rows: unknown[][]) => {
    const shape = shapes.get(table)!;
    const seen = into.get(table) ?? new Map<string, unknown[]>();
    into.set(table, seen);
    const fresh: unknown[][] = [];
    for (const row of rows) {
      const key = rowKey(shape, row);
      if (seen.has(key)) continue;
      seen.set(key, row);
      fresh.push(row);
    }
    return fresh;
  };
  const select = (table: string, col: string, values: readonly unknown[]): unknown[][] => {
    const shape = shapes.get(table)!;
    const out: unknown[][] = [];
    for (let i = 0; i < values.length; i += CHUNK) {
      const part = values.slice(i, i + CHUNK);
      out.push(
        ...(db
          .prepare(
            `SELECT ${shape.columns.map(quoteName).join(', ')} FROM ${quoteName(table)}
             WHERE ${quoteName(col)} IN (${part.map(() => '?').join(', ')})`,
          )
          .raw(true)
          .all(...part) as unknown[][]),
      );
    }
    return out;
  };
  /** Whether a row found through a link is about them (see the top of this file). */
  const about = (shape: TableShape, row: readonly unknown[]): boolean => {
    const people = shape.keys.filter((k) => k.parent === 'people').map((k) => row[column(shape.name, k.col)]);
    if (people.length === 0) return true;
    if (people.includes(personId)) return true;
    const companies = shape.keys
      .filter((k) => k.parent === 'companies')
      .map((k) => row[column(shape.name, k.col)]);
    return people.every((v) => v === null) && companies.every((v) => v === null);
  };

  const person = select('people', 'id', [personId]);
  if (person.length === 0) {
    throw new AppError('NOT_FOUND', 'That person is not in the book (they may have been erased).', {
      personId,
    });
  }
  // 1. Down from the person, one frontier at a time, until no table points at anything new.
  let frontier = new Map<string, unknown[][]>([['people', add(found, 'people', person)]]);
  while (frontier.size > 0) {
    const next = new Map<string, unknown[][]>();
    for (const shape of ordered) {
      if (shape.name === 'changes') continue;
      for (const k of shape.keys) {
        const parents = frontier.get(k.parent);
        if (!parents || k.parent === shape.name) continue;
        const values = valuesOf(k.parent, k.target, parents);
        if (values.length === 0) continue;
        const rows = select(shape.name, k.col, values);
        const theirs = rows.filter((r) => about(shape, r));
        add(
          others,
          shape.name,
          rows.filter((r) => !about(shape, r)),
        );
        const fresh = add(found, shape.name, theirs);
        if (fresh.length > 0) next.set(shape.name, [...(next.get(shape.name) ?? []), ...fresh]);
      }
    }
    frontier = next;
  }
  const aboutTables = [...found.keys()];
  // 2. What those rows name, so the file reads on its own (not followed further; other people are
  // never added).
  if (options.named) {
    for (const name of aboutTables) {
      for (const k of shapes.get(name)!.keys) {
        if (k.parent === 'people') continue;
        const values = valuesOf(name, k.col, found.get(name)!.values());
        if (values.length > 0) add(found, k.parent, select(k.parent, k.target, values));
      }
    }
  }
  // 3. Each found row's history in the change log (the named rows' too).
  if (options.history && shapes.has('changes')) {
    const foundIds = [...found.keys()].flatMap((table) =>
      shapes.get(table)!.columns.includes('id') ? valuesOf(table, 'id', found.get(table)!.values()) : [],
    );
    add(found, 'changes', select('changes', 'row_id', foundIds.map(String)));
  }
  // 4. The audit trail's events about those rows (before and after values, who and when): events
  // naming one of them, and those the trail files under the person (their calls, orders…).
  if (options.history && shapes.has('audit_events')) {
    const events = select('audit_events', 'owner', [`people:${personId}`]);
    for (const table of aboutTables) {
      if (!shapes.get(table)!.columns.includes('id')) continue;
      const ids = valuesOf(table, 'id', found.get(table)!.values()).map(String);
      for (let i = 0; i < ids.length; i += CHUNK) {
        const part = ids.slice(i, i + CHUNK);
        events.push(
          ...(db
            .prepare(
              `SELECT ${shapes.get('audit_events')!.columns.map(quoteName).join(', ')} FROM audit_events
               WHERE tbl = ? AND row_id IN (${part.map(() => '?').join(', ')})`,
            )
            .raw(true)
            .all(table, ...part) as unknown[][]),
        );
      }
    }
    add(found, 'audit_events', events);
  }
  const list = (from: Map<string, Map<string, unknown[]>>): TableRows[] =>
    ordered
      .filter((t) => (from.get(t.name)?.size ?? 0) > 0)
      .map((t) => ({ name: t.name, columns: t.columns, rows: [...from.get(t.name)!.values()] }));
  return { tables: list(found), others: list(others), shapes };
}
