/**
 * Importing products, then orders, in a real browser against the preview (issue 5): a price list
 * as an old shop exports it (semicolons, prices with a currency sign and a decimal comma, a
 * category per row) is recognised as products, checked and imported; then an order file, one row
 * per order line and not sorted by order, becomes two orders for a customer already in the book,
 * with the totals the money rules give, shown on the Orders screen. Undoing the orders import
 * takes the orders away again, and the products stay. Screenshots go to
 * /tmp/ledgerline-shots/import-kinds.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Preview, shotsIn, startSetUp } from '../preview.ts';

let preview: Preview;
let browser: Browser;

const PRICES = {
  name: 'preisliste.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(
    [
      'Artikelnummer;Product name;Price;VAT;Category;Unit',
      'TAB-01;Oak table;"£450,00";20;Furniture;each',
      'CH-02;Oak chair;"£89,50";20;Furniture;each',
      'SRV-FIT;Fitting on site;"£35,00";20;Services;hour',
      'BAD-1;Broken row;about ten;20;Furniture;each',
      '',
    ].join('\r\n'),
    'utf8',
  ),
};

const ORDERS = {
  name: 'orders-2026.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(
    [
      'Order number,Order date,Email,SKU,Quantity,Status',
      'A-100,2026-10-01,ann@harbour.test,TAB-01,1,Paid',
      'A-101,2026-10-05,ann@harbour.test,CH-02,4,Invoiced',
      'A-100,2026-10-01,ann@harbour.test,SRV-FIT,2,Paid',
      '',
    ].join('\r\n'),
    'utf8',
  ),
};

const shot = shotsIn('import-kinds');

const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Sidebar' });

async function chooseFile(page: Page, file: typeof PRICES, title: string) {
  await sidebar(page).getByRole('button', { name: 'Import & export' }).click();
  await page.getByRole('button', { name: 'Choose a file…' }).waitFor();
  await page
    .getByRole('region', { name: 'Import', exact: true })
    .locator('input[type="file"]')
    .setInputFiles(file);
  const w = page.getByRole('region', { name: title });
  await w.getByRole('heading', { name: 'How the file reads' }).waitFor();
  return w;
}

beforeAll(async () => {
  [preview, browser] = await startSetUp();
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('importing products and orders', () => {
  it('imports a price list, then orders for a customer, and undoes the orders', async () => {
    const ann = await preview.call('people.create', {
      person: { givenName: 'Ann', familyName: 'Lee', emails: [{ label: 'work', email: 'ann@harbour.test' }] },
    });
    const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
    const page = await context.newPage();
    page.on('pageerror', (err) => {
      throw err;
    });
    await page.goto(preview.url);
    await sidebar(page).waitFor();

    // The price list: guessed to hold products from its columns.
    let w = await chooseFile(page, PRICES, 'Import products');
    const holds = w.getByRole('group', { name: 'What does the file hold?' });
    expect(await holds.getByRole('radio', { name: /^Products/u }).isChecked()).toBe(true);
    await w.getByRole('button', { name: /^Next/u }).click();
    await w.getByRole('heading', { name: 'What each column holds' }).waitFor();
    const field = (header: string) => w.getByRole('combobox', { name: `Import “${header}” as` });
    expect(await field('Artikelnummer').inputValue()).toBe('');
    await field('Artikelnummer').selectOption('sku');
    expect(await field('Price').inputValue()).toBe('unitPrice');
    expect(await field('VAT').inputValue()).toBe('taxRate');
    await w.getByRole('button', { name: /^Next/u }).click();
    await w.getByRole('heading', { name: 'Products already in the book' }).waitFor();
    // Mapping the SKU column made matching by SKU the rule.
    expect(await w.getByRole('radio', { name: /Same SKU or product code/u }).isChecked()).toBe(true);
    await w.getByRole('button', { name: 'Check the file' }).click();
    await w.getByRole('heading', { name: 'What the import will do' }).waitFor();
    expect(
      await w.getByRole('list', { name: 'What the import will do' }).getByRole('listitem').allInnerTexts(),
    ).toEqual(['3\nnew', '0\nupdated', '0\nunchanged', '0\nskipped', '1\nwith errors']);
    const problem = w.getByRole('table', { name: 'Rows that will be left out' }).getByRole('row').nth(1);
    expect(await problem.getByRole('cell').allInnerTexts()).toEqual([
      '5',
      'Price',
      'about ten',
      expect.any(String),
    ]);
    await shot(page, 'products-checked');
    await w.getByRole('button', { name: 'Import 3 products' }).click();
    await w.getByRole('heading', { name: 'Imported preisliste.csv' }).waitFor();
    const products = await preview.call('products.list', {});
    const table = products.rows.find((p) => p.sku === 'TAB-01');
    expect(table).toMatchObject({
      name: 'Oak table',
      unitPrice: 45000,
      taxRateBp: 2000,
      categoryName: 'Furniture',
    });
    expect(products.rows).toHaveLength(3);
    await w.getByRole('button', { name: 'Close the import' }).click();

    // The orders: three lines, two orders, the customer found by email.
    w = await chooseFile(page, ORDERS, 'Import orders');
    expect(
      await w
        .getByRole('group', { name: 'What does the file hold?' })
        .getByRole('radio', { name: /^Orders/u })
        .isChecked(),
    ).toBe(true);
    await w.getByRole('button', { name: /^Next/u }).click();
    await w.getByRole('heading', { name: 'What each column holds' }).waitFor();
    await w.getByRole('button', { name: /^Next/u }).click();
    await w.getByRole('heading', { name: 'Orders already in the book' }).waitFor();
    await w.getByRole('button', { name: 'Check the file' }).click();
    await w.getByRole('heading', { name: 'What the import will do' }).waitFor();
    expect(
      await w
        .getByRole('list', { name: 'What the import will do' })
        .getByRole('listitem')
        .first()
        .innerText(),
    ).toBe('2\nnew');
    await w.getByRole('button', { name: 'Import 2 orders' }).click();
    await w.getByRole('heading', { name: 'Imported orders-2026.csv' }).waitFor();
    await shot(page, 'orders-done');

    // On the Orders screen, with the totals of their lines: 450 + 2 × 35 net, 20 % VAT.
    await w.getByRole('button', { name: 'Open Orders' }).click();
    const orders = await preview.call('orders.list', { filter: { personId: ann.id } });
    expect(orders.rows.map((o) => [o.orderDate, o.net, o.gross]).sort()).toEqual([
      ['2026-10-01', 52000, 62400],
      ['2026-10-05', 35800, 42960],
    ]);
    await page
      .getByRole('grid')
      .getByRole('row', { name: /Ann Lee/u })
      .first()
      .waitFor();
    await shot(page, 'orders-list');

    // Undo the orders import: the orders go, the products stay.
    await sidebar(page).getByRole('button', { name: 'Import & export' }).click();
    const item = page.getByRole('list', { name: 'Past imports' }).getByRole('listitem').first();
    await item.getByText('orders-2026.csv').waitFor();
    await item.getByRole('button', { name: 'Undo import of orders-2026.csv' }).click();
    await page
      .getByRole('dialog', { name: 'Undo the import of orders-2026.csv?' })
      .getByRole('button', { name: 'Undo import' })
      .click();
    await item.getByText(/^Undone/u).waitFor();
    expect((await preview.call('orders.list', { filter: { personId: ann.id } })).rows).toEqual([]);
    expect((await preview.call('products.list', {})).rows).toHaveLength(3);
    await context.close();
  });
});
