/**
 * products.list: keyset pages (never OFFSET). By name through products_name (name COLLATE NOCASE, id);
 * by SKU through products_sku, then the products without a SKU by name (the cursor says which part
 * of the list it is in). Category, active, kind and the text query only filter: a catalogue is
 * hundreds or thousands of rows, so walking the sort index is cheap.
 */
import { AppError } from '../../../shared/api/errors.ts';
import type { ParsedInput } from '../../../shared/api/requests.ts';
import type { Page } from '../../../shared/domain/people.ts';
import type { Product } from '../../../shared/domain/sales.ts';
import type { Ctx } from '../context.ts';
import { allRows, likeEscape } from '../orders/raw-query.ts';
import { decodeCursor, encodeCursor } from '../people/keyset.ts';
import { PRODUCT_SELECT, toProduct, type ProductRow } from './product.rows.ts';

type ListInput = ParsedInput<'products.list'>;
type Phase = 'name' | 'sku' | 'nosku';

function filterSql(filter: ListInput['filter']): { where: string[]; params: unknown[] } {
  const where = ['p.deleted_at IS NULL'];
  const params: unknown[] = [];
  if (filter.categoryId === null) where.push('p.category_id IS NULL');
  else if (filter.categoryId !== undefined) {
    // Written +column so the category index cannot take over from the sort index.
    where.push('+p.category_id = ?');
    params.push(filter.categoryId);
  }
  if (filter.active !== undefined) {
    where.push('p.active = ?');
    params.push(filter.active ? 1 : 0);
  }
  if (filter.kind !== undefined) {
    where.push('p.kind = ?');
    params.push(filter.kind);
  }
  if (filter.query) {
    const q = likeEscape(filter.query);
    where.push(`(p.name LIKE ? ESCAPE '\\' OR p.sku LIKE ? ESCAPE '\\')`);
    params.push(`%${q}%`, `${q}%`);
  }
  return { where, params };
}

/** The SQL of one keyset step; exported so tests can check its plan. */
export function productListSql(
  filter: ListInput['filter'],
  phase: Phase,
  after: { value: string; id: string } | null,
): { sql: string; params: unknown[] } {
  const f = filterSql(filter);
  const where = [...f.where];
  const params = [...f.params];
  let order: string;
  if (phase === 'sku') {
    where.push('p.sku IS NOT NULL');
    // SKUs are unique among live products (ignoring case), so the SKU alone is the key.
    if (after) {
      where.push('p.sku > ?');
      params.push(after.value);
    }
    order = 'p.sku';
  } else {
    if (phase === 'nosku') where.push('p.sku IS NULL');
    if (after) {
      where.push('(p.name COLLATE NOCASE, p.id) > (?, ?)');
      params.push(after.value, after.id);
    }
    order = 'p.name COLLATE NOCASE, p.id';
  }
  return { sql: `${PRODUCT_SELECT} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ?`, params };
}

export function listProducts(ctx: Ctx, input: ListInput): Page<Product> {
  const cursor = decodeCursor(input.cursor, 3);
  let phase: Phase = input.sort === 'sku' ? 'sku' : 'name';
  let after: { value: string; id: string } | null = null;
  if (cursor) {
    const [p, value, id] = cursor;
    const valid =
      typeof value === 'string' &&
      typeof id === 'string' &&
      (input.sort === 'name' ? p === 'name' : p === 'sku' || p === 'nosku');
    if (!valid) {
      throw new AppError('VALIDATION', 'That page position is not valid any more. Start the list again.', {
        issues: [{ path: 'cursor', message: 'Not a cursor from this list.' }],
      });
    }
    phase = p as Phase;
    after = { value, id };
  }
  const want = input.limit + 1;
  const found: (ProductRow & { phase: Phase })[] = [];
  const run = (ph: Phase, from: typeof after) => {
    const q = productListSql(input.filter, ph, from);
    for (const row of allRows<ProductRow>(ctx, q.sql, [...q.params, want - found.length])) {
      found.push({ ...row, phase: ph });
    }
  };
  run(phase, after);
  if (phase === 'sku' && found.length < want) run('nosku', null);
  const page = found.slice(0, input.limit);
  const last = page.at(-1);
  return {
    rows: page.map(toProduct),
    nextCursor:
      found.length > input.limit && last
        ? encodeCursor([last.phase, last.phase === 'sku' ? (last.sku ?? '') : last.name, last.id])
        : null,
  };
}
