/**
 * leads.list: people and companies at lifecycle stage "lead", as one keyset list (never OFFSET).
 * Each kind is read in order through its own index and the two pages are merged, as the Trash
 * does: newest first through the small partial people_leads / companies_leads indexes, or by name
 * through people_by_stage (people_by_owner for one owner) and companies_stage.
 *
 * The *_leads indexes are named with INDEXED BY: without statistics SQLite prefers the stage
 * index and would read and sort every lead for each page.
 */
import type { ParsedInput } from '../../../shared/api/requests.ts';
import type { Lead } from '../../../shared/domain/pipeline.ts';
import type { Page } from '../../../shared/domain/people.ts';
import { fold } from '../../../shared/domain/text.ts';
import type { Ctx } from '../context.ts';
import { decodeCursor, encodeCursor, type CursorValue } from '../people/keyset.ts';
import { prepared } from '../people/prepared.ts';

type ListInput = ParsedInput<'leads.list'>;
type Kind = Lead['kind'];

interface Arm {
  sql: string;
  params: unknown[];
}

function arm(kind: Kind, input: ListInput, after: CursorValue[] | null, want: number): Arm | null {
  const f = input.filter;
  if (f.kind !== undefined && f.kind !== kind) return null;
  // Companies have no owner: asking for one person's leads leaves them out.
  if (kind === 'company' && f.ownerId !== undefined) return null;
  const x = kind === 'person' ? 'p' : 'c';
  const byCreated = input.sort === 'created';
  const sortColumn = byCreated ? `${x}.created_at` : `${x}.sort_key`;
  const dir = byCreated ? 'DESC' : 'ASC';
  const cmp = byCreated ? '<' : '>';
  const where = [`${x}.stage = 'lead'`, `${x}.deleted_at IS NULL`];
  const params: unknown[] = [];
  if (f.source !== undefined) {
    where.push(`${x}.source = ? COLLATE NOCASE`);
    params.push(f.source);
  }
  if (f.ownerId !== undefined) {
    where.push('p.owner_id = ?');
    params.push(f.ownerId);
  }
  const query = fold(f.query ?? '').replace(/\s+/gu, ' ');
  if (query) {
    where.push(`instr(${x}.sort_key, ?) > 0`);
    params.push(query);
  }
  if (after) {
    where.push(`(${sortColumn}, ${x}.id) ${cmp} (?, ?)`);
    params.push(after[0], after[1]);
  }
  const columns =
    kind === 'person'
      ? `'person' AS kind, p.id, p.display_name AS name, p.company_id, p.source, p.owner_id,
         p.primary_phone AS phone, p.primary_email AS email, p.created_at`
      : `'company' AS kind, c.id, c.name, NULL AS company_id, c.source, NULL AS owner_id,
         NULL AS phone, NULL AS email, c.created_at`;
  const table = kind === 'person' ? 'people p' : 'companies c';
  const indexed = byCreated ? ` INDEXED BY ${kind === 'person' ? 'people_leads' : 'companies_leads'}` : '';
  params.push(want);
  return {
    sql: `SELECT * FROM (SELECT ${columns}, ${sortColumn} AS sort_value FROM ${table}${indexed}
      WHERE ${where.join(' AND ')} ORDER BY ${sortColumn} ${dir}, ${x}.id ${dir} LIMIT ?)`,
    params,
  };
}

/** The SQL of one page; null when the filter leaves no kind to read. Exported for query-plan tests. */
export function leadsSql(input: ListInput, after: CursorValue[] | null, want: number): Arm | null {
  const arms = (['person', 'company'] as const)
    .map((kind) => arm(kind, input, after, want))
    .filter((a): a is Arm => a !== null);
  if (arms.length === 0) return null;
  const dir = input.sort === 'created' ? 'DESC' : 'ASC';
  return {
    sql: `SELECT t.*, co.name AS company_name, s.name AS owner_name
      FROM (${arms.map((a) => a.sql).join(' UNION ALL ')}) t
      LEFT JOIN companies co ON co.id = t.company_id
      LEFT JOIN staff s ON s.id = t.owner_id
      ORDER BY t.sort_value ${dir}, t.id ${dir} LIMIT ?`,
    params: [...arms.flatMap((a) => a.params), want],
  };
}

interface LeadRow {
  kind: Kind;
  id: string;
  name: string;
  company_id: string | null;
  company_name: string | null;
  source: string | null;
  owner_id: string | null;
  owner_name: string | null;
  phone: string | null;
  email: string | null;
  created_at: number;
  sort_value: string | number;
}

export function listLeads(ctx: Ctx, input: ListInput): Page<Lead> {
  const after = decodeCursor(input.cursor, 2);
  const q = leadsSql(input, after, input.limit + 1);
  if (!q) return { rows: [], nextCursor: null };
  const found = prepared(ctx, q.sql).all(...q.params) as LeadRow[];
  const page = found.slice(0, input.limit);
  const last = page.at(-1);
  return {
    rows: page.map((r) => ({
      kind: r.kind,
      id: r.id,
      name: r.name,
      companyId: r.company_id,
      companyName: r.company_name,
      source: r.source,
      ownerId: r.owner_id,
      ownerName: r.owner_name,
      phone: r.phone,
      email: r.email,
      createdAt: r.created_at,
    })),
    nextCursor: found.length > input.limit && last ? encodeCursor([last.sort_value, last.id]) : null,
  };
}
