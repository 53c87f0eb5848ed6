/**
 * Reads the CSV files people bring: whatever program wrote them, in whatever encoding.
 *
 *  - sniffCsv() looks at the start of a file: its encoding (a byte order mark; UTF-16 without one
 *    from where its zero bytes fall; valid UTF-8; otherwise Windows-1252, what Excel on Windows
 *    writes), whether it is text at all, its delimiter (comma, semicolon, tab or pipe: the one that
 *    splits the first records into the most columns, most consistently) and its first records.
 *  - readCsv() streams every record with the line it starts on, decoding with iconv-lite and
 *    parsing with csv-parse (RFC 4180: quoted fields may hold delimiters, quotes and line breaks),
 *    so memory stays flat however long the file is. Records may be ragged; the caller decides.
 * A file that cannot be read gets an AppError naming the line and what is wrong, before anything
 * is written anywhere.
 */
import fs from 'node:fs';
import { Parser } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { AppError } from '../../../shared/api/errors.ts';
import { IMPORT_DELIMITERS, type ImportDelimiter, type ImportEncoding } from '../../../shared/domain/csv.ts';

/** Files this big or bigger are refused: split them. */
export const MAX_CSV_BYTES = 2 * 1024 ** 3;
/** A single record longer than this is not a CSV record (a binary file, or a quote never closed). */
export const MAX_RECORD_CHARS = 1 << 20;
const SNIFF_BYTES = 64 * 1024;
const SNIFF_RECORDS = 50;
const LINE_BREAK = /\r\n|\r|\n/gu;

export interface CsvSniff {
  encoding: ImportEncoding;
  /** The file starts with a byte order mark. */
  bom: boolean;
  delimiter: ImportDelimiter;
  /** The first records (header included), as parsed with that delimiter. */
  records: string[][];
  bytes: number;
}

export interface CsvReadOptions {
  encoding: ImportEncoding;
  delimiter: ImportDelimiter;
}

const ICONV_NAME: Record<ImportEncoding, string> = {
  'utf-8': 'utf8',
  'utf-16le': 'utf16le',
  'utf-16be': 'utf16be',
  'windows-1252': 'win1252',
};

function fileError(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('VALIDATION', message, { path: 'file', ...details });
}

/** The encoding of a file's first bytes. Throws when they are not text. */
export function detectEncoding(head: Buffer, complete: boolean): { encoding: ImportEncoding; bom: boolean } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  // UTF-16 without a mark: text in Latin script has a zero in every other byte.
  const pairs = Math.floor(Math.min(head.length, 4096) / 2);
  if (pairs >= 2) {
    let evenZero = 0;
    let oddZero = 0;
    for (let i = 0; i < pairs; i++) {
      if (head[2 * i] === 0) evenZero++;
      if (head[2 * i + 1] === 0) oddZero++;
    }
    if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return { encoding: 'utf-16le', bom: false };
    if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return { encoding: 'utf-16be', bom: false };
  }
  if (isBinary(head)) {
    throw fileError(
      'This is not a text file: it holds bytes no CSV file has (it may be a spreadsheet, a picture or a zip). In Excel or LibreOffice, save it as “CSV” first.',
    );
  }
  // Valid UTF-8 (a character cut at the end of the sample does not count against it).
  const cut = complete ? head : trimPartialUtf8(head);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(cut);
    return { encoding: 'utf-8', bom: false };
  } catch {
    return { encoding: 'windows-1252', bom: false };
  }
}

/** Zero bytes, or many control characters other than tab, CR, LF, FF and escape. */
function isBinary(head: Buffer): boolean {
  const n = Math.min(head.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 27) control++;
  }
  return n > 0 && control / n > 0.02;
}

function trimPartialUtf8(buffer: Buffer): Buffer {
  let end = buffer.length;
  // Step back over continuation bytes to the start of the last character, then drop it if cut.
  let i = end - 1;
  while (i >= 0 && i > end - 4 && (buffer[i]! & 0xc0) === 0x80) i--;
  if (i < 0) return buffer;
  const lead = buffer[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  if (end - i < need) end = i;
  return buffer.subarray(0, end);
}

/** Parses the first records of a sample with a delimiter, tolerating a cut last record. */
function sampleRecords(text: string, delimiter: string): string[][] {
  const parseSample = (sample: string) =>
    parseSync(sample, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      to_line: SNIFF_RECORDS + 1,
    }) as string[][];
  try {
    return parseSample(text);
  } catch {
    // A quoted field still open at the end of the sample: parse up to its last complete line.
    const lastBreak = text.lastIndexOf('\n');
    if (lastBreak <= 0) return [];
    try {
      return parseSample(text.slice(0, lastBreak));
    } catch {
      return [];
    }
  }
}

/** The delimiter that splits the records into the most columns, most consistently. */
export function detectDelimiter(text: string): { delimiter: ImportDelimiter; records: string[][] } {
  let best: { delimiter: ImportDelimiter; records: string[][]; score: number } | null = null;
  for (const delimiter of IMPORT_DELIMITERS) {
    const records = sampleRecords(text, delimiter);
    if (records.length === 0) continue;
    // The most common width among the records, and how many records have it.
    const widths = new Map<number, number>();
    for (const r of records) widths.set(r.length, (widths.get(r.length) ?? 0) + 1);
    let width = 1;
    let agree = 0;
    for (const [w, n] of widths) if (n > agree || (n === agree && w > width)) [width, agree] = [w, n];
    const score = width > 1 ? (agree / records.length) * Math.log2(width + 1) : 0;
    if (!best || score > best.score) best = { delimiter, records, score };
  }
  return best && best.score > 0
    ? { delimiter: best.delimiter, records: best.records }
    : { delimiter: ',', records: sampleRecords(text, ',') };
}

/**
 * Looks at the start of a file: its encoding, delimiter and first records. The user may have
 * chosen the encoding or the delimiter instead (the wizard's "Read as"): those are used as given.
 */
export function sniffCsv(file: string, chosen: Partial<CsvReadOptions> = {}): CsvSniff {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw fileError('That file cannot be found or opened.');
  }
  if (!stat.isFile()) throw fileError('That is a folder, not a file.');
  if (stat.size === 0) throw fileError('The file is empty: there is nothing to import.');
  if (stat.size >= MAX_CSV_BYTES) {
    throw fileError(
      `The file is ${(stat.size / 1024 ** 3).toFixed(1)} GB; an import reads files under 2 GB. Split it into smaller files and import each.`,
      { bytes: stat.size },
    );
  }
  const fd = fs.openSync(file, 'r');
  let head: Buffer;
  try {
    head = Buffer.alloc(Math.min(SNIFF_BYTES, stat.size));
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  const detected = detectEncoding(head, head.length === stat.size);
  const encoding = chosen.encoding ?? detected.encoding;
  const bom = detected.bom;
  let text = iconv.decode(head, ICONV_NAME[encoding]);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw fileError('The file holds only blank lines: there is nothing to import.');
  const { delimiter, records } = chosen.delimiter
    ? { delimiter: chosen.delimiter, records: sampleRecords(text, chosen.delimiter) }
    : detectDelimiter(text);
  return { encoding, bom, delimiter, records, bytes: stat.size };
}

export interface CsvRecord {
  /** The fields, as written (no trimming). */
  fields: string[];
  /** The line of the file the record starts on (1 = the first line). */
  line: number;
}

/** Explains a csv-parse error in words, with its line. */
function readError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { code?: string; lines?: number; message?: string };
  const line = e.lines ?? 0;
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return fileError(
        `A quoted field is never closed: the "${'"'}" opened on or before line ${line} has no closing quote, so the rest of the file would be one field. Check that line in a text editor.`,
        { line, reason: 'quote-not-closed' },
      );
    case 'CSV_MAX_RECORD_SIZE':
      return fileError(
        `Line ${line} holds a record over a million characters long: this is not a CSV file, or a quote in it is never closed.`,
        { line, reason: 'record-too-long' },
      );
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_QUOTE_NOT_CLOSED_IN_FIELD':
      return fileError(
        `Line ${line}: a quote in the middle of a field. A field with quotes in it must be quoted itself, with each quote doubled ("").`,
        { line, reason: 'stray-quote' },
      );
    default:
      return fileError(`The file cannot be read as CSV (line ${line}): ${e.message ?? String(err)}`, {
        line,
        reason: 'unreadable',
      });
  }
}

/**
 * Checks that bytes are UTF-8 (RFC 3629: shortest forms, no surrogates, nothing above U+10FFFF)
 * and counts lines, so a file that is not UTF-8 after all is refused at the line where it stops
 * being UTF-8 instead of being read with U+FFFD in its fields. Fed chunk by chunk.
 */
export class Utf8Check {
  private need = 0;
  private low = 0x80;
  private high = 0xbf;
  private line = 1;

  /** Throws the 'bad-encoding' error at the first byte that breaks UTF-8. */
  check(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (this.need > 0) {
        if (b < this.low || b > this.high) throw this.bad();
        this.need--;
        this.low = 0x80;
        this.high = 0xbf;
        continue;
      }
      if (b === 0x0a) this.line++;
      if (b < 0x80) continue;
      if (b >= 0xc2 && b <= 0xdf) this.need = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        this.need = 2;
        if (b === 0xe0) this.low = 0xa0;
        if (b === 0xed) this.high = 0x9f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        this.need = 3;
        if (b === 0xf0) this.low = 0x90;
        if (b === 0xf4) this.high = 0x8f;
      } else throw this.bad();
    }
  }

  /** At the end of the file: a character cut short is bad too. */
  end(): void {
    if (this.need > 0) throw this.bad();
  }

  private bad(): AppError {
    return fileError(
      `Line ${this.line} holds bytes that are not UTF-8, though the file reads as UTF-8 before it. Choose the file’s encoding (Windows-1252 is the usual other one) and try again.`,
      { line: this.line, reason: 'bad-encoding' },
    );
  }
}

/**
 * csv-parse's own parsing engine (the one its stream and sync APIs wrap), to be driven chunk by
 * chunk on the calling thread: parse(chunk, false, push) for each chunk, parse(undefined, true,
 * push) at the end; each returns the error that stopped it. readCsv and the export read-back
 * (import.archive.ts) both use it, so this is the one place that reaches into csv-parse.
 */
export function csvEngine<R>(options: ConstructorParameters<typeof Parser>[0]): {
  parse(
    buf: Buffer | undefined,
    end: boolean,
    push: (record: R) => void,
    close: () => void,
  ): Error | undefined;
} {
  return (new Parser(options) as unknown as { api: ReturnType<typeof csvEngine<R>> }).api;
}

const READ_CHUNK = 256 * 1024;

/**
 * Streams a file's records, synchronously: an import runs inside one write transaction, which
 * cannot wait for a promise, so the file is read with readSync a chunk at a time and each chunk is
 * handed to csv-parse's own parsing engine (the one its stream and sync APIs wrap). Memory holds
 * one chunk and the records it completes, however large the file. `onProgress` hears how many
 * bytes have been read; a caller stops by leaving the loop (a job's step throws CANCELLED).
 */
export function* readCsv(
  file: string,
  options: CsvReadOptions,
  control: { onProgress?: (bytes: number) => void } = {},
): Generator<CsvRecord> {
  const engine = csvEngine<{ record: string[]; info: { lines: number } }>({
    delimiter: options.delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
    info: true,
    bom: true,
    // A quote inside an unquoted field (37°36'37.8"N) is kept as written, as spreadsheets do.
    relax_quotes: true,
  });
  const utf8 = options.encoding === 'utf-8';
  const check = utf8 ? new Utf8Check() : null;
  const decoder = utf8 ? null : iconv.getDecoder(ICONV_NAME[options.encoding], { stripBOM: true });
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    throw fileError('That file cannot be found or opened.');
  }
  const chunk = Buffer.alloc(READ_CHUNK);
  const ready: CsvRecord[] = [];
  /** CRLFs met inside quoted fields so far: csv-parse counts each as two lines. */
  let doubled = 0;
  const push = (row: { record: string[]; info: { lines: number } }) => {
    // info.lines is the line the record ends on; quoted line breaks inside it move its start up.
    let breaks = 0;
    for (const field of row.record) {
      if (!/[\r\n]/u.test(field)) continue;
      breaks += field.match(LINE_BREAK)!.length;
      doubled += field.split('\r\n').length - 1;
    }
    ready.push({ fields: row.record, line: row.info.lines - doubled - breaks });
  };
  const feed = (buf: Buffer | undefined, end: boolean) => {
    const err = engine.parse(buf, end, push, () => {});
    if (err) throw readError(err);
  };
  let read = 0;
  try {
    for (;;) {
      let n: number;
      try {
        n = fs.readSync(fd, chunk, 0, READ_CHUNK, null);
      } catch {
        throw fileError('The file could not be read to the end: it may have been moved or changed.');
      }
      if (n === 0) break;
      read += n;
      const bytes = chunk.subarray(0, n);
      if (check) {
        check.check(bytes);
        // The engine keeps what it has not parsed yet, so it gets a copy of the shared buffer.
        feed(Buffer.from(bytes), false);
      } else {
        feed(Buffer.from(decoder!.write(bytes), 'utf8'), false);
      }
      control.onProgress?.(read);
      yield* ready;
      ready.length = 0;
    }
    check?.end();
    const rest = decoder?.end();
    if (rest) feed(Buffer.from(rest, 'utf8'), false);
    feed(undefined, true);
    yield* ready;
  } finally {
    fs.closeSync(fd);
  }
}
