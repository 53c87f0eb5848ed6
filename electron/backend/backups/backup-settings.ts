/**
 * The snapshots' settings, kept in the book's settings table under the key 'backups' (so they
 * travel with the book): the folder the user chose (null: the default beside the book,
 * ctx.deps.backupsDir) and whether a snapshot is taken before every import and merge.
 *
 * checkFolder() is what a chosen folder must pass before it is stored: a full path to a folder
 * that exists or can be made, and that Ledgerline can write in (a test file is written and
 * removed). A folder that fails is a VALIDATION error, and anything made on the way is removed, so
 * nothing changes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors.ts';
import type { WriteScope } from '../../db/changes.ts';
import type { Ctx } from '../context.ts';

export const BACKUP_SETTINGS_KEY = 'backups';

export interface BackupSettings {
  /** The folder chosen for snapshots; null for the default beside the book. */
  folder: string | null;
  beforeChanges: boolean;
}

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = { folder: null, beforeChanges: true };

export function readBackupSettings(ctx: Pick<Ctx, 'sql'>): BackupSettings {
  const value = ctx.sql.raw
    .prepare(`SELECT value FROM settings WHERE key = ?`)
    .pluck()
    .get(BACKUP_SETTINGS_KEY) as string | undefined;
  if (value === undefined) return { ...DEFAULT_BACKUP_SETTINGS };
  try {
    const v = JSON.parse(value) as Partial<BackupSettings>;
    return {
      folder: typeof v.folder === 'string' && v.folder !== '' ? v.folder : null,
      beforeChanges: typeof v.beforeChanges === 'boolean' ? v.beforeChanges : true,
    };
  } catch {
    return { ...DEFAULT_BACKUP_SETTINGS };
  }
}

export function writeBackupSettings(
  ctx: Pick<Ctx, 'sql'>,
  scope: WriteScope,
  settings: BackupSettings,
): void {
  ctx.sql.raw
    .prepare(
      `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    )
    .run(BACKUP_SETTINGS_KEY, JSON.stringify(settings));
  scope.change('settings', BACKUP_SETTINGS_KEY, 'update');
}

/** Where snapshots go now. */
export function snapshotsFolder(ctx: Pick<Ctx, 'sql' | 'deps'>): string {
  return readBackupSettings(ctx).folder ?? ctx.deps.backupsDir;
}

function why(err: unknown): string {
  switch ((err as NodeJS.ErrnoException).code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission was refused';
    case 'EROFS':
      return 'the drive is read-only';
    case 'ENOSPC':
      return 'the drive is full';
    case 'ENOENT':
      return 'the drive or a folder on the way is not there';
    case 'ENOTDIR':
      return 'part of the path is a file, not a folder';
    default:
      return (err as NodeJS.ErrnoException).code ?? 'the system refused';
  }
}

function refused(folder: string, message: string): AppError {
  return new AppError('VALIDATION', `${message} The snapshots folder was not changed.`, {
    path: 'folder',
    folder,
  });
}

/** The folder as it will be stored (absolute, normalised), once it exists and can be written. */
export function checkFolder(input: string): string {
  if (!path.isAbsolute(input)) {
    throw refused(input, `Enter the whole path of the folder (from the drive or /), not “${input}”.`);
  }
  const folder = path.resolve(input);
  let created: string | undefined;
  try {
    const st = fs.statSync(folder, { throwIfNoEntry: false });
    if (st && !st.isDirectory()) throw refused(folder, `${folder} is a file, not a folder. Choose a folder.`);
    if (!st) created = fs.mkdirSync(folder, { recursive: true });
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw refused(folder, `Ledgerline cannot make the folder ${folder}: ${why(err)}. Choose another folder.`);
  }
  const probe = path.join(folder, `.ledgerline-write-test-${process.pid}`);
  try {
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe);
  } catch (err) {
    fs.rmSync(probe, { force: true });
    if (created) fs.rmSync(created, { recursive: true, force: true });
    throw refused(
      folder,
      `Ledgerline cannot write in ${folder}: ${why(err)}. Choose a folder you can write to.`,
    );
  }
  return folder;
}
