/** tags.list: every tag with how many live people and companies carry it. */
import type { Tag } from '../../../shared/domain/people.ts';
import type { Ctx } from '../context.ts';
import type { HandlerMap } from '../handler.ts';
import { prepared } from '../people/prepared.ts';

/**
 * Each tag's taggings, counted from the tag's range of person_tags_tag / company_tags_tag alone,
 * less those of people and companies in the Trash (found through their few deleted_at index
 * entries; CROSS JOIN keeps SQLite starting from them). Testing every tagged person for
 * deleted_at instead read a row per tagging: 5 s at a million people. Still a job: the ranges of a million taggings take a moment to count.
 */
export const TAGS_SQL = `SELECT t.id, t.name,
    (SELECT count(*) FROM person_tags pt WHERE pt.tag_id = t.id)
      - (SELECT count(*) FROM people p CROSS JOIN person_tags pt ON pt.person_id = p.id AND pt.tag_id = t.id
         WHERE p.deleted_at IS NOT NULL) AS people,
    (SELECT count(*) FROM company_tags ct WHERE ct.tag_id = t.id)
      - (SELECT count(*) FROM companies c CROSS JOIN company_tags ct ON ct.company_id = c.id AND ct.tag_id = t.id
         WHERE c.deleted_at IS NOT NULL) AS companies
  FROM tags t ORDER BY t.name COLLATE NOCASE, t.id`;

export function listTags(ctx: Ctx): Tag[] {
  return prepared(ctx, TAGS_SQL).all() as Tag[];
}

export const tagsHandlers = {
  'tags.list': (input, ctx) => ctx.jobs.run('tags.list', input),
} satisfies HandlerMap<'tags.list'>;
