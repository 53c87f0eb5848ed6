/** The header (title and Close) and the save footer that the form dialogs share. */
import type { ReactNode } from 'react';
import { X } from 'lucide-react';
import { Button } from './Button.tsx';
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
