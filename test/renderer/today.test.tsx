/** Today on a seeded book at a fixed time: real counts for the local day, locale dates, error state. */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../electron/backend/demo/demo.seed.ts';
import { dayRange } from '../../renderer/features/today/useTodayRange.ts';
import { createFormatters } from '../../renderer/lib/format.ts';
import { format } from 'date-fns';
import { openTestBook, setUp, type TestBook } from '../helpers/book.ts';
import { renderApp, type RenderedApp } from './render-app.tsx';

let book: TestBook | undefined;
let app: RenderedApp | undefined;

afterEach(async () => {
  app?.stop();
  await book?.close();
});

function tile(label: string): string {
  const group = screen.getByRole('group', { name: label });
  return group.querySelector('.tile__value')?.textContent ?? '';
}

describe('Today', () => {
  it('shows the book’s counts for the local day and its latest calls', async () => {
    book = await openTestBook();
    seedDemo(book.backend, { companies: 6, people: 40, callsPerPerson: 3, tasks: 30 });
    app = renderApp(book);
    await screen.findByRole('heading', { name: 'Today', level: 1 });
    await screen.findByRole('list', { name: 'Recent calls' });

    const today = dayRange(format(book.clock(), 'yyyy-MM-dd'));
    const summary = await book.client.call('today.summary', today);
    expect(summary.counts.people).toBe(40);
    expect(tile('People')).toBe('40');
    expect(tile('Companies')).toBe('6');
    expect(tile('Calls today')).toBe(String(summary.counts.callsToday));
    expect(tile('Due today')).toBe(String(summary.counts.tasksDueToday));
    expect(tile('Overdue')).toBe(String(summary.counts.tasksOverdue));
    expect(tile('Open tasks')).toBe(String(summary.counts.openTasks));
    expect(
      within(screen.getByRole('group', { name: 'Calls today' })).getByText(
        `${summary.counts.connectedToday} connected`,
      ),
    ).toBeTruthy();

    // Each call: who, and when — relative, with the exact time in the tooltip, in the book's locale.
    const f = createFormatters('en-GB', 'GBP');
    const rows = within(screen.getByRole('list', { name: 'Recent calls' })).getAllByRole('listitem');
    expect(rows).toHaveLength(summary.recentCalls.length);
    const first = summary.recentCalls[0]!;
    const time = rows[0]!.querySelector('time')!;
    expect(rows[0]!.textContent).toContain(first.personName);
    expect(time.textContent).toBe(f.relative(first.startedAt, book.clock()));
    expect(time.getAttribute('title')).toBe(f.exact(first.startedAt));
    expect(time.getAttribute('title')).toMatch(/November 2026|2026/u);

    const due = within(screen.getByRole('list', { name: 'Tasks due today or overdue' })).getAllByRole(
      'listitem',
    );
    expect(due).toHaveLength(summary.dueTasks.length);
    // The sidebar counts what is due today (Today) and what is late on my agenda (Agenda).
    const sidebar = screen.getByRole('navigation', { name: 'Sidebar' });
    expect(
      within(sidebar).getByRole('button', { name: `Today, ${summary.counts.tasksDueToday} due today` }),
    ).toBeTruthy();
    const settings = await book.client.call('settings.get', {});
    const mine = await book.client.call('tasks.agenda', {
      date: today.date,
      days: 1,
      assigneeId: settings.currentStaffId,
    });
    const agenda = within(sidebar).getByRole('button', { name: /^Agenda/u });
    await waitFor(() =>
      expect(agenda.getAttribute('aria-label')).toBe(
        mine.overdue.length > 0 ? `Agenda, ${mine.overdue.length} overdue` : 'Agenda',
      ),
    );
  });

  it('updates when another window changes the book', async () => {
    book = await openTestBook();
    await setUp(book.client);
    app = renderApp(book);
    await screen.findByText('No calls yet');
    // Written straight into the book, as another window or an import would.
    seedDemo(book.backend, { companies: 2, people: 5, callsPerPerson: 1, tasks: 3 });
    await waitFor(() => expect(tile('People')).toBe('5'));
    expect(tile('Companies')).toBe('2');
  });

  it('says what went wrong and tries again', async () => {
    book = await openTestBook();
    await setUp(book.client);
    const failing = renderApp(book, { beforeRender: (h) => h.failNext('today.summary') });
    app = failing;
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Today’s figures could not be loaded');
    expect(alert.textContent).toContain('nothing was changed');
    await failing.user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await screen.findByText('No calls yet');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(tile('People')).toBe('0');
  });
});
