/**
 * "Export everything" on a real book: the zip holds manifest.json first and one CSV per table; the
 * manifest lists every table of the schema but the skipped ones, parents first, with the right
 * row counts and columns; every file parses and gives back the table's rows exactly (NULL and ''
 * told apart, reals to the last bit, text with quotes, newlines and formulas through
 * unprotectFormula); the options' delimiter and protection are followed; readExportManifest
 * refuses what is not an export, or is from a newer version; a cancelled export leaves nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors.ts';
import { csvDefaults, unprotectFormula, type CsvExportOptions } from '../../../shared/domain/csv.ts';
import { SCHEMA_VERSION } from '../../../electron/db/migrations.ts';
import {
  exportEverything,
  readExportManifest,
  SKIPPED_TABLES,
  type ExportManifest,
} from '../../../electron/backend/export/export-all.ts';
import { cancelledError, NO_JOB, type JobControl } from '../../../electron/backend/jobs/job.ts';
import { makeTempDir } from '../../helpers/book.ts';
import { order, product, salesBook, type SalesBook } from '../sales/sales.fixtures.ts';

const dir = makeTempDir('ledgerline-export-all-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** Every table of electron/db/schema.ts's DB interface, read from the file so the test follows it. */
const SCHEMA_TABLES = (() => {
  const text = fs.readFileSync(new URL('../../../electron/db/schema.ts', import.meta.url), 'utf8');
  const body = /export interface DB \{([^}]*)\}/u.exec(text)![1]!;
  return [...body.matchAll(/^\s*(\w+):/gmu)].map((m) => m[1]!);
})();

/** UTF-8 text with its byte order mark kept. */
const decode = (bytes: Uint8Array | undefined) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

const TRICKY = 'He said "hi", then;\r\nleft\n=SUM(A1)';

async function book(): Promise<SalesBook> {
  const b = await salesBook();
  const db = b.book.sqlite;
  // '' in a NOT NULL column (given_name) and in a nullable one (job_title); NULLs beside them.
  db.prepare(
    `INSERT INTO people (id, given_name, family_name, display_name, job_title, city, sort_key, created_at, updated_at)
     VALUES ('eve', '', 'Zoë Łódź', '=HYPERLINK("x")', '', NULL, 'eve', 1, 2)`,
  ).run();
  await b.client.call('notes.create', { personId: 'ann', body: TRICKY });
  await b.client.call('notes.create', { personId: 'bob', body: "'=already quoted" });
  db.prepare(`INSERT INTO tags (id, name, created_at) VALUES ('tag-1', '-minus', 5)`).run();
  db.prepare(`INSERT INTO person_tags (person_id, tag_id) VALUES ('ann', 'tag-1')`).run();
  const desk = await product(b, { sku: '+44', taxRateBp: 2000 });
  const o = await order(b, {
    personId: 'eve',
    companyId: 'acme',
    status: 'confirmed',
    notes: '@mention\tand tab',
    lines: [
      { productId: desk.id, quantity: 1500, discountBp: 250 },
      { description: 'Fitting', quantity: 2000, unitPrice: 4500, taxRateBp: 2000 },
    ],
  });
  await b.client.call('orders.setStatus', { id: o.id, status: 'paid', date: '2026-11-21' });
  db.prepare(
    `INSERT INTO deals (id, title, person_id, stage_id, value, currency, rank, created_at, updated_at)
     VALUES ('deal-1', 'Big one', 'ann', 'stage-lead', 1000, 'GBP', 0.1 + 0.2, 0, 0),
            ('deal-2', '', 'bob', 'stage-lead', 0, 'GBP', -1e-300, 0, 0)`,
  ).run();
  return b;
}

function exportTo(b: SalesBook, options: CsvExportOptions, job: JobControl = NO_JOB) {
  const file = path.join(dir, `book-${n++}.zip`);
  const result = exportEverything(b.backend.ctx, { options }, file, job);
  return { file, result, files: unzipSync(fs.readFileSync(file)) };
}

/** A CSV file of the archive back into rows of values, by the manifest's rules. */
function readBack(
  bytes: Uint8Array,
  manifest: ExportManifest,
  table: ExportManifest['tables'][number],
): unknown[][] {
  const text = decode(bytes);
  expect(text.startsWith('\uFEFF')).toBe(true);
  const records = parse(text.slice(1), {
    delimiter: manifest.csv.delimiter,
    record_delimiter: '\r\n',
    cast: (value, context) => (value === '' && !context.quoting ? null : value),
  }) as (string | null)[][];
  const [header, ...rows] = records;
  expect(header).toEqual(table.columns.map((c) => c.name));
  return rows.map((row) =>
    row.map((cell, i) => {
      const column = table.columns[i]!;
      if (cell === null) {
        expect(column.nullable, `${table.name}.${column.name} is NULL`).toBe(true);
        return null;
      }
      if (column.type === 'integer' || column.type === 'real') return Number(cell);
      return manifest.csv.protectFormulas ? unprotectFormula(cell) : cell;
    }),
  );
}

describe('export everything', () => {
  it('writes every table, and each file gives back its table exactly', async () => {
    const b = await book();
    const db = b.book.sqlite;
    const { file, result, files } = exportTo(b, csvDefaults('en-GB'));

    const names = Object.keys(files);
    expect(names[0]).toBe('manifest.json');
    const manifest = JSON.parse(decode(files['manifest.json'])) as ExportManifest;
    expect(readExportManifest(file)).toEqual(manifest);
    expect(manifest).toMatchObject({
      format: 'ledgerline-export',
      formatVersion: 1,
      appVersion: '0.0.0-test',
      schemaVersion: SCHEMA_VERSION,
      exportedAt: new Date(b.clock()).toISOString(),
      options: csvDefaults('en-GB'),
      csv: {
        encoding: 'utf-8-bom',
        delimiter: ',',
        lineEnding: '\r\n',
        protectFormulas: true,
        nulls: 'unquoted-empty',
      },
    });
    const exported = manifest.tables.map((t) => t.name);
    expect([...exported].sort()).toEqual(SCHEMA_TABLES.filter((t) => !(t in SKIPPED_TABLES)).sort());
    expect(manifest.skipped.map((s) => s.name).sort()).toEqual(Object.keys(SKIPPED_TABLES).sort());
    expect(names.slice(1)).toEqual(manifest.tables.map((t) => t.file));
    expect(result.tables).toEqual(manifest.tables.map((t) => ({ name: t.name, rows: t.rows })));
    expect(result.bytes).toBe(fs.statSync(file).size);

    for (const [i, table] of manifest.tables.entries()) {
      // Parents first: every table a foreign key points to comes earlier.
      const parents = db.prepare(`SELECT "table" FROM pragma_foreign_key_list(?)`).pluck().all(table.name);
      for (const parent of parents) expect(exported.indexOf(parent as string)).toBeLessThan(i);

      const info = db
        .prepare(`SELECT name, type, "notnull", pk FROM pragma_table_info(?)`)
        .all(table.name) as {
        name: string;
        type: string;
        notnull: number;
        pk: number;
      }[];
      expect(table.columns).toEqual(
        info.map((c) => ({
          name: c.name,
          type: c.type.toLowerCase(),
          nullable: c.notnull === 0 && c.pk === 0,
        })),
      );
      const stored = db.prepare(`SELECT * FROM ${table.name}`).raw().all();
      expect(table.rows, table.name).toBe(stored.length);
      expect(readBack(files[table.file]!, manifest, table), table.name).toEqual(stored);
    }
    const count = (t: string) => manifest.tables.find((x) => x.name === t)!.rows;
    expect(count('orders')).toBe(1);
    expect(count('order_lines')).toBe(2);
    expect(count('order_status_changes')).toBe(2);
    expect(count('notes')).toBe(2);
    expect(count('changes')).toBeGreaterThan(0);

    const people = decode(files['people.csv']);
    // '' as a quoted empty field, NULL as nothing; formulas protected in text, not in numbers.
    expect(people).toContain(`eve,"",Zoë Łódź,"'=HYPERLINK(""x"")",,"",lead,`);
    const notes = decode(files['notes.csv']);
    expect(notes).toContain(`"He said ""hi"", then;\r\nleft\n=SUM(A1)"`);
    expect(notes).toContain(`''=already quoted`);
    const deals = decode(files['deals.csv']);
    expect(deals).toContain(',0.30000000000000004,');
    expect(deals).toContain(',-1e-300,');
  });

  it('follows the delimiter and protection asked for, and always writes UTF-8', async () => {
    const b = await book();
    const options: CsvExportOptions = {
      delimiter: ';',
      decimal: ',',
      dates: 'locale',
      encoding: 'windows-1252',
      protectFormulas: false,
    };
    const { file, files } = exportTo(b, options);
    const manifest = readExportManifest(file);
    expect(manifest.options).toEqual(options);
    expect(manifest.csv).toMatchObject({ encoding: 'utf-8-bom', delimiter: ';', protectFormulas: false });
    const notes = decode(files['notes.csv']);
    expect(notes.split('\r\n')[0]).toBe(
      '\uFEFFid;person_id;company_id;body;created_at;updated_at;created_by;updated_by;deleted_at',
    );
    expect(notes).toContain(`"He said ""hi"", then;\r\nleft\n=SUM(A1)"`);
    expect(notes).toContain(`;'=already quoted;`);
    for (const table of manifest.tables) {
      const stored = b.book.sqlite.prepare(`SELECT * FROM ${table.name}`).raw().all();
      expect(readBack(files[table.file]!, manifest, table), table.name).toEqual(stored);
    }
    expect(decode(files['people.csv'])).toContain(`eve;"";Zoë Łódź;"=HYPERLINK(""x"")";;"";lead;`);
  });

  it('writes a table of many chunks, and lines longer than a chunk, byte for byte', async () => {
    const b = await book();
    const db = b.book.sqlite;
    // About 3 MB of notes in two- and four-byte UTF-8 (each chunk is a megabyte), one note longer
    // than a chunk's room for the line that crosses it, and a photo whose base 64 is as long.
    const insert = db.prepare(
      `INSERT INTO notes (id, person_id, body, created_at, updated_at) VALUES (?, 'ann', ?, 1, 1)`,
    );
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(`n-${i}`, `Łódź ${i} 😀 `.repeat(40 + (i % 17)));
      insert.run('n-long', 'Żółć "q", '.repeat(40_000));
    })();
    const photo = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 256));
    db.prepare(
      `INSERT INTO person_photos (person_id, mime, data, updated_at) VALUES ('ann', 'image/png', ?, 1)`,
    ).run(photo);
    const { file, files } = exportTo(b, csvDefaults('en-GB'));
    const manifest = readExportManifest(file);
    const notes = manifest.tables.find((t) => t.name === 'notes')!;
    expect(files['notes.csv']!.length).toBeGreaterThan(3 * 2 ** 20);
    const stored = db.prepare(`SELECT * FROM notes`).raw().all();
    expect(readBack(files['notes.csv']!, manifest, notes)).toEqual(stored);
    const photos = decode(files['person_photos.csv']).split('\r\n');
    expect(photos[1]).toBe(`ann,image/png,${photo.toString('base64')},1`);
  });

  it('a cancelled export leaves nothing behind, and an earlier archive untouched', async () => {
    const b = await book();
    const own = makeTempDir('ledgerline-export-all-cancel-');
    try {
      const target = path.join(own, 'book.zip');
      fs.writeFileSync(target, 'last week’s export');
      let steps = 0;
      const job: JobControl = {
        step() {
          if (++steps === 40) throw cancelledError();
        },
      };
      let caught: unknown;
      try {
        exportEverything(b.backend.ctx, { options: csvDefaults('en-GB') }, target, job);
      } catch (err) {
        caught = err;
      }
      expect((caught as AppError).code).toBe('CANCELLED');
      expect(steps).toBe(40);
      expect(fs.readdirSync(own)).toEqual(['book.zip']);
      expect(fs.readFileSync(target, 'utf8')).toBe('last week’s export');
      expect(b.book.sqlite.inTransaction).toBe(false);
    } finally {
      fs.rmSync(own, { recursive: true, force: true });
    }
  });

  it('reports progress over every row', async () => {
    const b = await book();
    const seen: [number, number | null | undefined][] = [];
    const { result } = exportTo(b, csvDefaults('en-GB'), { step: (done, total) => seen.push([done, total]) });
    const total = result.tables.reduce((s, t) => s + t.rows, 0);
    expect(seen[0]).toEqual([0, total]);
    expect(seen.at(-1)).toEqual([total, total]);
    expect(seen).toHaveLength(total + 1);
  });
});

describe('readExportManifest', () => {
  const write = (name: string, content: Uint8Array | string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };
  const refusal = (file: string): AppError => {
    try {
      readExportManifest(file);
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('VALIDATION');
      return err as AppError;
    }
    throw new Error('expected a refusal');
  };
  const manifestZip = (manifest: unknown, first = 'manifest.json') =>
    zipSync({ [first]: strToU8(JSON.stringify(manifest)), 'people.csv': strToU8('id\r\n') });

  it('refuses what is not a Ledgerline export, saying so', async () => {
    expect(refusal(write('a.zip', 'name,email\r\nAnn,ann@example.com\r\n')).message).toMatch(
      /a\.zip is not a Ledgerline export \(it is not a zip file\)/u,
    );
    expect(refusal(write('b.zip', zipSync({ 'people.csv': strToU8('id\r\n') }))).message).toMatch(
      /first file is people\.csv/u,
    );
    expect(refusal(write('c.zip', manifestZip({ format: 'other', formatVersion: 1 }))).message).toMatch(
      /not a Ledgerline export/u,
    );
    expect(refusal(write('d.zip', zipSync({ 'manifest.json': strToU8('{nope') }))).message).toMatch(
      /not JSON/u,
    );
    expect(() => readExportManifest(path.join(dir, 'missing.zip'))).toThrow(/not there/u);
  });

  it('refuses an export from a newer version, and a damaged manifest', async () => {
    const b = await salesBook();
    const { file } = exportTo(b, csvDefaults('en-GB'));
    const manifest = readExportManifest(file);
    const newer = refusal(write('newer.zip', manifestZip({ ...manifest, formatVersion: 2 })));
    expect(newer.message).toMatch(
      /newer version of Ledgerline \(export format 2; this version reads up to 1\)/u,
    );
    const damaged = refusal(
      write('damaged.zip', manifestZip({ ...manifest, tables: [{ ...manifest.tables[0], rows: -1 }] })),
    );
    expect(damaged.message).toMatch(/manifest of damaged\.zip is damaged/u);
    expect(damaged.details).toMatchObject({ issues: [{ path: 'tables.0.rows' }] });
  });
});
