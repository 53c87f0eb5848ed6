/**
 * The Companies screen on a real book: its total shows before the list is read to the end, rows
 * are selected and tagged or deleted in bulk with Undo; a company's page adds a person with the
 * company filled in, and its history says whose each note is.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestBook } from '../../helpers/book.ts';
import { person, renderAt, type Rendered } from './harness.tsx';

let app: Rendered | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
  localStorage.clear();
});

function listedCompanies(): string[] {
  const grid = screen.getByRole('grid', { name: 'Companies' });
  return [...grid.querySelectorAll('[role="row"][aria-label]')].map(
    (r) => r.getAttribute('aria-label') ?? '',
  );
}

async function seedFour(book: TestBook) {
  for (const [name, tags] of [
    ['Acme Tools', ['Supplier']],
    ['Beta Labs', []],
    ['Cobalt Mining', ['Supplier']],
    ['Delta Freight', []],
  ] as const) {
    await book.client.call('companies.create', { name, tags: [...tags] });
  }
}

describe('Companies screen', () => {
  it('shows the total at once, before the list has been read to its end, and follows the filters', async () => {
    app = await renderAt('companies', async (book) => {
      // Several pages (100 rows each): the list alone cannot know the total yet.
      for (let i = 1; i <= 330; i++) {
        await book.client.call('companies.create', {
          name: `Firm ${String(i).padStart(3, '0')}`,
          tags: i <= 7 ? ['Key account'] : [],
        });
      }
    });
    const { user } = app;
    const grid = await screen.findByRole('grid', { name: 'Companies' });
    expect(await screen.findByText('330 companies')).toBeTruthy();
    await waitFor(() => expect(listedCompanies()[0]).toBe('Firm 001'));
    expect(listedCompanies()).not.toContain('Firm 330');
    expect(grid.getAttribute('aria-rowcount')).toBe('331');

    // The tag choices arrive with tags.list (a job); choose once they are there.
    await screen.findByRole('option', { name: 'Key account' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Tag' }), 'Key account');
    expect(await screen.findByText('7 companies')).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: 'Find a company' }), 'Firm 007');
    expect(await screen.findByText('1 company')).toBeTruthy();
    await waitFor(() => expect(listedCompanies()).toEqual(['Firm 007']));
  });

  it('tags a selection in bulk, and Undo takes it back', async () => {
    app = await renderAt('companies', seedFour);
    const { user, book } = app;
    const grid = await screen.findByRole('grid', { name: 'Companies' });
    await waitFor(() => expect(listedCompanies()).toHaveLength(4));
    expect(screen.queryByRole('toolbar', { name: /Actions for/u })).toBeNull();

    // Click one box, Shift-click another: the rows between are selected too.
    await user.click(within(grid).getByRole('checkbox', { name: 'Select Beta Labs' }));
    await user.keyboard('{Shift>}');
    await user.click(within(grid).getByRole('checkbox', { name: 'Select Delta Freight' }));
    await user.keyboard('{/Shift}');
    const bar = screen.getByRole('toolbar', { name: 'Actions for 3 companies' });
    expect(within(bar).getByText('3 selected')).toBeTruthy();
    expect(within(grid).getByRole('row', { name: 'Acme Tools' }).getAttribute('aria-selected')).toBe('false');

    await user.click(within(bar).getByRole('button', { name: 'Tag…' }));
    const dialog = screen.getByRole('dialog', { name: 'Tag 3 companies' });
    await user.type(within(dialog).getByRole('combobox', { name: 'Tag' }), 'Wholesale');
    await user.click(within(dialog).getByRole('button', { name: 'Add tag' }));
    await screen.findByText('Tagged 3 companies “Wholesale”.');
    const tagged = await book.client.call('companies.list', { filter: { tag: 'Wholesale' } });
    expect(tagged.rows.map((r) => r.name)).toEqual(['Beta Labs', 'Cobalt Mining', 'Delta Freight']);
    // The list shows it without being asked, and the selection is cleared.
    await waitFor(() =>
      expect(
        within(within(grid).getByRole('row', { name: 'Beta Labs' })).getByText('Wholesale'),
      ).toBeTruthy(),
    );
    expect(screen.queryByRole('toolbar', { name: /Actions for/u })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByText('Undone.');
    expect((await book.client.call('companies.count', { filter: { tag: 'Wholesale' } })).count).toBe(0);
    await waitFor(() =>
      expect(
        within(within(grid).getByRole('row', { name: 'Beta Labs' })).queryByText('Wholesale'),
      ).toBeNull(),
    );
  });

  it('selects every matching company with Ctrl+A, deletes them to the Trash, and Undo restores them', async () => {
    app = await renderAt('companies', seedFour);
    const { user, book } = app;
    const grid = await screen.findByRole('grid', { name: 'Companies' });
    await waitFor(() => expect(listedCompanies()).toHaveLength(4));
    // The tag choices arrive with tags.list (a job); choose once they are there.
    await screen.findByRole('option', { name: 'Supplier' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Tag' }), 'Supplier');
    await waitFor(() => expect(listedCompanies()).toEqual(['Acme Tools', 'Cobalt Mining']));
    grid.focus();
    await user.keyboard('{Control>}a{/Control}');
    const bar = screen.getByRole('toolbar', { name: 'Actions for 2 companies' });
    await user.click(within(bar).getByRole('button', { name: 'Delete' }));
    await screen.findByText('Moved 2 companies to the Trash.');
    expect((await book.client.call('companies.count', {})).count).toBe(2);
    const trash = await book.client.call('trash.list', { kind: 'company' });
    expect(trash.rows.map((r) => r.title).sort()).toEqual(['Acme Tools', 'Cobalt Mining']);

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByText('Restored 2 companies.');
    expect((await book.client.call('companies.count', {})).count).toBe(4);
    await waitFor(() => expect(listedCompanies()).toEqual(['Acme Tools', 'Cobalt Mining']));
  });
});

describe('A company’s page', () => {
  it('adds a person with the company filled in', async () => {
    let companyId = '';
    app = await renderAt('companies', async (book) => {
      companyId = (await book.client.call('companies.create', { name: 'Acme Tools' })).id;
    });
    const { user, book, ui } = app;
    ui.getState().navigate(`companies/${companyId}`);
    await screen.findByRole('heading', { name: 'Acme Tools', level: 1 });

    // Opened and closed untouched, it leaves no draft behind.
    await user.click(screen.getByRole('button', { name: 'Add a person' }));
    let dialog = screen.getByRole('dialog', { name: 'New person' });
    expect(within(dialog).getByRole('combobox', { name: 'Company' })).toHaveProperty('value', 'Acme Tools');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog', { name: 'New person' })).toBeNull();
    expect(JSON.parse(localStorage.getItem('ledgerline.draft.newPerson') ?? 'null')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Add a person' }));
    dialog = screen.getByRole('dialog', { name: 'New person' });
    await user.type(within(dialog).getByRole('textbox', { name: 'First name' }), 'Jane');
    await user.type(within(dialog).getByRole('textbox', { name: 'Last name' }), 'Smith');
    await user.click(within(dialog).getByRole('button', { name: 'Save person' }));
    await screen.findByRole('heading', { name: 'Jane Smith', level: 1 });
    const [jane] = (await book.client.call('people.list', { filter: { companyId } })).rows;
    expect(jane).toMatchObject({ displayName: 'Jane Smith', companyId, companyName: 'Acme Tools' });

    // Ctrl+N elsewhere still opens an empty dialog.
    ui.getState().openNewPerson();
    dialog = await screen.findByRole('dialog', { name: 'New person' });
    expect(within(dialog).getByRole('combobox', { name: 'Company' })).toHaveProperty('value', '');
  });

  it('says whose each note is in the history across its people', async () => {
    let companyId = '';
    let janeId = '';
    app = await renderAt('companies', async (book) => {
      companyId = (await book.client.call('companies.create', { name: 'Acme Tools' })).id;
      janeId = (await person(book, { givenName: 'Jane', familyName: 'Smith', companyId })).id;
      await person(book, { givenName: 'Tom', familyName: 'Brown', companyId });
      await book.client.call('notes.create', { personId: janeId, body: 'Wants the spring catalogue.' });
      book.clock.advance(60_000);
      await book.client.call('notes.create', { companyId, body: 'Moved to a new site.' });
    });
    const { user, ui } = app;
    ui.getState().navigate(`companies/${companyId}`);
    const history = await screen.findByRole('list', { name: 'History across its people' });
    const janes = await within(history).findByRole('listitem', { name: 'Note on Jane Smith' });
    expect(janes.textContent).toContain('Note on Jane Smith');
    expect(janes.textContent).toContain('Wants the spring catalogue.');
    // A note on the company itself names nobody.
    const own = within(history).getByText('Moved to a new site.').closest('li')!;
    expect(own.getAttribute('aria-label')).toBe('Note');

    // The name opens the person; on her own page the note needs no name.
    await user.click(within(janes).getByRole('button', { name: 'Jane Smith' }));
    await screen.findByRole('heading', { name: 'Jane Smith', level: 1 });
    const hers = await screen.findByRole('list', { name: 'History' });
    const note = (await within(hers).findByText('Wants the spring catalogue.')).closest('li')!;
    expect(note.getAttribute('aria-label')).toBe('Note');
  });
});
