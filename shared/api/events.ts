/** Events the backend pushes to every window and preview page. */
import type { TableName } from './requests.ts';

export interface DbChanged {
  /** The newest change sequence number after the commit. */
  seq: number;
  tables: TableName[];
  /** Row ids touched, capped; an empty list with tables set means "many". */
  ids: string[];
}

export interface JobProgress {
  jobId: string;
  kind: string;
  done: number;
  total: number | null;
  message: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  /** False for work that cannot be stopped (the book check after opening); true when absent. */
  cancellable?: boolean;
}

export interface ReminderDue {
  taskId: string;
  title: string;
  /** When the reminder came due (the snooze time when snoozed). */
  dueAt: number;
  /** The person the task is about, for the notification's text and for opening them. */
  personId?: string | null;
  personName?: string | null;
}

/** What the desktop app's menu asks the window to do (the menu lives in the main process). */
export const MENU_COMMANDS = ['backups.take'] as const;
export type MenuCommandName = (typeof MENU_COMMANDS)[number];
export interface MenuCommand {
  command: MenuCommandName;
}

export function isMenuCommand(payload: unknown): payload is MenuCommand {
  const command = (payload as { command?: unknown } | null)?.command;
  return typeof command === 'string' && (MENU_COMMANDS as readonly string[]).includes(command);
}

export interface Events {
  'db.changed': DbChanged;
  'job.progress': JobProgress;
  'reminder.due': ReminderDue;
  /** The user clicked a reminder's OS notification: open its task. */
  'reminder.open': ReminderDue;
  /** A menu item was chosen ("Take a snapshot now"): sent from main to the focused window. */
  'menu.command': MenuCommand;
}

export type EventName = keyof Events;
export const EVENT_NAMES = [
  'db.changed',
  'job.progress',
  'reminder.due',
] as const satisfies readonly EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
