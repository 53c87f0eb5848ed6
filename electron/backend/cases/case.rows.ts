/** Cases as the contract shows them: the row plus the names of what it links to. */
import { AppError } from '../../../shared/api/errors.ts';
import type { Case, CaseCategory, CasePriority, CaseStatus } from '../../../shared/domain/pipeline.ts';
import type { CasesTable } from '../../db/schema.ts';
import type { Ctx } from '../context.ts';
import { prepared } from '../people/prepared.ts';

/** Every case column plus the joined names; cases stay the outer table (LEFT JOINs). */
export const CASE_SELECT = `SELECT k.*, p.display_name AS person_name, c.name AS company_name,
    pr.name AS product_name, o.reference AS order_reference, st.name AS owner_name
  FROM cases k
  LEFT JOIN people p ON p.id = k.person_id
  LEFT JOIN companies c ON c.id = k.company_id
  LEFT JOIN products pr ON pr.id = k.product_id
  LEFT JOIN orders o ON o.id = k.order_id
  LEFT JOIN staff st ON st.id = k.owner_id`;

export type CaseJoined = CasesTable & {
  person_name: string | null;
  company_name: string | null;
  product_name: string | null;
  order_reference: string | null;
  owner_name: string | null;
};

export function toCase(row: CaseJoined): Case {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    description: row.description,
    category: row.category as CaseCategory,
    priority: row.priority as CasePriority,
    status: row.status as CaseStatus,
    personId: row.person_id,
    personName: row.person_name,
    companyId: row.company_id,
    companyName: row.company_name,
    productId: row.product_id,
    productName: row.product_name,
    orderId: row.order_id,
    orderReference: row.order_reference,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    dueDate: row.due_date,
    resolution: row.resolution,
    openedAt: row.opened_at,
    resolvedAt: row.resolved_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function notFound(id: string): AppError {
  return new AppError('NOT_FOUND', 'That case does not exist or is in the Trash.', { id });
}

export function requireLiveCase(ctx: Ctx, id: string): CasesTable {
  const row = prepared(ctx, `SELECT * FROM cases WHERE id = ? AND deleted_at IS NULL`).get(id) as
    CasesTable | undefined;
  if (!row) throw notFound(id);
  return row;
}

export function loadCase(ctx: Ctx, id: string): Case {
  const row = prepared(ctx, `${CASE_SELECT} WHERE k.id = ? AND k.deleted_at IS NULL`).get(id) as
    CaseJoined | undefined;
  if (!row) throw notFound(id);
  return toCase(row);
}
