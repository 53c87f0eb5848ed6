/**
 * The Backups screen's requests (issue 6): the overview (snapshots, folder, rule, and the live
 * book's state and place), taking, comparing, restoring and deleting a snapshot, the settings and
 * the folder dialog. The work that reads or copies a whole book runs as a job (jobs.registry.ts):
 * listing on a reader, taking and comparing on a reader of their own, restoring as a write job.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors.ts';
import type { BackupOverview } from '../../../shared/api/requests/backups.requests.ts';
import { TABLES } from '../../../shared/api/requests.ts';
import type { Ctx } from '../context.ts';
import type { HandlerMap } from '../handler.ts';
import { checkFolder, readBackupSettings, writeBackupSettings } from './backup-settings.ts';
import { bookLocationHere } from './location.ts';
import { deleteSnapshot } from './snapshots.ts';

/** Free bytes on the drive that holds `folder` (or would: its nearest existing parent). */
function freeBytes(folder: string): number | null {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    try {
      const info = fs.statfsSync(dir);
      return info.bavail * info.bsize;
    } catch {
      if (path.dirname(dir) === dir) return null;
    }
  }
}

/** The book's size on disk: the main file and its write-ahead log, which holds recent writes. */
function bookBytes(book: string): number {
  const size = (file: string) => fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  return size(book) + size(`${book}-wal`);
}

async function overview(ctx: Ctx): Promise<BackupOverview> {
  const settings = readBackupSettings(ctx);
  const folder = settings.folder ?? ctx.deps.backupsDir;
  const snapshots = await ctx.jobs.run('backups.list', {});
  const book = ctx.deps.book.path;
  const damage = ctx.bookState.damage();
  return {
    folder,
    defaultFolder: ctx.deps.backupsDir,
    beforeChanges: settings.beforeChanges,
    snapshots,
    freeBytes: freeBytes(folder),
    book: {
      path: book,
      bytes: bookBytes(book),
      damaged: damage.damaged,
      problems: damage.problems,
      location: await bookLocationHere(book),
    },
  };
}

export const backupsHandlers = {
  'backups.overview': (_input, ctx) => overview(ctx),
  'backups.take': async (_input, ctx) => {
    const taken = await ctx.jobs.run('backups.take', { reason: 'manual' });
    if (!taken) throw new AppError('INTERNAL', 'The snapshot was not taken. Try again.');
    return taken;
  },
  'backups.compare': (input, ctx) => ctx.jobs.run('backups.compare', { file: input.file }),
  'backups.restore': async (input, ctx) => {
    const done = await ctx.jobs.run('backups.restore', {
      file: input.file,
      bookDamaged: ctx.bookState.damage().damaged,
    });
    // The backend forgets what it knew of the old book at once; a book found damaged is checked
    // again, and writes go on once the restored one passes.
    const rechecked = ctx.bookState.restored();
    ctx.deps.emit('db.changed', { seq: done.seq, tables: [...TABLES], ids: [] });
    await rechecked;
    return { restored: done.restored, safety: done.safety };
  },
  'backups.delete': (input, ctx) => {
    deleteSnapshot(ctx, input.file);
    return { deleted: true as const };
  },
  'backups.settings': async (input, ctx) => {
    const current = readBackupSettings(ctx);
    let folder = current.folder;
    if (input.folder === null) folder = null;
    else if (input.folder !== undefined) {
      const chosen = checkFolder(input.folder);
      folder = chosen === path.resolve(ctx.deps.backupsDir) ? null : chosen;
    }
    const next = { folder, beforeChanges: input.beforeChanges ?? current.beforeChanges };
    ctx.writer.write((scope) => writeBackupSettings(ctx, scope, next));
    return overview(ctx);
  },
  'backups.chooseFolder': async (_input, ctx) => {
    const choose = ctx.deps.dialogs?.chooseFolder;
    if (!choose) return null;
    const folder = await choose.call(ctx.deps.dialogs, {
      title: 'Choose a folder for snapshots',
      defaultPath: readBackupSettings(ctx).folder ?? ctx.deps.backupsDir,
    });
    return folder ? { folder } : null;
  },
} satisfies HandlerMap<
  | 'backups.overview'
  | 'backups.take'
  | 'backups.compare'
  | 'backups.restore'
  | 'backups.delete'
  | 'backups.settings'
  | 'backups.chooseFolder'
>;
