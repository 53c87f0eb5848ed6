/**
 * The accountant's presets on a real book: the exact text of each file for a small book (which
 * orders count, in which period, net/tax/gross per line and per order, payments on their paid
 * date, customers' lifetime totals), the CSV options (semicolons, decimal comma, locale dates,
 * Windows-1252), formula protection on text only, mixed currencies, a cancelled export leaving
 * nothing behind, and the README text listing every column.
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors.ts';
import { csvDefaults, type CsvExportOptions } from '../../../shared/domain/csv.ts';
import {
  exportPreset,
  PRESET_IDS,
  PRESETS,
  presetColumnsMarkdown,
  type PresetId,
} from '../../../electron/backend/export/presets.ts';
import { cancelledError, NO_JOB, type JobControl } from '../../../electron/backend/jobs/job.ts';
import { makeTempDir } from '../../helpers/book.ts';
import { order, product, salesBook, type SalesBook } from '../sales/sales.fixtures.ts';

const dir = makeTempDir('ledgerline-presets-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;

const GB = csvDefaults('en-GB');

function run(
  b: SalesBook,
  preset: PresetId,
  from = '2026-11-01',
  to = '2026-11-30',
  options: CsvExportOptions = GB,
  job: JobControl = NO_JOB,
) {
  const file = path.join(dir, `${preset}-${n++}.csv`);
  const result = exportPreset(b.backend.ctx, { preset, from, to, options }, file, job);
  return { file, result, text: fs.readFileSync(file, 'utf8') };
}

const csv = (...lines: string[]) => `\uFEFF${lines.join('\r\n')}\r\n`;
const header = (preset: PresetId, delimiter = ',') =>
  PRESETS[preset].columns.map((c) => c.header).join(delimiter);

/**
 * ORD-00001 acme (contact ann), 3 Nov, confirmed: 2 oak desks at 10 % off + 1.5 h fitting.
 * ORD-00002 bob, 20 Nov, paid on 2 Dec. ORD-00003 bob, 31 Oct (outside November).
 * ORD-00004 a quote, ORD-00005 cancelled, ORD-00006 in the Trash (all bob, November: left out).
 * ORD-00007 "=cmd", 30 Nov (the last day), invoiced. ORD-00008 acme alone, 15 Oct, paid 5 Nov.
 * ORD-00009 zeta, 20 Oct, paid 6 Nov and moved back to invoiced on 7 Nov.
 */
async function smallBook(): Promise<SalesBook> {
  const b = await salesBook();
  const db = b.book.sqlite;
  db.prepare(
    `INSERT INTO people (id, display_name, sort_key, street, city, postcode, country, primary_email,
       primary_phone, created_at, updated_at)
     VALUES ('evil', '=cmd', '=cmd', NULL, NULL, NULL, NULL, NULL, NULL, 0, 0)`,
  ).run();
  db.prepare(
    `UPDATE people SET street = '1 High St', city = 'Leeds', postcode = 'LS1 1AA', country = 'GB',
       primary_email = 'bob@example.com', primary_phone = '0113 496 0000' WHERE id = 'bob'`,
  ).run();
  db.prepare(`UPDATE companies SET city = 'York', country = 'GB' WHERE id = 'acme'`).run();
  db.prepare(
    `INSERT INTO emails (id, company_id, label, email, email_lower, position) VALUES
       ('e2', 'acme', 'work', 'sales@acme.example', 'sales@acme.example', 1),
       ('e1', 'acme', 'work', 'accounts@acme.example', 'accounts@acme.example', 0)`,
  ).run();
  db.prepare(
    `INSERT INTO phones (id, company_id, label, number, digits, position) VALUES
       ('p1', 'acme', 'work', '01904 000000', '01904000000', 0)`,
  ).run();
  const [furniture] = await b.client.call('productCategories.set', { categories: [{ name: 'Furniture' }] });
  const desk = await product(b, { sku: 'DSK-1', taxRateBp: 2000, categoryId: furniture!.id });
  const fitting = await product(b, {
    name: 'Fitting',
    kind: 'service',
    unit: 'hour',
    unitPrice: 4500,
    taxRateBp: 2000,
  });

  const status = (id: string, s: 'paid' | 'invoiced' | 'cancelled', date: string) =>
    b.client.call('orders.setStatus', { id, status: s, date });
  await order(b, {
    personId: 'ann',
    companyId: 'acme',
    orderDate: '2026-11-03',
    status: 'confirmed',
    lines: [
      { productId: desk.id, quantity: 2000, discountBp: 1000 },
      { productId: fitting.id, quantity: 1500 },
    ],
  });
  const o2 = await order(b, { personId: 'bob', status: 'confirmed' });
  await status(o2.id, 'paid', '2026-12-02');
  await order(b, {
    personId: 'bob',
    orderDate: '2026-10-31',
    status: 'confirmed',
    lines: [{ productId: desk.id, quantity: 1000 }],
  });
  await order(b, { personId: 'bob', orderDate: '2026-11-10' });
  const o5 = await order(b, { personId: 'bob', orderDate: '2026-11-11', status: 'confirmed' });
  await status(o5.id, 'cancelled', '2026-11-12');
  const o6 = await order(b, { personId: 'bob', orderDate: '2026-11-15', status: 'confirmed' });
  await b.client.call('orders.delete', { id: o6.id });
  await order(b, {
    personId: 'evil',
    orderDate: '2026-11-30',
    status: 'invoiced',
    lines: [{ description: 'Widget', quantity: 1000, unitPrice: 1000 }],
  });
  const o8 = await order(b, {
    personId: null,
    companyId: 'acme',
    orderDate: '2026-10-15',
    status: 'invoiced',
    lines: [{ description: 'Survey', quantity: 1000, unitPrice: 20_000, taxRateBp: 2000 }],
  });
  await status(o8.id, 'paid', '2026-11-05');
  const o9 = await order(b, {
    personId: null,
    companyId: 'zeta',
    orderDate: '2026-10-20',
    status: 'invoiced',
    lines: [{ description: 'Repair', quantity: 1000, unitPrice: 3000 }],
  });
  await status(o9.id, 'paid', '2026-11-06');
  await status(o9.id, 'invoiced', '2026-11-07');
  return b;
}

describe('the accountant presets', () => {
  it('sales by order line: each line of the orders that count, dated in the period', async () => {
    const b = await smallBook();
    const { text, result } = run(b, 'sales-lines');
    expect(text).toBe(
      csv(
        header('sales-lines'),
        '2026-11-03,ORD-00001,Confirmed,acme,Acme Ltd,Ann Lee,1,DSK-1,Oak desk,Furniture,Oak desk,2.000,each,249.00,10.00,20.00,448.20,89.64,537.84,GBP',
        '2026-11-03,ORD-00001,Confirmed,acme,Acme Ltd,Ann Lee,2,,Fitting,,Fitting,1.500,hour,45.00,0.00,20.00,67.50,13.50,81.00,GBP',
        '2026-11-20,ORD-00002,Paid,bob,Bob Ray,,1,,,,Consulting,2.000,,50.00,0.00,20.00,100.00,20.00,120.00,GBP',
        "2026-11-30,ORD-00007,Invoiced,evil,'=cmd,,1,,,,Widget,1.000,,10.00,0.00,0.00,10.00,0.00,10.00,GBP",
      ),
    );
    expect(result).toEqual({ rows: 4, bytes: Buffer.byteLength(text), replaced: 0 });
    // October holds ORD-00003, 8 and 9; the 1st and the 31st are both inside.
    const october = run(b, 'sales-lines', '2026-10-01', '2026-10-31').text.split('\r\n');
    expect(october.slice(1, -1).map((l) => l.split(',')[1])).toEqual(['ORD-00008', 'ORD-00009', 'ORD-00003']);
    expect(run(b, 'sales-lines', '2026-11-04', '2026-11-29').result.rows).toBe(1);
  });

  it('sales by order: one row per order with the sums of its lines', async () => {
    const b = await smallBook();
    expect(run(b, 'sales-orders').text).toBe(
      csv(
        header('sales-orders'),
        '2026-11-03,ORD-00001,Confirmed,2026-11-03,acme,Acme Ltd,Ann Lee,2,515.70,103.14,618.84,GBP',
        '2026-11-20,ORD-00002,Paid,2026-12-02,bob,Bob Ray,,1,100.00,20.00,120.00,GBP',
        "2026-11-30,ORD-00007,Invoiced,2026-11-30,evil,'=cmd,,1,10.00,0.00,10.00,GBP",
      ),
    );
  });

  it('payments received: orders paid in the period, on the day they were paid', async () => {
    const b = await smallBook();
    // ORD-00008 (ordered in October) was paid in November; ORD-00009's payment was taken back.
    expect(run(b, 'payments').text).toBe(
      csv(header('payments'), '2026-11-05,ORD-00008,2026-10-15,acme,Acme Ltd,,200.00,40.00,240.00,GBP'),
    );
    expect(run(b, 'payments', '2026-12-01', '2026-12-31').text).toBe(
      csv(header('payments'), '2026-12-02,ORD-00002,2026-11-20,bob,Bob Ray,,100.00,20.00,120.00,GBP'),
    );
  });

  it('customers: every customer that has bought, with lifetime totals, in name order', async () => {
    const b = await smallBook();
    // The period does not apply; ann is only the contact on acme's order, so she is not a customer.
    expect(run(b, 'customers', '2030-01-01', '2030-01-31').text).toBe(
      csv(
        header('customers'),
        "evil,Person,'=cmd,,,,,,,,,2026-11-30,2026-11-30,1,10.00,0.00,10.00,GBP",
        'acme,Company,Acme Ltd,,accounts@acme.example,01904 000000,,York,,,GB,2026-10-15,2026-11-03,2,715.70,143.14,858.84,GBP',
        'bob,Person,Bob Ray,,bob@example.com,0113 496 0000,1 High St,Leeds,,LS1 1AA,GB,2026-10-31,2026-11-20,2,349.00,69.80,418.80,GBP',
        'zeta,Company,Zeta plc,,,,,,,,,2026-10-20,2026-10-20,1,30.00,0.00,30.00,GBP',
      ),
    );
  });

  it('follows the options: semicolons, decimal comma, locale dates, Windows-1252', async () => {
    const b = await smallBook();
    await b.client.call('settings.update', { locale: 'de-DE' });
    b.book.sqlite.prepare(`UPDATE people SET display_name = 'Zoë Łódź' WHERE id = 'bob'`).run();
    const options: CsvExportOptions = {
      delimiter: ';',
      decimal: ',',
      dates: 'locale',
      encoding: 'windows-1252',
      protectFormulas: true,
    };
    const file = path.join(dir, `options-${n++}.csv`);
    const ctx = b.backend.ctx;
    const input = { preset: 'sales-orders' as const, from: '2026-11-01', to: '2026-11-30', options };
    const result = exportPreset(ctx, input, file, NO_JOB);
    const bytes = fs.readFileSync(file);
    expect(bytes[0]).not.toBe(0xef); // no BOM in Windows-1252
    expect(bytes.includes(Buffer.from([0xeb]))).toBe(true); // ë is one byte
    expect(iconv.decode(bytes, 'win1252')).toBe(
      [
        header('sales-orders', ';'),
        '03.11.2026;ORD-00001;Confirmed;03.11.2026;acme;Acme Ltd;Ann Lee;2;515,70;103,14;618,84;GBP',
        '20.11.2026;ORD-00002;Paid;02.12.2026;bob;Zoë ?ód?;;1;100,00;20,00;120,00;GBP',
        "30.11.2026;ORD-00007;Invoiced;30.11.2026;evil;'=cmd;;1;10,00;0,00;10,00;GBP",
        '',
      ].join('\r\n'),
    );
    expect(result).toEqual({ rows: 3, bytes: bytes.length, replaced: 2 });
  });

  it('protects text that looks like a formula, never an amount, and only when asked', async () => {
    const b = await salesBook();
    b.book.sqlite
      .prepare(
        `INSERT INTO people (id, display_name, sort_key, created_at, updated_at)
      VALUES ('evil', '=cmd|'' /C calc''!A0', '=cmd', 0, 0)`,
      )
      .run();
    const o = await order(b, {
      personId: 'evil',
      status: 'confirmed',
      lines: [{ description: '-Refund', quantity: 1000, unitPrice: 500, taxRateBp: 2000 }],
    });
    // A credit: negative amounts (written by hand, since orders.create takes none).
    const db = b.book.sqlite;
    db.prepare(`UPDATE order_lines SET net = -500, tax = -100, gross = -600 WHERE order_id = ?`).run(o.id);
    db.prepare(`UPDATE orders SET net = -500, tax = -100, gross = -600 WHERE id = ?`).run(o.id);
    const row = (protectFormulas: boolean) =>
      run(b, 'sales-lines', '2026-11-01', '2026-11-30', { ...GB, protectFormulas }).text.split('\r\n')[1];
    expect(row(true)).toBe(
      `2026-11-20,ORD-00001,Confirmed,evil,'=cmd|' /C calc'!A0,,1,,,,'-Refund,1.000,,5.00,0.00,20.00,-5.00,-1.00,-6.00,GBP`,
    );
    expect(row(false)).toBe(
      `2026-11-20,ORD-00001,Confirmed,evil,=cmd|' /C calc'!A0,,1,,,,-Refund,1.000,,5.00,0.00,20.00,-5.00,-1.00,-6.00,GBP`,
    );
  });

  it('writes amounts with the currency’s decimals, the most of any currency in the file', async () => {
    const b = await salesBook();
    await order(b, {
      currency: 'JPY',
      status: 'paid',
      lines: [{ description: 'Tea', quantity: 1000, unitPrice: 1500 }],
    });
    const cake = await order(b, {
      status: 'paid',
      lines: [{ description: 'Cake', quantity: 1000, unitPrice: 250 }],
    });
    const rows = run(b, 'payments').text.split('\r\n');
    expect(rows.slice(1, 3).map((r) => r.split(',').slice(6).join(','))).toEqual([
      '1500.00,0.00,1500.00,JPY',
      '2.50,0.00,2.50,GBP',
    ]);
    // A yen book with only yen sales has no decimals.
    await b.client.call('settings.update', { currency: 'JPY' });
    await b.client.call('orders.delete', { id: cake.id });
    expect(run(b, 'payments').text.split('\r\n')[1]!.split(',').slice(6).join(',')).toBe('1500,0,1500,JPY');
  });

  it('a cancelled or failed export leaves nothing behind, and an earlier file untouched', async () => {
    const b = await smallBook();
    const own = makeTempDir('ledgerline-presets-cancel-');
    try {
      const target = path.join(own, 'sales.csv');
      fs.writeFileSync(target, 'the file from last month');
      let steps = 0;
      const job: JobControl = {
        step() {
          if (++steps === 3) throw cancelledError();
        },
      };
      const options = GB;
      let caught: unknown;
      try {
        exportPreset(
          b.backend.ctx,
          { preset: 'sales-lines', from: '2026-11-01', to: '2026-11-30', options },
          target,
          job,
        );
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(AppError);
      expect((caught as AppError).code).toBe('CANCELLED');
      expect(fs.readdirSync(own)).toEqual(['sales.csv']);
      expect(fs.readFileSync(target, 'utf8')).toBe('the file from last month');
      // The connection is left as it was found: no read transaction held open.
      expect(b.book.sqlite.inTransaction).toBe(false);

      fs.rmSync(target);
      expect(() =>
        exportPreset(
          b.backend.ctx,
          { preset: 'sales-lines', from: '2026-11-30', to: '2026-11-01', options },
          target,
          NO_JOB,
        ),
      ).toThrow(/ends before it starts/u);
      expect(fs.readdirSync(own)).toEqual([]);
    } finally {
      fs.rmSync(own, { recursive: true, force: true });
    }
  });

  it('documents every column of every preset in the README text', () => {
    const md = presetColumnsMarkdown();
    for (const id of PRESET_IDS) {
      const preset = PRESETS[id];
      expect(md).toContain(`#### ${preset.title} (\`${id}\`)`);
      expect(md).toContain(preset.description);
      expect(new Set(preset.columns.map((c) => c.header)).size).toBe(preset.columns.length);
      for (const c of preset.columns) {
        expect(c.doc.length).toBeGreaterThan(5);
        expect(md).toContain(`| ${c.header} | ${c.doc} |`);
      }
    }
  });
});
