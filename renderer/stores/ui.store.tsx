/** UI state that is not book data: where we are, what is open, the sidebar, passing notes. */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';

/** The sections; a detail page is `people/<id>` or `companies/<id>`. */
export const ROUTES = ['today', 'contacts', 'companies', 'calls', 'agenda', 'trash', 'settings'] as const;
export type Section = (typeof ROUTES)[number];
export type Route = Section | `people/${string}` | `companies/${string}`;

const DETAIL = /^(people|companies)\/([A-Za-z0-9_-]{1,64})$/u;

/** The section a route belongs to (a person's page belongs to Contacts). */
export function sectionOf(route: Route): Section {
  if (route.startsWith('people/')) return 'contacts';
  if (route.startsWith('companies/')) return 'companies';
  return route as Section;
}

/** The id in a detail route, or null. */
export function detailId(route: Route, kind: 'people' | 'companies'): string | null {
  const m = DETAIL.exec(route);
  return m && m[1] === kind ? (m[2] ?? null) : null;
}

export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
}

export interface UiState {
  route: Route;
  sidebarCollapsed: boolean;
  paletteOpen: boolean;
  shortcutsOpen: boolean;
  toasts: Toast[];
  navigate(route: Route): void;
  toggleSidebar(): void;
  setPaletteOpen(open: boolean): void;
  setShortcutsOpen(open: boolean): void;
  toast(message: string, tone?: Toast['tone']): void;
  dismissToast(id: number): void;
}

const SIDEBAR_KEY = 'ledgerline.sidebarCollapsed';

export function routeFromHash(hash: string): Route {
  const name = decodeURIComponent(hash.replace(/^#\/?/u, ''));
  if ((ROUTES as readonly string[]).includes(name)) return name as Route;
  return DETAIL.test(name) ? (name as Route) : 'today';
}

function readFlag(storage: Storage | undefined, key: string): boolean {
  try {
    return storage?.getItem(key) === '1';
  } catch {
    return false;
  }
}

export function createUiStore(options: { storage?: Storage; initialRoute?: Route } = {}): StoreApi<UiState> {
  const { storage } = options;
  let nextToast = 1;
  return createStore<UiState>((set, get) => ({
    route: options.initialRoute ?? 'today',
    sidebarCollapsed: readFlag(storage, SIDEBAR_KEY),
    paletteOpen: false,
    shortcutsOpen: false,
    toasts: [],
    navigate: (route) => set({ route }),
    toggleSidebar() {
      const collapsed = !get().sidebarCollapsed;
      set({ sidebarCollapsed: collapsed });
      try {
        storage?.setItem(SIDEBAR_KEY, collapsed ? '1' : '0');
      } catch {
        // Not remembered; nothing else breaks.
      }
    },
    setPaletteOpen: (paletteOpen) =>
      set(paletteOpen ? { paletteOpen, shortcutsOpen: false } : { paletteOpen }),
    setShortcutsOpen: (shortcutsOpen) =>
      set(shortcutsOpen ? { shortcutsOpen, paletteOpen: false } : { shortcutsOpen }),
    toast(message, tone = 'info') {
      const id = nextToast++;
      set((s) => ({ toasts: [...s.toasts.slice(-2), { id, message, tone }] }));
      setTimeout(() => get().dismissToast(id), tone === 'error' ? 8000 : 4000);
    },
    dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  }));
}

const UiContext = createContext<StoreApi<UiState> | null>(null);

export function UiProvider({ store, children }: { store: StoreApi<UiState>; children: ReactNode }) {
  return <UiContext value={store}>{children}</UiContext>;
}

export function useUiStore(): StoreApi<UiState> {
  const store = useContext(UiContext);
  if (!store) throw new Error('useUi() needs a <UiProvider> above it.');
  return store;
}

export function useUi<T>(selector: (state: UiState) => T): T {
  return useStore(useUiStore(), selector);
}
