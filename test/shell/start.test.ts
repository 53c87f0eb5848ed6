/** npm start where the Electron binary is missing: one clear line, no stack trace, no download. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const script = path.join(root, 'scripts/start.mjs');

function start(env: NodeJS.ProcessEnv) {
  const result = spawnSync(process.execPath, [script], { cwd: root, env, encoding: 'utf8', timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expectOneLineRefusal({ code, stdout, stderr }: ReturnType<typeof start>) {
  expect(code).not.toBe(0);
  expect(code).not.toBeNull();
  const lines = stderr.split('\n').filter((line) => line.trim() !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain('Electron binary is not installed');
  expect(lines[0]).toContain('npm run preview');
  expect(stderr).not.toMatch(/^ {4}at /mu);
  expect(stdout).not.toMatch(/Downloading Electron/u);
}

const electronDir = path.join(root, 'node_modules/electron');
const pathTxt = path.join(electronDir, 'path.txt');
const binaryHere =
  fs.existsSync(pathTxt) &&
  fs.existsSync(path.join(electronDir, 'dist', fs.readFileSync(pathTxt, 'utf8').trim()));

describe('npm start without the Electron binary', () => {
  it('prints one line pointing to the preview and exits non-zero (binary forced missing)', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-no-electron-'));
    try {
      expectOneLineRefusal(start({ ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty }));
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it.skipIf(binaryHere)('does the same on this machine as it is', () => {
    const env = { ...process.env };
    delete env.ELECTRON_OVERRIDE_DIST_PATH;
    expectOneLineRefusal(start(env));
  });
});
