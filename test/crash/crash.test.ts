/**
 * The crash harness at a small count (issue 6): the backend in a child process, killed with
 * SIGKILL at random moments while it writes, the book checked after every kill. `npm run crash`
 * runs it at full count (200 kills); README.md reports that run.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { bookPathIn } from '../../electron/backend/book.ts';
import { checkBook, runCrashHarness } from '../../scripts/crash/crash.ts';
import { makeTempDir } from '../helpers/book.ts';

const RUNS = Number(process.env.LEDGERLINE_CRASH_RUNS ?? 6);

describe('crash harness', () => {
  const dir = makeTempDir('ledgerline-crash-');
  let report: Awaited<ReturnType<typeof runCrashHarness>>;

  it(`kills the backend ${RUNS} times while it writes, and the book keeps every returned write`, async () => {
    report = await runCrashHarness({ dir, runs: RUNS, seed: 20261123 });
    expect(report.violations).toEqual([]);
    expect(report.runs).toBe(RUNS);
    expect(report.kills).toBe(RUNS);
    // The kills land while writing: some writes had returned, and some had begun and not.
    expect(report.acked).toBeGreaterThan(RUNS);
    expect(report.begun).toBeGreaterThan(report.acked - 1);
  });

  it('finds what a kill could break: a missing write, a partial import, a damaged file', () => {
    const book = bookPathIn(dir);
    const db = new Database(book);
    const someone = db
      .prepare(`SELECT id, family_name FROM people WHERE deleted_at IS NULL LIMIT 1`)
      .get() as {
      id: string;
      family_name: string;
    };
    db.close();
    const clean = {
      names: new Map([[someone.id, [{ familyName: someone.family_name, acked: true }]]]),
      calls: new Map<string, string>(),
      merged: new Set<string>(),
      imports: new Map<string, { rows: number; batchId?: string }>(),
    };
    expect(checkBook(book, clean)).toEqual([]);

    const missing = { ...clean, names: new Map([['no-such-person', [{ familyName: 'X', acked: true }]]]) };
    expect(checkBook(book, missing)).toEqual([expect.stringContaining('no-such-person')]);
    const renamed = {
      ...clean,
      names: new Map([[someone.id, [{ familyName: 'Someone else', acked: true }]]]),
    };
    expect(checkBook(book, renamed)).toEqual([expect.stringContaining('not one of Someone else')]);
    const partial = { ...clean, imports: new Map([['r0-1', { rows: 5, batchId: 'no-such-batch' }]]) };
    const found = checkBook(book, partial);
    expect(found.some((p) => p.includes('r0-1'))).toBe(true);

    // A copy with its pages overwritten in the middle fails integrity_check.
    const damagedDir = makeTempDir('ledgerline-crash-damaged-');
    const damaged = path.join(damagedDir, path.basename(book));
    const fresh = new Database(book);
    fresh.pragma('wal_checkpoint(TRUNCATE)');
    fresh.close();
    fs.copyFileSync(book, damaged);
    const fd = fs.openSync(damaged, 'r+');
    const size = fs.fstatSync(fd).size;
    fs.writeSync(fd, Buffer.alloc(4096 * 3, 0x5a), 0, 4096 * 3, Math.floor(size / 4096 / 2) * 4096);
    fs.closeSync(fd);
    const problems = checkBook(damaged, clean);
    expect(problems.length).toBeGreaterThan(0);
  });
});
