/**
 * Decrypt this book…, asked first: the book and its snapshots go back to being stored in clear,
 * readable by anyone who has the file. The request answers when the work is done.
 */
import { useId } from 'react';
import type { EncryptionStatus } from '../../../shared/api/requests/security.requests.ts';
import { useCache } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { ConfirmDialog, useConfirmAction } from '../../ui/ConfirmDialog.tsx';
import { ICON } from '../../ui/icons.ts';
import { Spinner } from '../../ui/States.tsx';
import './security.css';

export function DecryptDialog({ status, onClose }: { status: EncryptionStatus; onClose(): void }) {
  const cache = useCache();
  const ui = useUiStore();
  const id = useId();
  const { busy, error, run } = useConfirmAction();

  const decrypt = () =>
    run(async () => {
      const next = await cache.mutate('security.decrypt', {});
      cache.setData('security.status', {}, next);
      ui.getState().toast('The book and its snapshots are no longer encrypted.');
      onClose();
    });

  return (
    <ConfirmDialog
      title="Decrypt this book?"
      describedBy={`${id}-d`}
      confirmLabel="Decrypt the book"
      busyLabel="Decrypting…"
      destructive
      busy={busy}
      error={error}
      onConfirm={() => void decrypt()}
      onClose={onClose}
      className="dialog--narrow security-dialog"
      bodyClassName="security-dialog__body"
      bodyBusy={busy}
    >
      <div id={`${id}-d`}>
        <p className="security-text">
          The book and all its snapshots will be stored in clear again: anyone who gets hold of the file, or a
          copy of it, can read every customer in it.
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
    </ConfirmDialog>
  );
}
