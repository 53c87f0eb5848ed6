/**
 * The Pipeline on a real book: the board's columns with their totals, moving a deal with the
 * keyboard, winning and losing (with a reason) from a card's menu.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useSalesDialogs } from '../../../renderer/features/pipeline/pipeline-words.ts';
import { person, renderAt, type Rendered } from '../contacts/harness.tsx';
import type { TestBook } from '../../helpers/book.ts';

let app: Rendered | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
  useSalesDialogs.setState({ deal: { open: false }, kase: { open: false }, casesFor: null });
});

async function seed(book: TestBook) {
  const ann = await person(book, { givenName: 'Ann', familyName: 'Lee' });
  const bob = await person(book, { givenName: 'Bob', familyName: 'Ray' });
  await book.client.call('deals.create', { title: 'Office chairs', personId: ann.id, value: 100_000 });
  await book.client.call('deals.create', { title: 'Desks', personId: bob.id, value: 50_000 });
  await book.client.call('deals.create', {
    title: 'Lamps',
    personId: bob.id,
    value: 20_000,
    stageId: 'stage-proposal',
    expectedClose: '2026-11-01',
  });
}

const column = (name: string) => screen.getByRole('listitem', { name });

describe('Pipeline board', () => {
  it('shows a column per stage with its count, total and weighted value', async () => {
    app = await renderAt('pipeline', seed);
    await screen.findByRole('list', { name: 'Pipeline' });
    for (const name of ['Lead', 'Qualified', 'Proposal', 'Negotiation']) expect(column(name)).toBeTruthy();
    const lead = column('Lead');
    expect(within(lead).getByLabelText('2 deals')).toBeTruthy();
    // £1,000 + £500 at 10 %: £1,500.00 and £150.00 weighted.
    expect(within(lead).getByRole('group', { name: 'Lead total £1,500.00, weighted £150.00' })).toBeTruthy();
    const proposal = column('Proposal');
    expect(
      within(proposal).getByRole('group', { name: 'Proposal total £200.00, weighted £100.00' }),
    ).toBeTruthy();
    expect(within(column('Qualified')).getByText('No deals')).toBeTruthy();
    // The lamps were due to close on 1 November: the card says so.
    const lamps = within(proposal).getByRole('button', { name: /^Lamps,/u });
    expect(lamps.getAttribute('aria-label')).toMatch(/overdue/u);
    expect(
      within(lead)
        .getByRole('button', { name: /^Office chairs,/u })
        .getAttribute('aria-label'),
    ).not.toMatch(/overdue/u);
  });

  it('moves a deal to the next stage with Alt+→ and up its column with Alt+↑, keeping the focus', async () => {
    app = await renderAt('pipeline', seed);
    const { user, book } = app;
    await screen.findByRole('list', { name: 'Pipeline' });
    // Plain arrows go from card to card.
    within(column('Lead'))
      .getByRole('button', { name: /^Office chairs,/u })
      .focus();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^Desks,/u);
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^Lamps,/u);
    // Back over the empty Qualified column to the card at the same height in Lead.
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^Office chairs,/u);
    await user.keyboard('{ArrowDown}');
    const desks = within(column('Lead')).getByRole('button', { name: /^Desks,/u });
    expect(document.activeElement).toBe(desks);
    await user.keyboard('{Alt>}{ArrowRight}{/Alt}');
    await waitFor(() =>
      expect(within(column('Qualified')).queryByRole('button', { name: /^Desks,/u })).not.toBeNull(),
    );
    expect(within(column('Lead')).queryByRole('button', { name: /^Desks,/u })).toBeNull();
    await waitFor(() =>
      expect(
        within(column('Qualified')).getByRole('group', { name: /total £500\.00, weighted £125\.00/u }),
      ).toBeTruthy(),
    );
    const listed = await book.client.call('deals.list', {});
    expect(listed.rows.find((d) => d.title === 'Desks')?.stageName).toBe('Qualified');
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^Desks,/u));

    // Two in Proposal: Lamps then (moved in at the end) Desks; Alt+↑ puts Desks first.
    await user.keyboard('{Alt>}{ArrowRight}{/Alt}');
    await waitFor(() =>
      expect(within(column('Proposal')).queryByRole('button', { name: /^Desks,/u })).not.toBeNull(),
    );
    const titles = () =>
      within(column('Proposal'))
        .getAllByRole('button', { name: /,/u })
        .map((b) => b.getAttribute('aria-label')!.split(',')[0]);
    expect(titles()).toEqual(['Lamps', 'Desks']);
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^Desks,/u));
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    await waitFor(() => expect(titles()).toEqual(['Desks', 'Lamps']));
    const board = await book.client.call('deals.board', {});
    expect(board.columns.find((c) => c.name === 'Proposal')?.deals.map((d) => d.title)).toEqual([
      'Desks',
      'Lamps',
    ]);
  });

  it('wins a deal from its menu, and loses another only with a reason', async () => {
    app = await renderAt('pipeline', seed);
    const { user, book } = app;
    await screen.findByRole('list', { name: 'Pipeline' });
    await user.click(screen.getByRole('button', { name: 'Actions for Office chairs' }));
    await user.click(screen.getByRole('menuitem', { name: 'Mark as won' }));
    await screen.findByText('“Office chairs” is won.');
    expect(screen.getByRole('button', { name: 'Make an order' })).toBeTruthy();
    await waitFor(() =>
      expect(within(column('Lead')).queryByRole('button', { name: /^Office chairs,/u })).toBeNull(),
    );
    const won = await book.client.call('deals.list', { filter: { state: 'won' } });
    expect(won.rows.map((d) => [d.title, d.closedOn])).toEqual([['Office chairs', '2026-11-22']]);
    // The won deal becomes an order in one step, and the note opens it.
    await user.click(screen.getByRole('button', { name: 'Make an order' }));
    await screen.findByText(/^Order .+ is made from “Office chairs”\.$/u);
    const ordered = await book.client.call('deals.get', { id: won.rows[0]!.id });
    expect(ordered.orderId).not.toBeNull();
    const order = await book.client.call('orders.get', { id: ordered.orderId! });
    expect([order.status, order.net]).toEqual(['confirmed', 100_000]);

    await user.click(screen.getByRole('button', { name: 'Actions for Desks' }));
    await user.click(screen.getByRole('menuitem', { name: 'Mark as lost…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Mark “Desks” as lost' });
    await user.click(within(dialog).getByRole('button', { name: 'Mark as lost' }));
    expect(within(dialog).getByText(/Say why the deal was lost/u)).toBeTruthy();
    expect((await book.client.call('deals.list', { filter: { state: 'lost' } })).rows).toHaveLength(0);
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Why was it lost?' }),
      'Went with a cheaper supplier',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Mark as lost' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const lost = await book.client.call('deals.list', { filter: { state: 'lost' } });
    expect(lost.rows.map((d) => [d.title, d.lostReason])).toEqual([
      ['Desks', 'Went with a cheaper supplier'],
    ]);

    // The lost list shows it with its reason.
    await user.click(screen.getByRole('radio', { name: 'Lost' }));
    const grid = await screen.findByRole('grid', { name: 'Lost deals' });
    expect(within(grid).getByText('Went with a cheaper supplier')).toBeTruthy();
  });

  it('adds a deal with the dialog, and says what is missing first', async () => {
    app = await renderAt('pipeline', seed);
    const { user, book } = app;
    await screen.findByRole('list', { name: 'Pipeline' });
    await user.click(screen.getByRole('button', { name: 'New deal in Negotiation' }));
    const dialog = await screen.findByRole('dialog', { name: 'New deal' });
    await user.click(within(dialog).getByRole('button', { name: 'Add deal' }));
    expect(within(dialog).getByText('Give the deal a title.')).toBeTruthy();
    await user.type(within(dialog).getByRole('textbox', { name: 'Title' }), 'Shelving');
    await user.type(within(dialog).getByRole('combobox', { name: 'Customer' }), 'Ann');
    await user.click(await within(dialog).findByRole('option', { name: /Ann Lee/u }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Value' }), '1,234.50');
    await user.click(within(dialog).getByRole('button', { name: 'Add deal' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() =>
      expect(within(column('Negotiation')).getByRole('group', { name: /total £1,234\.50/u })).toBeTruthy(),
    );
    const made = (await book.client.call('deals.list', {})).rows.find((d) => d.title === 'Shelving');
    expect([made?.value, made?.stageName, made?.personName]).toEqual([123_450, 'Negotiation', 'Ann Lee']);
  });
});

describe('Choosing the customer', () => {
  it('moves the focus to the chosen customer, but not away from a field the user has already gone on to', async () => {
    app = await renderAt('pipeline', seed);
    const { user } = app;
    await screen.findByRole('list', { name: 'Pipeline' });
    await user.click(screen.getByRole('button', { name: 'New deal in Negotiation' }));
    const dialog = await screen.findByRole('dialog', { name: 'New deal' });
    const chip = /^Customer: Ann Lee\./u;

    await user.type(within(dialog).getByRole('combobox', { name: 'Customer' }), 'Ann');
    await user.click(await within(dialog).findByRole('option', { name: /Ann Lee/u }));
    await waitFor(() =>
      expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: chip })),
    );

    // Chosen again, and the Value field clicked before the next frame: the focus stays there.
    await user.click(within(dialog).getByRole('button', { name: 'Choose someone other than Ann Lee' }));
    await user.type(await within(dialog).findByRole('combobox', { name: 'Customer' }), 'Ann');
    const frames: FrameRequestCallback[] = [];
    const raf = vi.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => frames.push(cb));
    try {
      await user.click(await within(dialog).findByRole('option', { name: /Ann Lee/u }));
      const value = within(dialog).getByRole('textbox', { name: 'Value' });
      value.focus();
      expect(frames.length).toBeGreaterThan(0);
      for (const cb of frames.splice(0)) cb(performance.now());
      expect(document.activeElement).toBe(value);
    } finally {
      raf.mockRestore();
    }
    await user.type(within(dialog).getByRole('textbox', { name: 'Value' }), '1,234.50');
    expect(within(dialog).getByRole('textbox', { name: 'Value' })).toHaveProperty('value', '1,234.50');
  });
});

describe('Deal lines', () => {
  it('prices a deal from its products: the value is the lines’ net total', async () => {
    app = await renderAt('pipeline', seed);
    const { user, book } = app;
    await screen.findByRole('list', { name: 'Pipeline' });
    await user.click(screen.getByRole('button', { name: 'Actions for Desks' }));
    await user.click(screen.getByRole('menuitem', { name: 'Edit…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit deal' });
    expect((within(dialog).getByRole('textbox', { name: 'Value' }) as HTMLInputElement).value).toBe('500.00');
    await user.click(within(dialog).getByRole('button', { name: 'Add a product' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Line 1 description' }), 'Standing desk');
    const qty = within(dialog).getByRole('textbox', { name: 'Line 1 quantity' });
    await user.clear(qty);
    await user.type(qty, '3');
    await user.type(within(dialog).getByRole('textbox', { name: 'Line 1 unit price' }), '249.50');
    expect(within(dialog).getByRole('status').textContent).toBe('Worth £748.50 before tax');
    expect((within(dialog).getByRole('textbox', { name: 'Value' }) as HTMLInputElement).disabled).toBe(true);
    await user.click(within(dialog).getByRole('button', { name: 'Save deal' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const id = (await book.client.call('deals.list', {})).rows.find((d) => d.title === 'Desks')!.id;
    const desks = await book.client.call('deals.get', { id });
    expect([desks.value, desks.lines.map((l) => [l.description, l.quantity, l.unitPrice])]).toEqual([
      74_850,
      [['Standing desk', 3000, 24_950]],
    ]);
    await waitFor(() =>
      expect(within(column('Lead')).getByRole('group', { name: /total £1,748\.50/u })).toBeTruthy(),
    );
  });
});

describe('Deal stages in Settings', () => {
  it('renames a stage and changes its chance, and the board weighs by the new one', async () => {
    app = await renderAt('settings', seed);
    const { user, book } = app;
    const name = await screen.findByRole('textbox', { name: 'Stage 3 name' });
    expect((name as HTMLInputElement).value).toBe('Proposal');
    await user.clear(name);
    await user.type(name, 'Quoted');
    const chance = screen.getByRole('textbox', { name: 'Chance of winning at Quoted (%)' });
    await user.clear(chance);
    await user.type(chance, '150');
    await user.click(screen.getByRole('button', { name: 'Save stages' }));
    expect(await screen.findByText(/percentage from 0 to 100/u)).toBeTruthy();
    await user.clear(chance);
    await user.type(chance, '60');
    await user.click(screen.getByRole('button', { name: 'Save stages' }));
    await screen.findByText('Saved');
    const stages = await book.client.call('dealStages.list', {});
    expect(stages.filter((s) => s.active).map((s) => [s.name, s.probabilityBp])).toEqual([
      ['Lead', 1000],
      ['Qualified', 2500],
      ['Quoted', 6000],
      ['Negotiation', 7500],
    ]);
    app.ui.getState().navigate('pipeline');
    await screen.findByRole('list', { name: 'Pipeline' });
    expect(
      within(column('Quoted')).getByRole('group', { name: 'Quoted total £200.00, weighted £120.00' }),
    ).toBeTruthy();
  });
});
