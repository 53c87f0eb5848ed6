import { describe, expect, it } from 'vitest';
import type { ReminderDue } from '../../../shared/api/events.ts';
import {
  startReminderScheduler,
  type SetTimer,
} from '../../../electron/backend/reminders/reminder.scheduler.ts';
import { HOUR, activityBook, addPerson, tablesChangedBy, type ActivityBook } from './activity.fixtures.ts';

const MIN = 60_000;

async function withReminders() {
  const b = await activityBook();
  addPerson(b, 'ann', 'Ann Lee');
  const now = b.clock();
  const mk = (title: string, reminderAt: number | null, personId: string | null = null) =>
    b.client.call('tasks.create', { title, reminderAt, personId });
  return { b, now, mk };
}

describe('reminders.due and reminders.ack', () => {
  it('lists open tasks whose reminder (or snooze) has passed and that were not shown, oldest first', async () => {
    const { b, now, mk } = await withReminders();
    const missed = await mk('missed yesterday', now - 24 * HOUR, 'ann');
    const justNow = await mk('just now', now);
    await mk('later', now + HOUR);
    await mk('no reminder', null);
    const done = await mk('done', now - HOUR);
    await b.client.call('tasks.complete', { id: done.id, done: true });
    const deleted = await mk('deleted', now - HOUR);
    await b.client.call('tasks.delete', { id: deleted.id });

    const due = await b.client.call('reminders.due', { now });
    expect(due).toEqual([
      {
        taskId: missed.id,
        title: 'missed yesterday',
        dueAt: now - 24 * HOUR,
        personId: 'ann',
        personName: 'Ann Lee',
      },
      { taskId: justNow.id, title: 'just now', dueAt: now, personId: null, personName: null },
    ]);

    const tables = await tablesChangedBy(b, async () => {
      expect(await b.client.call('reminders.ack', { taskIds: [missed.id, justNow.id, missed.id] })).toEqual({
        count: 2,
      });
    });
    expect(tables).toEqual(['tasks']);
    expect(await b.client.call('reminders.due', { now })).toEqual([]);
    // Acknowledging again changes nothing.
    expect(await b.client.call('reminders.ack', { taskIds: [missed.id] })).toEqual({ count: 0 });
    expect(b.book.sqlite.prepare(`SELECT reminded_at FROM tasks WHERE id = ?`).pluck().get(missed.id)).toBe(
      now,
    );
  });

  it('brings a snoozed reminder back at the snooze time', async () => {
    const { b, now, mk } = await withReminders();
    const t = await mk('ring', now - MIN);
    await b.client.call('reminders.ack', { taskIds: [t.id] });
    await b.client.call('tasks.snooze', { id: t.id, until: now + 10 * MIN });
    expect(await b.client.call('reminders.due', { now: now + 9 * MIN })).toEqual([]);
    expect(
      (await b.client.call('reminders.due', { now: now + 10 * MIN })).map((r) => [r.taskId, r.dueAt]),
    ).toEqual([[t.id, now + 10 * MIN]]);
  });

  it('rejects an empty acknowledgement', async () => {
    const { b } = await withReminders();
    await expect(b.client.call('reminders.ack', { taskIds: [] })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });
});

/** A timer the test fires by hand: no wall clock. */
function fakeTimer() {
  const timers: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  const setTimer: SetTimer = (fn, ms) => {
    const t = { fn, ms, cancelled: false };
    timers.push(t);
    return () => {
      t.cancelled = true;
    };
  };
  return { setTimer, timers, fire: () => timers.filter((t) => !t.cancelled).forEach((t) => t.fn()) };
}

function schedule(b: ActivityBook) {
  const emitted: ReminderDue[] = [];
  const timer = fakeTimer();
  const stop = startReminderScheduler({
    backend: b.backend,
    emit: (_event, payload) => emitted.push(payload),
    clock: b.clock,
    intervalMs: 30_000,
    setTimer: timer.setTimer,
  });
  const tick = async () => {
    timer.fire();
    await stop.tick();
  };
  return { emitted, timer, stop, tick };
}

describe('the reminder scheduler', () => {
  it('catches up once on reminders missed while closed, then raises each as it comes due', async () => {
    const { b, now, mk } = await withReminders();
    const missed = await mk('missed', now - 3 * HOUR, 'ann');
    const soon = await mk('soon', now + MIN);
    const done = await mk('done', now - HOUR);
    await b.client.call('tasks.complete', { id: done.id, done: true });

    const s = schedule(b);
    await s.stop.tick(); // the look made at start
    expect(s.timer.timers).toEqual([expect.objectContaining({ ms: 30_000 })]);
    expect(s.emitted).toEqual([
      { taskId: missed.id, title: 'missed', dueAt: now - 3 * HOUR, personId: 'ann', personName: 'Ann Lee' },
    ]);

    await s.tick(); // 0 s later: nothing new
    expect(s.emitted).toHaveLength(1);
    b.clock.advance(MIN);
    await s.tick();
    expect(s.emitted.map((e) => e.taskId)).toEqual([missed.id, soon.id]);
    b.clock.advance(HOUR);
    await s.tick();
    expect(s.emitted).toHaveLength(2); // done tasks never, and nothing twice

    // A restarted app does not raise them again.
    s.stop();
    const again = schedule(b);
    await again.stop.tick();
    expect(again.emitted).toEqual([]);
    again.stop();
  });

  it('raises a snoozed reminder again after the snooze, and stops when told', async () => {
    const { b, now, mk } = await withReminders();
    const t = await mk('ring back', now - MIN);
    const s = schedule(b);
    await s.stop.tick();
    expect(s.emitted).toHaveLength(1);
    await b.client.call('tasks.snooze', { id: t.id, until: now + 5 * MIN });
    b.clock.advance(4 * MIN);
    await s.tick();
    expect(s.emitted).toHaveLength(1);
    b.clock.advance(MIN);
    await s.tick();
    expect(s.emitted.map((e) => [e.taskId, e.dueAt])).toEqual([
      [t.id, now - MIN],
      [t.id, now + 5 * MIN],
    ]);
    s.stop();
    expect(s.timer.timers.every((x) => x.cancelled)).toBe(true);
    await b.client.call('tasks.snooze', { id: t.id, until: now + 6 * MIN });
    b.clock.advance(HOUR);
    await s.stop.tick();
    expect(s.emitted).toHaveLength(2);
  });

  it('raises a reminder once even when acknowledging it fails, and logs the failure', async () => {
    const { b, now, mk } = await withReminders();
    await mk('ring', now - MIN);
    const emitted: ReminderDue[] = [];
    const logged: string[] = [];
    const backend = {
      invoke: (name: unknown, input: unknown) =>
        name === 'reminders.ack'
          ? Promise.resolve({
              ok: false as const,
              error: { code: 'READ_ONLY' as const, message: 'read-only' },
            })
          : b.backend.invoke(name, input),
    };
    const timer = fakeTimer();
    const stop = startReminderScheduler({
      backend,
      emit: (_e, p) => emitted.push(p),
      clock: b.clock,
      setTimer: timer.setTimer,
      log: (m) => logged.push(m),
    });
    await stop.tick();
    timer.fire();
    await stop.tick();
    expect(emitted).toHaveLength(1);
    expect(logged).toContain('reminders.ack failed');
    stop();
  });
});
