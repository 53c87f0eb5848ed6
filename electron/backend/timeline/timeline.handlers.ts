/**
 * Timelines: a person's (or a company's and all its people's) calls, notes, tasks, orders and changes,
 * newest first, with keyset pagination over (at, id) across the kinds. Each source fetches one
 * more than the page from the cursor on; the merge keeps the newest `limit`, and a next page
 * exists exactly when more than `limit` came back.
 */
import { AppError } from '../../../shared/api/errors.ts';
import type { TimelineItem } from '../../../shared/domain/activity.ts';
import type { Page } from '../../../shared/domain/people.ts';
import { slot } from '../../db/query.ts';
import type { HandlerMap } from '../handler.ts';
import { decodeCursor, encodeCursor, newerFirst, type Keyset } from './keyset.cursor.ts';
import { companySources, personSources, type SourceRow, type View } from './timeline.sources.ts';

function page(sources: SourceRow[], limit: number, view: View): Page<TimelineItem> {
  const seen = new Set<string>();
  const merged = sources.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true))).sort(newerFirst);
  const rows = merged.slice(0, limit);
  const items: TimelineItem[] = rows.map((r) => ({ at: r.at, id: r.id, ...r.item(view) }));
  const last: Keyset | undefined = rows.at(-1);
  return { rows: items, nextCursor: merged.length > limit && last ? encodeCursor(last) : null };
}

export const timelineHandlers = {
  'timeline.person': (input, ctx) => {
    const key = decodeCursor(input.cursor);
    const person = ctx.sql
      .fixed('timeline.person', () =>
        ctx.q.selectFrom('people').select('id').where('id', '=', slot(0)).where('deleted_at', 'is', null),
      )
      .first(input.personId);
    if (!person)
      throw new AppError('NOT_FOUND', 'That person does not exist or is in the Trash.', {
        id: input.personId,
      });
    return page(personSources(ctx, person.id, key, input.limit + 1), input.limit, 'person');
  },

  'timeline.company': (input, ctx) => {
    const key = decodeCursor(input.cursor);
    const company = ctx.sql
      .fixed('timeline.company', () =>
        ctx.q.selectFrom('companies').select('id').where('id', '=', slot(0)).where('deleted_at', 'is', null),
      )
      .first(input.companyId);
    if (!company) {
      throw new AppError('NOT_FOUND', 'That company does not exist or is in the Trash.', {
        id: input.companyId,
      });
    }
    return page(companySources(ctx, company.id, key, input.limit + 1), input.limit, 'company');
  },
} satisfies HandlerMap<'timeline.person' | 'timeline.company'>;
