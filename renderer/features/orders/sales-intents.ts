/**
 * What the sales screens are asked to do from elsewhere (the palette, a person's page): open the
 * new-product dialog, start an order for a customer, filter the orders by a customer. Kept per app
 * instance (beside the UI store), so tests and windows never share it.
 */
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Company, Person } from '../../../shared/domain/people.ts';
import type { QueryCache } from '../../stores/query.store.ts';
import { detailId, type UiState } from '../../stores/ui.store.tsx';

export interface CustomerRef {
  personId?: string | null;
  personName?: string | null;
  companyId?: string | null;
  companyName?: string | null;
}

export interface SalesIntents {
  /** Whether the Products screen shows "New product" (asked for from anywhere). */
  newProductOpen: boolean;
  /** Who a new order is for, when it was started from a person's or company's page. */
  newOrderFor: CustomerRef | null;
  /** A customer the Orders list is filtered by. */
  ordersFor: CustomerRef | null;
}

const stores = new WeakMap<StoreApi<UiState>, StoreApi<SalesIntents>>();

export function salesIntents(ui: StoreApi<UiState>): StoreApi<SalesIntents> {
  let store = stores.get(ui);
  if (!store) {
    store = createStore<SalesIntents>(() => ({ newProductOpen: false, newOrderFor: null, ordersFor: null }));
    stores.set(ui, store);
  }
  return store;
}

export function useSalesIntents<T>(ui: StoreApi<UiState>, select: (s: SalesIntents) => T): T {
  return useStore(salesIntents(ui), select);
}

/** Opens a new order, for a customer when given. */
export function startNewOrder(ui: StoreApi<UiState>, customer: CustomerRef | null = null) {
  salesIntents(ui).setState({ newOrderFor: customer });
  ui.getState().navigate('orders/new');
}

/** Opens the Products screen with "New product" open. */
export function startNewProduct(ui: StoreApi<UiState>) {
  salesIntents(ui).setState({ newProductOpen: true });
  ui.getState().navigate('products');
}

/** Opens the Orders list filtered by one customer. */
export function showOrdersFor(ui: StoreApi<UiState>, customer: CustomerRef) {
  salesIntents(ui).setState({ ordersFor: customer });
  ui.getState().navigate('orders');
}

/** The person or company whose page is open, with the names the cache already holds. */
export function customerOnPage(ui: StoreApi<UiState>, cache: QueryCache): CustomerRef | null {
  const route = ui.getState().route;
  const personId = detailId(route, 'people');
  const companyId = detailId(route, 'companies');
  const entries = cache.store.getState().entries;
  if (personId) {
    const p = entries[cache.keyOf('people.get', { id: personId })]?.data as Person | undefined;
    return {
      personId,
      personName: p?.displayName ?? null,
      companyId: p?.companyId ?? null,
      companyName: p?.companyName ?? null,
    };
  }
  if (companyId) {
    const c = entries[cache.keyOf('companies.get', { id: companyId })]?.data as Company | undefined;
    return { companyId, companyName: c?.name ?? null };
  }
  return null;
}
