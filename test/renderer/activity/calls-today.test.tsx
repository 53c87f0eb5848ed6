/**
 * The calls log (totals, filters, the dense table, Enter opens the person, editing the lists) and
 * Today (calls to make in calling order, log a call or open the person from there).
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestBook } from '../../helpers/book.ts';
import { draw, type Drawn } from './activity.helpers.tsx';

let d: Drawn | undefined;
afterEach(async () => {
  await d?.close();
  d = undefined;
});

const MIN = 60_000;

async function logCalls(book: TestBook) {
  const people = (await book.client.call('people.list', {})).rows;
  const id = (name: string) => people.find((p) => p.displayName === name)!.id;
  const log = (name: string, ago: number, extra: Record<string, unknown>) =>
    book.client.call('calls.log', {
      call: {
        personId: id(name),
        direction: 'out',
        startedAt: book.clock() - ago,
        durationS: 0,
        outcome: 'connected',
        summary: '',
        ...extra,
      },
    });
  await log('Ann Lee', 90 * MIN, { durationS: 300, purpose: 'Quote', summary: 'Quote for 40 chairs' });
  await log('Bob Ray', 60 * MIN, { outcome: 'no answer' });
  await log('Jürgen Müller', 30 * MIN, { durationS: 600, direction: 'in', response: 'positive' });
}

const stat = (label: string) =>
  screen.getByRole('group', { name: label }).querySelector('.stat__value')?.textContent ?? '';
const rowNames = () =>
  within(screen.getByRole('grid', { name: 'Calls' }))
    .getAllByRole('row')
    .slice(1)
    .map((r) => r.getAttribute('aria-label')?.split(',')[0]);

describe('calls log', () => {
  it('shows totals and every call, newest first, and filters by outcome and direction', async () => {
    d = await draw({ route: 'calls', before: logCalls });
    const app = d;
    await screen.findByRole('heading', { name: 'Calls', level: 1 });
    await waitFor(() => expect(stat('Calls')).toBe('3'));
    expect(stat('Connected')).toBe('67%');
    expect(stat('Talk time')).toBe('15m');
    await waitFor(() => expect(rowNames()).toEqual(['Jürgen Müller', 'Bob Ray', 'Ann Lee']));

    await app.user.selectOptions(screen.getByRole('combobox', { name: 'Outcome' }), 'Connected');
    await waitFor(() => expect(stat('Calls')).toBe('2'));
    expect(stat('Connected')).toBe('100%');
    await waitFor(() => expect(rowNames()).toEqual(['Jürgen Müller', 'Ann Lee']));

    await app.user.selectOptions(screen.getByRole('combobox', { name: 'Direction' }), 'Incoming');
    await waitFor(() => expect(rowNames()).toEqual(['Jürgen Müller']));
    await app.user.selectOptions(screen.getByRole('combobox', { name: 'Purpose' }), 'Quote');
    await screen.findByText('No calls match these filters');
    await app.user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);
    await waitFor(() => expect(rowNames()).toHaveLength(3));

    // A call logged elsewhere shows up at once.
    await app.book.client.call('calls.log', {
      call: {
        personId: app.people.Ann!.id,
        direction: 'out',
        startedAt: app.book.clock(),
        durationS: 60,
        outcome: 'busy',
        summary: '',
      },
    });
    await waitFor(() => expect(rowNames()).toHaveLength(4));
    expect(stat('Calls')).toBe('4');

    // ↓ and Enter open the person.
    const grid = screen.getByRole('grid', { name: 'Calls' });
    grid.focus();
    await app.user.keyboard('{ArrowDown}{Enter}'); // focus marks the first row; ↓ moves to the second
    await waitFor(() => expect(app.ui.getState().route).toBe(`people/${app.people.Jürgen!.id}`));
  });

  it('says how to log the first call when there are none', async () => {
    d = await draw({ route: 'calls' });
    await screen.findByText('No calls yet');
    await d.user.click(screen.getAllByRole('button', { name: /^Log a call/u }).at(-1)!);
    expect(screen.getByRole('dialog', { name: 'Log a call' })).toBeTruthy();
  });

  it('edits the purposes and outcomes from the calls screen', async () => {
    d = await draw({ route: 'calls' });
    const app = d;
    await app.user.click(await screen.findByRole('button', { name: 'Edit lists' }));
    const dialog = await screen.findByRole('dialog', { name: 'Call purposes and outcomes' });
    await app.user.type(within(dialog).getByRole('textbox', { name: 'New purpose' }), 'Complaint{Enter}');
    await app.user.click(within(dialog).getByRole('button', { name: 'Move Complaint up' }));
    await app.user.click(within(dialog).getByRole('radio', { name: 'Outcomes' }));
    await app.user.click(within(dialog).getAllByRole('checkbox', { name: 'Offered' })[4]!); // wrong number: no longer offered
    await app.user.click(within(dialog).getByRole('button', { name: 'Save lists' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'Call purposes and outcomes' })).toBeNull(),
    );

    const purposes = await app.book.client.call('lists.get', { list: 'call_purpose' });
    expect(purposes.map((p) => p.value).slice(-2)).toEqual(['Complaint', 'Renewal']);
    const outcomes = await app.book.client.call('lists.get', { list: 'call_outcome' });
    expect(outcomes.find((o) => o.value === 'wrong number')?.active).toBe(false);

    // The log-call dialog offers the new purpose and no longer the hidden outcome.
    await app.user.keyboard('{Control>}l{/Control}');
    const log = screen.getByRole('dialog', { name: 'Log a call' });
    await waitFor(() =>
      expect(
        within(within(log).getByRole('combobox', { name: 'Purpose' })).getByRole('option', {
          name: 'Complaint',
        }),
      ).toBeTruthy(),
    );
    expect(
      within(within(log).getByRole('combobox', { name: 'Outcome' })).queryByRole('option', {
        name: 'Wrong number',
      }),
    ).toBeNull();

    // An empty list is refused, at the list.
    await app.user.keyboard('{Escape}');
    await app.user.click(screen.getByRole('button', { name: 'Edit lists' }));
    const again = await screen.findByRole('dialog', { name: 'Call purposes and outcomes' });
    for (const remove of within(again).getAllByRole('button', { name: /^Remove / }))
      await app.user.click(remove);
    await app.user.click(within(again).getByRole('button', { name: 'Save lists' }));
    expect(await within(again).findByText('Keep at least one choice.')).toBeTruthy();
    expect((await app.book.client.call('lists.get', { list: 'call_purpose' })).length).toBe(7);
  });
});

describe('Today', () => {
  it('lists the calls to make today; a row opens the person or logs a call with them', async () => {
    d = await draw({
      before: async (book) => {
        const people = (await book.client.call('people.list', {})).rows;
        for (const p of people) {
          await book.client.call('tasks.create', {
            type: 'call',
            title: `Call ${p.displayName}`,
            dueDate: '2026-11-22',
            personId: p.id,
          });
        }
      },
    });
    const app = d;
    const list = await screen.findByRole('list', { name: 'Calls to make today' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    const ann = within(list).getByRole('listitem', { name: 'Ann Lee' });
    expect(within(ann).getByRole('link', { name: '020 7946 0958' }).getAttribute('href')).toBe(
      'tel:02079460958',
    );
    await app.user.click(within(ann).getByRole('button', { name: 'Log a call with Ann Lee' }));
    const dialog = screen.getByRole('dialog', { name: 'Log a call' });
    await within(dialog).findByRole('button', { name: /^Contact: Ann Lee/u });
    await app.user.keyboard('{Escape}');
    await app.user.click(within(ann).getByRole('button', { name: /^Ann Lee/u }));
    expect(app.ui.getState().route).toBe(`people/${app.people.Ann!.id}`);
  });
});
