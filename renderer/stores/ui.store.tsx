/** UI state that is not book data: where we are, what is open, the sidebar, passing notes. */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';

/** The sections; a detail page is `<kind>/<id>` (a person, a company, an order, a deal, a case). */
export const ROUTES = [
  'today',
  'contacts',
  'companies',
  'calls',
  'agenda',
  'products',
  'orders',
  'pipeline',
  'leads',
  'cases',
  'reports',
  'transfer',
  'backups',
  'audit',
  'trash',
  'settings',
] as const;
export type Section = (typeof ROUTES)[number];
export type DetailKind = 'people' | 'companies' | 'orders' | 'deals' | 'cases';
export type Route = Section | `${DetailKind}/${string}`;

const DETAIL = /^(people|companies|orders|deals|cases)\/([A-Za-z0-9_-]{1,64})$/u;

/** Where each kind of detail page belongs (a person's page belongs to Contacts, a deal's to the Pipeline). */
const DETAIL_SECTION: Record<DetailKind, Section> = {
  people: 'contacts',
  companies: 'companies',
  orders: 'orders',
  deals: 'pipeline',
  cases: 'cases',
};

/** The section a route belongs to. */
export function sectionOf(route: Route): Section {
  const m = DETAIL.exec(route);
  if (m) return DETAIL_SECTION[m[1] as DetailKind];
  return route as Section;
}

/** The id in a detail route, or null. */
export function detailId(route: Route, kind: DetailKind): string | null {
  const m = DETAIL.exec(route);
  return m && m[1] === kind ? (m[2] ?? null) : null;
}

export interface ToastAction {
  label: string;
  run(): void;
}

export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
  /** One button on the toast ("Undo", "Open"); choosing it also dismisses the toast. */
  action?: ToastAction | undefined;
  /** What the toast is about, so it can be taken down when that is done some other way. */
  key?: string | undefined;
}

export interface ToastOptions {
  action?: ToastAction;
  /** How long it stays, in ms (default 4 s, errors 8 s; 0 keeps it until dismissed). */
  durationMs?: number;
  /** A new toast with a key replaces the one showing with the same key; dismissKeyed() takes it down. */
  key?: string;
}

/** A dialog about a person: closed, or open for one (null: pick one in the dialog). */
export type PersonDialogState = { open: false } | { open: true; personId: string | null };

export interface UiState {
  route: Route;
  sidebarCollapsed: boolean;
  paletteOpen: boolean;
  shortcutsOpen: boolean;
  toasts: Toast[];
  logCall: PersonDialogState;
  newPersonOpen: boolean;
  newTask: PersonDialogState;
  listsEditorOpen: boolean;
  /** Bumped to ask the sidebar's search field to take focus. */
  searchFocusRequest: number;
  navigate(route: Route): void;
  toggleSidebar(): void;
  setPaletteOpen(open: boolean): void;
  setShortcutsOpen(open: boolean): void;
  toast(message: string, tone?: Toast['tone'], options?: ToastOptions): void;
  dismissToast(id: number): void;
  /** Takes down the toast with this key, if it is showing (its offer has been taken up elsewhere). */
  dismissKeyed(key: string): void;
  /** Opens the log-call dialog, with the person filled in when given. */
  openLogCall(personId?: string | null): void;
  closeLogCall(): void;
  openNewPerson(): void;
  closeNewPerson(): void;
  /** Opens the new-task dialog, linked to a person when given. */
  openNewTask(personId?: string | null): void;
  closeNewTask(): void;
  /** The editor of the call purpose and outcome lists. */
  openListsEditor(): void;
  closeListsEditor(): void;
  /** Puts the cursor in the global search (the palette's when the sidebar is hidden). */
  focusSearch(): void;
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
    logCall: { open: false },
    newPersonOpen: false,
    newTask: { open: false },
    listsEditorOpen: false,
    searchFocusRequest: 0,
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
    toast(message, tone = 'info', options = {}) {
      const id = nextToast++;
      const toast: Toast = { id, message, tone, action: options.action, key: options.key };
      set((s) => ({
        toasts: [...s.toasts.filter((t) => !options.key || t.key !== options.key).slice(-2), toast],
      }));
      const duration = options.durationMs ?? (tone === 'error' || options.action ? 8000 : 4000);
      if (duration > 0) setTimeout(() => get().dismissToast(id), duration);
    },
    dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
    dismissKeyed: (key) => set((s) => ({ toasts: s.toasts.filter((t) => t.key !== key) })),
    openLogCall: (personId = null) =>
      set({ logCall: { open: true, personId }, paletteOpen: false, shortcutsOpen: false }),
    closeLogCall: () => set({ logCall: { open: false } }),
    openNewPerson: () => set({ newPersonOpen: true, paletteOpen: false, shortcutsOpen: false }),
    closeNewPerson: () => set({ newPersonOpen: false }),
    openNewTask: (personId = null) =>
      set({ newTask: { open: true, personId }, paletteOpen: false, shortcutsOpen: false }),
    closeNewTask: () => set({ newTask: { open: false } }),
    openListsEditor: () => set({ listsEditorOpen: true, paletteOpen: false, shortcutsOpen: false }),
    closeListsEditor: () => set({ listsEditorOpen: false }),
    focusSearch() {
      if (get().sidebarCollapsed) set({ paletteOpen: true, shortcutsOpen: false });
      else
        set((s) => ({
          searchFocusRequest: s.searchFocusRequest + 1,
          paletteOpen: false,
          shortcutsOpen: false,
        }));
    },
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
