/**
 * Manual check (not a test): screenshots of the contacts screens on the demo book, light and
 * dark, into /tmp/ledgerline-shots/issue3/demo-*.png.
 *   node test/e2e/contacts/shots.script.ts
 */
import { launchBrowser, startPreview } from '../preview.ts';

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
    await page.goto(preview.url + '#/contacts');
    await page.getByRole('grid', { name: 'People' }).waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: `/tmp/ledgerline-shots/issue3/demo-contacts-${theme}.png` });
    await page.getByRole('row').nth(3).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: `/tmp/ledgerline-shots/issue3/demo-person-${theme}.png` });
    await page.getByRole('button', { name: /More actions/ }).click();
    await page.getByRole('menuitem', { name: 'Merge with…' }).click();
    await page.getByRole('combobox', { name: 'Merge with' }).fill('Bar');
    await page.waitForTimeout(500);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(800);
    await page.screenshot({ path: `/tmp/ledgerline-shots/issue3/demo-merge-${theme}.png` });
    await page.keyboard.press('Escape');
    await page.goto(preview.url + '#/contacts');
    await page.getByRole('grid', { name: 'People' }).waitFor();
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('menuitem', { name: 'Stage' }).click();
    await page.getByRole('combobox', { name: 'Stage' }).selectOption('customer');
    await page.getByRole('button', { name: 'Add filter' }).click();
    await page.getByRole('menuitem', { name: 'Not contacted for…' }).click();
    await page.getByRole('spinbutton', { name: 'Not contacted for (days)' }).fill('30');
    await page.waitForTimeout(900);
    await page.screenshot({ path: `/tmp/ledgerline-shots/issue3/demo-contacts-filtered-${theme}.png` });
    await page
      .getByRole('checkbox', { name: /^Select / })
      .nth(1)
      .click();
    await page
      .getByRole('checkbox', { name: /^Select / })
      .nth(4)
      .click({ modifiers: ['Shift'] });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `/tmp/ledgerline-shots/issue3/demo-contacts-bulk-${theme}.png` });
    await page.goto(preview.url + '#/companies');
    await page.getByRole('grid', { name: 'Companies' }).waitFor();
    await page.waitForTimeout(600);
    await page.screenshot({ path: `/tmp/ledgerline-shots/issue3/demo-companies-${theme}.png` });
    await page.getByRole('row').nth(2).click();
    await page.waitForTimeout(900);
    await page.screenshot({ path: `/tmp/ledgerline-shots/issue3/demo-company-${theme}.png` });
    await page.goto(preview.url + '#/trash');
    await page.waitForTimeout(900);
    await page.screenshot({ path: `/tmp/ledgerline-shots/issue3/demo-trash-${theme}.png` });
    await page.goto(preview.url + '#/contacts');
    await page.getByRole('button', { name: 'New person' }).first().click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `/tmp/ledgerline-shots/issue3/demo-new-person-${theme}.png` });
    await ctx.close();
  }
} finally {
  await browser.close();
  await preview.stop();
}
