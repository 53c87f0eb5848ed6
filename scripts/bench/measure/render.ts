/**
 * The renderer in headless Chromium, through the preview server on the run's copy of the book (the
 * app's measuring process serves it on the book it has open and checked, see app.child.ts):
 *  - render.first_contacts: from navigation start (performance.timeOrigin) to the frame in which
 *    the first contacts row (a loaded row, not a placeholder) is in the page, in a new browser
 *    context each run (no cache, no stored view state);
 *  - render.scroll_fps: the contacts list scrolled from the top to the bottom at a steady pace over
 *    a few seconds, timing every requestAnimationFrame.
 */
import { buildRenderer, launchBrowser } from '../../../test/e2e/preview.ts';

const ROW = '.grid__body [role="row"][aria-label]';

export interface RenderSamples {
  firstContacts: number[];
  /** Milliseconds between frames while scrolling. */
  frameGaps: number[];
}

export async function measureRender(options: {
  /** Starts the preview server on the built renderer's folder; answers the page's address. */
  serve: (staticDir: string) => Promise<string>;
  contacts: number;
  runs: number;
  scrollSeconds: number;
  log: (message: string) => void;
}): Promise<RenderSamples> {
  const url = await options.serve(buildRenderer());
  options.log(`  preview at ${new URL(url).origin}`);
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
      await page.goto(`${url}#/contacts`);
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
  }
}
