/**
 * Anchors for jumping anywhere in the contacts list without OFFSET: one ordered scan of the
 * list's own index (only the sort column and the id are read) that hands back, every `every`
 * rows, the keyset cursor people.list resumes after. anchors[k] starts the list at row k·every;
 * anchors[0] is '' (the start). The renderer reads them once per sort and filter, and fetches
 * any page with one people.list call from the anchor before it.
 */
import type { ParsedInput } from '../../../shared/api/requests.ts';
import type { Ctx } from '../context.ts';
import { NO_JOB, type JobControl } from '../jobs/job.ts';
import { encodeCursor, type CursorValue } from './keyset.ts';
import { keysetParts, SORT_COLUMN } from './people.list.ts';
import { prepared } from './prepared.ts';

type AnchorsInput = ParsedInput<'people.anchors'>;

/** The SQL of one phase of the scan; exported so tests can check its query plan. */
export function anchorsSql(
  ctx: Ctx,
  input: Pick<AnchorsInput, 'sort' | 'direction' | 'filter'>,
  now: number,
  phase: 'values' | 'nulls',
): { sql: string; params: unknown[]; none: boolean } {
  const k = keysetParts(ctx, input, now, phase, null);
  return {
    sql: `SELECT ${k.column}, p.id FROM people p WHERE ${k.where.join(' AND ')} ORDER BY ${k.order}`,
    params: k.params,
    none: k.none,
  };
}

/** Rows between two looks at the job (progress and cancel). */
const STEP_ROWS = 8192;

export function peopleAnchors(
  ctx: Ctx,
  input: AnchorsInput,
  job: JobControl = NO_JOB,
): { total: number; anchors: string[] } {
  const now = input.now ?? ctx.clock();
  const { nullable } = SORT_COLUMN[input.sort];
  const every = input.every;
  const anchors: string[] = [''];
  let total = 0;
  /** The row ending a block of `every`: it becomes an anchor once a row follows it. */
  let boundary: CursorValue[] | null = null;
  for (const phase of nullable ? (['values', 'nulls'] as const) : (['values'] as const)) {
    const q = anchorsSql(ctx, input, now, phase);
    if (q.none) return { total: 0, anchors };
    const rows = prepared(ctx, q.sql)
      .raw(true)
      .iterate(...q.params) as IterableIterator<CursorValue[]>;
    for (const row of rows) {
      if (boundary !== null) {
        anchors.push(encodeCursor(boundary));
        boundary = null;
      }
      total++;
      if (total % STEP_ROWS === 0) job.step(total);
      if (total % every === 0) boundary = row;
    }
  }
  return { total, anchors };
}
