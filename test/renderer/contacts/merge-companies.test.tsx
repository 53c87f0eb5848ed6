/**
 * Merging two people (with a choice per field, and Undo), custom fields with their errors at the
 * field, and companies: created through the dialog, listed, opened with their people.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { listedNames, person, renderAt, type Rendered } from './harness.tsx';

let app: Rendered | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe('Merge', () => {
  it('merges a duplicate with the chosen values, and Undo brings both back', async () => {
    let keepId = '';
    let dupId = '';
    app = await renderAt('contacts', async (book) => {
      keepId = (
        await person(book, { givenName: 'Ann', familyName: 'Lee', email: 'ann@example.com', stage: 'lead' })
      ).id;
      dupId = (
        await person(book, {
          givenName: 'Annie',
          familyName: 'Lee',
          phone: '07700 900123',
          stage: 'customer',
        })
      ).id;
      await book.client.call('notes.create', { personId: dupId, body: 'Met at the trade show.' });
    });
    const { user, book, ui } = app;
    ui.getState().navigate(`people/${keepId}`);
    await screen.findByRole('heading', { name: 'Ann Lee', level: 1 });
    await user.click(screen.getByRole('button', { name: 'More actions for Ann Lee' }));
    await user.click(screen.getByRole('menuitem', { name: 'Merge with…' }));
    const dialog = screen.getByRole('dialog', { name: 'Merge Ann Lee with…' });
    await user.type(within(dialog).getByRole('combobox', { name: 'Merge with' }), 'Annie');
    await user.click(await within(dialog).findByRole('option', { name: /Annie Lee/u }));

    const table = await within(dialog).findByRole('table', { name: 'Which value to keep' });
    // Ann's values win unless chosen otherwise; take Annie's stage.
    const stage = within(table).getByRole('row', { name: 'Stage' });
    expect(within(stage).getByRole('radio', { name: /Lead \(Ann Lee\)/u })).toHaveProperty('checked', true);
    await user.click(within(stage).getByRole('radio', { name: /Customer \(Annie Lee\)/u }));
    await user.click(within(dialog).getByRole('button', { name: 'Merge' }));

    await screen.findByText('Merged Annie Lee into Ann Lee.');
    const merged = await book.client.call('people.get', { id: keepId });
    expect(merged.stage).toBe('customer');
    expect(merged.displayName).toBe('Ann Lee');
    expect(merged.phones.map((p) => p.number)).toContain('07700 900123');
    expect((await book.client.call('people.count', {})).count).toBe(1);
    // Annie's note moved over, and shows in Ann's history.
    await within(screen.getByRole('list', { name: 'History' })).findByText('Met at the trade show.');

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByText(/The merge is undone/u);
    expect((await book.client.call('people.count', {})).count).toBe(2);
    expect((await book.client.call('people.get', { id: keepId })).stage).toBe('lead');
    expect((await book.client.call('people.get', { id: dupId })).deletedAt).toBeNull();
  });
});

describe('Custom fields', () => {
  it('shows a custom field’s error at that field', async () => {
    app = await renderAt('contacts', async (book) => {
      await book.client.call('customFields.create', { entity: 'person', label: 'Seats', type: 'number' });
    });
    const { user, book, ui } = app;
    await screen.findByRole('grid', { name: 'People' });
    ui.getState().openNewPerson();
    const dialog = await screen.findByRole('dialog', { name: 'New person' });
    await user.type(within(dialog).getByRole('textbox', { name: 'First name' }), 'Ann');
    await user.click(within(dialog).getByRole('button', { name: /More details/u }));
    const seats = within(dialog).getByRole('textbox', { name: 'Seats' });
    await user.type(seats, 'lots');
    await user.click(within(dialog).getByRole('button', { name: 'Save person' }));
    await waitFor(() => expect(seats.getAttribute('aria-invalid')).toBe('true'));
    expect((await book.client.call('people.count', {})).count).toBe(0);
    await user.clear(seats);
    await user.type(seats, '12');
    await user.click(within(dialog).getByRole('button', { name: 'Save person' }));
    await screen.findByRole('heading', { name: 'Ann', level: 1 });
    expect(screen.getByRole('heading', { name: 'More fields' })).toBeTruthy();
    expect(screen.getByText('12')).toBeTruthy();
  });
});

describe('Companies', () => {
  it('creates a company, links a person to it, and shows its people and the list', async () => {
    app = await renderAt('companies', async (book) => {
      await person(book, { givenName: 'Ann', familyName: 'Lee' });
    });
    const { user, book, ui } = app;
    await screen.findByText('No companies yet');
    await user.click(screen.getAllByRole('button', { name: 'New company' })[0]!);
    const dialog = screen.getByRole('dialog', { name: 'New company' });
    await user.click(within(dialog).getByRole('button', { name: 'Save company' }));
    const name = within(dialog).getByRole('textbox', { name: 'Company name' });
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    await user.type(name, 'Acme Tools');
    await user.type(within(dialog).getByRole('textbox', { name: 'Industry' }), 'Retail');
    await user.click(within(dialog).getByRole('button', { name: 'Save company' }));
    await screen.findByRole('heading', { name: 'Acme Tools', level: 1 });
    await screen.findByText('Nobody linked yet. Set the company on a person to list them here.');

    // Link Ann to it from her page, with the type-ahead.
    const ann = (await book.client.call('people.list', {})).rows[0]!;
    ui.getState().navigate(`people/${ann.id}`);
    await screen.findByRole('heading', { name: 'Ann Lee', level: 1 });
    await user.click(screen.getByRole('button', { name: 'Edit details' }));
    const form = screen.getByRole('form', { name: 'Edit details' });
    await user.type(within(form).getByRole('combobox', { name: 'Company' }), 'acme');
    await user.click(await within(form).findByRole('option', { name: /Acme Tools/u }));
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    const link = await screen.findByRole('button', { name: 'Acme Tools' });
    await user.click(link);
    await screen.findByRole('heading', { name: 'Acme Tools', level: 1 });
    const people = await screen.findByRole('list', { name: 'People at Acme Tools' });
    expect(within(people).getByText('Ann Lee')).toBeTruthy();

    // The companies list, and the contacts list filtered by the company.
    ui.getState().navigate('companies');
    const grid = await screen.findByRole('grid', { name: 'Companies' });
    const row = await within(grid).findByRole('row', { name: 'Acme Tools' });
    expect(row.textContent).toContain('Retail');
    await person(book, { givenName: 'Bob', familyName: 'Archer' });
    ui.getState().navigate('contacts');
    await waitFor(() => expect(listedNames()).toHaveLength(2));
    await user.click(screen.getByRole('button', { name: 'Filter' }));
    await user.click(screen.getByRole('menuitem', { name: 'Company' }));
    await user.type(screen.getByRole('combobox', { name: 'Company' }), 'Acm');
    await user.click(await screen.findByRole('option', { name: /Acme Tools/u }));
    await waitFor(() => expect(listedNames()).toEqual(['Ann Lee']));
  });
});
