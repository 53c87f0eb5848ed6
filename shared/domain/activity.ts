/** Calls, tasks, notes and the timeline. */
import type { OrderSummary } from './sales.ts';

export const CALL_DIRECTIONS = ['in', 'out'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];
export const CALL_RESPONSES = ['positive', 'neutral', 'negative'] as const;
export type CallResponse = (typeof CALL_RESPONSES)[number];
export const DEFAULT_OUTCOMES = [
  'connected',
  'no answer',
  'busy',
  'voicemail',
  'wrong number',
  'call back later',
];
export const DEFAULT_PURPOSES = ['Follow-up', 'Quote', 'Order query', 'Support', 'Introduction', 'Renewal'];

export interface Call {
  id: string;
  personId: string | null;
  personName: string | null;
  companyId: string | null;
  companyName: string | null;
  staffId: string | null;
  staffName: string | null;
  direction: CallDirection;
  startedAt: number;
  durationS: number;
  purpose: string | null;
  outcome: string;
  /** Whether the outcome counts as a conversation (sets "last contact"). */
  connected: boolean;
  response: CallResponse | null;
  summary: string;
  createdAt: number;
}

export interface CallTotals {
  count: number;
  connected: number;
  /** connected / count, 0 when there are no calls. */
  connectedRate: number;
  talkTimeS: number;
}

/** An editable list (call purposes, call outcomes, consent purposes). */
export interface ListValue {
  value: string;
  position: number;
  active: boolean;
  /** Outcomes only: a call with this outcome is a conversation. */
  connected: boolean;
}
export const LISTS = ['call_purpose', 'call_outcome', 'consent_purpose'] as const;
export type ListName = (typeof LISTS)[number];
/** The lists a call is logged with (consent purposes belong to the consent ledger). */
export type CallListName = Exclude<ListName, 'consent_purpose'>;

export const TASK_TYPES = ['call', 'email', 'meeting', 'todo'] as const;
export type TaskType = (typeof TASK_TYPES)[number];
export const TASK_TYPE_LABELS: Record<TaskType, string> = {
  call: 'Call',
  email: 'Email',
  meeting: 'Meeting',
  todo: 'To-do',
};
/** 1 = high, 2 = normal, 3 = low. */
export type Priority = 1 | 2 | 3;

export interface Task {
  id: string;
  type: TaskType;
  title: string;
  notes: string | null;
  dueDate: string | null;
  /** A due time, when the task has one (epoch ms); dueDate is its local date. */
  dueAt: number | null;
  reminderAt: number | null;
  snoozedUntil: number | null;
  priority: Priority;
  assigneeId: string | null;
  assigneeName: string | null;
  personId: string | null;
  personName: string | null;
  companyId: string | null;
  companyName: string | null;
  doneAt: number | null;
  createdAt: number;
}

export interface Agenda {
  overdue: Task[];
  today: Task[];
  upcoming: Task[];
}

export interface Note {
  id: string;
  personId: string | null;
  /** The shown name of the person the note is on (a company's timeline says whose it is). */
  personName: string | null;
  companyId: string | null;
  body: string;
  createdAt: number;
  updatedAt: number;
  createdBy: string | null;
  createdByName: string | null;
}

export type TimelineItem =
  | { kind: 'call'; at: number; id: string; call: Call }
  | { kind: 'note'; at: number; id: string; note: Note }
  | { kind: 'task'; at: number; id: string; task: Task }
  /** An order, at its order date (00:00 UTC). */
  | { kind: 'order'; at: number; id: string; order: OrderSummary }
  | {
      kind: 'change';
      at: number;
      id: string;
      change: {
        table: string;
        op: 'insert' | 'update' | 'delete';
        staffName: string | null;
        summary: string;
      };
    };

export interface Reminder {
  taskId: string;
  title: string;
  dueAt: number;
  personId: string | null;
  personName: string | null;
}
