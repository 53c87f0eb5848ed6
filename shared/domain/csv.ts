/**
 * CSV files the accountant opens in Excel or LibreOffice, and the files people bring to import.
 *
 * Export options (remembered per book, see README "CSV files"):
 *  - delimiter: comma or semicolon. The default follows the locale: where the decimal separator
 *    is a comma (de-DE, fr-FR...), Excel expects semicolons.
 *  - decimal: the separator written in numbers and amounts, from the locale by default.
 *  - dates: ISO (2026-11-22) or the locale's numeric form (22/11/2026 in en-GB).
 *  - encoding: UTF-8 with a byte order mark (the default: Excel then reads it as UTF-8), or
 *    Windows-1252 for old software (characters it lacks are written as "?", and counted).
 *  - formula protection (on by default): a text cell starting with = + - @ tab or CR is written
 *    with a leading apostrophe, as OWASP recommends against CSV injection (and one starting with
 *    an apostrophe gets a second, so the import can undo it exactly). Numbers are never altered.
 * Every file ends its lines with CRLF and quotes fields as RFC 4180 says.
 */

export const EXPORT_DELIMITERS = [',', ';'] as const;
export type ExportDelimiter = (typeof EXPORT_DELIMITERS)[number];
/** What an import recognises (tab and pipe too). */
export const IMPORT_DELIMITERS = [',', ';', '\t', '|'] as const;
export type ImportDelimiter = (typeof IMPORT_DELIMITERS)[number];

export const EXPORT_ENCODINGS = ['utf-8-bom', 'windows-1252'] as const;
export type ExportEncoding = (typeof EXPORT_ENCODINGS)[number];
/** What an import reads (detected from the file, or chosen). */
export const IMPORT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

export interface CsvExportOptions {
  delimiter: ExportDelimiter;
  decimal: '.' | ',';
  dates: 'iso' | 'locale';
  encoding: ExportEncoding;
  protectFormulas: boolean;
}

/** The locale's decimal separator ("." for en-GB, "," for de-DE). */
export function decimalOf(locale: string): '.' | ',' {
  try {
    const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal');
    return part?.value === ',' ? ',' : '.';
  } catch {
    return '.';
  }
}

/** The options a book starts with, from its locale. */
export function csvDefaults(locale: string): CsvExportOptions {
  const decimal = decimalOf(locale);
  return {
    delimiter: decimal === ',' ? ';' : ',',
    decimal,
    dates: 'iso',
    encoding: 'utf-8-bom',
    protectFormulas: true,
  };
}

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection), and the
 * apostrophe itself: a text that already starts with one gets another, so the protection can be
 * taken off again exactly (unprotectFormula) when Ledgerline reads its own export back.
 */
const PROTECTED_START = /^[=+\-@\t\r']/u;

/** A text cell as it is written with formula protection on: a leading apostrophe where needed. */
export function protectFormula(text: string): string {
  return PROTECTED_START.test(text) ? `'${text}` : text;
}

/** The inverse of protectFormula, for a file Ledgerline wrote with protection on. */
export function unprotectFormula(text: string): string {
  return text.startsWith("'") && PROTECTED_START.test(text.slice(1)) ? text.slice(1) : text;
}

/** One field, quoted as RFC 4180 says when it holds the delimiter, a quote, CR or LF. */
export function quoteField(text: string, delimiter: string): string {
  if (text.includes('"') || text.includes(delimiter) || text.includes('\n') || text.includes('\r')) {
    return `"${text.replaceAll('"', '""')}"`;
  }
  return text;
}

/** Minor units (pence) as a decimal amount with `digits` decimals: 123456 → "1234.56". */
export function formatMinor(minor: number, digits: number, decimal: '.' | ','): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`Not an amount in minor units: ${minor}`);
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  if (digits === 0) return `${sign}${abs}`;
  return `${sign}${abs.slice(0, -digits)}${decimal}${abs.slice(-digits)}`;
}

/** A calendar date (YYYY-MM-DD) as ISO or in the locale's numeric form (22/11/2026, 11/22/2026...). */
export function formatCsvDate(iso: string, dates: 'iso' | 'locale', locale: string): string {
  if (dates === 'iso') return iso;
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** An instant (ms) as local date and time: "2026-11-22 14:05" or the locale's "22/11/2026 14:05". */
export function formatCsvDateTime(ms: number, dates: 'iso' | 'locale', locale: string): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${formatCsvDate(day, dates, locale)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
