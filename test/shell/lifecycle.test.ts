import fs from 'node:fs';
import type { MenuItemConstructorOptions } from 'electron';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/api/errors.ts';
import type { BookGate, GateOptions } from '../../electron/backend/security/gate.ts';
import { runApp, type ShellDeps } from '../../electron/main/lifecycle.main.ts';
import { FakeBrowserWindow, FakeEvent, fakeApp, fakeSession } from './fakes.ts';

let userData: string;
beforeEach(() => {
  FakeBrowserWindow.instances = [];
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-userdata-'));
});
afterEach(() => fs.rmSync(userData, { recursive: true, force: true }));

/** The book's gate, open: requests reach `backend.invoke`. */
function fakeBook() {
  const invoke = vi.fn(async () => ({ ok: true as const, value: 'pong' }));
  const close = vi.fn(async () => undefined);
  const gate = {
    invoke,
    close,
    onOpen: (listener: (opened: unknown) => void) => {
      listener({});
      return () => {};
    },
    locked: () => null,
  } as unknown as BookGate;
  return { gate, backend: { invoke }, close };
}

function start(options: { gotLock?: boolean; openBook?: (o: GateOptions) => Promise<BookGate> } = {}) {
  const { app, fireReady } = fakeApp({ gotLock: options.gotLock, userData, version: '2.5.0' });
  const book = fakeBook();
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const deps = {
    app,
    BrowserWindow: FakeBrowserWindow,
    dialog: { showErrorBox: vi.fn() },
    ipcMain: {
      handle: vi.fn((channel: string, fn: (...args: unknown[]) => unknown) => handlers.set(channel, fn)),
      removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
    },
    Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    workAreas: vi.fn(() => [{ x: 0, y: 0, width: 1920, height: 1080 }]),
    defaultSession: vi.fn(() => session),
    shell: { openExternal: vi.fn(async () => undefined) },
    openBook: vi.fn(options.openBook ?? (async () => book.gate)),
    mainDir: '/app/out/main',
    platform: 'linux' as NodeJS.Platform,
    log: vi.fn(),
  };
  const session = fakeSession();
  const run = runApp(deps as unknown as ShellDeps);
  return { run, deps, app, fireReady, book, handlers, session };
}

describe('single instance', () => {
  it('quits when another instance holds the lock, before doing anything else', () => {
    const { run, app, deps } = start({ gotLock: false });
    expect(run.primary).toBe(false);
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(deps.openBook).not.toHaveBeenCalled();
    expect(app.listenerCount('web-contents-created')).toBe(0);
  });

  it('keeps running when it got the lock, and a second launch focuses the existing window', async () => {
    const { run, app, fireReady } = start();
    expect(run.primary).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    fireReady();
    await run.ready;
    const win = FakeBrowserWindow.instances[0];
    expect(win).toBeDefined();
    if (!win) return;
    win.minimized = true;
    app.emit('second-instance', new FakeEvent(), ['ledgerline'], '/');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });
});

describe('start-up', () => {
  it('registers app:// as privileged before ready, sandboxes every renderer and hardens web-contents', () => {
    const { deps, app } = start();
    expect(deps.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(app.listenerCount('web-contents-created')).toBe(1);
    expect(deps.openBook).not.toHaveBeenCalled();
  });

  it('on ready opens the book in userData/book, wires IPC, sets the menu and shows the window', async () => {
    const { run, deps, fireReady, handlers, session, book } = start();
    fireReady();
    await run.ready;

    expect(deps.openBook).toHaveBeenCalledWith(
      expect.objectContaining({ dataDir: path.join(userData, 'book'), host: 'desktop', appVersion: '2.5.0' }),
    );
    expect(deps.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(session.setPermissionRequestHandler).toHaveBeenCalled();
    expect(deps.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    expect(deps.dialog.showErrorBox).not.toHaveBeenCalled();

    const win = FakeBrowserWindow.instances[0];
    expect(win?.loadURL).toHaveBeenCalledWith('app://ledgerline/index.html');
    expect(win?.options.webPreferences?.preload).toBe(path.join('/app/out/preload/index.cjs'));

    // IPC reaches the backend from the window's own page, and only from there.
    const invoke = handlers.get('crm:invoke');
    expect(invoke).toBeDefined();
    const ok = await invoke?.(
      { sender: win?.webContents, senderFrame: win?.webContents.mainFrame },
      'app.info',
      {},
    );
    expect(ok).toEqual({ ok: true, value: 'pong' });
    const evil = { url: 'https://evil.example/', origin: 'https://evil.example', parent: null };
    const refused = await invoke?.({ sender: win?.webContents, senderFrame: evil }, 'app.info', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const calls = book.backend.invoke.mock.calls as unknown as unknown[][];
    const fromPages = calls.filter((c) => !String(c[0]).startsWith('reminders.'));
    expect(fromPages).toEqual([['app.info', {}]]);
    // The reminder scheduler caught up on missed reminders as soon as the book was open.
    expect(calls.some((c) => c[0] === 'reminders.due')).toBe(true);
  });

  it('forwards backend events to the window', async () => {
    let emit: GateOptions['emit'] = () => undefined;
    const book = fakeBook();
    const { run, fireReady } = start({
      openBook: async (options) => {
        emit = options.emit;
        return book.gate;
      },
    });
    fireReady();
    await run.ready;
    emit('db.changed', { seq: 1, tables: ['people'], ids: [] });
    expect(FakeBrowserWindow.instances[0]?.webContents.send).toHaveBeenCalledWith('crm:event', 'db.changed', {
      seq: 1,
      tables: ['people'],
      ids: [],
    });
  });

  it('File > Take a snapshot now brings the window forward and asks it (only it) to take one', async () => {
    const { run, deps, fireReady, book } = start();
    fireReady();
    await run.ready;
    const template = deps.Menu.buildFromTemplate.mock.calls[0]?.[0] as MenuItemConstructorOptions[];
    const file = template.find((m) => m.label === 'File')?.submenu as MenuItemConstructorOptions[];
    const item = file.find((i) => i.id === 'backups.take');
    expect(item?.label).toBe('Take a snapshot now');
    const win = FakeBrowserWindow.instances[0]!;
    win.minimized = true;
    (item?.click as () => void)();
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(win.webContents.send).toHaveBeenCalledWith('crm:event', 'menu.command', {
      command: 'backups.take',
    });
    // Not a backend request: nothing reached the book.
    const calls = book.backend.invoke.mock.calls as unknown as unknown[][];
    expect(calls.filter((c) => String(c[0]).startsWith('backups.'))).toEqual([]);
    // With the window gone, the item does nothing.
    const menuSends = () => win.webContents.send.mock.calls.filter((c: unknown[]) => c[1] === 'menu.command');
    expect(menuSends()).toHaveLength(1);
    win.close();
    (item?.click as () => void)();
    expect(menuSends()).toHaveLength(1);
  });

  it.each([
    ['BOOK_LOCKED', 'The customer book is already open'],
    ['BOOK_DAMAGED', 'The customer book is damaged'],
    ['BOOK_TOO_NEW', 'This customer book needs a newer Ledgerline'],
    ['READ_ONLY', 'Ledgerline cannot save its customer book'],
  ] as const)('shows %s in a dialog and exits with a non-zero code', async (code, title) => {
    const message = `Human explanation for ${code}.`;
    const { run, deps, app, fireReady } = start({
      openBook: async () => {
        throw new AppError(code, message);
      },
    });
    fireReady();
    await run.ready;
    expect(deps.dialog.showErrorBox).toHaveBeenCalledWith(title, message);
    expect(app.exit).toHaveBeenCalledWith(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(deps.ipcMain.handle).not.toHaveBeenCalled();
  });

  it('turns an unexpected failure into a plain dialog (no stack trace) and exits 1', async () => {
    const { run, deps, app, fireReady } = start({
      openBook: async () => {
        throw new TypeError('boom');
      },
    });
    fireReady();
    await run.ready;
    const [title, message] = deps.dialog.showErrorBox.mock.calls[0] as [string, string];
    expect(title).toBe('Ledgerline could not start');
    expect(message).toContain('boom');
    expect(message).not.toMatch(/\n\s+at /u);
    expect(app.exit).toHaveBeenCalledWith(1);
  });
});

describe('quitting', () => {
  it('closes the book on will-quit, then quits', async () => {
    const { run, app, fireReady, book, handlers } = start();
    fireReady();
    await run.ready;
    const event = new FakeEvent();
    app.emit('will-quit', event);
    expect(event.defaultPrevented).toBe(true);
    expect(book.close).toHaveBeenCalledTimes(1);
    expect(handlers.has('crm:invoke')).toBe(false);
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    // The second will-quit (from that quit) goes through.
    const again = new FakeEvent();
    app.emit('will-quit', again);
    expect(again.defaultPrevented).toBe(false);
    expect(book.close).toHaveBeenCalledTimes(1);
  });

  it('quits when the last window closes, except on macOS', async () => {
    const { run, app, fireReady } = start();
    fireReady();
    await run.ready;
    app.emit('window-all-closed');
    expect(app.quit).toHaveBeenCalledTimes(1);
  });
});

describe('entry points', () => {
  const mainDir = path.resolve(import.meta.dirname, '../../electron/main');
  const preloadDir = path.resolve(import.meta.dirname, '../../electron/preload');

  it('only main.ts and preload.ts import electron at run time; the rest take it as parameters', () => {
    const files = [
      ...fs.readdirSync(mainDir).map((f) => path.join(mainDir, f)),
      ...fs.readdirSync(preloadDir).map((f) => path.join(preloadDir, f)),
    ].filter((f) => f.endsWith('.ts'));
    const valueImports = files.filter((f) =>
      /^import\s+(?!type\b)[^;]*from\s+'electron'/mu.test(fs.readFileSync(f, 'utf8')),
    );
    expect(valueImports.map((f) => path.basename(f)).sort()).toEqual(['main.ts', 'preload.ts']);
  });
});
