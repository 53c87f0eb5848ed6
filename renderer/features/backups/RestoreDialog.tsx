/**
 * Restore…: first what restoring would do, record kind by record kind (brought back, lost,
 * changed back; losses stand out), then one step that keeps the book as it is as a snapshot and
 * puts this one in its place. Comparing reads both books, which can take seconds on a large one.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { Info } from 'lucide-react';
import type { SnapshotDiff, SnapshotInfo } from '../../../shared/api/requests/backups.requests.ts';
import { messageOf } from '../../api/errors.ts';
import { useFormat } from '../../lib/format.context.tsx';
import { useCache } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { DialogHeader } from '../../ui/DialogParts.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { ErrorState, Spinner } from '../../ui/States.tsx';
import { RECORD_WORDS, restoreSummary } from './backup-words.ts';
import { restoreSnapshot } from './snapshot-actions.ts';

type Comparison =
  { state: 'loading' } | { state: 'done'; diff: SnapshotDiff } | { state: 'failed'; message: string };

function DiffTable({ diff }: { diff: SnapshotDiff }) {
  const fmt = useFormat();
  const rows = diff.rows.filter((r) => r.now + r.snapshot + r.added + r.lost + r.changed > 0);
  if (rows.length === 0) return null;
  const cell = (n: number, tone?: 'back' | 'loss') => (
    <td className={`num${n > 0 && tone ? ` backups-diff__${tone}` : n === 0 ? ' backups-diff__zero' : ''}`}>
      {n > 0 && tone === 'back' ? '+' : n > 0 && tone === 'loss' ? '−' : ''}
      {fmt.number(n)}
    </td>
  );
  return (
    <div className="backups-diff-wrap">
      <table className="backups-diff">
        <caption className="visually-hidden">What restoring this snapshot would do</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Records</span>
            </th>
            <th scope="col" className="num">
              Now
            </th>
            <th scope="col" className="num">
              In the snapshot
            </th>
            <th scope="col" className="num">
              Would come back
            </th>
            <th scope="col" className="num">
              Would be lost
            </th>
            <th scope="col" className="num">
              Would change back
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.table} className={r.lost > 0 ? 'backups-diff__row--loss' : undefined}>
              <th scope="row">{RECORD_WORDS[r.table].label}</th>
              {cell(r.now)}
              {cell(r.snapshot)}
              {cell(r.added, 'back')}
              {cell(r.lost, 'loss')}
              {cell(r.changed)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RestoreDialog({ snapshot, onClose }: { snapshot: SnapshotInfo; onClose(): void }) {
  const cache = useCache();
  const ui = useUiStore();
  const fmt = useFormat();
  const id = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  const [comparison, setComparison] = useState<Comparison>({ state: 'loading' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const when = fmt.dateTime(snapshot.takenAt);

  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    cache.client
      .call('backups.compare', { file: snapshot.file })
      .then((diff) => {
        if (live) setComparison({ state: 'done', diff });
      })
      .catch((err: unknown) => {
        if (live) setComparison({ state: 'failed', message: messageOf(err) });
      });
    return () => {
      live = false;
    };
  }, [cache, snapshot.file, attempt]);
  const compareAgain = () => {
    setComparison({ state: 'loading' });
    setAttempt((n) => n + 1);
  };

  async function restore() {
    setBusy(true);
    setError(null);
    try {
      await restoreSnapshot(cache, ui, fmt, snapshot);
      onClose();
    } catch (err) {
      setBusy(false);
      setError(messageOf(err));
    }
  }

  const loses = comparison.state === 'done' && comparison.diff.rows.some((r) => r.lost > 0);
  return (
    <Dialog
      labelledBy={`${id}-t`}
      describedBy={`${id}-d`}
      onClose={() => {
        if (!busy) onClose();
      }}
      initialFocus={cancel}
      className="backups-restore"
    >
      <DialogHeader titleId={`${id}-t`} onClose={() => !busy && onClose()}>
        Restore the snapshot of {when}?
      </DialogHeader>
      <div className="dialog__body backups-restore__body" aria-busy={comparison.state === 'loading'}>
        {comparison.state === 'loading' ? (
          <div className="backups-restore__loading">
            <Spinner size={ICON.nav} label="Comparing" />
            <span>Comparing the snapshot with the book as it is now…</span>
          </div>
        ) : comparison.state === 'failed' ? (
          <ErrorState
            title="The snapshot could not be compared with the book"
            message={`${comparison.message} You can still restore it.`}
            onRetry={compareAgain}
          />
        ) : (
          <>
            <p className="backups-restore__summary" id={`${id}-summary`}>
              {restoreSummary(comparison.diff.rows, fmt.number)}
            </p>
            <DiffTable diff={comparison.diff} />
          </>
        )}
        <p className="backups-restore__safety" id={`${id}-d`}>
          <Info size={ICON.inline} strokeWidth={STROKE} aria-hidden />
          <span>
            First the book as it is now is kept as a snapshot (“Before a restore”), so you can undo this by
            restoring that one.
          </span>
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
        <Button
          variant="primary"
          className={loses ? 'btn--destructive' : undefined}
          disabled={busy || comparison.state === 'loading'}
          onClick={() => void restore()}
        >
          {busy ? 'Restoring…' : 'Restore this snapshot'}
        </Button>
      </div>
    </Dialog>
  );
}
