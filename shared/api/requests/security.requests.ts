/**
 * Encryption at rest (issue 6): a book can be encrypted with a key that is never stored in clear.
 *
 * - The key is 160 random bits. On Windows, macOS and a Linux desktop with a keyring, the OS
 *   keychain protects it (Electron safeStorage), so the book opens by itself on this computer.
 *   Where the keychain would store it in clear (some Linux desktops, the browser preview), a
 *   passphrase protects it instead and is asked at every start.
 * - The recovery key is the key itself, written as 36 letters and digits in 9 groups. It is shown
 *   once, when the book is encrypted, to be printed or saved: with it the book (and every snapshot
 *   of it) opens on any computer, when the keychain is lost or the passphrase forgotten.
 * - Snapshots of an encrypted book are encrypted with the same key.
 *
 * While an encrypted book cannot be opened (its key is not in this computer's keychain, or a
 * passphrase is needed), the backend answers only app.info (with `locked`), security.status and
 * security.unlock; every other request is refused with KEY_NEEDED.
 */
import { z } from 'zod';
import { returns } from '../kit.ts';

/** How an encrypted book's key is kept on this computer. */
export type KeyProtection = 'keychain' | 'passphrase';

/** The shortest passphrase accepted: long enough to resist guessing, short enough to type. */
export const PASSPHRASE_MIN = 10;

export interface EncryptionStatus {
  encrypted: boolean;
  /** How the key is kept here; null when the book is not encrypted. */
  protection: KeyProtection | null;
  /** The OS keychain can protect a key here (false on some Linux desktops and in the preview). */
  keychainAvailable: boolean;
  /** Snapshots of this book in the snapshots folder that are not encrypted. */
  plainSnapshots: number;
}

/** Why an encrypted book is waiting to be unlocked. */
export interface LockedBook {
  /**
   * 'passphrase': the key is kept behind a passphrase, asked at every start;
   * 'keychain-missing': this computer's keychain holds no key for it (a book moved or restored
   *   from another computer, or a keychain that was reset): the recovery key opens it.
   */
  reason: 'passphrase' | 'keychain-missing';
  bookPath: string;
}

const passphrase = z
  .string()
  .min(PASSPHRASE_MIN, `A passphrase needs at least ${PASSPHRASE_MIN} characters.`)
  .max(1024, 'That passphrase is too long.');

/** Letters, digits, spaces and dashes: the checksum inside the key catches a typing mistake. */
const recoveryKey = z
  .string()
  .trim()
  .min(1, 'Type the recovery key.')
  .max(200, 'That is too long to be a recovery key.');

export const securityRequests = {
  'security.status': {
    kind: 'query',
    reads: ['settings'],
    input: z.strictObject({}),
    output: returns<EncryptionStatus>(),
  },
  /**
   * Encrypts the book, and its snapshots, in place (after a snapshot taken before encrypting,
   * which is then encrypted too). `passphrase` is required where the keychain is not available.
   * The answer holds the recovery key: it is not kept anywhere and cannot be shown again.
   */
  'security.encrypt': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ passphrase: passphrase.optional() }),
    output: returns<{ recoveryKey: string; status: EncryptionStatus }>(),
  },
  /** Decrypts the book and its snapshots, and forgets the key. */
  'security.decrypt': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({}),
    output: returns<EncryptionStatus>(),
  },
  /**
   * Opens a locked book with its passphrase or its recovery key (exactly one). With the recovery
   * key, the key is kept again as this computer allows (keychain, or the new passphrase given).
   */
  'security.unlock': {
    kind: 'mutation',
    reads: [],
    input: z
      .strictObject({
        passphrase: z.string().min(1, 'Type the passphrase.').max(1024).optional(),
        recoveryKey: recoveryKey.optional(),
        /** Where the keychain is not available: the passphrase to keep the key behind from now on. */
        newPassphrase: passphrase.optional(),
      })
      .refine((v) => (v.passphrase === undefined) !== (v.recoveryKey === undefined), {
        message: 'Give either the passphrase or the recovery key.',
      }),
    output: returns<EncryptionStatus>(),
  },
} as const;
