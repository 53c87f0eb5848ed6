/** Notes on people and companies: write, edit, delete (to the Trash); each kept in the search index. */
import type { NotesTable } from '../../db/schema.ts';
import { requireCompany, requirePerson } from '../calls/links.ts';
import type { HandlerMap } from '../handler.ts';
import { reindex } from '../search/search.index.ts';
import { softDelete } from '../soft-delete.ts';
import { loadNote, requireLiveNote } from './note.rows.ts';

export const notesHandlers = {
  'notes.create': (input, ctx) =>
    ctx.writer.write((scope) => {
      const person = input.personId ? requirePerson(ctx, input.personId, 'personId') : null;
      const company = input.companyId ? requireCompany(ctx, input.companyId, 'companyId') : null;
      const row: NotesTable = {
        id: ctx.ids(),
        person_id: person?.id ?? null,
        company_id: company?.id ?? null,
        body: input.body,
        created_at: scope.at,
        updated_at: scope.at,
        created_by: scope.staffId,
        updated_by: scope.staffId,
        deleted_at: null,
      };
      ctx.sql.run(ctx.q.insertInto('notes').values(row));
      scope.change('notes', row.id, 'insert');
      reindex(ctx, 'note', row.id);
      return loadNote(ctx, row.id);
    }),

  'notes.update': (input, ctx) =>
    ctx.writer.write((scope) => {
      const before = requireLiveNote(ctx, input.id);
      if (before.body === input.body) return loadNote(ctx, before.id);
      ctx.sql.run(
        ctx.q
          .updateTable('notes')
          .set({ body: input.body, updated_at: scope.at, updated_by: scope.staffId })
          .where('id', '=', before.id),
      );
      scope.change('notes', before.id, 'update');
      reindex(ctx, 'note', before.id);
      return loadNote(ctx, before.id);
    }),

  'notes.delete': (input, ctx) =>
    ctx.writer.write((scope) => {
      const before = requireLiveNote(ctx, input.id);
      softDelete(ctx, scope, 'notes', before.id);
      return { ok: true as const };
    }),
} satisfies HandlerMap<'notes.create' | 'notes.update' | 'notes.delete'>;
