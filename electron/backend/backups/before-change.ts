/**
 * A snapshot before every import and every merge ('before-import', 'before-merge'), unless the
 * user turned the rule off (backups.settings beforeChanges). It is taken first and must succeed:
 * a snapshot that fails, or is cancelled, stops the import or merge, with the reason, and nothing
 * is changed.
 *
 * An import takes it inside its own write job (snapshotFirst), so it is one job for the user (one
 * card, one cancel) and nothing is written between the two. A merge runs on the main thread, so
 * its snapshot is a write job of its own just before it (snapshotBeforeChange).
 */
import { AppError } from '../../../shared/api/errors.ts';
import { mapStorageError } from '../../db/sqlite-errors.ts';
import type { Ctx } from '../context.ts';
import type { JobControl } from '../jobs/job.ts';
import { readBackupSettings } from './backup-settings.ts';
import { takeSnapshot } from './snapshots.ts';

export type BeforeChange = 'before-import' | 'before-merge';

const WHAT = { 'before-import': 'import', 'before-merge': 'merge' } as const;

function stopped(err: unknown, reason: BeforeChange): unknown {
  const known = mapStorageError(err);
  if (!known) return err;
  const what = WHAT[reason];
  if (known.code === 'CANCELLED') {
    return new AppError(
      'CANCELLED',
      `The snapshot before the ${what} was cancelled, so the ${what} did not run. Nothing was changed.`,
    );
  }
  return new AppError(
    known.code,
    `Ledgerline could not take a snapshot before the ${what}, so the ${what} did not run and nothing was changed. ${known.message} To go on without one, turn off “Take a snapshot before imports and merges” under Backups.`,
    known.details,
  );
}

/** Inside a write job (an import): the snapshot, on the job's own connection, before anything else. */
export async function snapshotFirst(ctx: Ctx, reason: BeforeChange, job: JobControl): Promise<void> {
  if (!readBackupSettings(ctx).beforeChanges) return;
  try {
    await takeSnapshot(ctx, reason, job);
  } catch (err) {
    throw stopped(err, reason);
  }
}

/** Before a change the main thread makes (a merge): the snapshot as a write job of its own. */
export async function snapshotBeforeChange(ctx: Ctx, reason: BeforeChange): Promise<void> {
  if (!readBackupSettings(ctx).beforeChanges) return;
  try {
    await ctx.jobs.run('backups.takeBeforeChange', { reason });
  } catch (err) {
    throw stopped(err, reason);
  }
}
