/**
 * People on a real book: the new-person dialog shows the backend's errors at the exact field and
 * warns about duplicates; the person's page edits in place, shows how to reach them and their
 * local time; delete goes to the Trash, and the Trash gives them back.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { person, renderAt, type Rendered } from './harness.tsx';

let app: Rendered | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe('New person', () => {
  it('shows a bad email at its own field, saves nothing, then saves and opens the person', async () => {
    app = await renderAt('contacts');
    const { user, book } = app;
    await screen.findByText('No people yet');
    await user.click(screen.getAllByRole('button', { name: 'New person' })[0]!);
    const dialog = screen.getByRole('dialog', { name: 'New person' });
    // The cursor starts in the first name.
    expect(document.activeElement).toBe(within(dialog).getByRole('textbox', { name: 'First name' }));

    await user.type(within(dialog).getByRole('textbox', { name: 'First name' }), 'Grace');
    await user.type(within(dialog).getByRole('textbox', { name: 'Last name' }), 'Hopper');
    await user.click(within(dialog).getByRole('button', { name: 'Add email' }));
    const emails = within(dialog).getAllByRole('textbox', { name: /^Email/ });
    await user.type(emails[0]!, 'grace@navy.mil');
    await user.type(emails[1]!, 'not an email');
    await user.click(within(dialog).getByRole('button', { name: 'Save person' }));

    // The second email, and only it, carries the backend's message.
    const second = within(dialog).getByRole('textbox', { name: 'Email 2' });
    await waitFor(() => expect(second.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = second.getAttribute('aria-describedby')!;
    expect(document.getElementById(describedBy)?.textContent).toMatch(
      /email address like name@example\.com/u,
    );
    expect(within(dialog).getByRole('textbox', { name: 'Email' }).getAttribute('aria-invalid')).toBeNull();
    expect((await book.client.call('people.count', {})).count).toBe(0);

    // Remove the bad row and save: the person's page opens.
    await user.click(within(dialog).getByRole('button', { name: 'Remove email 2' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save person' }));
    await screen.findByRole('heading', { name: 'Grace Hopper', level: 1 });
    expect(screen.queryByRole('dialog', { name: 'New person' })).toBeNull();
    const mail = screen.getAllByRole('link', { name: /grace@navy\.mil/u })[0]!;
    expect(mail.getAttribute('href')).toBe('mailto:grace@navy.mil');
    expect((await book.client.call('people.count', {})).count).toBe(1);
  });

  it('asks for a name, and warns while typing an email someone already has', async () => {
    app = await renderAt('contacts', async (book) => {
      await person(book, {
        givenName: 'Ann',
        familyName: 'Lee',
        email: 'ann@example.com',
        phone: '020 7946 0958',
      });
    });
    const { user, book, ui } = app;
    await screen.findByRole('grid', { name: 'People' });
    ui.getState().openNewPerson();
    const dialog = await screen.findByRole('dialog', { name: 'New person' });

    await user.click(within(dialog).getByRole('button', { name: 'Save person' }));
    const first = within(dialog).getByRole('textbox', { name: 'First name' });
    await waitFor(() => expect(first.getAttribute('aria-invalid')).toBe('true'));
    expect(within(dialog).getByText('Enter a name.')).toBeTruthy();

    await user.type(first, 'Annie');
    await user.type(within(dialog).getByRole('textbox', { name: 'Email' }), 'ANN@example.com');
    const warning = await within(dialog).findByText(/already has this email/u);
    expect(warning.closest('[role="status"]')?.textContent).toContain('Ann Lee');
    // A phone written another way is the same phone.
    await user.type(within(dialog).getByRole('textbox', { name: 'Phone' }), '+44 20 7946 0958');
    await within(dialog).findByText(/already has this phone number/u);

    // Saving asks first; "Save anyway" saves a second person.
    await user.click(within(dialog).getByRole('button', { name: 'Save person' }));
    const confirm = await within(dialog).findByRole('alert');
    expect(confirm.textContent).toContain('Ann Lee already has this email or phone');
    expect((await book.client.call('people.count', {})).count).toBe(1);
    await user.click(within(confirm).getByRole('button', { name: 'Save anyway' }));
    await screen.findByRole('heading', { name: 'Annie', level: 1 });
    expect((await book.client.call('people.count', {})).count).toBe(2);
  });
});

describe('Person page', () => {
  it('edits fields in place, with the backend’s errors at the field', async () => {
    let id = '';
    app = await renderAt('contacts', async (book) => {
      id = (
        await person(book, {
          givenName: 'Ann',
          familyName: 'Lee',
          email: 'ann@example.com',
          phone: '020 7946 0958',
        })
      ).id;
    });
    const { user, book, ui } = app;
    ui.getState().navigate(`people/${id}`);
    await screen.findByRole('heading', { name: 'Ann Lee', level: 1 });
    const call = screen.getAllByRole('link', { name: /020 7946 0958/u })[0]!;
    expect(call.getAttribute('href')).toBe('tel:02079460958');

    await user.click(screen.getByRole('button', { name: 'Edit details' }));
    const form = screen.getByRole('form', { name: 'Edit details' });
    const title = within(form).getByRole('textbox', { name: 'Job title' });
    await user.type(title, 'Head buyer');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Stage' }), 'customer');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Edit details' })).toBeNull());
    expect(screen.getAllByText('Head buyer').length).toBeGreaterThan(0);
    const stored = await book.client.call('people.get', { id });
    expect(stored).toMatchObject({ jobTitle: 'Head buyer', stage: 'customer' });

    // A bad email is refused at its field and nothing changes.
    await user.click(screen.getByRole('button', { name: 'Edit phones and emails' }));
    const contact = screen.getByRole('form', { name: 'Edit phones and emails' });
    const email = within(contact).getByRole('textbox', { name: 'Email' });
    await user.clear(email);
    await user.type(email, 'ann@');
    await user.click(within(contact).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect((await book.client.call('people.get', { id })).emails[0]?.email).toBe('ann@example.com');
    // The cursor goes to the field at fault, and Escape there closes the form.
    await waitFor(() => expect(document.activeElement).toBe(email));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Edit phones and emails' })).toBeNull());

    // The calling window: set one, and the header shows their local time.
    await user.click(screen.getByRole('button', { name: 'Edit calling and consent' }));
    const calling = screen.getByRole('form', { name: 'Edit calling and consent' });
    await user.click(within(calling).getByRole('checkbox', { name: 'Do not call' }));
    await user.click(within(calling).getByRole('checkbox', { name: 'Only call at certain times' }));
    await user.selectOptions(within(calling).getByRole('combobox', { name: 'Time zone' }), 'Europe/London');
    await user.click(within(calling).getByRole('button', { name: 'Save' }));
    const local = await screen.findByRole('group', { name: 'Their local time' });
    // The book's clock: Sunday 22 November 2026, 09:00 UTC = 09:00 in London, outside Mon–Fri.
    expect(local.textContent).toContain('09:00');
    expect(local.textContent).toContain('Outside calling hours');
    expect(screen.getByRole('note').textContent).toContain('Do not call');
  });

  it('writes a note onto the timeline', async () => {
    let id = '';
    app = await renderAt('contacts', async (book) => {
      id = (await person(book, { givenName: 'Ann', familyName: 'Lee' })).id;
    });
    const { user, ui } = app;
    ui.getState().navigate(`people/${id}`);
    await screen.findByRole('heading', { name: 'Ann Lee', level: 1 });
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    const box = screen.getByRole('textbox', { name: 'New note' });
    expect(document.activeElement).toBe(box);
    await user.type(box, 'Wants the spring catalogue.{Control>}{Enter}{/Control}');
    const history = screen.getByRole('list', { name: 'History' });
    await within(history).findByText('Wants the spring catalogue.');
  });

  it('exports everything the book holds about a person from their page', async () => {
    let id = '';
    app = await renderAt('contacts', async (book) => {
      id = (await person(book, { givenName: 'Ann', familyName: 'Lee' })).id;
    });
    const { user, ui } = app;
    ui.getState().navigate(`people/${id}`);
    await screen.findByRole('heading', { name: 'Ann Lee', level: 1 });
    await user.click(screen.getByRole('button', { name: 'More actions for Ann Lee' }));
    await user.click(screen.getByRole('menuitem', { name: 'Export all their data…' }));
    // The export runs in a job on a worker thread, which starts on first use.
    await screen.findByText(
      /^Saved everything the book holds about Ann Lee to person-data-\d{4}-\d{2}-\d{2}\.zip\.$/u,
      {},
      { timeout: 20_000 },
    );
  }, 30_000);

  it('moves a person to the Trash with Undo, and the Trash restores them', async () => {
    let id = '';
    app = await renderAt('contacts', async (book) => {
      id = (await person(book, { givenName: 'Ann', familyName: 'Lee' })).id;
      await person(book, { givenName: 'Bob', familyName: 'Archer' });
    });
    const { user, book, ui } = app;
    ui.getState().navigate(`people/${id}`);
    await screen.findByRole('heading', { name: 'Ann Lee', level: 1 });
    await user.click(screen.getByRole('button', { name: 'More actions for Ann Lee' }));
    await user.click(screen.getByRole('menuitem', { name: 'Move to Trash' }));
    await screen.findByText('Moved Ann Lee to the Trash.');
    expect(ui.getState().route).toBe('contacts');
    expect((await book.client.call('people.count', {})).count).toBe(1);

    // Undo from the toast.
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByText('Ann Lee is back.');
    await waitFor(async () => expect((await book.client.call('people.count', {})).count).toBe(2));

    // Delete again, then restore from the Trash screen.
    await book.client.call('people.delete', { ids: [id] });
    ui.getState().navigate('trash');
    const grid = await screen.findByRole('grid', { name: 'Deleted items' });
    const row = await within(grid).findByRole('row', { name: 'Person: Ann Lee' });
    await user.click(row);
    expect(row.getAttribute('aria-selected')).toBe('true');
    const bar = screen.getByRole('toolbar', { name: 'Actions for the selected items' });
    await user.click(within(bar).getByRole('button', { name: 'Restore' }));
    await screen.findByText('Restored Ann Lee.');
    await waitFor(() => expect(within(grid).queryByRole('row', { name: 'Person: Ann Lee' })).toBeNull());
    expect((await book.client.call('people.get', { id })).deletedAt).toBeNull();
  });

  it('empties the Trash only after asking', async () => {
    app = await renderAt('trash', async (book) => {
      const p = await person(book, { givenName: 'Ann', familyName: 'Lee' });
      await book.client.call('people.delete', { ids: [p.id] });
    });
    const { user, book } = app;
    const grid = await screen.findByRole('grid', { name: 'Deleted items' });
    await within(grid).findByRole('row', { name: 'Person: Ann Lee' });
    await user.click(screen.getByRole('button', { name: 'Empty Trash' }));
    const dialog = screen.getByRole('dialog', { name: 'Empty the Trash?' });
    // The safe choice has the focus.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.click(within(dialog).getByRole('button', { name: 'Empty Trash' }));
    await screen.findByText('The Trash is empty');
    expect((await book.client.call('trash.list', {})).rows).toHaveLength(0);
  });
});
