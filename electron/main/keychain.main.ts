/**
 * The OS keychain for encrypted books, from Electron's safeStorage: DPAPI on Windows, the Keychain
 * on macOS, libsecret or KWallet on Linux. Where Linux has none of those, safeStorage falls back
 * to 'basic_text' (a fixed, well-known key: as good as clear text), and this keychain says it is
 * not available, so the book's key is kept behind a passphrase instead.
 */
import type { SafeStorage } from 'electron';
import type { Keychain } from '../backend/security/key-envelope.ts';

export type SafeStorageApi = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

export function safeStorageKeychain(safeStorage: SafeStorageApi, platform: NodeJS.Platform): Keychain {
  return {
    available() {
      if (!safeStorage.isEncryptionAvailable()) return false;
      if (platform !== 'linux') return true;
      const backend = safeStorage.getSelectedStorageBackend();
      return backend !== 'basic_text' && backend !== 'unknown';
    },
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data),
  };
}
