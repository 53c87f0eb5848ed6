/** Specs of the activity writes: calls, the editable lists, tasks and reminders, notes. */
import fc from 'fast-check';
import {
  aim,
  aimParty,
  date,
  expectFor,
  link,
  opt,
  pick,
  rarely,
  ref,
  staffPick,
  text,
  UNKNOWN_ID,
} from './pools.ts';
import { spec, type Built, type Spec } from './steps.ts';
import { ids, nth, type World } from './world.ts';

/** An active choice of a list, or one that is not on it. */
function choice(w: World, list: 'call_outcome' | 'call_purpose', n: number, wrong: boolean) {
  if (wrong) return 'teleported';
  const values = ids(
    w,
    `SELECT value FROM list_values WHERE list = ? AND active = 1 ORDER BY position`,
    list,
  );
  return nth(values, n);
}

/** An instant near the clock: hours back, or days ahead. */
const offset = fc.integer({ min: -30 * 86_400_000, max: 5 * 86_400_000 });

const callsLog = spec({
  name: 'calls.log',
  weight: 5,
  arb: fc.record({
    person: link,
    company: link,
    direction: fc.constantFrom('in', 'out'),
    at: offset,
    duration: fc.oneof({ weight: 9, arbitrary: fc.nat(7200) }, { weight: 1, arbitrary: fc.constant(86_401) }),
    outcome: pick,
    purpose: opt(pick),
    response: opt(fc.constantFrom('positive', 'neutral', 'negative')),
    summary: opt(fc.oneof(text, fc.constant(''))),
    followUp: opt(fc.oneof(fc.record({ inDays: fc.nat(30) }), fc.record({ date }))),
    wrongOutcome: rarely,
  }),
  build(w, p): Built | null {
    const outcome = choice(w, 'call_outcome', p.outcome, p.wrongOutcome);
    if (!outcome) return null;
    const call: Record<string, unknown> = {
      direction: p.direction,
      startedAt: Math.max(0, w.b.clock() + p.at),
      durationS: p.duration,
      outcome,
    };
    const { person, company } = aimParty(w, p, call);
    if (p.purpose !== undefined) call.purpose = choice(w, 'call_purpose', p.purpose, false) ?? null;
    if (p.response) call.response = p.response;
    if (p.summary !== undefined) call.summary = p.summary;
    const input: Record<string, unknown> = { call };
    if (p.followUp) {
      input.followUp = p.followUp;
      input.today = '2026-11-22';
    }
    const nobody = !person.id && !company.id;
    const refused =
      !person.ok ||
      !company.ok ||
      outcome === 'teleported' ||
      p.duration > 86_400 ||
      (p.followUp !== undefined && nobody);
    return { input, expect: refused ? 'refused' : 'ok' };
  },
});

const callsUpdate = spec({
  name: 'calls.update',
  weight: 3,
  arb: fc.record({
    call: ref,
    person: link,
    company: link,
    at: opt(offset),
    outcome: opt(pick),
    purpose: opt(fc.option(pick, { nil: null })),
    summary: opt(fc.oneof(text, fc.constant(''))),
    duration: opt(fc.nat(3600)),
  }),
  build(w, p): Built | null {
    const id = aim(w, 'calls', p.call.t, p.call.n);
    if (!id) return null;
    const patch: Record<string, unknown> = {};
    const { person, company } = aimParty(w, p, patch);
    if (p.at !== undefined) patch.startedAt = Math.max(0, w.b.clock() + p.at);
    if (p.outcome !== undefined) patch.outcome = choice(w, 'call_outcome', p.outcome, false);
    if (p.purpose !== undefined)
      patch.purpose = p.purpose === null ? null : (choice(w, 'call_purpose', p.purpose, false) ?? null);
    if (p.summary !== undefined) patch.summary = p.summary;
    if (p.duration !== undefined) patch.durationS = p.duration;
    if (p.call.t !== 'live') return { input: { id, patch }, expect: 'refused' };
    // A link to something missing is refused only when it would change the call's link.
    const doubtful = (!person.ok && person.id !== null) || (!company.ok && company.id !== null);
    return { input: { id, patch }, expect: doubtful ? 'any' : 'ok' };
  },
});

const simpleDelete = (name: 'calls.delete' | 'tasks.delete' | 'notes.delete', table: string) =>
  spec({
    name,
    weight: 2,
    arb: ref,
    build(w, p): Built | null {
      const id = aim(w, table, p.t, p.n);
      if (!id) return null;
      return { input: { id }, expect: p.t === 'live' ? 'ok' : 'refused' };
    },
  });

const NEW_CHOICES = ['Left a message', 'Emailed instead', 'Connected', 'Wrong person'];

const listsSet = spec({
  name: 'lists.set',
  weight: 2,
  arb: fc.record({
    list: fc.constantFrom('call_outcome', 'call_purpose', 'consent_purpose'),
    keep: fc.array(fc.record({ at: pick, active: fc.boolean(), connected: fc.boolean() }), {
      minLength: 0,
      maxLength: 6,
    }),
    add: fc.array(fc.record({ value: fc.constantFrom(...NEW_CHOICES), connected: fc.boolean() }), {
      maxLength: 2,
    }),
    dup: rarely,
  }),
  build(w, p): Built | null {
    const current = w.reader
      .prepare(`SELECT value, active, connected FROM list_values WHERE list = ? ORDER BY position`)
      .all(p.list) as { value: string; active: number; connected: number }[];
    const values: { value: string; active: boolean; connected: boolean }[] = [];
    const seen = new Set<string>();
    for (const k of p.keep) {
      const c = nth(current, k.at);
      if (!c || seen.has(c.value.toLowerCase())) continue;
      seen.add(c.value.toLowerCase());
      values.push({ value: c.value, active: k.active || k.connected, connected: k.connected });
    }
    for (const a of p.add) {
      if (seen.has(a.value.toLowerCase())) continue;
      seen.add(a.value.toLowerCase());
      values.push({ value: a.value, active: true, connected: a.connected });
    }
    if (p.dup && values[0]) values.push({ ...values[0], value: values[0].value.toUpperCase() });
    if (values.length === 0) return null;
    const isDup = p.dup && values.length > 1;
    return { input: { list: p.list, values }, expect: isDup ? 'refused' : 'any' };
  },
});

const tasksCreate = spec({
  name: 'tasks.create',
  weight: 4,
  arb: fc.record({
    type: fc.constantFrom('call', 'call', 'email', 'meeting', 'todo'),
    title: fc.constantFrom('Call back about the quote', 'Send the brochure', 'Renewal chat'),
    dueDate: fc.oneof(
      { weight: 4, arbitrary: date },
      { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
    ),
    dueAt: opt(offset),
    reminder: opt(offset),
    priority: fc.constantFrom(1, 2, 3),
    person: link,
    company: link,
    assignee: opt(
      fc.oneof(
        { weight: 9, arbitrary: pick.map((n) => ({ n })) },
        { weight: 1, arbitrary: fc.constant('unknown' as const) },
      ),
    ),
    notes: opt(text),
  }),
  build(w, p): Built {
    const input: Record<string, unknown> = { type: p.type, title: p.title, priority: p.priority };
    if (p.dueDate !== undefined) input.dueDate = p.dueDate;
    if (p.dueAt !== undefined) input.dueAt = Math.max(0, w.b.clock() + p.dueAt);
    if (p.reminder !== undefined) input.reminderAt = Math.max(0, w.b.clock() + p.reminder);
    const { person, company } = aimParty(w, p, input);
    if (p.notes) input.notes = p.notes;
    if (p.assignee !== undefined)
      input.assigneeId = p.assignee === 'unknown' ? UNKNOWN_ID : staffPick(w, p.assignee.n);
    const timeWithoutDate = p.dueAt !== undefined && !p.dueDate;
    const refused = !person.ok || !company.ok || timeWithoutDate || p.assignee === 'unknown';
    return { input, expect: refused ? 'refused' : 'ok' };
  },
});

const tasksUpdate = spec({
  name: 'tasks.update',
  weight: 3,
  arb: fc.record({
    task: ref,
    type: opt(fc.constantFrom('call', 'todo')),
    dueDate: opt(fc.option(date, { nil: null })),
    dueAt: opt(fc.option(offset, { nil: null })),
    reminder: opt(fc.option(offset, { nil: null })),
    person: link,
    company: link,
    priority: opt(fc.constantFrom(1, 2, 3)),
    title: opt(fc.constantFrom('Call again', 'Chase payment')),
  }),
  build(w, p): Built | null {
    const id = aim(w, 'tasks', p.task.t, p.task.n);
    if (!id) return null;
    const patch: Record<string, unknown> = {};
    if (p.type) patch.type = p.type;
    if (p.dueDate !== undefined) patch.dueDate = p.dueDate;
    if (p.dueAt !== undefined) patch.dueAt = p.dueAt === null ? null : Math.max(0, w.b.clock() + p.dueAt);
    if (p.reminder !== undefined)
      patch.reminderAt = p.reminder === null ? null : Math.max(0, w.b.clock() + p.reminder);
    aimParty(w, p, patch);
    if (p.priority) patch.priority = p.priority;
    if (p.title) patch.title = p.title;
    return { input: { id, patch }, expect: p.task.t === 'live' ? 'any' : 'refused' };
  },
});

const tasksComplete = spec({
  name: 'tasks.complete',
  weight: 2,
  arb: fc.record({ task: ref, done: fc.boolean() }),
  build(w, p): Built | null {
    const id = aim(w, 'tasks', p.task.t, p.task.n);
    if (!id) return null;
    return { input: { id, done: p.done }, expect: p.task.t === 'live' ? 'ok' : 'refused' };
  },
});

const tasksSnooze = spec({
  name: 'tasks.snooze',
  arb: fc.record({ task: ref, until: offset }),
  build(w, p): Built | null {
    const id = aim(w, 'tasks', p.task.t, p.task.n);
    if (!id) return null;
    return { input: { id, until: Math.max(0, w.b.clock() + p.until) }, expect: expectFor(p.task.t) };
  },
});

const remindersAck = spec({
  name: 'reminders.ack',
  arb: fc.record({ tasks: fc.array(ref, { minLength: 1, maxLength: 3 }), none: rarely }),
  build(w, p): Built | null {
    // Acknowledging nothing is refused; unknown or deleted tasks are passed over.
    if (p.none) return { input: { taskIds: [] }, expect: 'refused' };
    const taskIds = p.tasks
      .map((r) => aim(w, 'tasks', r.t, r.n))
      .filter((id): id is string => id !== undefined);
    if (taskIds.length === 0) return null;
    return { input: { taskIds }, expect: 'ok' };
  },
});

const notesCreate = spec({
  name: 'notes.create',
  weight: 3,
  arb: fc.record({
    person: link,
    company: link,
    body: fc.oneof({ weight: 6, arbitrary: text }, { weight: 1, arbitrary: fc.constant('   ') }),
  }),
  build(w, p): Built {
    const input: Record<string, unknown> = { body: p.body };
    const { person, company } = aimParty(w, p, input);
    const refused = !person.ok || !company.ok || (!person.id && !company.id) || !p.body.trim();
    return { input, expect: refused ? 'refused' : 'ok' };
  },
});

const notesUpdate = spec({
  name: 'notes.update',
  weight: 2,
  arb: fc.record({ note: ref, body: fc.oneof(text, text, fc.constant('')) }),
  build(w, p): Built | null {
    const id = aim(w, 'notes', p.note.t, p.note.n);
    if (!id) return null;
    const refused = p.note.t !== 'live' || !p.body.trim();
    return { input: { id, body: p.body }, expect: refused ? 'refused' : 'ok' };
  },
});

export const ACTIVITY_SPECS: Spec[] = [
  callsLog,
  callsUpdate,
  simpleDelete('calls.delete', 'calls'),
  listsSet,
  tasksCreate,
  tasksUpdate,
  tasksComplete,
  tasksSnooze,
  simpleDelete('tasks.delete', 'tasks'),
  remindersAck,
  notesCreate,
  notesUpdate,
  simpleDelete('notes.delete', 'notes'),
] as Spec[];
