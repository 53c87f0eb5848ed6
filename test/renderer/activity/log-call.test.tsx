/**
 * The log-call dialog against the real backend: a timer under the book's fixed clock, typed
 * durations, the follow-up created in the same save, errors at the field, and the keyboard alone.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { draw, type Drawn } from './activity.helpers.tsx';

let d: Drawn | undefined;
afterEach(async () => {
  await d?.close();
  d = undefined;
});

const dialog = () => screen.getByRole('dialog', { name: 'Log a call' });
const field = (name: string) => within(dialog()).getByRole('textbox', { name }) as HTMLInputElement;

async function openOnPerson(app: Drawn, given: string) {
  app.ui.getState().navigate(`people/${app.people[given]!.id}`);
  await app.user.keyboard('{Control>}l{/Control}');
  await within(await screen.findByRole('dialog', { name: 'Log a call' })).findByRole('button', {
    name: new RegExp(`^Contact: ${app.people[given]!.displayName}`, 'u'),
  });
}

describe('log-call dialog', () => {
  it('times the call from the person page and puts the follow-up on the Agenda', async () => {
    d = await draw();
    const app = d;
    await openOnPerson(app, 'Ann');
    const start = app.book.clock();
    // The timer button has the focus: Ctrl+L, then Enter starts timing.
    expect(document.activeElement).toBe(within(dialog()).getByRole('button', { name: 'Start the timer' }));
    await app.user.keyboard('{Enter}');
    app.book.clock.advance(150_000); // two and a half minutes on the phone
    await app.user.click(within(dialog()).getByRole('button', { name: /^Stop the timer/u }));
    expect(field('Duration').value).toBe('2:30');

    await app.user.selectOptions(within(dialog()).getByRole('combobox', { name: 'Purpose' }), 'Quote');
    await app.user.click(within(dialog()).getByRole('radio', { name: 'Positive' }));
    await app.user.type(within(dialog()).getByRole('textbox', { name: 'Summary' }), 'Wants 40 chairs');
    await app.user.click(within(dialog()).getByRole('radio', { name: 'In days' }));
    await app.user.clear(field('Days until the next call'));
    await app.user.type(field('Days until the next call'), '3');
    expect(within(dialog()).getByText(/A call task for .* is added/u)).toBeTruthy();
    await app.user.click(within(dialog()).getByRole('button', { name: 'Log call' }));

    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Log a call' })).toBeNull());
    const calls = await app.book.client.call('calls.list', {});
    expect(calls.rows).toHaveLength(1);
    expect(calls.rows[0]).toMatchObject({
      personId: app.people.Ann!.id,
      durationS: 150,
      startedAt: start,
      direction: 'out',
      purpose: 'Quote',
      outcome: 'connected',
      response: 'positive',
      summary: 'Wants 40 chairs',
    });
    const tasks = await app.book.client.call('tasks.list', { personId: app.people.Ann!.id });
    expect(tasks.rows).toHaveLength(1);
    expect(tasks.rows[0]).toMatchObject({ type: 'call', dueDate: '2026-11-25' });
    await screen.findByText(/Call with Ann Lee logged\. Next call/u);

    // The follow-up is on the Agenda, three days out.
    await app.user.keyboard('{Control>}5{/Control}');
    await screen.findByRole('heading', { name: 'Agenda', level: 1 });
    const upcoming = await screen.findByRole('region', { name: /Upcoming/u });
    expect(within(upcoming).getByRole('listitem', { name: tasks.rows[0]!.title })).toBeTruthy();
    expect(within(upcoming).getByRole('heading', { name: 'Wed 25 Nov 2026' })).toBeTruthy();
  });

  it('says a card number in the summary keeps only its last four digits, and saves it so', async () => {
    d = await draw();
    const app = d;
    await openOnPerson(app, 'Ann');
    await app.user.type(field('Duration'), '3');
    const summary = within(dialog()).getByRole('textbox', { name: 'Summary' });
    await app.user.type(summary, 'Paying by card 4111 1111 1111 111');
    expect(within(dialog()).queryByRole('status')).toBeNull();
    await app.user.type(summary, '1 today');
    const notice = within(dialog()).getByRole('status');
    expect(notice.textContent).toMatch(/only its last four digits \(…1111\) are kept/u);
    expect(summary.getAttribute('aria-describedby')).toContain(notice.id);
    await app.user.click(within(dialog()).getByRole('button', { name: 'Log call' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Log a call' })).toBeNull());
    const calls = await app.book.client.call('calls.list', {});
    expect(calls.rows[0]!.summary).toBe('Paying by card •••• 1111 today');
  });

  it('takes a typed duration: 2:30 is 150 seconds, 4 is four minutes; the next call on a date', async () => {
    d = await draw();
    const app = d;
    await openOnPerson(app, 'Ann');
    await app.user.type(field('Duration'), '2:30');
    await app.user.click(within(dialog()).getByRole('radio', { name: 'In' }));
    await app.user.selectOptions(within(dialog()).getByRole('combobox', { name: 'Outcome' }), 'voicemail');
    await app.user.click(within(dialog()).getByRole('radio', { name: 'On a date' }));
    const date = within(dialog()).getByLabelText('Next call on') as HTMLInputElement;
    await app.user.clear(date);
    await app.user.type(date, '2026-12-01');
    await app.user.click(within(dialog()).getByRole('button', { name: 'Log call' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Log a call' })).toBeNull());

    const [call] = (await app.book.client.call('calls.list', {})).rows;
    expect(call).toMatchObject({ durationS: 150, direction: 'in', outcome: 'voicemail', connected: false });
    // Logged right after the call: it started 150 s before the save.
    expect(call!.startedAt).toBe(app.book.clock() - 150_000);
    const [task] = (await app.book.client.call('tasks.list', { personId: app.people.Ann!.id })).rows;
    expect(task).toMatchObject({ type: 'call', dueDate: '2026-12-01' });

    await openOnPerson(app, 'Bob');
    await app.user.type(field('Duration'), '4');
    await app.user.click(within(dialog()).getByRole('button', { name: 'Log call' }));
    await waitFor(async () => {
      const rows = (await app.book.client.call('calls.list', { filter: { personId: app.people.Bob!.id } }))
        .rows;
      expect(rows.map((r) => r.durationS)).toEqual([240]);
    });
  });

  it('shows a missing contact and a negative duration at their fields and saves nothing', async () => {
    d = await draw();
    const app = d;
    await app.user.keyboard('{Control>}l{/Control}');
    await screen.findByRole('dialog', { name: 'Log a call' });
    // A timer running when the save finds a mistake keeps running.
    await app.user.click(within(dialog()).getByRole('button', { name: 'Start the timer' }));
    await app.user.click(within(dialog()).getByRole('button', { name: 'Stop and log call' }));
    expect(within(dialog()).getByRole('button', { name: /^Stop the timer/u })).toBeTruthy();
    await app.user.click(within(dialog()).getByRole('button', { name: /^Stop the timer/u }));
    await app.user.clear(field('Duration'));
    await app.user.type(field('Duration'), '-2');
    await app.user.click(within(dialog()).getByRole('button', { name: 'Log call' }));

    const contact = within(dialog()).getByRole('combobox', { name: 'Contact' });
    expect(contact.getAttribute('aria-invalid')).toBe('true');
    expect(contact.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(contact.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Choose who the call was with.',
    );
    expect(document.activeElement).toBe(contact);

    // Now with a contact: the book itself refuses the negative duration, and says so at the field.
    await app.user.type(contact, 'Ann');
    await within(dialog()).findByRole('option', { name: /Ann Lee/u });
    await app.user.keyboard('{Enter}');
    await app.user.click(within(dialog()).getByRole('button', { name: 'Log call' }));
    await waitFor(() => expect(field('Duration').getAttribute('aria-invalid')).toBe('true'));
    const described = field('Duration').getAttribute('aria-describedby')!;
    expect(document.getElementById(described.split(' ')[0]!)?.textContent).toBe(
      'A call cannot last less than no time.',
    );
    expect(document.activeElement).toBe(field('Duration'));

    // Words that are not a duration are caught before asking the book.
    await app.user.clear(field('Duration'));
    await app.user.type(field('Duration'), 'ten');
    await app.user.click(within(dialog()).getByRole('button', { name: 'Log call' }));
    expect(within(dialog()).getByText('Type minutes, or minutes and seconds like 2:30.')).toBeTruthy();

    expect((await app.book.client.call('calls.list', {})).rows).toHaveLength(0);
    expect((await app.book.client.call('tasks.list', {})).rows).toHaveLength(0);
    expect(screen.getByRole('dialog', { name: 'Log a call' })).toBeTruthy();
  });

  it('can be filled and saved with the keyboard alone', async () => {
    d = await draw();
    const app = d;
    await screen.findByRole('heading', { name: 'Today', level: 1 });
    await app.user.keyboard('{Control>}l{/Control}');
    await screen.findByRole('dialog', { name: 'Log a call' });
    // The contact field has the focus: type, pick with ↓ and Enter.
    await app.user.keyboard('mul');
    await within(dialog()).findByRole('option', { name: /Jürgen Müller/u });
    // Let the search for the whole of "mul" land (an answer for "m" or "mu" may show first).
    await waitFor(() =>
      expect(
        within(dialog()).getByRole('listbox', { name: 'Matching people' }).getAttribute('aria-busy'),
      ).toBe('false'),
    );
    await within(dialog()).findByRole('option', { name: /Jürgen Müller/u });
    await app.user.keyboard('{ArrowDown}{ArrowUp}{Enter}');
    // Picking moves the focus to the chosen contact once the dialog has re-rendered.
    await waitFor(() =>
      expect(document.activeElement?.getAttribute('aria-label') ?? '').toMatch(/^Contact: Jürgen Müller/u),
    );
    await app.user.tab(); // the × that clears the contact
    await app.user.tab(); // Duration (the timer button comes after it)
    expect(document.activeElement).toBe(field('Duration'));
    await app.user.keyboard('1:05');
    await app.user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Log a call' })).toBeNull());
    const [call] = (await app.book.client.call('calls.list', {})).rows;
    expect(call).toMatchObject({ personId: app.people.Jürgen!.id, durationS: 65 });
    // Focus went back to the page.
    expect(document.activeElement).not.toBe(document.body);
  });

  it('keeps the call when the window closes mid-call, timer running, and forgets it once saved', async () => {
    d = await draw();
    const app = d;
    await openOnPerson(app, 'Ann');
    const start = app.book.clock();
    await app.user.keyboard('{Enter}'); // start the timer
    await app.user.type(within(dialog()).getByRole('textbox', { name: 'Summary' }), 'Half-way through');

    app.book.clock.advance(60_000);
    app.reopen(); // the window closes and opens again
    await app.user.keyboard('{Control>}l{/Control}');
    await screen.findByText('Your unsaved call was kept and is back.');
    expect(within(dialog()).getByRole('button', { name: /^Contact: Ann Lee/u })).toBeTruthy();
    expect((within(dialog()).getByRole('textbox', { name: 'Summary' }) as HTMLTextAreaElement).value).toBe(
      'Half-way through',
    );
    app.book.clock.advance(30_000);
    await app.user.click(within(dialog()).getByRole('button', { name: 'Stop and log call' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Log a call' })).toBeNull());
    const [call] = (await app.book.client.call('calls.list', {})).rows;
    expect(call).toMatchObject({ durationS: 90, startedAt: start, summary: 'Half-way through' });

    await app.user.keyboard('{Control>}l{/Control}');
    await screen.findByRole('dialog', { name: 'Log a call' });
    expect(screen.queryByText('Your unsaved call was kept and is back.')).toBeNull();
    expect((within(dialog()).getByRole('textbox', { name: 'Summary' }) as HTMLTextAreaElement).value).toBe(
      '',
    );
  });
});
