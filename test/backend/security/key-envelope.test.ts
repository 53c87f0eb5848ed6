/** The wrapped key beside an encrypted book (key-envelope.ts): never the key in clear. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  envelopePath,
  passphraseEnvelope,
  readEnvelope,
  unwrapWithPassphrase,
  writeEnvelope,
} from '../../../electron/backend/security/key-envelope.ts';
import { newBookKey } from '../../../electron/db/cipher.ts';
import { makeTempDir } from '../../helpers/book.ts';

describe('the key envelope', () => {
  it('keeps the key behind a passphrase: not in the file, back with the passphrase, refused without', async () => {
    const book = path.join(makeTempDir(), 'customer-book.sqlite');
    const key = newBookKey();
    writeEnvelope(book, await passphraseEnvelope('tea at the harbour', key));
    const text = fs.readFileSync(envelopePath(book), 'utf8');
    expect(text).not.toContain(key);
    expect(text).not.toContain(Buffer.from(key, 'hex').toString('base64'));
    if (process.platform !== 'win32') expect(fs.statSync(envelopePath(book)).mode & 0o077).toBe(0);
    const envelope = readEnvelope(book)!;
    expect(await unwrapWithPassphrase(envelope, 'tea at the harbour')).toBe(key);
    await expect(unwrapWithPassphrase(envelope, 'tea at the harbor')).rejects.toMatchObject({
      code: 'KEY_WRONG',
    });
  });

  it('refuses a wrapped key that was tampered with', async () => {
    const envelope = await passphraseEnvelope('tea at the harbour', newBookKey());
    if (envelope.protection !== 'passphrase') throw new Error('unexpected');
    const data = Buffer.from(envelope.passphrase.data, 'base64');
    data[0] = data[0]! ^ 1;
    const tampered = { ...envelope, passphrase: { ...envelope.passphrase, data: data.toString('base64') } };
    await expect(unwrapWithPassphrase(tampered, 'tea at the harbour')).rejects.toMatchObject({
      code: 'KEY_WRONG',
    });
  });

  it('reads a missing or unreadable envelope as none, so the recovery key can replace it', () => {
    const book = path.join(makeTempDir(), 'customer-book.sqlite');
    expect(readEnvelope(book)).toBeNull();
    fs.writeFileSync(
      envelopePath(book),
      '{"format":"ledgerline-book-key","version":1,"protection":"keychain"',
    );
    expect(readEnvelope(book)).toBeNull();
    fs.writeFileSync(envelopePath(book), JSON.stringify({ format: 'other', version: 1 }));
    expect(readEnvelope(book)).toBeNull();
  });
});
