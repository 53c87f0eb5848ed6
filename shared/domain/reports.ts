/**
 * Reports: sales by month and by product category, the pipeline by stage, deals won and lost by
 * month, and open cases by age. Money is in minor units, one row per currency where money is summed.
 */

export interface SalesMonth {
  /** YYYY-MM */
  month: string;
  currency: string;
  orders: number;
  net: number;
  tax: number;
  gross: number;
  cost: number;
  margin: number;
}

export interface SalesCategory {
  /** null: lines with no category (free text, or a product without one). */
  categoryId: string | null;
  name: string;
  currency: string;
  lines: number;
  net: number;
  gross: number;
  cost: number;
  margin: number;
}

export interface PipelineStage {
  stageId: string;
  name: string;
  probabilityBp: number;
  currency: string;
  count: number;
  value: number;
  weighted: number;
}

export interface WonLostMonth {
  /** YYYY-MM */
  month: string;
  currency: string;
  won: number;
  wonValue: number;
  lost: number;
  lostValue: number;
}

export const CASE_AGE_BUCKETS = ['week', 'month', 'quarter', 'older'] as const;
export type CaseAgeBucket = (typeof CASE_AGE_BUCKETS)[number];
export const CASE_AGE_LABELS: Record<CaseAgeBucket, string> = {
  week: 'Under a week',
  month: '1–4 weeks',
  quarter: '1–3 months',
  older: 'Over 3 months',
};

export interface CaseAgeRow {
  bucket: CaseAgeBucket;
  open: number;
  waiting: number;
  overdue: number;
}
