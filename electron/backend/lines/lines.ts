/**
 * Writing and reading the lines of an order or a deal. writeLines replaces a parent's lines in the
 * caller's transaction: each line is filled from its product where it names one, checked, worked
 * out once with the money rules (shared/domain/money.ts) and stored with its rounded figures; the
 * returned totals are their sums, for the parent row. Errors name the line's field
 * ("lines.2.productId") so a form can show them in place.
 */
import type { LineInputValue } from '../../../shared/api/requests/lines.schema.ts';
import type { Line } from '../../../shared/domain/lines.ts';
import { lineAmounts, sumAmounts, type OrderAmounts } from '../../../shared/domain/money.ts';
import type { LineColumns } from '../../db/schema.ts';
import type { AppError } from '../../../shared/api/errors.ts';
import { fieldError } from '../calls/links.ts';
import type { Ctx } from '../context.ts';
import { prepared } from '../people/prepared.ts';

export interface LineParent {
  table: 'order_lines' | 'deal_lines';
  column: 'order_id' | 'deal_id';
  id: string;
  /** The parent's currency: a product priced in another currency cannot be on it. */
  currency: string;
}

interface ProductFacts {
  name: string;
  category_id: string | null;
  unit_price: number;
  unit_cost: number;
  tax_rate_bp: number;
  currency: string;
  deleted_at: number | null;
}

export function writeLines(ctx: Ctx, parent: LineParent, lines: readonly LineInputValue[]): OrderAmounts {
  const product = prepared(
    ctx,
    `SELECT name, category_id, unit_price, unit_cost, tax_rate_bp, currency, deleted_at FROM products WHERE id = ?`,
  );
  const rows: LineColumns[] = lines.map((line, i) => {
    const at = `lines.${i}`;
    let p: ProductFacts | undefined;
    if (line.productId) {
      p = product.get(line.productId) as ProductFacts | undefined;
      if (!p || p.deleted_at !== null) {
        throw fieldError(`${at}.productId`, 'That product is not in the catalogue.');
      }
      if (p.currency !== parent.currency) {
        throw fieldError(
          `${at}.productId`,
          `That product is priced in ${p.currency}, and this is in ${parent.currency}. Choose a product priced in ${parent.currency}, or write the line as free text with its own price.`,
        );
      }
    }
    const description = line.description || p?.name;
    if (!description) throw fieldError(`${at}.description`, 'Describe the line, or choose a product.');
    const unitPrice = line.unitPrice ?? p?.unit_price;
    if (unitPrice === undefined) throw fieldError(`${at}.unitPrice`, 'Give the line a price.');
    const values = {
      quantity: line.quantity,
      unitPrice,
      discountBp: line.discountBp,
      taxRateBp: line.taxRateBp ?? p?.tax_rate_bp ?? 0,
      unitCost: line.unitCost ?? p?.unit_cost ?? 0,
    };
    const amounts = lineAmounts(values);
    // Each figure must stay a whole number JavaScript and SQLite hold exactly (2^53 minor units).
    if (!Object.values(amounts).every(Number.isSafeInteger)) throw tooLarge(`${at}.quantity`);
    return {
      id: ctx.ids(),
      position: i,
      product_id: line.productId ?? null,
      category_id: p?.category_id ?? null,
      description,
      quantity: values.quantity,
      unit_price: values.unitPrice,
      discount_bp: values.discountBp,
      tax_rate_bp: values.taxRateBp,
      unit_cost: values.unitCost,
      ...amounts,
    };
  });
  const totals = sumAmounts(rows);
  if (!Object.values(totals).every(Number.isSafeInteger)) throw tooLarge('lines');
  prepared(ctx, `DELETE FROM ${parent.table} WHERE ${parent.column} = ?`).run(parent.id);
  const insert = prepared(
    ctx,
    `INSERT INTO ${parent.table} (id, ${parent.column}, position, product_id, category_id, description, quantity,
       unit_price, discount_bp, tax_rate_bp, unit_cost, net, tax, gross, cost)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of rows) {
    insert.run(
      r.id,
      parent.id,
      r.position,
      r.product_id,
      r.category_id,
      r.description,
      r.quantity,
      r.unit_price,
      r.discount_bp,
      r.tax_rate_bp,
      r.unit_cost,
      r.net,
      r.tax,
      r.gross,
      r.cost,
    );
  }
  return totals;
}

/** A line (or all of them) worth more than the book can record exactly. */
function tooLarge(path: string): AppError {
  return fieldError(
    path,
    'That comes to more than Ledgerline can record (over 90 million million in pence or cents). Check the quantity and the price.',
  );
}

export function toLine(row: LineColumns): Line {
  return {
    id: row.id,
    position: row.position,
    productId: row.product_id,
    categoryId: row.category_id,
    description: row.description,
    quantity: row.quantity,
    unitPrice: row.unit_price,
    discountBp: row.discount_bp,
    taxRateBp: row.tax_rate_bp,
    unitCost: row.unit_cost,
    net: row.net,
    tax: row.tax,
    gross: row.gross,
    cost: row.cost,
  };
}

/** The lines of one order or deal, in order. */
export function readLines(ctx: Ctx, parent: Pick<LineParent, 'table' | 'column' | 'id'>): Line[] {
  return (
    prepared(ctx, `SELECT * FROM ${parent.table} WHERE ${parent.column} = ? ORDER BY position`).all(
      parent.id,
    ) as LineColumns[]
  ).map(toLine);
}
