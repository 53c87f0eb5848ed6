/**
 * Writes a CSV file as shared/domain/csv.ts describes (RFC 4180 quoting, CRLF, UTF-8 with a BOM or
 * Windows-1252, the locale's decimal separator and dates, formula protection on text cells only).
 *
 * Rows are formatted by their column's type, so a number is never mistaken for text: an amount of
 * −12.50 stays "-12.50" with formula protection on, while a name "-Ann" is written "'-Ann".
 * The file is written under a temporary name beside the target and renamed over it when finished
 * (after fsync), so a cancelled or failed export never leaves half a file under the chosen name.
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import {
  formatCsvDate,
  formatCsvDateTime,
  formatMinor,
  protectFormula,
  quoteField,
  type CsvExportOptions,
} from '../../../shared/domain/csv.ts';

export type CsvColumnType =
  /** Free text: formula protection applies. */
  | 'text'
  /** A whole number (a count, an order number). */
  | 'integer'
  /** Minor units (pence), written as a decimal amount with `digits` decimals. */
  | 'minor'
  /** A calendar date, YYYY-MM-DD. */
  | 'date'
  /** An instant in ms, written as local date and time. */
  | 'datetime';

export interface CsvColumn {
  header: string;
  type: CsvColumnType;
  /** Decimals for 'minor' (2 for money, 3 for quantities in thousandths). */
  digits?: number;
}

export type CsvValue = string | number | null | undefined;

/** The 27 characters Windows-1252 places in 0x80–0x9F (beside ASCII and Latin-1). */
const CP1252_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** How many characters of `text` Windows-1252 cannot hold (each is written as "?"). */
function notIn1252(text: string): number {
  let missing = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) continue;
    if (!CP1252_EXTRAS.has(ch)) missing++;
  }
  return missing;
}

const FLUSH_AT = 1 << 20;

export interface CsvWriteResult {
  rows: number;
  bytes: number;
  /** Characters Windows-1252 cannot hold, written as "?" (0 in UTF-8). */
  replaced: number;
}

/** Formats one row of values by their columns (exported for tests and for streaming to memory). */
export function formatRow(
  columns: readonly CsvColumn[],
  values: readonly CsvValue[],
  options: CsvExportOptions,
  locale: string,
): string {
  if (values.length !== columns.length) {
    throw new Error(`A row of ${values.length} values for ${columns.length} columns`);
  }
  const fields = columns.map((column, i) => {
    const value = values[i];
    if (value === null || value === undefined || value === '') return '';
    let text: string;
    switch (column.type) {
      case 'text':
        text = options.protectFormulas ? protectFormula(String(value)) : String(value);
        break;
      case 'integer':
        if (typeof value !== 'number' || !Number.isSafeInteger(value))
          throw new Error(`${column.header}: ${String(value)} is not a whole number`);
        text = String(value);
        break;
      case 'minor':
        if (typeof value !== 'number') throw new Error(`${column.header}: ${String(value)} is not an amount`);
        text = formatMinor(value, column.digits ?? 2, options.decimal);
        break;
      case 'date':
        text = formatCsvDate(String(value), options.dates, locale);
        break;
      case 'datetime':
        if (typeof value !== 'number') throw new Error(`${column.header}: ${String(value)} is not a time`);
        text = formatCsvDateTime(value, options.dates, locale);
        break;
    }
    return quoteField(text, options.delimiter);
  });
  return `${fields.join(options.delimiter)}\r\n`;
}

/** A CSV file being written. Call finish() to keep it, or abort() to leave nothing behind. */
export class CsvWriter {
  private readonly target: string;
  private readonly partial: string;
  private readonly fd: number;
  private readonly columns: readonly CsvColumn[];
  private readonly options: CsvExportOptions;
  private readonly locale: string;
  private pending: string[] = [];
  private pendingLength = 0;
  private rows = 0;
  private bytes = 0;
  private replaced = 0;
  private open = true;

  constructor(target: string, columns: readonly CsvColumn[], options: CsvExportOptions, locale: string) {
    this.target = target;
    this.partial = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`);
    this.columns = columns;
    this.options = options;
    this.locale = locale;
    this.fd = fs.openSync(this.partial, 'w');
    if (options.encoding === 'utf-8-bom') this.push('\uFEFF');
    const header = columns.map((c) => quoteField(c.header, options.delimiter)).join(options.delimiter);
    this.push(`${header}\r\n`);
  }

  write(values: readonly CsvValue[]): void {
    this.push(formatRow(this.columns, values, this.options, this.locale));
    this.rows++;
  }

  private push(text: string): void {
    if (!this.open) throw new Error('This CSV file is closed');
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    let buffer: Buffer;
    if (this.options.encoding === 'windows-1252') {
      this.replaced += notIn1252(text);
      buffer = iconv.encode(text, 'win1252');
    } else {
      buffer = Buffer.from(text, 'utf8');
    }
    let offset = 0;
    while (offset < buffer.length) offset += fs.writeSync(this.fd, buffer, offset);
    this.bytes += buffer.length;
  }

  /** Writes what is left, makes it durable and puts the file under its name. */
  finish(): CsvWriteResult {
    try {
      this.flush();
      fs.fsyncSync(this.fd);
    } catch (err) {
      this.abort();
      throw err;
    }
    fs.closeSync(this.fd);
    this.open = false;
    fs.renameSync(this.partial, this.target);
    return { rows: this.rows, bytes: this.bytes, replaced: this.replaced };
  }

  /** Stops and removes the partial file; the target is untouched. */
  abort(): void {
    if (!this.open) return;
    this.open = false;
    try {
      fs.closeSync(this.fd);
    } finally {
      fs.rmSync(this.partial, { force: true });
    }
  }
}
