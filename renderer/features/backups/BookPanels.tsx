/**
 * The top of Backups: the book found damaged (restore the newest good snapshot, or export what can
 * still be read), the book in a place it should not be (a synced folder, a network share), and
 * the book itself: where it is, its size, and when it was last copied.
 */
import { useId } from 'react';
import { HardDrive, OctagonAlert, RotateCcw, TriangleAlert } from 'lucide-react';
import type { BackupOverview, SnapshotInfo } from '../../../shared/api/requests/backups.requests.ts';
import { useNow } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { Button } from '../../ui/Button.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { PathText } from '../../ui/PathText.tsx';
import { ExportEverythingButton } from '../export/ExportEverythingButton.tsx';
import { locationTitle, newestGood, sizeText } from './backup-words.ts';

export function DamagedPanel({
  overview,
  onRestore,
}: {
  overview: BackupOverview;
  onRestore(snapshot: SnapshotInfo): void;
}) {
  const id = useId();
  const fmt = useFormat();
  const good = newestGood(overview);
  const problems = overview.book.problems;
  return (
    <section className="backups-alert backups-alert--danger" aria-labelledby={`${id}-t`}>
      <OctagonAlert className="backups-alert__icon" size={ICON.state} strokeWidth={STROKE} aria-hidden />
      <div className="backups-alert__body">
        <h2 className="backups-alert__title" id={`${id}-t`}>
          The customer book was found damaged
        </h2>
        <p className="backups-alert__text">
          Ledgerline checks the book each time it opens, and this time the check failed. So that nothing more
          is lost, the book is open read-only: you can look things up, but not change them.{' '}
          {good
            ? 'Restore the newest good snapshot to carry on working, and export everything first if you want to keep what can still be read.'
            : 'There is no good snapshot to restore, so export everything that can still be read, then start a new book and read the export back in.'}
        </p>
        {problems.length > 0 ? (
          <details className="backups-alert__details">
            <summary>What the check found</summary>
            <ul>
              {problems.map((p, i) => (
                <li key={i} className="selectable">
                  {p}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
        <div className="backups-alert__actions">
          {good ? (
            <Button
              variant="primary"
              icon={<RotateCcw size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
              onClick={() => onRestore(good)}
            >
              Restore the newest good snapshot ({fmt.dateTime(good.takenAt)})
            </Button>
          ) : null}
          <ExportEverythingButton label="Export everything" />
        </div>
      </div>
    </section>
  );
}

export function LocationPanel({ warning }: { warning: NonNullable<BackupOverview['book']['location']> }) {
  const id = useId();
  return (
    <section className="backups-alert backups-alert--warning" aria-labelledby={`${id}-t`}>
      <TriangleAlert className="backups-alert__icon" size={ICON.state} strokeWidth={STROKE} aria-hidden />
      <div className="backups-alert__body">
        <h2 className="backups-alert__title" id={`${id}-t`}>
          {locationTitle(warning)}
        </h2>
        <p className="backups-alert__text">{warning.message}</p>
        <p className="backups-alert__text backups-alert__text--quiet">
          Snapshots, unlike the book, can go in a synced folder or on another drive: each one is written once
          and then left alone.
        </p>
      </div>
    </section>
  );
}

export function BookCard({ overview }: { overview: BackupOverview }) {
  const id = useId();
  const fmt = useFormat();
  const now = useNow(60_000);
  const newest = overview.snapshots[0];
  const total = overview.snapshots.reduce((sum, s) => sum + s.bytes, 0);
  return (
    <section className="backups-card backups-book" aria-labelledby={`${id}-t`}>
      <span className="backups-book__icon" aria-hidden>
        <HardDrive size={ICON.nav} strokeWidth={STROKE} />
      </span>
      <div className="backups-book__body">
        <div className="backups-book__head">
          <h2 className="backups-book__title" id={`${id}-t`}>
            Customer book
          </h2>
          <span className="backups-book__size num">{sizeText(overview.book.bytes, fmt.locale)}</span>
        </div>
        <PathText path={overview.book.path} what="book’s location" />
        <p className="backups-book__note num">
          {newest ? (
            <>
              Last snapshot:{' '}
              <time dateTime={new Date(newest.takenAt).toISOString()} title={fmt.exact(newest.takenAt)}>
                {fmt.relative(newest.takenAt, now)}
              </time>
              {' · '}
              {overview.snapshots.length === 1
                ? `1 snapshot, ${sizeText(total, fmt.locale)}`
                : `${fmt.number(overview.snapshots.length)} snapshots, ${sizeText(total, fmt.locale)} in all`}
            </>
          ) : (
            'No snapshot yet.'
          )}
        </p>
      </div>
    </section>
  );
}
