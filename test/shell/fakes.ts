/**
 * Small stand-ins for the Electron objects the shell touches. The real binary cannot run here,
 * so every shell test drives the code with these (and vi.mock('electron') where a module imports
 * Electron itself).
 */
import { EventEmitter } from 'node:events';
import { vi, type Mock } from 'vitest';
import type { BrowserWindowConstructorOptions, WindowOpenHandlerResponse } from 'electron';

export class FakeEvent {
  defaultPrevented = false;
  preventDefault: Mock = vi.fn(() => {
    this.defaultPrevented = true;
  });
}

export interface FakeSession {
  setPermissionRequestHandler: Mock;
  setPermissionCheckHandler: Mock;
  setDevicePermissionHandler: Mock;
  setSpellCheckerEnabled: Mock;
  webRequest: { onBeforeRequest: Mock };
}

export function fakeSession(): FakeSession {
  return {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    setSpellCheckerEnabled: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn() },
  };
}

let frameCount = 0;

export class FakeFrame {
  url: string;
  origin: string | undefined;
  parent: FakeFrame | null = null;
  detached = false;
  frameToken = `frame-${(frameCount += 1)}`;
  constructor(url: string, origin?: string) {
    this.url = url;
    this.origin = origin;
  }
}

export class FakeWebContents extends EventEmitter {
  session: FakeSession;
  mainFrame: FakeFrame;
  windowOpenHandler: ((details: { url: string }) => WindowOpenHandlerResponse) | null = null;
  destroyed = false;
  send: Mock = vi.fn();
  constructor(url = 'app://ledgerline/index.html', session: FakeSession = fakeSession()) {
    super();
    this.session = session;
    this.mainFrame = new FakeFrame(url, new URL(url).protocol === 'app:' ? 'app://ledgerline' : undefined);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => WindowOpenHandlerResponse) {
    this.windowOpenHandler = handler;
  }
  isDestroyed() {
    return this.destroyed;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  options: BrowserWindowConstructorOptions;
  webContents = new FakeWebContents();
  destroyed = false;
  minimized = false;
  maximized = false;
  visible = false;
  bounds = { x: 100, y: 80, width: 1280, height: 820 };
  loadURL: Mock = vi.fn(() => Promise.resolve());
  show: Mock = vi.fn(() => {
    this.visible = true;
  });
  focus: Mock = vi.fn();
  restore: Mock = vi.fn(() => {
    this.minimized = false;
  });
  maximize: Mock = vi.fn(() => {
    this.maximized = true;
  });
  constructor(options: BrowserWindowConstructorOptions) {
    super();
    this.options = options;
    FakeBrowserWindow.instances.push(this);
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return this.minimized;
  }
  isMaximized() {
    return this.maximized;
  }
  isFullScreen() {
    return false;
  }
  isVisible() {
    return this.visible;
  }
  getNormalBounds() {
    return { ...this.bounds };
  }
  close() {
    this.emit('close', new FakeEvent());
    this.destroyed = true;
    this.emit('closed');
  }
}

export type FakeApp = EventEmitter & {
  isPackaged: boolean;
  requestSingleInstanceLock: Mock;
  quit: Mock;
  exit: Mock;
  whenReady: Mock;
  getPath: Mock;
  getVersion: Mock;
  enableSandbox: Mock;
  setAboutPanelOptions: Mock;
  setAppUserModelId: Mock;
};

/** A fake `app`: an event emitter with the methods the lifecycle calls. */
export function fakeApp(options: { gotLock?: boolean; userData?: string; version?: string } = {}): {
  app: FakeApp;
  fireReady: () => void;
} {
  const app = new EventEmitter() as FakeApp;
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });
  Object.assign(app, {
    isPackaged: false,
    requestSingleInstanceLock: vi.fn(() => options.gotLock ?? true),
    quit: vi.fn(),
    exit: vi.fn(),
    whenReady: vi.fn(() => ready),
    getPath: vi.fn((name: string) =>
      name === 'userData' ? (options.userData ?? '/tmp/ledgerline-user') : '/tmp',
    ),
    getVersion: vi.fn(() => options.version ?? '1.2.3'),
    enableSandbox: vi.fn(),
    setAboutPanelOptions: vi.fn(),
    setAppUserModelId: vi.fn(),
  });
  return { app, fireReady: () => resolveReady() };
}
