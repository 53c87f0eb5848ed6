/**
 * Everything the book holds about one person, for their request to see it (issue 6, privacy):
 * a zip with `person.json` (every table's rows about them, as JSON) and one CSV per table,
 * written as "Export everything" writes its files (export-all.ts: the same cells, options and
 * formula protection), so the two read the same.
 *
 * Which rows are "about them" is found from the schema, not from a list that a later table could
 * be missing from: their row in people; then every row of any table whose foreign key points at
 * a row already found (their emails, phones, tags, notes, calls, tasks, orders, deals, cases,
 * photo, and in turn the lines of those orders, deals and cases, and their status histories);
 * then the change log's entries for all of those rows (who changed what, when). Rows those rows
 * merely name (the tag, the product, the company, the member of staff) are added so the file
 * reads on its own, but nothing that points at those is followed. Derived tables (the search
 * index, report summaries) and the undo history are left out, as in "Export everything".
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { AppError } from '../../../shared/api/errors.ts';
import type { CsvExportOptions } from '../../../shared/domain/csv.ts';
import type { Ctx } from '../context.ts';
import type { JobControl } from '../jobs/job.ts';
import { exportTables, field } from './export-all.ts';
import { inReadSnapshot } from './presets.ts';

interface TableRows {
  name: string;
  columns: string[];
  rows: unknown[][];
}

const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;
/** SQLite's limit on bound parameters is far above this; chunks keep each statement small. */
const CHUNK = 500;

/** Every table's rows about the person, in the export's table order; empty tables left out. */
export function personData(db: Database.Database, personId: string): TableRows[] {
  const tables = exportTables(db);
  const byName = new Map(tables.map((t) => [t.name, t]));
  const keys = new Map(
    tables.map((t) => [
      t.name,
      (
        db
          .prepare(`SELECT "table" AS parent, "from" AS col, "to" AS target FROM pragma_foreign_key_list(?)`)
          .all(t.name) as {
          parent: string;
          col: string;
          target: string | null;
        }[]
      ).filter((k) => byName.has(k.parent)),
    ]),
  );
  /** Rows found so far, per table, by rowid (every exported table but WITHOUT ROWID ones has one). */
  const found = new Map<string, Map<string, unknown[]>>();
  const idsOf = (table: string, column: string): unknown[] => {
    const t = byName.get(table)!;
    const at = t.columns.findIndex((c) => c.name === column);
    return [...(found.get(table)?.values() ?? [])].map((r) => r[at]).filter((v) => v !== null);
  };
  const add = (table: string, rows: unknown[][]): number => {
    const seen = found.get(table) ?? new Map<string, unknown[]>();
    found.set(table, seen);
    let added = 0;
    for (const row of rows) {
      const key = JSON.stringify(row.map((v) => (Buffer.isBuffer(v) ? v.length : v)));
      if (!seen.has(key)) {
        seen.set(key, row);
        added++;
      }
    }
    return added;
  };
  const select = (table: string, column: string, values: readonly unknown[]): unknown[][] => {
    const t = byName.get(table)!;
    const out: unknown[][] = [];
    for (let i = 0; i < values.length; i += CHUNK) {
      const part = values.slice(i, i + CHUNK);
      out.push(
        ...(db
          .prepare(
            `SELECT ${t.columns.map((c) => quoteName(c.name)).join(', ')} FROM ${quoteName(table)}
             WHERE ${quoteName(column)} IN (${part.map(() => '?').join(', ')})`,
          )
          .raw(true)
          .all(...part) as unknown[][]),
      );
    }
    return out;
  };

  const person = select('people', 'id', [personId]);
  if (person.length === 0) {
    throw new AppError('NOT_FOUND', 'That person is not in the book (they may have been erased).');
  }
  add('people', person);
  // Down from the person, until no table points at anything new.
  for (let grew = true; grew;) {
    grew = false;
    for (const t of tables) {
      if (t.name === 'changes') continue;
      for (const k of keys.get(t.name) ?? []) {
        if (!found.has(k.parent) || k.parent === t.name) continue;
        const values = idsOf(k.parent, k.target ?? 'id');
        if (values.length === 0) continue;
        if (add(t.name, select(t.name, k.col, values)) > 0) grew = true;
      }
    }
  }
  // What those rows name, so the file reads on its own (not followed further; other people are
  // never added).
  const about = [...found.keys()];
  for (const name of about) {
    for (const k of keys.get(name) ?? []) {
      if (k.parent === 'people') continue;
      const values = [...new Set(idsOf(name, k.col))];
      if (values.length > 0) add(k.parent, select(k.parent, k.target ?? 'id', values));
    }
  }
  // Each found row's history in the change log.
  if (byName.has('changes')) {
    const ids = [...found].flatMap(([table]) =>
      byName.get(table)!.columns.some((c) => c.name === 'id') ? idsOf(table, 'id') : [],
    );
    add('changes', select('changes', 'row_id', ids.map(String)));
  }
  return tables
    .filter((t) => (found.get(t.name)?.size ?? 0) > 0)
    .map((t) => ({
      name: t.name,
      columns: t.columns.map((c) => c.name),
      rows: [...found.get(t.name)!.values()],
    }));
}

/** The zip of personData(), written to `target` (temporary name, fsync, rename). */
export function exportPersonData(
  ctx: Ctx,
  input: { personId: string; options: CsvExportOptions },
  target: string,
  job: JobControl,
): { rows: number; bytes: number; replaced: number } {
  const db = ctx.sql.raw;
  const tables = inReadSnapshot(db, () => personData(db, input.personId));
  job.step(1, 2, 'Writing their data');
  const json = (v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v);
  const files: Record<string, Uint8Array> = {
    'person.json': strToU8(
      `${JSON.stringify(
        {
          exportedAt: new Date(ctx.clock()).toISOString(),
          about: input.personId,
          note: 'Everything this Ledgerline book holds about one person. Blobs (a photo) are in base 64.',
          tables: Object.fromEntries(
            tables.map((t) => [
              t.name,
              t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, json(r[i])]))),
            ]),
          ),
        },
        null,
        2,
      )}\n`,
    ),
  };
  const d = input.options.delimiter;
  for (const t of tables) {
    const lines = [t.columns.map((c) => field(c, d, false)).join(d)];
    for (const r of t.rows) lines.push(r.map((v) => field(v, d, input.options.protectFormulas)).join(d));
    files[`${t.name}.csv`] = strToU8(`\uFEFF${lines.join('\r\n')}\r\n`);
  }
  const zip = zipSync(files, { level: 6, mtime: new Date(Math.max(ctx.clock(), Date.UTC(1980, 0, 2))) });
  const partial = `${target}.partial`;
  const fd = fs.openSync(partial, 'w');
  try {
    fs.writeSync(fd, zip);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(partial, target);
  job.step(2, 2, 'Writing their data');
  return { rows: tables.reduce((n, t) => n + t.rows.length, 0), bytes: zip.length, replaced: 0 };
}
