/**
 * The book's health, wherever the user is: a book found damaged (at start, or by the check that
 * runs after a large book opens) is read-only, and a bar above every screen says so and offers the
 * newest good snapshot; a book in a synced folder or on a network share gets a note once per
 * start that leads to the explanation on Backups.
 *
 * The overview lists the snapshots on a job worker, so at start it is asked for once the first
 * screen has what it needs (nothing in flight for a moment): it never holds that screen up.
 */
import { useEffect, useState } from 'react';
import { OctagonAlert } from 'lucide-react';
import { useFormat } from '../../lib/format.context.tsx';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUi, useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { locationTitle, newestGood } from './backup-words.ts';
import { askRestore, backupIntents, refreshOverview } from './snapshot-actions.ts';
import './backups.css';

/** How long nothing must be in flight before the overview is asked for at start. */
const SETTLED_MS = 800;
/** It is asked for by then at the latest. */
const AT_THE_LATEST_MS = 8000;

export function BookHealthBanner() {
  const cache = useCache();
  const [wanted, setWanted] = useState(false);

  useEffect(() => {
    if (wanted) return;
    let settle: ReturnType<typeof setTimeout> | undefined;
    const latest = setTimeout(() => setWanted(true), AT_THE_LATEST_MS);
    const watch = () => {
      clearTimeout(settle);
      const busy = Object.values(cache.store.getState().entries).some((e) => e.fetching);
      if (!busy) settle = setTimeout(() => setWanted(true), SETTLED_MS);
    };
    const off = cache.store.subscribe(watch);
    watch();
    return () => {
      off();
      clearTimeout(settle);
      clearTimeout(latest);
    };
  }, [cache, wanted]);

  // A large book is checked after it opens: when that check ends, the book's state is news.
  useEffect(
    () =>
      cache.client.on('job.progress', (p) => {
        if (p.kind !== 'book.check' || p.state === 'running') return;
        setWanted(true);
        void refreshOverview(cache);
      }),
    [cache],
  );

  return wanted ? <BookHealth /> : null;
}

function BookHealth() {
  const ui = useUiStore();
  const fmt = useFormat();
  const route = useUi((s) => s.route);
  const overview = useQuery('backups.overview', {}).data;
  const location = overview?.book.location ?? null;

  useEffect(() => {
    if (!location) return;
    const intents = backupIntents(ui);
    if (intents.getState().locationNoted) return;
    intents.setState({ locationNoted: true });
    ui.getState().toast(`${locationTitle(location)}, where it can be damaged.`, 'info', {
      key: 'backups.location',
      durationMs: 15_000,
      action: { label: 'Why', run: () => ui.getState().navigate('backups') },
    });
  }, [ui, location]);

  if (!overview?.book.damaged || route === 'backups') return null;
  const good = newestGood(overview);
  return (
    <div className="book-banner" role="alert">
      <OctagonAlert size={ICON.nav} strokeWidth={STROKE} aria-hidden className="book-banner__icon" />
      <p className="book-banner__text">
        <strong>The customer book was found damaged.</strong> It is open read-only, so nothing can be changed.
      </p>
      {good ? (
        <Button variant="primary" onClick={() => askRestore(ui, good.file)}>
          Restore the snapshot of {fmt.dateTime(good.takenAt)}…
        </Button>
      ) : null}
      <Button onClick={() => ui.getState().navigate('backups')}>Open Backups</Button>
    </div>
  );
}
