/** Settings on a set-up book: theme and locale go through the backend and stay there. */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestBook, setUp, type TestBook } from '../helpers/book.ts';
import { renderApp, type RenderedApp } from './render-app.tsx';

let book: TestBook;
let app: RenderedApp;

beforeEach(async () => {
  book = await openTestBook();
  await setUp(book.client);
  app = renderApp(book);
  await screen.findByRole('heading', { name: 'Today', level: 1 });
});

afterEach(async () => {
  app.stop();
  await book.close();
});

async function openSettings() {
  await app.user.click(screen.getByRole('button', { name: 'Settings' }));
  await screen.findByRole('heading', { name: 'Settings', level: 1 });
}

describe('settings', () => {
  it('switches the theme and keeps it in the book', async () => {
    await openSettings();
    expect(document.documentElement.dataset.theme).toBe('light'); // system, and jsdom is light
    expect(screen.getByRole('radio', { name: 'System' })).toHaveProperty('checked', true);

    await app.user.click(screen.getByRole('radio', { name: 'Dark' }));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    expect((await book.client.call('settings.get', {})).theme).toBe('dark');

    // A fresh start on the same book (a new window) comes up dark.
    app.stop();
    cleanup();
    document.documentElement.removeAttribute('data-theme');
    app = renderApp(book);
    await screen.findByRole('heading', { name: 'Settings', level: 1 }); // the route is in the address
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    expect(screen.getByRole('radio', { name: 'Dark' })).toHaveProperty('checked', true);
  });

  it('changes the locale for every date and number on screen', async () => {
    await openSettings();
    await app.user.selectOptions(screen.getByRole('combobox', { name: 'Language and region' }), 'de-DE');
    await waitFor(async () => expect((await book.client.call('settings.get', {})).locale).toBe('de-DE'));
    // The example under the field follows at once: German numbers.
    await screen.findByText(/1\.234\.567,89/u);

    await app.user.click(screen.getByRole('button', { name: 'Today' }));
    await screen.findByText('Sonntag, 22. November 2026');

    await openSettings();
    await app.user.selectOptions(screen.getByRole('combobox', { name: 'Currency' }), 'EUR');
    await screen.findByText(/1\.250,00\s€/u);
    expect((await book.client.call('settings.get', {})).currency).toBe('EUR');
  });

  it('shows a refused business name next to the field and keeps the old one', async () => {
    await openSettings();
    const name = screen.getByRole('textbox', { name: 'Business name' });
    await app.user.clear(name);
    await app.user.keyboard('{Enter}');
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    const errorId = name.getAttribute('aria-describedby')!;
    expect(document.getElementById(errorId)?.textContent).toBe('Enter a name.');
    expect((await book.client.call('settings.get', {})).businessName).toBe('Analytical Engines Ltd');

    await app.user.type(name, 'Difference Engines');
    await app.user.click(screen.getByRole('button', { name: 'Save' }));
    const sidebar = screen.getByRole('navigation', { name: 'Sidebar' });
    await within(sidebar).findByText('Difference Engines');
    expect((await book.client.call('settings.get', {})).businessName).toBe('Difference Engines');
  });

  it('adds, renames, switches off and promotes staff profiles', async () => {
    await openSettings();
    const add = screen.getByRole('form', { name: 'Add a staff profile' });
    await app.user.type(within(add).getByRole('textbox', { name: 'Email (optional)' }), 'not an email');
    await app.user.type(within(add).getByRole('textbox', { name: 'Name' }), 'Grace Hopper');
    await app.user.click(within(add).getByRole('button', { name: 'Add profile' }));
    const email = within(add).getByRole('textbox', { name: 'Email (optional)' });
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(email.getAttribute('aria-describedby')!)?.textContent).toMatch(/email/iu);

    await app.user.clear(email);
    await app.user.click(within(add).getByRole('button', { name: 'Add profile' }));
    const list = screen.getByRole('list', { name: 'Staff profiles' });
    await within(list).findByRole('listitem', { name: 'Grace Hopper' });

    await app.user.click(screen.getByRole('button', { name: 'Actions for Grace Hopper' }));
    await app.user.click(screen.getByRole('menuitem', { name: 'Rename…' }));
    const rename = screen.getByRole('textbox', { name: 'New name for Grace Hopper' });
    await app.user.clear(rename);
    await app.user.type(rename, 'Grace B. Hopper{Enter}');
    await within(list).findByRole('listitem', { name: 'Grace B. Hopper' });

    await app.user.click(screen.getByRole('button', { name: 'Actions for Grace B. Hopper' }));
    await app.user.click(screen.getByRole('menuitem', { name: 'Make owner' }));
    await waitFor(async () => {
      const staff = await book.client.call('staff.list', {});
      expect(staff.find((s) => s.name === 'Grace B. Hopper')?.role).toBe('owner');
    });

    await app.user.click(screen.getByRole('button', { name: 'Actions for Grace B. Hopper' }));
    await app.user.click(screen.getByRole('menuitem', { name: 'Switch off' }));
    const row = within(list).getByRole('listitem', { name: 'Grace B. Hopper' });
    await within(row).findByText('Switched off');
    const all = await book.client.call('staff.list', { includeInactive: true });
    expect(all.find((s) => s.name === 'Grace B. Hopper')).toMatchObject({ active: false, role: 'owner' });
  });

  it('does not offer what the book would refuse, and Esc closes the menu', async () => {
    await book.client.call('staff.create', { name: 'Grace Hopper' });
    await openSettings();
    const list = screen.getByRole('list', { name: 'Staff profiles' });
    await within(list).findByRole('listitem', { name: 'Grace Hopper' });
    // Ada is the only owner, so her menu does not offer to drop the role.
    await app.user.click(screen.getByRole('button', { name: 'Actions for Ada Lovelace' }));
    const menu = screen.getByRole('menu', { name: 'Actions for Ada Lovelace' });
    expect(within(menu).queryByRole('menuitem', { name: 'Make regular staff' })).toBeNull();
    // Nor to switch off the profile in use.
    expect(within(menu).queryByRole('menuitem', { name: 'Switch off' })).toBeNull();
    await app.user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(screen.getByRole('button', { name: 'Actions for Ada Lovelace' })).toBe(document.activeElement);
  });
});
