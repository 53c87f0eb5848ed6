/**
 * The Agenda against the real backend: overdue, today and upcoming for a staff profile or everyone;
 * complete (with Undo), snooze, reschedule, and a new task with every field.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Task } from '../../../shared/domain/activity.ts';
import { draw, type Drawn } from './activity.helpers.tsx';

let d: Drawn;
let tasks: Record<string, Task>;
const HOUR = 3_600_000;

beforeEach(async () => {
  tasks = {};
  d = await draw({
    before: async (book) => {
      const grace = await book.client.call('staff.create', { name: 'Grace Hopper' });
      const people = (await book.client.call('people.list', {})).rows;
      const ann = people.find((p) => p.displayName === 'Ann Lee')!;
      const add = async (key: string, input: Parameters<typeof book.client.call<'tasks.create'>>[1]) => {
        tasks[key] = await book.client.call('tasks.create', input);
      };
      await add('late', { title: 'Send the price list', dueDate: '2026-11-19', type: 'email' });
      await add('today', {
        title: 'Call Ann about the quote',
        dueDate: '2026-11-22',
        type: 'call',
        personId: ann.id,
        priority: 1,
      });
      await add('soon', { title: 'Site visit', dueDate: '2026-11-24', type: 'meeting' });
      await add('grace', { title: 'Order more oak', dueDate: '2026-11-22', assigneeId: grace.id });
    },
  });
  await screen.findByRole('heading', { name: 'Today', level: 1 });
  await d.user.keyboard('{Control>}5{/Control}');
  await screen.findByRole('heading', { name: 'Agenda', level: 1 });
  await screen.findByRole('region', { name: /Overdue/u });
});

afterEach(async () => {
  await d.close();
});

const titlesIn = (region: RegExp) =>
  within(screen.getByRole('region', { name: region }))
    .getAllByRole('listitem')
    .map((li) => li.getAttribute('aria-label'));

describe('agenda', () => {
  it('lists my overdue, today’s and upcoming tasks, and everyone’s on request', async () => {
    expect(titlesIn(/^Overdue/u)).toEqual(['Send the price list']);
    expect(titlesIn(/^Today/u)).toEqual(['Call Ann about the quote']);
    expect(titlesIn(/^Upcoming/u)).toEqual(['Site visit']);
    const late = within(screen.getByRole('region', { name: /^Overdue/u })).getByRole('listitem');
    expect(late.textContent).toContain('3 days late');
    expect(
      within(screen.getByRole('region', { name: /^Today/u })).getByRole('img', { name: 'High priority' }),
    ).toBeTruthy();
    // The sidebar counts what is late (from its own agenda query, which may answer after the screen's).
    expect(await screen.findByRole('button', { name: 'Agenda, 1 overdue' })).toBeTruthy();

    await d.user.selectOptions(screen.getByRole('combobox', { name: 'Whose tasks' }), 'Everyone');
    await waitFor(() => expect(titlesIn(/^Today/u)).toEqual(['Call Ann about the quote', 'Order more oak']));
    expect(
      within(screen.getByRole('region', { name: /^Today/u })).getByText('Assigned to Grace Hopper'),
    ).toBeTruthy();
  });

  it('completes a task with its box, and Undo brings it back', async () => {
    await d.user.click(screen.getByRole('checkbox', { name: 'Done: Send the price list' }));
    await waitFor(async () =>
      expect((await d.book.client.call('tasks.get', { id: tasks.late!.id })).doneAt).toBe(d.book.clock()),
    );
    await waitFor(() => expect(screen.queryByRole('region', { name: /^Overdue/u })).toBeNull());
    const toast = await screen.findByText('“Send the price list” is done.');
    await d.user.click(within(toast.parentElement!).getByRole('button', { name: 'Undo' }));
    await waitFor(async () =>
      expect((await d.book.client.call('tasks.get', { id: tasks.late!.id })).doneAt).toBeNull(),
    );
    await waitFor(() => expect(titlesIn(/^Overdue/u)).toEqual(['Send the price list']));
  });

  it('snoozes for an hour or until a chosen day, and reschedules', async () => {
    const menu = () =>
      screen.getByRole('button', { name: 'Snooze or reschedule “Call Ann about the quote”' });
    await d.user.click(menu());
    await d.user.click(screen.getByRole('menuitem', { name: 'For 1 hour' }));
    await waitFor(async () =>
      expect((await d.book.client.call('tasks.get', { id: tasks.today!.id })).snoozedUntil).toBe(
        d.book.clock() + HOUR,
      ),
    );
    await within(screen.getByRole('region', { name: /^Today/u })).findByText(/^Snoozed until/u);

    // Keyboard: open the menu with ↓, pick "Until a date…", type the day.
    menu().focus();
    await d.user.keyboard('{ArrowDown}');
    await d.user.click(screen.getByRole('menuitem', { name: 'Until a date…' }));
    const dialog = screen.getByRole('dialog', { name: 'Snooze until' });
    const day = within(dialog).getByLabelText('Day') as HTMLInputElement;
    expect(document.activeElement).toBe(day);
    await d.user.clear(day);
    await d.user.type(day, '2026-11-30');
    await d.user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Snooze until' })).toBeNull());
    const snoozed = await d.book.client.call('tasks.get', { id: tasks.today!.id });
    expect(snoozed.snoozedUntil).toBe(new Date(2026, 10, 30, 9, 0).getTime());

    await d.user.click(screen.getByRole('button', { name: 'Snooze or reschedule “Site visit”' }));
    await d.user.click(screen.getByRole('menuitem', { name: 'Reschedule…' }));
    const re = screen.getByRole('dialog', { name: 'Reschedule' });
    await d.user.clear(within(re).getByLabelText('Day'));
    await d.user.type(within(re).getByLabelText('Day'), '2026-11-27');
    await d.user.type(within(re).getByLabelText('Time (optional)'), '14:30');
    await d.user.click(within(re).getByRole('button', { name: 'Reschedule' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Reschedule' })).toBeNull());
    const moved = await d.book.client.call('tasks.get', { id: tasks.soon!.id });
    expect(moved).toMatchObject({ dueDate: '2026-11-27', dueAt: new Date(2026, 10, 27, 14, 30).getTime() });
    await waitFor(() =>
      expect(
        within(screen.getByRole('region', { name: /^Upcoming/u })).getByRole('heading', {
          name: 'Fri 27 Nov 2026',
        }),
      ).toBeTruthy(),
    );
  });

  it('adds a task with type, due time, reminder, priority, assignee and person', async () => {
    await d.user.click(screen.getByRole('button', { name: 'New task' }));
    const dialog = screen.getByRole('dialog', { name: 'New task' });
    const title = within(dialog).getByRole('textbox', { name: 'Title' });
    expect(document.activeElement).toBe(title);
    await d.user.click(within(dialog).getByRole('button', { name: 'Add task' }));
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(within(dialog).getByText('Give the task a title.')).toBeTruthy();
    expect((await d.book.client.call('tasks.list', {})).rows).toHaveLength(4);

    await d.user.click(within(dialog).getByRole('radio', { name: 'Call' }));
    await d.user.type(title, 'Call Bob back');
    const due = within(dialog).getByLabelText('Due');
    await d.user.clear(due);
    await d.user.type(due, '2026-11-23');
    await d.user.type(within(dialog).getByLabelText('Time (optional)'), '10:00');
    await d.user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Reminder' }),
      '15 minutes before',
    );
    await d.user.click(within(dialog).getByRole('radio', { name: 'High' }));
    await d.user.selectOptions(within(dialog).getByRole('combobox', { name: 'Assigned to' }), 'Grace Hopper');
    await d.user.type(within(dialog).getByRole('combobox', { name: 'For (optional)' }), 'bob');
    await d.user.click(await within(dialog).findByRole('option', { name: /^Bob Ray/u }));
    await d.user.click(within(dialog).getByRole('button', { name: 'Add task' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'New task' })).toBeNull());

    const created = (await d.book.client.call('tasks.list', { personId: d.people.Bob!.id })).rows[0];
    const at = new Date(2026, 10, 23, 10, 0).getTime();
    expect(created).toMatchObject({
      type: 'call',
      title: 'Call Bob back',
      dueDate: '2026-11-23',
      dueAt: at,
      reminderAt: at - 15 * 60_000,
      priority: 1,
      assigneeName: 'Grace Hopper',
      personName: 'Bob Ray',
    });
  });
});
