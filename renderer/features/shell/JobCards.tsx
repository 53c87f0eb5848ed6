/**
 * Long jobs (a bulk change, an undo, recounting call outcomes) show a card in the corner once they
 * have run for a moment: what is happening, how far it has got, and Cancel. A cancelled job is
 * rolled back whole in the backend, so the card can promise that nothing will have changed.
 */
import { useEffect, useState } from 'react';
import type { JobProgress } from '../../../shared/api/events.ts';
import { useCache } from '../../stores/query.hooks.tsx';

/** A job that ends sooner than this never shows a card (no flashes for quick work). */
export const SHOW_AFTER_MS = 400;

const KIND_LABELS: Record<string, string> = {
  'people.bulk': 'Changing people',
  'companies.bulk': 'Changing companies',
  'batches.undo': 'Undoing',
  'lists.set': 'Updating call outcomes',
  'book.check': 'Checking the customer book',
  /** Its progress message says what: 'Checking the file', 'Importing companies'… */
  'import.file': 'Importing a file',
  'import.archive': 'Reading back an export',
  'export.list': 'Exporting a list',
  'export.preset': 'Exporting for the accountant',
  'export.everything': 'Exporting everything',
  'export.vcard': 'Exporting vCards',
  'export.person': 'Exporting a person’s data',
  'backups.take': 'Taking a snapshot',
  'backups.takeBeforeChange': 'Taking a snapshot first',
  'backups.compare': 'Comparing a snapshot with the book',
  'backups.restore': 'Restoring a snapshot',
};

interface Shown extends JobProgress {
  visible: boolean;
  cancelling: boolean;
}

const count = new Intl.NumberFormat();

/** The same jobs with one of them changed (unchanged when it has gone meanwhile). */
function patch(all: Record<string, Shown>, jobId: string, change: Partial<Shown>): Record<string, Shown> {
  const job = all[jobId];
  return job ? { ...all, [jobId]: { ...job, ...change } } : all;
}

export function JobCards() {
  const cache = useCache();
  const [jobs, setJobs] = useState<Record<string, Shown>>({});

  useEffect(() => {
    const timers = new Map<string, ReturnType<typeof setTimeout>>();
    /** Jobs that have ended here: a late jobs.running answer must not bring their cards back. */
    const ended = new Set<string>();
    const off = cache.client.on('job.progress', (p: JobProgress) => {
      if (p.state !== 'running') {
        ended.add(p.jobId);
        clearTimeout(timers.get(p.jobId));
        timers.delete(p.jobId);
        setJobs(({ [p.jobId]: _gone, ...rest }) => rest);
        return;
      }
      if (!timers.has(p.jobId)) {
        timers.set(
          p.jobId,
          setTimeout(() => setJobs((all) => patch(all, p.jobId, { visible: true })), SHOW_AFTER_MS),
        );
      }
      setJobs((all) => ({
        ...all,
        [p.jobId]: {
          ...p,
          visible: all[p.jobId]?.visible ?? false,
          cancelling: all[p.jobId]?.cancelling ?? false,
        },
      }));
    });
    // A job that started before this window (the check of a large book as the app opens) has
    // been running a while: its card shows at once, until its next event says how it goes.
    let live = true;
    void cache.client
      .call('jobs.running', {})
      .then((running) => {
        if (!live) return;
        setJobs((all) => {
          const next = { ...all };
          for (const p of running) {
            if (!ended.has(p.jobId)) next[p.jobId] ??= { ...p, visible: true, cancelling: false };
          }
          return next;
        });
      })
      .catch(() => undefined);
    return () => {
      live = false;
      off();
      for (const t of timers.values()) clearTimeout(t);
    };
  }, [cache]);

  const cancel = (jobId: string) => {
    setJobs((all) => patch(all, jobId, { cancelling: true }));
    void cache.client.call('jobs.cancel', { jobId }).catch(() => undefined);
  };

  return Object.values(jobs)
    .filter((j) => j.visible)
    .map((j) => {
      const label = j.message || KIND_LABELS[j.kind] || 'Working';
      const known = j.total !== null && j.total > 0;
      return (
        <div key={j.jobId} className="toast job-card" role="group" aria-label={label} data-job={j.kind}>
          <div className="job-card__body">
            <span className="toast__message">{label}…</span>
            <progress
              className="job-card__bar"
              aria-label={`${label}: progress`}
              {...(known ? { value: j.done, max: j.total ?? 1 } : {})}
            />
            <span className="job-card__count">
              {known ? `${count.format(j.done)} of ${count.format(j.total ?? 0)}` : 'Starting'}
            </span>
          </div>
          {j.cancellable === false ? (
            <span className="job-card__note">Changes are saved once it is done</span>
          ) : (
            <button
              type="button"
              className="btn btn--ghost toast__action"
              disabled={j.cancelling}
              title="Stop it; nothing it has done so far is kept"
              onClick={() => cancel(j.jobId)}
            >
              {j.cancelling ? 'Cancelling…' : 'Cancel'}
            </button>
          )}
        </div>
      );
    });
}
