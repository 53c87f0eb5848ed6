/**
 * The audit trail (issue 6): every create, change, delete, restore, merge, import, export and
 * erasure, with who did it and when, kept for as long as the user chooses. Listed newest first in
 * keyset pages, filtered by record, staff profile, action, kind of record, dates and words; one
 * record's history; the same list as a CSV file; and how long the trail is kept.
 */
import { z } from 'zod';
import {
  AUDIT_ACTIONS,
  AUDIT_TABLES,
  KEEP_FOR,
  type AuditAction,
  type AuditTable,
  type KeepFor,
} from '../../domain/audit.ts';
import type { ExportResult } from '../../domain/transfer.ts';
import { cursor, epochMs, id, limit, returns, TABLES } from '../kit.ts';

const table = z.enum(AUDIT_TABLES, 'Choose a kind of record from the list.');

export const AuditFilterSchema = z
  .strictObject({
    /** One record's history: the record itself, and the calls, tasks, notes, orders, deals and cases it owns. */
    record: z.strictObject({ table, id }).optional(),
    staffId: id.optional(),
    action: z.enum(AUDIT_ACTIONS, 'Choose an action from the list.').optional(),
    /** A kind of record. */
    table: table.optional(),
    /** From this instant (inclusive)... */
    from: epochMs.optional(),
    /** ...to this one (exclusive). */
    to: epochMs.optional(),
    /** Words in the record's name, the summary or the values. */
    text: z
      .string()
      .trim()
      .max(200, 'Keep the search under 200 characters.')
      .transform((s) => (s === '' ? undefined : s))
      .optional(),
  })
  .refine((f) => f.from === undefined || f.to === undefined || f.to > f.from, {
    message: 'The end of the date range must come after its start.',
    path: ['to'],
  });
export type AuditFilter = z.input<typeof AuditFilterSchema>;
/** A filter as the backend receives it (trimmed; empty words left out). */
export type ParsedAuditFilter = z.output<typeof AuditFilterSchema>;

/** One field of a single edit: its name as the form says it, and how it read before and after. */
export interface AuditFieldChange {
  field: string;
  label: string;
  /** Null: empty (or, once erased, not kept). */
  before: string | null;
  after: string | null;
}

/** What a bulk change did, per kind of record. */
export interface AuditCount {
  table: AuditTable;
  created: number;
  changed: number;
  deleted: number;
}

export interface AuditEvent {
  id: number;
  at: number;
  staffId: string | null;
  /** The profile's name now (null: no profile, as before set-up). */
  staffName: string | null;
  action: AuditAction;
  /** The record it is about (null for a book-wide event: an export, an import, a bulk change). */
  table: AuditTable | null;
  recordId: string | null;
  /** The record's name when the event happened. */
  label: string | null;
  /** What a bulk change, an export or an import did, in words. */
  summary: string | null;
  /** How many records it touched (bulk changes, exports). */
  count: number | null;
  changes: AuditFieldChange[];
  counts: AuditCount[];
  /** The undoable batch it belongs to. */
  batchId: string | null;
  /** The values were removed when the record was erased; the event itself is kept. */
  forgotten: boolean;
}

export interface AuditPage {
  rows: AuditEvent[];
  nextCursor: string | null;
}

export interface AuditSettings {
  keepFor: KeepFor;
  /** When the oldest event kept was recorded (null: none yet). */
  oldestAt: number | null;
}

const page = { cursor, limit: limit(500, 100) };

export const auditRequests = {
  /** The trail, newest first, in keyset pages. */
  'audit.list': {
    kind: 'query',
    reads: TABLES,
    input: z.strictObject({ filter: AuditFilterSchema.optional(), ...page }),
    output: returns<AuditPage>(),
  },
  /** One record's history (a person's page: "History…"), newest first. */
  'audit.record': {
    kind: 'query',
    reads: TABLES,
    input: z.strictObject({ table, id, ...page }),
    output: returns<AuditPage>(),
  },
  /** The trail as the filter shows it, as a CSV file (the CSV options of the other exports). */
  'audit.export': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ filter: AuditFilterSchema.optional() }),
    output: returns<ExportResult>(),
  },
  'audit.settings': {
    kind: 'query',
    reads: ['settings', 'audit'],
    input: z.strictObject({}),
    output: returns<AuditSettings>(),
  },
  /** How long the trail is kept; a shorter time removes the older events in the background. */
  'audit.updateSettings': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({
      keepFor: z.enum(KEEP_FOR, 'Choose how long to keep the audit trail from the list.'),
    }),
    output: returns<AuditSettings>(),
  },
} as const;
