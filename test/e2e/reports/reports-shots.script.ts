/**
 * Manual check (not a test): the Reports screen on the demo book, light and dark, into
 * /tmp/ledgerline-shots/reports-*.png.
 *   node test/e2e/reports/reports-shots.script.ts
 */
import { launchBrowser, screenshot, startPreview } from '../preview.ts';

const preview = await startPreview({ demo: true });
const browser = await launchBrowser();
try {
  for (const theme of ['light', 'dark'] as const) {
    const ctx = await browser.newContext({ viewport: { width: 1360, height: 900 }, colorScheme: theme });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.log('pageerror', e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') console.log('console', m.text());
    });
    await page.goto(`${preview.url}#/reports`);
    await page.getByRole('table', { name: 'Open cases by age' }).waitFor({ timeout: 30_000 });
    await page.getByRole('table', { name: 'Sales by month' }).waitFor({ timeout: 30_000 });
    console.log(await screenshot(page, `reports-${theme}`));
    await page.locator('.reports').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    console.log(await screenshot(page, `reports-lower-${theme}`));
    await ctx.close();
  }
} finally {
  await browser.close();
  await preview.stop();
}
