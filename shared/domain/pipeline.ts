/**
 * The pipeline and service side of the book: deal stages, deals and the board, leads, and
 * complaints and support cases. Money is integer minor units (see money.ts); probabilities are
 * basis points (25 % is 2500); calendar dates are YYYY-MM-DD.
 */
import type { Line, Totals } from './lines.ts';
import { BP_SCALE, divRoundHalfEven } from './money.ts';

export const DEAL_STATES = ['open', 'won', 'lost'] as const;
export type DealState = (typeof DEAL_STATES)[number];

/** A column of the board. Stages that are removed stay (inactive) while closed deals name them. */
export interface DealStage {
  id: string;
  name: string;
  position: number;
  /** The default probability of a deal at this stage, in basis points. */
  probabilityBp: number;
  active: boolean;
  /** Open deals at this stage (not counting the Trash). */
  openDeals: number;
}

/** A deal as a list row or a board card. */
export interface DealRow {
  id: string;
  title: string;
  personId: string | null;
  personName: string | null;
  companyId: string | null;
  companyName: string | null;
  stageId: string;
  stageName: string;
  probabilityBp: number;
  /** Minor units of `currency`; the lines' net total when the deal has lines. */
  value: number;
  /** value × the stage's probability, rounded half-even. */
  weightedValue: number;
  currency: string;
  expectedClose: string | null;
  ownerId: string | null;
  ownerName: string | null;
  state: DealState;
  closedOn: string | null;
  lostReason: string | null;
  /** Order within the stage's column (smaller first). */
  rank: number;
  /** The order a won deal became. */
  orderId: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A deal with the products discussed. */
export interface Deal extends DealRow {
  lines: Line[];
  /** The lines' totals; null when the deal has no lines (its value is then typed in). */
  totals: Totals | null;
}

/** One currency's share of a board column. */
export interface ColumnTotal {
  currency: string;
  count: number;
  value: number;
  /** round_half_even(value × probability): the column's total weighted once, not deal by deal. */
  weighted: number;
}

export interface BoardColumn {
  stageId: string;
  name: string;
  position: number;
  probabilityBp: number;
  /** Every open deal in the column (the cards shown may be fewer). */
  count: number;
  /** Per currency, in currency order. */
  totals: ColumnTotal[];
  /** The first cards in rank order. */
  deals: DealRow[];
  /** Pass to deals.column for the next cards; null when every card is shown. */
  nextCursor: string | null;
}

export interface Board {
  columns: BoardColumn[];
}

/** A person or company at lifecycle stage "lead". */
export interface Lead {
  kind: 'person' | 'company';
  id: string;
  name: string;
  /** A person's company. */
  companyId: string | null;
  companyName: string | null;
  source: string | null;
  /** People only: companies have no owner. */
  ownerId: string | null;
  ownerName: string | null;
  phone: string | null;
  email: string | null;
  createdAt: number;
}

export interface LeadConversion {
  kind: 'person' | 'company';
  id: string;
  /** The person's company after the conversion (the one created, or the one they had). */
  companyId: string | null;
  /** The company created for the person, if one was asked for. */
  createdCompanyId: string | null;
  deal: Deal | null;
  /** Undoes the whole conversion (deal and company included) with batches.undo. */
  batchId: string;
}

export const CASE_CATEGORIES = ['complaint', 'question', 'return', 'repair', 'other'] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];
export const CASE_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];
export const CASE_STATUSES = ['open', 'waiting', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** Statuses of a case that still needs work. */
export const ACTIVE_CASE_STATUSES = ['open', 'waiting'] as const satisfies readonly CaseStatus[];

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  open: 'Open',
  waiting: 'Waiting on customer',
  resolved: 'Resolved',
  closed: 'Closed',
};

export interface Case {
  id: string;
  /** Sequential, from 1. */
  number: number;
  subject: string;
  description: string | null;
  category: CaseCategory;
  priority: CasePriority;
  status: CaseStatus;
  personId: string | null;
  personName: string | null;
  companyId: string | null;
  companyName: string | null;
  productId: string | null;
  productName: string | null;
  orderId: string | null;
  orderReference: string | null;
  ownerId: string | null;
  ownerName: string | null;
  dueDate: string | null;
  resolution: string | null;
  openedAt: number;
  resolvedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** A person's or company's open cases, for the header of their page. */
export interface OpenCases {
  /** Open and waiting cases. */
  count: number;
  /** How many of them are overdue. */
  overdue: number;
  /** The most urgent one (see compareUrgency). */
  mostUrgent: Case | null;
}

/** value × probability (basis points), rounded half-even. */
export function weightedValue(value: number, probabilityBp: number): number {
  return Number(divRoundHalfEven(BigInt(value) * BigInt(probabilityBp), BigInt(BP_SCALE)));
}

export function isActiveCase(status: CaseStatus): boolean {
  return status === 'open' || status === 'waiting';
}

/** Overdue: still active and due before the user's today. */
export function isOverdue(c: Pick<Case, 'status' | 'dueDate'>, today: string): boolean {
  return isActiveCase(c.status) && c.dueDate !== null && c.dueDate < today;
}

const PRIORITY_RANK: Record<CasePriority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/**
 * Most urgent first: higher priority, then overdue, then the earlier due date (cases without one
 * after), then the longer open.
 */
export function compareUrgency(
  a: Pick<Case, 'priority' | 'status' | 'dueDate' | 'openedAt' | 'id'>,
  b: Pick<Case, 'priority' | 'status' | 'dueDate' | 'openedAt' | 'id'>,
  today: string,
): number {
  const p = PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority];
  if (p !== 0) return p;
  const o = Number(isOverdue(b, today)) - Number(isOverdue(a, today));
  if (o !== 0) return o;
  if (a.dueDate !== b.dueDate) {
    if (a.dueDate === null) return 1;
    if (b.dueDate === null) return -1;
    return a.dueDate < b.dueDate ? -1 : 1;
  }
  if (a.openedAt !== b.openedAt) return a.openedAt - b.openedAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
