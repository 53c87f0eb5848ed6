/**
 * Restore…: first what restoring would do, record kind by record kind (brought back, lost,
 * changed back; losses stand out), then one step that keeps the book as it is as a snapshot and
 * puts this one in its place. Comparing reads both books, which can take seconds on a large one.
 */
import { useEffect, useId, useState } from 'react';
import { Info } from 'lucide-react';
import type { SnapshotDiff, SnapshotInfo } from '../../../shared/api/requests/backups.requests.ts';
import { messageOf } from '../../api/errors.ts';
import { useFormat } from '../../lib/format.context.tsx';
import { useCache } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { ConfirmDialog, useConfirmAction } from '../../ui/ConfirmDialog.tsx';
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
  const [comparison, setComparison] = useState<Comparison>({ state: 'loading' });
  const { busy, error, run } = useConfirmAction();
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

  const restore = () =>
    run(async () => {
      await restoreSnapshot(cache, ui, fmt, snapshot);
      onClose();
    });

  const loses = comparison.state === 'done' && comparison.diff.rows.some((r) => r.lost > 0);
  return (
    <ConfirmDialog
      title={`Restore the snapshot of ${when}?`}
      describedBy={`${id}-d`}
      confirmLabel="Restore this snapshot"
      busyLabel="Restoring…"
      destructive={loses}
      busy={busy}
      error={error}
      canConfirm={comparison.state !== 'loading'}
      onConfirm={() => void restore()}
      onClose={onClose}
      closeButton
      className="backups-restore"
      bodyClassName="backups-restore__body"
      bodyBusy={comparison.state === 'loading'}
    >
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
    </ConfirmDialog>
  );
}
