/**
 * Decrypt this book…, asked first: the book and its snapshots go back to being stored in clear,
 * readable by anyone who has the file. The request answers when the work is done.
 */
import { useId, useRef, useState } from 'react';
import type { EncryptionStatus } from '../../../shared/api/requests/security.requests.ts';
import { messageOf } from '../../api/errors.ts';
import { useCache } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { ICON } from '../../ui/icons.ts';
import { Spinner } from '../../ui/States.tsx';
import './security.css';

export function DecryptDialog({ status, onClose }: { status: EncryptionStatus; onClose(): void }) {
  const cache = useCache();
  const ui = useUiStore();
  const id = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function decrypt() {
    setBusy(true);
    setError(null);
    try {
      const next = await cache.mutate('security.decrypt', {});
      cache.setData('security.status', {}, next);
      ui.getState().toast('The book and its snapshots are no longer encrypted.');
      onClose();
    } catch (err) {
      setBusy(false);
      setError(messageOf(err));
    }
  }

  return (
    <Dialog
      labelledBy={`${id}-t`}
      describedBy={`${id}-d`}
      onClose={() => {
        if (!busy) onClose();
      }}
      initialFocus={cancel}
      className="dialog--narrow security-dialog"
    >
      <div className="dialog__header">
        <h2 className="dialog__title" id={`${id}-t`}>
          Decrypt this book?
        </h2>
      </div>
      <div className="dialog__body security-dialog__body" aria-busy={busy}>
        <div id={`${id}-d`}>
          <p className="security-text">
            The book and all its snapshots will be stored in clear again: anyone who gets hold of the file, or
            a copy of it, can read every customer in it.
          </p>
          <p className="security-text">
            {status.protection === 'passphrase'
              ? 'Ledgerline will stop asking for the passphrase, and the recovery key will no longer be needed.'
              : 'The key is taken out of this computer’s keychain, and the recovery key will no longer be needed.'}
          </p>
        </div>
        {busy ? (
          <div className="security-busy">
            <Spinner size={ICON.nav} label="Decrypting" />
            <span>
              Decrypting the book and its snapshots… This can take a few minutes for a large book. Keep
              Ledgerline open until it is done.
            </span>
          </div>
        ) : null}
        {error ? (
          <div role="alert">
            <FieldError message={error} />
          </div>
        ) : null}
      </div>
      <div className="dialog__footer">
        <button ref={cancel} type="button" className="btn" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <Button variant="primary" className="btn--destructive" disabled={busy} onClick={() => void decrypt()}>
          {busy ? 'Decrypting…' : 'Decrypt the book'}
        </Button>
      </div>
    </Dialog>
  );
}
