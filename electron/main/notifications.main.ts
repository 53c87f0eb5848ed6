/**
 * Task reminders as operating-system notifications. The reminder scheduler (backend) emits
 * 'reminder.due'; here each one becomes a Notification sent from main. Clicking it brings the
 * window forward and emits 'reminder.open', which the renderer answers by opening the task's person
 * (or the Agenda).
 */
import type { NotificationConstructorOptions } from 'electron';
import type { ReminderDue } from '../../shared/api/events.ts';
import type { EventHub } from '../backend/event-hub.ts';

export interface NotificationLike {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
}

export interface NotificationApi {
  isSupported(): boolean;
  create(options: NotificationConstructorOptions): NotificationLike;
}

export interface ReminderNotificationOptions {
  hub: Pick<EventHub, 'subscribe' | 'emit'>;
  notifications: NotificationApi;
  /** Brings the main window forward (restoring it when minimised). */
  focus(): void;
  log?: (message: string, err?: unknown) => void;
}

export function reminderText(reminder: ReminderDue): NotificationConstructorOptions {
  return {
    title: reminder.title,
    body: reminder.personName ? `Reminder · ${reminder.personName}` : 'Reminder from Ledgerline',
    silent: false,
  };
}

/** Shows a notification for every reminder that comes due; returns the unsubscribe function. */
export function notifyReminders(options: ReminderNotificationOptions): () => void {
  const { hub, notifications, focus } = options;
  // Notifications are kept referenced until clicked, or the OS may drop their click handler.
  const live = new Set<NotificationLike>();
  return hub.subscribe((event, payload) => {
    if (event !== 'reminder.due') return;
    if (!notifications.isSupported()) return;
    const reminder = payload as ReminderDue;
    try {
      const note = notifications.create(reminderText(reminder));
      live.add(note);
      note.on('click', () => {
        live.delete(note);
        focus();
        hub.emit('reminder.open', reminder);
      });
      note.show();
    } catch (err) {
      options.log?.('A reminder notification could not be shown', err);
    }
  });
}
