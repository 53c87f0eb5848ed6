/**
 * Whatever text is written, the reader gives it back: arbitrary Unicode, quotes, delimiters, CR,
 * LF and leading spaces, in every export encoding and delimiter (fast-check).
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { EXPORT_DELIMITERS, unprotectFormula, type CsvExportOptions } from '../../../shared/domain/csv.ts';
import { readCsv } from '../../../electron/backend/csv/csv.reader.ts';
import { CsvWriter, type CsvColumn } from '../../../electron/backend/csv/csv.writer.ts';
import { makeTempDir } from '../../helpers/book.ts';

const dir = makeTempDir('ledgerline-csv-fuzz-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Text with the characters that break naive CSV code, and any Unicode besides. */
const awkward = fc.oneof(
  fc.string({ unit: fc.constantFrom('"', ',', ';', '\r', '\n', '\r\n', ' ', "'", '=', 'a', 'é', '€', '𝄞') }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
);
/** What Windows-1252 can hold. */
const latin = fc.string({
  unit: fc.constantFrom('"', ',', ';', '\r', '\n', ' ', 'a', 'Z', 'é', 'ß', '€', '’', '0'),
});

async function roundTrip(rows: string[][], options: CsvExportOptions) {
  const width = rows[0]!.length;
  const columns: CsvColumn[] = Array.from({ length: width }, (_, i) => ({
    header: `Column ${i}`,
    type: 'text',
  }));
  const file = path.join(dir, `rt-${Math.random().toString(36).slice(2)}.csv`);
  const w = new CsvWriter(file, columns, options, 'en-GB');
  for (const row of rows) w.write(row);
  w.finish();
  try {
    const read = {
      encoding: options.encoding === 'utf-8-bom' ? ('utf-8' as const) : ('windows-1252' as const),
      delimiter: options.delimiter,
    };
    const records: string[][] = [];
    for await (const r of readCsv(file, read)) records.push(r.fields);
    return { header: records[0], rows: records.slice(1) };
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** Lone surrogates cannot be written in UTF-8 (they become U+FFFD), and U+FFFD reads as a bad byte. */
const utf8Only = (text: string) => Buffer.from(text, 'utf8').toString('utf8').replaceAll('\uFFFD', '');

/** Rows of one width (at least two columns, so no record is an empty line). */
const table = (cell: fc.Arbitrary<string>) =>
  fc
    .integer({ min: 2, max: 5 })
    .chain((width) =>
      fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 20 }),
    );

describe('CSV round trip', () => {
  it('gives back every UTF-8 text, whatever it holds, with either delimiter', async () => {
    await fc.assert(
      fc.asyncProperty(table(awkward), fc.constantFrom(...EXPORT_DELIMITERS), async (rows, delimiter) => {
        const clean = rows.map((r) => r.map((c) => utf8Only(c)));
        const options: CsvExportOptions = {
          delimiter,
          decimal: '.',
          dates: 'iso',
          encoding: 'utf-8-bom',
          protectFormulas: false,
        };
        const back = await roundTrip(clean, options);
        expect(back.header).toEqual(clean[0]!.map((_, i) => `Column ${i}`));
        expect(back.rows).toEqual(clean);
      }),
      { numRuns: 150 },
    );
  });

  it('gives back any text Windows-1252 can hold, written in it', async () => {
    await fc.assert(
      fc.asyncProperty(table(latin), fc.constantFrom(...EXPORT_DELIMITERS), async (rows, delimiter) => {
        const options: CsvExportOptions = {
          delimiter,
          decimal: '.',
          dates: 'iso',
          encoding: 'windows-1252',
          protectFormulas: false,
        };
        const back = await roundTrip(rows, options);
        expect(back.rows).toEqual(rows);
      }),
      { numRuns: 100 },
    );
  });

  it('with formula protection, a cell that starts like a formula (or with an apostrophe) comes back with one apostrophe more, and unprotectFormula undoes it', async () => {
    await fc.assert(
      fc.asyncProperty(table(awkward), async (rows) => {
        const clean = rows.map((r) => r.map((c) => utf8Only(c)));
        const options: CsvExportOptions = {
          delimiter: ',',
          decimal: '.',
          dates: 'iso',
          encoding: 'utf-8-bom',
          protectFormulas: true,
        };
        const back = await roundTrip(clean, options);
        expect(back.rows).toEqual(clean.map((r) => r.map((c) => (/^[=+\-@\t\r']/u.test(c) ? `'${c}` : c))));
        // and taking the protection off gives back exactly what was written
        expect(back.rows.map((r) => r.map(unprotectFormula))).toEqual(clean);
      }),
      { numRuns: 100 },
    );
  });
});
