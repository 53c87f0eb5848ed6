/**
 * Sales in a real browser against the preview, as a new user would: add two products on the
 * Products screen (an Oak desk with no category, and a Task chair in a "Seating" category made in
 * the Categories dialog), open a person's page and start a quote from their Purchases card, fill
 * three lines (both products from the catalogue by typing their names, the chair with a discount,
 * and a free-text delivery), check the totals, save, then step it through the stepper: confirmed,
 * delivered, paid. The order shows in the person's purchase history (revenue, margin, products),
 * and on the Reports screen in the current month's row of "Sales by month" and in "Sales by
 * product category".
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickCounter, type Preview, shotsIn, startSetUp } from '../preview.ts';

let preview: Preview;
let browser: Browser;

const shot = shotsIn('issue4', 'sales');

beforeAll(async () => {
  [preview, browser] = await startSetUp();
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('sales', () => {
  it('adds two products, writes a quote for a person, confirms, delivers and pays it, and sees it in their purchases and the reports', async () => {
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
    let dialog = page.getByRole('dialog', { name: 'New product' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Oak desk');
    await dialog.getByRole('textbox', { name: 'SKU' }).fill('DESK-1');
    await dialog.getByRole('textbox', { name: /Unit price/u }).fill('450');
    await dialog.getByRole('textbox', { name: 'Tax rate (%)' }).fill('20');
    await dialog.getByRole('textbox', { name: /Unit cost/u }).fill('270');
    await clicks.click(dialog.getByRole('button', { name: 'Add product' }));
    const grid = page.getByRole('grid', { name: 'Products' });
    const desk = grid.getByRole('row', { name: 'Oak desk' });
    await desk.waitFor();
    expect(await desk.textContent()).toContain('£450.00');
    expect(await desk.textContent()).toContain('40.0%');
    expect(clicks.count).toBeLessThanOrEqual(3);

    // A category for the second product: Categories, type it, Enter, Save categories.
    await page.getByRole('button', { name: 'Categories', exact: true }).click();
    const categories = page.getByRole('dialog', { name: 'Product categories' });
    await categories.getByRole('textbox', { name: 'New category' }).fill('Seating');
    await page.keyboard.press('Enter');
    expect(await categories.getByRole('textbox', { name: 'Category 1' }).inputValue()).toBe('Seating');
    await categories.getByRole('button', { name: 'Save categories' }).click();
    await categories.waitFor({ state: 'detached' });

    // The second product, in that category.
    await page.getByRole('button', { name: 'New product' }).first().click();
    dialog = page.getByRole('dialog', { name: 'New product' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Task chair');
    await dialog.getByRole('textbox', { name: 'SKU' }).fill('CHAIR-1');
    await dialog.getByRole('combobox', { name: 'Category' }).selectOption({ label: 'Seating' });
    await dialog.getByRole('textbox', { name: /Unit price/u }).fill('129.99');
    await dialog.getByRole('textbox', { name: 'Tax rate (%)' }).fill('20');
    await dialog.getByRole('textbox', { name: /Unit cost/u }).fill('80');
    await dialog.getByRole('button', { name: 'Add product' }).click();
    const chair = grid.getByRole('row', { name: 'Task chair' });
    await chair.waitFor();
    expect(await chair.textContent()).toContain('Seating');
    expect(await chair.textContent()).toContain('£129.99');
    // (129.99 − 80) / 129.99 = 38.46 %.
    expect(await chair.textContent()).toContain('38.5%');
    expect(await grid.getByRole('row', { name: /Oak desk|Task chair/u }).count()).toBe(2);

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
    // there starts the next line. Enter chooses the highlighted match, so each waits for it.
    await page.getByRole('combobox', { name: 'Line 1 item' }).fill('Oak');
    await page
      .getByRole('listbox', { name: 'Line 1 item' })
      .getByRole('option', { name: /Oak desk/u, selected: true })
      .waitFor();
    await page.keyboard.press('Enter');
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    await expect.poll(focused).toBe('Line 1 quantity');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('Line 2 item');
    await page.keyboard.type('Task');
    const matches = page.getByRole('listbox', { name: 'Line 2 item' }).getByRole('option');
    await matches.and(page.getByRole('option', { name: /Task chair/u, selected: true })).waitFor();
    expect(await matches.count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('Line 2 quantity');
    await page.keyboard.type('3');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect.poll(focused).toBe('Line 2 discount');
    await page.keyboard.type('10');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('Line 3 item');
    await page.keyboard.type('Delivery');
    await page.getByText('No product matches: the text is used as it is').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('Line 3 quantity');
    await page.keyboard.press('Tab');
    await page.keyboard.type('35');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('20');
    expect(await page.getByRole('textbox', { name: 'Line 1 unit price' }).inputValue()).toBe('450.00');
    expect(await page.getByRole('textbox', { name: 'Line 2 unit price' }).inputValue()).toBe('129.99');
    expect(await page.getByRole('textbox', { name: 'Line 2 tax' }).inputValue()).toBe('20');
    const lines = page.getByRole('table', { name: 'Order lines' });
    expect(await lines.getByRole('img', { name: 'From the catalogue' }).count()).toBe(2);
    const text = async (label: string) => page.getByLabel(label, { exact: true }).textContent();
    // Line 1: 2 × 450 = 900 net, 180 tax. Line 2: 3 × 129.99 × 0.9 = 350.973, so 350.97 net and
    // 70.194, so 70.19 tax. Line 3: 35 net, 7 tax. Cost 2 × 270 + 3 × 80 = 780.
    expect(await text('Line 1 net')).toBe('£900.00');
    expect(await text('Line 2 net')).toBe('£350.97');
    expect(await text('Line 2 total')).toBe('£421.16');
    expect(await text('Line 3 total')).toBe('£42.00');
    expect(await text('Net total')).toBe('£1,285.97');
    expect(await text('Tax total')).toBe('£257.19');
    expect(await text('Order total')).toBe('£1,543.16');
    expect(await text('Margin')).toContain('£505.97');
    await shot(page, 'e2e-new-order-light');
    await page.keyboard.press('Control+s');
    await page.getByRole('heading', { name: /ORD-00001/u, level: 1 }).waitFor();

    // Confirm it, deliver it, then mark it paid: each step through the stepper, dated today.
    const stepper = page.getByRole('list', { name: 'Order status' });
    await stepper.getByRole('button', { name: 'Quote (now)' }).waitFor();
    await stepper.getByRole('button', { name: 'Mark as confirmed' }).click();
    await stepper.getByRole('button', { name: 'Confirmed (now)' }).waitFor();
    await stepper.getByRole('button', { name: 'Mark as delivered' }).click();
    await stepper.getByRole('button', { name: 'Delivered (now)' }).waitFor();
    await stepper.getByRole('button', { name: 'Mark as paid' }).click();
    await stepper.getByRole('button', { name: 'Paid (now)' }).waitFor();
    // The history, newest first: one entry per step, the skipped "Invoiced" not among them.
    const history = page.getByRole('list', { name: 'Status history' }).getByRole('listitem');
    await expect.poll(() => history.count()).toBe(4);
    const badges = await history.locator('.order-status').allTextContents();
    expect(badges).toEqual(['Paid', 'Delivered', 'Confirmed', 'Quote']);
    await shot(page, 'e2e-order-paid-light');
    const [order] = (await preview.call('orders.list', {})).rows;
    expect(order).toMatchObject({ status: 'paid', gross: 154_316, personName: 'Ann Lee' });

    // Her page: the order counts in her purchases, with both products.
    await page.goto(`${preview.url}#/people/${ann.id}`);
    const card = page.getByRole('region', { name: /Purchases/u });
    await card.getByRole('group', { name: 'Revenue' }).getByText('£1,285.97').waitFor();
    expect(await card.getByRole('group', { name: 'Margin' }).textContent()).toContain('£505.97');
    expect(await card.getByRole('group', { name: 'Orders' }).textContent()).toContain('1');
    const bought = card.getByRole('list', { name: 'Products bought' }).getByRole('listitem');
    expect(await bought.allTextContents()).toEqual([
      'Oak desk× 2£900.00',
      'Task chair× 3£350.97',
      'Delivery× 1£35.00',
    ]);

    // The Reports screen: this month's row of Sales by month has the order.
    await sidebar.getByRole('button', { name: 'Reports', exact: true }).click();
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    // The order's month as the screen names it ("Nov 2026"), worked out by the browser's own Intl
    // (Node's may spell some months differently, as "Sept").
    const month = await page.evaluate(
      (yyyyMm) =>
        new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
          new Date(`${yyyyMm}-01T00:00:00Z`),
        ),
      order!.orderDate.slice(0, 7),
    );
    expect(month).toMatch(/^\p{L}+ \d{4}$/u);
    const byMonth = page.getByRole('table', { name: 'Sales by month' });
    const thisMonth = byMonth
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: month, exact: true }) });
    await thisMonth.waitFor();
    // Orders, net, tax, gross, margin.
    expect(await thisMonth.getByRole('cell').allTextContents()).toEqual([
      '1',
      '£1,285.97',
      '£257.19',
      '£1,543.16',
      '£505.97',
    ]);
    const monthTotal = byMonth
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Total', exact: true }) });
    expect(await monthTotal.getByRole('cell').allTextContents()).toEqual([
      '1',
      '£1,285.97',
      '£257.19',
      '£1,543.16',
      '£505.97',
    ]);
    expect(
      await page.getByRole('img', { name: /^Net sales by month/u }).getAttribute('aria-label'),
    ).toContain('£1,285.97 in all.');

    // Sales by product category: the chair under Seating, the desk and the delivery under none.
    const byCategory = page.getByRole('table', { name: 'Sales by product category' });
    const categoryRows = byCategory.locator('tbody').getByRole('row');
    await expect.poll(() => categoryRows.count()).toBe(2);
    expect(await categoryRows.nth(0).getByRole('rowheader').textContent()).toBe('No category');
    // Lines, net, gross, margin, margin %.
    expect(await categoryRows.nth(0).getByRole('cell').allTextContents()).toEqual([
      '2',
      '£935.00',
      '£1,122.00',
      '£395.00',
      '42 %',
    ]);
    expect(await categoryRows.nth(1).getByRole('rowheader').textContent()).toBe('Seating');
    expect(await categoryRows.nth(1).getByRole('cell').allTextContents()).toEqual([
      '1',
      '£350.97',
      '£421.16',
      '£110.97',
      '32 %',
    ]);
    await shot(page, 'e2e-reports-light');
    await context.close();
  });
});
