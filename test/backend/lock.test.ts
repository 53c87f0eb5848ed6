import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireBookLock } from '../../electron/db/lock.ts';
import { openTestBook, makeTempDir, type TestBook } from '../helpers/book.ts';

const books: TestBook[] = [];
afterEach(async () => {
  while (books.length) await books.pop()?.close();
});

describe('one writer per book', () => {
  it('refuses a second open of the same book while the first holds it', async () => {
    const b = await openTestBook();
    books.push(b);
    const err = await openTestBook({ dir: b.dir }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'BOOK_LOCKED', message: expect.stringMatching(/already open/u) });
  });

  it('frees the book when the holder closes it', async () => {
    const b = await openTestBook();
    await b.close();
    const again = await openTestBook({ dir: b.dir });
    books.push(again);
    expect(fs.existsSync(path.join(b.dir, 'customer-book.sqlite.lock'))).toBe(true);
  });

  it('refuses a lock held by another live process, and takes over one left by a dead process', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'book.sqlite');
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      fs.writeFileSync(
        `${file}.lock`,
        JSON.stringify({ pid: child.pid, host: (await import('node:os')).hostname(), at: 0 }),
      );
      expect(() => acquireBookLock(file)).toThrow(/another Ledgerline window or process \(pid \d+\)/u);
    } finally {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    // The holder is gone: its lock is stale.
    const lock = acquireBookLock(file);
    expect(JSON.parse(fs.readFileSync(`${file}.lock`, 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });
});
