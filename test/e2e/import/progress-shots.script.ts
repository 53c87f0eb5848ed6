/**
 * Manual check (not a test): a large import shows its progress where it runs (the check, then the
 * import) with Cancel, and no corner card beside it; a cancel says nothing was changed. Writes
 * screenshots to /tmp/ledgerline-shots/import/.
 *   N=150000 node test/e2e/import/progress-shots.script.ts
 */
import path from 'node:path';
import { launchBrowser, SHOTS_DIR, startPreview, TEST_BUSINESS } from '../preview.ts';

const N = Number(process.env.N ?? 150_000);
const out = path.join(SHOTS_DIR, 'import');
const preview = await startPreview();
const browser = await launchBrowser();
try {
  await preview.call('setup.complete', { ...TEST_BUSINESS });
  const page = await (await browser.newContext({ viewport: { width: 1360, height: 860 } })).newPage();
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  await page.goto(`${preview.url}#/transfer`);
  await page.getByRole('button', { name: 'Choose a file…' }).waitFor({ timeout: 30_000 });
  const rows = Array.from({ length: N }, (_, i) => `Person ${i},p${i}@big.test,City ${i % 50}`);
  await page
    .getByRole('region', { name: 'Import', exact: true })
    .locator('input[type="file"]')
    .setInputFiles({
      name: 'big.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(['Name,Email,City', ...rows].join('\r\n')),
    });
  const w = page.getByRole('region', { name: 'Import people' });
  await w.getByRole('button', { name: /^Next/u }).click();
  await w.getByRole('button', { name: /^Next/u }).click();
  await w.getByRole('button', { name: 'Check the file' }).click();
  await w.getByRole('progressbar').waitFor();
  await page.waitForTimeout(700);
  await page.screenshot({ path: path.join(out, 'step3-checking-light.png') });
  await w.getByRole('heading', { name: 'What the import will do' }).waitFor({ timeout: 120_000 });
  await w.getByRole('button', { name: /^Import .* people$/u }).click();
  await w.getByRole('progressbar').waitFor();
  await page.waitForTimeout(900);
  await page.screenshot({ path: path.join(out, 'step4-running-light.png') });
  await w.getByRole('button', { name: 'Cancel import' }).click();
  await w.getByRole('heading', { name: 'The import was cancelled' }).waitFor({ timeout: 120_000 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(out, 'step4-cancelled-light.png') });
  console.log(`Screenshots in ${out}; people now: ${(await preview.call('people.count', {})).count}`);
} finally {
  await browser.close();
  await preview.stop();
}
