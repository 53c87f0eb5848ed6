/** Deleting a snapshot, asked first: the file goes for good (there is no Trash for snapshots). */
import type { SnapshotInfo } from '../../../shared/api/requests/backups.requests.ts';
import { useFormat } from '../../lib/format.context.tsx';
import { useCache } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { ConfirmDialog, useConfirmAction } from '../../ui/ConfirmDialog.tsx';
import { refreshOverview } from './snapshot-actions.ts';

export function DeleteSnapshotDialog({
  snapshot,
  onlyGood,
  onClose,
}: {
  snapshot: SnapshotInfo;
  /** It is the only snapshot that can be restored. */
  onlyGood: boolean;
  onClose(): void;
}) {
  const cache = useCache();
  const ui = useUiStore();
  const fmt = useFormat();
  const { busy, error, run } = useConfirmAction();
  const when = fmt.dateTime(snapshot.takenAt);

  const remove = () =>
    run(async () => {
      await cache.mutate('backups.delete', { file: snapshot.file });
      await refreshOverview(cache);
      ui.getState().toast(`Deleted the snapshot of ${when}.`);
      onClose();
    });

  return (
    <ConfirmDialog
      title={`Delete the snapshot of ${when}?`}
      text={
        <>
          Its file is deleted from the snapshots folder for good, so the book can no longer go back to how it
          was then.
          {onlyGood ? ' It is the only snapshot that can be restored.' : ''}
          {snapshot.keptAs !== 'manual'
            ? ' Ledgerline would have deleted it by itself once a newer one took its place.'
            : ''}
        </>
      }
      confirmLabel="Delete snapshot"
      busyLabel="Deleting…"
      destructive
      busy={busy}
      error={error}
      onConfirm={() => void remove()}
      onClose={onClose}
    />
  );
}
