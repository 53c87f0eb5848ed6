/**
 * electron/main/main.ts itself, with `electron` (and the book opener) mocked: proves that the
 * entry point hands the real modules to runApp and that the single-instance rule holds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, fakeApp, fakeSession } from './fakes.ts';

let userData: string;
beforeEach(() => {
  vi.resetModules();
  FakeBrowserWindow.instances = [];
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-main-'));
});
afterEach(() => {
  vi.doUnmock('electron');
  vi.doUnmock('../../electron/backend/security/gate.ts');
  fs.rmSync(userData, { recursive: true, force: true });
});

function mockElectron(gotLock: boolean) {
  const { app, fireReady } = fakeApp({ gotLock, userData, version: '0.9.0' });
  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    dialog: { showErrorBox: vi.fn() },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    Menu: { buildFromTemplate: vi.fn((t: unknown) => t), setApplicationMenu: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    screen: { getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]) },
    session: { defaultSession: fakeSession() },
    shell: { openExternal: vi.fn() },
    safeStorage: {
      isEncryptionAvailable: vi.fn(() => true),
      getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
      encryptString: vi.fn(),
      decryptString: vi.fn(),
    },
  };
  vi.doMock('electron', () => ({ ...electron, default: electron }));
  const openGatedBook = vi.fn(async () => ({
    invoke: vi.fn(),
    close: vi.fn(async () => undefined),
    onOpen: () => () => {},
  }));
  vi.doMock('../../electron/backend/security/gate.ts', () => ({ openGatedBook }));
  return { electron, fireReady, openGatedBook };
}

describe('main.ts', () => {
  it('quits at once when another instance is running', async () => {
    const { electron } = mockElectron(false);
    await import('../../electron/main/main.ts');
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
    expect(electron.app.quit).toHaveBeenCalledTimes(1);
    expect(electron.app.whenReady).not.toHaveBeenCalled();
  });

  it('starts the app with the real modules when it holds the lock', async () => {
    const { electron, fireReady, openGatedBook } = mockElectron(true);
    await import('../../electron/main/main.ts');
    expect(electron.app.quit).not.toHaveBeenCalled();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    fireReady();
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
    expect(openGatedBook).toHaveBeenCalledWith(
      expect.objectContaining({ dataDir: path.join(userData, 'book'), host: 'desktop', appVersion: '0.9.0' }),
    );
    // The OS keychain reaches the gate, from Electron's safeStorage.
    const { keychain } = (
      openGatedBook.mock.calls[0] as unknown as [{ keychain: { available(): boolean } }]
    )[0];
    expect(keychain.available()).toBe(true);
    electron.safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text');
    expect(keychain.available()).toBe(false);
    expect(electron.screen.getAllDisplays).toHaveBeenCalled();
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(electron.ipcMain.handle).toHaveBeenCalledWith('crm:invoke', expect.any(Function));
    const preload = FakeBrowserWindow.instances[0]?.options.webPreferences?.preload ?? '';
    expect(preload.endsWith(path.join('preload', 'index.cjs'))).toBe(true);
  });
});
