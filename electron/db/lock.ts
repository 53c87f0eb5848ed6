/**
 * One process at a time may open a book for writing. The lock is a small file beside the book
 * holding the owner's pid; a lock left by a process that no longer runs is taken over.
 */
import fs from 'node:fs';
import os from 'node:os';
import { AppError } from '../../shared/api/errors.ts';

export interface BookLock {
  path: string;
  release(): void;
}

interface LockInfo {
  pid: number;
  host: string;
  at: number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): LockInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(path, 'utf8')) as Partial<LockInfo>;
    return typeof info.pid === 'number'
      ? { pid: info.pid, host: String(info.host ?? ''), at: Number(info.at ?? 0) }
      : null;
  } catch {
    return null;
  }
}

export function acquireBookLock(bookPath: string): BookLock {
  const path = `${bookPath}.lock`;
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), at: Date.now() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(path, JSON.stringify(mine), { flag: 'wx' });
      return {
        path,
        release() {
          const held = readLock(path);
          if (held?.pid === mine.pid) fs.rmSync(path, { force: true });
        },
      };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw err;
      const held = readLock(path);
      const sameHost = held !== null && held.host === mine.host;
      if (held && held.pid !== process.pid && (!sameHost || isAlive(held.pid))) {
        throw new AppError(
          'BOOK_LOCKED',
          `This customer book is already open in another Ledgerline window or process (pid ${held.pid}). Close it there first, then try again.`,
          { pid: held.pid, host: held.host },
        );
      }
      if (held?.pid === process.pid) {
        throw new AppError('BOOK_LOCKED', 'This customer book is already open in this process.', {
          pid: held.pid,
        });
      }
      // A stale lock from a process that has gone: take it over.
      fs.rmSync(path, { force: true });
    }
  }
  throw new AppError('BOOK_LOCKED', 'The customer book lock could not be taken. Try again.');
}
