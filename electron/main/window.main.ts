/**
 * The main window: sandboxed, context-isolated, no Node in the page, only the preload's
 * window.crm. Hidden until the first paint, and it remembers where it was.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, WebContents } from 'electron';
import { APP_ENTRY_URL } from './origin.main.ts';
import { MIN_HEIGHT, MIN_WIDTH, trackWindowState, type WindowState } from './window-state.main.ts';

export const WINDOW_BACKGROUND = '#f6f5f2';

/** Size and position from the saved state; without a saved position the OS centres the window. */
export function windowGeometry(state: WindowState): BrowserWindowConstructorOptions {
  const geometry: BrowserWindowConstructorOptions = { width: state.width, height: state.height };
  if (state.x !== undefined && state.y !== undefined) {
    geometry.x = state.x;
    geometry.y = state.y;
  } else {
    geometry.center = true;
  }
  return geometry;
}

/** Windows this app created; the IPC sender check asks it whether a sender is one of ours. */
export interface WindowRegistry {
  add(win: BrowserWindow): void;
  /** True when `contents` belongs to a live window created here. */
  owns(contents: WebContents): boolean;
  /** Live windows, oldest first. */
  all(): BrowserWindow[];
}

export function createWindowRegistry(): WindowRegistry {
  const entries = new Map<BrowserWindow, WebContents>();
  const live = (win: BrowserWindow) => !win.isDestroyed();
  return {
    add(win) {
      entries.set(win, win.webContents);
      win.on('closed', () => entries.delete(win));
    },
    owns(contents) {
      for (const [win, own] of entries) if (own === contents && live(win)) return true;
      return false;
    },
    all() {
      return [...entries.keys()].filter(live);
    },
  };
}

export type BrowserWindowCtor = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

export interface CreateWindowOptions {
  BrowserWindow: BrowserWindowCtor;
  preloadPath: string;
  state: WindowState;
  stateFile: string;
  registry: WindowRegistry;
  url?: string;
  log?: (message: string, err?: unknown) => void;
}

export function createMainWindow(options: CreateWindowOptions): BrowserWindow {
  const { BrowserWindow } = options;
  // The options stay an inline literal so that Electronegativity can read the webPreferences.
  const win = new BrowserWindow({
    ...windowGeometry(options.state),
    title: 'Ledgerline',
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    backgroundColor: WINDOW_BACKGROUND,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
      // Middle-click must not open anything (the window-open handler denies it as well).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  options.registry.add(win);
  if (options.state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  trackWindowState(win, {
    file: options.stateFile,
    onError: (err) => options.log?.('Could not save the window position', err),
  });
  win
    .loadURL(options.url ?? APP_ENTRY_URL)
    .catch((err: unknown) => options.log?.('Could not load the app page', err));
  return win;
}

/** 'second-instance': bring the existing window back instead of opening another book. */
export function focusWindow(win: BrowserWindow | undefined): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}
