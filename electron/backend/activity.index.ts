/** Every handler of the activity domain (calls, lists, tasks, reminders, notes, timelines). */
import { callsHandlers } from './calls/calls.handlers.ts';
import type { HandlerMap } from './handler.ts';
import { listsHandlers } from './lists/lists.handlers.ts';
import { notesHandlers } from './notes/notes.handlers.ts';
import { remindersHandlers } from './reminders/reminders.handlers.ts';
import { tasksHandlers } from './tasks/tasks.handlers.ts';
import { timelineHandlers } from './timeline/timeline.handlers.ts';

export const activityHandlers = {
  ...callsHandlers,
  ...listsHandlers,
  ...tasksHandlers,
  ...remindersHandlers,
  ...notesHandlers,
  ...timelineHandlers,
} satisfies HandlerMap<
  | 'calls.log'
  | 'calls.get'
  | 'calls.update'
  | 'calls.delete'
  | 'calls.list'
  | 'calls.totals'
  | 'lists.get'
  | 'lists.set'
  | 'tasks.create'
  | 'tasks.get'
  | 'tasks.update'
  | 'tasks.complete'
  | 'tasks.snooze'
  | 'tasks.delete'
  | 'tasks.agenda'
  | 'tasks.list'
  | 'reminders.due'
  | 'reminders.ack'
  | 'notes.create'
  | 'notes.update'
  | 'notes.delete'
  | 'timeline.person'
  | 'timeline.company'
>;
