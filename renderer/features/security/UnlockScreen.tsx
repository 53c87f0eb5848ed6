/**
 * An encrypted book waiting to be unlocked: the app shows only this until it is. With a
 * passphrase, the passphrase (or the recovery key instead); when this computer's keychain holds no
 * key for the book, the recovery key, and, where there is no keychain at all, a new passphrase to
 * keep the key behind from now on. Once unlocked, every answer is read again and the app opens.
 */
import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { CircleExclamationPoint, Info, LoaderCircle, LockKeyhole } from 'lucide-react';
import type { LockedBook } from '../../../shared/api/requests/security.requests.ts';
import { AppError } from '../../../shared/api/errors.ts';
import { formErrors } from '../../api/errors.ts';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUi } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { PathText } from '../../ui/PathText.tsx';
import { DelayedSpinner, ErrorState } from '../../ui/States.tsx';
import { checkNewPassphrase } from './passphrase.ts';
import { NewPassphraseFields, PassphraseField, type NewPassphrase } from './PassphraseField.tsx';
import { RecoveryKeyField } from './RecoveryKeyField.tsx';
import { RECOVERY_KEY_CHARS, recoveryKeyChars } from './recovery-key.ts';
import '../setup/setup.css';
import './security.css';

type Mode = 'passphrase' | 'recovery';

const FIELDS = ['passphrase', 'recoveryKey', 'newPassphrase', 'again'] as const;
type Field = (typeof FIELDS)[number];

interface Errors {
  passphrase?: string | undefined;
  recoveryKey?: string | undefined;
  newPassphrase?: string | undefined;
  again?: string | undefined;
  form?: string | null | undefined;
}

/** The copy notes of PathText: there is no toaster on this screen, so they show here. */
function Notes() {
  const toasts = useUi((s) => s.toasts);
  return (
    <div className="unlock__notes" role="status" aria-live="polite">
      {toasts.map((t) => (
        <span key={t.id} className={t.tone === 'error' ? 'unlock__note unlock__note--error' : 'unlock__note'}>
          {t.message}
        </span>
      ))}
    </div>
  );
}

function UnlockForm({
  locked,
  keychainAvailable,
}: {
  locked: LockedBook;
  keychainAvailable: boolean | null;
}) {
  const cache = useCache();
  const [mode, setMode] = useState<Mode>(locked.reason === 'passphrase' ? 'passphrase' : 'recovery');
  const [passphrase, setPassphrase] = useState('');
  const [shown, setShown] = useState(false);
  const [recoveryKey, setRecoveryKey] = useState('');
  const [next, setNext] = useState<NewPassphrase>({ passphrase: '', again: '' });
  const [nextShown, setNextShown] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const passphraseRef = useRef<HTMLInputElement>(null);
  const recoveryRef = useRef<HTMLInputElement>(null);
  const newRef = useRef<HTMLInputElement>(null);
  const againRef = useRef<HTMLInputElement>(null);

  /** With the recovery key on a computer without a keychain, the key needs a passphrase from now on. */
  const needsNewPassphrase = mode === 'recovery' && keychainAvailable === false;

  function switchMode(to: Mode) {
    setMode(to);
    setErrors({});
    // The field of the other way appears in this update; focus it once it is there.
    requestAnimationFrame(() => (to === 'passphrase' ? passphraseRef : recoveryRef).current?.focus());
  }

  // After a refusal, focus goes to the first field with a problem once it is enabled again
  // (each refusal is a new target, so the same field is focused again the second time).
  const [focusTarget, setFocusTarget] = useState<{ field: Field; n: number } | null>(null);
  useEffect(() => {
    if (!focusTarget) return;
    const refs: Record<Field, RefObject<HTMLInputElement | null>> = {
      passphrase: passphraseRef,
      recoveryKey: recoveryRef,
      newPassphrase: newRef,
      again: againRef,
    };
    refs[focusTarget.field].current?.focus();
  }, [focusTarget]);

  function show(found: Errors) {
    setErrors(found);
    const first = FIELDS.find((field) => found[field]);
    if (first) setFocusTarget((t) => ({ field: first, n: (t?.n ?? 0) + 1 }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    let input: { passphrase?: string; recoveryKey?: string; newPassphrase?: string };
    if (mode === 'passphrase') {
      if (passphrase === '') return show({ passphrase: 'Type the passphrase.' });
      input = { passphrase };
    } else {
      const typed = recoveryKeyChars(recoveryKey).length;
      if (typed === 0) return show({ recoveryKey: 'Type the recovery key.' });
      if (typed !== RECOVERY_KEY_CHARS) {
        return show({
          recoveryKey: `A recovery key has ${RECOVERY_KEY_CHARS} letters and digits; this has ${typed}. Check what you typed.`,
        });
      }
      input = { recoveryKey };
      if (needsNewPassphrase) {
        const problems = checkNewPassphrase(next.passphrase, next.again);
        if (problems.passphrase || problems.again) {
          return show({ newPassphrase: problems.passphrase, again: problems.again });
        }
        input.newPassphrase = next.passphrase;
      }
    }
    setBusy(true);
    setErrors({});
    try {
      const status = await cache.mutate('security.unlock', input);
      cache.setData('security.status', {}, status);
      // The book is open now: every answer the app holds (all refused until now) is read again,
      // and the main window takes this screen's place once the settings have come.
      cache.replaced();
    } catch (err) {
      setBusy(false);
      if (err instanceof AppError && err.code === 'KEY_WRONG') {
        // The backend says what is wrong (a mistyped group, a passphrase that does not open it):
        // next to the field, which keeps what was typed.
        show(mode === 'passphrase' ? { passphrase: err.message } : { recoveryKey: err.message });
        return;
      }
      const { fields, form } = formErrors(err, ['passphrase', 'recoveryKey', 'newPassphrase']);
      show({ ...fields, form });
    }
  }

  const lead =
    locked.reason === 'keychain-missing' ? (
      <>
        <p className="setup__lead">
          This book is encrypted, and this computer’s keychain holds no key for it. That happens when the book
          was moved or restored from another computer, or when the keychain was reset.
        </p>
        <p className="setup__lead">
          The recovery key you printed or saved when you encrypted the book opens it.
        </p>
      </>
    ) : mode === 'passphrase' ? (
      <p className="setup__lead">This book is encrypted. Type its passphrase to open it.</p>
    ) : (
      <p className="setup__lead">
        Type the recovery key you printed or saved when you encrypted the book. It opens the book even when
        the passphrase is forgotten.
      </p>
    );

  return (
    <>
      <h1 className="setup__title">
        {mode === 'passphrase' ? 'Unlock your customer book' : 'Unlock with the recovery key'}
      </h1>
      {lead}
      <div className="unlock__book">
        <span className="unlock__book-label">Book</span>
        <PathText path={locked.bookPath} what="book’s location" />
      </div>

      <form className="setup__form" onSubmit={submit} noValidate aria-label="Unlock the customer book">
        {mode === 'passphrase' ? (
          <PassphraseField
            ref={passphraseRef}
            label="Passphrase"
            value={passphrase}
            onChange={(value) => {
              setPassphrase(value);
              if (errors.passphrase) setErrors((e) => ({ ...e, passphrase: undefined }));
            }}
            shown={shown}
            onShownChange={setShown}
            error={errors.passphrase}
            autoComplete="current-password"
            autoFocus
            disabled={busy}
          />
        ) : (
          <>
            <RecoveryKeyField
              inputRef={recoveryRef}
              value={recoveryKey}
              onChange={(value) => {
                setRecoveryKey(value);
                if (errors.recoveryKey) setErrors((e) => ({ ...e, recoveryKey: undefined }));
              }}
              error={errors.recoveryKey}
              autoFocus={locked.reason === 'keychain-missing'}
              disabled={busy}
            />
            {needsNewPassphrase ? (
              <div className="unlock__new">
                <p className="security-note">
                  <Info size={ICON.inline} strokeWidth={STROKE} aria-hidden />
                  <span>
                    This computer has no keychain that keeps secrets safe, so Ledgerline keeps the book’s key
                    behind a passphrase instead. Choose one: it will be asked every time Ledgerline starts.
                  </span>
                </p>
                <NewPassphraseFields
                  value={next}
                  onChange={(value) => {
                    setNext(value);
                    if (errors.newPassphrase || errors.again) {
                      setErrors((e) => ({ ...e, newPassphrase: undefined, again: undefined }));
                    }
                  }}
                  errors={{ passphrase: errors.newPassphrase, again: errors.again }}
                  shown={nextShown}
                  onShownChange={setNextShown}
                  firstRef={newRef}
                  againRef={againRef}
                  disabled={busy}
                />
              </div>
            ) : keychainAvailable ? (
              <p className="unlock__aside">
                Ledgerline then keeps the key in this computer’s keychain again, so the book opens by itself
                from now on.
              </p>
            ) : null}
          </>
        )}

        {errors.form ? (
          <div className="setup__alert" role="alert">
            <CircleExclamationPoint size={ICON.inline} strokeWidth={2} aria-hidden />
            <span>{errors.form}</span>
          </div>
        ) : null}

        <Button
          type="submit"
          variant="primary"
          size="large"
          className="setup__submit"
          disabled={busy || (mode === 'recovery' && keychainAvailable === null)}
          icon={
            busy ? (
              <LoaderCircle className="spinner spinner--on-accent" size={ICON.inline} aria-hidden />
            ) : undefined
          }
        >
          {busy ? 'Unlocking…' : 'Unlock'}
        </Button>
      </form>

      {locked.reason === 'passphrase' ? (
        <div className="setup__restore">
          <button
            type="button"
            className="link-button"
            disabled={busy}
            onClick={() => switchMode(mode === 'passphrase' ? 'recovery' : 'passphrase')}
          >
            {mode === 'passphrase' ? 'Use the recovery key instead' : 'Use the passphrase instead'}
          </button>
        </div>
      ) : null}
    </>
  );
}

export function UnlockScreen() {
  const cache = useCache();
  const info = useQuery('app.info', {});
  const status = useQuery('security.status', {});

  let body;
  if (info.data?.locked) {
    body = (
      <UnlockForm
        locked={info.data.locked}
        keychainAvailable={status.data ? status.data.keychainAvailable : null}
      />
    );
  } else if (info.data) {
    // Unlocked meanwhile (in another window): read everything again.
    body = (
      <ErrorState
        title="The customer book is no longer locked"
        message="It was unlocked somewhere else. Open it to carry on."
        onRetry={() => cache.replaced()}
      />
    );
  } else if (info.status === 'error') {
    body = (
      <ErrorState
        title="Ledgerline could not read the book’s details"
        message={info.error?.message ?? 'Try again in a moment.'}
        onRetry={() => void info.refetch()}
      />
    );
  } else {
    body = <DelayedSpinner label="Opening the customer book…" />;
  }

  return (
    <main className="setup unlock" data-focus-fallback tabIndex={-1}>
      <div className="setup__card" aria-busy={!info.data && info.status !== 'error'}>
        <div className="setup__mark" aria-hidden>
          <LockKeyhole size={22} strokeWidth={STROKE} />
        </div>
        {body}
        {status.status === 'error' && !status.data && info.data?.locked ? (
          <p className="unlock__aside" role="alert">
            Ledgerline could not tell whether this computer has a keychain. {status.error?.message}{' '}
            <button type="button" className="link-button" onClick={() => void status.refetch()}>
              Try again
            </button>
          </p>
        ) : null}
      </div>
      <p className="setup__footnote">Your passphrase and recovery key never leave this computer.</p>
      <Notes />
    </main>
  );
}
