/** Snooze choices, reminder offsets and how a task's due moment reads. */
import { addDays, addHours, format, nextMonday, parseISO, set, startOfDay } from 'date-fns';
import type { Task } from '../../../shared/domain/activity.ts';

/** The working morning a snooze wakes up at. */
const MORNING = { hours: 9, minutes: 0, seconds: 0, milliseconds: 0 };

export type SnoozeChoice = 'hour' | 'tomorrow' | 'nextWeek';

export function snoozeUntil(choice: SnoozeChoice, now: number): number {
  switch (choice) {
    case 'hour':
      return addHours(now, 1).getTime();
    case 'tomorrow':
      return set(addDays(startOfDay(now), 1), MORNING).getTime();
    case 'nextWeek':
      return set(nextMonday(now), MORNING).getTime();
  }
}

/** A date ("2026-11-23") and an optional time ("14:30") as an instant; no time means 09:00. */
export function instantOf(date: string, time: string): number {
  const day = parseISO(date);
  if (!time) return set(day, MORNING).getTime();
  const [h, m] = time.split(':').map(Number);
  return set(day, { hours: h ?? 0, minutes: m ?? 0, seconds: 0, milliseconds: 0 }).getTime();
}

export const REMINDERS = [
  { id: 'none', label: 'No reminder' },
  { id: 'at', label: 'At the due time' },
  { id: '15m', label: '15 minutes before' },
  { id: '1h', label: '1 hour before' },
  { id: '1d', label: '1 day before' },
] as const;
export type ReminderChoice = (typeof REMINDERS)[number]['id'];

const OFFSETS: Record<Exclude<ReminderChoice, 'none'>, number> = {
  at: 0,
  '15m': 15 * 60_000,
  '1h': 3_600_000,
  '1d': 86_400_000,
};

/** When a reminder goes off, given the due day and time (09:00 when the task has no time). */
export function reminderAt(choice: ReminderChoice, date: string, time: string): number | null {
  if (choice === 'none' || !date) return null;
  return instantOf(date, time) - OFFSETS[choice];
}

export function todayIso(now: number): string {
  return format(now, 'yyyy-MM-dd');
}

/** The local date a task is due on. */
export function dueDay(task: Task): string | null {
  if (task.dueDate) return task.dueDate;
  return task.dueAt === null ? null : format(task.dueAt, 'yyyy-MM-dd');
}
