/**
 * Importing orders from CSV on a real book (issue 5): one row per line, rows with the same order
 * number one order wherever they are in the file; customers, products, prices, statuses found and
 * read; totals by the money rules; the sales summaries and reports follow, and undo puts them back
 * exactly; the same file twice adds nothing; a failed or cancelled import leaves the book as it
 * was. And the readers of order-rows.ts on their own.
 */
import { describe, expect, it } from 'vitest';
import {
  normaliseNumber,
  parseCurrency,
  parseOrderStatus,
  parsePercentCell,
  parseQuantityCell,
} from '../../../electron/backend/import/order-rows.ts';
import { decimalOf } from '../../../shared/domain/csv.ts';
import { lineAmounts, parseMoneyCell, sumAmounts } from '../../../shared/domain/money.ts';
import type { CurrencyCode } from '../../../shared/domain/settings.ts';
import type { TestBook } from '../../helpers/book.ts';
import { expectSummariesCurrent } from '../sales/sales.fixtures.ts';
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

const { setUpBook } = useTestBooks();

const SALES_TABLES = [
  'orders',
  'order_lines',
  'order_status_changes',
  'sales_monthly',
  'sales_monthly_orders',
  'customer_sales',
];
const TABLES = [...SALES_TABLES, 'companies', 'people', 'products', 'settings', ...IMPORT_BOOKKEEPING];

interface Cast {
  ann: string;
  bob: string;
  zeta: string;
  desk: string;
  chair: string;
}

/**
 * A book (GBP, en-GB) with Ann Lee (ann@acme.test), Bob Ray (id "cust-7"), two people called Sam
 * Smith, the company Zeta plc (id "co-9"), the products Oak desk (DESK-1, £249.00, 20 % VAT),
 * Chair (CH-2, £49.50, 20 %), the archived Old lamp (LAMP) and Euro desk (EU-1, priced in EUR),
 * and one order of Ann's already (so the summaries hold something before the import).
 */
async function castBook(): Promise<TestBook & Cast> {
  const b = await setUpBook();
  const c = b.client;
  const ann = await c.call('people.create', {
    person: { givenName: 'Ann', familyName: 'Lee', emails: [{ label: 'work', email: 'Ann@Acme.test' }] },
  });
  const bob = await c.call('people.create', { person: { givenName: 'Bob', familyName: 'Ray' } });
  b.book.sqlite.prepare(`UPDATE people SET external_id = 'cust-7' WHERE id = ?`).run(bob.id);
  for (let i = 0; i < 2; i++) {
    await c.call('people.create', {
      person: { givenName: 'Sam', familyName: 'Smith' },
      allowDuplicate: true,
    });
  }
  const zeta = await c.call('companies.create', { name: 'Zeta plc' });
  b.book.sqlite.prepare(`UPDATE companies SET external_id = 'co-9' WHERE id = ?`).run(zeta.id);
  const desk = await c.call('products.create', {
    name: 'Oak desk',
    sku: 'DESK-1',
    unitPrice: 24_900,
    taxRateBp: 2000,
  });
  const chair = await c.call('products.create', {
    name: 'Chair',
    sku: 'CH-2',
    unitPrice: 4950,
    taxRateBp: 2000,
  });
  await c.call('products.create', { name: 'Old lamp', sku: 'LAMP', unitPrice: 1000, active: false });
  await c.call('products.create', { name: 'Euro desk', sku: 'EU-1', unitPrice: 20_000, currency: 'EUR' });
  await c.call('orders.create', {
    personId: ann.id,
    orderDate: '2026-11-02',
    status: 'paid',
    lines: [{ productId: chair.id, quantity: 1000 }],
  });
  return Object.assign(b, { ann: ann.id, bob: bob.id, zeta: zeta.id, desk: desk.id, chair: chair.id });
}

const HEADERS = [
  'Order No',
  'Date',
  'Status',
  'Customer',
  'Email',
  'Product',
  'Description',
  'Qty',
  'Unit Price',
  'Discount',
  'VAT',
];

/** An unsorted export: SO-1 and SO-2 have lines apart from each other. */
const FILE = csvText([
  HEADERS,
  ['SO-1', '2026-11-20', 'Paid', '', 'ann@acme.test', 'DESK-1', '', '2', '', '', ''],
  ['SO-2', '21/11/2026', 'Invoiced', 'Zeta plc', '', '', 'Consulting', '1.5', '£120.00', '10', '20'],
  [
    'SO-1',
    '2026-11-20',
    '',
    '',
    'ANN@acme.test',
    'oak DESK',
    'Delivery and fitting',
    '1',
    '£1,234.56',
    '',
    '',
  ],
  ['SO-3', '2026-11-22', 'Cancelled', 'bob ray', '', 'CH-2', '', '3', '', '', ''],
  ['SO-2', '', '', '', '', 'CH-2', '', '', '', '', ''],
  ['SO-4', '2026-11-22', 'quote', 'Nobody Here', '', 'CH-2', '', '1', '', '', ''],
  ['SO-5', '2026-11-22', 'Paid', 'Sam Smith', '', 'CH-2', '', '1', '', '', ''],
  ['SO-6', '2026-11-22', 'Paid', '', 'ann@acme.test', 'NOPE-1', '', '1', '', '', ''],
  ['SO-7', '2026-11-22', 'Paid', '', 'ann@acme.test', 'CH-2', '', '1', '', '', ''],
  ['SO-7', '2026-11-23', 'Paid', '', 'ann@acme.test', 'CH-2', '', '1', '', '', ''],
  ['', '2026-11-22', 'Paid', '', 'ann@acme.test', 'CH-2', '', '1', '', '', ''],
  ['', '', '', '', '', '', '', '', '', '', ''],
]);

function imported(b: TestBook) {
  return b.book.sqlite
    .prepare(
      `SELECT id, external_id, person_id, company_id, order_date, status, currency, net, tax, gross
         FROM orders WHERE external_id IS NOT NULL ORDER BY number`,
    )
    .all() as {
    id: string;
    external_id: string;
    person_id: string | null;
    company_id: string | null;
    order_date: string;
    status: string;
    currency: string;
    net: number;
    tax: number;
    gross: number;
  }[];
}

const line = (quantity: number, unitPrice: number, taxRateBp: number, discountBp = 0) =>
  lineAmounts({ quantity, unitPrice, taxRateBp, discountBp, unitCost: 0 });

describe('importing an orders file', () => {
  it('groups the lines of each order, prices them by the money rules, and previews exactly what it does', async () => {
    const b = await castBook();
    const inspection = await inspectFile(b, 'orders.csv', FILE, 'orders');
    expect(inspection.mapping).toEqual([
      'orderNumber',
      'orderDate',
      'status',
      'customerName',
      'customerEmail',
      'product',
      'description',
      'quantity',
      'unitPrice',
      'discount',
      'taxRate',
    ]);
    const plan = planOf(inspection);
    expect(plan.match).toBe('reference');
    const before = snapshot(b, TABLES);
    const preview = await b.client.call('import.preview', plan);
    expect(snapshot(b, TABLES)).toEqual(before);
    const done = await b.client.call('import.run', plan);
    expectSameOutcome(preview, done);
    // rows are lines; the rest count orders (the numberless line is a failed order of its own).
    expect(done).toMatchObject({ rows: 12, created: 3, unchanged: 0, skipped: 1, failed: 4 });
    expect(done.problems).toEqual([
      { line: 12, column: 'Order No', value: '', reason: expect.stringMatching(/order number/u) },
      {
        line: 7,
        column: 'Customer',
        value: 'Nobody Here',
        reason: expect.stringMatching(/import the people/iu),
      },
      { line: 8, column: 'Customer', value: 'Sam Smith', reason: expect.stringMatching(/2 people/u) },
      {
        line: 9,
        column: 'Product',
        value: 'NOPE-1',
        reason: expect.stringMatching(/import the products first/iu),
      },
      {
        line: 11,
        column: 'Date',
        value: '2026-11-23',
        reason: expect.stringMatching(/Line 10 of order SO-7/u),
      },
    ]);

    const so1 = sumAmounts([line(2000, 24_900, 2000), line(1000, 123_456, 2000)]);
    const so2 = sumAmounts([line(1500, 12_000, 2000, 1000), line(1000, 4950, 2000)]);
    const so3 = sumAmounts([line(3000, 4950, 2000)]);
    expect(imported(b).map(({ id: _id, ...o }) => o)).toEqual([
      {
        external_id: 'SO-1',
        person_id: b.ann,
        company_id: null,
        order_date: '2026-11-20',
        status: 'paid',
        currency: 'GBP',
        net: so1.net,
        tax: so1.tax,
        gross: so1.gross,
      },
      {
        external_id: 'SO-2',
        person_id: null,
        company_id: b.zeta,
        order_date: '2026-11-21',
        status: 'invoiced',
        currency: 'GBP',
        net: so2.net,
        tax: so2.tax,
        gross: so2.gross,
      },
      {
        external_id: 'SO-3',
        person_id: b.bob,
        company_id: null,
        order_date: '2026-11-22',
        status: 'cancelled',
        currency: 'GBP',
        net: so3.net,
        tax: so3.tax,
        gross: so3.gross,
      },
    ]);
    // The figures worked out by hand: 2 × £249 + £1,234.56, each line's 20 % VAT rounded once.
    expect([so1.net, so1.tax, so1.gross]).toEqual([173_256, 34_651, 207_907]);
    expect([so2.net, so2.tax]).toEqual([16_200 + 4950, 3240 + 990]);

    const [first] = imported(b);
    const order = await b.client.call('orders.get', { id: first!.id });
    expect(
      order.lines.map((l) => [l.productId, l.description, l.quantity, l.unitPrice, l.taxRateBp]),
    ).toEqual([
      [b.desk, 'Oak desk', 2000, 24_900, 2000],
      [b.desk, 'Delivery and fitting', 1000, 123_456, 2000],
    ]);
    expect(order.history.map((h) => [h.status, h.date])).toEqual([['paid', '2026-11-20']]);
    expect(order.reference).toMatch(/^ORD-0000[2-4]$/u);

    // The summaries are what a recomputation from scratch gives, and the reports show the sales.
    expectSummariesCurrent(b);
    const [month] = await b.client.call('reports.salesByMonth', { from: '2026-11', to: '2026-11' });
    expect(month).toMatchObject({
      month: '2026-11',
      currency: 'GBP',
      orders: 3,
      net: 4950 + so1.net + so2.net,
    });
    const ann = await b.client.call('purchases.person', { personId: b.ann });
    expect(ann).toMatchObject({ totals: [expect.objectContaining({ orders: 2, net: 4950 + so1.net })] });
    const [record] = await b.client.call('import.list', {});
    expect(record).toMatchObject({ batchId: done.batchId, kind: 'orders', created: 3, rows: 12 });
  });

  it('adds nothing when the same file is imported again; "none" adds every order again', async () => {
    const b = await castBook();
    const inspection = await inspectFile(b, 'orders.csv', FILE, 'orders');
    await b.client.call('import.run', planOf(inspection));
    const after = snapshot(b, SALES_TABLES);
    const again = await b.client.call('import.run', planOf(inspection));
    expect(again).toMatchObject({ created: 0, unchanged: 3, skipped: 1, failed: 4, batchId: null });
    expect(snapshot(b, SALES_TABLES)).toEqual(after);
    const twice = await b.client.call('import.run', planOf(inspection, { match: 'none' }));
    expect(twice).toMatchObject({ created: 3, unchanged: 0 });
    expect(countRows(b, 'orders', `external_id = 'SO-1'`)).toBe(2);
    expectSummariesCurrent(b);
  });

  it('is undone as one batch: orders, lines and status history go, and the summaries are as they were', async () => {
    const b = await castBook();
    const before = snapshot(b, SALES_TABLES);
    const inspection = await inspectFile(b, 'orders.csv', FILE, 'orders');
    const done = await b.client.call('import.run', planOf(inspection));
    expect(countRows(b, 'orders')).toBe(4);
    expect(countRows(b, 'customer_sales')).toBeGreaterThan(1);
    expect(snapshot(b, ['customer_sales'])).not.toEqual({ customer_sales: before.customer_sales });

    await b.client.call('batches.undo', { batchId: done.batchId! });
    expect(snapshot(b, SALES_TABLES)).toEqual(before);
    expect(b.book.sqlite.pragma('foreign_key_check')).toEqual([]);
    // Numbering goes on from the book's own orders.
    const next = await b.client.call('orders.numbering', {});
    expect(next.nextNumber).toBe(2);
  });

  it('finds customers by the other system’s id, makes the Company column’s company, and reads other currencies', async () => {
    const b = await castBook();
    const text = csvText([
      [
        'Invoice No',
        'Invoice Date',
        'Customer ID',
        'Company',
        'Currency',
        'Item',
        'Text',
        'Qty',
        'Price',
        'Tax',
      ],
      ['A-1', '2026-11-20', 'cust-7', '', 'gbp', 'Chair', '', '2', '', ''],
      ['A-2', '2026-11-20', 'co-9', '', '', 'Chair', '', '1', '£40', '0'],
      ['A-3', '2026-11-20', '', 'New Co Ltd', '€', 'EU-1', '', '1', '', ''],
      ['A-3', '2026-11-20', '', 'new co ltd', 'EUR', 'FIT', 'Fitting', '1', '12,50 €', '19'],
      ['A-4', '2026-11-20', 'cust-7', 'Zeta plc', '', 'Chair', '', '1', 'EUR 10', ''],
      ['A-5', '2026-11-20', 'cust-7', '', 'EUR', 'CH-2', '', '1', '', ''],
      ['A-6', '2026-11-20', 'cust-7', '', '', 'LAMP', '', '1', '', ''],
      ['A-7', '2026-11-20', 'cust-7', '', 'XYZ', 'Chair', '', 'lots', '', '120'],
    ]);
    const inspection = await inspectFile(b, 'invoices.csv', text, 'orders');
    const mapping = [
      'orderNumber',
      'orderDate',
      'customerExternalId',
      'company',
      'currency',
      'product',
      'description',
      'quantity',
      'unitPrice',
      'taxRate',
    ] as const;
    const done = await b.client.call('import.run', planOf(inspection, { mapping: [...mapping] }));
    expect(done).toMatchObject({ created: 3, failed: 4, companiesCreated: 1 });
    expect(done.problems.map((p) => [p.line, p.column, p.value])).toEqual([
      [6, 'Price', 'EUR 10'],
      [7, 'Item', 'CH-2'],
      [8, 'Item', 'LAMP'],
      [9, 'Currency', 'XYZ'],
      [9, 'Qty', 'lots'],
      [9, 'Tax', '120'],
    ]);
    const newCo = b.book.sqlite.prepare(`SELECT id FROM companies WHERE name = 'New Co Ltd'`).pluck().get();
    const rows = imported(b).map((o) => [o.external_id, o.person_id, o.company_id, o.currency, o.net, o.tax]);
    expect(rows).toEqual([
      ['A-1', b.bob, null, 'GBP', 9900, 1980],
      ['A-2', null, b.zeta, 'GBP', 4000, 0],
      ['A-3', null, newCo, 'EUR', 20_000 + 1250, 0 + 238],
    ]);
    expectSummariesCurrent(b);

    await b.client.call('batches.undo', { batchId: done.batchId! });
    expect(countRows(b, 'companies', `name = 'New Co Ltd'`)).toBe(0);
    expect(countRows(b, 'orders')).toBe(1);
  });

  it('leaves the book unchanged when the file turns out to be unreadable part way', async () => {
    const b = await castBook();
    const good = Array.from({ length: 3000 }, (_, i) => `SO-${i % 50},2026-11-20,ann@acme.test,CH-2,1`).join(
      '\r\n',
    );
    const bytes = Buffer.concat([
      Buffer.from(`Order number,Order date,Email,Product,Qty\r\n${good}\r\n`, 'utf8'),
      Buffer.from([0x53, 0x4f, 0xff, 0x2c, 0x0d, 0x0a]),
    ]);
    const inspection = await inspectFile(b, 'broken.csv', bytes, 'orders');
    expect(inspection.mapping).toEqual(['orderNumber', 'orderDate', 'customerEmail', 'product', 'quantity']);
    const before = snapshot(b, TABLES);
    await expect(b.client.call('import.run', planOf(inspection))).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(snapshot(b, TABLES)).toEqual(before);
  });

  it('leaves the book unchanged when cancelled part way', async () => {
    const b = await castBook();
    const rows = Array.from({ length: 40_000 }, (_, i) => [
      `SO-${i}`,
      '2026-11-20',
      'ann@acme.test',
      'CH-2',
      '1',
    ]);
    const inspection = await inspectFile(
      b,
      'big.csv',
      csvText([['Order number', 'Order date', 'Email', 'Product', 'Qty'], ...rows]),
      'orders',
    );
    const before = snapshot(b, TABLES);
    await cancelRunningImport(b, planOf(inspection));
    expect(snapshot(b, TABLES)).toEqual(before);
    expect(openFiles().filter((f) => f.endsWith('/big.csv'))).toEqual([]);
  });

  it('refuses a mapping without the order number, date or line before writing anything', async () => {
    const b = await castBook();
    const inspection = await inspectFile(b, 'orders.csv', FILE, 'orders');
    await b.client.call('import.preview', planOf(inspection));
    const before = snapshot(b, TABLES);
    for (const gone of ['orderNumber', 'orderDate']) {
      const mapping = inspection.mapping.map((f) => (f === gone ? null : f));
      await expect(b.client.call('import.run', planOf(inspection, { mapping }))).rejects.toMatchObject({
        code: 'VALIDATION',
      });
    }
    const noLine = inspection.mapping.map((f) => (f === 'product' || f === 'description' ? null : f));
    await expect(b.client.call('import.run', planOf(inspection, { mapping: noLine }))).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/product/u),
    });
    expect(snapshot(b, TABLES)).toEqual(before);
  });
});

describe('reading what order exports write', () => {
  it('numbers in the locale or not', () => {
    expect(normaliseNumber('12.50', 'en-GB')).toBe('12.50');
    expect(normaliseNumber('12,50', 'en-GB')).toBe('12.50');
    expect(normaliseNumber('1,250', 'en-GB')).toBe('1250');
    expect(normaliseNumber('1,234.56', 'en-GB')).toBe('1234.56');
    expect(normaliseNumber('1.234,56', 'en-GB')).toBe('1234.56');
    expect(normaliseNumber('1.250', 'de-DE')).toBe('1250');
    expect(normaliseNumber('1,25', 'de-DE')).toBe('1.25');
    expect(normaliseNumber('12.50', 'de-DE')).toBe('12.50');
    expect(normaliseNumber('1 234,50', 'fr-FR')).toBe('1234.50');
    expect(normaliseNumber("1'234.50", 'de-CH')).toBe('1234.50');
    expect(normaliseNumber('1,234,567', 'en-GB')).toBe('1234567');
    expect(normaliseNumber('0.125', 'de-DE')).toBe('0.125');
    expect(normaliseNumber('(12.50)', 'en-GB')).toBe('-12.50');
    expect(normaliseNumber('1,23,4', 'en-GB')).toBeNull();
    expect(normaliseNumber('12a', 'en-GB')).toBeNull();
    expect(normaliseNumber('', 'en-GB')).toBeNull();
  });

  it('amounts with a currency around them', () => {
    // The price cell as readLineFigures reads it (shared/domain/money.ts).
    const price = (text: string, currency: CurrencyCode, locale: string) => {
      const read = parseMoneyCell(text, { decimal: decimalOf(locale), currency });
      return read.ok ? { minor: read.minor, currency: read.currency } : null;
    };
    expect(price('£12.50', 'GBP', 'en-GB')).toEqual({ minor: 1250, currency: 'GBP' });
    expect(price('12,50 €', 'EUR', 'de-DE')).toEqual({ minor: 1250, currency: 'EUR' });
    expect(price('EUR 1.234,50', 'GBP', 'en-GB')).toEqual({ minor: 123_450, currency: 'EUR' });
    expect(price('1234.5 gbp', 'GBP', 'en-GB')).toEqual({ minor: 123_450, currency: 'GBP' });
    expect(price('$5', 'CAD', 'en-CA')).toEqual({ minor: 500, currency: 'CAD' });
    expect(price('US$5', 'CAD', 'en-CA')).toEqual({ minor: 500, currency: 'USD' });
    expect(price('¥1200', 'JPY', 'en-GB')).toEqual({ minor: 1200, currency: 'JPY' });
    expect(price('99', 'GBP', 'en-GB')).toEqual({ minor: 9900, currency: null });
    expect(price('12.505', 'GBP', 'en-GB')).toBeNull();
    expect(price('12 XYZ', 'GBP', 'en-GB')).toBeNull();
    expect(price('£12 EUR', 'GBP', 'en-GB')).toBeNull();
    expect(price('twelve', 'GBP', 'en-GB')).toBeNull();
  });

  it('quantities, percentages, currencies and statuses', () => {
    expect(parseQuantityCell('2', 'en-GB')).toBe(2000);
    expect(parseQuantityCell('2,5', 'de-DE')).toBe(2500);
    expect(parseQuantityCell('1,000', 'en-GB')).toBe(1_000_000);
    expect(parseQuantityCell('0.125', 'en-GB')).toBe(125);
    expect(parseQuantityCell('-1', 'en-GB')).toBeNull();
    expect(parsePercentCell('20')).toBe(2000);
    expect(parsePercentCell('17.5 %')).toBe(1750);
    expect(parsePercentCell('120')).toBeNull();
    expect(parseCurrency('eur')).toBe('EUR');
    expect(parseCurrency('£')).toBe('GBP');
    expect(parseCurrency('XYZ')).toBeNull();
    const statuses: [string, string][] = [
      ['Paid', 'paid'],
      ['INVOICED', 'invoiced'],
      ['Cancelled', 'cancelled'],
      ['Canceled', 'cancelled'],
      ['Draft', 'quote'],
      ['Quote', 'quote'],
      ['Shipped', 'delivered'],
      ['Awaiting payment', 'invoiced'],
      ['confirmed', 'confirmed'],
    ];
    for (const [text, status] of statuses) expect([text, parseOrderStatus(text)]).toEqual([text, status]);
    expect(parseOrderStatus('Lost in the post')).toBeNull();
  });
});
