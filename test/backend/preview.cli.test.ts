/** The preview as a person starts it: one line out, errors as one line, no stack traces. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/book.ts';
import { makeReadOnly } from '../helpers/fs.ts';

const CLI = path.resolve('electron/preview/preview.cli.ts');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

function staticDir() {
  const dir = makeTempDir();
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>x</title>');
  return dir;
}

/** Starts the CLI; resolves with its first stdout line, or with its exit and stderr. */
function start(args: string[]) {
  const child = spawn(process.execPath, [CLI, '--static', staticDir(), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
  return new Promise<{ child: ChildProcess; stdout: string; stderr: string; code: number | null }>(
    (resolve) => {
      child.stdout.on('data', () => {
        if (out.includes('\n')) resolve({ child, stdout: out, stderr: err, code: null });
      });
      child.on('exit', (code) => resolve({ child, stdout: out, stderr: err, code }));
    },
  );
}

const LINE = /^Preview: http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+)\n$/u;

describe('npm run preview', () => {
  it('prints exactly one line with the address and token, and stops cleanly on SIGTERM', async () => {
    const data = path.join(makeTempDir(), 'book');
    const r = await start(['--data', data, '--port', '0', '--token', 'my-token-123']);
    expect(r.stdout).toMatch(LINE);
    const [, port, token] = LINE.exec(r.stdout) ?? [];
    expect(token).toBe('my-token-123');
    const res = await fetch(`http://127.0.0.1:${port}/api/invoke`, {
      method: 'POST',
      headers: { authorization: 'Bearer my-token-123' },
      body: JSON.stringify({ name: 'app.info', input: {} }),
    });
    expect(await res.json()).toMatchObject({ ok: true, value: { host: 'preview' } });
    expect(fs.existsSync(path.join(data, 'customer-book.sqlite'))).toBe(true);
    const exit = new Promise((resolve) => r.child.once('exit', resolve));
    r.child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(fs.existsSync(path.join(data, 'customer-book.sqlite.lock'))).toBe(false);
  });

  it('takes a token that starts with a dash when given as --token=T', async () => {
    const r = await start(['--data', path.join(makeTempDir(), 'dash'), '--token=-starts-with-dash']);
    expect(LINE.exec(r.stdout)?.[2]).toBe('-starts-with-dash');
  });

  it('makes up a long random token when none is given', async () => {
    const a = await start(['--data', path.join(makeTempDir(), 'a')]);
    const b = await start(['--data', path.join(makeTempDir(), 'b')]);
    const ta = LINE.exec(a.stdout)?.[2] ?? '';
    const tb = LINE.exec(b.stdout)?.[2] ?? '';
    expect(ta.length).toBeGreaterThanOrEqual(24);
    expect(ta).not.toBe(tb);
  });

  it('--demo fills a new book with a sample', async () => {
    const r = await start(['--data', path.join(makeTempDir(), 'demo'), '--token', 'demo-token-1', '--demo']);
    const port = LINE.exec(r.stdout)?.[1];
    const res = await fetch(`http://127.0.0.1:${port}/api/invoke`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-token-1' },
      body: JSON.stringify({
        name: 'today.summary',
        input: { date: '2026-11-22', dayStart: 0, dayEnd: 8.64e15 },
      }),
    });
    const body = (await res.json()) as { value: { counts: { people: number; companies: number } } };
    expect(body.value.counts.people).toBeGreaterThan(100);
    expect(body.value.counts.companies).toBeGreaterThan(10);
  });

  const oneLineError = (r: { code: number | null; stdout: string; stderr: string }, text: RegExp) => {
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^Preview could not start: /u);
    expect(r.stderr).toMatch(text);
    expect(r.stderr).not.toMatch(/\n\s+at /u);
  };

  it('says what is wrong, in one line, for missing or bad arguments', async () => {
    oneLineError(await start([]), /--data DIR/u);
    oneLineError(
      await start(['--data', makeTempDir(), '--port', 'eighty']),
      /--port must be a whole number/u,
    );
    oneLineError(await start(['--data', makeTempDir(), '--colour', 'red']), /Unknown option/u);
    oneLineError(await start(['--data', makeTempDir(), '--token', 'short']), /--token must be/u);
  });

  it('refuses a second preview on the same book while the first runs', async () => {
    const data = path.join(makeTempDir(), 'shared');
    const first = await start(['--data', data]);
    expect(first.stdout).toMatch(LINE);
    oneLineError(await start(['--data', data]), /already open in another Ledgerline window or process/u);
  });

  it('refuses a file that is not a customer book, and leaves it as it was', async () => {
    const data = makeTempDir();
    fs.writeFileSync(path.join(data, 'customer-book.sqlite'), 'this is a spreadsheet, honest');
    oneLineError(await start(['--data', data]), /not an SQLite database/u);
    expect(fs.readFileSync(path.join(data, 'customer-book.sqlite'), 'utf8')).toBe(
      'this is a spreadsheet, honest',
    );
  });

  it('refuses a read-only folder with a clear line', async () => {
    const data = makeTempDir();
    const undo = makeReadOnly(data);
    try {
      oneLineError(await start(['--data', data]), /read-only/u);
    } finally {
      undo();
    }
  });
});
