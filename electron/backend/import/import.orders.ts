/**
 * Importing an orders file (issue 5): one row per order line, and rows with the same order number
 * are one order, wherever they are in the file. Each order is made through insertOrder (as
 * orders.create makes one: its number and reference, lines priced by the money rules, totals as
 * their sums, the first status in its history, the sales summaries), in the one transaction and
 * undoable batch of runImport() (import.run.ts: the preview is the same run rolled back). Undo
 * removes the orders with their lines and status history, and the summaries follow.
 *
 * Grouping with bounded memory: the file is read once into a temporary table of the transaction
 * (the lines' mapped cells, keyed by the order's place of first appearance), then the orders are
 * made one at a time from it, in the order the file first names them. Memory holds one order.
 *
 * - The order number is kept as the order's external_id. Matching "reference" leaves an order
 *   whose number is already in the book (live) alone and counts it unchanged, so importing the
 *   same file again adds nothing; "none" always adds.
 * - The lines of an order must agree on its date, status, customer, currency and owner (a line
 *   may leave them blank); a line that disagrees fails the order, named in the problem. A line
 *   with a problem fails its whole order: an order is never imported with lines missing.
 * - The customer: the person with the customer's email; else the person, or else the company,
 *   with the customer's id from the other system; else the person with that shown name, or else
 *   the company with that name (any case). Several of them → the order is skipped. The Company
 *   column's company (found by name, or made) is the order's company, beside any person found.
 *   No customer found → the order fails ("import the people first").
 * - A line's product: by SKU, then by name (live products; an archived one is a problem). None
 *   found: the line keeps its description alone (no product), or, without a description, is a
 *   problem. The price and tax rate are the row's, else the product's; the quantity 1 when blank.
 * - Status: the app's statuses and other systems' words for them (order-rows.ts). A file of
 *   orders records sales, so an order whose lines give no status is confirmed (a quote must say so).
 *   Currency: the book's when blank. Owner: a staff profile by name or email; blank is the person
 *   importing.
 *
 * Counts: `rows` is the lines read; created, unchanged, skipped and failed count orders (a line
 * without an order number is counted as a failed order of its own; blank lines only as rows).
 */
import { AppError } from '../../../shared/api/errors.ts';
import type { ParsedInput } from '../../../shared/api/requests.ts';
import { lineInput, type LineInputValue } from '../../../shared/api/requests/lines.schema.ts';
import type { OrderField } from '../../../shared/domain/import-kinds.ts';
import type { CurrencyCode } from '../../../shared/domain/settings.ts';
import type { ImportSummary } from '../../../shared/domain/transfer.ts';
import type { Ctx } from '../context.ts';
import type { JobControl } from '../jobs/job.ts';
import { insertOrder } from '../orders/order.write.ts';
import { plucked, prepared } from '../people/prepared.ts';
import { readSettings } from '../settings/settings.store.ts';
import { partyLookups } from './lookups.ts';
import { csvRows, runImport, unknownStaff, type ImportJob, type ImportRun } from './import.run.ts';
import {
  readLineFigures,
  readOrderHead,
  type HeadReading,
  type OrderCells,
  type OrderHead,
  type StoredLine,
} from './order-rows.ts';

export function importOrders(ctx: Ctx, input: ImportJob, job: JobControl): ImportSummary {
  return runImport(ctx, input, job, (run) => importRows(run));
}

/** orders.create's limits. */
const MAX_LINES = 500;
const MAX_NOTES = 5000;
const MAX_DESCRIPTION = 500;

/** The statuses an imported order has when its lines give none. */
const DEFAULT_STATUS = 'confirmed';

const LINE_FIELD: Record<string, OrderField> = {
  quantity: 'quantity',
  unitPrice: 'unitPrice',
  discountBp: 'discount',
  taxRateBp: 'taxRate',
  description: 'description',
  productId: 'product',
};

function importRows(run: ImportRun): void {
  const { ctx, input } = run;
  if (input.source.format !== 'csv') {
    throw new AppError('VALIDATION', 'Orders are imported from a CSV file.', { path: 'format' });
  }
  // The order number, its date and a product or description are required (csvRows checks them).
  const file = csvRows<OrderField>(input, input.source.plan);
  const fields = (input.source.plan.mapping as readonly (OrderField | null)[]).filter(
    (f): f is OrderField => f !== null,
  );
  const db = ctx.sql.raw;
  db.exec(`DROP TABLE IF EXISTS temp.import_order_keys; DROP TABLE IF EXISTS temp.import_order_lines;
    CREATE TEMP TABLE import_order_keys (key TEXT PRIMARY KEY NOT NULL, ord INTEGER NOT NULL UNIQUE);
    CREATE TEMP TABLE import_order_lines (
      ord INTEGER NOT NULL, seq INTEGER NOT NULL, line INTEGER NOT NULL, cells TEXT NOT NULL,
      PRIMARY KEY (ord, seq)
    ) WITHOUT ROWID;`);
  try {
    const orders = readLines(run, file, fields);
    makeOrders(run, orders, file);
  } finally {
    db.exec(`DROP TABLE IF EXISTS temp.import_order_keys; DROP TABLE IF EXISTS temp.import_order_lines;`);
  }
}

type File = ReturnType<typeof csvRows<OrderField>>;

/** The first pass: every line into the temporary table, grouped by its order number. Returns the number of orders. */
function readLines(run: ImportRun, file: File, fields: readonly OrderField[]): number {
  const { counts } = run;
  const db = run.ctx.sql.raw;
  const keyOf = db.prepare(
    `INSERT INTO import_order_keys (key, ord) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET key = excluded.key RETURNING ord`,
  );
  keyOf.pluck();
  const insert = db.prepare(`INSERT INTO import_order_lines (ord, seq, line, cells) VALUES (?, ?, ?, ?)`);
  let orders = 0;
  let seq = 0;
  // for…of closes the file when the loop ends early (a cancel, a failure).
  for (const record of file.records) {
    run.step(Math.round(file.done() / 2), file.total);
    counts.rows++;
    if (record.blank) continue;
    const number = record.get('orderNumber');
    if (!number) {
      run.fail({
        line: record.line,
        column: file.columnOf('orderNumber'),
        value: '',
        reason: 'No order number: each line must say which order it belongs to.',
      });
      continue;
    }
    const cells: OrderCells = {};
    for (const f of fields) {
      const v = record.get(f);
      if (v !== undefined) cells[f] = v;
    }
    const ord = keyOf.get(number, orders + 1) as number;
    if (ord > orders) orders = ord;
    insert.run(ord, ++seq, record.line, JSON.stringify(cells));
  }
  return orders;
}

interface ProductFacts {
  id: string;
  name: string;
  currency: string;
  active: number;
}

/** The second pass: each order from its lines. */
function makeOrders(run: ImportRun, orders: number, file: File): void {
  const { ctx, scope, input, counts } = run;
  const db = ctx.sql.raw;
  const linesOf = db.prepare(`SELECT line, cells FROM import_order_lines WHERE ord = ? ORDER BY seq`);
  const numberOf = db.prepare(`SELECT key FROM import_order_keys WHERE ord = ?`).pluck();
  const countOf = db.prepare(`SELECT count(*) FROM import_order_lines WHERE ord = ?`).pluck();
  const known = plucked(ctx, `SELECT 1 FROM orders WHERE external_id = ? AND deleted_at IS NULL LIMIT 1`);
  const setNumber = prepared(ctx, `UPDATE orders SET external_id = ? WHERE id = ?`);
  const bookCurrency = readSettings(ctx).currency;
  const how: HeadReading = {
    columnOf: file.columnOf,
    locale: run.locale,
    thisYear: new Date(ctx.clock()).getUTCFullYear(),
  };
  const parties = partyLookups(ctx);
  const products = productLookups(ctx);

  for (let ord = 1; ord <= orders; ord++) {
    run.step(Math.round(file.total / 2 + (ord / orders) * (file.total / 2)), file.total);
    const number = numberOf.get(ord) as string;
    if (input.match === 'reference' && known.get(number) !== undefined) {
      counts.unchanged++;
      continue;
    }
    const lineCount = countOf.get(ord) as number;
    if (lineCount > MAX_LINES) {
      const first = (linesOf.get(ord) as { line: number }).line;
      run.fail({
        line: first,
        column: file.columnOf('orderNumber'),
        value: number,
        reason: `Order ${number} has ${lineCount} lines: an order can have up to ${MAX_LINES}.`,
      });
      continue;
    }
    const lines: StoredLine[] = (linesOf.all(ord) as { line: number; cells: string }[]).map((r) => ({
      line: r.line,
      cells: JSON.parse(r.cells) as OrderCells,
    }));
    const { head, problems } = readOrderHead(number, lines, how);
    const currency: CurrencyCode = head.currency ?? bookCurrency;
    const problem = (line: number, field: OrderField, value: string, reason: string) =>
      problems.push({ line, column: file.columnOf(field), value, reason });

    const orderLines: LineInputValue[] = [];
    for (const stored of lines) {
      const { figures, problems: lineProblems } = readLineFigures(stored, currency, how);
      problems.push(...lineProblems);
      const { line, cells } = stored;
      let productId: string | null = null;
      /** A line of text and a price, without a product (none named, or none found). */
      let freeText = false;
      if (cells.product) {
        const found = products.find(cells.product);
        if (found.kind === 'several') {
          problem(
            line,
            'product',
            cells.product,
            `${found.count} products have this name: write its SKU instead.`,
          );
        } else if (found.kind === 'one') {
          const p = found.product;
          if (p.active === 0) {
            problem(
              line,
              'product',
              cells.product,
              `“${p.name}” is archived: make it active again to import orders of it, or describe the line instead.`,
            );
          } else if (p.currency !== currency) {
            problem(
              line,
              'product',
              cells.product,
              `“${p.name}” is priced in ${p.currency}, and order ${number} is in ${currency}.`,
            );
          } else productId = p.id;
        } else if (cells.description) freeText = true;
        else {
          problem(
            line,
            'product',
            cells.product,
            'No product in the catalogue has this SKU or name. Import the products first, or give the line a description.',
          );
        }
      } else if (cells.description) freeText = true;
      else {
        problems.push({
          line,
          column: file.columnOf('description') || file.columnOf('product'),
          value: '',
          reason: 'The line has no product and no description.',
        });
      }
      if (cells.description && cells.description.length > MAX_DESCRIPTION) {
        problem(
          line,
          'description',
          `${cells.description.slice(0, 40)}…`,
          `Keep the description under ${MAX_DESCRIPTION} characters.`,
        );
      }
      if (freeText && figures.unitPrice === undefined && !cells.unitPrice) {
        problem(line, 'unitPrice', '', 'Give the line a unit price: it has no product to take one from.');
      }
      const value: Record<string, unknown> = {
        productId,
        quantity: figures.quantity,
        discountBp: figures.discountBp,
      };
      if (cells.description) value.description = cells.description;
      if (figures.unitPrice !== undefined) value.unitPrice = figures.unitPrice;
      if (figures.taxRateBp !== undefined) value.taxRateBp = figures.taxRateBp;
      // The very rules orders.create checks a line with (limits on amounts and quantities).
      const checked = lineInput.safeParse(value);
      if (checked.success) orderLines.push(checked.data);
      else if (!problems.some((p) => p.line === line)) {
        for (const issue of checked.error.issues) {
          const field = LINE_FIELD[String(issue.path[0])];
          problems.push({
            line,
            column: field ? file.columnOf(field) : '',
            value: field ? (cells[field] ?? '') : '',
            reason: issue.message,
          });
        }
      }
    }
    if (head.notes && head.notes.length > MAX_NOTES) {
      problem(
        head.line,
        'notes',
        `${head.notes.slice(0, 40)}…`,
        `Keep the notes under ${MAX_NOTES} characters.`,
      );
    }
    let ownerId: string | undefined;
    if (head.owner) {
      const found = run.staffFor(head.owner);
      if (found) ownerId = found;
      else problems.push(unknownStaff(head.line, file.columnOf('owner'), head.owner));
    }
    if (problems.length > 0) {
      run.fail(...problems);
      continue;
    }

    const customer = findCustomer(parties, head);
    if (customer.kind === 'several') {
      run.skip({
        line: head.line,
        column: file.columnOf(customer.field),
        value: customer.value,
        reason: `Matches ${customer.count} ${customer.what} in the book, so order ${number} was skipped rather than give it to the wrong one.`,
      });
      continue;
    }
    if (customer.kind === 'none') {
      run.fail({
        line: head.line,
        column: customer.field ? file.columnOf(customer.field) : '',
        value: customer.value,
        reason: customer.reason,
      });
      continue;
    }

    // Started before the order, so a failure below (rolled back to its savepoint) cannot take the
    // batch's own row with it.
    run.batch();
    const companyId = head.company ? run.companyFor(head.company) : customer.companyId;
    const order: ParsedInput<'orders.create'> = {
      personId: customer.personId,
      companyId,
      orderDate: head.orderDate!,
      status: head.status ?? DEFAULT_STATUS,
      currency,
      lines: orderLines,
      ...(ownerId ? { ownerId } : {}),
      ...(head.notes ? { notes: head.notes } : {}),
    };
    let orderId: string;
    try {
      // A savepoint: an order refused half-way leaves nothing of itself behind.
      orderId = db.transaction(() => insertOrder(ctx, scope, order))();
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'CANCELLED') throw err;
      run.fail({ line: head.line, column: file.columnOf('orderNumber'), value: number, reason: err.message });
      continue;
    }
    setNumber.run(number, orderId);
    run.batch().fresh('orders', orderId);
    counts.created++;
  }
}

/** Products by SKU, then by name (any case), live ones only; remembered for the run. */
function productLookups(ctx: Ctx) {
  const bySku = prepared(
    ctx,
    `SELECT id, name, currency, active FROM products WHERE sku = ? AND deleted_at IS NULL LIMIT 2`,
  );
  const byName = prepared(
    ctx,
    `SELECT id, name, currency, active FROM products WHERE name = ? COLLATE NOCASE AND deleted_at IS NULL
      ORDER BY id LIMIT 5`,
  );
  type Found = { kind: 'one'; product: ProductFacts } | { kind: 'several'; count: number } | { kind: 'none' };
  const seen = new Map<string, Found>();
  return {
    find(text: string): Found {
      const key = text.trim();
      const known = seen.get(key);
      if (known) return known;
      let rows = bySku.all(key) as ProductFacts[];
      if (rows.length === 0) rows = byName.all(key) as ProductFacts[];
      const found: Found =
        rows.length === 1
          ? { kind: 'one', product: rows[0]! }
          : rows.length > 1
            ? { kind: 'several', count: rows.length }
            : { kind: 'none' };
      if (seen.size >= 10_000) seen.clear();
      seen.set(key, found);
      return found;
    },
  };
}

type Customer =
  | { kind: 'one'; personId: string | null; companyId: string | null }
  | { kind: 'several'; field: OrderField; value: string; count: number; what: 'people' | 'companies' }
  | { kind: 'none'; field: OrderField | null; value: string; reason: string };

/**
 * The order's customer (see the header). A company named in the Company column is made later,
 * when the order is: here it only counts as "found".
 */
function findCustomer(parties: ReturnType<typeof partyLookups>, head: OrderHead): Customer {
  const several = (field: OrderField, value: string, ids: string[], what: 'people' | 'companies') =>
    ({ kind: 'several', field, value, count: ids.length, what }) as const;
  if (head.customerEmail) {
    const people = parties.email(head.customerEmail);
    if (people.length > 1) return several('customerEmail', head.customerEmail, people, 'people');
    if (people.length === 1) return { kind: 'one', personId: people[0]!, companyId: null };
  }
  if (head.customerExternalId) {
    const people = parties.personExternalId(head.customerExternalId);
    if (people.length > 1) return several('customerExternalId', head.customerExternalId, people, 'people');
    if (people.length === 1) return { kind: 'one', personId: people[0]!, companyId: null };
    const companies = parties.companyExternalId(head.customerExternalId);
    if (companies.length > 1)
      return several('customerExternalId', head.customerExternalId, companies, 'companies');
    if (companies.length === 1) return { kind: 'one', personId: null, companyId: companies[0]! };
  }
  if (head.customerName) {
    const people = parties.personName(head.customerName);
    if (people.length > 1) return several('customerName', head.customerName, people, 'people');
    if (people.length === 1) return { kind: 'one', personId: people[0]!, companyId: null };
    const companies = parties.companyName(head.customerName);
    if (companies.length > 1) return several('customerName', head.customerName, companies, 'companies');
    if (companies.length === 1) return { kind: 'one', personId: null, companyId: companies[0]! };
  }
  if (head.company) return { kind: 'one', personId: null, companyId: null };
  const given = (
    [
      ['customerEmail', head.customerEmail],
      ['customerExternalId', head.customerExternalId],
      ['customerName', head.customerName],
    ] as const
  ).find(([, v]) => v);
  if (given) {
    return {
      kind: 'none',
      field: given[0],
      value: given[1]!,
      reason: `No person or company in the book is this customer, so order ${head.number} was not imported. Import the people (or companies) first, or add a Company column.`,
    };
  }
  return {
    kind: 'none',
    field: null,
    value: '',
    reason: `Order ${head.number} does not say who the customer is: give their email, name or ID, or a company.`,
  };
}
