import { describe, expect, it, vi } from 'vitest';
import { createEventHub } from '../../electron/backend/event-hub.ts';
import { notifyReminders, type NotificationLike } from '../../electron/main/notifications.main.ts';

function fakeNotifications(supported = true) {
  const shown: { options: { title?: string; body?: string }; click(): void }[] = [];
  return {
    shown,
    api: {
      isSupported: () => supported,
      create(options: { title?: string; body?: string }): NotificationLike {
        let onClick = () => {};
        const note = {
          on: (_event: 'click', listener: () => void) => {
            onClick = listener;
            return note;
          },
          show: () => shown.push({ options, click: () => onClick() }),
        };
        return note;
      },
    },
  };
}

describe('reminder notifications', () => {
  it('shows one OS notification per reminder, and a click focuses the window and opens the task', () => {
    const hub = createEventHub();
    const fake = fakeNotifications();
    const focus = vi.fn();
    const opened: unknown[] = [];
    hub.subscribe((event, payload) => {
      if (event === 'reminder.open') opened.push(payload);
    });
    const stop = notifyReminders({ hub, notifications: fake.api, focus });
    const reminder = {
      taskId: 't1',
      title: 'Call Ann about the quote',
      dueAt: 1,
      personId: 'p1',
      personName: 'Ann Lee',
    };
    hub.emit('reminder.due', reminder);
    hub.emit('db.changed', { seq: 1, tables: ['tasks'], ids: [] });
    expect(fake.shown).toHaveLength(1);
    expect(fake.shown[0]?.options).toMatchObject({
      title: 'Call Ann about the quote',
      body: 'Reminder · Ann Lee',
    });
    expect(focus).not.toHaveBeenCalled();
    fake.shown[0]?.click();
    expect(focus).toHaveBeenCalledTimes(1);
    expect(opened).toEqual([reminder]);
    stop();
    hub.emit('reminder.due', reminder);
    expect(fake.shown).toHaveLength(1);
  });

  it('shows nothing where the platform has no notifications', () => {
    const hub = createEventHub();
    const fake = fakeNotifications(false);
    notifyReminders({ hub, notifications: fake.api, focus: () => {} });
    hub.emit('reminder.due', { taskId: 't', title: 'x', dueAt: 0 });
    expect(fake.shown).toHaveLength(0);
  });
});
