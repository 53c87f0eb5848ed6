/**
 * Raises task reminders while the app runs: on start (catching up on reminders missed while the
 * app was closed) and then every interval, it asks the backend which reminders are due, emits one
 * 'reminder.due' event for each (the shell turns it into an OS notification, the preview into a
 * toast) and acknowledges them, so each is raised once. Time comes from the clock passed in and
 * ticks from setTimer, so tests drive it without the wall clock.
 */
import type { ReminderDue } from '../../../shared/api/events.ts';
import type { Reminder } from '../../../shared/domain/activity.ts';
import type { Backend } from '../backend.ts';

/** Calls fn every ms milliseconds until the returned function is called. */
export type SetTimer = (fn: () => void, ms: number) => () => void;

export interface ReminderSchedulerOptions {
  backend: Pick<Backend, 'invoke'>;
  emit: (event: 'reminder.due', payload: ReminderDue) => void;
  clock: () => number;
  intervalMs?: number;
  setTimer?: SetTimer;
  log?: (message: string, err?: unknown) => void;
}

/** Call it to stop the scheduler. tick() looks now (tests await it; it joins a look in flight). */
export type ReminderScheduler = (() => void) & { tick(): Promise<void> };

const realTimer: SetTimer = (fn, ms) => {
  const handle = setInterval(fn, ms);
  handle.unref?.();
  return () => clearInterval(handle);
};

export function startReminderScheduler(options: ReminderSchedulerOptions): ReminderScheduler {
  const { backend, emit, clock, intervalMs = 30_000, setTimer = realTimer } = options;
  const log = options.log ?? (() => {});
  // Reminders raised whose acknowledgement failed, by task and due time: not raised again in this
  // run (a snooze gives a new due time, so a snoozed one still comes back).
  const raised = new Set<string>();
  const key = (r: Reminder) => `${r.taskId}@${r.dueAt}`;
  let running: Promise<void> | null = null;
  let stopped = false;

  async function look(): Promise<void> {
    const due = await backend.invoke('reminders.due', { now: clock() });
    if (!due.ok) {
      log('reminders.due failed', due.error);
      return;
    }
    const fresh = (due.value as Reminder[]).filter((r) => !raised.has(key(r)));
    if (fresh.length === 0 || stopped) return;
    for (const r of fresh) {
      raised.add(key(r));
      emit('reminder.due', {
        taskId: r.taskId,
        title: r.title,
        dueAt: r.dueAt,
        personId: r.personId,
        personName: r.personName,
      });
    }
    const ack = await backend.invoke('reminders.ack', { taskIds: fresh.map((r) => r.taskId) });
    if (ack.ok) for (const r of fresh) raised.delete(key(r));
    else log('reminders.ack failed', ack.error);
  }

  function tick(): Promise<void> {
    if (stopped) return Promise.resolve();
    // One look at a time: a slow look is not overlapped by the next tick.
    running ??= look()
      .catch((err: unknown) => log('reminder look-up failed', err))
      .finally(() => {
        running = null;
      });
    return running;
  }

  const cancel = setTimer(() => void tick(), intervalMs);
  void tick();
  const stop = () => {
    stopped = true;
    cancel();
  };
  return Object.assign(stop, { tick });
}
