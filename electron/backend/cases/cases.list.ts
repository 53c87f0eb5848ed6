/**
 * cases.list as keyset pages (never OFFSET), and cases.openFor.
 *
 * The first of person, company, owner and product that is given drives the query through its
 * index (the others are written `+column` so they only filter). With none of them the sort's index
 * is walked in order: cases_open (active cases) or cases_opened (every live case) by opened
 * instant, newest first; cases_due for the due-date work queue, soonest first, then the active
 * cases with no due date (by id). A partial index is only used when the query repeats its WHERE,
 * so the active-status term is written out exactly as the index has it.
 */
import type { ParsedInput } from '../../../shared/api/requests.ts';
import { compareUrgency, isOverdue, type Case, type OpenCases } from '../../../shared/domain/pipeline.ts';
import type { Page } from '../../../shared/domain/people.ts';
import type { Ctx } from '../context.ts';
import { decodeCursor, encodeCursor, type CursorValue } from '../people/keyset.ts';
import { prepared } from '../people/prepared.ts';
import { CASE_SELECT, toCase, type CaseJoined } from './case.rows.ts';

type ListInput = ParsedInput<'cases.list'>;
const ACTIVE = `k.status IN ('open', 'waiting')`;

const DRIVERS = [
  ['personId', 'k.person_id'],
  ['companyId', 'k.company_id'],
  ['ownerId', 'k.owner_id'],
  ['productId', 'k.product_id'],
] as const;

/** The SQL of one page; `phase` is the due sort's part with due dates, or its tail without. */
export function caseListSql(
  input: Pick<ListInput, 'filter' | 'sort' | 'today'>,
  phase: 'values' | 'nulls',
  after: CursorValue[] | null,
): { sql: string; params: unknown[] } {
  const f = input.filter;
  const where = ['k.deleted_at IS NULL'];
  const params: unknown[] = [];
  let driven = false;
  for (const [key, column] of DRIVERS) {
    const value = f[key];
    if (value === undefined) continue;
    where.push(driven ? `+${column} = ?` : `${column} = ?`);
    params.push(value);
    driven = true;
  }
  const activeOnly =
    input.sort === 'due' ||
    f.overdue === true ||
    f.status === 'active' ||
    f.status === 'open' ||
    f.status === 'waiting';
  if (activeOnly) where.push(ACTIVE);
  if (f.status !== undefined && f.status !== 'active') {
    where.push('k.status = ?');
    params.push(f.status);
  }
  for (const key of ['category', 'priority'] as const) {
    if (f[key] === undefined) continue;
    where.push(`k.${key} = ?`);
    params.push(f[key]);
  }
  if (f.overdue) {
    where.push('k.due_date < ?');
    params.push(input.today);
  }
  let order: string;
  if (input.sort === 'due') {
    if (phase === 'nulls') {
      where.push('k.due_date IS NULL');
      if (after) {
        where.push('k.id > ?');
        params.push(after[1]);
      }
      order = 'k.id';
    } else {
      where.push('k.due_date IS NOT NULL');
      if (after) {
        where.push('(k.due_date, k.id) > (?, ?)');
        params.push(after[0], after[1]);
      }
      order = 'k.due_date, k.id';
    }
  } else {
    if (after) {
      where.push('(k.opened_at, k.id) < (?, ?)');
      params.push(after[0], after[1]);
    }
    order = 'k.opened_at DESC, k.id DESC';
  }
  return { sql: `${CASE_SELECT} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ?`, params };
}

export function listCases(ctx: Ctx, input: ListInput): Page<Case> {
  const after = decodeCursor(input.cursor, 2);
  const want = input.limit + 1;
  const found: CaseJoined[] = [];
  const inNullTail = input.sort === 'due' && after !== null && after[0] === null;
  if (!inNullTail) {
    const q = caseListSql(input, 'values', after);
    found.push(...(prepared(ctx, q.sql).all(...q.params, want) as CaseJoined[]));
  }
  // Overdue cases all have a due date: the tail without one never matches.
  if (input.sort === 'due' && !input.filter.overdue && found.length < want) {
    const q = caseListSql(input, 'nulls', inNullTail ? after : null);
    found.push(...(prepared(ctx, q.sql).all(...q.params, want - found.length) as CaseJoined[]));
  }
  const page = found.slice(0, input.limit);
  const last = page.at(-1);
  let nextCursor: string | null = null;
  if (found.length > input.limit && last) {
    nextCursor = encodeCursor([input.sort === 'due' ? last.due_date : last.opened_at, last.id]);
  }
  return { rows: page.map(toCase), nextCursor };
}

/** The SQL of a person's or company's active cases: a probe of cases_person / cases_company. */
export function openForSql(by: 'person' | 'company'): string {
  return `${CASE_SELECT} WHERE k.${by}_id = ? AND ${ACTIVE} AND k.deleted_at IS NULL`;
}

export function openCasesFor(ctx: Ctx, input: ParsedInput<'cases.openFor'>): OpenCases {
  const by = input.personId !== undefined ? 'person' : 'company';
  const rows = (prepared(ctx, openForSql(by)).all(input.personId ?? input.companyId) as CaseJoined[]).map(
    toCase,
  );
  rows.sort((a, b) => compareUrgency(a, b, input.today));
  return {
    count: rows.length,
    overdue: rows.filter((c) => isOverdue(c, input.today)).length,
    mostUrgent: rows[0] ?? null,
  };
}
