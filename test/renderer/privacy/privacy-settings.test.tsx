/**
 * Settings › Privacy: the consent purposes are edited there (a new one is offered on the Consent
 * card's dialog at once), and the record of erasures lists each erasure by its reference, without
 * the name of the person erased.
 */
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { person, renderAt, type Rendered } from '../contacts/harness.tsx';

let app: Rendered | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe('Settings › Privacy', () => {
  it('edits the consent purposes and lists erasures without names', async () => {
    app = await renderAt('settings', async (book) => {
      const ann = await person(book, { givenName: 'Ann', familyName: 'Lee' });
      await book.client.call('privacy.erase', {
        personId: ann.id,
        confirmName: 'Ann Lee',
        reason: 'Asked by letter',
      });
    });
    const { user, book } = app;
    const section = await screen.findByRole('region', { name: 'Privacy' });
    const erasures = await within(section).findByRole('list', { name: 'Erasures' });
    expect(erasures.textContent).toContain('ER-0001');
    expect(erasures.textContent).toContain('by Ada Lovelace');
    expect(erasures.textContent).toContain('“Asked by letter”');
    expect(erasures.textContent).not.toContain('Ann');
    await user.click(within(erasures).getByRole('button', { name: 'Show the details' }));
    expect(within(erasures).getByRole('list', { name: 'What ER-0001 erased' }).textContent).toContain(
      'Their details',
    );

    await user.click(within(section).getByRole('button', { name: 'Edit consent purposes…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Consent purposes' });
    await within(dialog).findByRole('textbox', { name: 'Purpose 1' });
    await user.type(within(dialog).getByRole('textbox', { name: 'New purpose' }), 'Event invitations{Enter}');
    // Post is no longer offered (the fourth purpose).
    await user.click(within(dialog).getAllByRole('checkbox', { name: 'Offered' })[3]!);
    await user.click(within(dialog).getByRole('button', { name: 'Save purposes' }));
    await screen.findByText('The consent purposes are saved.');
    const list = await book.client.call('lists.get', { list: 'consent_purpose' });
    expect(list.map((v) => [v.value, v.active])).toEqual([
      ['Marketing emails', true],
      ['Phone calls', true],
      ['Text messages', true],
      ['Post', false],
      ['Sharing with partners', true],
      ['Event invitations', true],
    ]);
  }, 30_000);

  it('says so when no one has been erased', async () => {
    app = await renderAt('settings');
    const section = await screen.findByRole('region', { name: 'Privacy' });
    await within(section).findByText('No one has been erased from this book.');
  }, 20_000);
});
