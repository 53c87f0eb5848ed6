/**
 * Manual check (not a test): screenshots of the sales screens on the demo book with a catalogue
 * and orders added, light and dark, into /tmp/ledgerline-shots/issue4/sales/*.png.
 *   node test/e2e/sales/shots.script.ts
 */
import fs from 'node:fs';
import { launchBrowser, startPreview } from '../preview.ts';

const OUT = '/tmp/ledgerline-shots/issue4/sales';
fs.mkdirSync(OUT, { recursive: true });
const preview = await startPreview({ demo: true });
const browser = await launchBrowser();
try {
  const cats = await preview.call('productCategories.set', {
    categories: [{ name: 'Furniture' }, { name: 'Lighting' }, { name: 'Services' }],
  });
  const cat = (n: string) => cats.find((c) => c.name === n)!.id;
  const products = [];
  for (const p of [
    {
      sku: 'DESK-OAK',
      name: 'Oak desk, 160 cm',
      categoryId: cat('Furniture'),
      unitPrice: 45_000,
      unitCost: 27_000,
    },
    {
      sku: 'CHR-ERG',
      name: 'Ergonomic chair',
      categoryId: cat('Furniture'),
      unitPrice: 32_900,
      unitCost: 18_500,
    },
    {
      sku: 'CAB-3D',
      name: 'Filing cabinet, 3 drawers',
      categoryId: cat('Furniture'),
      unitPrice: 18_950,
      unitCost: 11_000,
    },
    { sku: 'LMP-TASK', name: 'Task lamp', categoryId: cat('Lighting'), unitPrice: 4_999, unitCost: 2_100 },
    {
      sku: 'LMP-FLR',
      name: 'Floor lamp, brass',
      categoryId: cat('Lighting'),
      unitPrice: 12_500,
      unitCost: 6_400,
    },
    {
      sku: 'SVC-FIT',
      name: 'Office fit-out',
      kind: 'service' as const,
      unit: 'hour',
      categoryId: cat('Services'),
      unitPrice: 6_500,
      unitCost: 3_000,
    },
    {
      sku: 'SVC-DLV',
      name: 'Delivery and assembly',
      kind: 'service' as const,
      unit: 'each',
      categoryId: cat('Services'),
      unitPrice: 3_500,
      unitCost: 2_000,
    },
    { name: 'Gift voucher', unitPrice: 5_000, taxRateBp: 0 },
  ]) {
    products.push(await preview.call('products.create', { taxRateBp: 2000, ...p }));
  }
  await preview.call('products.update', { id: products[4]!.id, patch: { active: false } });
  const people = (await preview.call('people.list', { sort: 'name', limit: 20 })).rows;
  const statuses = [
    'paid',
    'paid',
    'invoiced',
    'delivered',
    'confirmed',
    'quote',
    'cancelled',
    'paid',
    'quote',
    'confirmed',
    'paid',
    'delivered',
  ] as const;
  let firstPerson = people[0]!;
  for (let i = 0; i < statuses.length; i++) {
    const who = people[i % 5]!;
    if (i === 0) firstPerson = who;
    const day = String(2 + (i % 6) * 3).padStart(2, '0');
    await preview.call('orders.create', {
      personId: who.id,
      companyId: who.companyId,
      orderDate: `2026-${i < 6 ? '10' : '11'}-${day}`,
      status: statuses[i],
      lines: [
        { productId: products[i % 4]!.id, quantity: 1000 + (i % 3) * 1000 },
        { productId: products[6]!.id, quantity: 1000 },
        ...(i % 2 ? [{ productId: products[5]!.id, quantity: 2500, discountBp: 1000 }] : []),
      ],
    });
  }
  const orders = (await preview.call('orders.list', {})).rows;
  const busy = orders.find((o) => o.status === 'delivered')!;
  await preview.call('orders.setStatus', { id: busy.id, status: 'invoiced', date: '2026-11-21' });
  await preview.call('orders.setStatus', { id: busy.id, status: 'delivered', date: '2026-11-21' });

  for (const theme of ['light', 'dark'] as const) {
    const ctx = await browser.newContext({ viewport: { width: 1360, height: 860 }, colorScheme: theme });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.log('pageerror', e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') console.log('console', m.text());
    });
    const snap = async (name: string) => {
      await page.waitForTimeout(600);
      await page.screenshot({ path: `${OUT}/${name}-${theme}.png` });
    };
    await page.goto(preview.url + '#/products');
    await page
      .getByRole('grid', { name: 'Products' })
      .waitFor({ timeout: 8000 })
      .catch(async (e: unknown) => {
        await page.screenshot({ path: `${OUT}/failed-${theme}.png` });
        throw e;
      });
    await page.getByRole('combobox', { name: 'Offered or archived' }).selectOption('all');
    await snap('products');
    await page.getByRole('row', { name: 'Ergonomic chair' }).click();
    await snap('product-edit');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'New product' }).first().click();
    await page.getByRole('textbox', { name: 'Name' }).fill('Standing desk');
    await page.getByRole('textbox', { name: /Unit price/u }).fill('12.3.4');
    await page.getByRole('textbox', { name: 'Tax rate (%)' }).click();
    await snap('product-new-error');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Categories' }).click();
    await snap('categories');
    await page.keyboard.press('Escape');

    await page.goto(preview.url + '#/orders');
    await page.getByRole('grid', { name: 'Orders' }).waitFor();
    await snap('orders');
    await page.goto(preview.url + `#/orders/${busy.id}`);
    await page.getByRole('list', { name: 'Order status' }).waitFor();
    await snap('order');
    await page.goto(preview.url + '#/orders/new');
    await page.getByRole('heading', { name: 'New order' }).waitFor();
    await page.getByRole('combobox', { name: 'Line 1 item' }).fill('lamp');
    await page.waitForTimeout(400);
    await snap('order-new-picker');
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: 'Line 1 quantity' }).fill('x');
    await page.getByRole('button', { name: 'Save order' }).click();
    await snap('order-new-errors');

    await page.goto(preview.url + `#/people/${firstPerson.id}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('region', { name: /Purchases/u }).scrollIntoViewIfNeeded();
    await snap('person-purchases');
    if (firstPerson.companyId) {
      await page.goto(preview.url + `#/companies/${firstPerson.companyId}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByRole('region', { name: /Purchases/u }).scrollIntoViewIfNeeded();
      await snap('company-purchases');
      await page.getByRole('button', { name: 'See every order' }).click();
      await page.getByRole('grid', { name: 'Orders' }).waitFor();
      await snap('orders-for-company');
    }
    await page.goto(preview.url + '#/settings');
    await page.locator('#settings-sales').scrollIntoViewIfNeeded();
    await snap('settings-sales');
    await ctx.close();
  }
} finally {
  await browser.close();
  await preview.stop();
}
