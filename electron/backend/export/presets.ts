/**
 * The accountant's CSV presets: sales by order line, sales by order, payments received and the
 * customer list. Each has fixed, documented columns (PRESETS); the README's section is rendered
 * from the same data (presetColumnsMarkdown), so the documentation cannot drift from the files.
 *
 * The rules every sales preset follows (those of the Reports screen, orders/sales.summaries.ts):
 *  - an order counts as a sale when it is confirmed, delivered, invoiced or paid and is not in the
 *    Trash; quotes, cancelled orders and orders in the Trash are left out;
 *  - the period is the order date, from and to both included (a payment's period is the day it was
 *    paid);
 *  - the customer of an order is its company when it names one, otherwise its person, so a sale is
 *    counted once, for one customer, in every file;
 *  - amounts are written in the currency's units with its decimals (two for pounds, none for yen),
 *    with the decimal separator the options ask for. When a file holds several currencies the
 *    amounts all get the most decimals any of them has (¥1500 is written 1500.00 beside pounds).
 *
 * Rows stream from SQLite (statement.iterate) into a CsvWriter, one at a time, inside one read
 * transaction, so the file is a consistent snapshot and memory stays flat however large the book.
 */
import { PRESET_IDS, type PresetId } from '../../../shared/domain/transfer.ts';
import type Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../../shared/api/errors.ts';
import type { CsvExportOptions } from '../../../shared/domain/csv.ts';
import { ORDER_STATUS_LABELS, SALE_STATUSES } from '../../../shared/domain/sales.ts';
import { CURRENCIES } from '../../../shared/domain/settings.ts';
import type { Ctx } from '../context.ts';
import { CsvWriter, type CsvColumn, type CsvValue, type CsvWriteResult } from '../csv/csv.writer.ts';
import type { JobControl } from '../jobs/job.ts';
import { readSettings } from '../settings/settings.store.ts';

export { PRESET_IDS, type PresetId };

export interface PresetColumn extends CsvColumn {
  /** One line for the README: what the column holds. */
  doc: string;
  /** An amount in the row's currency: written with the currency's decimals. */
  money?: true;
}

export interface Preset {
  title: string;
  description: string;
  /** Whether the file covers a period (from–to); the customer list does not. */
  period: boolean;
  columns: readonly PresetColumn[];
}

const text = (header: string, doc: string): PresetColumn => ({ header, type: 'text', doc });
const date = (header: string, doc: string): PresetColumn => ({ header, type: 'date', doc });
const integer = (header: string, doc: string): PresetColumn => ({ header, type: 'integer', doc });
const money = (header: string, doc: string): PresetColumn => ({
  header,
  type: 'minor',
  digits: 2,
  money: true,
  doc,
});
/** Basis points written as a percentage with two decimals (1250 → 12.50). */
const percent = (header: string, doc: string): PresetColumn => ({ header, type: 'minor', digits: 2, doc });

const COUNTS =
  'An order counts when it is confirmed, delivered, invoiced or paid and not in the Trash; quotes and cancelled orders are left out.';

const customerColumns = [
  text('Customer ID', 'The id of the customer (the company, or the person when the order names no company).'),
  text('Customer', 'The company’s name when the order is for a company, otherwise the person’s name.'),
  text('Contact', 'The person named on an order for a company (empty when the order is for a person alone).'),
];

const totalColumns = (what: string) => [
  money('Net', `${what} before tax, after discounts.`),
  money('Tax', `The tax on ${what.toLowerCase()}.`),
  money('Gross', 'Net plus tax.'),
  text('Currency', 'The ISO 4217 code of the amounts (GBP, EUR...).'),
];

export const PRESETS: Readonly<Record<PresetId, Preset>> = {
  'sales-lines': {
    title: 'Sales by order line',
    description: `One row per line of every order dated in the period (the order date; from and to included). ${COUNTS} Rows are in order-date order, then by order number and line.`,
    period: true,
    columns: [
      date('Order date', 'The date of the order: it decides the period the sale belongs to.'),
      text('Order', 'The order’s reference (ORD-00042).'),
      text('Status', 'Confirmed, Delivered, Invoiced or Paid.'),
      ...customerColumns,
      integer('Line', 'The line’s place on the order, from 1.'),
      text('SKU', 'The product’s SKU, if it has one.'),
      text('Product', 'The product on the line (empty for a line written as free text).'),
      text('Category', 'The product’s category when the line was written (empty when none).'),
      text('Description', 'The line’s description as printed on the order.'),
      {
        header: 'Quantity',
        type: 'minor',
        digits: 3,
        doc: 'How many units, with three decimals (2.500 hours).',
      },
      text('Unit', 'The product’s unit (each, hour...); empty for a free-text line.'),
      money('Unit price', 'The price of one unit before discount and tax.'),
      percent('Discount %', 'The discount on the line, in per cent.'),
      percent('Tax rate %', 'The tax rate of the line, in per cent.'),
      money('Net', 'Quantity × unit price less the discount, rounded once per line (half to even).'),
      money('Tax', 'Net × tax rate, rounded once per line (half to even).'),
      money('Gross', 'Net plus tax.'),
      text('Currency', 'The ISO 4217 code of the amounts (GBP, EUR...).'),
    ],
  },
  'sales-orders': {
    title: 'Sales by order',
    description: `One row per order dated in the period (the order date; from and to included), with the sums of its lines. ${COUNTS} Rows are in order-date order, then by order number.`,
    period: true,
    columns: [
      date('Order date', 'The date of the order: it decides the period the sale belongs to.'),
      text('Order', 'The order’s reference (ORD-00042).'),
      text('Status', 'Confirmed, Delivered, Invoiced or Paid.'),
      date('Status date', 'The day of the latest status change (the day it was paid, for a paid order).'),
      ...customerColumns,
      integer('Lines', 'How many lines the order has.'),
      ...totalColumns('The sum of the lines’ amounts'),
    ],
  },
  payments: {
    title: 'Payments received',
    description:
      'One row per order paid in the period (the day it was marked paid; from and to included), for the full gross amount. An order in the Trash is left out, and so is one marked paid and later moved back to invoiced (a payment recorded by mistake). Rows are in date-paid order, then by order number.',
    period: true,
    columns: [
      date('Date paid', 'The day the order was marked paid: it decides the period.'),
      text('Order', 'The order’s reference (ORD-00042).'),
      date('Order date', 'The date of the order.'),
      ...customerColumns,
      ...totalColumns('The order’s amount'),
    ],
  },
  customers: {
    title: 'Customers with lifetime totals',
    description: `One row per customer and currency: every company or person that is the customer of at least one order that counts as a sale (an order’s customer is its company when it names one, otherwise its person). ${COUNTS} The totals cover every such order, whatever its date; a customer since moved to the Trash is listed too, as their sales stand. Rows are in name order.`,
    period: false,
    columns: [
      text('Customer ID', 'The id of the company or person (the Customer ID of the sales files).'),
      text('Type', 'Company or Person.'),
      text('Name', 'The company’s or person’s name.'),
      text('Company', 'For a person: the company they work for, if any.'),
      text('Email', 'The first email address.'),
      text('Phone', 'The first phone number, as entered.'),
      text('Street', 'The postal address: street.'),
      text('City', 'The postal address: town or city.'),
      text('Region', 'The postal address: county, state or region.'),
      text('Postcode', 'The postal address: postcode or ZIP code.'),
      text('Country', 'The postal address: country.'),
      date('First order', 'The date of the customer’s first order that counts.'),
      date('Last order', 'The date of the customer’s latest order that counts.'),
      integer('Orders', 'How many orders count.'),
      ...totalColumns('The sum of those orders’ amounts'),
    ],
  },
};

/** The presets and their columns as a Markdown section for the README. */
export function presetColumnsMarkdown(): string {
  const cell = (s: string) => s.replaceAll('|', '\\|');
  const out: string[] = [
    '### Files for the accountant',
    '',
    'Each preset writes a CSV file with these columns, in this order. Amounts are in the units of the ' +
      'row’s currency (pounds, not pence), quantities have three decimals, and dates, the decimal ' +
      'separator, the delimiter and the encoding follow the CSV options.',
  ];
  for (const id of PRESET_IDS) {
    const p = PRESETS[id];
    out.push(
      '',
      `#### ${p.title} (\`${id}\`)`,
      '',
      p.description,
      '',
      '| Column | Meaning |',
      '| --- | --- |',
    );
    for (const c of p.columns) out.push(`| ${cell(c.header)} | ${cell(c.doc)} |`);
  }
  return `${out.join('\n')}\n`;
}

export interface PresetInput {
  preset: PresetId;
  /** YYYY-MM-DD, included; not used by 'customers'. */
  from: string;
  to: string;
  options: CsvExportOptions;
}

export type PresetResult = CsvWriteResult;

/** Decimals of a currency's minor unit (2 unless CURRENCIES says otherwise). */
export function currencyDigits(currency: string): number {
  return CURRENCIES.find((c) => c.code === currency)?.minor ?? 2;
}

const SALE_LIST = SALE_STATUSES.map((s) => `'${s}'`).join(', ');
const STATUS_LABEL = `CASE o.status ${Object.entries(ORDER_STATUS_LABELS)
  .map(([k, v]) => `WHEN '${k}' THEN '${v.replaceAll("'", "''")}'`)
  .join(' ')} END`;
const CUSTOMER = `coalesce(o.company_id, o.person_id), coalesce(c.name, p.display_name),
  CASE WHEN o.company_id IS NOT NULL THEN p.display_name END`;
const PARTIES = `LEFT JOIN people p ON p.id = o.person_id LEFT JOIN companies c ON c.id = o.company_id`;
const SALES_WHERE = `o.order_date BETWEEN ? AND ? AND o.deleted_at IS NULL AND o.status IN (${SALE_LIST})`;
const PAID_WHERE = `o.status = 'paid' AND o.status_date BETWEEN ? AND ? AND o.deleted_at IS NULL`;

/** For each preset: its rows (columns in the preset's order), how many there are, and the currencies. */
interface PresetQuery {
  rows: string;
  count: string;
  currencies: string;
  params(input: PresetInput): unknown[];
}

const period = (input: PresetInput) => [input.from, input.to];

const QUERIES: Record<PresetId, PresetQuery> = {
  'sales-lines': {
    // orders_date gives the orders in (order_date, id) order, order_lines_order each order's lines.
    rows: `SELECT o.order_date, o.reference, ${STATUS_LABEL}, ${CUSTOMER},
        l.position + 1, pr.sku, pr.name, cat.name, l.description, l.quantity, pr.unit,
        l.unit_price, l.discount_bp, l.tax_rate_bp, l.net, l.tax, l.gross, o.currency
      FROM orders o JOIN order_lines l ON l.order_id = o.id ${PARTIES}
      LEFT JOIN products pr ON pr.id = l.product_id
      LEFT JOIN product_categories cat ON cat.id = l.category_id
      WHERE ${SALES_WHERE}
      ORDER BY o.order_date, o.number, l.position`,
    count: `SELECT count(*) FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE ${SALES_WHERE}`,
    currencies: `SELECT DISTINCT o.currency FROM orders o WHERE ${SALES_WHERE}`,
    params: period,
  },
  'sales-orders': {
    rows: `SELECT o.order_date, o.reference, ${STATUS_LABEL}, o.status_date, ${CUSTOMER},
        (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id), o.net, o.tax, o.gross, o.currency
      FROM orders o ${PARTIES}
      WHERE ${SALES_WHERE}
      ORDER BY o.order_date, o.number`,
    count: `SELECT count(*) FROM orders o WHERE ${SALES_WHERE}`,
    currencies: `SELECT DISTINCT o.currency FROM orders o WHERE ${SALES_WHERE}`,
    params: period,
  },
  payments: {
    // A paid order can only move back to invoiced, so while it is paid its latest status change is
    // the payment, and status_date is that change's day.
    rows: `SELECT o.status_date, o.reference, o.order_date, ${CUSTOMER}, o.net, o.tax, o.gross, o.currency
      FROM orders o ${PARTIES}
      WHERE ${PAID_WHERE}
      ORDER BY o.status_date, o.number`,
    count: `SELECT count(*) FROM orders o WHERE ${PAID_WHERE}`,
    currencies: `SELECT DISTINCT o.currency FROM orders o WHERE ${PAID_WHERE}`,
    params: period,
  },
  customers: {
    rows: `WITH sales AS (
        SELECT CASE WHEN company_id IS NOT NULL THEN 'company' ELSE 'person' END AS party,
          coalesce(company_id, person_id) AS party_id, currency, min(order_date) AS first,
          max(order_date) AS last, count(*) AS orders, sum(net) AS net, sum(tax) AS tax, sum(gross) AS gross
        FROM orders WHERE deleted_at IS NULL AND status IN (${SALE_LIST})
        GROUP BY 1, 2, 3
      ),
      company_email AS (
        SELECT company_id, email, min(position) FROM emails WHERE company_id IS NOT NULL GROUP BY company_id
      )
      SELECT s.party_id, CASE s.party WHEN 'company' THEN 'Company' ELSE 'Person' END,
        coalesce(c.name, p.display_name), pc.name,
        CASE s.party WHEN 'company' THEN ce.email ELSE p.primary_email END,
        CASE s.party WHEN 'company'
          THEN (SELECT number FROM phones WHERE company_id = c.id ORDER BY position LIMIT 1)
          ELSE p.primary_phone END,
        coalesce(c.street, p.street), coalesce(c.city, p.city), coalesce(c.region, p.region),
        coalesce(c.postcode, p.postcode), coalesce(c.country, p.country),
        s.first, s.last, s.orders, s.net, s.tax, s.gross, s.currency
      FROM sales s
      LEFT JOIN companies c ON s.party = 'company' AND c.id = s.party_id
      LEFT JOIN people p ON s.party = 'person' AND p.id = s.party_id
      LEFT JOIN companies pc ON pc.id = p.company_id
      LEFT JOIN company_email ce ON ce.company_id = c.id
      ORDER BY coalesce(c.sort_key, p.sort_key), s.party_id, s.currency`,
    count: `SELECT count(*) FROM (SELECT 1 FROM orders WHERE deleted_at IS NULL AND status IN (${SALE_LIST})
      GROUP BY coalesce(company_id, person_id), company_id IS NOT NULL, currency)`,
    currencies: `SELECT DISTINCT currency FROM orders WHERE deleted_at IS NULL AND status IN (${SALE_LIST})`,
    params: () => [],
  },
};

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/u;

function checkInput(input: PresetInput): void {
  if (!Object.hasOwn(PRESETS, input.preset)) {
    throw new AppError('VALIDATION', `There is no export preset called “${String(input.preset)}”.`);
  }
  if (!PRESETS[input.preset].period) return;
  for (const key of ['from', 'to'] as const) {
    if (!ISO_DATE.test(input[key])) {
      throw new AppError('VALIDATION', `The period’s ${key} date must be a date (YYYY-MM-DD).`, {
        issues: [{ path: key, message: 'Give a date (YYYY-MM-DD).' }],
      });
    }
  }
  if (input.from > input.to) {
    throw new AppError('VALIDATION', 'The period ends before it starts.', {
      issues: [{ path: 'to', message: 'The end of the period comes before its start.' }],
    });
  }
}

/**
 * Runs `read` inside one read transaction (a snapshot of the book) unless the connection is already
 * in one. The transaction is ended however `read` ends.
 */
export function inReadSnapshot<T>(db: Database.Database, read: () => T): T {
  if (db.inTransaction) return read();
  db.exec('BEGIN');
  try {
    return read();
  } finally {
    if (db.inTransaction) db.exec('COMMIT');
  }
}

/**
 * Writes one preset's CSV file to `target` (replacing it only once the whole file is written; a
 * cancelled or failed export leaves nothing behind and the target untouched).
 */
export function exportPreset(ctx: Ctx, input: PresetInput, target: string, job: JobControl): PresetResult {
  checkInput(input);
  const preset = PRESETS[input.preset];
  const query = QUERIES[input.preset];
  const params = query.params(input);
  const settings = readSettings(ctx);
  const db = ctx.sql.raw;
  return inReadSnapshot(db, () => {
    // Every amount gets the most decimals of any currency in the file, the book's included.
    const currencies = db
      .prepare(query.currencies)
      .pluck()
      .all(...params) as string[];
    const digits = Math.max(...[settings.currency, ...currencies].map(currencyDigits));
    const columns: CsvColumn[] = preset.columns.map(({ header, type, digits: d, money: m }) => ({
      header,
      type,
      digits: m ? digits : (d ?? 2),
    }));
    const moneyAt = preset.columns.flatMap((c, i) => (c.money ? [i] : []));
    const currencyAt = preset.columns.findIndex((c) => c.header === 'Currency');
    const total = db
      .prepare(query.count)
      .pluck()
      .get(...params) as number;

    job.step(0, total, preset.title);
    const writer = new CsvWriter(target, columns, input.options, settings.locale);
    try {
      let done = 0;
      const rows = db
        .prepare(query.rows)
        .raw(true)
        .iterate(...params) as IterableIterator<CsvValue[]>;
      for (const row of rows) {
        const scale = 10 ** (digits - currencyDigits(String(row[currencyAt])));
        if (scale !== 1) for (const i of moneyAt) row[i] = (row[i] as number) * scale;
        writer.write(row);
        job.step(++done, total, preset.title);
      }
      return writer.finish();
    } catch (err) {
      writer.abort();
      throw err;
    }
  });
}
