/**
 * Snapshots and restore (issue 6): copies of the whole book taken with SQLite's online backup API,
 * listed with their date, size and record counts, compared with the book as it is now, and
 * restored in one step (after a snapshot of the book as it is, so a restore can be undone).
 *
 * A snapshot is named by its file name inside the snapshots folder (never a path: a name with a
 * folder in it is refused), so a request cannot reach a file outside that folder.
 */
import { z } from 'zod';
import { returns } from '../kit.ts';

/** Why a snapshot was taken. 'before-update' is the copy openBook takes before a migration. */
export const SNAPSHOT_REASONS = [
  'daily',
  'manual',
  'before-import',
  'before-merge',
  'before-restore',
  'before-update',
] as const;
export type SnapshotReason = (typeof SNAPSHOT_REASONS)[number];

/** The records a snapshot's counts and a comparison cover (live rows: the Trash is left out). */
export const SNAPSHOT_RECORDS = [
  'people',
  'companies',
  'calls',
  'tasks',
  'notes',
  'products',
  'orders',
  'deals',
  'cases',
] as const;
export type SnapshotRecord = (typeof SNAPSHOT_RECORDS)[number];

/**
 * Why rotation keeps a snapshot: a manual one stays until the user deletes it; an automatic one
 * is kept while it is the newest of one of the last 7 days, 4 weeks or 12 months ('recent': taken
 * in the last 24 hours, kept whatever the rotation says).
 */
export type SnapshotKept = 'manual' | 'recent' | 'daily' | 'weekly' | 'monthly';

export interface SnapshotInfo {
  /** The file's name in the snapshots folder: what the other requests take. */
  file: string;
  takenAt: number;
  reason: SnapshotReason;
  bytes: number;
  /** The schema version it was written with; null when it cannot be read. */
  schemaVersion: number | null;
  /** Live records per table when it was taken; null when it cannot be read. */
  counts: Record<SnapshotRecord, number> | null;
  keptAs: SnapshotKept;
  /** Why it cannot be restored (damaged, from a newer version of Ledgerline...), or null. */
  problem: string | null;
}

/** A place the live book should not be: a synced folder or a network share (WAL is unsafe there). */
export interface LocationWarning {
  kind: 'onedrive' | 'dropbox' | 'icloud' | 'google-drive' | 'box' | 'network';
  /** What was found and why it matters, in words for the user. */
  message: string;
}

export interface BackupOverview {
  /** Where snapshots are written now. */
  folder: string;
  /** The folder beside the book that is used unless the user chose another. */
  defaultFolder: string;
  /** Take a snapshot before every import and every merge (on unless the user turned it off). */
  beforeChanges: boolean;
  /** Newest first. */
  snapshots: SnapshotInfo[];
  /** Free space on the snapshots folder's drive, in bytes (null when it cannot be told). */
  freeBytes: number | null;
  book: {
    path: string;
    bytes: number;
    /** quick_check failed when the book opened: it is not written to, and a restore is offered. */
    damaged: boolean;
    problems: string[];
    location: LocationWarning | null;
  };
}

export interface SnapshotDiffRow {
  table: SnapshotRecord;
  /** Live rows in the book now and in the snapshot. */
  now: number;
  snapshot: number;
  /** Rows live in the snapshot but not now (missing or in the Trash): a restore brings them back. */
  added: number;
  /** Rows live now but not in the snapshot: a restore loses them. */
  lost: number;
  /** Rows live in both whose last change differs: a restore puts back the snapshot's version. */
  changed: number;
}

export interface SnapshotDiff {
  file: string;
  rows: SnapshotDiffRow[];
}

export const snapshotFile = z
  .string()
  .min(1, 'Choose a snapshot.')
  .max(255, 'That snapshot name is too long.')
  .regex(/^[\w.-]+\.sqlite$/u, 'Choose a snapshot from the list (a file name ending in .sqlite).');

export const backupsRequests = {
  /** The snapshots, the folder and its settings, and the live book's state and location. */
  'backups.overview': {
    kind: 'query',
    reads: [],
    input: z.strictObject({}),
    output: returns<BackupOverview>(),
  },
  /** A snapshot now (the menu's "Take a snapshot"): written, fsynced, renamed, then quick_checked. */
  'backups.take': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({}),
    output: returns<SnapshotInfo>(),
  },
  /** What restoring this snapshot would add back, lose and change, table by table. */
  'backups.compare': {
    kind: 'query',
    reads: [],
    input: z.strictObject({ file: snapshotFile }),
    output: returns<SnapshotDiff>(),
  },
  /**
   * Puts the snapshot's book in place of the live one, in one step, after a snapshot of the book
   * as it is now ('before-restore', returned as `safety`), so the restore can itself be undone.
   */
  'backups.restore': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ file: snapshotFile }),
    output: returns<{ restored: SnapshotInfo; safety: SnapshotInfo }>(),
  },
  /** Deletes one snapshot file. */
  'backups.delete': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ file: snapshotFile }),
    output: returns<{ deleted: true }>(),
  },
  /** Changes the snapshots folder (null: back to the default) or the before-changes rule. */
  'backups.settings': {
    kind: 'mutation',
    reads: [],
    input: z
      .strictObject({
        folder: z
          .string()
          .trim()
          .min(1, 'Enter a folder.')
          .max(1024, 'That folder path is too long.')
          .nullable()
          .optional(),
        beforeChanges: z.boolean().optional(),
      })
      .refine((v) => v.folder !== undefined || v.beforeChanges !== undefined, 'Change at least one setting.'),
    output: returns<BackupOverview>(),
  },
  /** The desktop app's folder dialog for the snapshots folder; null when cancelled or in the preview. */
  'backups.chooseFolder': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({}),
    output: returns<{ folder: string } | null>(),
  },
} as const;
