/**
 * Settings › Security: the book's state; encrypting it (a passphrase where there is no keychain,
 * the work shown while it runs, the recovery key shown once with Done gated by the checkbox and
 * closing otherwise asked first); decrypting it after a confirmation.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/api/errors.ts';
import { openTestBook, setUp, type TestBook } from '../../helpers/book.ts';
import { renderApp, type RenderedApp } from '../render-app.tsx';
import { fakeSecurity, RECOVERY_KEY, type FakeSecurity, type SecurityState } from './fake-security.ts';

/** Whole-app tests on a real book, typing key by key: give them time on a busy machine. */
const SLOW = { timeout: 30_000 };

let book: TestBook;
let app: RenderedApp | undefined;
let security: FakeSecurity;

beforeEach(async () => {
  book = await openTestBook();
  await setUp(book.client);
});

afterEach(async () => {
  app?.stop();
  app = undefined;
  vi.restoreAllMocks();
  await book.close();
});

async function openSecurity(state: Partial<SecurityState>) {
  app = renderApp(book, { beforeRender: (h) => (security = fakeSecurity(h, state)) });
  await screen.findByRole('heading', { name: 'Today', level: 1 });
  await app.user.click(screen.getByRole('button', { name: 'Settings' }));
  const section = await screen.findByRole('region', { name: 'Security' });
  await within(section).findByText(/^(Encrypted|Not encrypted)$/u);
  return { user: app.user, section };
}

function errorOf(field: HTMLElement): string | null {
  const ids = (field.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  const error = ids.map((id) => document.getElementById(id)).find((el) => el?.id.endsWith('-error'));
  return error?.textContent ?? null;
}

const sentNames = () => security.sent.map((s) => s.name).filter((n) => n !== 'security.status');
const GROUPS = RECOVERY_KEY.split('-');

describe('Settings › Security', SLOW, () => {
  it('encrypts with the keychain, shows the work, then the recovery key once', async () => {
    const { user, section } = await openSecurity({ keychainAvailable: true });
    expect(within(section).getByText('Not encrypted')).toBeTruthy();
    expect(within(section).getByText('Available on this computer, and it keeps the key safe')).toBeTruthy();
    expect(within(section).queryByText('Key kept in')).toBeNull();

    await user.click(within(section).getByRole('button', { name: 'Encrypt this book…' }));
    const dialog = screen.getByRole('dialog', { name: 'Encrypt this book?' });
    expect(within(dialog).getByText(/every snapshot of it/u)).toBeTruthy();
    expect(within(dialog).getByText(/few minutes for a large book/u)).toBeTruthy();
    expect(within(dialog).getByText(/nobody\s+can open the book, not even us/u)).toBeTruthy();
    expect(within(dialog).queryByLabelText('Passphrase')).toBeNull(); // the keychain keeps the key

    // The work: a plain sentence, nothing to press, and Esc does not walk away from it.
    const release = security.holdNext('security.encrypt');
    await user.click(within(dialog).getByRole('button', { name: 'Encrypt the book' }));
    await within(dialog).findByText(/Encrypting the book and its snapshots…/u);
    expect(within(dialog).getByRole('button', { name: 'Encrypting…' })).toHaveProperty('disabled', true);
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveProperty('disabled', true);
    expect(within(dialog).queryByRole('button', { name: 'Close' })).toBeNull();
    await user.keyboard('{Escape}');
    expect(screen.getByRole('dialog', { name: 'Encrypt this book?' })).toBeTruthy();
    release();

    const keyDialog = await screen.findByRole('dialog', { name: 'Save your recovery key' });
    expect(sentNames()).toEqual(['security.encrypt']);
    expect(security.sent.find((s) => s.name === 'security.encrypt')?.input).toEqual({});
    for (const group of GROUPS) expect(within(keyDialog).getAllByText(group).length).toBeGreaterThan(0);
    expect(within(keyDialog).getByText(/shown\s+only this once/u)).toBeTruthy();

    // Done waits for the checkbox; Esc asks first, and Go back keeps the key on screen.
    const done = within(keyDialog).getByRole('button', { name: 'Done' });
    expect(done).toHaveProperty('disabled', true);
    await user.keyboard('{Escape}');
    expect(within(keyDialog).getByText(/Close without keeping the recovery key\?/u)).toBeTruthy();
    await user.click(within(keyDialog).getByRole('button', { name: 'Go back' }));
    expect(within(keyDialog).queryByText(/Close without keeping/u)).toBeNull();
    const box = within(keyDialog).getByRole('checkbox', {
      name: 'I have printed or saved the recovery key somewhere safe, away from this computer',
    });
    await user.click(box);
    await user.click(within(keyDialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).toBeNull();

    // The section follows, and the key is nowhere to be seen again.
    expect(within(section).getByText('Encrypted')).toBeTruthy();
    expect(
      within(section).getByText('This computer’s keychain, so the book opens by itself here'),
    ).toBeTruthy();
    expect(within(section).getByRole('button', { name: 'Decrypt this book…' })).toBeTruthy();
    expect(document.body.textContent).not.toContain(GROUPS[0]);
  });

  it('asks for a passphrase, twice, where there is no keychain, and copies and prints the key', async () => {
    const print = vi.fn();
    vi.spyOn(window, 'print').mockImplementation(print);
    const { user, section } = await openSecurity({ keychainAvailable: false });
    expect(within(section).getByText(/Not available on this computer/u)).toBeTruthy();

    await user.click(within(section).getByRole('button', { name: 'Encrypt this book…' }));
    const dialog = screen.getByRole('dialog', { name: 'Encrypt this book?' });
    expect(within(dialog).getByText(/no keychain that keeps secrets safe/u)).toBeTruthy();
    expect(within(dialog).getByText(/asks for it every time it\s+starts/u)).toBeTruthy();
    const first = within(dialog).getByLabelText('Passphrase');
    const again = within(dialog).getByLabelText('Type it again');
    expect(first).toBe(document.activeElement);

    await user.click(within(dialog).getByRole('button', { name: 'Encrypt the book' }));
    expect(errorOf(first)).toBe('A passphrase needs at least 10 characters.');

    // The strength hint guides as it is typed.
    await user.type(first, 'aaaaaaaaaaaa');
    expect(within(dialog).getByText(/Easy to guess/u)).toBeTruthy();
    await user.clear(first);
    await user.type(first, 'copper kettle morning rain');
    expect(within(dialog).getByText('Strong.')).toBeTruthy();

    await user.type(again, 'copper kettle morning');
    await user.click(within(dialog).getByRole('button', { name: 'Encrypt the book' }));
    expect(errorOf(again)).toBe('The two passphrases are not the same. Type it again.');
    expect(again).toBe(document.activeElement);
    expect(sentNames()).toEqual([]); // refused before anything was sent

    await user.type(again, ' rain{Enter}');
    const keyDialog = await screen.findByRole('dialog', { name: 'Save your recovery key' });
    expect(security.sent.find((s) => s.name === 'security.encrypt')?.input).toEqual({
      passphrase: 'copper kettle morning rain',
    });
    expect(within(keyDialog).getByText(/if\s+the passphrase is forgotten/u)).toBeTruthy();

    await user.click(within(keyDialog).getByRole('button', { name: 'Copy' }));
    await within(keyDialog).findByText('Copied');
    expect(await navigator.clipboard.readText()).toBe(RECOVERY_KEY);

    // Printing prints a sheet with the key, whose book it is, and what to do with it.
    await user.click(within(keyDialog).getByRole('button', { name: 'Print…' }));
    expect(print).toHaveBeenCalledTimes(1);
    const sheet = document.querySelector('.recovery-print')!;
    expect(sheet.textContent).toContain('Analytical Engines Ltd');
    expect(sheet.textContent).toContain(GROUPS.join('-'));
    expect(sheet.textContent).toContain('Sunday, 22 November 2026');
    expect(sheet.textContent).toMatch(/Keep this sheet somewhere safe/u);

    // Closing with the Close button asks first; Close anyway closes, and the sheet goes with it.
    await user.click(within(keyDialog).getByRole('button', { name: 'Close' }));
    await user.click(within(keyDialog).getByRole('button', { name: 'Close anyway' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.querySelector('.recovery-print')).toBeNull();
    expect(within(section).getByText('A passphrase, asked every time Ledgerline starts')).toBeTruthy();
  });

  it('decrypts only after the confirmation, showing the work meanwhile', async () => {
    const { user, section } = await openSecurity({
      encrypted: true,
      protection: 'passphrase',
      keychainAvailable: false,
      passphrase: 'copper kettle morning rain',
    });
    await user.click(within(section).getByRole('button', { name: 'Decrypt this book…' }));
    let dialog = screen.getByRole('dialog', { name: 'Decrypt this book?' });
    expect(dialog.getAttribute('aria-describedby')).toBeTruthy();
    expect(within(dialog).getByText(/stored in clear again/u)).toBeTruthy();
    expect(within(dialog).getByText(/anyone who gets hold of the file/u)).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toBe(document.activeElement);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(sentNames()).toEqual([]);

    await user.click(within(section).getByRole('button', { name: 'Decrypt this book…' }));
    dialog = screen.getByRole('dialog', { name: 'Decrypt this book?' });
    const release = security.holdNext('security.decrypt');
    await user.click(within(dialog).getByRole('button', { name: 'Decrypt the book' }));
    await within(dialog).findByText(/Decrypting the book and its snapshots…/u);
    expect(within(dialog).getByRole('button', { name: 'Decrypting…' })).toHaveProperty('disabled', true);
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveProperty('disabled', true);
    await user.keyboard('{Escape}');
    expect(screen.getByRole('dialog', { name: 'Decrypt this book?' })).toBeTruthy();
    release();

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(sentNames()).toEqual(['security.decrypt']);
    expect(within(section).getByText('Not encrypted')).toBeTruthy();
    expect(within(section).getByRole('button', { name: 'Encrypt this book…' })).toBeTruthy();
  });

  it('says when snapshots of an encrypted book are stored in clear', async () => {
    const { section } = await openSecurity({
      encrypted: true,
      protection: 'keychain',
      keychainAvailable: true,
      plainSnapshots: 2,
    });
    expect(within(section).getByRole('alert').textContent).toMatch(
      /2 snapshots of this book are stored in clear, so anyone with the snapshots folder can read them\./u,
    );
  });

  it('keeps the dialog open with the reason when encrypting fails', async () => {
    const { user, section } = await openSecurity({ keychainAvailable: true });
    await user.click(within(section).getByRole('button', { name: 'Encrypt this book…' }));
    const dialog = screen.getByRole('dialog', { name: 'Encrypt this book?' });
    security.failNext(
      'security.encrypt',
      new AppError(
        'DISK_FULL',
        'The disk is full, so the book was left as it was. Free some space and try again.',
      ),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Encrypt the book' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('The disk is full');
    expect(within(dialog).getByRole('button', { name: 'Encrypt the book' })).toHaveProperty(
      'disabled',
      false,
    );
    expect(within(section).getByText('Not encrypted')).toBeTruthy();
  });

  it('is one command away in the palette', async () => {
    const scrolled = vi.spyOn(Element.prototype, 'scrollIntoView');
    app = renderApp(book, { beforeRender: (h) => (security = fakeSecurity(h, {})) });
    await screen.findByRole('heading', { name: 'Today', level: 1 });
    await app.user.keyboard('{Control>}k{/Control}');
    await app.user.keyboard('passphrase');
    await app.user.keyboard('{Enter}');
    await screen.findByRole('heading', { name: 'Settings', level: 1 });
    const section = await screen.findByRole('region', { name: 'Security' });
    await waitFor(() => expect(scrolled.mock.contexts).toContain(section));
  });
});
