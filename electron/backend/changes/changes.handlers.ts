import { TABLES, type TableName } from '../../../shared/api/requests.ts';
import type { HandlerMap } from '../handler.ts';

/** Past this many changes a window that was away simply refetches everything. */
export const CATCH_UP_LIMIT = 50_000;

export const changesHandlers = {
  'changes.since': (input, ctx) => {
    const seq = ctx.writer.latestSeq();
    if (input.seq >= seq) return { seq, tables: [], reset: false };
    if (seq - input.seq > CATCH_UP_LIMIT) return { seq, tables: [...TABLES], reset: true };
    const rows = ctx.sql.all(
      ctx.q.selectFrom('changes').select('tbl').distinct().where('seq', '>', input.seq),
    );
    const tables = rows
      .map((r) => r.tbl)
      .filter((t): t is TableName => (TABLES as readonly string[]).includes(t));
    return { seq, tables, reset: false };
  },
} satisfies HandlerMap<'changes.since'>;
