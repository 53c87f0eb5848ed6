/**
 * Backups: the book and its health (damaged, or in a synced folder), the snapshots newest first
 * with Restore… and Delete, "Take a snapshot now", and where the snapshots go.
 */
import { useEffect, useRef, useState } from 'react';
import { Camera } from 'lucide-react';
import type { SnapshotInfo } from '../../../shared/api/requests/backups.requests.ts';
import { messageOf } from '../../api/errors.ts';
import { useFormat } from '../../lib/format.context.tsx';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { DelayedSpinner, ErrorState } from '../../ui/States.tsx';
import { PageHeader } from '../shell/PageHeader.tsx';
import { BackupSettings } from './BackupSettings.tsx';
import { BookCard, DamagedPanel, LocationPanel } from './BookPanels.tsx';
import { DeleteSnapshotDialog } from './DeleteSnapshotDialog.tsx';
import { RestoreDialog } from './RestoreDialog.tsx';
import { SnapshotList } from './SnapshotList.tsx';
import { backupIntents, refreshOverview, takeSnapshot, useBackupIntents } from './snapshot-actions.ts';
import '../contacts/contacts.css';
import './backups.css';

/** How long a snapshot just taken stays marked in the list. */
const FRESH_MS = 4000;

export function BackupsScreen() {
  const cache = useCache();
  const ui = useUiStore();
  const fmt = useFormat();
  const overview = useQuery('backups.overview', {});
  const taking = useBackupIntents((s) => s.taking);
  const lastTaken = useBackupIntents((s) => s.lastTaken);
  const restoreAsked = useBackupIntents((s) => s.restoreAsked);
  const [restoring, setRestoring] = useState<SnapshotInfo | null>(null);
  const [deleting, setDeleting] = useState<SnapshotInfo | null>(null);
  const data = overview.data;

  // Snapshots are also taken while this screen is away (each day, before imports and merges),
  // and the overview reads no table that db.changed names: read it again on every visit.
  const hadData = useRef(data !== undefined);
  useEffect(() => {
    if (hadData.current) void refreshOverview(cache);
  }, [cache]);

  // The mark on a snapshot just taken fades after a moment.
  useEffect(() => {
    if (!lastTaken) return;
    const t = setTimeout(() => backupIntents(ui).setState({ lastTaken: null }), FRESH_MS);
    return () => clearTimeout(t);
  }, [ui, lastTaken]);

  // Restore… asked from elsewhere (the damaged-book banner): open once the list is here.
  const asked =
    restoreAsked && data
      ? (data.snapshots.find((s) => s.file === restoreAsked && s.problem === null) ?? null)
      : null;
  const restoreShown = restoring ?? asked;
  const closeRestore = () => {
    setRestoring(null);
    backupIntents(ui).setState({ restoreAsked: null });
  };

  const take = () => void takeSnapshot(cache, ui, fmt);
  const goodCount = data?.snapshots.filter((s) => s.problem === null).length ?? 0;

  return (
    <>
      <PageHeader title="Backups">
        <Button
          variant="primary"
          icon={<Camera size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
          disabled={taking}
          onClick={take}
        >
          {taking ? 'Taking a snapshot…' : 'Take a snapshot now'}
        </Button>
      </PageHeader>
      <div className="page" aria-busy={overview.status === 'loading'}>
        <div className="page__inner backups">
          {!data ? (
            overview.status === 'error' ? (
              <ErrorState
                title="The snapshots could not be listed"
                message={messageOf(overview.error)}
                onRetry={() => void overview.refetch()}
              />
            ) : (
              <DelayedSpinner label="Loading the snapshots…" />
            )
          ) : (
            <>
              {data.book.damaged ? <DamagedPanel overview={data} onRestore={setRestoring} /> : null}
              {data.book.location ? <LocationPanel warning={data.book.location} /> : null}
              <BookCard overview={data} />
              <section className="backups-section" aria-labelledby="backups-snapshots-title">
                <header className="backups-section__head">
                  <h2 id="backups-snapshots-title">Snapshots</h2>
                  <p className="backups-section__lede">
                    A snapshot is a copy of the whole book. Ledgerline takes one each day, before every
                    restore and update, and before imports and merges unless you turn that off below. It keeps
                    all of the last day’s, then one a day for a week, one a week for a month and one a month
                    for a year. The ones you take stay until you delete them.
                  </p>
                </header>
                <SnapshotList
                  snapshots={data.snapshots}
                  fresh={lastTaken}
                  taking={taking}
                  onTake={take}
                  onRestore={setRestoring}
                  onDelete={setDeleting}
                />
              </section>
              <BackupSettings overview={data} />
            </>
          )}
        </div>
      </div>
      {restoreShown ? <RestoreDialog snapshot={restoreShown} onClose={closeRestore} /> : null}
      {deleting ? (
        <DeleteSnapshotDialog
          snapshot={deleting}
          onlyGood={deleting.problem === null && goodCount === 1}
          onClose={() => setDeleting(null)}
        />
      ) : null}
    </>
  );
}
