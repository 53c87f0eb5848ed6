/**
 * files.open / files.release and the import wizard's requests: import.inspect (encoding,
 * delimiter, headers, sample and the mapping to start from), import.preview (the import run and
 * rolled back), import.run (the import, one undoable batch) and import.list (past imports).
 * The import jobs of import.run and import.archive take a snapshot first (jobs.registry.ts and
 * backups/before-change.ts); the preview's does not.
 */
import { AppError } from '../../../shared/api/errors.ts';
import type { ParsedInput } from '../../../shared/api/requests.ts';
import { headerKey } from '../../../shared/domain/import-mapping.ts';
import {
  guessFields,
  guessKind,
  IMPORT_KINDS,
  isKindField,
  type ImportField,
  type ImportKind,
} from '../../../shared/domain/import-kinds.ts';
import type {
  CsvImportPlan,
  ImportCounts,
  ImportInspection,
  ImportRecord,
} from '../../../shared/domain/transfer.ts';
import type { Ctx } from '../context.ts';
import { sniffCsv } from '../csv/csv.reader.ts';
import type { HandlerMap } from '../handler.ts';
import { prepared } from '../people/prepared.ts';

const SAMPLE_ROWS = 20;

const DIALOG_FILTERS = {
  csv: [
    { name: 'CSV, text and vCard files', extensions: ['csv', 'txt', 'tsv', 'tab', 'vcf', 'vcard'] },
    { name: 'All files', extensions: ['*'] },
  ],
  vcard: [{ name: 'vCard files', extensions: ['vcf', 'vcard'] }],
  archive: [{ name: 'Ledgerline export', extensions: ['zip'] }],
  image: [
    { name: 'Pictures', extensions: ['jpg', 'jpeg', 'png', 'gif', 'webp'] },
    { name: 'All files', extensions: ['*'] },
  ],
};

const DIALOG_TITLES = {
  csv: 'Choose a file to import',
  vcard: 'Choose a file to import',
  archive: 'Choose a Ledgerline export',
  image: 'Choose a photo',
};

/** The mapping remembered for these headers (with the kind it was for), when it still fits them. */
function rememberedMapping(
  ctx: Ctx,
  key: string,
  width: number,
): { kind: ImportKind; mapping: (ImportField | null)[] } | null {
  const row = prepared(ctx, `SELECT kind, mapping FROM import_mappings WHERE header_key = ?`).get(key) as
    { kind: string; mapping: string } | undefined;
  if (!row || !(IMPORT_KINDS as readonly string[]).includes(row.kind)) return null;
  const kind = row.kind as ImportKind;
  try {
    const mapping = JSON.parse(row.mapping) as unknown;
    if (
      Array.isArray(mapping) &&
      mapping.length === width &&
      mapping.every((f) => f === null || isKindField(kind, f))
    ) {
      return { kind, mapping: mapping as (ImportField | null)[] };
    }
  } catch {
    // A mapping that does not read is guessed again.
  }
  return null;
}

function inspect(ctx: Ctx, input: ParsedInput<'import.inspect'>): ImportInspection {
  const file = ctx.files.ref(input.fileId);
  const sniff = sniffCsv(ctx.files.path(input.fileId), {
    ...(input.encoding ? { encoding: input.encoding } : {}),
    ...(input.delimiter ? { delimiter: input.delimiter } : {}),
  });
  const [headers = [], ...rest] = sniff.records;
  if (headers.length === 0 || headers.every((h) => h.trim() === '')) {
    throw new AppError('VALIDATION', 'The first line of the file should name its columns, and it is empty.', {
      path: 'file',
    });
  }
  const key = headerKey(headers);
  const remembered = rememberedMapping(ctx, key, headers.length);
  const kind = input.kind ?? remembered?.kind ?? guessKind(headers);
  const useRemembered = remembered !== null && remembered.kind === kind;
  return {
    file,
    encoding: sniff.encoding,
    bom: sniff.bom,
    delimiter: sniff.delimiter,
    headers,
    headerKey: key,
    sample: rest.slice(0, SAMPLE_ROWS),
    kind,
    mapping: useRemembered ? remembered.mapping : guessFields(kind, headers),
    remembered: useRemembered,
  };
}

function importJob(ctx: Ctx, plan: ParsedInput<'import.run'>, dryRun: boolean) {
  const file = ctx.files.ref(plan.fileId);
  const path = ctx.files.path(plan.fileId);
  if (plan.format === 'vcard') {
    return ctx.jobs.run('import.file', {
      path,
      fileName: file.name,
      kind: 'people',
      source: { format: 'vcard', keepPhotos: plan.keepPhotos },
      match: plan.match,
      blankOverwrites: false,
      dryRun,
    });
  }
  return ctx.jobs.run('import.file', {
    path,
    fileName: file.name,
    kind: plan.kind,
    source: { format: 'csv', plan: plan as CsvImportPlan },
    match: plan.match,
    blankOverwrites: plan.blankOverwrites,
    dryRun,
  });
}

function listImports(ctx: Ctx, input: ParsedInput<'import.list'>): ImportRecord[] {
  const rows = prepared(
    ctx,
    `SELECT b.id, b.created_at, b.undone_at, b.detail, s.name AS by_name
       FROM batches b LEFT JOIN staff s ON s.id = b.created_by
      WHERE b.kind = 'import' ORDER BY b.created_at DESC, b.id DESC LIMIT ?`,
  ).all(input.limit) as {
    id: string;
    created_at: number;
    undone_at: number | null;
    detail: string | null;
    by_name: string | null;
  }[];
  return rows.map((r) => {
    const detail = (r.detail ? JSON.parse(r.detail) : {}) as Partial<ImportCounts> & {
      fileName?: string;
      kind?: ImportKind;
    };
    return {
      batchId: r.id,
      fileName: detail.fileName ?? 'a file',
      kind: detail.kind ?? 'people',
      at: r.created_at,
      byName: r.by_name,
      undoneAt: r.undone_at,
      rows: detail.rows ?? 0,
      created: detail.created ?? 0,
      updated: detail.updated ?? 0,
      unchanged: detail.unchanged ?? 0,
      skipped: detail.skipped ?? 0,
      failed: detail.failed ?? 0,
      companiesCreated: detail.companiesCreated ?? 0,
      categoriesCreated: detail.categoriesCreated ?? 0,
    };
  });
}

export const importHandlers = {
  'files.open': async (input, ctx) => {
    const dialogs = ctx.deps.dialogs;
    if (!dialogs) {
      throw new AppError('VALIDATION', 'There is no file dialog here: upload the file instead.', {
        path: 'purpose',
      });
    }
    const file = await dialogs.open({
      title: DIALOG_TITLES[input.purpose],
      filters: DIALOG_FILTERS[input.purpose],
    });
    return file ? ctx.files.register(file) : null;
  },
  'files.release': (input, ctx) => {
    ctx.files.release(input.fileId);
    return { released: true as const };
  },
  'import.inspect': (input, ctx) => inspect(ctx, input),
  'import.preview': (input, ctx) => importJob(ctx, input, true),
  'import.run': (input, ctx) => importJob(ctx, input, false),
  'import.list': (input, ctx) => listImports(ctx, input),
  'import.archive': (input, ctx) => ctx.jobs.run('import.archive', { path: ctx.files.path(input.fileId) }),
} satisfies HandlerMap<
  | 'files.open'
  | 'files.release'
  | 'import.inspect'
  | 'import.preview'
  | 'import.run'
  | 'import.list'
  | 'import.archive'
>;
