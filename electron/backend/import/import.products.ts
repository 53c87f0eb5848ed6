/**
 * Importing a file of products and services (issue 5): every record through the column mapping
 * (product-rows.ts, checked as products.create or products.update checks a typed product),
 * matched against the catalogue, and created or updated in the one transaction and undoable batch
 * of runImport() (import.run.ts: the preview is the same run rolled back).
 *
 * Matching (the user's choice):
 *  - sku: the live product with the same SKU, any case. A row without a SKU finds a live product
 *    of the same name (any case) that has no SKU either, so importing the file again adds nothing.
 *  - name: the live product with the same name, any case.
 *  - none: every row is a new product.
 * A row matching two or more products is skipped with a reason. A SKU is unique among live
 * products, as products.create has it: a row that would give a second product a SKU already used
 * (in the book, or by a product made from an earlier row of the file) is a row problem naming the
 * SKU and the product that has it. Matching by SKU updates that product instead.
 *
 * An update changes only the columns the file maps: a non-blank cell replaces the value; a blank
 * cell clears the SKU, category or description only when the user chose "blank cells overwrite"
 * (the name, prices, kind, unit, rate, currency and active flag are never blanked).
 *
 * A category is found by name (any case) or made, after the ones there are; each made is counted
 * (categoriesCreated) and recorded in the batch before the products that use it, so undo removes
 * the products first, then the category. Products are not in the search index (the catalogue is
 * searched by name and SKU in products.list), so there is no document to keep.
 */
import { AppError } from '../../../shared/api/errors.ts';
import { decimalOf } from '../../../shared/domain/csv.ts';
import type { ImportMatch, ProductField } from '../../../shared/domain/import-kinds.ts';
import type { ImportSummary } from '../../../shared/domain/transfer.ts';
import type { ProductsTable } from '../../db/schema.ts';
import type { Ctx } from '../context.ts';
import type { JobControl } from '../jobs/job.ts';
import { plucked, prepared } from '../people/prepared.ts';
import { readSettings } from '../settings/settings.store.ts';
import { PRODUCT_COLUMNS } from '../products/products.handlers.ts';
import { csvRows, runImport, type ImportJob, type ImportRun } from './import.run.ts';
import type { RowProblem } from './person-rows.ts';
import {
  finishProduct,
  productFromRecord,
  type AmountCell,
  type ImportedProduct,
  type NewProduct,
  type ProductOut,
} from './product-rows.ts';

export function importProducts(ctx: Ctx, input: ImportJob, job: JobControl): ImportSummary {
  return runImport(ctx, input, job, (run) => importRows(run));
}

/** Refuses a mapping that cannot import anything with the chosen match rule (nothing written). */
function checkMapping(match: ImportMatch, has: (field: ProductField) => boolean): void {
  const refuse = (message: string) => {
    throw new AppError('VALIDATION', message, { path: 'mapping' });
  };
  if (match === 'sku' && !has('sku')) {
    refuse('Products are matched by SKU: map the column that holds the SKU or product code.');
  }
  if (match === 'name' && !has('name')) {
    refuse('Products are matched by name: map the column that holds the product name.');
  }
  if (match === 'none' && !has('name')) {
    refuse('Map a column to the product name to add products.');
  }
}

const COLUMNS = PRODUCT_COLUMNS;

/** Product columns a row can change, compared to tell an update from an unchanged row. */
const COMPARED = COLUMNS.filter(
  (c) => !['id', 'created_at', 'updated_at', 'created_by', 'updated_by'].includes(c),
);

/** The one currency a price's sign names, if it names only one. */
const onlyCurrency = (cell: AmountCell | null) =>
  cell?.currencies?.length === 1 ? cell.currencies[0] : undefined;

function importRows(run: ImportRun): void {
  const { ctx, scope, input, counts } = run;
  if (input.source.format !== 'csv') {
    throw new AppError('VALIDATION', 'Products are imported from a CSV file.', { path: 'format' });
  }
  const match = input.match;
  const file = csvRows<ProductField>(input, input.source.plan, (has) => checkMapping(match, has));
  const decimal = decimalOf(run.locale);
  const bookCurrency = readSettings(ctx).currency;
  const w = writes(ctx);
  const categories = categoryFinder(run);
  /** The line each product made from this file came from (to name it when a later row repeats its SKU). */
  const madeOnLine = new Map<string, number>();

  // for…of closes the file when the loop ends early (a cancel, a failure).
  for (const record of file.records) {
    run.step(file.done(), file.total);
    counts.rows++;
    if (record.blank) {
      run.skip();
      continue;
    }
    const row = productFromRecord(record, file.columnOf, decimal);
    if (!row.ok) {
      run.fail(...row.problems);
      continue;
    }
    const p = row.value;
    const { line } = record;
    const { sku, name } = p.given;
    let matches: ProductsTable[] = [];
    /** Matched by name: the book's spelling of the name is kept. */
    let byName = false;
    if (match === 'sku') {
      if (sku) matches = w.bySku.all(sku) as ProductsTable[];
      else if (name) [matches, byName] = [w.byNameWithoutSku.all(name) as ProductsTable[], true];
    } else if (match === 'name' && name) {
      [matches, byName] = [w.byName.all(name) as ProductsTable[], true];
    }
    if (matches.length > 1) {
      run.skipAmbiguous(line, matches.length);
      continue;
    }
    const before = matches[0];
    const currency =
      p.given.currency ??
      before?.currency ??
      onlyCurrency(p.unitPrice) ??
      onlyCurrency(p.unitCost) ??
      bookCurrency;

    if (!before) {
      const finished = finishProduct(p, record, file.columnOf, currency, 'create');
      if (!finished.ok) {
        run.fail(...finished.problems);
        continue;
      }
      const taken = skuTaken(w, finished.value.sku ?? null, null, line, file.columnOf('sku'), madeOnLine);
      if (taken) {
        run.fail(taken);
        continue;
      }
      const id = create(run, w, finished.value, p.category ? categories(p.category) : null);
      madeOnLine.set(id, line);
      counts.created++;
      continue;
    }

    const finished = finishProduct(p, record, file.columnOf, currency, 'update');
    if (!finished.ok) {
      run.fail(...finished.problems);
      continue;
    }
    const next = patched(before, p, finished.value);
    if (byName) next.name = before.name;
    // The same SKU in another case is the same SKU: the book's spelling is kept.
    if (next.sku !== null && next.sku.toLowerCase() === (before.sku ?? '').toLowerCase()) {
      next.sku = before.sku;
    }
    if (input.blankOverwrites) {
      for (const f of ['sku', 'description', 'category'] as const) {
        if (record.blankCell(f)) next[f === 'category' ? 'category_id' : f] = null;
      }
    }
    if (next.sku !== null && next.sku.toLowerCase() !== (before.sku ?? '').toLowerCase()) {
      const taken = skuTaken(w, next.sku, before.id, line, file.columnOf('sku'), madeOnLine);
      if (taken) {
        run.fail(taken);
        continue;
      }
    }
    // The category is found (or made) before the product's before-image is taken: undo puts the
    // product back first, and then the category it no longer uses can go.
    if (p.category) next.category_id = categories(p.category);
    if (!COMPARED.some((c) => next[c] !== before[c])) {
      counts.unchanged++;
      continue;
    }
    run.batch().touch('products', before.id);
    next.updated_at = scope.at;
    next.updated_by = scope.staffId;
    w.update.run(...COLUMNS.filter((c) => c !== 'id').map((c) => next[c]), next.id);
    scope.change('products', before.id, 'update');
    counts.updated++;
  }
}

/** The product with what the row gives (only the columns it maps). */
function patched(before: ProductsTable, p: ImportedProduct, v: ProductOut): ProductsTable {
  const next: ProductsTable = { ...before };
  const given = p.given;
  if (given.name !== undefined && v.name !== undefined) next.name = v.name;
  if (given.sku !== undefined && v.sku !== undefined) next.sku = v.sku ?? null;
  if (given.kind !== undefined && v.kind !== undefined) next.kind = v.kind;
  if (given.unit !== undefined && v.unit !== undefined) next.unit = v.unit;
  if (given.taxRateBp !== undefined && v.taxRateBp !== undefined) next.tax_rate_bp = v.taxRateBp;
  if (given.currency !== undefined && v.currency !== undefined) next.currency = v.currency;
  if (given.active !== undefined && v.active !== undefined) next.active = v.active ? 1 : 0;
  if (given.description !== undefined && v.description !== undefined)
    next.description = v.description ?? null;
  if (p.unitPrice && v.unitPrice !== undefined) next.unit_price = v.unitPrice;
  if (p.unitCost && v.unitCost !== undefined) next.unit_cost = v.unitCost;
  return next;
}

function create(run: ImportRun, w: Writes, v: NewProduct, categoryId: string | null): string {
  const { ctx, scope } = run;
  const row: ProductsTable = {
    id: ctx.ids(),
    sku: v.sku ?? null,
    name: v.name,
    kind: v.kind,
    category_id: categoryId,
    unit: v.unit,
    unit_price: v.unitPrice,
    unit_cost: v.unitCost,
    tax_rate_bp: v.taxRateBp,
    currency: v.currency ?? readSettings(ctx).currency,
    active: v.active ? 1 : 0,
    description: v.description ?? null,
    created_at: scope.at,
    updated_at: scope.at,
    created_by: scope.staffId,
    updated_by: scope.staffId,
    deleted_at: null,
  };
  w.insert.run(...COLUMNS.map((c) => row[c]));
  run.batch().fresh('products', row.id);
  scope.change('products', row.id, 'insert');
  return row.id;
}

/** The problem of a SKU another live product has (as products.create refuses it), or null. */
function skuTaken(
  w: Writes,
  sku: string | null,
  selfId: string | null,
  line: number,
  column: string,
  madeOnLine: ReadonlyMap<string, number>,
): RowProblem | null {
  if (!sku) return null;
  const other = w.skuOwner.get(sku, selfId) as { id: string; name: string; sku: string } | undefined;
  if (!other) return null;
  const from = madeOnLine.get(other.id);
  const where = from === undefined ? '' : ` (made from line ${from} of this file)`;
  return {
    line,
    column,
    value: sku,
    reason: `The SKU ${other.sku} is already used by “${other.name}”${where}. Give this one another SKU, or match products by SKU to update that one.`,
  };
}

/** A category's id by name (any case, as the categories list compares them), made when new. */
function categoryFinder(run: ImportRun): (name: string) => string {
  const { ctx, scope, counts } = run;
  const fold = (name: string) => name.trim().toLocaleLowerCase();
  const known = new Map<string, string>();
  const live = prepared(ctx, `SELECT id, name FROM product_categories WHERE deleted_at IS NULL`).all() as {
    id: string;
    name: string;
  }[];
  for (const c of live) if (!known.has(fold(c.name))) known.set(fold(c.name), c.id);
  let position = plucked(
    ctx,
    `SELECT coalesce(max(position), -1) + 1 FROM product_categories WHERE deleted_at IS NULL`,
  ).get() as number;
  const insert = prepared(
    ctx,
    `INSERT INTO product_categories (id, name, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
  );
  return (name) => {
    const key = fold(name);
    const found = known.get(key);
    if (found) return found;
    const id = ctx.ids();
    insert.run(id, name.trim(), position++, scope.at, scope.at);
    run.batch().fresh('product_categories', id);
    scope.change('product_categories', id, 'insert');
    counts.categoriesCreated++;
    known.set(key, id);
    return id;
  };
}

type Writes = ReturnType<typeof writes>;

/** The statements an import runs per row, prepared once. */
function writes(ctx: Ctx) {
  const set = COLUMNS.filter((c) => c !== 'id');
  return {
    insert: prepared(
      ctx,
      `INSERT INTO products (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`,
    ),
    update: prepared(ctx, `UPDATE products SET ${set.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`),
    // sku is COLLATE NOCASE: any case matches.
    bySku: prepared(ctx, `SELECT * FROM products WHERE sku = ? AND deleted_at IS NULL ORDER BY id LIMIT 5`),
    byName: prepared(
      ctx,
      `SELECT * FROM products WHERE name = ? COLLATE NOCASE AND deleted_at IS NULL ORDER BY id LIMIT 5`,
    ),
    byNameWithoutSku: prepared(
      ctx,
      `SELECT * FROM products WHERE name = ? COLLATE NOCASE AND sku IS NULL AND deleted_at IS NULL
       ORDER BY id LIMIT 5`,
    ),
    skuOwner: prepared(
      ctx,
      `SELECT id, name, sku FROM products WHERE sku = ? AND deleted_at IS NULL AND id IS NOT ? LIMIT 1`,
    ),
  };
}
