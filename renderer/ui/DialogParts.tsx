/** The header (title and Close) and the save footer that the form dialogs share. */
import type { KeyboardEvent, ReactNode, RefObject } from 'react';
import { X } from 'lucide-react';
import { Button } from './Button.tsx';
import { Dialog } from './Dialog.tsx';
import { ICON, STROKE } from './icons.ts';
import { Kbd } from './Kbd.tsx';

export function DialogHeader({
  titleId,
  onClose,
  children,
}: {
  titleId: string;
  onClose(): void;
  children: ReactNode;
}) {
  return (
    <div className="dialog__header">
      <h2 className="dialog__title" id={titleId}>
        {children}
      </h2>
      <Button
        variant="ghost"
        size="icon"
        aria-label="Close"
        onClick={onClose}
        icon={<X size={ICON.nav} strokeWidth={STROKE} aria-hidden />}
      />
    </div>
  );
}

/** "Mod+Enter to save", Cancel, and the submit button (named by children). */
export function SaveFooter({
  onCancel,
  saving,
  keyShortcuts,
  children,
}: {
  onCancel(): void;
  saving: boolean;
  /** aria-keyshortcuts for the submit button. */
  keyShortcuts?: string;
  children: ReactNode;
}) {
  return (
    <div className="dialog__footer">
      <span className="dialog__footer-hint" aria-hidden>
        <Kbd keys={['Mod', 'Enter']} /> to save
      </span>
      <Button onClick={onCancel}>Cancel</Button>
      <Button type="submit" variant="primary" disabled={saving} aria-keyshortcuts={keyShortcuts}>
        {children}
      </Button>
    </div>
  );
}

/**
 * A dialog around one form: its header, and saving by the submit button or Mod+Enter from any
 * field. The body and the SaveFooter are the children.
 */
export function FormDialog({
  titleId,
  title,
  onClose,
  onSave,
  initialFocus,
  className,
  children,
}: {
  titleId: string;
  title: ReactNode;
  onClose(): void;
  onSave(): void;
  initialFocus?: RefObject<HTMLElement | null>;
  className?: string;
  children: ReactNode;
}) {
  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSave();
    }
  }
  return (
    <Dialog labelledBy={titleId} onClose={onClose} initialFocus={initialFocus} className={className}>
      <form
        className="logcall__form"
        onSubmit={(event) => {
          event.preventDefault();
          onSave();
        }}
        onKeyDown={onKeyDown}
        noValidate
        aria-labelledby={titleId}
      >
        <DialogHeader titleId={titleId} onClose={onClose}>
          {title}
        </DialogHeader>
        {children}
      </form>
    </Dialog>
  );
}
