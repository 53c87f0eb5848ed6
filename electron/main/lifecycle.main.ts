/**
 * The app's life: one instance, the app:// scheme, the security checklist, then on 'ready' the
 * customer book, IPC, the menu and the window. Every Electron piece arrives as a parameter so a
 * test can drive the whole start-up with fakes.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { App, BrowserWindow, Dialog, IpcMain, Menu, Protocol, Rectangle, Shell } from 'electron';
import { createEventHub } from '../backend/event-hub.ts';
import { logLine } from '../backend/log-line.ts';
import type { BookGate } from '../backend/security/gate.ts';
import { describeStartupFailure, openDesktopBook, type OpenBook } from './book.main.ts';
import { safeStorageKeychain, type SafeStorageApi } from './keychain.main.ts';
import { fileDialogs } from './dialogs.main.ts';
import { CRM_EVENT_CHANNEL, forwardEvents, registerIpc } from './ipc.main.ts';
import { notifyReminders, type NotificationApi } from './notifications.main.ts';
import { startReminderScheduler } from '../backend/reminders/reminder.scheduler.ts';
import { buildMenuTemplate } from './menu.main.ts';
import type { MenuCommand } from '../../shared/api/events.ts';
import { appPaths, bookDirIn, windowStateFileIn } from './paths.main.ts';
import { installAppProtocol, registerAppScheme } from './protocol.main.ts';
import { hardenSession, installSecurity, type HardenedSession } from './security.main.ts';
import { readWindowState } from './window-state.main.ts';
import {
  createMainWindow,
  createWindowRegistry,
  focusWindow,
  type BrowserWindowCtor,
} from './window.main.ts';

export const APP_USER_MODEL_ID = 'app.ledgerline.crm';

export interface ShellDeps {
  app: Pick<
    App,
    | 'requestSingleInstanceLock'
    | 'quit'
    | 'exit'
    | 'on'
    | 'whenReady'
    | 'getPath'
    | 'getVersion'
    | 'isPackaged'
    | 'enableSandbox'
    | 'setAboutPanelOptions'
    | 'setAppUserModelId'
  >;
  BrowserWindow: BrowserWindowCtor;
  dialog: Pick<Dialog, 'showErrorBox' | 'showOpenDialog' | 'showSaveDialog'>;
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  Menu: Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>;
  protocol: Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
  /** Display work areas; only called after 'ready' (the screen module needs it). */
  workAreas: () => Rectangle[];
  defaultSession: () => HardenedSession;
  shell: Pick<Shell, 'openExternal'>;
  openBook: OpenBook;
  /** Electron's safeStorage, which keeps an encrypted book's key in the OS keychain. */
  safeStorage?: SafeStorageApi;
  /** The folder of the main bundle (out/main). */
  mainDir: string;
  platform: NodeJS.Platform;
  /** OS notifications for task reminders; absent where the platform has none. */
  notifications?: NotificationApi;
  /** The clock reminders run on (tests pass a fixed one). */
  clock?: () => number;
  log?: (message: string, err?: unknown) => void;
}

export interface AppRun {
  /** False when another instance already runs; this one quits. */
  primary: boolean;
  /** Settles when start-up has finished (or failed and asked to exit). */
  ready: Promise<void>;
}

function defaultLog(message: string, err?: unknown): void {
  process.stderr.write(`[ledgerline] ${logLine(message, err)}`);
}

export function runApp(deps: ShellDeps): AppRun {
  const { app, platform } = deps;
  const log = deps.log ?? defaultLog;

  // Before 'ready', and before anything can quit: app:// must be privileged from the start.
  registerAppScheme(deps.protocol);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { primary: false, ready: Promise.resolve() };
  }

  app.enableSandbox();
  if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  installSecurity(app, { openExternal: (url) => deps.shell.openExternal(url), platform });

  const paths = appPaths(deps.mainDir);
  const registry = createWindowRegistry();
  const hub = createEventHub((err) => log('An event listener failed', err));
  let opened: BookGate | null = null;
  let stopIpc: (() => void) | null = null;
  let stopEvents: (() => void) | null = null;
  let stopReminders: (() => void) | null = null;

  const openWindow = (): BrowserWindow => {
    const stateFile = windowStateFileIn(app.getPath('userData'));
    return createMainWindow({
      BrowserWindow: deps.BrowserWindow,
      preloadPath: paths.preload,
      state: readWindowState(stateFile, deps.workAreas()),
      stateFile,
      registry,
      log,
    });
  };

  app.on('second-instance', () => focusWindow(registry.all()[0]));
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (opened && registry.all().length === 0) openWindow();
  });
  app.on('will-quit', (event) => {
    const book = opened;
    if (!book) return;
    opened = null;
    event.preventDefault();
    stopReminders?.();
    stopIpc?.();
    stopEvents?.();
    book
      .close()
      .catch((err: unknown) => log('Closing the customer book failed', err))
      .finally(() => app.quit());
  });

  /** Brings the window forward and tells it what the menu asked for (only that window acts). */
  const sendMenuCommand = (command: MenuCommand['command']) => {
    const win = registry.all()[0];
    if (!win || win.isDestroyed() || win.webContents.isDestroyed()) return;
    focusWindow(win);
    win.webContents.send(CRM_EVENT_CHANNEL, 'menu.command', { command } satisfies MenuCommand);
  };

  const fail = (title: string, message: string) => {
    deps.dialog.showErrorBox(title, message);
    app.exit(1);
  };

  const ready = app
    .whenReady()
    .then(async () => {
      hardenSession(deps.defaultSession(), { platform });
      installAppProtocol(deps.protocol, paths.renderer);
      app.setAboutPanelOptions({ applicationName: 'Ledgerline', applicationVersion: app.getVersion() });

      const result = await openDesktopBook({
        openBook: deps.openBook,
        keychain: deps.safeStorage ? safeStorageKeychain(deps.safeStorage, platform) : null,
        dataDir: bookDirIn(app.getPath('userData')),
        appVersion: app.getVersion(),
        emit: (event, payload) => hub.emit(event, payload),
        log,
        jobsWorker: pathToFileURL(path.join(deps.mainDir, 'jobs.worker.js')),
        dialogs: fileDialogs(
          deps.dialog,
          () => registry.all()[0],
          () => app.getPath('documents'),
        ),
      });
      if (!result.ok) {
        fail(result.failure.title, result.failure.message);
        return;
      }
      // An encrypted book may be locked: the window opens all the same and asks for its key.
      const gate = result.gate;
      opened = gate;
      stopIpc = registerIpc({
        ipcMain: deps.ipcMain,
        backend: gate,
        owns: (contents) => registry.owns(contents),
        log,
      });
      stopEvents = forwardEvents(hub, () => registry.all());
      deps.Menu.setApplicationMenu(
        deps.Menu.buildFromTemplate(
          buildMenuTemplate(platform, app.isPackaged, 'Ledgerline', {
            takeSnapshot: () => sendMenuCommand('backups.take'),
          }),
        ),
      );
      openWindow();
      // Reminders: missed ones are raised at once (catch-up), then checked every 30 s.
      const stopNotifying = deps.notifications
        ? notifyReminders({
            hub,
            notifications: deps.notifications,
            focus: () => focusWindow(registry.all()[0]),
            log,
          })
        : () => {};
      // Reminders are looked up once the book is open (at once, or when it is unlocked).
      let stopScheduler = () => {};
      let started = false;
      const stopWaiting = gate.onOpen(() => {
        if (started) return;
        started = true;
        stopScheduler = startReminderScheduler({
          backend: gate,
          emit: (event, payload) => hub.emit(event, payload),
          clock: deps.clock ?? Date.now,
          log,
        });
      });
      stopReminders = () => {
        stopWaiting();
        stopScheduler();
        stopNotifying();
      };
    })
    .catch((err: unknown) => {
      log('Start-up failed', err);
      const failure = describeStartupFailure(err);
      fail(failure.title, failure.message);
    });

  return { primary: true, ready };
}
