/** tags.list: every tag with how many live people and companies carry it. */
import type { Tag } from '../../../shared/domain/people.ts';
import type { Ctx } from '../context.ts';
import type { HandlerMap } from '../handler.ts';
import { prepared } from '../people/prepared.ts';

/** Counting who carries each tag reads every tagging: a job on a big book. */
export function listTags(ctx: Ctx): Tag[] {
  return prepared(
    ctx,
    `SELECT t.id, t.name,
         (SELECT count(*) FROM person_tags pt JOIN people p ON p.id = pt.person_id
           WHERE pt.tag_id = t.id AND p.deleted_at IS NULL) AS people,
         (SELECT count(*) FROM company_tags ct JOIN companies c ON c.id = ct.company_id
           WHERE ct.tag_id = t.id AND c.deleted_at IS NULL) AS companies
       FROM tags t ORDER BY t.name COLLATE NOCASE, t.id`,
  ).all() as Tag[];
}

export const tagsHandlers = {
  'tags.list': (input, ctx) => ctx.jobs.run('tags.list', input),
} satisfies HandlerMap<'tags.list'>;
