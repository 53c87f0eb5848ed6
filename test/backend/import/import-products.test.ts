/**
 * Importing products and services from CSV on a real book (issue 5): prices read in the book's
 * locale with a currency sign or code, kinds and rates as people write them, rows checked as
 * products.create checks a typed product (problems name the line, column, value and reason), a
 * SKU never given to two live products, categories found or made, matching by SKU or name
 * updating instead of duplicating, undo taking back products and categories (a product used on
 * an order since goes to the Trash), and a cancelled import leaving the book as it was.
 */
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvWriter } from '../../../electron/backend/csv/csv.writer.ts';
import {
  parseActive,
  parseProductKind,
  priceIn,
  readPrice,
} from '../../../electron/backend/import/product-rows.ts';
import type { TestBook } from '../../helpers/book.ts';
import {
  cancelRunningImport,
  countRows,
  csvText,
  expectSameOutcome,
  IMPORT_BOOKKEEPING,
  inspectFile,
  openFiles,
  planOf,
  snapshot,
  useTestBooks,
} from './import-helpers.ts';

const { book, setUpBook } = useTestBooks();

const TABLES = ['products', 'product_categories', ...IMPORT_BOOKKEEPING] as const;

interface ProductRow {
  id: string;
  sku: string | null;
  name: string;
  kind: string;
  category: string | null;
  unit: string;
  unit_price: number;
  unit_cost: number;
  tax_rate_bp: number;
  currency: string;
  active: number;
  description: string | null;
  deleted_at: number | null;
}

function products(b: TestBook, where = 'p.deleted_at IS NULL'): ProductRow[] {
  return b.book.sqlite
    .prepare(
      `SELECT p.id, p.sku, p.name, p.kind, c.name AS category, p.unit, p.unit_price, p.unit_cost,
         p.tax_rate_bp, p.currency, p.active, p.description, p.deleted_at
       FROM products p LEFT JOIN product_categories c ON c.id = p.category_id
       WHERE ${where} ORDER BY p.name, p.id`,
    )
    .all() as ProductRow[];
}

function product(b: TestBook, name: string): ProductRow {
  const found = products(b).filter((p) => p.name === name);
  expect(found.map((p) => p.name)).toEqual([name]);
  return found[0]!;
}

const HEADERS = [
  'Name',
  'SKU',
  'Type',
  'Category',
  'Unit',
  'Price',
  'Cost',
  'VAT',
  'Currency',
  'Active',
  'Description',
];

/** A catalogue as people keep them: signs, codes, decimal commas, a repeated SKU, bad cells. */
const MESSY = csvText([
  HEADERS,
  [
    'Oak table',
    'T-100',
    'Product',
    'Furniture',
    'each',
    '£1,250.00',
    '600',
    '20%',
    '',
    'yes',
    'Solid oak,\nseats six',
  ],
  ['Fitting', 'FIT-1', 'Services', 'furniture', 'hour', '45', '', '17,5 %', '', '', ''],
  ['Delivery', 'DEL', 'Dienstleistung', 'Logistics', 'trip', 'EUR 30.00', '', '0', '', 'no', ''],
  // The table again, its SKU in another case: it updates the product made from line 2.
  ['Oak table', 't-100', '', '', '', '1300', '', '', '', '', ''],
  ['Lamp', 'L-1', 'Product', '', '', 'twelve', '', '', '', '', ''],
  ['Vase', 'V-1', 'Product', '', '', '12', '', '', 'XYZ', '', ''],
  ['', '', '', '', '', '', '', '', '', '', ''],
  ['Rug', 'R-1', 'Product', '', '', '80', '', '120%', '', '', ''],
  ['Mug', 'M-1', 'Product', 'Kitchen', '', '12.500', '', '', '', '', ''],
  ['Tea', 'TEA', 'Goods', 'Kitchen', 'tin', '¥1200', '', '8', '', 'Discontinued', ''],
  ['Gift box', 'GB-1', 'Gadget', '', '', '5', '', '', '', '', ''],
  ['Ghost', 'G-1', 'Product', '', '', '', '', '', '', '', ''],
]);

describe('importing a products file', () => {
  it('previews exactly what the import then does, and the preview changes nothing', async () => {
    const b = await setUpBook();
    const inspection = await inspectFile(b, 'catalogue.csv', MESSY);
    expect(inspection.kind).toBe('products');
    expect(inspection.mapping).toEqual([
      'name',
      'sku',
      'kind',
      'category',
      'unit',
      'unitPrice',
      'unitCost',
      'taxRate',
      'currency',
      'active',
      'description',
    ]);
    expect(planOf(inspection).match).toBe('sku');

    const before = snapshot(b, TABLES);
    const preview = await b.client.call('import.preview', planOf(inspection));
    expect(snapshot(b, TABLES)).toEqual(before);
    expect(preview).toMatchObject({
      kind: 'products',
      rows: 12,
      created: 4,
      updated: 1,
      unchanged: 0,
      skipped: 1,
      failed: 6,
      categoriesCreated: 3,
      companiesCreated: 0,
      problemCount: 6,
    });
    // The table's description holds a line break, so Fitting is on line 4.
    expect(preview.problems).toEqual([
      { line: 7, column: 'Price', value: 'twelve', reason: expect.stringMatching(/not an amount/iu) },
      { line: 8, column: 'Currency', value: 'XYZ', reason: expect.stringMatching(/currency/iu) },
      { line: 10, column: 'VAT', value: '120%', reason: expect.stringMatching(/tax rate/iu) },
      {
        line: 11,
        column: 'Price',
        value: '12.500',
        reason: 'GBP amounts have at most 2 decimal places.',
      },
      { line: 13, column: 'Type', value: 'Gadget', reason: 'Write product or service.' },
      { line: 14, column: 'Price', value: '', reason: expect.stringMatching(/needs one/u) },
    ]);

    const done = await b.client.call('import.run', planOf(inspection));
    expectSameOutcome(preview, done);
    expect(done.batchId).toEqual(expect.any(String));

    expect(product(b, 'Oak table')).toMatchObject({
      sku: 'T-100',
      kind: 'product',
      category: 'Furniture',
      unit: 'each',
      unit_price: 130_000,
      unit_cost: 60_000,
      tax_rate_bp: 2000,
      currency: 'GBP',
      active: 1,
      description: 'Solid oak,\nseats six',
    });
    expect(product(b, 'Fitting')).toMatchObject({
      kind: 'service',
      category: 'Furniture',
      unit: 'hour',
      unit_price: 4500,
      unit_cost: 0,
      tax_rate_bp: 1750,
      currency: 'GBP',
      active: 1,
    });
    // The price's code gives the currency when the row has no currency cell.
    expect(product(b, 'Delivery')).toMatchObject({
      kind: 'service',
      category: 'Logistics',
      unit_price: 3000,
      currency: 'EUR',
      active: 0,
    });
    // The yen has no minor unit: ¥1200 is 1200.
    expect(product(b, 'Tea')).toMatchObject({
      kind: 'product',
      category: 'Kitchen',
      unit_price: 1200,
      currency: 'JPY',
      tax_rate_bp: 800,
      active: 0,
    });
    const categories = await b.client.call('productCategories.list', {});
    expect(categories.map((c) => [c.name, c.position, c.productCount])).toEqual([
      ['Furniture', 0, 2],
      ['Logistics', 1, 1],
      ['Kitchen', 2, 1],
    ]);
    // Listed and found in the catalogue as typed products are.
    const list = await b.client.call('products.list', { filter: { query: 'oak' } });
    expect(list.rows.map((p) => p.name)).toEqual(['Oak table']);
    const [record] = await b.client.call('import.list', {});
    expect(record).toMatchObject({ kind: 'products', created: 4, updated: 1, categoriesCreated: 3 });
  });

  it('adds nothing when the same file is imported again, by SKU or by name', async () => {
    const b = await setUpBook();
    const inspection = await inspectFile(b, 'catalogue.csv', MESSY);
    const first = await b.client.call('import.run', planOf(inspection));
    expect(first.created).toBe(4);
    const before = snapshot(b, ['products', 'product_categories']);
    for (const match of ['sku', 'name'] as const) {
      const again = await b.client.call('import.run', planOf(inspection, { match }));
      // The table's two rows give it two prices: the first puts its price back, the second
      // its own again. Everything else is unchanged.
      expect(again).toMatchObject({ created: 0, updated: 2, unchanged: 3, failed: 6, categoriesCreated: 0 });
    }
    const clean = csvText([
      ['Name', 'SKU', 'Price', 'Category'],
      ['Oak table', 'T-100', '1300', 'FURNITURE'],
      ['Fitting', 'FIT-1', '45', 'Furniture'],
    ]);
    const i2 = await inspectFile(b, 'clean.csv', clean, 'products');
    for (const match of ['sku', 'name'] as const) {
      expect(await b.client.call('import.run', planOf(i2, { match }))).toMatchObject({
        created: 0,
        updated: 0,
        unchanged: 2,
        batchId: null,
      });
    }
    const after = snapshot(b, ['products', 'product_categories']);
    expect(after.product_categories).toEqual(before.product_categories);
  });

  it('reads prices in the book’s locale: decimal commas, grouping, and the other way when plain', async () => {
    const b = await book();
    await b.client.call('setup.complete', {
      userName: 'Jürgen Müller',
      businessName: 'Müller GmbH',
      currency: 'EUR',
      locale: 'de-DE',
    });
    const text = csvText(
      [
        ['Name', 'Artikelnummer', 'Preis', 'MwSt', 'Art'],
        ['Tisch', 'A-1', '1.234,50 €', '19 %', 'Produkt'],
        ['Montage', 'A-2', '12,50', '7', 'Dienstleistung'],
        ['Lieferung', 'A-3', '12.50', '19', 'Dienstleistung'],
        ['Stuhl', 'A-4', 'EUR 99', '19', 'Ware'],
        ['Lampe', 'A-5', '£10,00', '19', 'Produkt'],
      ],
      ';',
    );
    const inspection = await inspectFile(b, 'katalog.csv', text, 'products');
    expect(inspection.delimiter).toBe(';');
    const done = await b.client.call(
      'import.run',
      planOf(inspection, { mapping: ['name', 'sku', 'unitPrice', 'taxRate', 'kind'] }),
    );
    expect(done).toMatchObject({ created: 5, failed: 0 });
    expect(products(b).map((p) => [p.name, p.unit_price, p.currency, p.tax_rate_bp, p.kind])).toEqual([
      ['Lampe', 1000, 'GBP', 1900, 'product'],
      ['Lieferung', 1250, 'EUR', 1900, 'service'],
      ['Montage', 1250, 'EUR', 700, 'service'],
      ['Stuhl', 9900, 'EUR', 1900, 'product'],
      ['Tisch', 123_450, 'EUR', 1900, 'product'],
    ]);
  });

  it('updates the product its SKU or name matches, leaving blanks alone, and undo restores it', async () => {
    const b = await setUpBook();
    const [furniture] = await b.client.call('productCategories.set', { categories: [{ name: 'Furniture' }] });
    const made = await b.client.call('products.create', {
      sku: 'T-100',
      name: 'Oak table',
      unitPrice: 125_000,
      unitCost: 60_000,
      taxRateBp: 2000,
      categoryId: furniture!.id,
      description: 'Solid oak',
    });
    b.clock.advance(60_000);
    const bySku = csvText([
      ['SKU', 'Name', 'Price', 'Cost', 'Description', 'Category'],
      ['t-100', 'Oak dining table', '£1,300', '', '', 'Tables'],
    ]);
    const i1 = await inspectFile(b, 'sku.csv', bySku, 'products');
    const done = await b.client.call('import.run', planOf(i1, { match: 'sku' }));
    expect(done).toMatchObject({ created: 0, updated: 1, categoriesCreated: 1 });
    const after = await b.client.call('products.get', { id: made.id });
    expect(after).toMatchObject({
      sku: 'T-100',
      name: 'Oak dining table',
      unitPrice: 130_000,
      unitCost: 60_000, // blank: left alone
      description: 'Solid oak',
      categoryName: 'Tables',
      updatedAt: b.clock(),
    });

    await b.client.call('batches.undo', { batchId: done.batchId! });
    expect(await b.client.call('products.get', { id: made.id })).toEqual(made);
    // The category the import made is gone again.
    const categories = await b.client.call('productCategories.list', {});
    expect(categories.map((c) => c.name)).toEqual(['Furniture']);
    expect(countRows(b, 'product_categories')).toBe(1);

    const byName = csvText([
      ['Name', 'Cost', 'Active'],
      ['OAK TABLE', '650.00', 'archived'],
    ]);
    const i2 = await inspectFile(b, 'name.csv', byName, 'products');
    expect(await b.client.call('import.run', planOf(i2, { match: 'name' }))).toMatchObject({ updated: 1 });
    expect(await b.client.call('products.get', { id: made.id })).toMatchObject({
      name: 'Oak table',
      unitCost: 65_000,
      active: false,
      unitPrice: 125_000,
    });
  });

  it('clears the SKU, category and description from blank cells only when blank cells overwrite', async () => {
    const b = await setUpBook();
    const [furniture] = await b.client.call('productCategories.set', { categories: [{ name: 'Furniture' }] });
    const made = await b.client.call('products.create', {
      sku: 'T-100',
      name: 'Oak table',
      unitPrice: 125_000,
      categoryId: furniture!.id,
      description: 'Solid oak',
    });
    const text = csvText([
      ['Name', 'SKU', 'Price', 'Category', 'Description', 'Unit'],
      ['Oak table', '', '', '', '', ''],
    ]);
    const inspection = await inspectFile(b, 'blank.csv', text, 'products');
    expect(await b.client.call('import.run', planOf(inspection, { match: 'name' }))).toMatchObject({
      unchanged: 1,
    });
    const overwrite = await b.client.call(
      'import.run',
      planOf(inspection, { match: 'name', blankOverwrites: true }),
    );
    expect(overwrite).toMatchObject({ updated: 1 });
    expect(await b.client.call('products.get', { id: made.id })).toMatchObject({
      name: 'Oak table',
      sku: null,
      categoryId: null,
      description: null,
      unitPrice: 125_000,
      unit: 'each',
    });
  });

  it('never gives a second live product a SKU: a row repeating one is a problem naming it', async () => {
    const b = await setUpBook();
    await b.client.call('products.create', { sku: 'T-100', name: 'Oak table', unitPrice: 100 });
    const text = csvText([
      ['Name', 'SKU', 'Price'],
      ['Pine table', 't-100', '90'],
      ['Chair', 'C-1', '40'],
      ['Stool', 'c-1', '30'],
      ['Bench', '', '50'],
    ]);
    const inspection = await inspectFile(b, 'dupes.csv', text, 'products');
    for (const match of ['none', 'name'] as const) {
      const preview = await b.client.call('import.preview', planOf(inspection, { match }));
      expect(preview).toMatchObject({ created: 2, failed: 2 });
      expect(preview.problems).toEqual([
        {
          line: 2,
          column: 'SKU',
          value: 't-100',
          reason: expect.stringMatching(/^The SKU T-100 is already used by “Oak table”\./u),
        },
        {
          line: 4,
          column: 'SKU',
          value: 'c-1',
          reason: expect.stringMatching(
            /^The SKU C-1 is already used by “Chair” \(made from line 3 of this file\)/u,
          ),
        },
      ]);
    }
    // Matching by SKU updates the product that has it instead.
    const bySku = await b.client.call('import.run', planOf(inspection, { match: 'sku' }));
    expect(bySku).toMatchObject({ created: 2, updated: 2, failed: 0 });
    expect(products(b).map((p) => [p.name, p.sku, p.unit_price])).toEqual([
      ['Bench', null, 5000],
      ['Pine table', 'T-100', 9000],
      ['Stool', 'C-1', 3000],
    ]);
    // A row without a SKU finds the product of its name that has none.
    const bench = csvText([
      ['Name', 'SKU', 'Price'],
      ['bench', '', '55'],
    ]);
    const i2 = await inspectFile(b, 'bench.csv', bench, 'products');
    expect(await b.client.call('import.run', planOf(i2, { match: 'sku' }))).toMatchObject({
      created: 0,
      updated: 1,
    });
    expect(countRows(b, 'products')).toBe(3);
  });

  it('skips a row that matches two products by name', async () => {
    const b = await setUpBook();
    await b.client.call('products.create', { sku: 'A', name: 'Table', unitPrice: 100 });
    await b.client.call('products.create', { sku: 'B', name: 'table', unitPrice: 200 });
    const inspection = await inspectFile(
      b,
      'two.csv',
      csvText([
        ['Name', 'Price'],
        ['Table', '3'],
      ]),
      'products',
    );
    const done = await b.client.call('import.run', planOf(inspection, { match: 'name' }));
    expect(done).toMatchObject({ skipped: 1, updated: 0, created: 0, batchId: null });
    expect(done.problems[0]).toMatchObject({ line: 2, reason: expect.stringMatching(/2 products/u) });
  });

  it('is undone as one batch; a product used on an order since goes to the Trash with its category', async () => {
    const b = await setUpBook();
    const [kept] = await b.client.call('productCategories.set', { categories: [{ name: 'Furniture' }] });
    const old = await b.client.call('products.create', {
      sku: 'T-100',
      name: 'Oak table',
      unitPrice: 125_000,
      categoryId: kept!.id,
    });
    const before = snapshot(b, ['products', 'product_categories']);
    const text = csvText([
      ['Name', 'SKU', 'Price', 'Category'],
      ['Oak table', 'T-100', '1300', 'Tables'],
      ['Chair', 'C-1', '40', 'Seating'],
      ['Stool', 'S-1', '30', 'Seating'],
      ['Lamp', 'L-1', '20', 'Lighting'],
    ]);
    const inspection = await inspectFile(b, 'catalogue.csv', text, 'products');
    const done = await b.client.call('import.run', planOf(inspection));
    expect(done).toMatchObject({ created: 3, updated: 1, categoriesCreated: 3 });
    const chair = product(b, 'Chair');
    const customer = await b.client.call('companies.create', { name: 'Acme Ltd' });
    const order = await b.client.call('orders.create', {
      companyId: customer.id,
      orderDate: '2026-11-22',
      lines: [{ productId: chair.id, quantity: 2000 }],
    });

    await b.client.call('batches.undo', { batchId: done.batchId! });
    // The chair is on an order: kept in the Trash (the order still shows it), and so is its
    // category; everything else the import made is gone, and the table is as it was.
    expect(products(b).map((p) => p.name)).toEqual(['Oak table']);
    expect(await b.client.call('products.get', { id: old.id })).toEqual(old);
    expect(products(b, `p.deleted_at IS NOT NULL`).map((p) => [p.name, p.category])).toEqual([
      ['Chair', 'Seating'],
    ]);
    const trash = await b.client.call('trash.list', { kind: 'product' });
    expect(trash.rows.map((r) => r.id)).toEqual([chair.id]);
    const live = await b.client.call('productCategories.list', {});
    expect(live.map((c) => c.name)).toEqual(['Furniture']);
    expect(countRows(b, 'product_categories')).toBe(2);
    expect(countRows(b, 'product_categories', `name = 'Seating' AND deleted_at IS NOT NULL`)).toBe(1);
    const after = snapshot(b, ['products', 'product_categories']);
    expect(after.products.filter((r) => !r.includes(chair.id))).toEqual(before.products);
    expect((await b.client.call('orders.get', { id: order.id })).lines[0]).toMatchObject({
      productId: chair.id,
    });
    expect(b.book.sqlite.pragma('foreign_key_check')).toEqual([]);
  });

  it('leaves the book unchanged when cancelled', async () => {
    const b = await setUpBook();
    await b.client.call('products.create', { sku: 'P-1', name: 'Existing', unitPrice: 100 });
    const rows = Array.from({ length: 60_000 }, (_, i) => [
      `Product ${i}`,
      `P-${i}`,
      `${i}.99`,
      `Cat ${i % 30}`,
    ]);
    const inspection = await inspectFile(
      b,
      'big.csv',
      csvText([['Name', 'SKU', 'Price', 'Category'], ...rows]),
      'products',
    );
    const before = snapshot(b, TABLES);
    await cancelRunningImport(b, planOf(inspection));
    expect(snapshot(b, TABLES)).toEqual(before);
    expect(openFiles().filter((f) => f.endsWith('/big.csv'))).toEqual([]);
  });

  it('refuses a mapping that cannot import products, before writing anything', async () => {
    const b = await setUpBook();
    const inspection = await inspectFile(b, 'a.csv', MESSY);
    await b.client.call('import.preview', planOf(inspection));
    const before = snapshot(b, TABLES);
    const noSku = inspection.mapping.map((f) => (f === 'sku' ? null : f));
    await expect(
      b.client.call('import.run', planOf(inspection, { mapping: noSku, match: 'sku' })),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/SKU/u) });
    const noName = inspection.mapping.map((f) => (f === 'name' ? null : f));
    await expect(
      b.client.call('import.run', planOf(inspection, { mapping: noName, match: 'none' })),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/name/u) });
    expect(snapshot(b, TABLES)).toEqual(before);
  });
});

describe('reading the cells of a products file', () => {
  it('reads amounts with signs and codes, in either decimal way, and refuses what is not one', () => {
    // The price in the currency its sign names (else GBP), and the currencies the sign can be.
    const read = (text: string, decimal: '.' | ',' = '.') => {
      const cell = readPrice(text, decimal);
      return 'reason' in cell ? cell.reason : [priceIn(cell, cell.currencies?.[0] ?? 'GBP'), cell.currencies];
    };
    expect(read('£12.50')).toEqual([1250, ['GBP']]);
    expect(read('12,50 €', ',')).toEqual([1250, ['EUR']]);
    expect(read('EUR 12.50')).toEqual([1250, ['EUR']]);
    expect(read('usd12')).toEqual([1200, ['USD']]);
    expect(read('1,234,567.5')).toEqual([123_456_750, null]);
    expect(read('1.234.567,5', ',')).toEqual([123_456_750, null]);
    expect(read('1 234,50', ',')).toEqual([123_450, null]);
    expect(read('1\u202f234,50 €', ',')).toEqual([123_450, ['EUR']]);
    expect(read('1.234', ',')).toEqual([123_400, null]);
    expect(read('1,234')).toEqual([123_400, null]);
    expect(read('12.50', ',')).toEqual([1250, null]);
    expect(read('12,5')).toEqual([1250, null]);
    expect(read('-£5')).toEqual([-500, ['GBP']]);
    expect(read('$5')).toEqual([500, ['USD', 'CAD', 'AUD', 'NZD']]);
    expect(read('Fr. 5.50')).toEqual([550, ['CHF']]);
    for (const bad of ['twelve', '12..5', '1,23,4.5', '£12 €', '12.5.5', '', '.5', 'GBP']) {
      expect(read(bad), bad).toMatch(/^Not an amount/u);
    }
    expect(read('XYZ 12')).toBe('XYZ is not a currency Ledgerline knows.');
  });

  it('turns an amount into the minor units of the product’s currency', () => {
    const cell = (text: string) =>
      readPrice(text, '.') as Exclude<ReturnType<typeof readPrice>, { reason: string }>;
    expect(priceIn(cell('12.5'), 'GBP')).toBe(1250);
    expect(priceIn(cell('1200'), 'JPY')).toBe(1200);
    expect(priceIn(cell('12.5'), 'JPY')).toEqual({ reason: 'JPY amounts have no decimal places.' });
    expect(priceIn(cell('€12'), 'GBP')).toEqual({
      reason: 'This amount is in €, but the product’s prices are in GBP.',
    });
    expect(priceIn(cell('$12'), 'CAD')).toBe(1200);
    expect(readPrice('12345678901234', '.')).toEqual({ reason: 'The amount is too large.' });
  });

  it('reads kinds and active flags as people write them', () => {
    for (const s of ['Service', 'services', 'Dienstleistung', 'prestation', 'Labour']) {
      expect(parseProductKind(s), s).toBe('service');
    }
    for (const s of ['Product', 'goods', 'Non-inventory', 'Ware', 'produit']) {
      expect(parseProductKind(s), s).toBe('product');
    }
    expect(parseProductKind('Gadget')).toBeNull();
    expect([parseActive('Yes'), parseActive('Active'), parseActive('archived'), parseActive('0')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(parseActive('maybe')).toBeNull();
  });
});

describe('any text survives the trip through a products file into the book', () => {
  it('names and descriptions with any Unicode, quotes and line breaks', async () => {
    const b = await setUpBook();
    const cell = fc
      .string({ unit: fc.constantFrom('"', ',', ';', '\n', '\r\n', "'", '=', 'a', 'é', '€', '𝄞', '中', ' ') })
      .map((s) => s.trim())
      .filter((s) => s.length > 0 && s.length < 60);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 6 }), async (rows) => {
        const f = path.join(b.dir, `prop-${++n}.csv`);
        const writer = new CsvWriter(
          f,
          [
            { header: 'Name', type: 'text' },
            { header: 'SKU', type: 'text' },
            { header: 'Price', type: 'text' },
            { header: 'Description', type: 'text' },
          ],
          // Protected, as every export and spreadsheet writes a cell that starts like a formula: the
          // import takes the apostrophe off again, so any text comes back exactly.
          { delimiter: ',', decimal: '.', dates: 'iso', encoding: 'utf-8-bom', protectFormulas: true },
          'en-GB',
        );
        rows.forEach(([name, description], i) => writer.write([name, `prop-${n}-${i}`, '1.00', description]));
        writer.finish();
        const fileId = b.backend.ctx.files.register(f).fileId;
        const inspection = await b.client.call('import.inspect', { fileId, kind: 'products' });
        const done = await b.client.call('import.run', planOf(inspection, { match: 'sku' }));
        expect(done).toMatchObject({ failed: 0, created: rows.length });
        for (const [i, [name, description]] of rows.entries()) {
          const row = b.book.sqlite
            .prepare(`SELECT name, description FROM products WHERE sku = ?`)
            .get(`prop-${n}-${i}`);
          expect(row).toEqual({ name, description });
        }
      }),
      { numRuns: 20 },
    );
  });
});

describe('Ledgerline’s own Products export', () => {
  it('reads back into another book as the same products, its columns guessed', async () => {
    const from = await setUpBook();
    const [furniture] = await from.client.call('productCategories.set', {
      categories: [{ name: 'Furniture' }],
    });
    await from.client.call('products.create', {
      sku: 'T-100',
      name: 'Oak table, “Windsor”',
      unitPrice: 125_050,
      unitCost: 60_000,
      taxRateBp: 2000,
      categoryId: furniture!.id,
      unit: 'each',
      description: 'Solid oak\nseats six',
    });
    await from.client.call('products.create', {
      name: 'Fitting on site',
      kind: 'service',
      unit: 'hour',
      unitPrice: 3500,
      taxRateBp: 0,
    });
    const archived = await from.client.call('products.create', {
      sku: 'OLD-1',
      name: '=Old lamp',
      unitPrice: 999,
    });
    await from.client.call('products.update', { id: archived.id, patch: { active: false } });
    const columns = (await from.client.call('export.columns', { list: 'products' })).map((c) => c.key);
    const exported = await from.client.call('export.list', { list: 'products', columns });
    const file = from.backend.ctx.files.path(exported.download!.fileId);

    const to = await setUpBook();
    const fileId = to.backend.ctx.files.register(file).fileId;
    const inspection = await to.client.call('import.inspect', { fileId });
    expect(inspection.kind).toBe('products');
    const done = await to.client.call('import.run', planOf(inspection));
    expect(done).toMatchObject({ created: 3, failed: 0, categoriesCreated: 1, problemCount: 0 });

    const shape = async (b: TestBook) =>
      (await b.client.call('products.list', { filter: {} })).rows
        .map((p) => [
          p.sku,
          p.name,
          p.kind,
          p.categoryName,
          p.unit,
          p.unitPrice,
          p.unitCost,
          p.taxRateBp,
          p.currency,
          p.active,
          p.description,
        ])
        .sort();
    expect(await shape(to)).toEqual(await shape(from));
  });
});
