/**
 * Reminders in the window: when the book says a task's reminder is due ('reminder.due'), a toast
 * names the task and offers "Open", which goes to the task's person, or to the Agenda.
 * The desktop app also raises an operating-system notification from the main process; clicking
 * it sends 'reminder.open', which opens the task the same way.
 */
import { useEffect } from 'react';
import type { ReminderDue } from '../../../shared/api/events.ts';
import { useCache } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';

export function useReminderToasts() {
  const cache = useCache();
  const ui = useUiStore();
  useEffect(() => {
    const shown = new Set<string>();
    const open = async (reminder: ReminderDue) => {
      let personId = reminder.personId ?? null;
      if (personId === null && reminder.personId === undefined) {
        personId = await cache.client
          .call('tasks.get', { id: reminder.taskId })
          .then((task) => task.personId)
          .catch(() => null);
      }
      ui.getState().navigate(personId ? `people/${personId}` : 'agenda');
    };
    const offOpen = cache.client.on('reminder.open', (reminder: ReminderDue) => void open(reminder));
    const offDue = cache.client.on('reminder.due', (reminder: ReminderDue) => {
      const key = `${reminder.taskId}@${reminder.dueAt}`;
      if (shown.has(key)) return;
      shown.add(key);
      const who = reminder.personName ? ` · ${reminder.personName}` : '';
      ui.getState().toast(`Reminder: ${reminder.title}${who}`, 'info', {
        durationMs: 0,
        action: { label: 'Open', run: () => void open(reminder) },
      });
    });
    return () => {
      offOpen();
      offDue();
    };
  }, [cache, ui]);
}
