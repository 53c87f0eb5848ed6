/** The command palette and the keyboard: every command listed with its shortcut, run by keys alone. */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestBook, setUp, type TestBook } from '../helpers/book.ts';
import { renderApp, type RenderedApp } from './render-app.tsx';

let book: TestBook;
let app: RenderedApp;

beforeEach(async () => {
  book = await openTestBook();
  await setUp(book.client);
  await book.client.call('staff.create', { name: 'Grace Hopper' });
  app = renderApp(book);
  await screen.findByRole('heading', { name: 'Today', level: 1 });
  await screen.findByRole('button', { name: /Profile: Ada Lovelace/u });
});

afterEach(async () => {
  app.stop();
  await book.close();
});

const optionNames = () =>
  within(screen.getByRole('listbox', { name: 'Commands and results' }))
    .getAllByRole('option')
    .map((o) => o.textContent);

describe('command palette', () => {
  it('lists every command with its shortcut', async () => {
    await app.user.keyboard('{Control>}k{/Control}');
    const dialog = screen.getByRole('dialog', { name: 'Command palette' });
    const input = within(dialog).getByRole('combobox', { name: 'Type a command or search' });
    expect(input).toBe(document.activeElement);
    // Text content: the label, then the keys of its shortcut (the theme is "system" already).
    expect(optionNames()).toEqual([
      'Log a callCtrlL',
      'New personCtrlN',
      'New task',
      'New order',
      'New product',
      'New deal',
      'New case',
      'SearchCtrlF',
      'Edit call purposes and outcomes',
      'Take a snapshot now',
      'Encrypt or decrypt this book',
      'Go to TodayCtrl1',
      'Go to ContactsCtrl2',
      'Go to CompaniesCtrl3',
      'Go to CallsCtrl4',
      'Go to AgendaCtrl5',
      'Go to PipelineCtrl6',
      'Go to LeadsCtrl7',
      'Go to OrdersCtrl8',
      'Go to ProductsCtrl9',
      'Go to Cases',
      'Go to Reports',
      'Go to Import & export',
      'Go to Backups',
      'Go to Audit trail',
      'Go to Trash',
      'Go to SettingsCtrl,',
      'Switch to the light theme',
      'Switch to the dark theme',
      'Switch profile to Grace Hopper',
      'Hide the sidebarCtrlB',
      'Show keyboard shortcuts?',
    ]);
    // The first option is the active one, announced through aria-activedescendant.
    const first = within(dialog).getAllByRole('option')[0]!;
    expect(first.getAttribute('aria-selected')).toBe('true');
    expect(input.getAttribute('aria-activedescendant')).toBe(first.id);
  });

  it('filters as you type and runs the chosen command with Enter', async () => {
    const settingsButton = screen.getByRole('button', { name: 'Settings' });
    settingsButton.focus();
    await app.user.keyboard('{Control>}k{/Control}');
    await app.user.keyboard('dark');
    expect(optionNames()).toEqual(['Switch to the dark theme']);
    await app.user.keyboard('{Enter}');

    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    expect((await book.client.call('settings.get', {})).theme).toBe('dark');
    // Focus went back where it was.
    expect(settingsButton).toBe(document.activeElement);
  });

  it('moves with the arrow keys and switches profile', async () => {
    await app.user.keyboard('{Control>}k{/Control}');
    await app.user.keyboard('profile');
    await app.user.keyboard('{ArrowDown}{ArrowUp}{Enter}');
    await waitFor(async () => {
      const settings = await book.client.call('settings.get', {});
      const staff = await book.client.call('staff.list', {});
      expect(settings.currentStaffId).toBe(staff.find((s) => s.name === 'Grace Hopper')?.id);
    });
    await screen.findByRole('button', { name: /Profile: Grace Hopper/u });

    await app.user.keyboard('{Control>}k{/Control}');
    await app.user.keyboard('{ArrowUp>6/}{Enter}'); // up from the top, round to: Go to Settings
    await screen.findByRole('heading', { name: 'Settings', level: 1 });
  });

  it('keeps focus inside and closes with Esc, giving focus back', async () => {
    const today = screen.getByRole('button', { name: /^Today/u });
    today.focus();
    await app.user.keyboard('{Control>}k{/Control}');
    const input = screen.getByRole('combobox', { name: 'Type a command or search' });
    await app.user.tab();
    expect(input).toBe(document.activeElement); // nothing else to reach: focus stays in the palette
    await app.user.tab({ shift: true });
    expect(input).toBe(document.activeElement);
    await app.user.keyboard('zzz');
    expect(await screen.findByText('Nothing matches “zzz”.')).toBeTruthy();
    await app.user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(today).toBe(document.activeElement);
  });
});

describe('keyboard shortcuts', () => {
  it('? lists every shortcut; Ctrl+, Ctrl+1 and Ctrl+B work', async () => {
    await app.user.keyboard('?');
    const sheet = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const label of [
      'Open the command palette',
      'Show keyboard shortcuts',
      'Go to Today',
      'Go to Settings',
      'Show or hide the sidebar',
    ]) {
      expect(within(sheet).getByText(label)).toBeTruthy();
    }
    await app.user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();

    await app.user.keyboard('{Control>},{/Control}');
    await screen.findByRole('heading', { name: 'Settings', level: 1 });
    // ? typed into a field is just a character.
    const name = screen.getByRole('textbox', { name: 'Business name' });
    await app.user.type(name, '?');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect((name as HTMLInputElement).value).toBe('Analytical Engines Ltd?');

    await app.user.keyboard('{Control>}1{/Control}');
    await screen.findByRole('heading', { name: 'Today', level: 1 });

    await app.user.keyboard('{Control>}b{/Control}');
    expect(screen.getByRole('button', { name: 'Show the sidebar' }).getAttribute('aria-expanded')).toBe(
      'false',
    );
    await app.user.keyboard('{Control>}b{/Control}');
    expect(screen.getByRole('button', { name: 'Hide the sidebar' }).getAttribute('aria-expanded')).toBe(
      'true',
    );
  });
});
