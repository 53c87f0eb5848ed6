/**
 * trash.empty: deletes for good what is in the Trash, children first, keeping every foreign key.
 *
 * The safe rules:
 *  - Calls, tasks and notes in the Trash are deleted (a live task that was the follow-up of a
 *    purged call loses only that link).
 *  - A person in the Trash is deleted with their phones, emails, tags, photo and consent entries,
 *    and with their calls, tasks and notes that are in the Trash too. While live calls, tasks or
 *    notes still refer to them, the person stays in the Trash (counted as `kept`): history is never
 *    lost or orphaned silently. Restore the person, or delete that activity, and empty again.
 *  - A company in the Trash is deleted with its phones, emails, tags and its activity in the Trash
 *    that hangs on nothing else; people and live activity that also belong to a person are
 *    detached from it. Live activity that hangs on the company alone keeps it in the Trash.
 *  - Orders, deals and cases are business records (accounting law may require keeping orders):
 *    a person or company that any of them names, in the Trash or not, stays in the Trash.
 *  - An order, deal or case in the Trash is deleted with its lines and history; links to it from
 *    live records (a deal's order, a case's order) are cleared. A product in the Trash that any
 *    order, deal or case still names stays in the Trash.
 */
import type { WriteScope } from '../../db/changes.ts';
import type { Ctx } from '../context.ts';
import { plucked, prepared } from '../people/prepared.ts';
import { reindex } from '../search/search.index.ts';
import type { TrashItem } from '../../../shared/domain/people.ts';

type Kind = TrashItem['kind'];
const ACTIVITY = ['calls', 'tasks', 'notes'] as const;
const RECORDS = ['orders', 'deals', 'cases'] as const;

/** Whether an order, deal or case (live or in the Trash) names this person or company. */
function namedByRecords(ctx: Ctx, column: 'person_id' | 'company_id', id: string): boolean {
  return RECORDS.some(
    (table) => prepared(ctx, `SELECT 1 FROM ${table} WHERE ${column} = ? LIMIT 1`).get(id) !== undefined,
  );
}
type Activity = (typeof ACTIVITY)[number];

function inTrash(ctx: Ctx, table: string, olderThan: number | undefined): string[] {
  return plucked(
    ctx,
    `SELECT id FROM ${table} WHERE deleted_at IS NOT NULL AND deleted_at < ? ORDER BY deleted_at, id`,
  ).all(olderThan ?? Number.MAX_SAFE_INTEGER) as string[];
}

/** Deletes one call, task or note for good (and its search document). */
function purgeActivity(ctx: Ctx, scope: WriteScope, table: Activity, id: string): void {
  if (table === 'calls') {
    const tasks = plucked(ctx, `SELECT id FROM tasks WHERE call_id = ?`).all(id) as string[];
    for (const taskId of tasks) {
      prepared(ctx, `UPDATE tasks SET call_id = NULL WHERE id = ?`).run(taskId);
      scope.change('tasks', taskId, 'update');
    }
  }
  prepared(ctx, `DELETE FROM ${table} WHERE id = ?`).run(id);
  if (table !== 'tasks') reindex(ctx, table === 'calls' ? 'call' : 'note', id);
  scope.change(table, id, 'delete');
}

function purgePerson(ctx: Ctx, scope: WriteScope, id: string): number | null {
  if (namedByRecords(ctx, 'person_id', id)) return null;
  for (const table of ACTIVITY) {
    if (prepared(ctx, `SELECT 1 FROM ${table} WHERE person_id = ? AND deleted_at IS NULL LIMIT 1`).get(id))
      return null;
  }
  let count = 0;
  for (const table of ACTIVITY) {
    for (const rowId of plucked(ctx, `SELECT id FROM ${table} WHERE person_id = ?`).all(id) as string[]) {
      purgeActivity(ctx, scope, table, rowId);
      count++;
    }
  }
  prepared(ctx, `DELETE FROM phones WHERE person_id = ?`).run(id);
  prepared(ctx, `DELETE FROM emails WHERE person_id = ?`).run(id);
  prepared(ctx, `DELETE FROM person_tags WHERE person_id = ?`).run(id);
  prepared(ctx, `DELETE FROM person_photos WHERE person_id = ?`).run(id);
  // Their consent record goes with them: there is no one left to have asked.
  for (const consentId of plucked(ctx, `SELECT id FROM consents WHERE person_id = ?`).all(id) as string[]) {
    if (prepared(ctx, `DELETE FROM consent_withdrawals WHERE consent_id = ?`).run(consentId).changes > 0)
      scope.change('consent_withdrawals', consentId, 'delete');
    prepared(ctx, `DELETE FROM consents WHERE id = ?`).run(consentId);
    scope.change('consents', consentId, 'delete');
  }
  prepared(ctx, `DELETE FROM people WHERE id = ?`).run(id);
  reindex(ctx, 'person', id);
  scope.change('people', id, 'delete');
  return count + 1;
}

function purgeCompany(ctx: Ctx, scope: WriteScope, id: string): number | null {
  if (namedByRecords(ctx, 'company_id', id)) return null;
  for (const table of ACTIVITY) {
    const blocking = prepared(
      ctx,
      `SELECT 1 FROM ${table} WHERE company_id = ? AND person_id IS NULL AND deleted_at IS NULL LIMIT 1`,
    ).get(id);
    if (blocking) return null;
  }
  let count = 0;
  for (const table of ACTIVITY) {
    const alone = plucked(ctx, `SELECT id FROM ${table} WHERE company_id = ? AND person_id IS NULL`).all(
      id,
    ) as string[];
    for (const rowId of alone) {
      purgeActivity(ctx, scope, table, rowId);
      count++;
    }
    const shared = plucked(ctx, `SELECT id FROM ${table} WHERE company_id = ?`).all(id) as string[];
    for (const rowId of shared) {
      prepared(ctx, `UPDATE ${table} SET company_id = NULL WHERE id = ?`).run(rowId);
      scope.change(table, rowId, 'update');
    }
  }
  for (const personId of plucked(ctx, `SELECT id FROM people WHERE company_id = ?`).all(id) as string[]) {
    prepared(ctx, `UPDATE people SET company_id = NULL WHERE id = ?`).run(personId);
    reindex(ctx, 'person', personId);
    scope.change('people', personId, 'update');
  }
  prepared(ctx, `DELETE FROM phones WHERE company_id = ?`).run(id);
  prepared(ctx, `DELETE FROM emails WHERE company_id = ?`).run(id);
  prepared(ctx, `DELETE FROM company_tags WHERE company_id = ?`).run(id);
  prepared(ctx, `DELETE FROM companies WHERE id = ?`).run(id);
  reindex(ctx, 'company', id);
  scope.change('companies', id, 'delete');
  return count + 1;
}

/** Deletes one order, deal or case for good, with its lines and history, clearing links to it. */
function purgeRecord(ctx: Ctx, scope: WriteScope, table: 'orders' | 'deals' | 'cases', id: string): void {
  if (table === 'orders') {
    prepared(ctx, `DELETE FROM order_lines WHERE order_id = ?`).run(id);
    prepared(ctx, `DELETE FROM order_status_changes WHERE order_id = ?`).run(id);
    for (const [linked, name] of [
      ['deals', 'deals'],
      ['cases', 'cases'],
    ] as const) {
      for (const rowId of plucked(ctx, `SELECT id FROM ${linked} WHERE order_id = ?`).all(id) as string[]) {
        prepared(ctx, `UPDATE ${linked} SET order_id = NULL WHERE id = ?`).run(rowId);
        scope.change(name, rowId, 'update');
      }
    }
  }
  if (table === 'deals') prepared(ctx, `DELETE FROM deal_lines WHERE deal_id = ?`).run(id);
  prepared(ctx, `DELETE FROM ${table} WHERE id = ?`).run(id);
  scope.change(table, id, 'delete');
}

/** Deletes a product for good unless a line or a case still names it (then it stays: null). */
function purgeProduct(ctx: Ctx, scope: WriteScope, id: string): number | null {
  for (const [table, column] of [
    ['order_lines', 'product_id'],
    ['deal_lines', 'product_id'],
    ['cases', 'product_id'],
  ] as const) {
    if (prepared(ctx, `SELECT 1 FROM ${table} WHERE ${column} = ? LIMIT 1`).get(id)) return null;
  }
  prepared(ctx, `DELETE FROM products WHERE id = ?`).run(id);
  scope.change('products', id, 'delete');
  return 1;
}

export function emptyTrash(
  ctx: Ctx,
  scope: WriteScope,
  kind: Kind | undefined,
  olderThan: number | undefined,
): { count: number; kept: number } {
  const wants = (k: Kind) => kind === undefined || kind === k;
  let count = 0;
  let kept = 0;
  for (const [k, table] of [
    ['note', 'notes'],
    ['task', 'tasks'],
    ['call', 'calls'],
  ] as const) {
    if (!wants(k)) continue;
    for (const id of inTrash(ctx, table, olderThan)) {
      purgeActivity(ctx, scope, table, id);
      count++;
    }
  }
  for (const [k, table] of [
    ['case', 'cases'],
    ['deal', 'deals'],
    ['order', 'orders'],
  ] as const) {
    if (!wants(k)) continue;
    for (const id of inTrash(ctx, table, olderThan)) {
      purgeRecord(ctx, scope, table, id);
      count++;
    }
  }
  if (wants('product')) {
    for (const id of inTrash(ctx, 'products', olderThan)) {
      const n = purgeProduct(ctx, scope, id);
      if (n === null) kept++;
      else count += n;
    }
  }
  if (wants('person')) {
    for (const id of inTrash(ctx, 'people', olderThan)) {
      const n = purgePerson(ctx, scope, id);
      if (n === null) kept++;
      else count += n;
    }
  }
  if (wants('company')) {
    for (const id of inTrash(ctx, 'companies', olderThan)) {
      const n = purgeCompany(ctx, scope, id);
      if (n === null) kept++;
      else count += n;
    }
  }
  return { count, kept };
}
