/**
 * A snapshot that cannot be written whole (issue 6): the drive fills up, or the file grows past
 * what the drive or the system allows, while the copy is being written. The error says so in
 * words the user can act on, the partial file is removed, and the book is not changed.
 *
 * Each case runs a child process (take-snapshot.child.ts): one under a file size limit (ulimit
 * -f, with SIGXFSZ ignored, so a write past it fails with EFBIG), one with its snapshots folder on
 * a tmpfs exactly the book's size (a real "no space left on device"), which needs a user
 * namespace of its own (unshare); that one is skipped, saying so, where there is none.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/api/errors.ts';
import { makeTempDir, openTestBook, setUp } from '../../helpers/book.ts';
import { readBook } from './backups-helpers.ts';

const CHILD = fileURLToPath(new URL('./take-snapshot.child.ts', import.meta.url));

/** A closed, set-up book of about 2 MB in a fresh folder, its snapshots folder set; its size. */
async function bookOnDisk(): Promise<{ dir: string; folder: string; bytes: number; digest: () => string }> {
  const b = await openTestBook();
  await setUp(b.client);
  const folder = path.join(makeTempDir(), 'snapshots');
  await b.client.call('backups.settings', { folder });
  for (let i = 0; i < 40; i++) {
    await b.client.call('notes.create', {
      personId: (await b.client.call('people.create', { person: { givenName: `P${i}`, familyName: 'Lee' } }))
        .id,
      body: 'x'.repeat(40_000),
    });
  }
  await b.close();
  const file = path.join(b.dir, 'customer-book.sqlite');
  const bytes = readBook(
    file,
    (db) =>
      (db.pragma('page_count', { simple: true }) as number) *
      (db.pragma('page_size', { simple: true }) as number),
  );
  const digest = () => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  return { dir: b.dir, folder, bytes, digest };
}

/** Runs the child through `sh -c shell` ($1 node, $2 the child, $3 the book's folder, $4 the snapshots'). */
function run(
  shell: string,
  args: [string, string],
  wrap: string[] = [],
): { answer: Envelope<unknown>; files: string[] } {
  const command = [...wrap, 'sh', '-c', shell, 'sh', process.execPath, CHILD, ...args];
  const out = spawnSync(command[0]!, command.slice(1), { encoding: 'utf8' });
  expect(out.status, out.stderr).toBe(0);
  return JSON.parse(out.stdout.trim().split('\n').at(-1)!) as { answer: Envelope<unknown>; files: string[] };
}

function hasUserNamespaces(): boolean {
  try {
    execFileSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs "$0"', makeTempDir()], {
      stdio: 'ignore',
    });
    return true;
  } catch {
    return false;
  }
}

describe('a snapshot that does not fit', () => {
  it('stops cleanly when the file cannot grow (EFBIG): clear error, no partial file, book unchanged', async () => {
    const { dir, folder, bytes, digest } = await bookOnDisk();
    expect(bytes).toBeGreaterThan(1_500_000);
    const before = digest();
    // Half the book, in 512-byte blocks (dash's unit; bash's is 1 KiB: still under the book).
    const blocks = Math.floor(bytes / 2 / 512);
    const { answer, files } = run(`trap '' XFSZ; ulimit -f ${blocks}; exec "$@"`, [dir, folder]);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.message).toMatch(/could not be written to .*snapshots/u);
    expect(answer.error.message).toMatch(/partial copy was removed/u);
    expect(answer.error.message).not.toMatch(/SQLITE/u);
    expect(files).toEqual([]);
    expect(fs.readdirSync(folder)).toEqual([]);
    expect(digest()).toBe(before);
  });

  it.skipIf(!hasUserNamespaces())(
    'says the disk is full when it fills up mid-copy (ENOSPC on a tmpfs the size of the book)',
    async () => {
      const { dir, folder, bytes, digest } = await bookOnDisk();
      const before = digest();
      // The folder has exactly the book's size free: enough by the first look, not for the copy
      // and its journal together.
      const { answer, files } = run(
        `mount -t tmpfs -o size=${bytes} tmpfs "$4" && exec "$@"`,
        [dir, folder],
        ['unshare', '-rm'],
      );
      expect(answer).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } });
      if (answer.ok) return;
      expect(answer.error.message).toMatch(/not enough room in .*snapshots/u);
      expect(answer.error.message).toMatch(/partial copy was removed/u);
      expect(files).toEqual([]);
      expect(digest()).toBe(before);
    },
  );
});
