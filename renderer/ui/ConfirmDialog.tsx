/**
 * A question asked before an action: the title, what the action does, the error line if it
 * failed, then Cancel and the button that does it. Cancel has the focus first, so Enter alone
 * never confirms. While the action runs the confirm button names what it is doing, and neither
 * Cancel, Esc nor a click outside closes the dialog, so a failure still has somewhere to show.
 */
import { useId, useRef, useState, type ReactNode } from 'react';
import { messageOf } from '../api/errors.ts';
import { Button } from './Button.tsx';
import { Dialog } from './Dialog.tsx';
import { DialogHeader } from './DialogParts.tsx';
import { FieldError } from './Field.tsx';

export interface ConfirmDialogProps {
  title: ReactNode;
  /** What confirming does, in one paragraph; it describes the dialog. */
  text?: ReactNode;
  /** The id of what describes the dialog, when that is among the children rather than `text`. */
  describedBy?: string;
  /** More of the body, after `text` and before the error line. */
  children?: ReactNode;
  confirmLabel: string;
  /** The confirm button's words while the action runs ("Deleting…"). */
  busyLabel: string;
  /** The confirm button is red: the action loses something for good. */
  destructive?: boolean;
  busy: boolean;
  error: string | null;
  /** False keeps the confirm button disabled, e.g. while what it would do is still being worked out. */
  canConfirm?: boolean;
  onConfirm(): void;
  onClose(): void;
  /** A Close button in the header, for the larger dialogs that have one. */
  closeButton?: boolean;
  /** The dialog's classes; narrow unless told otherwise. */
  className?: string;
  /** Classes added to the body's. */
  bodyClassName?: string;
  /** aria-busy on the body, while part of it is still loading. */
  bodyBusy?: boolean;
  errorClassName?: string;
}

export function ConfirmDialog({
  title,
  text,
  describedBy,
  children,
  confirmLabel,
  busyLabel,
  destructive = false,
  busy,
  error,
  canConfirm = true,
  onConfirm,
  onClose,
  closeButton = false,
  className = 'dialog--narrow',
  bodyClassName,
  bodyBusy,
  errorClassName,
}: ConfirmDialogProps) {
  const id = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  const close = () => {
    if (!busy) onClose();
  };
  return (
    <Dialog
      labelledBy={`${id}-t`}
      describedBy={describedBy ?? (text === undefined ? undefined : `${id}-d`)}
      onClose={close}
      initialFocus={cancel}
      className={className}
    >
      {closeButton ? (
        <DialogHeader titleId={`${id}-t`} onClose={close}>
          {title}
        </DialogHeader>
      ) : (
        <div className="dialog__header">
          <h2 className="dialog__title" id={`${id}-t`}>
            {title}
          </h2>
        </div>
      )}
      <div className={['dialog__body', bodyClassName].filter(Boolean).join(' ')} aria-busy={bodyBusy}>
        {text === undefined ? null : (
          <p id={`${id}-d`} className="confirm__text">
            {text}
          </p>
        )}
        {children}
        {error ? (
          <div role="alert" className={errorClassName}>
            <FieldError message={error} />
          </div>
        ) : null}
      </div>
      <div className="dialog__footer">
        <button ref={cancel} type="button" className="btn" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <Button
          variant="primary"
          className={destructive ? 'btn--destructive' : undefined}
          disabled={busy || !canConfirm}
          onClick={onConfirm}
        >
          {busy ? busyLabel : confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}

/**
 * The busy flag and error line of a ConfirmDialog whose action runs once. A failure clears busy
 * and shows its message; success leaves busy set, since the action ends by closing the dialog.
 */
export function useConfirmAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setBusy(false);
      setError(messageOf(err));
    }
  }
  return { busy, error, run };
}
