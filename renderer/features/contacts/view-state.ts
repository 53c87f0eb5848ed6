/**
 * What a list screen remembers: the column choice and the sort survive restarts (localStorage,
 * per list); the filters, scroll position and active row survive leaving the screen and coming
 * back (kept per app instance, for this session).
 */
import type { StoreApi } from 'zustand';
import type { UiState } from '../../stores/ui.store.tsx';

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

export function readStored<T>(key: string, valid: (value: unknown) => value is T, fallback: T): T {
  try {
    const raw = storage()?.getItem(key);
    if (!raw) return fallback;
    const value: unknown = JSON.parse(raw);
    return valid(value) ? value : fallback;
  } catch {
    return fallback;
  }
}

export function writeStored(key: string, value: unknown) {
  try {
    storage()?.setItem(key, JSON.stringify(value));
  } catch {
    // Not remembered; nothing else breaks.
  }
}

export function columnsKey(list: string) {
  return `ledgerline.columns.${list}`;
}

export function sortKey(list: string) {
  return `ledgerline.sort.${list}`;
}

/** Session memory for one list, per app instance. */
const sessions = new WeakMap<StoreApi<UiState>, Map<string, unknown>>();

export function sessionGet<T>(ui: StoreApi<UiState>, key: string): T | undefined {
  return sessions.get(ui)?.get(key) as T | undefined;
}

export function sessionSet(ui: StoreApi<UiState>, key: string, value: unknown) {
  let map = sessions.get(ui);
  if (!map) {
    map = new Map();
    sessions.set(ui, map);
  }
  map.set(key, value);
}
