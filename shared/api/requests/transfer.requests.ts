/** Import and export requests (issue 5): files chosen by the user, the import wizard, past imports. */
import { z } from 'zod';
import { IMPORT_DELIMITERS, IMPORT_ENCODINGS } from '../../domain/csv.ts';
import { PERSON_FIELDS } from '../../domain/import-mapping.ts';
import {
  IMPORT_MATCHES,
  type FileRef,
  type ImportInspection,
  type ImportRecord,
  type ImportSummary,
} from '../../domain/transfer.ts';
import { id, returns, type RequestDef } from '../kit.ts';

const fileId = z.string().min(1, 'Choose a file first.').max(64);
const encoding = z.enum(IMPORT_ENCODINGS, 'Choose UTF-8, UTF-16 or Windows-1252.');
const delimiter = z.enum(IMPORT_DELIMITERS, 'Choose comma, semicolon, tab or pipe.');

export const PeopleImportPlanSchema = z.strictObject({
  fileId,
  encoding,
  delimiter,
  headerKey: z.string().min(1).max(100_000),
  bytes: z.number().int().min(0),
  mapping: z
    .array(z.enum(PERSON_FIELDS, 'Choose a field from the list.').nullable())
    .min(1, 'The file has no columns.')
    .max(1000, 'The file has over 1,000 columns.'),
  match: z.enum(IMPORT_MATCHES, 'Choose how rows find the people they update.'),
  blankOverwrites: z.boolean(),
});

export const transferRequests = {
  /** The desktop app's Open dialog; null when the user cancels it. (The preview uploads instead.) */
  'files.open': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ purpose: z.enum(['csv', 'vcard', 'archive']) }),
    output: returns<FileRef | null>(),
  },
  /** A chosen file's encoding, delimiter, headers, first rows and the mapping to start from. */
  'import.inspect': {
    kind: 'query',
    reads: [],
    input: z.strictObject({ fileId, encoding: encoding.optional(), delimiter: delimiter.optional() }),
    output: returns<ImportInspection>(),
  },
  /** The import run and rolled back: what it would do, row by row problems included. */
  'import.preview': {
    kind: 'query',
    reads: [],
    input: PeopleImportPlanSchema,
    output: returns<ImportSummary>(),
  },
  /** The import, as one undoable batch (batches.undo with its batchId). */
  'import.run': {
    kind: 'mutation',
    reads: [],
    input: PeopleImportPlanSchema,
    output: returns<ImportSummary>(),
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
} as const satisfies Record<string, RequestDef>;
