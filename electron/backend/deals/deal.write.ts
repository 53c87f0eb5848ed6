/**
 * Creating and editing a deal inside the caller's write. The customer must be live; the company
 * follows the person unless one is named; the currency defaults to the book's; a new deal goes to
 * the end of its column. When a deal has lines its value is their net total (lines/lines.ts does
 * the money), so a typed value and lines never disagree.
 */
import type { ParsedInput } from '../../../shared/api/requests.ts';
import type { LineInputValue } from '../../../shared/api/requests/lines.schema.ts';
import type { WriteScope } from '../../db/changes.ts';
import type { DealsTable } from '../../db/schema.ts';
import { fieldError, requireCompany, requirePerson, requireStaff } from '../calls/links.ts';
import type { Ctx } from '../context.ts';
import { writeLines } from '../lines/lines.ts';
import { prepared } from '../people/prepared.ts';
import { readSettings } from '../settings/settings.store.ts';
import { firstStage, requireActiveStage } from '../stages/stages.repo.ts';
import { endRank } from './deal.rank.ts';
import { hasLines, requireLiveDeal } from './deal.rows.ts';

export type NewDeal = Omit<ParsedInput<'deals.create'>, 'lines'> & { lines?: LineInputValue[] | undefined };
type DealPatch = ParsedInput<'deals.update'>['patch'];

const VALUE_FROM_LINES = 'A deal with lines is worth their net total: leave the value out.';

function writeDealLines(
  ctx: Ctx,
  deal: Pick<DealsTable, 'id' | 'currency'>,
  lines: readonly LineInputValue[],
) {
  return writeLines(
    ctx,
    { table: 'deal_lines', column: 'deal_id', id: deal.id, currency: deal.currency },
    lines,
  );
}

/**
 * Inserts a deal; `at` prefixes field paths ("deal." when the deal is part of a larger request).
 * Returns its id.
 */
export function insertDeal(ctx: Ctx, scope: WriteScope, input: NewDeal, at = ''): string {
  const person = input.personId ? requirePerson(ctx, input.personId, `${at}personId`) : null;
  const company = input.companyId ? requireCompany(ctx, input.companyId, `${at}companyId`) : null;
  if (input.ownerId) requireStaff(ctx, input.ownerId, `${at}ownerId`);
  const stage = input.stageId ? requireActiveStage(ctx, input.stageId, `${at}stageId`) : firstStage(ctx);
  const row: DealsTable = {
    id: ctx.ids(),
    title: input.title,
    person_id: person?.id ?? null,
    company_id: input.companyId === undefined ? (person?.company_id ?? null) : (company?.id ?? null),
    stage_id: stage.id,
    value: input.value ?? 0,
    currency: input.currency ?? readSettings(ctx).currency,
    expected_close: input.expectedClose ?? null,
    owner_id: input.ownerId === undefined ? scope.staffId : input.ownerId,
    state: 'open',
    closed_on: null,
    lost_reason: null,
    rank: endRank(ctx, stage.id),
    order_id: null,
    created_at: scope.at,
    updated_at: scope.at,
    created_by: scope.staffId,
    updated_by: scope.staffId,
    deleted_at: null,
  };
  if (!row.person_id && !row.company_id)
    throw fieldError(`${at}personId`, 'A deal is with a person or a company.');
  ctx.sql.run(ctx.q.insertInto('deals').values(row));
  if (input.lines && input.lines.length > 0) {
    const totals = writeDealLines(ctx, row, input.lines);
    prepared(ctx, `UPDATE deals SET value = ? WHERE id = ?`).run(totals.net, row.id);
  }
  scope.change('deals', row.id, 'insert');
  return row.id;
}

/** Applies a patch to a live deal (throws before writing anything when a field is wrong). */
export function updateDeal(ctx: Ctx, scope: WriteScope, id: string, p: DealPatch): void {
  const before = requireLiveDeal(ctx, id);
  const next: Partial<DealsTable> = {};
  if (p.title !== undefined && p.title !== before.title) next.title = p.title;
  if (p.personId !== undefined && p.personId !== before.person_id) {
    const person = p.personId ? requirePerson(ctx, p.personId, 'patch.personId') : null;
    next.person_id = person?.id ?? null;
    // The company follows the person unless the patch names one.
    if (p.companyId === undefined && person?.company_id) next.company_id = person.company_id;
  }
  if (p.companyId !== undefined && p.companyId !== before.company_id) {
    if (p.companyId) requireCompany(ctx, p.companyId, 'patch.companyId');
    next.company_id = p.companyId;
  }
  const personId = next.person_id !== undefined ? next.person_id : before.person_id;
  const companyId = next.company_id !== undefined ? next.company_id : before.company_id;
  if (!personId && !companyId) throw fieldError('patch.personId', 'A deal is with a person or a company.');

  const linesNow = hasLines(ctx, id);
  const linesAfter = p.lines !== undefined ? p.lines.length > 0 : linesNow;
  if (p.currency !== undefined && p.currency !== before.currency) {
    if (linesNow && p.lines === undefined) {
      throw fieldError(
        'patch.currency',
        'A deal’s lines are priced in its currency: give the lines again with it.',
      );
    }
    next.currency = p.currency;
  }
  if (p.value !== undefined && p.value !== before.value) {
    if (linesAfter) throw fieldError('patch.value', VALUE_FROM_LINES);
    next.value = p.value;
  }
  if (p.stageId !== undefined && p.stageId !== before.stage_id) {
    const stage = requireActiveStage(ctx, p.stageId, 'patch.stageId');
    next.stage_id = stage.id;
    next.rank = endRank(ctx, stage.id, id);
  }
  if (p.expectedClose !== undefined && p.expectedClose !== before.expected_close) {
    next.expected_close = p.expectedClose;
  }
  if (p.ownerId !== undefined && p.ownerId !== before.owner_id) {
    if (p.ownerId) requireStaff(ctx, p.ownerId, 'patch.ownerId');
    next.owner_id = p.ownerId;
  }
  if (p.lines !== undefined) {
    const totals = writeDealLines(ctx, { id, currency: next.currency ?? before.currency }, p.lines);
    if (p.lines.length > 0) next.value = totals.net;
  } else if (Object.keys(next).length === 0) {
    return;
  }
  ctx.sql.run(
    ctx.q
      .updateTable('deals')
      .set({ ...next, updated_at: scope.at, updated_by: scope.staffId })
      .where('id', '=', id),
  );
  scope.change('deals', id, 'update');
}
