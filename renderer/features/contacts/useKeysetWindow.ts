/** React face of the keyset window: one window per list identity, refreshed when its tables change. */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { TableName } from '../../../shared/api/requests.ts';
import type { Page } from '../../../shared/domain/people.ts';
import type { StoreApi } from 'zustand';
import { useCache } from '../../stores/query.hooks.tsx';
import type { UiState } from '../../stores/ui.store.tsx';
import {
  createKeysetWindow,
  type KeysetAnchors,
  type KeysetSnapshot,
  type KeysetWindow,
} from './keyset-window.ts';
import { sessionGet, sessionSet } from './view-state.ts';

/**
 * Where a window outlives its screen: leaving a list and coming back (or the list beside a
 * person's page) reuses the pages already read, refreshed, instead of starting from nothing.
 */
export interface WindowSlot {
  ui: StoreApi<UiState>;
  name: string;
}

interface Held<Row> {
  key: string;
  win: KeysetWindow<Row>;
}

function obtain<Row>(
  key: string,
  fetchPage: (cursor: string | null, limit: number) => Promise<Page<Row>>,
  pageSize: number,
  slot: WindowSlot | undefined,
): Held<Row> & { reused: boolean } {
  const held = slot ? sessionGet<Held<Row>>(slot.ui, slot.name) : undefined;
  if (held && held.key === key) return { ...held, reused: true };
  held?.win.dispose();
  const fresh = { key, win: createKeysetWindow<Row>({ fetchPage, pageSize }) };
  if (slot) sessionSet(slot.ui, slot.name, fresh);
  return { ...fresh, reused: false };
}

export function useKeysetWindow<Row>(
  /** The list's identity (sort, direction, filter): a new key starts a new window. */
  key: string,
  fetchPage: (cursor: string | null, limit: number) => Promise<Page<Row>>,
  tables: readonly TableName[],
  pageSize = 100,
  slot?: WindowSlot,
  /** Where every so many rows start (people.anchors): the whole list is then one fetch away. */
  anchors?: KeysetAnchors | null,
): { win: KeysetWindow<Row>; snap: KeysetSnapshot } {
  const cache = useCache();
  const [state, setState] = useState(() => obtain(key, fetchPage, pageSize, slot));
  let current = state;
  if (state.key !== key) {
    // A new list: start afresh during render so the old rows never show under the new heading.
    current = obtain(key, fetchPage, pageSize, slot);
    setState(current);
  }
  const { win, reused } = current;

  useEffect(() => {
    // Paused rather than disposed when unmounted: React may mount the same screen twice, and a
    // kept window is picked up again by the next visit. Rows kept from an earlier visit may be
    // out of date, so the ones in view are read again.
    win.resume();
    if (reused) win.refresh();
    return () => win.pause();
  }, [win, reused]);

  useEffect(() => {
    if (anchors !== undefined) win.setAnchors(anchors);
  }, [win, anchors]);

  const tablesKey = tables.join(',');
  useEffect(() => {
    const watched = new Set(tablesKey.split(','));
    let queued = false;
    const refresh = () => {
      if (queued) return;
      queued = true;
      queueMicrotask(() => {
        queued = false;
        win.refresh();
      });
    };
    const off = cache.client.on('db.changed', (event) => {
      if (event.tables.some((t) => watched.has(t))) refresh();
    });
    // Changes made while this window slept are caught up when it comes back.
    const onFocus = () => refresh();
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      off();
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [cache, win, tablesKey]);

  const snap = useSyncExternalStore(win.subscribe, win.getSnapshot);
  return { win, snap };
}
