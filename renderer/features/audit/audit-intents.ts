/**
 * What the Audit trail screen is asked to show from elsewhere: one record's history (a person's
 * page › More › History…). Kept per app instance (beside the UI store), so tests and windows never
 * share it.
 */
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AuditTable } from '../../../shared/domain/audit.ts';
import type { UiState } from '../../stores/ui.store.tsx';

export interface AuditRecordRef {
  table: AuditTable;
  id: string;
  /** Its name, for the filter's chip ("History of Ann Lee"). */
  label: string;
}

export interface AuditIntents {
  record: AuditRecordRef | null;
}

const stores = new WeakMap<StoreApi<UiState>, StoreApi<AuditIntents>>();

export function auditIntents(ui: StoreApi<UiState>): StoreApi<AuditIntents> {
  let store = stores.get(ui);
  if (!store) {
    store = createStore<AuditIntents>(() => ({ record: null }));
    stores.set(ui, store);
  }
  return store;
}

export function useAuditIntents<T>(ui: StoreApi<UiState>, select: (s: AuditIntents) => T): T {
  return useStore(auditIntents(ui), select);
}

/** Opens the Audit trail on one record's history. */
export function showHistory(ui: StoreApi<UiState>, record: AuditRecordRef): void {
  auditIntents(ui).setState({ record });
  ui.getState().navigate('audit');
}
