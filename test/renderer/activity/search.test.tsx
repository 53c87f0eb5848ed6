/**
 * Global search in the sidebar and the palette: answers while typing, grouped by kind, opened with
 * ↑ ↓ and Enter; phones in any format, accents ignored; a slow, older answer never wins.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draw, type Drawn } from './activity.helpers.tsx';

let d: Drawn;

beforeEach(async () => {
  d = await draw({
    before: async (book) => {
      const people = await book.client.call('people.list', {});
      const ann = people.rows.find((p) => p.displayName === 'Ann Lee')!;
      const bob = people.rows.find((p) => p.displayName === 'Bob Ray')!;
      await book.client.call('notes.create', {
        personId: ann.id,
        body: 'Wants the oak table delivered in March',
      });
      await book.client.call('calls.log', {
        call: {
          personId: bob.id,
          direction: 'in',
          startedAt: book.clock() - 3_600_000,
          durationS: 120,
          outcome: 'connected',
          summary: 'Asked whether the oak chairs come in black',
        },
      });
    },
  });
  await screen.findByRole('heading', { name: 'Today', level: 1 });
});

afterEach(async () => {
  await d.close();
});

const searchBox = () =>
  screen.getByRole('combobox', { name: 'Search people, companies, notes and calls' }) as HTMLInputElement;
const results = () => screen.getByRole('listbox', { name: 'Search results' });
const groups = () =>
  within(results())
    .getAllByRole('group')
    .map((g) => g.getAttribute('aria-label'));
const optionNames = (group: string) =>
  within(within(results()).getByRole('group', { name: group }))
    .getAllByRole('option')
    .map((o) => o.getAttribute('aria-label'));

async function search(text: string) {
  await d.user.clear(searchBox());
  await d.user.type(searchBox(), text);
  await waitFor(() => expect(results().getAttribute('aria-busy')).toBe('false'));
}

describe('global search', () => {
  it('answers while typing, grouped as People, Companies, Notes and Calls', async () => {
    await search('oak');
    expect(groups()).toEqual(['Notes', 'Calls']);
    expect(optionNames('Notes')[0]).toMatch(/oak table/u);
    expect(optionNames('Calls')[0]).toMatch(/oak chairs/u);

    await search('acme');
    expect(groups()).toEqual(['People', 'Companies']);
    expect(optionNames('People')).toEqual(['Ann Lee, Acme Ltd · ann@acme.example']);
    expect(optionNames('Companies')).toEqual(['Acme Ltd']);

    // Accents and case do not matter; word prefixes match.
    await search('muller');
    expect(optionNames('People')[0]).toMatch(/^Jürgen Müller/u);

    // A phone in another format finds the stored number.
    await search('+44 20 7946 0958');
    expect(optionNames('People')).toEqual(['Ann Lee, Acme Ltd · ann@acme.example']);

    await search('zzzz');
    expect(screen.getByText('Nothing matches “zzzz”')).toBeTruthy();
  });

  it('opens the chosen result with ↑ ↓ and Enter: a company, or the person a note belongs to', async () => {
    await search('acme');
    const input = searchBox();
    expect(input.getAttribute('aria-activedescendant')).toBe(within(results()).getAllByRole('option')[0]!.id);
    await d.user.keyboard('{ArrowDown}');
    const company = within(results()).getByRole('option', { name: 'Acme Ltd' });
    expect(company.getAttribute('aria-selected')).toBe('true');
    expect(input.getAttribute('aria-activedescendant')).toBe(company.id);
    await d.user.keyboard('{Enter}');
    const acme = (await d.book.client.call('companies.list', {})).rows.find((c) => c.name === 'Acme Ltd')!;
    expect(d.ui.getState().route).toBe(`companies/${acme.id}`);
    await waitFor(() => expect(window.location.hash).toBe(`#/companies/${acme.id}`));
    expect(searchBox().value).toBe('');
    expect(screen.queryByRole('listbox', { name: 'Search results' })).toBeNull();

    await d.user.keyboard('/'); // focus is on the page, so / goes to the search field
    expect(document.activeElement).toBe(searchBox());
    await search('oak table');
    await d.user.keyboard('{Enter}');
    expect(d.ui.getState().route).toBe(`people/${d.people.Ann!.id}`);

    // Esc clears the field, a second Esc leaves it.
    await d.user.keyboard('{Control>}f{/Control}');
    expect(document.activeElement).toBe(searchBox());
    await d.user.keyboard('bob');
    await d.user.keyboard('{Escape}');
    expect(searchBox().value).toBe('');
    await d.user.keyboard('{Escape}');
    expect(document.activeElement).not.toBe(searchBox());
  });

  it('keeps the newest answer when an older one comes back late', async () => {
    const before = d.h.count('search.global');
    const held = d.h.holdNext('search.global');
    await d.user.type(searchBox(), 'bob');
    await held.answered; // the book has answered "bob", but the answer is held back
    expect(d.h.count('search.global')).toBe(before + 1);
    await d.user.clear(searchBox());
    await d.user.type(searchBox(), 'ann');
    await waitFor(() => expect(optionNames('People')[0]).toMatch(/^Ann Lee/u));
    held.release();
    await new Promise((r) => setTimeout(r, 50));
    expect(optionNames('People')).toEqual(['Ann Lee, Acme Ltd · ann@acme.example']);
  });

  it('shows results in the command palette below the commands', async () => {
    await d.user.keyboard('{Control>}k{/Control}');
    const palette = screen.getByRole('dialog', { name: 'Command palette' });
    await d.user.keyboard('call');
    const list = within(palette).getByRole('listbox', { name: 'Commands and results' });
    await waitFor(() => expect(list.getAttribute('aria-busy')).toBe('false'));
    const sections = within(list)
      .getAllByRole('group')
      .map((g) => g.getAttribute('aria-label'));
    expect(sections[0]).toBe('Matching commands');
    expect(
      within(within(list).getByRole('group', { name: 'Matching commands' })).getAllByRole('option')[0]!
        .textContent,
    ).toMatch(/^Log a call/u);

    await d.user.clear(within(palette).getByRole('combobox'));
    await d.user.keyboard('jürgen');
    await within(list).findByRole('option', { name: /^Jürgen Müller/u });
    expect(within(list).queryByRole('group', { name: 'Matching commands' })).toBeNull();
    await d.user.keyboard('{Enter}');
    expect(screen.queryByRole('dialog', { name: 'Command palette' })).toBeNull();
    expect(d.ui.getState().route).toBe(`people/${d.people.Jürgen!.id}`);
  });
});
