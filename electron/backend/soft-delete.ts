/** Moving a call, note or task to the Trash: stamp it deleted, log the change, drop it from search. */
import type { WriteScope } from '../db/changes.ts';
import type { Ctx } from './context.ts';
import { reindex } from './search/search.index.ts';

const SEARCH_KIND = { calls: 'call', notes: 'note', tasks: null } as const;

/** Marks one live row deleted as of this write, logs the delete and, where it is searchable, reindexes it. */
export function softDelete(
  ctx: Ctx,
  scope: WriteScope,
  table: 'calls' | 'notes' | 'tasks',
  id: string,
): void {
  ctx.sql.run(
    ctx.q
      .updateTable(table)
      .set({ deleted_at: scope.at, updated_at: scope.at, updated_by: scope.staffId })
      .where('id', '=', id),
  );
  scope.change(table, id, 'delete');
  const kind = SEARCH_KIND[table];
  if (kind) reindex(ctx, kind, id);
}
