/**
 * The gate: how the desktop app and the preview hold the book, so that it can be encrypted,
 * decrypted and unlocked while the app runs. It owns the single-writer lock from start to end
 * and the backend of the moment, which it closes and opens again around a change of key.
 *
 * At start, a book without SQLite's header is taken for an encrypted one when a key envelope is
 * beside it (key-envelope.ts) or its size is a whole number of pages. Its key comes from this
 * computer's keychain; where there is none to be had (a passphrase book, a keychain that cannot
 * unwrap the envelope, no envelope) the book stays LOCKED: only app.info (with `locked`),
 * security.status and security.unlock are answered, and everything else gets KEY_NEEDED.
 *
 * Encrypting, in an order where a crash at any point loses nothing:
 *   the envelope is written (fsynced), every connection closes, the book is encrypted in one
 *   SQLite transaction on a thread of its own (rekey.ts), the book opens again with the key,
 *   then its plain snapshots are encrypted. After a crash: a plain book beside an envelope
 *   opens plain (the envelope is stale and removed); an encrypted book opens with the envelope
 *   and any of its snapshots still plain are encrypted then.
 * Decrypting runs the other way: snapshots first, then the book, then the envelope goes.
 * Requests that arrive meanwhile wait, and run on the book as it is afterwards.
 */
import fs from 'node:fs';
import type { Envelope } from '../../../shared/api/errors.ts';
import { AppError } from '../../../shared/api/errors.ts';
import type { AppInfo } from '../../../shared/api/requests.ts';
import { requests } from '../../../shared/api/requests.ts';
import type { EncryptionStatus, LockedBook } from '../../../shared/api/requests/security.requests.ts';
import {
  hasSqliteHeader,
  keyFromRecoveryKey,
  mayBeEncrypted,
  newBookKey,
  opensWith,
  recoveryKeyOf,
  type BookKey,
} from '../../db/cipher.ts';
import { rollBackJournal } from '../../db/journal-rollback.ts';
import type { BookLock } from '../../db/lock.ts';
import { SCHEMA_VERSION } from '../../db/migrations.ts';
import { rekeyFiles, type RekeyTask } from '../../db/rekey.ts';
import { validationError } from '../backend.ts';
import {
  backupsDirIn,
  bookPathIn,
  lockBook,
  openBookForHost,
  type OpenedBook,
  type OpenForHostOptions,
} from '../book.ts';
import { bookSnapshotFiles } from '../backups/snapshots.ts';
import type { Ctx, SecurityHost } from '../context.ts';
import {
  keychainEnvelope,
  passphraseEnvelope,
  readEnvelope,
  removeEnvelope,
  unwrapWithKeychain,
  unwrapWithPassphrase,
  writeEnvelope,
  type Keychain,
} from './key-envelope.ts';

export interface GateOptions extends Omit<OpenForHostOptions, 'key' | 'lock' | 'security'> {
  /** The OS keychain (Electron safeStorage); null where there is none (the preview, tests). */
  keychain: Keychain | null;
}

export interface BookGate {
  /** Never throws: the open backend's answer, or the locked book's. */
  invoke(name: unknown, input: unknown): Promise<Envelope<unknown>>;
  /** The open backend's context (the preview's uploads); KEY_NEEDED while the book is locked. */
  readonly ctx: Ctx;
  /** The open book, or null while it is locked or being re-keyed. */
  opened(): OpenedBook | null;
  /** Why the book waits to be unlocked, or null. */
  locked(): LockedBook | null;
  /** Runs `listener` each time the book opens (now, when it already is). Returns the unsubscribe. */
  onOpen(listener: (opened: OpenedBook) => void): () => void;
  close(): Promise<void>;
}

/** How long encrypting or decrypting waits for running jobs to finish before saying BUSY. */
const JOBS_WAIT_MS = 30_000;

const KEY_NEEDED = 'The customer book is encrypted. Unlock it with its passphrase or its recovery key first.';

function plainSnapshots(ctx: Ctx): string[] {
  return bookSnapshotFiles(ctx).filter((f) => hasSqliteHeader(f));
}

export async function openGatedBook(options: GateOptions): Promise<BookGate> {
  const file = bookPathIn(options.dataDir);
  const log = options.log ?? ((message: string, err?: unknown) => console.error(message, err));
  const { keychain } = options;
  const lock: BookLock = lockBook(options.dataDir, file);
  let opened: OpenedBook | null = null;
  let locked: LockedBook | null = null;
  /** Set while the book is closed for a change of key: requests wait for it. */
  let changing: Promise<unknown> | null = null;
  let closed = false;
  /** The background encryption of snapshots that openWith started, if any. */
  let snapshotsDone: Promise<void> = Promise.resolve();
  const listeners = new Set<(opened: OpenedBook) => void>();

  const keychainAvailable = () => keychain?.available() ?? false;

  const status = (): EncryptionStatus => {
    const encrypted = locked !== null || (opened?.book.key ?? null) !== null;
    return {
      encrypted,
      protection: encrypted ? (readEnvelope(file)?.protection ?? null) : null,
      keychainAvailable: keychainAvailable(),
      plainSnapshots: encrypted && opened ? plainSnapshots(opened.backend.ctx).length : 0,
    };
  };

  /**
   * An encrypted book's plain snapshots, encrypted: those of a book just encrypted, or those a
   * crash while encrypting left plain. A snapshot that cannot be is logged and stays as it is.
   */
  async function encryptSnapshots(book: OpenedBook, key: BookKey): Promise<void> {
    const tasks = plainSnapshots(book.backend.ctx).map((f): RekeyTask => ({ file: f, from: null, to: key }));
    const { failed } = await rekeyFiles(tasks);
    for (const f of failed) log(`snapshot ${f.task.file} could not be encrypted: ${f.message}`);
  }

  /** Opens the book; an encrypted one's plain snapshots are encrypted in the background. */
  async function openWith(key: BookKey | null): Promise<OpenedBook> {
    // A re-key killed half-way since the start (a worker stopped mid-rewrite) is rolled back first.
    rollBackJournal(file);
    const book = await openBookForHost({ ...options, key, lock, security: host });
    opened = book;
    locked = null;
    if (key) {
      snapshotsDone = encryptSnapshots(book, key).catch((err: unknown) =>
        log('the plain snapshots of an encrypted book could not be encrypted', err),
      );
    }
    for (const l of listeners) l(book);
    return book;
  }

  /** Runs a change of key alone: requests arriving meanwhile wait for it. */
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (changing) {
      throw new AppError(
        'BUSY',
        'Ledgerline is already changing how this book is encrypted. Wait for it to finish.',
      );
    }
    const run = fn();
    changing = run.catch(() => {});
    return run.finally(() => {
      changing = null;
    });
  }

  /**
   * The open book, once no job is running on it (the day's snapshot at start, an export): they
   * are waited for, up to JOBS_WAIT_MS; a job still running then is a BUSY the user can retry.
   */
  async function openNow(what: string): Promise<OpenedBook> {
    if (!opened) throw new AppError('KEY_NEEDED', KEY_NEEDED);
    const book = opened;
    const ctx = book.backend.ctx;
    if (ctx.bookState.damage().damaged) {
      throw new AppError(
        'BOOK_DAMAGED',
        `The book was found damaged, so it cannot be ${what} now. Restore it from a snapshot first.`,
      );
    }
    const busy = () => ctx.jobs.writing || ctx.jobs.running().length > 0;
    const until = Date.now() + JOBS_WAIT_MS;
    while (busy() && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    if (busy()) {
      const job = ctx.jobs.running()[0]?.message;
      throw new AppError(
        'BUSY',
        `A longer job is running${job ? ` (“${job}”)` : ''}. The book can be ${what} when it has finished.`,
      );
    }
    return book;
  }

  /** Closes the backend and its connections, keeping the lock. */
  async function closeBackend(book: OpenedBook): Promise<void> {
    opened = null;
    await book.backend.close();
  }

  function told(book: OpenedBook): void {
    const seq = book.backend.ctx.writer.latestSeq();
    options.emit('db.changed', { seq, tables: ['settings'], ids: [] });
  }

  const host: SecurityHost = {
    status,

    encrypt: (input) =>
      exclusive(async () => {
        const book = await openNow('encrypted');
        if (book.book.key !== null) throw new AppError('CONFLICT', 'This book is already encrypted.');
        const useKeychain = input.passphrase === undefined && keychainAvailable();
        if (!useKeychain && input.passphrase === undefined) {
          throw new AppError(
            'VALIDATION',
            'This computer has no keychain that keeps secrets safe, so the key would be stored in clear. Choose a passphrase to protect it instead.',
            { issues: [{ path: 'passphrase', message: 'Choose a passphrase.' }] },
          );
        }
        const key = newBookKey();
        const envelope = useKeychain
          ? keychainEnvelope(keychain!, key)
          : await passphraseEnvelope(input.passphrase!, key);
        writeEnvelope(file, envelope);
        await closeBackend(book);
        const { failed } = await rekeyFiles([{ file, from: null, to: key }]);
        if (failed.length > 0) {
          // The book is as it was (one SQLite transaction): it opens plain again.
          removeEnvelope(file);
          told(await openWith(null));
          throw new AppError(
            failed[0]!.code === 'SQLITE_FULL' ? 'DISK_FULL' : 'INTERNAL',
            `The book could not be encrypted (${failed[0]!.message}), so it was left as it was, not encrypted.`,
          );
        }
        const reopened = await openWith(key);
        await snapshotsDone;
        told(reopened);
        return { recoveryKey: recoveryKeyOf(key), status: status() };
      }),

    decrypt: () =>
      exclusive(async () => {
        await snapshotsDone;
        const book = await openNow('decrypted');
        const key = book.book.key;
        if (key === null) throw new AppError('CONFLICT', 'This book is not encrypted.');
        const snapshots = bookSnapshotFiles(book.backend.ctx).filter((f) => !hasSqliteHeader(f));
        await closeBackend(book);
        const done = await rekeyFiles(snapshots.map((f) => ({ file: f, from: key, to: null })));
        for (const f of done.failed) log(`snapshot ${f.task.file} could not be decrypted: ${f.message}`);
        const { failed } = await rekeyFiles([{ file, from: key, to: null }]);
        if (failed.length > 0) {
          told(await openWith(key));
          throw new AppError(
            failed[0]!.code === 'SQLITE_FULL' ? 'DISK_FULL' : 'INTERNAL',
            `The book could not be decrypted (${failed[0]!.message}), so it was left encrypted.`,
          );
        }
        removeEnvelope(file);
        told(await openWith(null));
        return status();
      }),

    unlock: (input) =>
      exclusive(async () => {
        if (!locked) return status();
        const envelope = readEnvelope(file);
        let key: BookKey;
        if (input.passphrase !== undefined) {
          if (envelope?.protection !== 'passphrase') {
            throw new AppError(
              'KEY_WRONG',
              'This book is not kept behind a passphrase on this computer. Use its recovery key.',
            );
          }
          key = await unwrapWithPassphrase(envelope, input.passphrase);
          if (!opensWith(file, key)) {
            throw new AppError(
              'KEY_WRONG',
              'The passphrase is right, but the key it keeps does not open this book: the book was replaced by another one. Use the recovery key of the book it is now.',
            );
          }
        } else {
          key = keyFromRecoveryKey(input.recoveryKey ?? '');
          if (!opensWith(file, key)) {
            throw new AppError(
              'KEY_WRONG',
              'This is a recovery key, but not this book’s. Check that it is the one saved for this book.',
            );
          }
          if (input.newPassphrase !== undefined) {
            writeEnvelope(file, await passphraseEnvelope(input.newPassphrase, key));
          } else if (keychainAvailable()) {
            writeEnvelope(file, keychainEnvelope(keychain!, key));
          } else {
            throw new AppError(
              'VALIDATION',
              'This computer has no keychain that keeps secrets safe. Choose a new passphrase: it will be asked each time Ledgerline starts.',
              { issues: [{ path: 'newPassphrase', message: 'Choose a new passphrase.' }] },
            );
          }
        }
        await openWith(key);
        return status();
      }),
  };

  function lockedInfo(): AppInfo {
    return {
      appVersion: options.appVersion,
      schemaVersion: SCHEMA_VERSION,
      bookPath: file,
      backupsDir: backupsDirIn(options.dataDir),
      host: options.host,
      locked: locked!,
    };
  }

  async function answerLocked(name: unknown, input: unknown): Promise<Envelope<unknown>> {
    try {
      if (name === 'app.info') return { ok: true, value: lockedInfo() };
      if (name === 'security.status') return { ok: true, value: status() };
      if (name === 'security.unlock') {
        const parsed = requests['security.unlock'].input.safeParse(input);
        if (!parsed.success) return { ok: false, error: validationError(parsed.error).toData() };
        return { ok: true, value: await host.unlock(parsed.data) };
      }
      return { ok: false, error: { code: 'KEY_NEEDED', message: KEY_NEEDED } };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: err.toData() };
      log(`request ${String(name)} failed while the book was locked`, err);
      return {
        ok: false,
        error: { code: 'INTERNAL', message: 'Something went wrong inside Ledgerline. Try again.' },
      };
    }
  }

  // ---- start --------------------------------------------------------------------------------
  try {
    // A re-key a crash stopped half-way left a journal of the pages as they were: copied back,
    // whatever the key (rollBackJournal), the book is as it was before the re-key began.
    rollBackJournal(file);
    const exists = (fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0) > 0;
    const envelope = exists ? readEnvelope(file) : null;
    if (exists && !hasSqliteHeader(file) && (envelope !== null || mayBeEncrypted(file))) {
      const key = envelope ? unwrapWithKeychain(envelope, keychain) : null;
      if (key !== null && opensWith(file, key)) await openWith(key);
      else {
        locked = {
          reason: envelope?.protection === 'passphrase' ? 'passphrase' : 'keychain-missing',
          bookPath: file,
        };
      }
    } else {
      // A key beside a plain book (or none) is left from a crash before it was used, or after
      // the book was decrypted: it keeps nothing.
      if (readEnvelope(file) !== null) removeEnvelope(file);
      await openWith(null);
    }
  } catch (err) {
    lock.release();
    throw err;
  }

  return {
    async invoke(name, input) {
      while (changing) await changing;
      if (opened) return opened.backend.invoke(name, input);
      if (closed) return { ok: false, error: { code: 'INTERNAL', message: 'Ledgerline is closing.' } };
      return answerLocked(name, input);
    },
    get ctx(): Ctx {
      if (!opened) throw new AppError('KEY_NEEDED', KEY_NEEDED);
      return opened.backend.ctx;
    },
    opened: () => opened,
    locked: () => locked,
    onOpen(listener) {
      listeners.add(listener);
      if (opened) listener(opened);
      return () => listeners.delete(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      while (changing) await changing;
      await snapshotsDone;
      const book = opened;
      opened = null;
      if (book) await book.close();
      else lock.release();
    },
  };
}
