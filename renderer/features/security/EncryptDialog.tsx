/**
 * Encrypt this book…: what happens and what to keep safe; a passphrase where this computer has no
 * keychain to keep the key in; then the work itself (the request answers when the book and its
 * snapshots are done); then the recovery key, shown this once, with Done only once the person says
 * it is kept somewhere safe. Closing the dialog any other way then asks first.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Info, ShieldCheck, TriangleAlert } from 'lucide-react';
import type { EncryptionStatus } from '../../../shared/api/requests/security.requests.ts';
import { formErrors } from '../../api/errors.ts';
import { useClock } from '../../lib/clock.tsx';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { DialogHeader } from '../../ui/DialogParts.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Spinner } from '../../ui/States.tsx';
import { checkNewPassphrase } from './passphrase.ts';
import { NewPassphraseFields, type NewPassphrase } from './PassphraseField.tsx';
import { RecoveryKeyCard } from './RecoveryKeyCard.tsx';
import './security.css';

type Step = { kind: 'explain' } | { kind: 'working' } | { kind: 'key'; recoveryKey: string; madeAt: number };

function Explain({ keychain }: { keychain: boolean }) {
  return (
    <>
      <p className="security-text">
        Ledgerline encrypts the customer book and every snapshot of it, so the file on its own, or a copy of
        it, can’t be read by anyone. This can take a few minutes for a large book.
      </p>
      {keychain ? (
        <p className="security-text">
          The key is kept in this computer’s keychain, so the book still opens by itself here.
        </p>
      ) : (
        <p className="security-note">
          <Info size={ICON.inline} strokeWidth={STROKE} aria-hidden />
          <span>
            This computer has no keychain that keeps secrets safe: the key would be stored in clear, next to
            the book. So it is kept behind a passphrase instead, and Ledgerline asks for it every time it
            starts.
          </span>
        </p>
      )}
      <p className="security-text">
        Next you’ll see a <strong>recovery key</strong>. Print it or save it somewhere safe, away from this
        computer: it opens the book if{' '}
        {keychain ? 'this computer’s keychain is lost' : 'the passphrase is forgotten'} or the book moves to
        another computer.
      </p>
      <p className="security-text">
        Without {keychain ? 'this computer’s keychain' : 'the passphrase'} and without the recovery key,
        nobody can open the book, not even us.
      </p>
    </>
  );
}

export function EncryptDialog({
  status,
  businessName,
  onClose,
}: {
  status: EncryptionStatus;
  businessName: string;
  onClose(): void;
}) {
  const cache = useCache();
  const clock = useClock();
  const info = useQuery('app.info', {});
  const id = useId();
  const [step, setStep] = useState<Step>({ kind: 'explain' });
  const [next, setNext] = useState<NewPassphrase>({ passphrase: '', again: '' });
  const [shown, setShown] = useState(false);
  const [errors, setErrors] = useState<{ passphrase?: string; again?: string; form?: string | null }>({});
  const [kept, setKept] = useState(false);
  const [confirmClose, setConfirmClose] = useState(false);
  const newRef = useRef<HTMLInputElement>(null);
  const againRef = useRef<HTMLInputElement>(null);
  const keyHeading = useRef<HTMLHeadingElement>(null);
  const goBack = useRef<HTMLButtonElement>(null);
  const keptBox = useRef<HTMLInputElement>(null);
  const keychain = status.keychainAvailable;

  useEffect(() => {
    if (step.kind === 'key') keyHeading.current?.focus();
  }, [step.kind]);
  useEffect(() => {
    if (confirmClose) goBack.current?.focus();
  }, [confirmClose]);

  async function encrypt(event: FormEvent) {
    event.preventDefault();
    if (step.kind !== 'explain') return;
    let passphrase: string | undefined;
    if (!keychain) {
      const problems = checkNewPassphrase(next.passphrase, next.again);
      if (problems.passphrase || problems.again) {
        setErrors(problems);
        (problems.passphrase ? newRef : againRef).current?.focus();
        return;
      }
      passphrase = next.passphrase;
    }
    setErrors({});
    setStep({ kind: 'working' });
    try {
      const result = await cache.mutate('security.encrypt', passphrase === undefined ? {} : { passphrase });
      cache.setData('security.status', {}, result.status);
      setStep({ kind: 'key', recoveryKey: result.recoveryKey, madeAt: clock() });
    } catch (err) {
      const { fields, form } = formErrors(err, ['passphrase']);
      setErrors({ passphrase: fields.passphrase, form });
      setStep({ kind: 'explain' });
      if (fields.passphrase) requestAnimationFrame(() => newRef.current?.focus());
    }
  }

  /** Esc, a click outside or the Close button. */
  function requestClose() {
    if (step.kind === 'working') return;
    if (step.kind === 'key') setConfirmClose(true);
    else onClose();
  }

  const titleId = `${id}-t`;
  if (step.kind === 'key') {
    return (
      <Dialog
        labelledBy={titleId}
        onClose={requestClose}
        initialFocus={keyHeading}
        className="security-dialog"
      >
        <DialogHeader titleId={titleId} onClose={requestClose}>
          Save your recovery key
        </DialogHeader>
        <div className="dialog__body security-dialog__body">
          <h3 className="security-done" ref={keyHeading} tabIndex={-1}>
            <ShieldCheck size={ICON.nav} strokeWidth={STROKE} aria-hidden />
            The book is encrypted
          </h3>
          <p className="security-text">
            This recovery key opens the book, and its snapshots, on any computer if{' '}
            {keychain ? 'this computer’s keychain is lost or reset' : 'the passphrase is forgotten'}. It is
            shown only this once: Ledgerline keeps no copy of it.
          </p>
          <RecoveryKeyCard
            recoveryKey={step.recoveryKey}
            businessName={businessName}
            bookPath={info.data?.bookPath}
            madeAt={step.madeAt}
          />
          <label className="security-check">
            <input
              ref={keptBox}
              type="checkbox"
              className="check"
              checked={kept}
              onChange={(e) => setKept(e.target.checked)}
            />
            <span>I have printed or saved the recovery key somewhere safe, away from this computer</span>
          </label>
        </div>
        {confirmClose ? (
          <div className="dialog__confirm security-confirm" role="alert">
            <TriangleAlert size={ICON.inline} strokeWidth={STROKE} aria-hidden />
            <span className="dialog__confirm-text">
              Close without keeping the recovery key? It can’t be shown again.
            </span>
            <button
              ref={goBack}
              type="button"
              className="btn"
              onClick={() => {
                setConfirmClose(false);
                requestAnimationFrame(() => keptBox.current?.focus());
              }}
            >
              Go back
            </button>
            <Button onClick={onClose}>Close anyway</Button>
          </div>
        ) : (
          <div className="dialog__footer">
            {!kept ? (
              <span className="dialog__footer-hint">Tick the box once the key is kept safe.</span>
            ) : null}
            <Button variant="primary" disabled={!kept} onClick={onClose}>
              Done
            </Button>
          </div>
        )}
      </Dialog>
    );
  }

  const working = step.kind === 'working';
  return (
    <Dialog
      labelledBy={titleId}
      onClose={requestClose}
      initialFocus={keychain ? undefined : newRef}
      className="security-dialog"
    >
      <form onSubmit={encrypt} noValidate aria-labelledby={titleId} className="security-dialog__form">
        {working ? (
          <div className="dialog__header">
            <h2 className="dialog__title" id={titleId}>
              Encrypt this book?
            </h2>
          </div>
        ) : (
          <DialogHeader titleId={titleId} onClose={requestClose}>
            Encrypt this book?
          </DialogHeader>
        )}
        <div className="dialog__body security-dialog__body" aria-busy={working}>
          {working ? (
            <div className="security-busy">
              <Spinner size={ICON.nav} label="Encrypting" />
              <span>
                Encrypting the book and its snapshots… This can take a few minutes for a large book. Keep
                Ledgerline open until it is done.
              </span>
            </div>
          ) : (
            <>
              <Explain keychain={keychain} />
              {!keychain ? (
                <NewPassphraseFields
                  label="Passphrase"
                  value={next}
                  onChange={(value) => {
                    setNext(value);
                    if (errors.passphrase || errors.again) {
                      setErrors((e) => ({ ...e, passphrase: undefined, again: undefined }));
                    }
                  }}
                  errors={errors}
                  shown={shown}
                  onShownChange={setShown}
                  firstRef={newRef}
                  againRef={againRef}
                />
              ) : null}
            </>
          )}
          {errors.form ? (
            <div role="alert">
              <FieldError message={errors.form} />
            </div>
          ) : null}
        </div>
        <div className="dialog__footer">
          <Button onClick={onClose} disabled={working}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" disabled={working}>
            {working ? 'Encrypting…' : 'Encrypt the book'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
