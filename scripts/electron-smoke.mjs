#!/usr/bin/env node
/**
 * npm run test:electron: the Electron smoke test. It needs a real Electron binary, so it is not part
 * of npm test; where there is none (our build machines) it says so in one line and exits 0.
 * Where there is one, it builds, starts the app on a fresh user-data folder with Playwright and checks
 * that the first-run screen appears and that the page sees only window.crm.{invoke,on}.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron } from 'playwright-core';
import { findElectronBinary } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const binary = findElectronBinary(root);
if (!binary) {
  process.stdout.write('Electron smoke test skipped: there is no Electron binary on this machine.\n');
  process.exit(0);
}

const build = spawnSync(path.join(root, 'node_modules/.bin/electron-vite'), ['build'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(1);

const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-smoke-'));
const app = await electron.launch({ executablePath: binary, args: [root, `--user-data-dir=${userData}`] });
let failed = false;
const check = (ok, what) => {
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${what}\n`);
  if (!ok) failed = true;
};
try {
  const page = await app.firstWindow();
  await page.getByRole('heading', { name: 'Welcome to Ledgerline' }).waitFor({ timeout: 20_000 });
  check(true, 'the first-run screen appears');
  check(page.url().startsWith('app://ledgerline/'), `the page is served from app:// (${page.url()})`);
  const keys = await page.evaluate(() =>
    Object.keys(globalThis.crm ?? {})
      .sort()
      .join(','),
  );
  check(keys === 'invoke,on', `window.crm exposes only invoke and on (${keys})`);
  const node = await page.evaluate(() => typeof globalThis.require + typeof globalThis.process);
  check(node === 'undefinedundefined', 'the page has no Node globals');
  const book = fs.existsSync(path.join(userData, 'book', 'customer-book.sqlite'));
  check(book, 'the customer book was created in the user-data folder');
} finally {
  await app.close();
}
process.stdout.write(failed ? 'Electron smoke test: FAILED\n' : 'Electron smoke test: passed\n');
process.exit(failed ? 1 : 0);
