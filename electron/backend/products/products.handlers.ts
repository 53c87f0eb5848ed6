/**
 * The catalogue: products.create / get / update / list / delete / restore.
 *
 * A SKU is unique among live products, ignoring case (CONFLICT naming the other product). Prices
 * are in the product's currency (the book's unless given). Deleting a product that order or deal
 * lines use archives it instead (active = 0): past orders keep pointing at it and it leaves the
 * pickers. Any other product goes to the Trash and products.restore brings it back.
 */
import type { ProductsTable } from '../../db/schema.ts';
import type { WriteScope } from '../../db/changes.ts';
import type { Ctx } from '../context.ts';
import type { HandlerMap } from '../handler.ts';
import { readSettings } from '../settings/settings.store.ts';
import { listProducts } from './products.list.ts';
import {
  checkSku,
  loadProduct,
  productInUse,
  productRow,
  requireCategory,
  requireLiveProduct,
} from './product.rows.ts';
import { AppError } from '../../../shared/api/errors.ts';
import { prepared } from '../people/prepared.ts';

/** Every column of a product row, in the order the statements use. */
export const PRODUCT_COLUMNS = [
  'id',
  'sku',
  'name',
  'kind',
  'category_id',
  'unit',
  'unit_price',
  'unit_cost',
  'tax_rate_bp',
  'currency',
  'active',
  'description',
  'created_at',
  'updated_at',
  'created_by',
  'updated_by',
  'deleted_at',
] as const satisfies readonly (keyof ProductsTable)[];

function writeRow(ctx: Ctx, row: ProductsTable, insert: boolean): void {
  if (insert) {
    prepared(
      ctx,
      `INSERT INTO products (${PRODUCT_COLUMNS.join(', ')}) VALUES (${PRODUCT_COLUMNS.map(() => '?').join(', ')})`,
    ).run(...PRODUCT_COLUMNS.map((c) => row[c]));
    return;
  }
  const set = PRODUCT_COLUMNS.filter((c) => c !== 'id' && c !== 'created_at' && c !== 'created_by');
  prepared(ctx, `UPDATE products SET ${set.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(
    ...set.map((c) => row[c]),
    row.id,
  );
}

function touch(row: ProductsTable, scope: WriteScope): ProductsTable {
  return { ...row, updated_at: scope.at, updated_by: scope.staffId };
}

/** Restores a product inside the caller's write (products.restore, trash.restore); false if it was live. */
export function restoreProductIn(ctx: Ctx, scope: WriteScope, id: string): boolean {
  const row = productRow(ctx, id);
  if (!row) {
    throw new AppError('NOT_FOUND', 'That product is no longer in the Trash: it was deleted for good.', {
      id,
    });
  }
  if (row.deleted_at === null) return false;
  checkSku(ctx, row.sku, row.id, 'sku');
  writeRow(ctx, touch({ ...row, deleted_at: null }, scope), false);
  scope.change('products', row.id, 'update');
  return true;
}

export const productsHandlers = {
  'products.create': (input, ctx) =>
    ctx.writer.write((scope) => {
      const sku = input.sku ?? null;
      checkSku(ctx, sku, null, 'sku');
      if (input.categoryId) requireCategory(ctx, input.categoryId, 'categoryId');
      const row: ProductsTable = {
        id: ctx.ids(),
        sku,
        name: input.name,
        kind: input.kind,
        category_id: input.categoryId ?? null,
        unit: input.unit,
        unit_price: input.unitPrice,
        unit_cost: input.unitCost,
        tax_rate_bp: input.taxRateBp,
        currency: input.currency ?? readSettings(ctx).currency,
        active: input.active ? 1 : 0,
        description: input.description ?? null,
        created_at: scope.at,
        updated_at: scope.at,
        created_by: scope.staffId,
        updated_by: scope.staffId,
        deleted_at: null,
      };
      writeRow(ctx, row, true);
      scope.change('products', row.id, 'insert');
      return loadProduct(ctx, row.id);
    }),

  'products.get': (input, ctx) => loadProduct(ctx, input.id),

  'products.update': (input, ctx) =>
    ctx.writer.write((scope) => {
      const before = requireLiveProduct(ctx, input.id);
      const p = input.patch;
      const next: ProductsTable = { ...before };
      if (p.sku !== undefined) {
        next.sku = p.sku ?? null;
        if (next.sku !== null && next.sku.toLowerCase() !== (before.sku ?? '').toLowerCase()) {
          checkSku(ctx, next.sku, before.id, 'patch.sku');
        }
      }
      if (p.categoryId !== undefined && (p.categoryId ?? null) !== before.category_id) {
        if (p.categoryId) requireCategory(ctx, p.categoryId, 'patch.categoryId');
        next.category_id = p.categoryId ?? null;
      }
      if (p.name !== undefined) next.name = p.name;
      if (p.kind !== undefined) next.kind = p.kind;
      if (p.unit !== undefined) next.unit = p.unit;
      if (p.unitPrice !== undefined) next.unit_price = p.unitPrice;
      if (p.unitCost !== undefined) next.unit_cost = p.unitCost;
      if (p.taxRateBp !== undefined) next.tax_rate_bp = p.taxRateBp;
      if (p.currency !== undefined) next.currency = p.currency;
      if (p.active !== undefined) next.active = p.active ? 1 : 0;
      if (p.description !== undefined) next.description = p.description ?? null;
      const changed = PRODUCT_COLUMNS.some((c) => next[c] !== before[c]);
      if (!changed) return loadProduct(ctx, before.id);
      writeRow(ctx, touch(next, scope), false);
      scope.change('products', before.id, 'update');
      return loadProduct(ctx, before.id);
    }),

  'products.list': (input, ctx) => listProducts(ctx, input),

  'products.delete': (input, ctx) =>
    ctx.writer.write((scope) => {
      const before = requireLiveProduct(ctx, input.id);
      if (productInUse(ctx, before.id)) {
        if (before.active === 1) {
          writeRow(ctx, touch({ ...before, active: 0 }, scope), false);
          scope.change('products', before.id, 'update');
        }
        return { ok: true as const, archived: true };
      }
      writeRow(ctx, touch({ ...before, deleted_at: scope.at }, scope), false);
      scope.change('products', before.id, 'delete');
      return { ok: true as const, archived: false };
    }),

  'products.restore': (input, ctx) =>
    ctx.writer.write((scope) => {
      restoreProductIn(ctx, scope, input.id);
      return loadProduct(ctx, input.id);
    }),
} satisfies HandlerMap<
  | 'products.create'
  | 'products.get'
  | 'products.update'
  | 'products.list'
  | 'products.delete'
  | 'products.restore'
>;
