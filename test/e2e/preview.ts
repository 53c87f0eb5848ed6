/**
 * E2E helpers: build the renderer (once per source state), start the preview server on a fresh
 * temp book as a child process, launch Debian Chromium, and a few small conveniences.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { RequestInput, RequestName, RequestOutput } from '../../shared/api/requests.ts';
import { createClient } from '../../shared/api/client.ts';
import { AppError } from '../../shared/api/errors.ts';
import { httpTestTransport } from '../helpers/http.transport.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHOTS_DIR = '/tmp/ledgerline-shots';
const BUILD_ROOT = path.join(os.tmpdir(), 'ledgerline-e2e');

/** Every file that goes into the renderer bundle, hashed: the build is redone only when one changes. */
function sourceHash(): string {
  const hash = crypto.createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        hash.update(path.relative(ROOT, full));
        hash.update(fs.readFileSync(full));
      }
    }
  };
  walk(path.join(ROOT, 'renderer'));
  walk(path.join(ROOT, 'shared'));
  hash.update(fs.readFileSync(path.join(ROOT, 'package-lock.json')));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Builds the renderer with vite into a folder named by the source hash, unless that folder is
 * already there: every e2e file calls this, and only the first one in a run (or after a source
 * change) pays for the build.
 */
export function buildRenderer(): string {
  const out = path.join(BUILD_ROOT, `renderer-${sourceHash()}`);
  if (fs.existsSync(path.join(out, 'index.html'))) return out;
  fs.mkdirSync(BUILD_ROOT, { recursive: true });
  const tmp = `${out}.tmp-${process.pid}-${Date.now()}`;
  const result = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      path.join(ROOT, 'renderer/vite.config.ts'),
      '--outDir',
      tmp,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`The renderer build failed:\n${result.stdout}\n${result.stderr}`);
  }
  try {
    fs.renameSync(tmp, out);
  } catch {
    // Another run finished the same build first; use that one.
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  // Older builds are no longer needed.
  for (const name of fs.readdirSync(BUILD_ROOT)) {
    const full = path.join(BUILD_ROOT, name);
    if (full !== out && name.startsWith('renderer-') && !name.includes('.tmp-')) {
      fs.rmSync(full, { recursive: true, force: true });
    }
  }
  return out;
}

export interface Preview {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /** Calls the preview's API the way the page does (with the token). */
  call<N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestOutput<N>>;
  /** Stops the server and removes its data folder (kept with keepData: to start it again on the same book). */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/** Starts the preview on a new book (or on `dataDir`, a book made beforehand); stop() removes it. */
export async function startPreview(options: { demo?: boolean; dataDir?: string } = {}): Promise<Preview> {
  const staticDir = buildRenderer();
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-e2e-book-'));
  const token = crypto.randomBytes(18).toString('base64url');
  const args = [
    path.join(ROOT, 'electron/preview/preview.cli.ts'),
    '--data',
    dataDir,
    '--port',
    '0',
    // --token=T, not "--token T": a random token may start with "-", which reads as an option.
    `--token=${token}`,
    '--static',
    staticDir,
  ];
  if (options.demo) args.push('--demo');
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => reject(new Error(`The preview did not start in 30 s.\n${stderr}`)),
      30_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^Preview: (http:\/\/\S+)$/mu.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The preview exited with code ${code}.\n${stderr}`));
    });
  });
  const origin = new URL(url).origin;
  // The typed client over the preview's HTTP API, as the page has it (packed pages come back as rows).
  const transport = httpTestTransport(origin, token);
  const client = createClient(transport);

  return {
    url,
    origin,
    token,
    dataDir,
    async call(name, input) {
      try {
        return await client.call(name, input);
      } catch (err) {
        if (err instanceof AppError)
          throw new Error(`${name} failed: ${err.code} ${err.message}`, { cause: err });
        throw err;
      }
    },
    async stop(how = {}) {
      transport.close();
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      if (!how.keepData) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The business the e2e books are set up as. */
export const TEST_BUSINESS = {
  userName: 'Ada Lovelace',
  businessName: 'Analytical Engines Ltd',
  currency: 'GBP',
  locale: 'en-GB',
} as const;

/** A preview whose book is set up as TEST_BUSINESS, and a browser, started side by side. */
export async function startSetUp(): Promise<[Preview, Browser]> {
  const [preview, browser] = await Promise.all([startPreview(), launchBrowser()]);
  await preview.call('setup.complete', { ...TEST_BUSINESS });
  return [preview, browser];
}

/** Counts the clicks a person makes, so a test can hold a flow to three or fewer. */
export function clickCounter() {
  let count = 0;
  return {
    async click(locator: Locator) {
      count++;
      await locator.click();
    },
    get count() {
      return count;
    },
  };
}

/**
 * A file's openPage(colorScheme, hash, viewport): a new window on the preview at that hash, where
 * an error the page throws fails the test, ready once the sidebar is there. `started` gives the
 * file's preview and browser when a page is opened (its beforeAll starts them).
 */
export function pageOpener(
  started: () => { preview: Preview; browser: Browser },
  defaultViewport = { width: 1360, height: 860 },
) {
  return async (
    colorScheme: 'light' | 'dark' = 'light',
    hash = '',
    viewport = defaultViewport,
  ): Promise<Page> => {
    const { preview, browser } = started();
    // Playwright accepts downloads by default; said here as the export and audit tests need it.
    const context = await browser.newContext({ viewport, colorScheme, acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (err) => {
      throw err;
    });
    await page.goto(`${preview.url}${hash}`);
    await page.getByRole('navigation', { name: 'Sidebar' }).waitFor();
    return page;
  };
}

/**
 * A file's shot(page, name): saves the page as name.png in this folder of SHOTS_DIR, once the
 * last transitions have finished.
 */
export function shotsIn(...folder: string[]) {
  const dir = path.join(SHOTS_DIR, ...folder);
  return async (page: Page, name: string): Promise<void> => {
    fs.mkdirSync(dir, { recursive: true });
    await page.waitForTimeout(250);
    await page.screenshot({ path: path.join(dir, `${name}.png`) });
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  const file = path.join(SHOTS_DIR, `${name}.png`);
  // Let the last transitions (≤150 ms) finish first.
  await page.waitForTimeout(200);
  await page.screenshot({ path: file });
  return file;
}

/** The numbers on the Today tiles, by their labels. */
export async function tileValues(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const label of ['People', 'Companies', 'Calls today', 'Due today', 'Overdue', 'Open tasks']) {
    const tile = page.getByRole('group', { name: label, exact: true });
    out[label] = ((await tile.locator('.tile__value').textContent()) ?? '').trim();
  }
  return out;
}
