/**
 * The snapshots, newest first: when each was taken, why, what it holds, its size and why it is
 * kept, with Restore… and Delete. One that cannot be restored says why, and its Restore is off.
 */
import { useId } from 'react';
import { CircleExclamationPoint, DatabaseBackup, RotateCcw, Trash2 } from 'lucide-react';
import type { SnapshotInfo } from '../../../shared/api/requests/backups.requests.ts';
import { useNow } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { Button } from '../../ui/Button.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { EmptyState } from '../../ui/States.tsx';
import { countsText, KEPT_WORDS, REASON_WORDS, sizeText } from './backup-words.ts';

function SnapshotRow({
  snapshot,
  fresh,
  now,
  onRestore,
  onDelete,
}: {
  snapshot: SnapshotInfo;
  fresh: boolean;
  now: number;
  onRestore(): void;
  onDelete(): void;
}) {
  const fmt = useFormat();
  const id = useId();
  const when = fmt.dateTime(snapshot.takenAt);
  // "2 hours ago"; left out where it would only repeat the time ("14:05" later the same day).
  const ago = fmt.relative(snapshot.takenAt, now);
  const holds = countsText(snapshot.counts, fmt.number);
  const kept = KEPT_WORDS[snapshot.keptAs];
  const classes = ['backups-row'];
  if (snapshot.problem) classes.push('backups-row--bad');
  if (fresh) classes.push('backups-row--fresh');
  return (
    <tr className={classes.join(' ')} aria-label={`Snapshot of ${when}`}>
      <th scope="row" className="backups-row__when">
        <time dateTime={new Date(snapshot.takenAt).toISOString()} title={fmt.exact(snapshot.takenAt)}>
          {when}
        </time>
        {ago !== fmt.time(snapshot.takenAt) ? <span className="backups-row__ago">{ago}</span> : null}
      </th>
      <td>{REASON_WORDS[snapshot.reason]}</td>
      <td className="backups-row__holds">
        {snapshot.problem ? (
          <span className="backups-row__problem" id={`${id}-problem`}>
            <CircleExclamationPoint size={ICON.small} strokeWidth={2} aria-hidden />
            <span>{snapshot.problem}</span>
          </span>
        ) : (
          <span className="backups-row__counts" title={holds}>
            {holds}
          </span>
        )}
      </td>
      <td className="num backups-row__size">{sizeText(snapshot.bytes, fmt.locale)}</td>
      <td>
        <span title={kept.rule}>{kept.label}</span>
      </td>
      <td className="backups-row__actions">
        <Button
          variant="ghost"
          icon={<RotateCcw size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
          disabled={snapshot.problem !== null}
          aria-label={`Restore the snapshot of ${when}…`}
          aria-describedby={snapshot.problem ? `${id}-problem` : undefined}
          title={snapshot.problem ? `It cannot be restored: ${snapshot.problem}` : undefined}
          onClick={onRestore}
        >
          Restore…
        </Button>
        <Button
          variant="ghost"
          size="icon"
          className="backups-row__delete"
          aria-label={`Delete the snapshot of ${when}`}
          title="Delete this snapshot"
          icon={<Trash2 size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
          onClick={onDelete}
        />
      </td>
    </tr>
  );
}

export function SnapshotList({
  snapshots,
  fresh,
  onRestore,
  onDelete,
  onTake,
  taking,
}: {
  snapshots: readonly SnapshotInfo[];
  /** The snapshot just taken, marked for a moment. */
  fresh: string | null;
  onRestore(snapshot: SnapshotInfo): void;
  onDelete(snapshot: SnapshotInfo): void;
  onTake(): void;
  taking: boolean;
}) {
  const now = useNow(60_000);
  if (snapshots.length === 0) {
    return (
      <div className="backups-card">
        <EmptyState
          icon={<DatabaseBackup size={ICON.state} strokeWidth={STROKE} />}
          title="No snapshots yet"
          action={
            <Button variant="primary" disabled={taking} onClick={onTake}>
              {taking ? 'Taking a snapshot…' : 'Take a snapshot now'}
            </Button>
          }
        >
          A snapshot is a copy of the whole book that you can go back to. Ledgerline takes one every day; take
          the first one now.
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="backups-card backups-table-wrap">
      <table className="backups-table" aria-label="Snapshots">
        <thead>
          <tr>
            <th scope="col">Taken</th>
            <th scope="col">Why</th>
            <th scope="col">Holds</th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col">Kept</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {snapshots.map((s) => (
            <SnapshotRow
              key={s.file}
              snapshot={s}
              fresh={s.file === fresh}
              now={now}
              onRestore={() => onRestore(s)}
              onDelete={() => onDelete(s)}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
