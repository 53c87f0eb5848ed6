/**
 * Import and export, as the renderer and the backend both see them (issue 5). See
 * electron/backend/import/import.people.ts for how an import runs and README "Import and export".
 */
import type { ImportDelimiter, ImportEncoding } from './csv.ts';
import type { ImportField, ImportKind, ImportMatch } from './import-kinds.ts';

/** A file the user chose (desktop Open dialog) or uploaded (preview): the renderer knows only its id. */
export interface FileRef {
  fileId: string;
  name: string;
  bytes: number;
}

/** What import.inspect tells about a file before anything is mapped. */
export interface ImportInspection {
  file: FileRef;
  encoding: ImportEncoding;
  /** True when the file starts with a byte order mark. */
  bom: boolean;
  delimiter: ImportDelimiter;
  headers: string[];
  /** headerKey(headers): what a remembered mapping is filed under. */
  headerKey: string;
  /** The first records after the header, as written. */
  sample: string[][];
  /** What the file holds: as asked, else as remembered for these headers, else guessed from them. */
  kind: ImportKind;
  /** A field of that kind per column: the one remembered for these headers, else the guess. */
  mapping: (ImportField | null)[];
  /** True when `mapping` is the one the user chose last time for these headers. */
  remembered: boolean;
}

/** Everything a CSV import needs: the file, how to read it, what it holds, the mapping and the matching. */
export interface CsvImportPlan {
  /** Left out: a CSV file. */
  format?: 'csv';
  /** Left out: people. */
  kind?: ImportKind;
  fileId: string;
  encoding: ImportEncoding;
  delimiter: ImportDelimiter;
  headerKey: string;
  /** The file's size, for the progress bar. */
  bytes: number;
  mapping: (ImportField | null)[];
  /** One of KIND_MATCHES[kind]. */
  match: ImportMatch;
  /** A blank cell clears the field of a matched record (never a name, stage or yes/no). */
  blankOverwrites: boolean;
}

/** A vCard file's import: each card is a person, matched like a CSV row. */
export interface VCardImportPlan {
  format: 'vcard';
  fileId: string;
  bytes: number;
  match: ImportMatch;
  /** Keep the cards' photos as the people's photos (left out: kept); false skips them. */
  keepPhotos?: boolean;
}

export type ImportPlan = CsvImportPlan | VCardImportPlan;

export interface ImportProblem {
  /** The file line the record starts on. */
  line: number;
  /** The header of the column at fault; '' for the row as a whole. */
  column: string;
  value: string;
  reason: string;
}

/** At most this many problems travel back; problemCount says how many there were. */
export const MAX_REPORTED_PROBLEMS = 500;

export interface ImportCounts {
  /** Records read after the header. */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Blank rows, and rows matching more than one record. */
  skipped: number;
  /** Rows with a problem, left out whole. */
  failed: number;
  /** Companies made for the names the rows gave (people, companies' own rows aside, and orders). */
  companiesCreated: number;
  /** Product categories made for the names the rows gave. */
  categoriesCreated: number;
}

export interface ImportSummary extends ImportCounts {
  kind: ImportKind;
  fileName: string;
  problems: ImportProblem[];
  problemCount: number;
  /** The batch "Undo import" undoes; null for a dry run, or an import that changed nothing. */
  batchId: string | null;
  dryRun: boolean;
}

/** A past import, for the list of imports with their Undo. */
export interface ImportRecord extends ImportCounts {
  batchId: string;
  fileName: string;
  kind: ImportKind;
  at: number;
  byName: string | null;
  undoneAt: number | null;
}

/** The accountant's files (electron/backend/export/presets.ts; their columns are in README). */
export const PRESET_IDS = ['sales-lines', 'sales-orders', 'payments', 'customers'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

/** A preset as the Export screen lists it. */
export interface PresetInfo {
  id: PresetId;
  title: string;
  description: string;
  /** True when it covers a period (from, to); the customer list does not. */
  period: boolean;
  columns: { header: string; doc: string }[];
}

/** A column a list export can write. */
export interface ListColumnInfo {
  key: string;
  header: string;
  /** Shown on the list screen as it opens: the columns ticked at first. */
  default: boolean;
}

/** Where an export went: the desktop's chosen path, or a file for the preview page to download. */
export interface ExportResult {
  /** False when the user cancelled the Save dialog: nothing was written. */
  saved: boolean;
  name: string;
  rows: number;
  bytes: number;
  /** Characters Windows-1252 could not hold, written as "?". */
  replaced: number;
  path: string | null;
  download: FileRef | null;
}
