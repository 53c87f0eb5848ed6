/**
 * The companies filter (a tag, a name prefix) as SQL, shared by the list, its count and bulk
 * actions on "every matching company". Plain functions of (ctx, filter), so they can run on a
 * worker's connection as well as inline.
 */
import type { z } from 'zod';
import type { CompaniesFilter } from '../../../shared/api/requests/contacts.requests.ts';
import { fold } from '../../../shared/domain/text.ts';
import type { Ctx } from '../context.ts';
import { plucked } from '../people/prepared.ts';
import { findTag } from '../tags/tags.repo.ts';

export type CompaniesFilterValue = z.output<typeof CompaniesFilter>;

/** Above every character: the end of a prefix range over sort_key. */
const TOP = '\u{10FFFF}';

/**
 * WHERE terms over `companies c` (live ones only). `none` is true when the filter cannot match
 * anything (a tag nobody has), so callers can skip the query.
 */
export function companiesFilterSql(
  ctx: Ctx,
  filter: CompaniesFilterValue,
): { where: string[]; params: unknown[]; none: boolean } {
  const where = ['c.deleted_at IS NULL'];
  const params: unknown[] = [];
  let none = false;
  if (filter.tag !== undefined) {
    const tagId = findTag(ctx, filter.tag);
    if (!tagId) none = true;
    where.push(`EXISTS (SELECT 1 FROM company_tags ct WHERE ct.company_id = c.id AND ct.tag_id = ?)`);
    params.push(tagId ?? '');
  }
  const prefix = fold(filter.query ?? '').replace(/\s+/gu, ' ');
  if (prefix) {
    where.push('c.sort_key >= ? AND c.sort_key < ?');
    params.push(prefix, prefix + TOP);
  }
  return { where, params, none };
}

/** How many live companies the filter matches (the Companies screen's total). */
export function countCompanies(ctx: Ctx, filter: CompaniesFilterValue): number {
  const f = companiesFilterSql(ctx, filter);
  if (f.none) return 0;
  return plucked(ctx, `SELECT count(*) FROM companies c WHERE ${f.where.join(' AND ')}`).get(
    ...f.params,
  ) as number;
}

/** Ids of every live company the filter matches (bulk actions on "all matching"). */
export function matchingCompanyIds(ctx: Ctx, filter: CompaniesFilterValue): string[] {
  const f = companiesFilterSql(ctx, filter);
  if (f.none) return [];
  return plucked(ctx, `SELECT c.id FROM companies c WHERE ${f.where.join(' AND ')}`).all(
    ...f.params,
  ) as string[];
}
