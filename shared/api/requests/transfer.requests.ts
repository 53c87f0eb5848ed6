/** Import and export requests (issue 5): files chosen by the user, the import wizard, past imports. */
import { z } from 'zod';
import {
  EXPORT_DELIMITERS,
  EXPORT_ENCODINGS,
  IMPORT_DELIMITERS,
  IMPORT_ENCODINGS,
} from '../../domain/csv.ts';
import {
  IMPORT_KIND_LABELS,
  IMPORT_KINDS,
  IMPORT_MATCHES,
  isKindField,
  KIND_MATCHES,
  MATCH_LABELS,
  type ImportKind,
} from '../../domain/import-kinds.ts';
import {
  PRESET_IDS,
  type ExportResult,
  type FileRef,
  type ListColumnInfo,
  type PresetInfo,
  type ImportInspection,
  type ImportRecord,
  type ImportSummary,
} from '../../domain/transfer.ts';
import { id, isoDate, returns, type RequestDef } from '../kit.ts';
import { LIST_NAMES, ListExportInput } from './list-export.schema.ts';

const fileId = z.string().min(1, 'Choose a file first.').max(64);
const encoding = z.enum(IMPORT_ENCODINGS, 'Choose UTF-8, UTF-16 or Windows-1252.');
const delimiter = z.enum(IMPORT_DELIMITERS, 'Choose comma, semicolon, tab or pipe.');

const kind = z.enum(
  IMPORT_KINDS,
  'Choose what the file holds: people, companies, calls, products or orders.',
);

const csvPlan = z
  .strictObject({
    /** Left out: a CSV file. */
    format: z.literal('csv').optional(),
    /** Left out: people. */
    kind: kind.default('people'),
    fileId,
    encoding,
    delimiter,
    headerKey: z.string().min(1).max(100_000),
    bytes: z.number().int().min(0),
    /** A field of the kind per column (null: not imported); checked against the kind below. */
    mapping: z
      .array(z.string().max(40).nullable())
      .min(1, 'The file has no columns.')
      .max(1000, 'The file has over 1,000 columns.'),
    match: z.enum(IMPORT_MATCHES, 'Choose how rows find the records they update.'),
    blankOverwrites: z.boolean(),
  })
  .superRefine((plan, issues) => {
    const k: ImportKind = plan.kind;
    const seen = new Set<string>();
    plan.mapping.forEach((field, i) => {
      if (field === null) return;
      if (!isKindField(k, field)) {
        issues.addIssue({
          code: 'custom',
          path: ['mapping', i],
          message: `Choose a field of ${IMPORT_KIND_LABELS[k].many} from the list.`,
        });
      } else if (seen.has(field)) {
        issues.addIssue({
          code: 'custom',
          path: ['mapping', i],
          message: 'A field can come from one column only.',
        });
      }
      seen.add(field);
    });
    if (!KIND_MATCHES[k].includes(plan.match)) {
      const offered = KIND_MATCHES[k].map((m) => `“${MATCH_LABELS[k][m]}”`).join(', ');
      issues.addIssue({
        code: 'custom',
        path: ['match'],
        message: `${IMPORT_KIND_LABELS[k].title} are matched by one of ${offered}.`,
      });
    }
  });

/** A vCard file: each card is a person, so there is nothing to map. */
const vcardPlan = z.strictObject({
  format: z.literal('vcard'),
  fileId,
  bytes: z.number().int().min(0),
  match: z
    .enum(IMPORT_MATCHES, 'Choose how cards find the people they update.')
    .refine(
      (m) => KIND_MATCHES.people.includes(m),
      'Cards find people by email, phone or ID, or not at all.',
    ),
  /** Keep the cards' photos as the people's photos (left out: kept). */
  keepPhotos: z.boolean().default(true),
});

/** What import.preview and import.run take: a CSV file through its mapping, or a vCard file of people. */
export const ImportPlanSchema = z.discriminatedUnion('format', [csvPlan, vcardPlan]);

/** The CSV options of an export (remembered in settings.csv). */
export const CsvOptionsSchema = z.strictObject({
  delimiter: z.enum(EXPORT_DELIMITERS, 'Choose comma or semicolon.'),
  decimal: z.enum(['.', ','], 'Choose a point or a comma.'),
  dates: z.enum(['iso', 'locale'], 'Choose ISO dates or the local form.'),
  encoding: z.enum(EXPORT_ENCODINGS, 'Choose UTF-8 or Windows-1252.'),
  protectFormulas: z.boolean(),
});

export const transferRequests = {
  /**
   * The desktop app's Open dialog; null when the user cancels it. (The preview uploads instead.)
   * 'image': a picture for a person's photo (people.setPhoto).
   */
  'files.open': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ purpose: z.enum(['csv', 'vcard', 'archive', 'image']) }),
    output: returns<FileRef | null>(),
  },
  /**
   * A chosen CSV file's encoding, delimiter, headers, first rows, what it holds and the mapping to
   * start from (for `kind` when given; else as remembered or guessed from the headers).
   */
  'import.inspect': {
    kind: 'query',
    reads: [],
    input: z.strictObject({
      fileId,
      encoding: encoding.optional(),
      delimiter: delimiter.optional(),
      kind: kind.optional(),
    }),
    output: returns<ImportInspection>(),
  },
  /**
   * The import run and rolled back: what it would do, row by row problems included. A CSV file
   * goes through its mapping; a vCard file (2.1, 3.0 or 4.0) is read card by card.
   */
  'import.preview': {
    kind: 'query',
    reads: [],
    input: ImportPlanSchema,
    output: returns<ImportSummary>(),
  },
  /** The import, as one undoable batch (batches.undo with its batchId). */
  'import.run': {
    kind: 'mutation',
    reads: [],
    input: ImportPlanSchema,
    output: returns<ImportSummary>(),
  },
  /**
   * "Export everything" read back into this book, which must hold no records yet: the whole book
   * as it was exported, in one step (moving to another computer).
   */
  'import.archive': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ fileId }),
    output: returns<{ tables: { name: string; rows: number }[]; rows: number }>(),
  },
  /** Past imports, newest first, with what each did and whether it was undone. */
  'import.list': {
    kind: 'query',
    reads: ['batches', 'staff'],
    input: z.strictObject({ limit: z.number().int().min(1).max(200).default(50) }),
    output: returns<ImportRecord[]>(),
  },
  /** Forgets a chosen file (and removes an uploaded copy). */
  'files.release': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ fileId: id }),
    output: returns<{ released: true }>(),
  },

  /** Every row a list screen's filter and sort match, all or the chosen columns, as CSV. */
  'export.list': {
    kind: 'mutation',
    reads: [],
    input: ListExportInput,
    output: returns<ExportResult>(),
  },
  /** The columns a list export can write, custom fields included. */
  'export.columns': {
    kind: 'query',
    reads: ['custom_fields'],
    input: z.strictObject({ list: z.enum(LIST_NAMES) }),
    output: returns<ListColumnInfo[]>(),
  },
  /** The accountant's files and their documented columns. */
  'export.presets': {
    kind: 'query',
    reads: [],
    input: z.strictObject({}),
    output: returns<PresetInfo[]>(),
  },
  /** One accountant's file for a period (dates included at both ends). */
  'export.preset': {
    kind: 'mutation',
    reads: [],
    input: z
      .strictObject({
        preset: z.enum(PRESET_IDS, 'Choose a file from the list.'),
        from: isoDate,
        to: isoDate,
      })
      .refine((v) => v.from <= v.to, {
        message: 'The period must end on or after its first day.',
        path: ['to'],
      }),
    output: returns<ExportResult>(),
  },
  /** Every table as CSV in one zip with a manifest: a complete copy the import can read back. */
  'export.everything': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({}),
    output: returns<ExportResult>(),
  },
  /** vCards of one person or a selection. */
  'export.vcard': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({
      ids: z
        .array(id)
        .min(1, 'Choose at least one person.')
        .max(100_000, 'Export at most 100,000 people at a time.'),
      version: z.enum(['3.0', '4.0'], 'Choose vCard 3.0 or 4.0.'),
    }),
    output: returns<ExportResult>(),
  },
  /**
   * Everything the book holds about one person (their request to see it): a zip with person.json
   * and a CSV per table, every table that points at them.
   */
  'export.person': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ personId: id }),
    output: returns<ExportResult>(),
  },
} as const satisfies Record<string, RequestDef>;
