import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserWindow, WebContents } from 'electron';
import { appPaths } from '../../electron/main/paths.main.ts';
import { DEFAULT_WINDOW_STATE, MIN_HEIGHT, MIN_WIDTH } from '../../electron/main/window-state.main.ts';
import {
  createMainWindow,
  createWindowRegistry,
  focusWindow,
  type BrowserWindowCtor,
} from '../../electron/main/window.main.ts';
import { FakeBrowserWindow } from './fakes.ts';

let dir: string;
beforeEach(() => {
  FakeBrowserWindow.instances = [];
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-window-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function open(state = { ...DEFAULT_WINDOW_STATE }) {
  const registry = createWindowRegistry();
  const preloadPath = appPaths('/app/out/main').preload;
  const win = createMainWindow({
    BrowserWindow: FakeBrowserWindow as unknown as BrowserWindowCtor,
    preloadPath,
    state,
    stateFile: path.join(dir, 'window-state.json'),
    registry,
  }) as unknown as FakeBrowserWindow;
  return { win, registry, preloadPath };
}

describe('main window', () => {
  it('is sandboxed and context-isolated, with no Node and no <webview>', () => {
    const { win, preloadPath } = open();
    const prefs = win.options.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: true,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(prefs?.preload).toBe(preloadPath);
    expect(preloadPath).toBe(path.join('/app/out/preload/index.cjs'));
  });

  it('stays hidden until ready-to-show, has a minimum size and a background colour', () => {
    const { win } = open();
    expect(win.options.show).toBe(false);
    expect(win.options.minWidth).toBe(MIN_WIDTH);
    expect(win.options.minHeight).toBe(MIN_HEIGHT);
    expect(win.options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/iu);
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledTimes(1);
  });

  it('loads the app page from app://, never file://', () => {
    const { win } = open();
    expect(win.loadURL).toHaveBeenCalledWith('app://ledgerline/index.html');
  });

  it('uses the saved geometry, or lets the OS centre it', () => {
    const placed = open({ width: 1000, height: 700, x: 40, y: 30, maximized: true }).win;
    expect(placed.options).toMatchObject({ width: 1000, height: 700, x: 40, y: 30 });
    expect(placed.options.center).toBeUndefined();
    expect(placed.maximize).toHaveBeenCalled();

    const centred = open().win;
    expect(centred.options.center).toBe(true);
    expect(centred.options.x).toBeUndefined();
    expect(centred.maximize).not.toHaveBeenCalled();
  });

  it('is registered while open and forgotten once closed', () => {
    const { win, registry } = open();
    const contents = win.webContents as unknown as WebContents;
    expect(registry.owns(contents)).toBe(true);
    expect(registry.all()).toEqual([win]);
    win.close();
    expect(registry.owns(contents)).toBe(false);
    expect(registry.all()).toEqual([]);
  });

  it('is restored, shown and focused for a second instance', () => {
    const { win } = open();
    win.minimized = true;
    focusWindow(win as unknown as BrowserWindow);
    expect(win.restore).toHaveBeenCalled();
    expect(win.show).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(() => focusWindow(undefined)).not.toThrow();
  });
});
