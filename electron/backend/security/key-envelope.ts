/**
 * Where an encrypted book's key is kept on this computer: a small JSON file beside the book
 * (`<book>.key.json`), holding the key only in wrapped form, never in clear:
 *  - 'keychain': wrapped by the OS keychain (Electron safeStorage: DPAPI on Windows, the Keychain
 *    on macOS, libsecret or KWallet on Linux). Only this user on this computer can unwrap it.
 *  - 'passphrase': where the keychain would keep it in clear (Linux with no keyring: safeStorage's
 *    'basic_text'; the browser preview), wrapped with AES-256-GCM under a key stretched from the
 *    user's passphrase with scrypt (N = 2^17, r = 8, p = 1: 128 MiB and about half a second, so
 *    a guess costs as much).
 * The file is written to a temporary name, fsynced and renamed, so it is whole or absent.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCb } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { AppError } from '../../../shared/api/errors.ts';
import type { KeyProtection } from '../../../shared/api/requests/security.requests.ts';
import { syncFolder } from '../../db/backup-file.ts';
import { isBookKey, type BookKey } from '../../db/cipher.ts';

const scrypt = promisify(scryptCb) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/** The OS keychain as the host offers it (Electron's safeStorage in the desktop app). */
export interface Keychain {
  /** True when secrets are protected by the OS, not merely obfuscated (safeStorage 'basic_text'). */
  available(): boolean;
  encrypt(plain: string): Buffer;
  /** Throws when this keychain cannot unwrap the data (another user, computer, or reset keychain). */
  decrypt(data: Buffer): string;
}

export const SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
const SCRYPT_MAXMEM = 256 * 1024 * 1024;

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/u);
const PassphraseWrapSchema = z.strictObject({
  kdf: z.literal('scrypt'),
  N: z
    .number()
    .int()
    .min(2 ** 14)
    .max(2 ** 20),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: b64,
  iv: b64,
  tag: b64,
  data: b64,
});
type PassphraseWrap = z.infer<typeof PassphraseWrapSchema>;

const EnvelopeSchema = z.discriminatedUnion('protection', [
  z.strictObject({
    format: z.literal('ledgerline-book-key'),
    version: z.literal(1),
    protection: z.literal('keychain'),
    keychain: b64,
  }),
  z.strictObject({
    format: z.literal('ledgerline-book-key'),
    version: z.literal(1),
    protection: z.literal('passphrase'),
    passphrase: PassphraseWrapSchema,
  }),
]);
export type KeyEnvelope = z.infer<typeof EnvelopeSchema>;

export function envelopePath(book: string): string {
  return path.join(path.dirname(book), `${path.basename(book, path.extname(book))}.key.json`);
}

/** The book's envelope, null when there is none; a damaged one is an error that says so. */
export function readEnvelope(book: string): KeyEnvelope | null {
  const file = envelopePath(book);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    return EnvelopeSchema.parse(JSON.parse(text));
  } catch {
    // Unreadable: as if absent, so the recovery key can open the book and write a new one.
    return null;
  }
}

export function writeEnvelope(book: string, envelope: KeyEnvelope): void {
  const file = envelopePath(book);
  const partial = `${file}.partial`;
  const fd = fs.openSync(partial, 'w', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(envelope, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(partial, file);
  syncFolder(path.dirname(file));
}

export function removeEnvelope(book: string): void {
  fs.rmSync(envelopePath(book), { force: true });
  syncFolder(path.dirname(book));
}

export function keychainEnvelope(keychain: Keychain, key: BookKey): KeyEnvelope {
  return {
    format: 'ledgerline-book-key',
    version: 1,
    protection: 'keychain',
    keychain: keychain.encrypt(key).toString('base64'),
  };
}

export async function passphraseEnvelope(passphrase: string, key: BookKey): Promise<KeyEnvelope> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const wrapKey = await scrypt(passphrase.normalize('NFC'), salt, 32, { ...SCRYPT, maxmem: SCRYPT_MAXMEM });
  const cipher = createCipheriv('aes-256-gcm', wrapKey, iv);
  const data = Buffer.concat([cipher.update(key, 'utf8'), cipher.final()]);
  const wrap: PassphraseWrap = {
    kdf: 'scrypt',
    ...SCRYPT,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
  return { format: 'ledgerline-book-key', version: 1, protection: 'passphrase', passphrase: wrap };
}

/** The key behind a passphrase envelope; KEY_WRONG when the passphrase is not the one. */
export async function unwrapWithPassphrase(envelope: KeyEnvelope, passphrase: string): Promise<BookKey> {
  if (envelope.protection !== 'passphrase') throw new Error('not a passphrase envelope');
  const w = envelope.passphrase;
  const wrapKey = await scrypt(passphrase.normalize('NFC'), Buffer.from(w.salt, 'base64'), 32, {
    N: w.N,
    r: w.r,
    p: w.p,
    maxmem: SCRYPT_MAXMEM,
  });
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrapKey, Buffer.from(w.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(w.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(w.data, 'base64')), decipher.final()]).toString(
      'utf8',
    );
    if (!isBookKey(key)) throw new Error('not a key');
    return key;
  } catch {
    throw new AppError(
      'KEY_WRONG',
      'That passphrase does not open this book. Check it and try again (capital letters count), or use the recovery key.',
    );
  }
}

/** The key behind a keychain envelope, or null when this computer's keychain cannot unwrap it. */
export function unwrapWithKeychain(envelope: KeyEnvelope, keychain: Keychain | null): BookKey | null {
  if (envelope.protection !== 'keychain' || !keychain?.available()) return null;
  try {
    const key = keychain.decrypt(Buffer.from(envelope.keychain, 'base64'));
    return isBookKey(key) ? key : null;
  } catch {
    return null;
  }
}

export function protectionOf(envelope: KeyEnvelope | null): KeyProtection | null {
  return envelope?.protection ?? null;
}
