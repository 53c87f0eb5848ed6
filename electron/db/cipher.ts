/**
 * Encryption at rest with SQLite3 Multiple Ciphers (better-sqlite3-multiple-ciphers).
 *
 * - A book's key is 160 random bits, given to SQLite as 40 hex digits (`PRAGMA key`), which it
 *   stretches with its own key derivation into the ChaCha20-Poly1305 page key. Every page of the
 *   book, its write-ahead log and its snapshots is encrypted and authenticated; the file has no
 *   readable header at all.
 * - The recovery key is the same 160 bits written for people: 36 characters of Crockford's
 *   base32 (no I, L, O or U, so nothing is mistaken for 1 or 0) in 9 groups of 4, of which the
 *   last 4 characters are a checksum, so a mistyped key is caught before it is tried.
 * - A connection must be keyed before its first statement (applyKey); a file that is plain SQLite
 *   (it has SQLite's header) is opened without a key, whatever the book's key is.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../shared/api/errors.ts';
import { rollBackJournal } from './journal-rollback.ts';

/** The cipher of every encrypted book: authenticated, and fast without AES instructions. */
export const CIPHER = 'chacha20';
/** A book's key as SQLite is given it: 40 lower-case hex digits. */
export type BookKey = string;

const KEY_BYTES = 20;
const CHECK_BITS = 20n;
const GROUPS = 9;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SQLITE_HEADER = 'SQLite format 3\u0000';

export function isBookKey(value: unknown): value is BookKey {
  return typeof value === 'string' && /^[0-9a-f]{40}$/u.test(value);
}

export function newBookKey(): BookKey {
  return randomBytes(KEY_BYTES).toString('hex');
}

/** Keys a connection: the first thing done on it, before any statement reads the file. */
export function applyKey(sqlite: Database.Database, key: BookKey | null | undefined): void {
  if (key === null || key === undefined) return;
  if (!isBookKey(key)) throw new Error('not a book key');
  sqlite.pragma(`cipher = '${CIPHER}'`);
  sqlite.pragma(`key = '${key}'`);
}

/** True when the file starts with SQLite's header: plain SQLite, not encrypted. */
export function hasSqliteHeader(file: string): boolean {
  const header = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try {
    return fs.readSync(fd, header, 0, 16, 0) === 16 && header.toString('latin1') === SQLITE_HEADER;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Could the file be an encrypted SQLite database? It has no header to tell, so only its shape:
 * a whole number of pages (512 bytes at the least) and at least one page.
 */
export function mayBeEncrypted(file: string): boolean {
  const st = fs.statSync(file, { throwIfNoEntry: false });
  return !!st && st.isFile() && st.size >= 512 && st.size % 512 === 0 && !hasSqliteHeader(file);
}

/** The key a connection to `file` needs: none for a plain file, the book's for an encrypted one. */
export function keyFor(file: string, key: BookKey | null | undefined): BookKey | null {
  if (!key) return null;
  return fs.existsSync(file) && hasSqliteHeader(file) ? null : key;
}

/** Opens a connection to `file`, keyed when it needs it (see keyFor). */
export function openDatabase(
  file: string,
  options: { readonly?: boolean; fileMustExist?: boolean; key?: BookKey | null } = {},
): Database.Database {
  const sqlite = new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.fileMustExist ?? false,
  });
  try {
    applyKey(sqlite, keyFor(file, options.key));
  } catch (err) {
    sqlite.close();
    throw err;
  }
  return sqlite;
}

/** Does `key` open `file`? (SQLite only finds out when it reads the first page.) */
export function opensWith(file: string, key: BookKey): boolean {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    applyKey(sqlite, key);
    sqlite.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_NOTADB') return false;
    throw err;
  } finally {
    sqlite.close();
  }
}

/**
 * Encrypts (to a key), decrypts (to null) or re-keys a closed file in place, in one SQLite
 * transaction: a crash leaves it as it was or as it was meant to be, never half of each (the
 * journal such a crash leaves is rolled back by journal-rollback.ts, here first). The rewrite
 * needs a rollback journal, so a book's write-ahead log is checkpointed into it first and the
 * book goes back to write-ahead logging afterwards. Nothing else may have the file open.
 */
export function rekeyFile(file: string, from: BookKey | null, to: BookKey | null): void {
  rollBackJournal(file);
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    applyKey(sqlite, from);
    const mode = String(sqlite.pragma('journal_mode', { simple: true })).toLowerCase();
    if (mode === 'wal') {
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      sqlite.pragma('journal_mode = DELETE');
    }
    if (to === null) sqlite.pragma(`rekey = ''`);
    else {
      if (!isBookKey(to)) throw new Error('not a book key');
      if (from === null) sqlite.pragma(`cipher = '${CIPHER}'`);
      sqlite.pragma(`rekey = '${to}'`);
    }
    if (mode === 'wal') sqlite.pragma('journal_mode = WAL');
  } finally {
    sqlite.close();
  }
}

// ---- the recovery key ------------------------------------------------------------------------

function checksum(key: Buffer): bigint {
  const digest = createHash('sha256').update(key).digest();
  return BigInt(`0x${digest.subarray(0, 3).toString('hex')}`) >> (24n - CHECK_BITS);
}

/** The recovery key people keep: XXXX-XXXX-… (9 groups of 4). */
export function recoveryKeyOf(key: BookKey): string {
  if (!isBookKey(key)) throw new Error('not a book key');
  const bytes = Buffer.from(key, 'hex');
  let n = (BigInt(`0x${key}`) << CHECK_BITS) | checksum(bytes);
  let out = '';
  for (let i = 0; i < GROUPS * 4; i++) {
    out = ALPHABET[Number(n & 31n)]! + out;
    n >>= 5n;
  }
  return out.match(/.{4}/gu)!.join('-');
}

/** What a typed character stands for: case, I/L (1) and O (0) forgiven. */
function normalise(text: string): string {
  return text
    .toUpperCase()
    .replace(/[\s\-_.]/gu, '')
    .replace(/[IL]/gu, '1')
    .replace(/O/gu, '0');
}

/** The key a typed recovery key stands for; a clear KEY_WRONG when it cannot be one. */
export function keyFromRecoveryKey(text: string): BookKey {
  const chars = normalise(text);
  const bad = [...chars].find((c) => !ALPHABET.includes(c));
  if (bad !== undefined) {
    throw new AppError(
      'KEY_WRONG',
      `A recovery key has only letters and digits, and no “${bad}”. Check what you typed.`,
    );
  }
  if (chars.length !== GROUPS * 4) {
    throw new AppError(
      'KEY_WRONG',
      `A recovery key has ${GROUPS * 4} letters and digits; this has ${chars.length}. Check what you typed.`,
    );
  }
  let n = 0n;
  for (const c of chars) n = (n << 5n) | BigInt(ALPHABET.indexOf(c));
  const check = n & ((1n << CHECK_BITS) - 1n);
  const hex = (n >> CHECK_BITS).toString(16).padStart(KEY_BYTES * 2, '0');
  if (hex.length !== KEY_BYTES * 2 || checksum(Buffer.from(hex, 'hex')) !== check) {
    throw new AppError(
      'KEY_WRONG',
      'That is not a recovery key: one of its characters is mistyped. Check each group against the one you saved.',
    );
  }
  return hex;
}

/**
 * Attaches `file` to a connection as `schema`, keyed as it needs (an attachment otherwise takes
 * the main database's key, which is wrong when one of the two is plain).
 */
export function attachDatabase(
  sqlite: Database.Database,
  file: string,
  schema: string,
  key: BookKey | null | undefined,
): void {
  if (!/^[a-z_]+$/u.test(schema)) throw new Error('not a schema name');
  sqlite.prepare(`ATTACH DATABASE ? AS ${schema} KEY ?`).run(file, keyFor(file, key) ?? '');
}
