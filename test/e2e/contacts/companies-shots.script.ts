/**
 * Manual check (not a test): screenshots of the Companies screen with a selection and its bulk
 * bar, a company's page (notes named by person) and its "Add a person" dialog, on the demo book,
 * light and dark, into /tmp/ledgerline-shots/companies/*.png.
 *   node test/e2e/contacts/companies-shots.script.ts
 */
import { launchBrowser, startPreview } from '../preview.ts';

const OUT = '/tmp/ledgerline-shots/companies';
const preview = await startPreview({ demo: true });
const browser = await launchBrowser();
try {
  for (const theme of ['light', 'dark'] as const) {
    const ctx = await browser.newContext({ viewport: { width: 1360, height: 860 }, colorScheme: theme });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.log('pageerror', e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') console.log('console', m.text());
    });
    await page.goto(preview.url + '#/companies');
    const grid = page.getByRole('grid', { name: 'Companies' });
    await grid.waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${OUT}/companies-${theme}.png` });
    const boxes = page.getByRole('checkbox', { name: /^Select / });
    await boxes.nth(1).click();
    await boxes.nth(4).click({ modifiers: ['Shift'] });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${OUT}/companies-bulk-${theme}.png` });
    await page.getByRole('button', { name: 'Tag…' }).click();
    await page.getByRole('combobox', { name: 'Tag' }).fill('Wholesale');
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${OUT}/companies-tag-dialog-${theme}.png` });
    await page.getByRole('button', { name: 'Add tag' }).click();
    await page.waitForTimeout(700);
    await page.screenshot({ path: `${OUT}/companies-tagged-${theme}.png` });
    await grid.focus();
    await page.keyboard.press('Control+a');
    await page.waitForTimeout(300);
    await page.getByRole('button', { name: 'Set industry…' }).click();
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${OUT}/companies-industry-dialog-${theme}.png` });
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Clear selection' }).click();
    await page.getByRole('row').nth(2).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForTimeout(900);
    await page.screenshot({ path: `${OUT}/company-${theme}.png` });
    await page.getByRole('button', { name: 'Add a person' }).click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${OUT}/company-add-person-${theme}.png` });
    await page.keyboard.press('Escape');
    // A note on one of its people, then the company's history names whose it is.
    const companyUrl = page.url();
    await page
      .getByRole('list', { name: /^People at / })
      .getByRole('button')
      .first()
      .click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('textbox', { name: 'New note' }).fill(`Asked for the ${theme} catalogue.`);
    await page.keyboard.press('Control+Enter');
    await page.waitForTimeout(500);
    await page.goto(companyUrl);
    await page
      .getByRole('listitem', { name: /^Note on / })
      .first()
      .waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${OUT}/company-note-${theme}.png` });
    await ctx.close();
  }
} finally {
  await browser.close();
  await preview.stop();
}
