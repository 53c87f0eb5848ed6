/**
 * The CSV reader and writer on real files: the csv-spectrum conformance suite, every supported
 * encoding and delimiter, files that cannot be read (each with a clear error), and the writer's
 * rules (RFC 4180 quoting, CRLF, BOM, Windows-1252, formula protection, locale numbers and dates,
 * nothing left behind when an export is abandoned). round-trip.test.ts fuzzes the pair.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors.ts';
import { csvDefaults } from '../../../shared/domain/csv.ts';
import { createJobControl } from '../../../electron/backend/jobs/job.ts';
import { readCsv, sniffCsv, type CsvReadOptions } from '../../../electron/backend/csv/csv.reader.ts';
import { CsvWriter, formatRow, type CsvColumn } from '../../../electron/backend/csv/csv.writer.ts';
import { makeTempDir } from '../../helpers/book.ts';

const dir = makeTempDir('ledgerline-csv-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
function fileWith(content: Buffer | string): string {
  const file = path.join(dir, `f${n++}.csv`);
  fs.writeFileSync(file, content);
  return file;
}

async function readAll(file: string, options?: CsvReadOptions) {
  const sniff = sniffCsv(file);
  const records: { fields: string[]; line: number }[] = [];
  for await (const r of readCsv(file, options ?? sniff)) records.push(r);
  return { sniff, records };
}

async function failure(promise: Promise<unknown> | (() => unknown)): Promise<AppError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected an error');
}

describe('reading CSV', () => {
  it('passes the csv-spectrum conformance suite', async () => {
    const require = createRequire(import.meta.url);
    const spectrum = require('csv-spectrum') as (
      cb: (err: unknown, data: { name: string; csv: Buffer; json: Buffer }[]) => void,
    ) => void;
    const cases = await new Promise<{ name: string; csv: Buffer; json: Buffer }[]>((resolve, reject) =>
      spectrum((err, data) => (err ? reject(err as Error) : resolve(data))),
    );
    expect(cases.length).toBeGreaterThanOrEqual(10);
    for (const c of cases) {
      const file = fileWith(c.csv);
      // One fixture holds a single object rather than a list of one.
      const expected = [JSON.parse(c.json.toString('utf8')) as Record<string, string>[]].flat();
      const { records } = await readAll(file, { encoding: 'utf-8', delimiter: ',' });
      const [header, ...rows] = records.map((r) => r.fields);
      const objects = rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i] ?? ''])));
      // This fixture's JSON gives another phone number than its own CSV holds (2095257564).
      if (c.name === 'location_coordinates') expected[0]!['Contact Phone Number'] = '2095257564';
      expect(objects, c.name).toEqual(expected);
    }
  });

  const table = [
    ['Name', 'Company', 'City', 'Note'],
    ['Zoë Brontë', 'Café Müller; Söhne', 'Köln', 'Says "hello", then\nleaves'],
    ['Ann Lee', 'Acme | Ltd', 'Leeds', 'Paid €120.50'],
    ['Bob Ray', '', 'Perth', 'tab\there'],
  ];
  /** The table as CSV text with RFC 4180 quoting for this delimiter. */
  const csvText = (delimiter: string) =>
    table
      .map((row) =>
        row
          .map((f) => (/["\n\r]/u.test(f) || f.includes(delimiter) ? `"${f.replaceAll('"', '""')}"` : f))
          .join(delimiter),
      )
      .join('\r\n') + '\r\n';

  const encodings: [string, (text: string) => Buffer, string, boolean][] = [
    ['UTF-8 with a BOM', (t) => Buffer.from(`\uFEFF${t}`, 'utf8'), 'utf-8', true],
    ['UTF-8', (t) => Buffer.from(t, 'utf8'), 'utf-8', false],
    ['UTF-16 LE with a BOM', (t) => iconv.encode(t, 'utf16le', { addBOM: true }), 'utf-16le', true],
    ['UTF-16 BE with a BOM', (t) => iconv.encode(t, 'utf16be', { addBOM: true }), 'utf-16be', true],
    ['UTF-16 LE', (t) => iconv.encode(t, 'utf16le'), 'utf-16le', false],
    ['Windows-1252', (t) => iconv.encode(t, 'win1252'), 'windows-1252', false],
  ];
  for (const [name, encode, encoding, bom] of encodings) {
    for (const delimiter of [',', ';', '\t', '|']) {
      it(`reads ${name} with ${JSON.stringify(delimiter)} between fields`, async () => {
        const { sniff, records } = await readAll(fileWith(encode(csvText(delimiter))));
        expect(sniff).toMatchObject({ encoding, bom, delimiter });
        expect(records.map((r) => r.fields)).toEqual(table);
        // The line each record starts on (the second record spans two lines).
        expect(records.map((r) => r.line)).toEqual([1, 2, 4, 5]);
      });
    }
  }

  it('finds the delimiter when its sample of the file ends inside a quoted field', async () => {
    // Rows of 3 KB: the 64 KB sample holds about twenty and ends inside the next one's note.
    const row = `Ann;"a note\r\nover two lines; with a semicolon${'.'.repeat(3000)}"\r\n`;
    const text = `Name;Note\r\n${row.repeat(Math.ceil((80 * 1024) / row.length))}`;
    // The first 64 KB end mid-field, wherever the cut falls.
    const { sniff, records } = await readAll(fileWith(text));
    expect(sniff.delimiter).toBe(';');
    expect(records.length).toBe(Math.ceil((80 * 1024) / row.length) + 1);
    expect(records.at(-1)!.fields).toEqual([
      'Ann',
      `a note\r\nover two lines; with a semicolon${'.'.repeat(3000)}`,
    ]);
  });

  it('names the line a record starts on whatever line breaks its quoted fields hold', async () => {
    for (const br of ['\r\n', '\n', '\r']) {
      const text = ['A;B', `x;"one${br}two"`, 'y;z', `w;"a${br}${br}b"`, 'v;u', ''].join(br);
      const { records } = await readAll(fileWith(text), { encoding: 'utf-8', delimiter: ';' });
      expect(
        records.map((r) => `${r.fields[0]}@${r.line}`),
        JSON.stringify(br),
      ).toEqual(['A@1', 'x@2', 'y@4', 'w@5', 'v@8']);
    }
  });

  it('gives ragged records as they are, with their lines, for the caller to report', async () => {
    const { records } = await readAll(fileWith('a,b,c\r\n1,2\r\n\r\n3,4,5,6\r\n7,8,9\r\n'));
    expect(records).toEqual([
      { fields: ['a', 'b', 'c'], line: 1 },
      { fields: ['1', '2'], line: 2 },
      { fields: ['3', '4', '5', '6'], line: 4 },
      { fields: ['7', '8', '9'], line: 5 },
    ]);
  });

  it('refuses an empty file, a blank one, a binary one and one of 2 GB before reading it', async () => {
    expect((await failure(() => sniffCsv(fileWith('')))).message).toMatch(/empty/u);
    expect((await failure(() => sniffCsv(fileWith('\r\n\r\n  \r\n')))).message).toMatch(/blank lines/u);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
    expect((await failure(() => sniffCsv(fileWith(png)))).message).toMatch(/not a text file/u);
    const zip = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64, 7)]);
    expect((await failure(() => sniffCsv(fileWith(zip)))).message).toMatch(/not a text file/u);
    // A sparse file: 2 GiB long, no disk used.
    const huge = fileWith('Name\r\n');
    fs.truncateSync(huge, 2 * 1024 ** 3);
    const err = await failure(() => sniffCsv(huge));
    expect(err.message).toMatch(/2\.0 GB.*under 2 GB/u);
    fs.rmSync(huge);
    expect((await failure(() => sniffCsv(path.join(dir, 'missing.csv')))).message).toMatch(
      /cannot be found/u,
    );
  });

  it('names the line of a quote that is never closed', async () => {
    const file = fileWith('Name,Note\r\nAnn,fine\r\nBob,"starts here\r\nCy,never ends\r\n');
    const err = await failure(readAll(file));
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toMatch(/never closed/u);
    expect(err.details).toMatchObject({ reason: 'quote-not-closed' });
  });

  it('names the line that is not UTF-8 in a file that says it is', async () => {
    const good = Buffer.from('\uFEFFName,City\r\nAnn,Leeds\r\n', 'utf8');
    const bad = Buffer.concat([good, Buffer.from('Bob,K'), Buffer.from([0xf6]), Buffer.from('ln\r\n')]);
    const err = await failure(readAll(fileWith(bad)));
    expect(err.message).toMatch(/^Line 3 /u);
    expect(err.details).toMatchObject({ line: 3, reason: 'bad-encoding' });
  });

  it('reads a file without a BOM that is not UTF-8 as Windows-1252', async () => {
    const { sniff, records } = await readAll(
      fileWith(iconv.encode('Name\r\nJosé Müller\r\n€ sign\r\n', 'win1252')),
    );
    expect(sniff.encoding).toBe('windows-1252');
    expect(records.map((r) => r.fields[0])).toEqual(['Name', 'José Müller', '€ sign']);
  });

  it('stops reading when the job is cancelled: CANCELLED comes out and the rest of the file is never read', () => {
    const file = fileWith(`a,b\r\n${'1,2\r\n'.repeat(200_000)}`);
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const job = createJobControl(flag, () => {});
    let seen = 0;
    let bytes = 0;
    const run = () => {
      for (const _ of readCsv(
        file,
        { encoding: 'utf-8', delimiter: ',' },
        { onProgress: (b) => (bytes = b) },
      )) {
        job.step(++seen);
        if (seen === 100) Atomics.store(flag, 0, 1);
      }
    };
    expect(run).toThrow(expect.objectContaining({ code: 'CANCELLED' }));
    expect(seen).toBe(101);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(fs.statSync(file).size);
  });
});

describe('writing CSV', () => {
  const columns: CsvColumn[] = [
    { header: 'Name', type: 'text' },
    { header: 'Orders', type: 'integer' },
    { header: 'Net', type: 'minor', digits: 2 },
    { header: 'First order', type: 'date' },
  ];
  const gb = csvDefaults('en-GB');
  const de = csvDefaults('de-DE');

  it('defaults from the locale: comma and point in en-GB, semicolon and comma in de-DE', () => {
    expect(gb).toEqual({
      delimiter: ',',
      decimal: '.',
      dates: 'iso',
      encoding: 'utf-8-bom',
      protectFormulas: true,
    });
    expect(de).toMatchObject({ delimiter: ';', decimal: ',' });
  });

  it('neutralises text that a spreadsheet would run as a formula, and never a number', () => {
    for (const text of ['=SUM(A1:A9)', '+44 20 7946 0000', '-Ann', '@cmd', '\tTab', '\rCR'])
      expect(formatRow(columns, [text, 1, 0, null], gb, 'en-GB')).toMatch(/^"?'/u);
    expect(formatRow(columns, ['Ann = Bob', 1, 0, null], gb, 'en-GB')).toBe('Ann = Bob,1,0.00,\r\n');
    expect(formatRow(columns, ['Ann', -3, -1250, '2026-01-31'], gb, 'en-GB')).toBe(
      'Ann,-3,-12.50,2026-01-31\r\n',
    );
    const off = { ...gb, protectFormulas: false };
    expect(formatRow(columns, ['=1+1', 1, 5, null], off, 'en-GB')).toBe('=1+1,1,0.05,\r\n');
  });

  it('quotes as RFC 4180 says and writes the locale’s decimals and dates', () => {
    expect(formatRow(columns, ['Lee, "Ann"', 2, 123456, '2026-11-22'], gb, 'en-GB')).toBe(
      '"Lee, ""Ann""",2,1234.56,2026-11-22\r\n',
    );
    expect(formatRow(columns, ['Zoë', 2, 123456, '2026-11-22'], { ...de, dates: 'locale' }, 'de-DE')).toBe(
      'Zoë;2;1234,56;22.11.2026\r\n',
    );
    // A comma decimal with comma delimiters is quoted, not split.
    expect(formatRow(columns, ['x', 0, 5, null], { ...gb, decimal: ',' }, 'en-GB')).toBe('x,0,"0,05",\r\n');
    expect(formatRow(columns, ['Multi\nline', null, null, null], gb, 'en-GB')).toBe('"Multi\nline",,,\r\n');
  });

  it('writes a BOM and CRLF in UTF-8, and counts what Windows-1252 cannot hold', async () => {
    const target = path.join(dir, 'out-utf8.csv');
    const w = new CsvWriter(target, columns, gb, 'en-GB');
    w.write(['Łukasz Nowak', 1, 100, '2026-01-02']);
    expect(w.finish()).toMatchObject({ rows: 1, replaced: 0 });
    const bytes = fs.readFileSync(target);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toBe(
      '\uFEFFName,Orders,Net,First order\r\nŁukasz Nowak,1,1.00,2026-01-02\r\n',
    );

    const ansi = path.join(dir, 'out-1252.csv');
    const w2 = new CsvWriter(ansi, columns, { ...gb, encoding: 'windows-1252' }, 'en-GB');
    w2.write(['Łukasz Müller €', 1, 100, null]);
    expect(w2.finish()).toMatchObject({ rows: 1, replaced: 1 });
    const back = iconv.decode(fs.readFileSync(ansi), 'win1252');
    expect(back).toBe('Name,Orders,Net,First order\r\n?ukasz Müller €,1,1.00,\r\n');
    const { sniff, records } = await readAll(ansi);
    expect(sniff.encoding).toBe('windows-1252');
    expect(records[1]!.fields[0]).toBe('?ukasz Müller €');
  });

  it('leaves the target untouched when an export is abandoned, and no partial file', () => {
    const target = path.join(dir, 'kept.csv');
    fs.writeFileSync(target, 'the old file');
    const w = new CsvWriter(target, columns, gb, 'en-GB');
    for (let i = 0; i < 50_000; i++) w.write([`Person ${i}`, i, i, null]);
    w.abort();
    expect(fs.readFileSync(target, 'utf8')).toBe('the old file');
    expect(fs.readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
    expect(() => formatRow(columns, ['too few'], gb, 'en-GB')).toThrow(/1 values for 4 columns/u);
  });
});
