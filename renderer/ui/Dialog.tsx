/**
 * A modal dialog: focus moves in, Tab stays inside, Esc or a click outside closes it, and focus
 * goes back to where it was.
 */
import { useEffect, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hasAttribute('inert'));
}

export interface DialogProps {
  /** The accessible name, when no visible heading names the dialog. */
  label?: string;
  labelledBy?: string;
  describedBy?: string;
  onClose(): void;
  initialFocus?: RefObject<HTMLElement | null>;
  /** Focus the dialog itself rather than its first control (for sheets that are read, not filled). */
  focusPanel?: boolean;
  className?: string;
  placement?: 'center' | 'top';
  children: ReactNode;
}

export function Dialog({
  label,
  labelledBy,
  describedBy,
  onClose,
  initialFocus,
  focusPanel = false,
  className,
  placement = 'center',
  children,
}: DialogProps) {
  const panel = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const root = panel.current;
    if (!root) return;
    // Read here, not during render: a dialog that closed in the same update has given focus back by now.
    const previous = document.activeElement as HTMLElement | null;
    const target = focusPanel ? root : (initialFocus?.current ?? focusables(root)[0] ?? root);
    target.focus();
    const keepFocusInside = (event: FocusEvent) => {
      const to = event.target as Node | null;
      if (to && !root.contains(to) && !(to as Element).closest?.('[role="dialog"]')) {
        (focusables(root)[0] ?? root).focus();
      }
    };
    document.addEventListener('focusin', keepFocusInside);
    return () => {
      document.removeEventListener('focusin', keepFocusInside);
      if (previous && previous.isConnected && previous !== document.body) previous.focus();
      else document.querySelector<HTMLElement>('[data-focus-fallback]')?.focus();
    };
  }, [initialFocus, focusPanel]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCloseRef.current();
      return;
    }
    if (event.key !== 'Tab' || !panel.current) return;
    const items = focusables(panel.current);
    if (items.length === 0) {
      event.preventDefault();
      return;
    }
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return createPortal(
    <div
      className={`dialog-layer dialog-layer--${placement}`}
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onCloseRef.current();
      }}
    >
      <div
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-label={label}
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        tabIndex={-1}
        className={['dialog', className].filter(Boolean).join(' ')}
        onKeyDown={onKeyDown}
      >
        {children}
      </div>
    </div>,
    document.body,
  );
}
