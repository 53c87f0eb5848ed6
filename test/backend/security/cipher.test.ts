/**
 * Encryption at rest, at the level of files (issue 6): the recovery key's spelling and checksum,
 * and a book opened with a key: nothing of it readable on disk, refused without the key or with
 * another one, its job workers keyed too.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors.ts';
import {
  hasSqliteHeader,
  isBookKey,
  keyFromRecoveryKey,
  newBookKey,
  opensWith,
  recoveryKeyOf,
  rekeyFile,
} from '../../../electron/db/cipher.ts';
import { openBook } from '../../../electron/db/open.ts';
import { makeTempDir } from '../../helpers/book.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const hexKey = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => Buffer.from(b).toString('hex'));

function wrongCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : 'OTHER';
  }
  return undefined;
}

describe('the recovery key', () => {
  it('spells every key as 9 groups of 4 and reads it back, whatever the case, spaces or look-alikes', () => {
    fc.assert(
      fc.property(hexKey, (key) => {
        const text = recoveryKeyOf(key);
        expect(text).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){8}$/u);
        expect(keyFromRecoveryKey(text)).toBe(key);
        const sloppy = ` ${text.toLowerCase().replaceAll('-', ' ').replaceAll('1', 'l').replaceAll('0', 'O')} `;
        expect(keyFromRecoveryKey(sloppy)).toBe(key);
      }),
    );
  });

  it('catches one mistyped character with its checksum', () => {
    fc.assert(
      fc.property(hexKey, fc.nat(35), fc.nat(30), (key, at, shift) => {
        const chars = recoveryKeyOf(key).replaceAll('-', '').split('');
        const was = ALPHABET.indexOf(chars[at]!);
        chars[at] = ALPHABET[(was + 1 + shift) % 32]!;
        expect(wrongCode(() => keyFromRecoveryKey(chars.join('')))).toBe('KEY_WRONG');
      }),
    );
  });

  it('says what is wrong with text that cannot be a recovery key', () => {
    const key = newBookKey();
    const text = recoveryKeyOf(key);
    expect(() => keyFromRecoveryKey(text.slice(0, -1))).toThrow(/36 letters and digits; this has 35/u);
    expect(() => keyFromRecoveryKey(`${text}7`)).toThrow(/this has 37/u);
    expect(() => keyFromRecoveryKey(text.replace(/^./u, 'U'))).toThrow(/no “U”/u);
    expect(() => keyFromRecoveryKey('')).toThrow(/this has 0/u);
  });

  it('makes keys of 160 random bits, never the same twice', () => {
    const keys = new Set(Array.from({ length: 200 }, () => newBookKey()));
    expect(keys.size).toBe(200);
    for (const k of keys) expect(isBookKey(k)).toBe(true);
  });
});

describe('an encrypted book file', () => {
  const MARKER = 'Quillon-Marchbanks';

  async function encryptedBook() {
    const dir = makeTempDir();
    const file = path.join(dir, 'book.sqlite');
    const key = newBookKey();
    const book = await openBook(file, { key });
    book.sqlite
      .prepare(`INSERT INTO settings (key, value) VALUES ('marker', ?)`)
      .run(JSON.stringify(`${MARKER} `.repeat(50)));
    await book.close();
    return { dir, file, key };
  }

  it('holds nothing readable on disk, has no SQLite header, and opens again with its key', async () => {
    const { file, key } = await encryptedBook();
    expect(hasSqliteHeader(file)).toBe(false);
    const bytes = fs.readFileSync(file);
    expect(bytes.includes(Buffer.from(MARKER))).toBe(false);
    expect(bytes.includes(Buffer.from('CREATE TABLE'))).toBe(false);
    expect(opensWith(file, key)).toBe(true);
    const again = await openBook(file, { key });
    expect(again.key).toBe(key);
    expect(again.sqlite.prepare(`SELECT value FROM settings WHERE key = 'marker'`).pluck().get()).toContain(
      MARKER,
    );
    await again.close();
  });

  it('is refused without its key and with another key, and is left as it was', async () => {
    const { file } = await encryptedBook();
    const before = fs.readFileSync(file);
    await expect(openBook(file)).rejects.toMatchObject({ code: 'BOOK_DAMAGED' });
    await expect(openBook(file, { key: newBookKey() })).rejects.toMatchObject({
      code: 'KEY_WRONG',
      message: expect.stringMatching(/does not open/u),
    });
    expect(opensWith(file, newBookKey())).toBe(false);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('is decrypted and encrypted again in place, whole each time', async () => {
    const { file, key } = await encryptedBook();
    rekeyFile(file, key, null);
    expect(hasSqliteHeader(file)).toBe(true);
    expect(fs.readFileSync(file).includes(Buffer.from(MARKER))).toBe(true);
    const other = newBookKey();
    rekeyFile(file, null, other);
    expect(hasSqliteHeader(file)).toBe(false);
    expect(fs.readFileSync(file).includes(Buffer.from(MARKER))).toBe(false);
    const book = await openBook(file, { key: other });
    expect(book.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(String(book.sqlite.pragma('journal_mode', { simple: true }))).toBe('wal');
    await book.close();
  });
});
