/** Deleting a snapshot, asked first: the file goes for good (there is no Trash for snapshots). */
import { useId, useRef, useState } from 'react';
import type { SnapshotInfo } from '../../../shared/api/requests/backups.requests.ts';
import { messageOf } from '../../api/errors.ts';
import { useFormat } from '../../lib/format.context.tsx';
import { useCache } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { FieldError } from '../../ui/Field.tsx';
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
  const id = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const when = fmt.dateTime(snapshot.takenAt);

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await cache.mutate('backups.delete', { file: snapshot.file });
      await refreshOverview(cache);
      ui.getState().toast(`Deleted the snapshot of ${when}.`);
      onClose();
    } catch (err) {
      setBusy(false);
      setError(messageOf(err));
    }
  }

  return (
    <Dialog
      labelledBy={`${id}-t`}
      describedBy={`${id}-d`}
      onClose={() => {
        if (!busy) onClose();
      }}
      initialFocus={cancel}
      className="dialog--narrow"
    >
      <div className="dialog__header">
        <h2 className="dialog__title" id={`${id}-t`}>
          Delete the snapshot of {when}?
        </h2>
      </div>
      <div className="dialog__body">
        <p id={`${id}-d`} className="confirm__text">
          Its file is deleted from the snapshots folder for good, so the book can no longer go back to how it
          was then.
          {onlyGood ? ' It is the only snapshot that can be restored.' : ''}
          {snapshot.keptAs !== 'manual'
            ? ' Ledgerline would have deleted it by itself once a newer one took its place.'
            : ''}
        </p>
        {error ? (
          <div role="alert">
            <FieldError message={error} />
          </div>
        ) : null}
      </div>
      <div className="dialog__footer">
        <button ref={cancel} type="button" className="btn" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <Button variant="primary" className="btn--destructive" disabled={busy} onClick={() => void remove()}>
          {busy ? 'Deleting…' : 'Delete snapshot'}
        </Button>
      </div>
    </Dialog>
  );
}
