/**
 * The Consent card on a person's page: every offered purpose starts as "Never asked"; an answer
 * recorded in the dialog shows at once with the day and how; a consent given can be withdrawn,
 * and the history keeps both; a date in the future is refused next to the field.
 */
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { person, renderAt, type Rendered } from '../contacts/harness.tsx';

let app: Rendered | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe('Consent card', () => {
  it('records an answer, withdraws a consent, and keeps the history', async () => {
    let id = '';
    app = await renderAt('contacts', async (book) => {
      id = (await person(book, { givenName: 'Ann', familyName: 'Lee' })).id;
    });
    const { user, ui, book } = app;
    ui.getState().navigate(`people/${id}`);
    await screen.findByRole('heading', { name: 'Ann Lee', level: 1 });
    const card = screen.getByRole('region', { name: 'Consent' });
    const rows = within(card).getByRole('list', { name: 'What Ann Lee agreed to' });
    const row = (purpose: string) =>
      within(rows)
        .getAllByRole('listitem')
        .find((li) => li.textContent?.startsWith(purpose))!;
    await within(rows).findByText('Marketing emails');
    expect(within(rows).getAllByText('Never asked')).toHaveLength(5);
    expect(card.textContent).toContain('Nothing recorded yet.');

    // A refusal, on a paper form.
    await user.click(within(card).getByRole('button', { name: 'Record consent for Ann Lee' }));
    let dialog = await screen.findByRole('dialog', { name: 'Record consent for Ann Lee' });
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'What for' }), 'Post');
    await user.click(within(dialog).getByRole('radio', { name: 'Refused' }));
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'How' }), 'paper_form');
    // A day in the future is refused next to the date, and nothing is recorded.
    fireEvent.change(within(dialog).getByLabelText('When'), { target: { value: '2026-12-25' } });
    await user.click(within(dialog).getByRole('button', { name: 'Record' }));
    await within(dialog).findByText('The date of their answer cannot be in the future.');
    expect((await book.client.call('consents.list', { personId: id })).history).toEqual([]);
    fireEvent.change(within(dialog).getByLabelText('When'), { target: { value: '2026-11-20' } });
    await user.click(within(dialog).getByRole('button', { name: 'Record' }));
    await screen.findByText('Recorded: Ann Lee refused “Post”.');
    expect(within(row('Post')).getByText('Refused')).toBeTruthy();
    expect(row('Post').textContent).toContain('On 20 Nov 2026, on a paper form');

    // Marketing emails: agreed by web form today, then withdrawn by email.
    await user.click(within(card).getByRole('button', { name: 'Record consent for Ann Lee' }));
    dialog = await screen.findByRole('dialog', { name: 'Record consent for Ann Lee' });
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'How' }), 'web_form');
    await user.type(within(dialog).getByRole('textbox', { name: /Evidence/u }), 'Newsletter box');
    await user.click(within(dialog).getByRole('button', { name: 'Record' }));
    await screen.findByText('Recorded: Ann Lee agreed to “Marketing emails”.');
    expect(within(row('Marketing emails')).getByText('Given')).toBeTruthy();
    expect(row('Marketing emails').textContent).toContain('Since 22 Nov 2026, by web form');

    await user.click(within(card).getByRole('button', { name: 'Withdraw consent to Marketing emails' }));
    dialog = await screen.findByRole('dialog', { name: 'Withdraw consent to “Marketing emails”' });
    expect(dialog.textContent).toContain('Ann Lee agreed on 22 Nov 2026 by web form.');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'How' }), 'email');
    await user.click(within(dialog).getByRole('button', { name: 'Record withdrawal' }));
    await screen.findByText('Recorded: Ann Lee withdrew consent to “Marketing emails”.');
    expect(within(row('Marketing emails')).getByText('Withdrawn')).toBeTruthy();
    expect(within(row('Marketing emails')).queryByRole('button')).toBeNull();

    // The history keeps both answers, the withdrawn one marked so.
    await user.click(within(card).getByRole('button', { name: 'History (2)' }));
    const history = within(card).getByRole('list', { name: 'Consent history of Ann Lee' });
    const entries = within(history)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(entries[0]).toMatch(/^Marketing emails: agreed on 22 Nov 2026, by web form/u);
    expect(entries[0]).toContain('“Newsletter box”');
    expect(entries[0]).toMatch(/Withdrawn on 22 Nov 2026, by email/u);
    expect(entries[1]).toMatch(/^Post: refused on 20 Nov 2026, on a paper form/u);
  }, 30_000);
});
