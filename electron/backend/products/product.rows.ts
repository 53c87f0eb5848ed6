/** Products as the contract shows them, and the look-ups and checks their writes share. */
import { AppError } from '../../../shared/api/errors.ts';
import type { Product, ProductKind } from '../../../shared/domain/sales.ts';
import type { ProductsTable } from '../../db/schema.ts';
import type { Ctx } from '../context.ts';
import { allRows, firstRow } from '../orders/raw-query.ts';
import { prepared } from '../people/prepared.ts';

export type ProductRow = ProductsTable & { category_name: string | null };

export const PRODUCT_SELECT = `SELECT p.*, c.name AS category_name
  FROM products p LEFT JOIN product_categories c ON c.id = p.category_id`;

export function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    kind: row.kind as ProductKind,
    categoryId: row.category_id,
    categoryName: row.category_name,
    unit: row.unit,
    unitPrice: row.unit_price,
    unitCost: row.unit_cost,
    taxRateBp: row.tax_rate_bp,
    currency: row.currency,
    active: row.active === 1,
    description: row.description,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const gone = (id: string) =>
  new AppError('NOT_FOUND', 'That product does not exist or is in the Trash.', { id });

export function loadProduct(ctx: Ctx, id: string): Product {
  const row = firstRow<ProductRow>(ctx, `${PRODUCT_SELECT} WHERE p.id = ? AND p.deleted_at IS NULL`, [id]);
  if (!row) throw gone(id);
  return toProduct(row);
}

/** The stored row, live or in the Trash (undefined when it does not exist at all). */
export function productRow(ctx: Ctx, id: string): ProductsTable | undefined {
  return prepared(ctx, `SELECT * FROM products WHERE id = ?`).get(id) as ProductsTable | undefined;
}

export function requireLiveProduct(ctx: Ctx, id: string): ProductsTable {
  const row = productRow(ctx, id);
  if (!row || row.deleted_at !== null) throw gone(id);
  return row;
}

/** CONFLICT naming the live product that already has this SKU (case ignored), if any. */
export function checkSku(ctx: Ctx, sku: string | null, selfId: string | null, path: string): void {
  if (sku === null) return;
  const other = allRows<{ id: string; name: string; sku: string }>(
    ctx,
    `SELECT id, name, sku FROM products WHERE sku = ? AND deleted_at IS NULL AND id IS NOT ?`,
    [sku, selfId],
  )[0];
  if (!other) return;
  const message = `The SKU ${other.sku} is already used by “${other.name}”. Give this one another SKU.`;
  throw new AppError('CONFLICT', message, {
    path,
    id: other.id,
    name: other.name,
    issues: [{ path, message }],
  });
}

/** NOT_FOUND at the field unless the category exists (and is not removed). */
export function requireCategory(ctx: Ctx, id: string, path: string): void {
  const row = prepared(ctx, `SELECT 1 FROM product_categories WHERE id = ? AND deleted_at IS NULL`).get(id);
  if (!row) {
    const message = 'That category does not exist.';
    throw new AppError('NOT_FOUND', message, { path, id, issues: [{ path, message }] });
  }
}

/** Whether any order or deal line names the product (live or in the Trash): one probe each. */
export function productInUse(ctx: Ctx, id: string): boolean {
  return (
    prepared(ctx, `SELECT 1 FROM order_lines WHERE product_id = ? LIMIT 1`).get(id) !== undefined ||
    prepared(ctx, `SELECT 1 FROM deal_lines WHERE product_id = ? LIMIT 1`).get(id) !== undefined
  );
}
