/** Calls, editable lists, tasks and reminders, notes and timelines. */
import { z } from 'zod';
import {
  CALL_DIRECTIONS,
  CALL_RESPONSES,
  LISTS,
  TASK_TYPES,
  type Agenda,
  type Call,
  type CallTotals,
  type ListValue,
  type Note,
  type Reminder,
  type Task,
  type TimelineItem,
} from '../../domain/activity.ts';
import type { Page } from '../../domain/people.ts';
import { cardSafe, cursor, epochMs, freeText, id, isoDate, limit, returns, type RequestDef } from '../kit.ts';

const choice = z.string().trim().min(1).max(60);
const callFields = {
  personId: id.nullable().optional(),
  companyId: id.nullable().optional(),
  direction: z.enum(CALL_DIRECTIONS, 'Choose in or out.'),
  startedAt: epochMs,
  durationS: z
    .number()
    .int('Give the duration in whole seconds.')
    .min(0, 'A call cannot last less than no time.')
    .max(24 * 3600, 'A call cannot last more than a day.'),
  purpose: choice.nullable().optional(),
  outcome: choice,
  response: z.enum(CALL_RESPONSES).nullable().optional(),
  summary: z.string().trim().max(20_000).transform(cardSafe).default(''),
};
/** A patch changes only what it names: no defaults fill in the fields left out. */
const callPatch = z
  .strictObject({ ...callFields, summary: z.string().trim().max(20_000).transform(cardSafe) })
  .partial();
const callFilter = z.strictObject({
  /** Calls that started at or after this instant. */
  from: epochMs.optional(),
  /** Calls that started before this instant (exclusive). */
  to: epochMs.optional(),
  outcome: choice.optional(),
  purpose: choice.optional(),
  staffId: id.optional(),
  direction: z.enum(CALL_DIRECTIONS).optional(),
  personId: id.optional(),
  companyId: id.optional(),
});
const priority = z.union([z.literal(1), z.literal(2), z.literal(3)]);
const taskFields = {
  type: z.enum(TASK_TYPES).default('todo'),
  title: z.string().trim().min(1, 'Give the task a title.').max(300),
  notes: freeText(5000, 'The notes').optional(),
  dueDate: isoDate.nullable().optional(),
  /** A due time; needs dueDate, its date in the user's time zone. */
  dueAt: epochMs.nullable().optional(),
  reminderAt: epochMs.nullable().optional(),
  priority: priority.default(2),
  /** Left out on create: the current staff profile; null: nobody. */
  assigneeId: id.nullable().optional(),
  personId: id.nullable().optional(),
  companyId: id.nullable().optional(),
};
const taskPatch = z.strictObject({ ...taskFields, type: z.enum(TASK_TYPES), priority }).partial();
const followUp = z
  .strictObject({
    inDays: z.number().int().min(0).max(3650).optional(),
    date: isoDate.optional(),
    title: z.string().trim().min(1).max(300).optional(),
  })
  .refine(
    (f) => (f.inDays === undefined) !== (f.date === undefined),
    'Give the next call in days or on a date.',
  );

export const activityRequests = {
  'calls.log': {
    kind: 'mutation',
    reads: [],
    input: z
      .strictObject({
        call: z.strictObject(callFields),
        followUp: followUp.optional(),
        /** The user's local date "today", to turn followUp.inDays into a due date. */
        today: isoDate.optional(),
      })
      .refine((v) => v.followUp?.inDays === undefined || v.today, {
        message: 'Say which day is today.',
        path: ['today'],
      }),
    output: returns<{ call: Call; followUp: Task | null }>(),
  },
  'calls.get': {
    kind: 'query',
    reads: ['calls', 'people', 'companies', 'staff', 'list_values'],
    input: z.strictObject({ id }),
    output: returns<Call>(),
  },
  'calls.update': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ id, patch: callPatch }),
    output: returns<Call>(),
  },
  'calls.delete': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ id }),
    output: returns<{ ok: true }>(),
  },
  'calls.list': {
    kind: 'query',
    reads: ['calls', 'people', 'companies', 'staff', 'list_values'],
    input: z.strictObject({ filter: callFilter.default({}), cursor, limit: limit(500, 100) }),
    output: returns<Page<Call>>(),
  },
  'calls.totals': {
    kind: 'query',
    reads: ['calls', 'list_values'],
    input: z.strictObject({ filter: callFilter.default({}) }),
    output: returns<CallTotals>(),
  },

  'lists.get': {
    kind: 'query',
    reads: ['list_values'],
    input: z.strictObject({ list: z.enum(LISTS) }),
    output: returns<ListValue[]>(),
  },
  'lists.set': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({
      list: z.enum(LISTS),
      values: z
        .array(
          z.strictObject({
            value: choice,
            active: z.boolean().default(true),
            connected: z.boolean().default(false),
          }),
        )
        .min(1, 'Keep at least one choice.')
        .max(100),
    }),
    output: returns<ListValue[]>(),
  },

  'tasks.create': { kind: 'mutation', reads: [], input: z.strictObject(taskFields), output: returns<Task>() },
  'tasks.get': {
    kind: 'query',
    reads: ['tasks', 'people', 'companies', 'staff'],
    input: z.strictObject({ id }),
    output: returns<Task>(),
  },
  'tasks.update': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ id, patch: taskPatch }),
    output: returns<Task>(),
  },
  'tasks.complete': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ id, done: z.boolean() }),
    output: returns<Task>(),
  },
  'tasks.snooze': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ id, until: epochMs }),
    output: returns<Task>(),
  },
  'tasks.delete': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ id }),
    output: returns<{ ok: true }>(),
  },
  'tasks.agenda': {
    kind: 'query',
    reads: ['tasks', 'people', 'companies', 'staff'],
    input: z.strictObject({
      /** The user's local date. */
      date: isoDate,
      /** Left out: everyone's tasks; null: unassigned tasks only. */
      assigneeId: id.nullable().optional(),
      /** How many days ahead "upcoming" reaches. */
      days: z.number().int().min(1).max(365).default(14),
    }),
    output: returns<Agenda>(),
  },
  /** Newest first (by id, which is creation order). */
  'tasks.list': {
    kind: 'query',
    reads: ['tasks', 'people', 'companies', 'staff'],
    input: z.strictObject({
      personId: id.optional(),
      companyId: id.optional(),
      open: z.boolean().optional(),
      cursor,
      limit: limit(500, 100),
    }),
    output: returns<Page<Task>>(),
  },
  'reminders.due': {
    kind: 'query',
    reads: ['tasks', 'people'],
    input: z.strictObject({ now: epochMs }),
    output: returns<Reminder[]>(),
  },
  'reminders.ack': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ taskIds: z.array(id).min(1).max(1000) }),
    output: returns<{ count: number }>(),
  },

  'notes.create': {
    kind: 'mutation',
    reads: [],
    input: z
      .strictObject({
        personId: id.nullable().optional(),
        companyId: id.nullable().optional(),
        body: z.string().trim().min(1, 'Write something in the note.').max(50_000).transform(cardSafe),
      })
      .refine((n) => Boolean(n.personId || n.companyId), 'A note belongs to a person or a company.'),
    output: returns<Note>(),
  },
  'notes.update': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({
      id,
      body: z.string().trim().min(1, 'Write something in the note.').max(50_000).transform(cardSafe),
    }),
    output: returns<Note>(),
  },
  'notes.delete': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ id }),
    output: returns<{ ok: true }>(),
  },

  'timeline.person': {
    kind: 'query',
    reads: ['calls', 'notes', 'tasks', 'people', 'companies', 'staff', 'list_values'],
    input: z.strictObject({ personId: id, cursor, limit: limit(200, 50) }),
    output: returns<Page<TimelineItem>>(),
  },
  'timeline.company': {
    kind: 'query',
    reads: ['calls', 'notes', 'tasks', 'people', 'companies', 'staff', 'list_values'],
    input: z.strictObject({ companyId: id, cursor, limit: limit(200, 50) }),
    output: returns<Page<TimelineItem>>(),
  },
} as const satisfies Record<string, RequestDef>;
