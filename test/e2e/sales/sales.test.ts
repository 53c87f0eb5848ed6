/**
 * Sales in a real browser against the preview, as a new user would: add a product on the Products
 * screen, open a person's page and start a quote from their Purchases card, fill two lines (one
 * from the catalogue), save, confirm it, mark it paid, and see it in the person's purchase history.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickCounter, launchBrowser, SHOTS_DIR, startPreview, type Preview } from '../preview.ts';

let preview: Preview;
let browser: Browser;
const SHOTS = path.join(SHOTS_DIR, 'issue4', 'sales');

async function shot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.waitForTimeout(250);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

beforeAll(async () => {
  [preview, browser] = await Promise.all([startPreview(), launchBrowser()]);
  await preview.call('setup.complete', {
    userName: 'Ada Lovelace',
    businessName: 'Analytical Engines Ltd',
    currency: 'GBP',
    locale: 'en-GB',
  });
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('sales', () => {
  it('adds a product, writes a quote for a person, confirms and pays it, and sees it in their purchases', async () => {
    const ann = await preview.call('people.create', {
      person: { givenName: 'Ann', familyName: 'Lee', emails: [{ label: 'work', email: 'ann@harbour.test' }] },
    });
    const context = await browser.newContext({
      viewport: { width: 1360, height: 860 },
      colorScheme: 'light',
    });
    const page = await context.newPage();
    page.on('pageerror', (err) => {
      throw err;
    });
    await page.goto(preview.url);
    const sidebar = page.getByRole('navigation', { name: 'Sidebar' });
    await sidebar.waitFor();

    // A product: Products, New product, fill, Add product.
    const clicks = clickCounter();
    await clicks.click(sidebar.getByRole('button', { name: 'Products' }));
    await page.getByText('No products yet').waitFor();
    await clicks.click(page.getByRole('button', { name: 'New product' }).first());
    const dialog = page.getByRole('dialog', { name: 'New product' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Oak desk');
    await dialog.getByRole('textbox', { name: 'SKU' }).fill('DESK-1');
    await dialog.getByRole('textbox', { name: /Unit price/u }).fill('450');
    await dialog.getByRole('textbox', { name: 'Tax rate (%)' }).fill('20');
    await dialog.getByRole('textbox', { name: /Unit cost/u }).fill('270');
    await clicks.click(dialog.getByRole('button', { name: 'Add product' }));
    const row = page.getByRole('grid', { name: 'Products' }).getByRole('row', { name: 'Oak desk' });
    await row.waitFor();
    expect(await row.textContent()).toContain('£450.00');
    expect(await row.textContent()).toContain('40.0%');
    expect(clicks.count).toBeLessThanOrEqual(3);

    // A quote from the person's page: the Purchases card's New order.
    await page.goto(`${preview.url}#/people/${ann.id}`);
    await page.getByRole('heading', { name: 'Ann Lee', level: 1 }).waitFor();
    await page.getByText('Nothing bought yet.').waitFor();
    await page
      .getByRole('region', { name: /Purchases/u })
      .getByRole('button', { name: 'New order' })
      .click();
    await page.getByRole('heading', { name: 'New order', level: 1 }).waitFor();
    await page.getByRole('button', { name: /^Person: Ann Lee/u }).waitFor();

    // The lines from the keyboard: Enter chooses the product and goes on to the quantity; Enter
    // there starts the next line.
    await page.getByRole('combobox', { name: 'Line 1 item' }).fill('Oak');
    await page.getByRole('option', { name: /Oak desk/u }).waitFor();
    await page.keyboard.press('Enter');
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    await expect.poll(focused).toBe('Line 1 quantity');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('Line 2 item');
    await page.keyboard.type('Delivery');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('Line 2 quantity');
    await page.keyboard.press('Tab');
    await page.keyboard.type('35');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('20');
    expect(await page.getByRole('textbox', { name: 'Line 1 unit price' }).inputValue()).toBe('450.00');
    // 2 × 450 + 35 = 935 net, 187 tax, 1,122 total.
    expect(await page.getByLabel('Order total', { exact: true }).textContent()).toBe('£1,122.00');
    expect(await page.getByLabel('Tax total', { exact: true }).textContent()).toBe('£187.00');
    await shot(page, 'e2e-new-order-light');
    await page.keyboard.press('Control+s');
    await page.getByRole('heading', { name: /ORD-00001/u, level: 1 }).waitFor();

    // Confirm it, then mark it paid: each step dated today.
    const stepper = page.getByRole('list', { name: 'Order status' });
    await stepper.getByRole('button', { name: 'Mark as confirmed' }).click();
    await stepper.getByRole('button', { name: 'Confirmed (now)' }).waitFor();
    await stepper.getByRole('button', { name: 'Mark as paid' }).click();
    await stepper.getByRole('button', { name: 'Paid (now)' }).waitFor();
    expect(await page.getByRole('list', { name: 'Status history' }).getByRole('listitem').count()).toBe(3);
    await shot(page, 'e2e-order-paid-light');
    const [order] = (await preview.call('orders.list', {})).rows;
    expect(order).toMatchObject({ status: 'paid', gross: 112_200, personName: 'Ann Lee' });

    // Her page: the order counts in her purchases.
    await page.goto(`${preview.url}#/people/${ann.id}`);
    const card = page.getByRole('region', { name: /Purchases/u });
    await card.getByRole('group', { name: 'Revenue' }).getByText('£935.00').waitFor();
    expect(await card.getByRole('group', { name: 'Margin' }).textContent()).toContain('£395.00');
    expect(await card.getByRole('list', { name: 'Products bought' }).textContent()).toContain('Oak desk');
    await card.getByRole('button', { name: 'Open ORD-00001' }).click();
    await page.getByRole('heading', { name: /ORD-00001/u, level: 1 }).waitFor();
    await context.close();
  });
});
