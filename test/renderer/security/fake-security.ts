/**
 * Encryption at rest as the renderer sees it, played over a real test book: the contract's
 * security.* requests, app.info's `locked`, and KEY_NEEDED for every other request while the book
 * is locked. Keys and keychains live in the desktop host, not in a test book, so the renderer's
 * tests answer these requests here, exactly as the contract (shared/api/requests/security.requests.ts)
 * says the host does. Inputs are validated with the contract's own schemas.
 */
import { AppError, type Envelope } from '../../../shared/api/errors.ts';
import { requests, type AppInfo, type RequestName } from '../../../shared/api/requests.ts';
import type { EncryptionStatus, LockedBook } from '../../../shared/api/requests/security.requests.ts';
import { validationError } from '../../../electron/backend/backend.ts';
import type { Harness } from '../transports.ts';

/** A well-formed recovery key (Crockford's base32, as the desktop host writes them). */
export const RECOVERY_KEY = '7K3M-Q9XD-2HWP-8RTV-4NZB-6CJF-1GYS-5EAK-0M3Q';

export interface SecurityState {
  encrypted: boolean;
  protection: 'keychain' | 'passphrase' | null;
  keychainAvailable: boolean;
  plainSnapshots: number;
  /** Set while the book waits to be unlocked. */
  locked: LockedBook | null;
  passphrase: string | null;
  recoveryKey: string;
}

export interface FakeSecurity {
  state: SecurityState;
  /** Every security.* request the renderer sent, in order, with its input. */
  sent: { name: string; input: unknown }[];
  /** Holds the answer of the next security.encrypt or security.decrypt until release() is called. */
  holdNext(name: 'security.encrypt' | 'security.decrypt'): () => void;
  /** The next request of this name fails with this error. */
  failNext(name: string, error: AppError): void;
  stop(): void;
}

const normalise = (key: string) => key.toUpperCase().replace(/[\s\-_.]/gu, '');

const ok = <T>(value: T): Envelope<unknown> => ({ ok: true, value });
const fail = (err: AppError): Envelope<unknown> => ({ ok: false, error: err.toData() });

export function fakeSecurity(h: Harness, initial: Partial<SecurityState> = {}): FakeSecurity {
  const state: SecurityState = {
    encrypted: false,
    protection: null,
    keychainAvailable: true,
    plainSnapshots: 0,
    locked: null,
    passphrase: null,
    recoveryKey: RECOVERY_KEY,
    ...initial,
  };
  const sent: { name: string; input: unknown }[] = [];
  const holds = new Map<string, Promise<void>>();
  const failures = new Map<string, AppError>();

  const status = (): EncryptionStatus => ({
    encrypted: state.encrypted,
    protection: state.protection,
    keychainAvailable: state.keychainAvailable,
    plainSnapshots: state.plainSnapshots,
  });

  function parse<N extends RequestName>(name: N, input: unknown) {
    const result = requests[name].input.safeParse(input);
    if (!result.success) throw validationError(result.error);
    return result.data as never;
  }

  const security: Partial<Record<RequestName, (input: unknown) => unknown>> = {
    'security.status': () => status(),
    'security.encrypt': (raw) => {
      const input = parse('security.encrypt', raw) as { passphrase?: string };
      if (state.encrypted) throw new AppError('CONFLICT', 'The book is already encrypted.');
      if (!state.keychainAvailable && input.passphrase === undefined) {
        throw new AppError('VALIDATION', 'Choose a passphrase: this computer has no keychain.', {
          issues: [{ path: 'passphrase', message: 'Choose a passphrase: this computer has no keychain.' }],
        });
      }
      state.encrypted = true;
      state.protection = state.keychainAvailable ? 'keychain' : 'passphrase';
      state.passphrase = input.passphrase ?? null;
      return { recoveryKey: state.recoveryKey, status: status() };
    },
    'security.decrypt': () => {
      if (!state.encrypted) throw new AppError('CONFLICT', 'The book is not encrypted.');
      state.encrypted = false;
      state.protection = null;
      state.passphrase = null;
      return status();
    },
    'security.unlock': (raw) => {
      const input = parse('security.unlock', raw) as {
        passphrase?: string;
        recoveryKey?: string;
        newPassphrase?: string;
      };
      if (!state.locked) throw new AppError('CONFLICT', 'The book is not locked.');
      if (input.passphrase !== undefined) {
        if (input.passphrase !== state.passphrase) {
          throw new AppError('KEY_WRONG', 'That passphrase does not open this book. Check it and try again.');
        }
      } else {
        if (normalise(input.recoveryKey ?? '') !== normalise(state.recoveryKey)) {
          throw new AppError(
            'KEY_WRONG',
            'That is not a recovery key: one of its characters is mistyped. Check each group against the one you saved.',
          );
        }
        if (!state.keychainAvailable && input.newPassphrase === undefined) {
          throw new AppError('VALIDATION', 'Choose a new passphrase: this computer has no keychain.', {
            issues: [
              { path: 'newPassphrase', message: 'Choose a new passphrase: this computer has no keychain.' },
            ],
          });
        }
        if (input.newPassphrase !== undefined) {
          state.passphrase = input.newPassphrase;
          state.protection = 'passphrase';
        } else {
          state.protection = 'keychain';
        }
      }
      state.locked = null;
      return status();
    },
  };

  const stops: (() => void)[] = [];
  for (const name of Object.keys(requests) as RequestName[]) {
    stops.push(
      h.intercept(name, async (input, real) => {
        const answer = security[name];
        if (answer) sent.push({ name, input });
        const failure = failures.get(name);
        if (failure) {
          failures.delete(name);
          return fail(failure);
        }
        const hold = holds.get(name);
        if (hold) {
          holds.delete(name);
          await hold;
        }
        if (answer) {
          try {
            return ok(answer(input));
          } catch (err) {
            return fail(err as AppError);
          }
        }
        if (name === 'app.info') {
          const envelope = await real();
          if (!envelope.ok || !state.locked) return envelope;
          return ok({ ...(envelope.value as AppInfo), locked: state.locked });
        }
        if (state.locked) {
          return fail(
            new AppError(
              'KEY_NEEDED',
              'The customer book is encrypted: unlock it with its passphrase or recovery key.',
            ),
          );
        }
        return real();
      }),
    );
  }

  return {
    state,
    sent,
    holdNext(name) {
      let release!: () => void;
      holds.set(name, new Promise<void>((resolve) => (release = resolve)));
      return () => release();
    },
    failNext(name, error) {
      failures.set(name, error);
    },
    stop() {
      for (const stop of stops) stop();
    },
  };
}
