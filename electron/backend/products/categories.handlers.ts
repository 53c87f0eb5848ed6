/**
 * Product categories, an editable list. productCategories.set replaces it in one transaction, as
 * lists.set does: the order given is the new order, an entry with an id renames that category and
 * one without is added (or, when a category left out has that name, it is that one kept). A
 * category left out is removed unless products (live or in the Trash), order lines or deal lines
 * use it: then it is kept, after the others, so reports and past orders keep their category.
 * Removed categories are soft-deleted (their name is free again).
 */
import { AppError } from '../../../shared/api/errors.ts';
import type { ProductCategory } from '../../../shared/domain/sales.ts';
import type { ProductCategoriesTable } from '../../db/schema.ts';
import { fieldError } from '../calls/links.ts';
import type { Ctx } from '../context.ts';
import type { HandlerMap } from '../handler.ts';
import { allRows } from '../orders/raw-query.ts';
import { prepared } from '../people/prepared.ts';

/** Live categories in order, with their product counts and whether anything uses them. */
export function listCategories(ctx: Ctx): ProductCategory[] {
  return allRows<{ id: string; name: string; position: number; products: number; used: number }>(
    ctx,
    `SELECT c.id, c.name, c.position,
        (SELECT count(*) FROM products p WHERE p.category_id = c.id AND p.deleted_at IS NULL) AS products,
        (EXISTS (SELECT 1 FROM products p WHERE p.category_id = c.id)
          OR EXISTS (SELECT 1 FROM order_lines l WHERE l.category_id = c.id)
          OR EXISTS (SELECT 1 FROM deal_lines d WHERE d.category_id = c.id)) AS used
      FROM product_categories c WHERE c.deleted_at IS NULL ORDER BY c.position, c.name`,
  ).map((r) => ({
    id: r.id,
    name: r.name,
    position: r.position,
    productCount: r.products,
    inUse: r.used === 1,
  }));
}

function categoryInUse(ctx: Ctx, id: string): boolean {
  return (
    prepared(ctx, `SELECT 1 FROM products WHERE category_id = ? LIMIT 1`).get(id) !== undefined ||
    prepared(ctx, `SELECT 1 FROM order_lines WHERE category_id = ? LIMIT 1`).get(id) !== undefined ||
    prepared(ctx, `SELECT 1 FROM deal_lines WHERE category_id = ? LIMIT 1`).get(id) !== undefined
  );
}

const fold = (name: string) => name.toLocaleLowerCase();

export const categoriesHandlers = {
  'productCategories.list': (_input, ctx) => listCategories(ctx),

  'productCategories.set': (input, ctx) =>
    ctx.writer.write((scope) => {
      const existing = prepared(
        ctx,
        `SELECT * FROM product_categories WHERE deleted_at IS NULL ORDER BY position`,
      ).all() as ProductCategoriesTable[];
      const byId = new Map(existing.map((c) => [c.id, c]));
      const givenIds = new Set<string>();
      const seen = new Map<string, number>();
      input.categories.forEach((c, i) => {
        const folded = fold(c.name);
        if (seen.has(folded)) {
          throw fieldError(`categories.${i}.name`, `“${c.name}” is already on the list.`);
        }
        seen.set(folded, i);
        if (c.id === undefined) return;
        if (!byId.has(c.id)) {
          const message = 'That category does not exist any more. Reload the list.';
          const path = `categories.${i}.id`;
          throw new AppError('NOT_FOUND', message, { path, id: c.id, issues: [{ path, message }] });
        }
        if (givenIds.has(c.id)) throw fieldError(`categories.${i}.id`, 'That category is on the list twice.');
        givenIds.add(c.id);
      });
      // A new entry named like a category left out is that category, kept.
      const leftOut = existing.filter((c) => !givenIds.has(c.id));
      const leftOutByName = new Map(leftOut.map((c) => [fold(c.name), c]));
      const wanted = input.categories.map((c) => {
        const id = c.id ?? leftOutByName.get(fold(c.name))?.id;
        if (id) givenIds.add(id);
        return { id, name: c.name };
      });
      const kept: ProductCategoriesTable[] = [];
      const removed: ProductCategoriesTable[] = [];
      for (const c of existing) {
        if (givenIds.has(c.id)) continue;
        if (categoryInUse(ctx, c.id)) kept.push(c);
        else removed.push(c);
      }
      for (const c of kept) {
        const clash = seen.get(fold(c.name));
        if (clash !== undefined) {
          throw fieldError(
            `categories.${clash}.name`,
            `“${c.name}” is the name of a category in use. Put that category back on the list, or choose another name.`,
          );
        }
      }

      // Removed ones first (frees their names), then every rename through a temporary name, so a
      // swap of two names never meets the unique index half-way.
      for (const c of removed) {
        prepared(ctx, `UPDATE product_categories SET deleted_at = ?, updated_at = ? WHERE id = ?`).run(
          scope.at,
          scope.at,
          c.id,
        );
        scope.change('product_categories', c.id, 'delete');
      }
      const renamed = wanted.filter((w) => w.id && byId.get(w.id)?.name !== w.name);
      for (const w of renamed) {
        prepared(ctx, `UPDATE product_categories SET name = ? WHERE id = ?`).run(
          `\u0001renaming ${w.id}`,
          w.id,
        );
      }
      const final = [...wanted, ...kept.map((c) => ({ id: c.id, name: c.name }))];
      final.forEach((w, position) => {
        const before = w.id ? byId.get(w.id) : undefined;
        if (!before) {
          const id = ctx.ids();
          prepared(
            ctx,
            `INSERT INTO product_categories (id, name, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
          ).run(id, w.name, position, scope.at, scope.at);
          scope.change('product_categories', id, 'insert');
          return;
        }
        if (before.name === w.name && before.position === position) return;
        prepared(
          ctx,
          `UPDATE product_categories SET name = ?, position = ?, updated_at = ? WHERE id = ?`,
        ).run(w.name, position, scope.at, before.id);
        scope.change('product_categories', before.id, 'update');
      });
      return listCategories(ctx);
    }),
} satisfies HandlerMap<'productCategories.list' | 'productCategories.set'>;
