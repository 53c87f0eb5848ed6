/**
 * Encrypting and decrypting a book are crash-safe (issue 6): a child process re-keys a book of
 * some megabytes and is killed with SIGKILL at a random moment of the rewrite; every time, once
 * settled as the app settles it when it next opens the book (rollBackJournal: the journal's pages
 * copied back, with no key), the file opens either as it was or as it was meant to be (plain, or
 * with the key), whole, with every row, and opening it again changes nothing.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { applyKey, hasSqliteHeader, newBookKey } from '../../electron/db/cipher.ts';
import { hasHotJournal, rollBackJournal } from '../../electron/db/journal-rollback.ts';
import { makeTempDir } from '../helpers/book.ts';

const KILLS = Number(process.env.LEDGERLINE_REKEY_KILLS ?? 6);
const ROWS = 60_000;
const cipher = fileURLToPath(new URL('../../electron/db/cipher.ts', import.meta.url));

/** What the file is now: which key opens it, whether it is whole, and its rows. */
function look(file: string, key: string): { keyed: boolean; check: string; rows: number } {
  const keyed = !hasSqliteHeader(file);
  const db = new Database(file, { fileMustExist: true });
  try {
    if (keyed) applyKey(db, key);
    return {
      keyed,
      check: String(db.pragma('integrity_check', { simple: true })),
      rows: db.prepare('SELECT count(*) FROM t').pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

/**
 * Runs rekeyFile(file, from, to) in a child. `killAfter(ms)` gets the time since the child began
 * the rewrite; null lets it finish. Resolves with whether it was killed and how long it ran.
 */
function rekeyInChild(
  file: string,
  from: string | null,
  to: string | null,
  killAfterMs: number | null,
): Promise<{ killed: boolean; ms: number }> {
  const script = `import { rekeyFile } from ${JSON.stringify(cipher)};
process.stdout.write('go\\n');
rekeyFile(${JSON.stringify(file)}, ${JSON.stringify(from)}, ${JSON.stringify(to)});`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let started = 0;
    let timer: NodeJS.Timeout | undefined;
    child.stdout.once('data', () => {
      started = performance.now();
      if (killAfterMs !== null) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', ms: performance.now() - started });
    });
  });
}

describe('re-keying a book, killed', () => {
  it(`leaves it whole, plain or encrypted, after ${KILLS} kills during the rewrite`, async () => {
    const file = path.join(makeTempDir('ledgerline-rekey-crash-'), 'customer-book.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT');
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < ROWS; i++) insert.run(`row ${i} ${'x'.repeat(200)}`);
    })();
    db.close();
    const key = newBookKey();

    // One whole rewrite first: how long one takes here (kills then fall inside it).
    const whole = await rekeyInChild(file, null, key, null);
    expect(whole.killed).toBe(false);
    expect(look(file, key)).toEqual({ keyed: true, check: 'ok', rows: ROWS });

    let killed = 0;
    let midway = 0;
    for (let i = 0; i < KILLS; i++) {
      // Encrypting on even runs, decrypting on odd ones: the book is put in the state to start from.
      if (look(file, key).keyed !== (i % 2 === 1)) {
        const flip = look(file, key).keyed;
        expect((await rekeyInChild(file, flip ? key : null, flip ? null : key, null)).killed).toBe(false);
      }
      const before = look(file, key);
      const run = await rekeyInChild(
        file,
        before.keyed ? key : null,
        before.keyed ? null : key,
        Math.random() * whole.ms,
      );
      if (run.killed) killed++;
      // A kill in the middle of the rewrite leaves a hot journal: the next opener rolls it back.
      if (hasHotJournal(file)) midway++;
      // As the gate does at start, before it knows the key: the journal's pages copied back.
      rollBackJournal(file);
      expect(hasHotJournal(file), `run ${i}`).toBe(false);
      const after = look(file, key);
      expect(after.check, `run ${i}`).toBe('ok');
      expect(after.rows, `run ${i}`).toBe(ROWS);
      expect(look(file, key), `run ${i}: opened again`).toEqual(after);
      // Killed: as it was or as meant; finished: as meant.
      if (!run.killed) expect(after.keyed, `run ${i}`).toBe(!before.keyed);
    }
    console.info(`re-key crash: ${killed} of ${KILLS} killed, ${midway} in the middle of the rewrite`);
  });
});
