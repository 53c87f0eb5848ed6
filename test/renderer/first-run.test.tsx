/** The first-run screen on an empty book: defaults, validation next to the fields, completion. */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestBook, type TestBook } from '../helpers/book.ts';
import { renderApp, type RenderedApp } from './render-app.tsx';

let book: TestBook;
let app: RenderedApp;

beforeEach(async () => {
  book = await openTestBook();
  app = renderApp(book);
});

afterEach(async () => {
  app.stop();
  await book.close();
});

function errorOf(field: HTMLElement): string | null {
  const ids = (field.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  const error = ids.map((id) => document.getElementById(id)).find((el) => el?.id.endsWith('-error'));
  return error?.textContent ?? null;
}

describe('first run', () => {
  it('starts from the browser’s language and region', async () => {
    await screen.findByRole('heading', { name: 'Welcome to Ledgerline' });
    // jsdom reports en-US.
    expect(screen.getByRole('combobox', { name: 'Language and region' })).toHaveProperty('value', 'en-US');
    expect(screen.getByRole('combobox', { name: 'Currency' })).toHaveProperty('value', 'USD');
    expect(screen.getByRole('textbox', { name: 'Your name' })).toBe(document.activeElement);
  });

  it('shows the backend’s messages next to the fields and saves nothing', async () => {
    const { user } = app;
    await screen.findByRole('heading', { name: 'Welcome to Ledgerline' });
    await user.type(screen.getByRole('textbox', { name: 'Business name' }), '   ');
    await user.click(screen.getByRole('button', { name: 'Start using Ledgerline' }));

    const yourName = screen.getByRole('textbox', { name: 'Your name' });
    const business = screen.getByRole('textbox', { name: 'Business name' });
    await waitFor(() => expect(errorOf(yourName)).toBe('Enter a name.'));
    expect(errorOf(business)).toBe('Enter a name.');
    expect(yourName.getAttribute('aria-invalid')).toBe('true');
    expect(yourName).toBe(document.activeElement); // the first field with a problem
    expect((await book.client.call('settings.get', {})).setupComplete).toBe(false);

    // Typing into a field clears its message, and only its message.
    await user.type(yourName, 'Ada');
    expect(errorOf(yourName)).toBeNull();
    expect(errorOf(business)).toBe('Enter a name.');
  });

  it('completes setup and opens the main window', async () => {
    const { user } = app;
    await screen.findByRole('heading', { name: 'Welcome to Ledgerline' });
    await user.type(screen.getByRole('textbox', { name: 'Your name' }), 'Ada Lovelace');
    await user.type(screen.getByRole('textbox', { name: 'Business name' }), 'Analytical Engines Ltd');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Currency' }), 'GBP');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language and region' }), 'en-GB');
    await user.click(screen.getByRole('button', { name: 'Start using Ledgerline' }));

    await screen.findByRole('heading', { name: 'Today', level: 1 });
    const sidebar = screen.getByRole('navigation', { name: 'Sidebar' });
    expect(within(sidebar).getByText('Analytical Engines Ltd')).toBeTruthy();
    await within(sidebar).findByRole('button', { name: /Profile: Ada Lovelace/u });
    // The date on Today is the book's day in the chosen locale.
    expect(screen.getByText('Sunday, 22 November 2026')).toBeTruthy();
    await screen.findByText('No calls yet');

    const settings = await book.client.call('settings.get', {});
    expect(settings).toMatchObject({
      setupComplete: true,
      businessName: 'Analytical Engines Ltd',
      currency: 'GBP',
      locale: 'en-GB',
    });
    const staff = await book.client.call('staff.list', {});
    expect(staff.map((s) => [s.name, s.role])).toEqual([['Ada Lovelace', 'owner']]);
  });
});
