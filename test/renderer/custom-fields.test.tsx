/** Settings › Fields and lists: defining custom fields, and the way to the call lists. */
import { screen, waitFor, within } from '@testing-library/react';
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
  await app.user.click(screen.getByRole('button', { name: 'Settings' }));
  await screen.findByRole('heading', { name: 'Settings', level: 1 });
});

afterEach(async () => {
  app.stop();
  await book.close();
});

describe('custom fields in Settings', () => {
  it('adds a choice field for people, shows it, and removes it', async () => {
    const form = screen.getByRole('form', { name: 'Add a custom field' });
    expect(screen.getByText('No custom fields yet. Add the first one below.')).toBeTruthy();
    await app.user.type(within(form).getByRole('textbox', { name: 'Field name' }), 'Branch');
    await app.user.selectOptions(within(form).getByRole('combobox', { name: 'Kind' }), 'select');
    // A list field without choices is refused at the field, and nothing is saved.
    await app.user.click(within(form).getByRole('button', { name: 'Add field' }));
    expect(within(form).getByText('List the choices, separated by commas.')).toBeTruthy();
    expect(await book.client.call('customFields.list', {})).toEqual([]);

    await app.user.type(within(form).getByRole('textbox', { name: 'Choices' }), 'North, South ,Online');
    await app.user.click(within(form).getByRole('button', { name: 'Add field' }));
    const list = await screen.findByRole('list', { name: 'Custom fields' });
    expect(within(list).getByText('Branch')).toBeTruthy();
    expect(within(list).getByText(/People · One choice from a list · North, South, Online/u)).toBeTruthy();
    const [field] = await book.client.call('customFields.list', {});
    expect(field).toMatchObject({ entity: 'person', type: 'select', options: ['North', 'South', 'Online'] });

    await app.user.click(screen.getByRole('button', { name: 'Remove the field Branch' }));
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Custom fields' })).toBeNull());
    expect(await book.client.call('customFields.list', {})).toEqual([]);
  });

  it('shows the backend’s message at the name when the name is empty', async () => {
    const form = screen.getByRole('form', { name: 'Add a custom field' });
    await app.user.click(within(form).getByRole('button', { name: 'Add field' }));
    expect(await within(form).findByText('Give the field a name.')).toBeTruthy();
    expect(await book.client.call('customFields.list', {})).toEqual([]);
  });

  it('opens the call lists editor', async () => {
    await app.user.click(screen.getByRole('button', { name: 'Edit call purposes and outcomes' }));
    const dialog = await screen.findByRole('dialog');
    // The editor opens on the book's call purposes, starting with the defaults.
    expect(await within(dialog).findByDisplayValue('Follow-up')).toBeTruthy();
  });
});
