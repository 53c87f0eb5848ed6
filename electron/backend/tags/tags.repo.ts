/** Tags are shared by people and companies, matched by name without regard to case. */
import type { WriteScope } from '../../db/changes.ts';
import type { Ctx } from '../context.ts';
import type { Batch } from '../batches/batch.ts';
import { jsonIds, plucked, prepared } from '../people/prepared.ts';

/** The tag's id, or undefined when no tag has that name (any case). */
export function findTag(ctx: Ctx, name: string): string | undefined {
  return plucked(ctx, `SELECT id FROM tags WHERE name = ?`).get(name.trim()) as string | undefined;
}

/** The id of the tag with this name, creating it when it is new. */
export function ensureTag(ctx: Ctx, scope: WriteScope, name: string, batch?: Batch): string {
  const clean = name.trim();
  const existing = findTag(ctx, clean);
  if (existing) return existing;
  const id = ctx.ids();
  prepared(ctx, `INSERT INTO tags (id, name, created_at) VALUES (?, ?, ?)`).run(id, clean, scope.at);
  scope.change('tags', id, 'insert');
  batch?.created('tags', id);
  return id;
}

type Owner = 'person' | 'company';
const LINK = {
  person: { table: 'person_tags', column: 'person_id' },
  company: { table: 'company_tags', column: 'company_id' },
} as const;

/** Replaces the tags of a person or company with these names (new names become tags). */
export function setTags(
  ctx: Ctx,
  scope: WriteScope,
  owner: Owner,
  ownerId: string,
  names: readonly string[],
): void {
  const { table, column } = LINK[owner];
  const wanted = new Set<string>();
  for (const name of names) wanted.add(ensureTag(ctx, scope, name));
  const current = plucked(ctx, `SELECT tag_id FROM ${table} WHERE ${column} = ?`).all(ownerId) as string[];
  for (const tagId of current) {
    if (wanted.has(tagId)) continue;
    prepared(ctx, `DELETE FROM ${table} WHERE ${column} = ? AND tag_id = ?`).run(ownerId, tagId);
    scope.change('tags', tagId, 'update');
  }
  const have = new Set(current);
  for (const tagId of wanted) {
    if (have.has(tagId)) continue;
    prepared(ctx, `INSERT INTO ${table} (${column}, tag_id) VALUES (?, ?)`).run(ownerId, tagId);
    scope.change('tags', tagId, 'update');
  }
}

/** Tag names of one person or company, sorted. */
export function tagNames(ctx: Ctx, owner: Owner, ownerId: string): string[] {
  const { table, column } = LINK[owner];
  return plucked(
    ctx,
    `SELECT t.name FROM ${table} x JOIN tags t ON t.id = x.tag_id WHERE x.${column} = ? ORDER BY t.name COLLATE NOCASE`,
  ).all(ownerId) as string[];
}

/** Tag names of many people or companies at once (one page of a list). */
export function tagNamesOf(ctx: Ctx, owner: Owner, ids: readonly string[]): Map<string, string[]> {
  const { table, column } = LINK[owner];
  const out = new Map<string, string[]>();
  if (ids.length === 0) return out;
  const rows = prepared(
    ctx,
    `SELECT x.${column} AS owner, t.name FROM ${table} x JOIN tags t ON t.id = x.tag_id
     WHERE x.${column} IN (SELECT value FROM json_each(?)) ORDER BY t.name COLLATE NOCASE`,
  ).all(jsonIds(ids)) as { owner: string; name: string }[];
  for (const row of rows) {
    const list = out.get(row.owner);
    if (list) list.push(row.name);
    else out.set(row.owner, [row.name]);
  }
  return out;
}
