/**
 * The shell: a screen for every route kept in the address, the sidebar's sections and counts, and
 * the global shortcuts (new person, log a call, search, sections), all listed in the palette and
 * on the ? sheet. Reminders arrive as toasts that open the person.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestBook, setUp } from '../../helpers/book.ts';
import { renderApp } from '../render-app.tsx';
import { draw, type Drawn } from './activity.helpers.tsx';

let d: Drawn | undefined;
afterEach(async () => {
  await d?.close();
  d = undefined;
});

const sidebar = () => screen.getByRole('navigation', { name: 'Sidebar' });
const current = () =>
  within(sidebar())
    .getAllByRole('button')
    .find((b) => b.getAttribute('aria-current') === 'page')
    ?.getAttribute('aria-label');

describe('shell and shortcuts', () => {
  it('lists the sections in order, Trash near Settings, and Ctrl+1…9 go to the first nine, kept in the address', async () => {
    d = await draw();
    const app = d;
    await screen.findByRole('heading', { name: 'Today', level: 1 });
    const [top, bottom] = within(sidebar()).getAllByRole('list');
    const sections = [
      'Today',
      'Contacts',
      'Companies',
      'Calls',
      'Agenda',
      'Pipeline',
      'Leads',
      'Orders',
      'Products',
      'Cases',
      'Reports',
    ];
    expect(
      within(top!)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(sections);
    expect(
      within(bottom!)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Import & export', 'Backups', 'Audit trail', 'Trash', 'Settings']);
    // The search field sits at the top of the sidebar.
    expect(within(sidebar()).getByRole('combobox', { name: /^Search/u })).toBeTruthy();

    const expected = sections.slice(0, 9);
    for (const [i, label] of [...expected.entries()].reverse()) {
      await app.user.keyboard(`{Control>}${i + 1}{/Control}`);
      await waitFor(() => expect(current()).toMatch(new RegExp(`^${label}`, 'u')));
      expect(window.location.hash).toBe(`#/${label.toLowerCase()}`);
    }
    // A person's page belongs to Contacts and keeps its own address.
    app.ui.getState().navigate(`people/${app.people.Ann!.id}`);
    await waitFor(() => expect(window.location.hash).toBe(`#/people/${app.people.Ann!.id}`));
    expect(current()).toBe('Contacts');
    // Going back in history (the address changing) moves the app.
    window.location.hash = '#/calls';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await screen.findByRole('heading', { name: 'Calls', level: 1 });
  });

  it('opens the route in the address on start, as after a reload', async () => {
    const book = await openTestBook();
    await setUp(book.client);
    window.location.hash = '#/agenda';
    const app = renderApp(book);
    try {
      await screen.findByRole('heading', { name: 'Agenda', level: 1 });
      expect(current()).toMatch(/^Agenda/u);
    } finally {
      app.stop();
      await book.close();
    }
  });

  it('Ctrl+N opens a new person, Ctrl+L logs a call, Ctrl+F and / go to search — from anywhere', async () => {
    d = await draw();
    const app = d;
    await screen.findByRole('heading', { name: 'Today', level: 1 });
    await app.user.keyboard('{Control>}n{/Control}');
    expect(app.ui.getState().newPersonOpen).toBe(true);
    await waitFor(() => expect(screen.getByRole('dialog')).toBeTruthy());
    app.ui.getState().closeNewPerson();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    // Ctrl+L works while typing in a field, and over the palette.
    await app.user.keyboard('{Control>}k{/Control}');
    await app.user.keyboard('xyz');
    await app.user.keyboard('{Control>}l{/Control}');
    expect(screen.queryByRole('dialog', { name: 'Command palette' })).toBeNull();
    const logCall = screen.getByRole('dialog', { name: 'Log a call' });
    expect(document.activeElement).toBe(within(logCall).getByRole('combobox', { name: 'Contact' }));
    await app.user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();

    await app.user.keyboard('{Control>}f{/Control}');
    const search = screen.getByRole('combobox', { name: 'Search people, companies, notes and calls' });
    expect(document.activeElement).toBe(search);
    await app.user.keyboard('{Escape}');
    expect(document.activeElement).not.toBe(search);
    await app.user.keyboard('/');
    expect(document.activeElement).toBe(search);
    expect((search as HTMLInputElement).value).toBe('');

    // With the sidebar hidden, search happens in the palette.
    app.ui.getState().toggleSidebar();
    await app.user.keyboard('{Control>}f{/Control}');
    expect(screen.getByRole('dialog', { name: 'Command palette' })).toBeTruthy();
  });

  it('lists every shortcut on the ? sheet and in the palette', async () => {
    d = await draw();
    const app = d;
    await screen.findByRole('heading', { name: 'Today', level: 1 });
    await app.user.keyboard('?');
    const sheet = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const rows = within(sheet)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    for (const row of [
      'Open the command paletteCtrlK',
      'SearchCtrlFor/',
      'Log a callCtrlL',
      'New personCtrlN',
      'Go to TodayCtrl1',
      'Go to ContactsCtrl2',
      'Go to CompaniesCtrl3',
      'Go to CallsCtrl4',
      'Go to AgendaCtrl5',
      'Go to PipelineCtrl6',
      'Go to ProductsCtrl9',
      'Go to SettingsCtrl,',
    ]) {
      expect(rows).toContain(row);
    }
    await app.user.keyboard('{Escape}');
    await app.user.keyboard('{Control>}k{/Control}');
    const options = within(screen.getByRole('listbox', { name: 'Commands and results' }))
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options.slice(0, 9)).toEqual([
      'Log a callCtrlL',
      'New personCtrlN',
      'New task',
      'New order',
      'New product',
      'New deal',
      'New case',
      'SearchCtrlF',
      'Edit call purposes and outcomes',
    ]);
    expect(options).toContain('Go to AgendaCtrl5');
    await app.user.keyboard('new task{Enter}');
    expect(screen.getByRole('dialog', { name: 'New task' })).toBeTruthy();
  });

  it('shows a due reminder as a toast whose Open goes to the person', async () => {
    d = await draw();
    const app = d;
    await screen.findByRole('heading', { name: 'Today', level: 1 });
    const ann = app.people.Ann!;
    const task = await app.book.client.call('tasks.create', {
      title: 'Ring Ann about the invoice',
      personId: ann.id,
    });
    app.book.hub.emit('reminder.due', {
      taskId: task.id,
      title: task.title,
      dueAt: app.book.clock(),
      personId: ann.id,
      personName: ann.displayName,
    });
    const toast = await screen.findByText('Reminder: Ring Ann about the invoice · Ann Lee');
    await app.user.click(within(toast.parentElement!).getByRole('button', { name: 'Open' }));
    await waitFor(() => expect(app.ui.getState().route).toBe(`people/${ann.id}`));
    expect(screen.queryByText(/^Reminder:/u)).toBeNull();
  });

  it('opens the task’s person when its OS notification is clicked (reminder.open from main)', async () => {
    d = await draw();
    const app = d;
    await screen.findByRole('heading', { name: 'Today', level: 1 });
    const ann = app.people.Ann!;
    const task = await app.book.client.call('tasks.create', {
      title: 'Send Ann the quote',
      personId: ann.id,
    });
    expect(app.ui.getState().route).toBe('today');
    // Without a person name the renderer looks the task up to find whom it is about.
    app.book.hub.emit('reminder.open', { taskId: task.id, title: task.title, dueAt: app.book.clock() });
    await waitFor(() => expect(app.ui.getState().route).toBe(`people/${ann.id}`));
  });
});
