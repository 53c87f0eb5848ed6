/**
 * The unlock screen: a locked book refuses everything but app.info, security.status and
 * security.unlock, so the app shows only this screen, opens with the passphrase or the recovery
 * key (and a new passphrase where there is no keychain), says so next to the field when the key
 * is wrong, and opens the main window once unlocked.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
  await book.close();
});

const PASSPHRASE = 'harbour lantern tuesday';

function start(state: Partial<SecurityState>): RenderedApp {
  app = renderApp(book, {
    beforeRender: (h) => {
      security = fakeSecurity(h, {
        encrypted: true,
        locked: { reason: 'passphrase', bookPath: book.book.path },
        ...state,
      });
    },
  });
  return app;
}

function lockedWithPassphrase() {
  return start({ protection: 'passphrase', keychainAvailable: false, passphrase: PASSPHRASE });
}

function errorOf(field: HTMLElement): string | null {
  const ids = (field.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  const error = ids.map((id) => document.getElementById(id)).find((el) => el?.id.endsWith('-error'));
  return error?.textContent ?? null;
}

async function opensTheApp() {
  await screen.findByRole('heading', { name: 'Today', level: 1 });
  expect(screen.queryByRole('heading', { name: /Unlock/u })).toBeNull();
  const sidebar = screen.getByRole('navigation', { name: 'Sidebar' });
  expect(within(sidebar).getByText('Analytical Engines Ltd')).toBeTruthy();
}

describe('Boot', SLOW, () => {
  it('shows the unlock screen, without the app around it, when the book needs its key', async () => {
    lockedWithPassphrase();
    await screen.findByRole('heading', { name: 'Unlock your customer book', level: 1 });
    expect(screen.queryByRole('navigation', { name: 'Sidebar' })).toBeNull();
    expect(screen.queryByText('Ledgerline could not open the customer book')).toBeNull();
    expect(screen.getByText(book.book.path)).toBeTruthy(); // which book it is
    expect(screen.getByLabelText('Passphrase')).toBe(document.activeElement);
  });

  it('still shows the error state for any other failure', async () => {
    app = renderApp(book, { beforeRender: (h) => h.failNext('settings.get') });
    await screen.findByText('Ledgerline could not open the customer book');
    expect(screen.queryByRole('heading', { name: /Unlock/u })).toBeNull();
  });
});

describe('unlocking with the passphrase', SLOW, () => {
  it('shows a wrong passphrase next to the field, keeps it, and opens with the right one', async () => {
    const { user } = lockedWithPassphrase();
    const field = await screen.findByLabelText('Passphrase');
    expect(field.getAttribute('type')).toBe('password');

    await user.type(field, 'harbour lantern');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    await waitFor(() =>
      expect(errorOf(field)).toBe('That passphrase does not open this book. Check it and try again.'),
    );
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field).toHaveProperty('value', 'harbour lantern');
    expect(field).toBe(document.activeElement);
    expect(security.state.locked).not.toBeNull();

    // Show what was typed, finish it, and unlock with Enter.
    await user.click(screen.getByRole('button', { name: 'Show passphrase' }));
    expect(field.getAttribute('type')).toBe('text');
    expect(screen.getByRole('button', { name: 'Show passphrase' }).getAttribute('aria-pressed')).toBe('true');
    await user.type(field, ' tuesday{Enter}');
    expect(errorOf(field)).toBeNull();
    await opensTheApp();
    expect(security.sent.filter((s) => s.name === 'security.unlock').map((s) => s.input)).toEqual([
      { passphrase: 'harbour lantern' },
      { passphrase: PASSPHRASE },
    ]);
  });

  it('asks for the passphrase before sending anything', async () => {
    const { user } = lockedWithPassphrase();
    const field = await screen.findByLabelText('Passphrase');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(errorOf(field)).toBe('Type the passphrase.');
    expect(security.sent.filter((s) => s.name === 'security.unlock')).toEqual([]);
  });
});

describe('unlocking with the recovery key', SLOW, () => {
  it('formats the key as it is typed and, with a keychain here, asks for nothing more', async () => {
    const { user } = start({ protection: 'passphrase', keychainAvailable: true, passphrase: PASSPHRASE });
    await screen.findByLabelText('Passphrase');
    await user.click(screen.getByRole('button', { name: 'Use the recovery key instead' }));
    await screen.findByRole('heading', { name: 'Unlock with the recovery key', level: 1 });
    const field = screen.getByLabelText('Recovery key');
    await waitFor(() => expect(field).toBe(document.activeElement));

    // Any case, spaces and dashes: kept as capitals in groups of 4.
    await user.type(field, '7k3m q9xd2hwp-8rtv');
    expect(field).toHaveProperty('value', '7K3M-Q9XD-2HWP-8RTV');
    expect(screen.getByText('16 of 36 letters and digits.')).toBeTruthy();
    expect(screen.queryByLabelText('New passphrase')).toBeNull();
    expect(screen.getByText(/keeps the key in this computer’s keychain again/u)).toBeTruthy();

    // Too short: said at once, and nothing is sent.
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(errorOf(field)).toBe(
      'A recovery key has 36 letters and digits; this has 16. Check what you typed.',
    );
    expect(security.sent.filter((s) => s.name === 'security.unlock')).toEqual([]);

    await user.type(field, RECOVERY_KEY.slice(19).toLowerCase());
    expect(field).toHaveProperty('value', RECOVERY_KEY);
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    await opensTheApp();
    expect(security.sent.filter((s) => s.name === 'security.unlock').map((s) => s.input)).toEqual([
      { recoveryKey: RECOVERY_KEY },
    ]);
    expect(security.state.protection).toBe('keychain');
  });

  it('explains a keychain with no key, and shows a wrong key next to the field', async () => {
    const { user } = start({
      protection: 'keychain',
      keychainAvailable: true,
      locked: { reason: 'keychain-missing', bookPath: book.book.path },
    });
    await screen.findByRole('heading', { name: 'Unlock with the recovery key', level: 1 });
    expect(screen.getByText(/this computer’s keychain holds no key for it/u)).toBeTruthy();
    expect(screen.getByText(/moved or restored from another computer/u)).toBeTruthy();
    // The passphrase is not a way in here.
    expect(screen.queryByRole('button', { name: 'Use the passphrase instead' })).toBeNull();
    expect(screen.queryByLabelText('Passphrase')).toBeNull();

    const field = screen.getByLabelText('Recovery key');
    expect(field).toBe(document.activeElement);
    const wrong = RECOVERY_KEY.replace('7K3M', '7K3N');
    await user.type(field, wrong);
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    await waitFor(() => expect(errorOf(field)).toMatch(/one of its characters is mistyped/u));
    expect(field).toHaveProperty('value', wrong);
    expect(field).toBe(document.activeElement);
    expect(screen.queryByRole('navigation', { name: 'Sidebar' })).toBeNull();

    // Correcting the first group clears the message; the right key opens the book.
    await user.clear(field);
    await user.type(field, RECOVERY_KEY);
    expect(errorOf(field)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    await opensTheApp();
  });

  it('asks for a new passphrase, twice, where this computer has no keychain', async () => {
    const { user } = start({
      protection: 'passphrase',
      keychainAvailable: false,
      passphrase: 'forgotten long ago',
      locked: { reason: 'keychain-missing', bookPath: book.book.path },
    });
    const field = await screen.findByLabelText('Recovery key');
    await waitFor(() => expect(screen.getByLabelText('New passphrase')).toBeTruthy());
    expect(screen.getByText(/no keychain that keeps secrets safe/u)).toBeTruthy();
    await user.type(field, RECOVERY_KEY);

    const first = screen.getByLabelText('New passphrase');
    const again = screen.getByLabelText('Type it again');
    await user.type(first, 'short');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(errorOf(first)).toBe('A passphrase needs at least 10 characters.');
    expect(first).toBe(document.activeElement);

    await user.type(first, ' and sweet');
    await user.type(again, 'short and sour');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(errorOf(again)).toBe('The two passphrases are not the same. Type it again.');
    expect(again).toBe(document.activeElement);
    expect(security.sent.filter((s) => s.name === 'security.unlock')).toEqual([]);

    await user.clear(again);
    await user.type(again, 'short and sweet');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    await opensTheApp();
    expect(security.sent.filter((s) => s.name === 'security.unlock').map((s) => s.input)).toEqual([
      { recoveryKey: RECOVERY_KEY, newPassphrase: 'short and sweet' },
    ]);
    expect(security.state).toMatchObject({ passphrase: 'short and sweet', protection: 'passphrase' });
  });
});
