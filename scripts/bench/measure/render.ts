/**
 * The renderer in headless Chromium, through the preview on the run's copy of the book:
 *  - render.first_contacts: from navigation start (performance.timeOrigin) to the frame in which
 *    the first contacts row (a loaded row, not a placeholder) is in the page, in a new browser
 *    context each run (no cache, no stored view state);
 *  - render.scroll_fps: the contacts list scrolled from the top to the bottom at a steady pace over
 *    a few seconds, timing every requestAnimationFrame.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { bookPathIn } from '../../../electron/backend/book.ts';
import { CHECK_LATER_ABOVE } from '../../../electron/db/open.ts';
import { buildRenderer, launchBrowser, ROOT } from '../../../test/e2e/preview.ts';

const ROW = '.grid__body [role="row"][aria-label]';

export interface RenderSamples {
  firstContacts: number[];
  /** Milliseconds between frames while scrolling. */
  frameGaps: number[];
}

async function startPreview(dataDir: string, log: (m: string) => void) {
  const staticDir = buildRenderer();
  const token = crypto.randomBytes(18).toString('base64url').replace(/^-/u, 'x');
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'electron/preview/preview.cli.ts'),
      '--data',
      dataDir,
      '--port',
      '0',
      `--token=${token}`,
      '--static',
      staticDir,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  let checked: () => void = () => {};
  const bookChecked = new Promise<void>((resolve) => (checked = resolve));
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
    if (/The book check after opening is over/u.test(stderr)) checked();
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`The preview did not start in 10 minutes.\n${stderr}`)),
      600_000,
    );
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /^Preview: (http:\/\/\S+)$/mu.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The preview exited with code ${code}.\n${stderr}`));
    });
  });
  log(`  preview at ${new URL(url).origin}`);
  // A large book is checked just after it opens (as app.child.ts, measure once that is over).
  if (fs.statSync(bookPathIn(dataDir)).size > CHECK_LATER_ABOVE) {
    await bookChecked;
    log(`  ${/The book check after opening is over \(([^)]*)\)/u.exec(stderr)?.[1] ?? ''}`);
  }
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function measureRender(options: {
  dataDir: string;
  contacts: number;
  runs: number;
  scrollSeconds: number;
  log: (message: string) => void;
}): Promise<RenderSamples> {
  const preview = await startPreview(options.dataDir, options.log);
  const browser = await launchBrowser();
  try {
    const open = async () => {
      const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
      const page = await context.newPage();
      await page.addInitScript((selector: string) => {
        const w = window as unknown as { __benchFirst?: number };
        const observer = new MutationObserver(() => {
          if (w.__benchFirst !== undefined || !document.querySelector(selector)) return;
          observer.disconnect();
          w.__benchFirst = -1;
          // The frame that paints it.
          requestAnimationFrame(() => (w.__benchFirst = performance.now()));
        });
        observer.observe(document, {
          subtree: true,
          childList: true,
          attributes: true,
          attributeFilter: ['aria-label'],
        });
      }, ROW);
      await page.goto(`${preview.url}#/contacts`);
      const handle = await page.waitForFunction(
        () => {
          const v = (window as unknown as { __benchFirst?: number }).__benchFirst;
          return v !== undefined && v > 0 ? v : null;
        },
        null,
        { timeout: 300_000, polling: 50 },
      );
      const first = (await handle.jsonValue()) as number;
      return { context, page, first };
    };

    const firstContacts: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      const { context, first } = await open();
      firstContacts.push(first);
      await context.close();
    }

    const { context, page } = await open();
    // Wait until the list knows its length (the scroll bar spans everyone).
    await page.waitForFunction(
      ({ rows, selector }) => {
        const el = document.querySelector('.grid__scroll');
        const row = document.querySelector(selector);
        if (!el || !row) return false;
        return el.scrollHeight >= (rows - 1) * row.getBoundingClientRect().height;
      },
      { rows: options.contacts, selector: ROW },
      { timeout: 300_000, polling: 100 },
    );
    const frameGaps = await page.evaluate(async (duration: number) => {
      const el = document.querySelector('.grid__scroll')!;
      const max = el.scrollHeight - el.clientHeight;
      const gaps: number[] = [];
      await new Promise<void>((resolve) => {
        let start = -1;
        let last = 0;
        const frame = (now: number) => {
          if (start < 0) start = now;
          else gaps.push(now - last);
          last = now;
          const progress = Math.min(1, (now - start) / duration);
          el.scrollTop = progress * max;
          if (progress < 1) requestAnimationFrame(frame);
          else resolve();
        };
        requestAnimationFrame(frame);
      });
      return gaps;
    }, options.scrollSeconds * 1000);
    await context.close();
    return { firstContacts, frameGaps };
  } finally {
    await browser.close();
    await preview.stop();
  }
}
