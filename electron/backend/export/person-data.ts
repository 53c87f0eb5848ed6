/**
 * Everything the book holds about one person, for their request to see it (issue 6, privacy):
 * a zip with `person.json` (every table's rows about them, as JSON) and one CSV per table,
 * written as "Export everything" writes its files (export-all.ts: the same cells, options and
 * formula protection), so the two read the same.
 *
 * Which rows are "about them" is found from the schema (privacy/person-rows.ts, which the
 * erasure of a person uses too): their row in people; then every row of any table whose foreign
 * key points at a row already found (their emails, phones, tags, notes, calls, tasks, orders,
 * deals, cases, consents, photo, and in turn the lines of those orders, deals and cases, and their
 * status histories), leaving out rows that name someone else; then the change log's entries for
 * all of those rows (who changed what, when). Rows those rows merely name (the tag, the product,
 * the company, the member of staff) are added so the file reads on its own, but nothing that
 * points at those is followed. Derived tables (the search index, report summaries) and the undo
 * history are left out, as in "Export everything".
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import type { CsvExportOptions } from '../../../shared/domain/csv.ts';
import type { Ctx } from '../context.ts';
import type { JobControl } from '../jobs/job.ts';
import { findPersonRows, type TableRows } from '../privacy/person-rows.ts';
import { field } from './export-all.ts';
import { inReadSnapshot } from './presets.ts';

/** Every table's rows about the person, in the export's table order; empty tables left out. */
export function personData(db: Database.Database, personId: string): TableRows[] {
  return findPersonRows(db, personId, { named: true, history: true }).tables;
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
