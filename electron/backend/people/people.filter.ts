/**
 * The contacts list's filters as SQL over `people p`, shared by the list, its count and bulk
 * actions. Every clause keeps `p.deleted_at IS NULL`, which the partial list indexes require.
 */
import type { z } from 'zod';
import type { PeopleFilter } from '../../../shared/api/requests/contacts.requests.ts';
import type { Ctx } from '../context.ts';
import { liveFields, validationFailure } from '../custom-fields/custom-values.ts';
import { findTag } from '../tags/tags.repo.ts';

export type PeopleFilterValue = z.output<typeof PeopleFilter>;
const DAY_MS = 86_400_000;

export interface FilterSql {
  where: string[];
  params: unknown[];
  /** True when the filter can match nobody (an unknown tag): skip the query. */
  none: boolean;
}

/**
 * `walkSortIndex`: the list is sorted by something other than the name, so owner and city are
 * written `+p.column`: SQLite then walks the sort's own index and filters as it goes (a page stops
 * after its rows), instead of reading every match through people_by_owner (…) and sorting them all.
 * Those indexes lead with the filter and then the name, so a name-sorted list keeps using them.
 * Stage has an index for each of those sorts (people_stage_created, _last_contact, _next_call:
 * stage, sort column, id), so it stays `p.stage` and the list reads one range of one of them.
 */
export function peopleFilterSql(
  ctx: Ctx,
  filter: PeopleFilterValue,
  now: number,
  options: { walkSortIndex?: boolean } = {},
): FilterSql {
  const col = (name: string) => (options.walkSortIndex ? `+p.${name}` : `p.${name}`);
  const where = ['p.deleted_at IS NULL'];
  const params: unknown[] = [];
  let none = false;
  if (filter.tag !== undefined) {
    const tagId = findTag(ctx, filter.tag);
    if (!tagId) none = true;
    where.push(`EXISTS (SELECT 1 FROM person_tags pt WHERE pt.person_id = p.id AND pt.tag_id = ?)`);
    params.push(tagId ?? '');
  }
  if (filter.stage !== undefined) {
    where.push(`p.stage = ?`);
    params.push(filter.stage);
  }
  if (filter.ownerId !== undefined) {
    where.push(`${col('owner_id')} = ?`);
    params.push(filter.ownerId);
  }
  if (filter.companyId !== undefined) {
    where.push('p.company_id = ?');
    params.push(filter.companyId);
  }
  if (filter.city !== undefined) {
    where.push(`${col('city')} = ? COLLATE NOCASE`);
    params.push(filter.city);
  }
  if (filter.notContactedDays !== undefined) {
    where.push('(p.last_contact_at IS NULL OR p.last_contact_at < ?)');
    params.push(now - filter.notContactedDays * DAY_MS);
  }
  if (filter.callDue) {
    where.push('p.next_call_at <= ?');
    params.push(now);
  }
  if (filter.custom !== undefined) {
    const { key, value } = filter.custom;
    const field = liveFields(ctx, 'person').find((f) => f.key === key);
    if (!field) {
      throw validationFailure([{ path: 'filter.custom.key', message: `There is no custom field “${key}”.` }]);
    }
    const path = `$."${key.replaceAll('"', '')}"`;
    const bound = typeof value === 'boolean' ? (value ? 1 : 0) : value;
    if (field.type === 'multiselect') {
      where.push(`EXISTS (SELECT 1 FROM json_each(p.custom, ?) j WHERE j.value = ?)`);
    } else {
      where.push(`json_extract(p.custom, ?) = ?`);
    }
    params.push(path, bound);
  }
  return { where, params, none };
}
