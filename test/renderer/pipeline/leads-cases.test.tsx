/** Leads and cases on a real book: converting a lead, opening and resolving a case, the banner on a person. */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useSalesDialogs } from '../../../renderer/features/pipeline/pipeline-words.ts';
import { person, renderAt, type Rendered } from '../contacts/harness.tsx';

let app: Rendered | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
  useSalesDialogs.setState({ deal: { open: false }, kase: { open: false }, casesFor: null });
});

describe('Leads', () => {
  it('converts a lead into a customer with a new company and a deal in one step, and Undo takes it back', async () => {
    let ids: string[] = [];
    app = await renderAt('leads', async (book) => {
      const a = await person(book, { givenName: 'Ann', familyName: 'Lee', stage: 'lead' });
      const b = await person(book, { givenName: 'Bob', familyName: 'Ray', stage: 'customer' });
      ids = [a.id, b.id];
    });
    const { user, book } = app;
    const grid = await screen.findByRole('grid', { name: 'Leads' });
    expect(within(grid).getByRole('row', { name: /Ann Lee/u })).toBeTruthy();
    expect(within(grid).queryByRole('row', { name: /Bob Ray/u })).toBeNull();

    await user.click(within(grid).getByRole('button', { name: 'Convert Ann Lee' }));
    const dialog = await screen.findByRole('dialog', { name: 'Convert Ann Lee' });
    await user.click(within(dialog).getByRole('checkbox', { name: 'Also add their company' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Company name' }), 'Lee & Co');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Also open a deal' }));
    const title = within(dialog).getByRole('textbox', { name: 'Deal title' });
    await user.clear(title);
    await user.type(title, 'First order');
    await user.type(within(dialog).getByRole('textbox', { name: 'Value (GBP)' }), '250');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Stage' }), 'Proposal');
    await user.click(within(dialog).getByRole('button', { name: 'Convert to customer' }));

    await screen.findByText(
      /Ann Lee is now a customer; Lee & Co is added and “First order” is on the board\./u,
    );
    const ann = await book.client.call('people.get', { id: ids[0]! });
    expect([ann.stage, ann.companyName]).toEqual(['customer', 'Lee & Co']);
    const deals = await book.client.call('deals.list', {});
    expect(deals.rows.map((d) => [d.title, d.value, d.stageName])).toEqual([
      ['First order', 25_000, 'Proposal'],
    ]);
    await waitFor(() => expect(screen.getByText('No leads right now')).toBeTruthy());

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByText('Ann Lee is a lead again.');
    expect((await book.client.call('people.get', { id: ids[0]! })).stage).toBe('lead');
    expect((await book.client.call('deals.list', {})).rows).toHaveLength(0);
  });
});

describe('Cases', () => {
  it('opens a case, lists it as active, and resolves it only with a resolution', async () => {
    app = await renderAt('cases', async (book) => {
      await person(book, { givenName: 'Ann', familyName: 'Lee' });
    });
    const { user, book } = app;
    await screen.findByText('No open cases');
    await user.click(screen.getAllByRole('button', { name: 'New case' })[0]!);
    const dialog = await screen.findByRole('dialog', { name: 'New case' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Subject' }), 'Chair arrived broken');
    await user.type(within(dialog).getByRole('combobox', { name: 'For' }), 'Ann');
    await user.click(await within(dialog).findByRole('option', { name: /Ann Lee/u }));
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Category' }), 'Return');
    await user.click(within(dialog).getByRole('radio', { name: 'Urgent' }));
    await user.type(within(dialog).getByLabelText('Due'), '2026-11-20');
    // Ctrl+Enter from any field saves, as the Open case button does.
    expect(within(dialog).getByRole('button', { name: 'Open case' })).toBeTruthy();
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const grid = await screen.findByRole('grid', { name: 'Cases' });
    const row = await within(grid).findByRole('row', {
      name: /Case 1, Chair arrived broken, Ann Lee, Open, overdue/u,
    });
    expect(within(row).getByText('Urgent')).toBeTruthy();
    await user.click(row);

    await screen.findByRole('heading', { name: 'Chair arrived broken', level: 1 });
    await user.click(screen.getByRole('button', { name: 'Resolve…' }));
    const resolve = await screen.findByRole('dialog', { name: 'Resolve case #1' });
    await user.click(within(resolve).getByRole('button', { name: 'Resolve case' }));
    expect(within(resolve).getByText(/Say how it was resolved/u)).toBeTruthy();
    expect((await book.client.call('cases.list', {})).rows[0]?.status).toBe('open');
    await user.type(
      within(resolve).getByRole('textbox', { name: 'How was it resolved?' }),
      'Sent a new chair.',
    );
    await user.click(within(resolve).getByRole('button', { name: 'Resolve case' }));
    await screen.findByText('Case #1 is resolved.');
    const saved = (await book.client.call('cases.list', {})).rows[0]!;
    expect([saved.status, saved.resolution, saved.category, saved.priority]).toEqual([
      'resolved',
      'Sent a new chair.',
      'return',
      'urgent',
    ]);
    expect(screen.getByRole('button', { name: 'Close case' })).toBeTruthy();
  });

  it('shows a person’s open cases on their page header, with the most urgent one linked', async () => {
    let annId = '';
    app = await renderAt('today', async (book) => {
      const ann = await person(book, { givenName: 'Ann', familyName: 'Lee' });
      annId = ann.id;
      await book.client.call('cases.create', {
        subject: 'Where is my refund?',
        category: 'question',
        personId: ann.id,
      });
      await book.client.call('cases.create', {
        subject: 'Chair wobbles',
        category: 'complaint',
        priority: 'high',
        dueDate: '2026-11-18',
        personId: ann.id,
      });
      const done = await book.client.call('cases.create', {
        subject: 'Old one',
        category: 'other',
        personId: ann.id,
      });
      await book.client.call('cases.setStatus', { id: done.id, status: 'resolved', resolution: 'Done.' });
    });
    const { ui, user } = app;
    // The sidebar says how many cases are open, in the warning colour while one is overdue.
    const badge = await screen.findByRole('button', { name: 'Cases, 2 open, 1 overdue' });
    expect(badge.querySelector('.nav-item__count--warning')?.textContent).toBe('2');
    ui.getState().navigate(`people/${annId}`);
    const note = await screen.findByRole('note', { name: '2 open cases, 1 overdue' });
    expect(note.textContent).toMatch(/Most urgent: #2 Chair wobbles · High · was due/u);
    expect(note.textContent).not.toMatch(/Old one/u);
    await user.click(within(note).getByRole('button', { name: '#2 Chair wobbles' }));
    await screen.findByRole('heading', { name: 'Chair wobbles', level: 1 });

    ui.getState().navigate(`people/${annId}`);
    const again = await screen.findByRole('note', { name: '2 open cases, 1 overdue' });
    await user.click(within(again).getByRole('button', { name: 'See all 2' }));
    const grid = await screen.findByRole('grid', { name: 'Cases' });
    await waitFor(() => expect(within(grid).getAllByRole('row', { name: /^Case /u })).toHaveLength(2));
    expect(screen.getByText('For Ann Lee')).toBeTruthy();
  });
});
