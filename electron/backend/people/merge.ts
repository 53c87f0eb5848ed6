/**
 * people.merge: folds one person (mergeId) into another (keepId), as one undoable batch.
 *  - each field named in `take` with 'merge' takes mergeId's value; all others keep keepId's;
 *  - phones and emails are unioned (deduplicated by digits / lower-case address), tags unioned;
 *  - the kept person's photo stays; when they have none, mergeId's photo moves to them;
 *  - calls, tasks and notes of mergeId (also those in the Trash) move to keepId, and so do their
 *    orders, deals, cases and consent entries (and the purchase summaries follow);
 *  - mergeId goes to the Trash; call facts, cached primaries and search are brought up to date.
 * batches.undo restores both people and every moved or added row exactly.
 */
import { AppError } from '../../../shared/api/errors.ts';
import type { Person } from '../../../shared/domain/people.ts';
import type { ParsedInput } from '../../../shared/api/requests.ts';
import { composeDisplayName, personSortKey } from '../../../shared/domain/text.ts';
import type { PeopleTable } from '../../db/schema.ts';
import { startBatch } from '../batches/batch.ts';
import type { Ctx } from '../context.ts';
import { liveFields, validationFailure, type Issue } from '../custom-fields/custom-values.ts';
import { reindex } from '../search/search.index.ts';
import { refreshPrimaries } from './contact-points.ts';
import { refreshCustomerSales } from '../orders/sales.summaries.ts';
import { refreshPersonStats } from './person-stats.ts';
import { loadPerson, requireLivePerson } from './people.repo.ts';
import { updatePersonRow } from './people.write.ts';
import { mergePhotos } from './photos.ts';
import { plucked, prepared } from './prepared.ts';
import { noteAudit } from '../audit/audit.capture.ts';

type MergeInput = ParsedInput<'people.merge'>;

/** The fields a merge can take from the merged person, and the columns each one carries. */
export const MERGE_FIELDS = {
  givenName: ['given_name'],
  familyName: ['family_name'],
  displayName: ['display_name'],
  companyId: ['company_id'],
  jobTitle: ['job_title'],
  birthday: ['birthday'],
  gender: ['gender'],
  stage: ['stage'],
  source: ['source'],
  ownerId: ['owner_id'],
  address: ['street', 'city', 'region', 'postcode', 'country'],
  callingWindow: ['call_days', 'call_from', 'call_to', 'time_zone'],
  doNotCall: ['do_not_call'],
  emailOptIn: ['email_opt_in', 'email_opt_in_at'],
} as const satisfies Record<string, readonly (keyof PeopleTable)[]>;
type MergeField = keyof typeof MERGE_FIELDS;

function checkTake(ctx: Ctx, take: MergeInput['take']): void {
  const customKeys = new Set(liveFields(ctx, 'person').map((f) => f.key));
  const issues: Issue[] = [];
  for (const key of Object.keys(take)) {
    if (Object.hasOwn(MERGE_FIELDS, key)) continue;
    if (key.startsWith('custom.') && customKeys.has(key.slice('custom.'.length))) continue;
    issues.push({ path: `take.${key}`, message: `“${key}” is not a field that can be merged.` });
  }
  if (issues.length > 0) throw validationFailure(issues);
}

function mergedRow(keep: PeopleTable, other: PeopleTable, take: MergeInput['take']): PeopleTable {
  const row: PeopleTable = { ...keep };
  const wasComposed = keep.display_name === composeDisplayName(keep.given_name, keep.family_name);
  for (const [field, columns] of Object.entries(MERGE_FIELDS) as [
    MergeField,
    readonly (keyof PeopleTable)[],
  ][]) {
    if (take[field] !== 'merge') continue;
    for (const column of columns) (row as unknown as Record<string, unknown>)[column] = other[column];
  }
  if (take.displayName !== 'merge' && wasComposed) {
    row.display_name = composeDisplayName(row.given_name, row.family_name) || keep.display_name;
  }
  const custom = JSON.parse(keep.custom) as Record<string, unknown>;
  const otherCustom = JSON.parse(other.custom) as Record<string, unknown>;
  for (const [key, choice] of Object.entries(take)) {
    if (!key.startsWith('custom.') || choice !== 'merge') continue;
    const k = key.slice('custom.'.length);
    if (Object.hasOwn(otherCustom, k)) custom[k] = otherCustom[k];
    else delete custom[k];
  }
  row.custom = JSON.stringify(custom);
  row.sort_key = personSortKey(row.given_name, row.family_name, row.display_name);
  return row;
}

export function mergePeople(ctx: Ctx, input: MergeInput): { person: Person; batchId: string } {
  return ctx.writer.write((scope) => {
    if (input.keepId === input.mergeId) {
      throw new AppError(
        'CONFLICT',
        'A person cannot be merged with themselves. Choose two different people.',
      );
    }
    const keep = requireLivePerson(ctx, input.keepId);
    const other = requireLivePerson(ctx, input.mergeId);
    checkTake(ctx, input.take);
    const batch = startBatch(ctx, scope, 'merge', `Merge ${other.display_name} into ${keep.display_name}`);
    batch.touch('people', keep.id);
    batch.touch('people', other.id);

    const row = mergedRow(keep, other, input.take);
    row.updated_at = scope.at;
    row.updated_by = scope.staffId;
    updatePersonRow(ctx, row);

    // Phones and emails: the merged person's new ones move over, after the kept person's own.
    for (const [table, key] of [
      ['phones', 'digits'],
      ['emails', 'email_lower'],
    ] as const) {
      const have = new Set(
        plucked(ctx, `SELECT ${key} FROM ${table} WHERE person_id = ?`).all(keep.id) as string[],
      );
      let position =
        (plucked(ctx, `SELECT coalesce(max(position) + 1, 0) FROM ${table} WHERE person_id = ?`).get(
          keep.id,
        ) as number) ?? 0;
      const theirs = prepared(
        ctx,
        `SELECT id, ${key} AS k FROM ${table} WHERE person_id = ? ORDER BY position, id`,
      ).all(other.id) as { id: string; k: string }[];
      const move = prepared(ctx, `UPDATE ${table} SET person_id = ?, position = ? WHERE id = ?`);
      for (const item of theirs) {
        if (have.has(item.k)) continue;
        have.add(item.k);
        batch.touch(table, item.id);
        move.run(keep.id, position++, item.id);
      }
    }

    // Tags: the union.
    const addTag = prepared(ctx, `INSERT OR IGNORE INTO person_tags (person_id, tag_id) VALUES (?, ?)`);
    for (const tagId of plucked(ctx, `SELECT tag_id FROM person_tags WHERE person_id = ?`).all(
      other.id,
    ) as string[]) {
      if (addTag.run(keep.id, tagId).changes === 0) continue;
      batch.created('person_tags', [keep.id, tagId]);
      scope.change('tags', tagId, 'update');
    }

    mergePhotos(ctx, batch, keep.id, other.id);

    // Calls, tasks, notes, orders, deals, cases and consent entries follow the person.
    for (const table of ['calls', 'tasks', 'notes', 'orders', 'deals', 'cases', 'consents'] as const) {
      const ids = plucked(ctx, `SELECT id FROM ${table} WHERE person_id = ?`).all(other.id) as string[];
      const move = prepared(ctx, `UPDATE ${table} SET person_id = ? WHERE id = ?`);
      for (const id of ids) {
        // Only the link is the merge's to undo: edits made since (lines, status, stage) stay.
        batch.touch(table, id, ['person_id']);
        move.run(keep.id, id);
        scope.change(table, id, 'update');
      }
    }

    prepared(ctx, `UPDATE people SET deleted_at = ?, updated_at = ?, updated_by = ? WHERE id = ?`).run(
      scope.at,
      scope.at,
      scope.staffId,
      other.id,
    );
    for (const id of [keep.id, other.id]) {
      refreshPrimaries(ctx, id);
      refreshPersonStats(ctx, scope, id);
      refreshCustomerSales(ctx, 'person', id);
      reindex(ctx, 'person', id);
    }
    scope.change('people', keep.id, 'update');
    scope.change('people', other.id, 'delete');
    // One event in the audit trail: about the person kept, with what the merge changed on them.
    noteAudit(scope, {
      action: 'merge',
      summary: `Merged ${other.display_name} into ${row.display_name}`,
      record: { table: 'people', id: keep.id, label: row.display_name },
      withChanges: true,
      count: 2,
      batchId: batch.id,
    });
    return { person: loadPerson(ctx, keep.id), batchId: batch.id };
  });
}
