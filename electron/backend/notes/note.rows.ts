/** Notes as the contract shows them, with the names of who wrote them and whom they are on. */
import { AppError } from '../../../shared/api/errors.ts';
import type { Note } from '../../../shared/domain/activity.ts';
import type { NotesTable } from '../../db/schema.ts';
import { inJson, slot } from '../../db/query.ts';
import type { Ctx } from '../context.ts';
import { jsonIds } from '../people/prepared.ts';

/** Every note column plus the names of who wrote it and whom it is on. */
export function noteQuery(ctx: Ctx) {
  return ctx.q
    .selectFrom('notes as n')
    .leftJoin('staff as s', 's.id', 'n.created_by')
    .leftJoin('people as p', 'p.id', 'n.person_id')
    .selectAll('n')
    .select(['s.name as created_by_name', 'p.display_name as person_name']);
}

export function toNote(
  row: NotesTable & { created_by_name: string | null; person_name: string | null },
): Note {
  return {
    id: row.id,
    personId: row.person_id,
    personName: row.person_name,
    companyId: row.company_id,
    body: row.body,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
  };
}

/** Live notes by id, in no particular order. */
export function loadNotes(ctx: Ctx, ids: readonly string[]): Note[] {
  if (ids.length === 0) return [];
  return ctx.sql
    .fixed('notes.byIds', () =>
      noteQuery(ctx)
        .where('n.id', 'in', inJson(slot(0)))
        .where('n.deleted_at', 'is', null),
    )
    .all(jsonIds(ids))
    .map((r) => toNote(r));
}

const missing = (id: string) =>
  new AppError('NOT_FOUND', 'That note does not exist or is in the Trash.', { id });

export function loadNote(ctx: Ctx, id: string): Note {
  const note = loadNotes(ctx, [id])[0];
  if (!note) throw missing(id);
  return note;
}

export function requireLiveNote(ctx: Ctx, id: string): NotesTable {
  const row = ctx.sql.first(
    ctx.q.selectFrom('notes').selectAll().where('id', '=', id).where('deleted_at', 'is', null),
  );
  if (!row) throw missing(id);
  return row;
}
