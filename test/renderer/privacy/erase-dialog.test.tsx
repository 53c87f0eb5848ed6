/**
 * The erase dialog on a person's page: it says what goes, warns that it cannot be undone and that
 * accounting law may require keeping orders (kept by default), says what it cannot reach, and
 * erases only once their name is typed; afterwards the page is Contacts and the person is gone.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { person, renderAt, type Rendered } from '../contacts/harness.tsx';

let app: Rendered | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function openErase(withOrder: boolean) {
  let id = '';
  app = await renderAt('contacts', async (book) => {
    id = (await person(book, { givenName: 'Ann', familyName: 'Lee', email: 'ann@home.example' })).id;
    await book.client.call('notes.create', { personId: id, body: 'Likes oak' });
    if (withOrder) {
      await book.client.call('orders.create', {
        personId: id,
        orderDate: '2026-11-20',
        lines: [{ description: 'Oak desk', quantity: 1000, unitPrice: 24_900, taxRateBp: 2000 }],
      });
    }
  });
  const { user, ui } = app;
  ui.getState().navigate(`people/${id}`);
  await screen.findByRole('heading', { name: 'Ann Lee', level: 1 });
  await user.click(screen.getByRole('button', { name: 'More actions for Ann Lee' }));
  await user.click(screen.getByRole('menuitem', { name: 'Erase all their data…' }));
  const dialog = await screen.findByRole('dialog', { name: 'Erase Ann Lee for good?' });
  await within(dialog).findByText('What is erased');
  return { id, dialog };
}

describe('Erase dialog', () => {
  it('warns, offers to keep the order for the accounts, and erases only once their name is typed', async () => {
    const { id, dialog } = await openErase(true);
    const { user, ui, book } = app!;
    const d = within(dialog);
    expect(dialog.textContent).toContain('This cannot be undone.');
    expect(dialog.textContent).toMatch(/six years in the UK, up to ten in some EU countries/u);
    expect(dialog.textContent).toContain('No snapshot of the book holds their details yet.');
    expect(dialog.textContent).toContain('Files you exported before');
    const list = () => d.getAllByRole('listitem').map((li) => li.textContent);
    expect(list()).toEqual(expect.arrayContaining(['1 email address', '1 note']));
    expect(list()).not.toContain('1 order');

    // The order is kept by default; choosing to erase it shows it in what goes.
    const keep = d.getByRole('radio', { name: /Keep the order for the accounts/u });
    expect((keep as HTMLInputElement).checked).toBe(true);
    await user.click(d.getByRole('radio', { name: /Erase the order too/u }));
    expect(list()).toEqual(expect.arrayContaining(['1 order', '1 order line']));
    expect(dialog.textContent).toContain('Your order numbers will have gaps');
    await user.click(keep);

    // The button waits for their name.
    const erase = d.getByRole('button', { name: 'Erase for good' });
    expect((erase as HTMLButtonElement).disabled).toBe(true);
    const confirm = d.getByRole('textbox', { name: /To confirm, type their name/u });
    await user.type(confirm, 'Ann Le');
    expect((erase as HTMLButtonElement).disabled).toBe(true);
    await user.type(confirm, 'e');
    expect((erase as HTMLButtonElement).disabled).toBe(false);
    await user.clear(confirm);
    await user.type(confirm, '  ANN   lee ');
    expect((erase as HTMLButtonElement).disabled).toBe(false);
    // Enter in the name field does not slip past a wrong name either.
    await user.clear(confirm);
    await user.type(confirm, 'Bob{Enter}');
    expect(screen.getByRole('dialog', { name: 'Erase Ann Lee for good?' })).toBeTruthy();
    expect((await book.client.call('people.get', { id })).displayName).toBe('Ann Lee');
    expect(await book.client.call('privacy.erasures', {})).toEqual([]);

    await user.clear(confirm);
    await user.type(confirm, 'ann lee');
    fireEvent.change(d.getByRole('textbox', { name: /Reason/u }), { target: { value: 'Asked by phone' } });
    await user.click(erase);
    await screen.findByText(/^Erased Ann Lee for good\. Reference ER-0001/u);
    await waitFor(() => expect(ui.getState().route).toBe('contacts'));
    expect(screen.queryByRole('dialog', { name: 'Erase Ann Lee for good?' })).toBeNull();
    await expect(book.client.call('people.get', { id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [record] = await book.client.call('privacy.erasures', {});
    expect(record).toMatchObject({ reference: 'ER-0001', reason: 'Asked by phone', ordersKept: true });
    expect(record!.standIn?.name).toBe('Erased customer ER-0001');
  }, 30_000);

  it('leaves out the orders question for someone without orders, and Cancel changes nothing', async () => {
    const { id, dialog } = await openErase(false);
    const { user, book } = app!;
    expect(within(dialog).queryByRole('radio')).toBeNull();
    expect(dialog.textContent).not.toMatch(/accounting law/u);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog', { name: 'Erase Ann Lee for good?' })).toBeNull();
    expect((await book.client.call('people.get', { id })).displayName).toBe('Ann Lee');
    expect(await book.client.call('privacy.erasures', {})).toEqual([]);
  }, 30_000);
});
