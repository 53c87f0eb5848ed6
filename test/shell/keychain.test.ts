/** The keychain an encrypted book's key is kept in, from Electron's safeStorage (faked here). */
import { describe, expect, it, vi } from 'vitest';
import { safeStorageKeychain, type SafeStorageApi } from '../../electron/main/keychain.main.ts';

function fakeSafeStorage(available: boolean, backend: string): SafeStorageApi {
  return {
    isEncryptionAvailable: vi.fn(() => available),
    getSelectedStorageBackend: vi.fn(() => backend) as unknown as SafeStorageApi['getSelectedStorageBackend'],
    encryptString: vi.fn((s: string) => Buffer.from(`wrapped:${s}`)),
    decryptString: vi.fn((b: Buffer) => b.toString().replace(/^wrapped:/u, '')),
  };
}

describe('the OS keychain', () => {
  it('is available on Windows and macOS whenever safeStorage can encrypt', () => {
    for (const platform of ['win32', 'darwin'] as const) {
      expect(safeStorageKeychain(fakeSafeStorage(true, 'unknown'), platform).available()).toBe(true);
      expect(safeStorageKeychain(fakeSafeStorage(false, 'unknown'), platform).available()).toBe(false);
    }
  });

  it('is not available on Linux when safeStorage falls back to its plain-text store', () => {
    expect(safeStorageKeychain(fakeSafeStorage(true, 'gnome_libsecret'), 'linux').available()).toBe(true);
    expect(safeStorageKeychain(fakeSafeStorage(true, 'kwallet5'), 'linux').available()).toBe(true);
    expect(safeStorageKeychain(fakeSafeStorage(true, 'basic_text'), 'linux').available()).toBe(false);
    expect(safeStorageKeychain(fakeSafeStorage(true, 'unknown'), 'linux').available()).toBe(false);
    expect(safeStorageKeychain(fakeSafeStorage(false, 'gnome_libsecret'), 'linux').available()).toBe(false);
  });

  it('wraps and unwraps through safeStorage', () => {
    const storage = fakeSafeStorage(true, 'gnome_libsecret');
    const keychain = safeStorageKeychain(storage, 'linux');
    const wrapped = keychain.encrypt('abc');
    expect(storage.encryptString).toHaveBeenCalledWith('abc');
    expect(keychain.decrypt(wrapped)).toBe('abc');
  });
});
