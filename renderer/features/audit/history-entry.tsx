/**
 * The "History…" entry of a record's More menu (a person, a company, an order, a deal, a case):
 * opens the Audit trail filtered to that record and what it owns.
 */
import { History } from 'lucide-react';
import type { StoreApi } from 'zustand';
import type { UiState } from '../../stores/ui.store.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import type { MenuEntry } from '../../ui/Menu.tsx';
import { showHistory, type AuditRecordRef } from './audit-intents.ts';

export function historyEntry(ui: StoreApi<UiState>, record: AuditRecordRef): MenuEntry {
  return {
    id: 'history',
    label: 'History…',
    icon: <History size={ICON.inline} strokeWidth={STROKE} />,
    onSelect: () => showHistory(ui, record),
  };
}
