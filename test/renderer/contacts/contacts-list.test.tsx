/**
 * The contacts list on a real book: it shows, sorts and filters what the backend holds, moves with
 * the keyboard, remembers its columns, and bulk tagging can be undone from the toast.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTACTS_PAGING } from '../../../renderer/features/contacts/ContactsScreen.tsx';
import { listedNames, person, renderAt, type Rendered } from './harness.tsx';

let app: Rendered | undefined;
const PAGING = { ...CONTACTS_PAGING };
afterEach(async () => {
  await app?.stop();
  app = undefined;
  Object.assign(CONTACTS_PAGING, PAGING);
});

async function seedFive(app: Rendered['book']) {
  await person(app, {
    givenName: 'Ann',
    familyName: 'Lee',
    stage: 'customer',
    email: 'ann@example.com',
    city: 'Leeds',
  });
  await person(app, { givenName: 'Bob', familyName: 'Archer', stage: 'lead', city: 'York' });
  await person(app, { givenName: 'Cleo', familyName: 'Zhang', stage: 'customer', tags: ['VIP'] });
  await person(app, { givenName: 'Dev', familyName: 'Patel', stage: 'prospect' });
  await person(app, { givenName: 'Eve', familyName: 'Müller', stage: 'customer' });
}

describe('Contacts list', () => {
  it('shows everyone with the total, sorts by the headers and filters with the pills', async () => {
    app = await renderAt('contacts', seedFive);
    const { user } = app;
    const grid = await screen.findByRole('grid', { name: 'People' });
    await waitFor(() =>
      expect(listedNames()).toEqual(['Bob Archer', 'Ann Lee', 'Eve Müller', 'Dev Patel', 'Cleo Zhang']),
    );
    expect(await screen.findByText('5 people')).toBeTruthy();
    expect(grid.getAttribute('aria-rowcount')).toBe('6');

    // Sorting: the header says how the list is sorted, and a second click turns it round.
    const nameHeader = within(grid).getByRole('columnheader', { name: /Name/ });
    expect(nameHeader.getAttribute('aria-sort')).toBe('ascending');
    await user.click(within(nameHeader).getByRole('button'));
    await waitFor(() => expect(listedNames()[0]).toBe('Cleo Zhang'));
    expect(nameHeader.getAttribute('aria-sort')).toBe('descending');
    await user.click(within(grid).getByRole('button', { name: /Last contacted/ }));
    expect(
      within(grid)
        .getByRole('columnheader', { name: /Last contacted/ })
        .getAttribute('aria-sort'),
    ).toBe('descending');
    expect(nameHeader.getAttribute('aria-sort')).toBe('none');
    await user.click(within(grid).getByRole('button', { name: /Name/ }));
    await waitFor(() => expect(listedNames()[0]).toBe('Bob Archer'));

    // Filtering by stage: three clicks, and the count follows.
    await user.click(screen.getByRole('button', { name: 'Filter' }));
    await user.click(screen.getByRole('menuitem', { name: 'Stage' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Stage' }), 'customer');
    await waitFor(() => expect(listedNames()).toEqual(['Ann Lee', 'Eve Müller', 'Cleo Zhang']));
    expect(await screen.findByText('3 people')).toBeTruthy();

    // And by city, on top.
    await user.click(screen.getByRole('button', { name: 'Add filter' }));
    await user.click(screen.getByRole('menuitem', { name: 'City' }));
    await user.type(screen.getByRole('textbox', { name: 'City' }), 'Leeds{Enter}');
    await waitFor(() => expect(listedNames()).toEqual(['Ann Lee']));

    // No match: the empty state says so and clears the filters.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Stage' }), 'lead');
    await screen.findByText('No one matches these filters');
    await user.click(screen.getAllByRole('button', { name: 'Clear filters' }).at(-1)!);
    await waitFor(() => expect(listedNames()).toHaveLength(5));
  });

  it('moves with the arrow keys, opens with Enter, and remembers its columns', async () => {
    app = await renderAt('contacts', seedFive);
    const { user, ui } = app;
    const grid = await screen.findByRole('grid', { name: 'People' });
    await waitFor(() => expect(listedNames()).toHaveLength(5));
    // The list takes the focus when it opens (its first row active), so the keys work at once.
    await waitFor(() => expect(document.activeElement).toBe(grid));
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowUp}');
    const active = grid.getAttribute('aria-activedescendant');
    expect(active && document.getElementById(active)?.getAttribute('aria-label')).toBe('Ann Lee');
    // Space selects the active row.
    await user.keyboard(' ');
    expect(within(grid).getByRole('row', { name: 'Ann Lee' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('toolbar', { name: 'Actions for 1 person' })).toBeTruthy();
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { name: 'Ann Lee', level: 1 });
    expect(ui.getState().route).toMatch(/^people\//u);

    // Columns: hide Email, and it stays hidden next time.
    ui.getState().navigate('contacts');
    await screen.findByRole('grid', { name: 'People' });
    expect(screen.getByRole('columnheader', { name: 'Email' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Choose columns' }));
    await user.click(screen.getByRole('menuitemradio', { name: 'Email' }));
    expect(screen.queryByRole('columnheader', { name: 'Email' })).toBeNull();
    expect(JSON.parse(localStorage.getItem('ledgerline.columns.contacts') ?? '[]')).not.toContain('email');
  });

  it('tags a selection in bulk, and Undo takes it back', async () => {
    app = await renderAt('contacts', seedFive);
    const { user, book } = app;
    const grid = await screen.findByRole('grid', { name: 'People' });
    await waitFor(() => expect(listedNames()).toHaveLength(5));

    // Click one box, Shift-click another: the rows between are selected too.
    await user.click(within(grid).getByRole('checkbox', { name: 'Select Bob Archer' }));
    await user.keyboard('{Shift>}');
    await user.click(within(grid).getByRole('checkbox', { name: 'Select Eve Müller' }));
    await user.keyboard('{/Shift}');
    const bar = screen.getByRole('toolbar', { name: 'Actions for 3 people' });
    expect(within(bar).getByText('3 selected')).toBeTruthy();

    await user.click(within(bar).getByRole('button', { name: 'Tag…' }));
    const dialog = screen.getByRole('dialog', { name: 'Tag 3 people' });
    await user.type(within(dialog).getByRole('combobox', { name: 'Tag' }), 'Wholesale');
    await user.click(within(dialog).getByRole('button', { name: 'Add tag' }));
    await screen.findByText('Tagged 3 people “Wholesale”.');
    await waitFor(async () => {
      const page = await book.client.call('people.list', { filter: { tag: 'Wholesale' } });
      expect(page.rows.map((r) => r.displayName).sort()).toEqual(['Ann Lee', 'Bob Archer', 'Eve Müller']);
    });
    // The list shows it without being asked.
    await waitFor(() =>
      expect(
        within(within(grid).getByRole('row', { name: 'Bob Archer' })).getByText('Wholesale'),
      ).toBeTruthy(),
    );
    // The selection is cleared after the action.
    expect(screen.queryByRole('toolbar', { name: /Actions for/ })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByText('Undone.');
    const after = await book.client.call('people.count', { filter: { tag: 'Wholesale' } });
    expect(after.count).toBe(0);
    await waitFor(() =>
      expect(
        within(within(grid).getByRole('row', { name: 'Bob Archer' })).queryByText('Wholesale'),
      ).toBeNull(),
    );
  });

  it('spans everyone from the start, and jumps to the last person with Ctrl+End or the scroll bar', async () => {
    // Small pages and anchors, so 230 people make many of each.
    Object.assign(CONTACTS_PAGING, { pageSize: 20, anchorEvery: 100 });
    app = await renderAt('contacts', async (book) => {
      for (let i = 1; i <= 230; i++) {
        await person(book, { givenName: 'Pat', familyName: `Number${String(i).padStart(3, '0')}` });
      }
    });
    const { user, book } = app;
    const [first] = (await book.client.call('people.list', { limit: 1 })).rows;
    const [last] = (await book.client.call('people.list', { direction: 'desc', limit: 1 })).rows;
    const grid = await screen.findByRole('grid', { name: 'People' });
    await waitFor(() => expect(listedNames()[0]).toBe(first!.displayName));
    // The scroll bar spans all 230 rows (plus the header) before most of them are read.
    await waitFor(() => expect(grid.getAttribute('aria-rowcount')).toBe('231'));
    const scroller = grid.querySelector<HTMLElement>('.grid__scroll')!;
    expect(scroller.querySelector<HTMLElement>('.grid__body')!.style.height).toBe(`${230 * 32}px`);
    expect(listedNames()).not.toContain(last!.displayName);

    // jsdom does not lay out or scroll: give the list the browser's sizes and scrolling.
    Object.defineProperty(scroller, 'clientHeight', { configurable: true, get: () => 720 });
    Object.defineProperty(scroller, 'scrollHeight', { configurable: true, get: () => 32 + 230 * 32 });
    scroller.scrollTo = ((options: ScrollToOptions) => {
      scroller.scrollTop = options.top ?? 0;
      scroller.dispatchEvent(new Event('scroll'));
    }) as typeof scroller.scrollTo;
    await waitFor(() => expect(document.activeElement).toBe(grid));
    await user.keyboard('{Control>}{End}{/Control}');
    await waitFor(() => expect(listedNames().at(-1)).toBe(last!.displayName));
    const active = () => {
      const id = grid.getAttribute('aria-activedescendant');
      return id ? document.getElementById(id)?.getAttribute('aria-label') : undefined;
    };
    await waitFor(() => expect(active()).toBe(last!.displayName));
    // Rows far from the screen were never needed: the first person is not in the DOM any more.
    expect(listedNames()).not.toContain(first!.displayName);

    // Home goes back to the top…
    await user.keyboard('{Home}');
    await waitFor(() => expect(active()).toBe(first!.displayName));

    // …and dragging the scroll bar to its end shows the last person too.
    scroller.scrollTop = 230 * 32 - 720;
    scroller.dispatchEvent(new Event('scroll'));
    await waitFor(() => expect(listedNames().at(-1)).toBe(last!.displayName));
  });

  it('says what the screen is for when the book is empty', async () => {
    app = await renderAt('contacts');
    await screen.findByText('No people yet');
    await app.user.click(screen.getAllByRole('button', { name: 'New person' })[1]!);
    expect(screen.getByRole('dialog', { name: 'New person' })).toBeTruthy();
  });
});
