/** How cases read: categories, priorities and statuses in plain words. */
import type { CaseCategory, CasePriority, CaseStatus } from '../../../shared/domain/pipeline.ts';

export const CATEGORY_LABELS: Record<CaseCategory, string> = {
  complaint: 'Complaint',
  question: 'Question',
  return: 'Return',
  repair: 'Repair',
  other: 'Other',
};

export const PRIORITY_LABELS: Record<CasePriority, string> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  urgent: 'Urgent',
};

export const STATUS_LABELS: Record<CaseStatus, string> = {
  open: 'Open',
  waiting: 'Waiting on customer',
  resolved: 'Resolved',
  closed: 'Closed',
};

export const STATUS_TONE: Record<CaseStatus, string> = {
  open: 'badge--accent',
  waiting: 'badge--warning',
  resolved: 'badge--success',
  closed: '',
};
