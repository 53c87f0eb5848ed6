/**
 * Taking and restoring snapshots, from wherever it is asked: the Backups screen, the palette, the
 * desktop menu (File > Take a snapshot now, which arrives as 'menu.command'), the damaged-book
 * banner. What is under way is kept per app instance (beside the UI store), so the screen's
 * button shows "Taking a snapshot…" whichever of them started it.
 */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { isMenuCommand } from '../../../shared/api/events.ts';
import type { SnapshotInfo } from '../../../shared/api/requests/backups.requests.ts';
import { messageOf, toneOf } from '../../api/errors.ts';
import type { Formatters } from '../../lib/format.ts';
import { useFormat } from '../../lib/format.context.tsx';
import { useCache } from '../../stores/query.hooks.tsx';
import type { QueryCache } from '../../stores/query.store.ts';
import { useUiStore, type UiState } from '../../stores/ui.store.tsx';
import { sizeText } from './backup-words.ts';

export interface BackupIntents {
  taking: boolean;
  /** The snapshot just taken, marked in the list for a moment. */
  lastTaken: string | null;
  /** A snapshot whose Restore dialog the Backups screen should open (asked from elsewhere). */
  restoreAsked: string | null;
  /** The note about the book's location has been shown since the app started. */
  locationNoted: boolean;
}

const stores = new WeakMap<StoreApi<UiState>, StoreApi<BackupIntents>>();

export function backupIntents(ui: StoreApi<UiState>): StoreApi<BackupIntents> {
  let store = stores.get(ui);
  if (!store) {
    store = createStore<BackupIntents>(() => ({
      taking: false,
      lastTaken: null,
      restoreAsked: null,
      locationNoted: false,
    }));
    stores.set(ui, store);
  }
  return store;
}

export function useBackupIntents<T>(select: (s: BackupIntents) => T): T {
  return useStore(backupIntents(useUiStore()), select);
}

/** Reads the overview again (its request reads no table, so db.changed never refreshes it). */
export function refreshOverview(cache: QueryCache): Promise<void> {
  return cache.fetch('backups.overview', {});
}

/** Takes a snapshot now and says how it went; null when it failed (or one is already being taken). */
export async function takeSnapshot(
  cache: QueryCache,
  ui: StoreApi<UiState>,
  fmt: Pick<Formatters, 'locale'>,
): Promise<SnapshotInfo | null> {
  const intents = backupIntents(ui);
  if (intents.getState().taking) return null;
  intents.setState({ taking: true });
  try {
    const snapshot = await cache.mutate('backups.take', {});
    intents.setState({ lastTaken: snapshot.file });
    await refreshOverview(cache);
    if (snapshot.problem) {
      ui.getState().toast(`The snapshot was written but failed its check: ${snapshot.problem}`, 'error');
    } else {
      ui.getState().toast(`Took a snapshot of the book (${sizeText(snapshot.bytes, fmt.locale)}).`);
    }
    return snapshot;
  } catch (err) {
    const tone = toneOf(err);
    ui.getState().toast(tone === 'info' ? 'Snapshot cancelled.' : messageOf(err), tone);
    return null;
  } finally {
    intents.setState({ taking: false });
  }
}

/** Goes to Backups and takes a snapshot there (the palette's and the menu's command). */
export function takeSnapshotFromAnywhere(
  cache: QueryCache,
  ui: StoreApi<UiState>,
  fmt: Pick<Formatters, 'locale'>,
) {
  ui.getState().navigate('backups');
  void takeSnapshot(cache, ui, fmt);
}

/** Asks the Backups screen to open the Restore dialog for one snapshot. */
export function askRestore(ui: StoreApi<UiState>, file: string) {
  backupIntents(ui).setState({ restoreAsked: file });
  ui.getState().navigate('backups');
}

/**
 * After a restore every answer is read again, and the notes that offered to undo something
 * ("Moved Ann to the Trash. Undo") go: what they would undo belongs to the book that was replaced.
 */
function bookReplaced(cache: QueryCache, ui: StoreApi<UiState>) {
  cache.replaced();
  const state = ui.getState();
  for (const t of state.toasts) if (t.action) state.dismissToast(t.id);
}

/**
 * Restores a snapshot (the backend first keeps the book as it is as a snapshot), then reads
 * everything again: the whole book has changed. The note offers Undo: restoring that snapshot.
 */
export async function restoreSnapshot(
  cache: QueryCache,
  ui: StoreApi<UiState>,
  fmt: Pick<Formatters, 'dateTime'>,
  snapshot: Pick<SnapshotInfo, 'file' | 'takenAt'>,
): Promise<{ restored: SnapshotInfo; safety: SnapshotInfo }> {
  const result = await cache.mutate('backups.restore', { file: snapshot.file });
  bookReplaced(cache, ui);
  await refreshOverview(cache);
  const safety = result.safety;
  ui.getState().toast(
    `Restored the snapshot of ${fmt.dateTime(snapshot.takenAt)}. The book as it was is kept as a snapshot: restore it to undo.`,
    'info',
    {
      durationMs: 15_000,
      key: 'backups.restored',
      action: {
        label: 'Undo',
        run: () => {
          cache
            .mutate('backups.restore', { file: safety.file })
            .then(async () => {
              bookReplaced(cache, ui);
              await refreshOverview(cache);
              ui.getState().toast('Put the book back as it was before the restore.');
            })
            .catch((err: unknown) => ui.getState().toast(messageOf(err), 'error'));
        },
      },
    },
  );
  return result;
}

/** Answers the desktop menu's commands (the main process sends 'menu.command'). */
export function useMenuCommands() {
  const cache = useCache();
  const ui = useUiStore();
  const { locale } = useFormat();
  useEffect(
    () =>
      cache.client.on('menu.command', (payload: unknown) => {
        if (!isMenuCommand(payload)) return;
        if (payload.command === 'backups.take') takeSnapshotFromAnywhere(cache, ui, { locale });
      }),
    [cache, ui, locale],
  );
}
