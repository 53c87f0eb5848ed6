/**
 * A person's photo on their page (desktop: the Open dialog chooses the picture): the initials are
 * the button that adds one; a file that is not a picture is refused in words; the photo shows as
 * the round avatar, whose menu (and the page's More menu) changes or removes it, with Undo.
 */
import fs from 'node:fs';
import path from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { person, renderAt, type Rendered } from './harness.tsx';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c626001000000ffff03000006000557bfabd40000000049454e44ae426082',
  'hex',
);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0xff, 0xd9]);

let app: Rendered | undefined;
let offered: string | null = null;

beforeEach(() => {
  // The desktop app: its preload bridge is there, so the picture is chosen with the Open dialog.
  (window as unknown as { crm?: unknown }).crm = {};
});

afterEach(async () => {
  await app?.stop();
  app = undefined;
  offered = null;
  delete (window as unknown as { crm?: unknown }).crm;
});

/** The next file the Open dialog answers with. */
function offer(name: string, content: Buffer | string) {
  offered = path.join(app!.book.dir, name);
  fs.writeFileSync(offered, content);
}

const headerPhoto = () => document.querySelector<HTMLImageElement>('.hero img');

describe('Person photo', () => {
  it('adds, refuses, changes, removes and undoes, from the avatar and the More menu', async () => {
    let id = '';
    app = await renderAt(
      'contacts',
      async (book) => {
        id = (await person(book, { givenName: 'Ann', familyName: 'Lee' })).id;
      },
      { dialogs: { open: () => Promise.resolve(offered), save: () => Promise.resolve(null) } },
    );
    const { user, book, ui } = app;
    ui.getState().navigate(`people/${id}`);
    await screen.findByRole('heading', { name: 'Ann Lee', level: 1 });
    expect(headerPhoto()).toBeNull();

    // A text file named like a picture is refused by its bytes; nothing is stored.
    offer('notes.png', 'Name,Email\r\n');
    await user.click(screen.getByRole('button', { name: 'Add a photo of Ann Lee' }));
    await screen.findByText(/notes\.png is not a JPEG, PNG, GIF or WebP picture/u);
    expect(await book.client.call('people.getPhoto', { id })).toBeNull();

    // A PNG: it shows as the avatar, one click after choosing.
    offer('ann.png', PNG);
    await user.click(screen.getByRole('button', { name: 'Add a photo of Ann Lee' }));
    await screen.findByText('Added a photo of Ann Lee.');
    const avatar = await screen.findByRole('button', { name: 'Photo of Ann Lee' });
    await waitFor(() =>
      expect(headerPhoto()?.getAttribute('src')).toBe(`data:image/png;base64,${PNG.toString('base64')}`),
    );
    expect(avatar.contains(headerPhoto())).toBe(true);

    // The More menu changes it.
    offer('ann.jpg', JPEG);
    await user.click(screen.getByRole('button', { name: 'More actions for Ann Lee' }));
    await user.click(screen.getByRole('menuitem', { name: 'Change photo…' }));
    await screen.findByText('Changed the photo of Ann Lee.');
    await waitFor(() => expect(headerPhoto()?.getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/u));

    // The avatar's own menu removes it; Undo brings it back.
    await user.click(screen.getByRole('button', { name: 'Photo of Ann Lee' }));
    const menu = screen.getByRole('menu', { name: 'Photo' });
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((m) => m.textContent),
    ).toEqual(['Change photo…', 'Remove photo']);
    await user.click(within(menu).getByRole('menuitem', { name: 'Remove photo' }));
    await screen.findByText('Removed the photo of Ann Lee.');
    await screen.findByRole('button', { name: 'Add a photo of Ann Lee' });
    expect(headerPhoto()).toBeNull();
    expect(await book.client.call('people.getPhoto', { id })).toBeNull();
    const note = screen.getByText('Removed the photo of Ann Lee.').closest<HTMLElement>('.toast')!;
    await user.click(within(note).getByRole('button', { name: 'Undo' }));
    await screen.findByText('The photo is back.');
    await waitFor(() => expect(headerPhoto()?.getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/u));
    expect((await book.client.call('people.getPhoto', { id }))?.mime).toBe('image/jpeg');

    // Lists never show photos: the only picture on the screen is the header's.
    expect(document.querySelectorAll('img')).toHaveLength(1);
  }, 30_000);

  it('shows the initials when the photo is of a type the page cannot show', async () => {
    let id = '';
    app = await renderAt('contacts', async (book) => {
      id = (await person(book, { givenName: 'Ann', familyName: 'Lee' })).id;
      // As a vCard may bring it: HEIC, which no browser shows.
      book.book.sqlite
        .prepare(`INSERT INTO person_photos (person_id, mime, data, updated_at) VALUES (?, ?, ?, ?)`)
        .run(id, 'image/heic', Buffer.from('not really heic'), 1);
    });
    app.ui.getState().navigate(`people/${id}`);
    await screen.findByRole('heading', { name: 'Ann Lee', level: 1 });
    await waitFor(() => expect(headerPhoto()).not.toBeNull());
    headerPhoto()!.dispatchEvent(new Event('error'));
    await waitFor(() => expect(headerPhoto()).toBeNull());
    const avatar = screen.getByRole('button', { name: 'Photo of Ann Lee' });
    expect(avatar.textContent).toContain('AL');
    expect(avatar.getAttribute('title')).toMatch(/image\/heic\) cannot be shown here/u);
  }, 20_000);
});
