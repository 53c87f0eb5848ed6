/**
 * Opening, editing and moving a case through its statuses, inside the caller's write.
 *
 * Status rules: open and waiting (on the customer) are active. Resolving or closing needs a
 * resolution, given with the change or already on the case (VALIDATION at `resolution`), and
 * records when the case was resolved (closing a resolved case keeps that instant). Reopening
 * (back to open or waiting) clears the resolution and its instant: an active case has neither.
 */
import { AppError } from '../../../shared/api/errors.ts';
import type { ParsedInput } from '../../../shared/api/requests.ts';
import { isActiveCase, type CaseStatus } from '../../../shared/domain/pipeline.ts';
import type { WriteScope } from '../../db/changes.ts';
import type { CasesTable } from '../../db/schema.ts';
import { fieldError, requireCompany, requirePerson, requireStaff } from '../calls/links.ts';
import type { Ctx } from '../context.ts';
import { plucked, prepared } from '../people/prepared.ts';
import { requireLiveCase } from './case.rows.ts';

type NewCase = ParsedInput<'cases.create'>;
type CasePatch = ParsedInput<'cases.update'>['patch'];

function missing(what: string, path: string, id: string): AppError {
  const message = `That ${what} does not exist or is in the Trash.`;
  return new AppError('NOT_FOUND', message, { id, issues: [{ path, message }] });
}

/** A product of the catalogue (an archived one too: complaints outlive the catalogue). */
function requireProduct(ctx: Ctx, id: string, path: string): void {
  if (!prepared(ctx, `SELECT 1 FROM products WHERE id = ? AND deleted_at IS NULL`).get(id)) {
    throw missing('product', path, id);
  }
}

function requireOrder(ctx: Ctx, id: string, path: string): void {
  if (!prepared(ctx, `SELECT 1 FROM orders WHERE id = ? AND deleted_at IS NULL`).get(id)) {
    throw missing('order', path, id);
  }
}

export function insertCase(ctx: Ctx, scope: WriteScope, input: NewCase): string {
  const person = input.personId ? requirePerson(ctx, input.personId, 'personId') : null;
  const company = input.companyId ? requireCompany(ctx, input.companyId, 'companyId') : null;
  if (input.productId) requireProduct(ctx, input.productId, 'productId');
  if (input.orderId) requireOrder(ctx, input.orderId, 'orderId');
  if (input.ownerId) requireStaff(ctx, input.ownerId, 'ownerId');
  // Sequential: the next number after the highest (one probe of the number's unique index).
  const number = plucked(ctx, `SELECT coalesce(max(number), 0) + 1 FROM cases`).get() as number;
  const row: CasesTable = {
    id: ctx.ids(),
    number,
    subject: input.subject,
    description: input.description ?? null,
    category: input.category,
    priority: input.priority,
    status: 'open',
    person_id: person?.id ?? null,
    company_id: input.companyId === undefined ? (person?.company_id ?? null) : (company?.id ?? null),
    product_id: input.productId ?? null,
    order_id: input.orderId ?? null,
    owner_id: input.ownerId === undefined ? scope.staffId : input.ownerId,
    due_date: input.dueDate ?? null,
    resolution: null,
    opened_at: scope.at,
    resolved_at: null,
    created_at: scope.at,
    updated_at: scope.at,
    created_by: scope.staffId,
    updated_by: scope.staffId,
    deleted_at: null,
  };
  ctx.sql.run(ctx.q.insertInto('cases').values(row));
  scope.change('cases', row.id, 'insert');
  return row.id;
}

export function updateCase(ctx: Ctx, scope: WriteScope, id: string, p: CasePatch): void {
  const before = requireLiveCase(ctx, id);
  const next: Partial<CasesTable> = {};
  if (p.subject !== undefined && p.subject !== before.subject) next.subject = p.subject;
  if (p.description !== undefined && p.description !== before.description) next.description = p.description;
  if (p.category !== undefined && p.category !== before.category) next.category = p.category;
  if (p.priority !== undefined && p.priority !== before.priority) next.priority = p.priority;
  if (p.personId !== undefined && p.personId !== before.person_id) {
    const person = p.personId ? requirePerson(ctx, p.personId, 'patch.personId') : null;
    next.person_id = person?.id ?? null;
    if (p.companyId === undefined && person?.company_id) next.company_id = person.company_id;
  }
  if (p.companyId !== undefined && p.companyId !== before.company_id) {
    if (p.companyId) requireCompany(ctx, p.companyId, 'patch.companyId');
    next.company_id = p.companyId;
  }
  const personId = next.person_id !== undefined ? next.person_id : before.person_id;
  const companyId = next.company_id !== undefined ? next.company_id : before.company_id;
  if (!personId && !companyId) throw fieldError('patch.personId', 'A case is for a person or a company.');
  if (p.productId !== undefined && p.productId !== before.product_id) {
    if (p.productId) requireProduct(ctx, p.productId, 'patch.productId');
    next.product_id = p.productId;
  }
  if (p.orderId !== undefined && p.orderId !== before.order_id) {
    if (p.orderId) requireOrder(ctx, p.orderId, 'patch.orderId');
    next.order_id = p.orderId;
  }
  if (p.ownerId !== undefined && p.ownerId !== before.owner_id) {
    if (p.ownerId) requireStaff(ctx, p.ownerId, 'patch.ownerId');
    next.owner_id = p.ownerId;
  }
  if (p.dueDate !== undefined && p.dueDate !== before.due_date) next.due_date = p.dueDate;
  if (p.resolution !== undefined) {
    if (isActiveCase(before.status as CaseStatus)) {
      throw fieldError('patch.resolution', 'Resolve the case to record how it was resolved.');
    }
    if (!p.resolution) throw fieldError('patch.resolution', 'A resolved case keeps a resolution.');
    if (p.resolution !== before.resolution) next.resolution = p.resolution;
  }
  if (Object.keys(next).length === 0) return;
  ctx.sql.run(
    ctx.q
      .updateTable('cases')
      .set({ ...next, updated_at: scope.at, updated_by: scope.staffId })
      .where('id', '=', id),
  );
  scope.change('cases', id, 'update');
}

export function setCaseStatus(ctx: Ctx, scope: WriteScope, input: ParsedInput<'cases.setStatus'>): void {
  const before = requireLiveCase(ctx, input.id);
  const wasActive = isActiveCase(before.status as CaseStatus);
  let resolution: string | null;
  let resolvedAt: number | null;
  if (isActiveCase(input.status)) {
    if (input.resolution) {
      throw fieldError('resolution', 'A resolution is recorded when the case is resolved or closed.');
    }
    resolution = null;
    resolvedAt = null;
  } else {
    resolution = input.resolution !== undefined ? input.resolution : before.resolution;
    if (!resolution) throw fieldError('resolution', 'Say how the case was resolved.');
    resolvedAt = wasActive ? scope.at : (before.resolved_at ?? scope.at);
  }
  if (before.status === input.status && before.resolution === resolution && before.resolved_at === resolvedAt)
    return;
  prepared(
    ctx,
    `UPDATE cases SET status = ?, resolution = ?, resolved_at = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
  ).run(input.status, resolution, resolvedAt, scope.at, scope.staffId, before.id);
  scope.change('cases', before.id, 'update');
}
