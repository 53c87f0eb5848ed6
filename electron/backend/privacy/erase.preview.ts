/**
 * privacy.erasePreview: what erasing a person would remove and keep, counted from the same plan
 * the erasure carries out (erase.plan.ts), for both choices the dialog offers, without writing.
 * It reads the whole undo history to count the copies of their records, so it runs as a read job.
 * The handler adds the snapshots that still hold them (snapshotsHolding).
 */
import { AppError } from '../../../shared/api/errors.ts';
import type { ParsedInput } from '../../../shared/api/requests.ts';
import type { ErasePreview } from '../../../shared/api/requests/privacy.requests.ts';
import type { SnapshotInfo } from '../../../shared/api/requests/backups.requests.ts';
import { KEEP } from '../backups/rotation.ts';
import type { Ctx } from '../context.ts';
import { inReadSnapshot } from '../export/presets.ts';
import { plucked, prepared } from '../people/prepared.ts';
import { searchEntriesOf, undoCopiesOf } from './erase.run.ts';
import { planErasure } from './erase.plan.ts';
import { findPersonRows } from './person-rows.ts';

export type PreviewWithoutSnapshots = Omit<ErasePreview, 'snapshots'> & { createdAt: number };

export function previewErasure(
  ctx: Ctx,
  input: ParsedInput<'privacy.erasePreview'>,
): PreviewWithoutSnapshots {
  return inReadSnapshot(ctx.sql.raw, () => {
    const standInOf = plucked(ctx, `SELECT reference FROM erasures WHERE stand_in_id = ?`).get(
      input.personId,
    ) as string | undefined;
    if (standInOf) {
      throw new AppError(
        'CONFLICT',
        `This is the stand-in for erased customer ${standInOf}: it holds nothing about anyone, only their orders kept for the accounts.`,
        { personId: input.personId },
      );
    }
    const found = findPersonRows(ctx.sql.raw, input.personId);
    const keep = planErasure(found, input.personId, true);
    const all = planErasure(found, input.personId, false);
    const person = prepared(ctx, `SELECT display_name, created_at, deleted_at FROM people WHERE id = ?`).get(
      input.personId,
    ) as { display_name: string; created_at: number; deleted_at: number | null };
    const searchEntries = searchEntriesOf(ctx, keep);
    const [keepCopies, allCopies] = undoCopiesOf(ctx, [keep, all]);
    const companies = keep.companies.length
      ? (plucked(
          ctx,
          `SELECT name FROM companies WHERE id IN (SELECT value FROM json_each(?)) ORDER BY name`,
        ).all(JSON.stringify(keep.companies)) as string[])
      : [];
    return {
      personId: input.personId,
      displayName: person.display_name,
      inTrash: person.deleted_at !== null,
      keepOrders: { ...keep.counts, undoCopies: keepCopies!.length, searchEntries },
      eraseAll: { ...all.counts, undoCopies: allCopies!.length, searchEntries },
      ownOrders: keep.ownOrders,
      companies,
      trashEntries: keep.trashEntries,
      createdAt: person.created_at,
    };
  });
}

/** The snapshots taken since the person was added: each may still hold them. */
export function snapshotsHolding(list: readonly SnapshotInfo[], since: number): ErasePreview['snapshots'] {
  const holding = list.filter((s) => s.takenAt >= since);
  return {
    count: holding.length,
    manual: holding.filter((s) => s.keptAs === 'manual').length,
    oldest: holding.reduce<number | null>((m, s) => (m === null || s.takenAt < m ? s.takenAt : m), null),
    rotationMonths: KEEP.monthly,
  };
}
