/** The companies list: keyset pages by name (sort_key, id) or created (created_at, id). */
import type { CompanyRow } from '../../../shared/domain/people.ts';
import type { ParsedInput } from '../../../shared/api/requests.ts';
import type { Ctx } from '../context.ts';
import { decodeCursor, encodeCursor } from '../people/keyset.ts';
import { prepared } from '../people/prepared.ts';
import { tagNamesOf } from '../tags/tags.repo.ts';
import { companiesFilterSql } from './companies.filter.ts';

type ListInput = ParsedInput<'companies.list'>;

export function companiesListSql(ctx: Ctx, input: Omit<ListInput, 'limit'>) {
  const column = input.sort === 'created' ? 'c.created_at' : 'c.sort_key';
  const dir = input.direction === 'desc' ? 'DESC' : 'ASC';
  const cmp = input.direction === 'desc' ? '<' : '>';
  const { where, params, none } = companiesFilterSql(ctx, input.filter);
  const after = decodeCursor(input.cursor, 2);
  if (after) {
    where.push(`(${column}, c.id) ${cmp} (?, ?)`);
    params.push(after[0], after[1]);
  }
  return {
    sql: `SELECT c.id, c.name, c.domain, c.industry, c.city, c.created_at, ${column} AS sort_value,
      (SELECT count(*) FROM people p WHERE p.company_id = c.id AND p.deleted_at IS NULL) AS people_count
      FROM companies c WHERE ${where.join(' AND ')} ORDER BY ${column} ${dir}, c.id ${dir} LIMIT ?`,
    params,
    none,
  };
}

export function listCompanies(ctx: Ctx, input: ListInput): { rows: CompanyRow[]; nextCursor: string | null } {
  const q = companiesListSql(ctx, input);
  if (q.none) return { rows: [], nextCursor: null };
  const found = prepared(ctx, q.sql).all(...q.params, input.limit + 1) as {
    id: string;
    name: string;
    domain: string | null;
    industry: string | null;
    city: string | null;
    created_at: number;
    sort_value: string | number;
    people_count: number;
  }[];
  const page = found.slice(0, input.limit);
  const last = page.at(-1);
  const tags = tagNamesOf(
    ctx,
    'company',
    page.map((r) => r.id),
  );
  return {
    rows: page.map((r) => ({
      id: r.id,
      name: r.name,
      domain: r.domain,
      industry: r.industry,
      city: r.city,
      peopleCount: r.people_count,
      tags: tags.get(r.id) ?? [],
      createdAt: r.created_at,
    })),
    nextCursor: found.length > input.limit && last ? encodeCursor([last.sort_value, last.id]) : null,
  };
}
