/**
 * A menu button: the trigger opens a list of actions; arrow keys move, Enter chooses,
 * Esc closes and returns focus to the trigger.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import { Check } from 'lucide-react';
import { ICON } from './icons.ts';

export interface MenuAction {
  kind?: 'action';
  id: string;
  label: string;
  icon?: ReactNode;
  /** Shown as a radio item that is on or off. */
  checked?: boolean;
  tone?: 'danger';
  onSelect(): void;
}

export type MenuEntry =
  MenuAction | { kind: 'separator'; id: string } | { kind: 'heading'; id: string; label: string };

export interface MenuTriggerProps {
  ref: Ref<HTMLButtonElement>;
  id: string;
  'aria-haspopup': 'menu';
  'aria-expanded': boolean;
  'aria-controls': string | undefined;
  onClick(): void;
  onKeyDown(event: KeyboardEvent<HTMLButtonElement>): void;
}

export function Menu({
  label,
  entries,
  placement = 'bottom-end',
  trigger,
  className,
}: {
  /** The menu's accessible name. */
  label: string;
  entries: readonly MenuEntry[];
  placement?: 'bottom-end' | 'bottom-start' | 'top-start' | 'top-end';
  trigger(props: MenuTriggerProps): ReactNode;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  const [focusIndex, setFocusIndex] = useState(0);
  const id = useId();
  const triggerRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const actions = entries.filter((e): e is MenuAction => e.kind === undefined || e.kind === 'action');

  useEffect(() => {
    if (!open) return;
    const items = menuRef.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]');
    items?.[focusIndex]?.focus();
  }, [open, focusIndex]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !triggerRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('mousedown', onPointer);
    return () => document.removeEventListener('mousedown', onPointer);
  }, [open]);

  function openAt(index: number) {
    setFocusIndex(index);
    setOpen(true);
  }

  function close(returnFocus: boolean) {
    setOpen(false);
    if (returnFocus) triggerRef.current?.focus();
  }

  function choose(action: MenuAction) {
    close(true);
    action.onSelect();
  }

  function onMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const last = actions.length - 1;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setFocusIndex((i) => (i >= last ? 0 : i + 1));
        break;
      case 'ArrowUp':
        event.preventDefault();
        setFocusIndex((i) => (i <= 0 ? last : i - 1));
        break;
      case 'Home':
        event.preventDefault();
        setFocusIndex(0);
        break;
      case 'End':
        event.preventDefault();
        setFocusIndex(last);
        break;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        close(true);
        break;
      case 'Tab':
        close(false);
        break;
    }
  }

  let actionIndex = -1;
  return (
    <div className={['menu-anchor', className].filter(Boolean).join(' ')}>
      {trigger({
        ref: triggerRef,
        id: `${id}-trigger`,
        'aria-haspopup': 'menu',
        'aria-expanded': open,
        'aria-controls': open ? `${id}-menu` : undefined,
        onClick: () => (open ? close(false) : openAt(0)),
        onKeyDown: (event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            openAt(0);
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            openAt(actions.length - 1);
          }
        },
      })}
      {open ? (
        <div
          ref={menuRef}
          id={`${id}-menu`}
          role="menu"
          aria-label={label}
          className={`menu menu--${placement}`}
          onKeyDown={onMenuKeyDown}
        >
          {entries.map((entry) => {
            if (entry.kind === 'separator')
              return <div key={entry.id} role="separator" className="menu__separator" />;
            if (entry.kind === 'heading') {
              return (
                <div key={entry.id} className="menu__heading" role="presentation">
                  {entry.label}
                </div>
              );
            }
            actionIndex++;
            const index = actionIndex;
            const radio = entry.checked !== undefined;
            return (
              <button
                key={entry.id}
                type="button"
                role={radio ? 'menuitemradio' : 'menuitem'}
                aria-checked={radio ? entry.checked : undefined}
                tabIndex={index === focusIndex ? 0 : -1}
                className={`menu__item${entry.tone === 'danger' ? ' menu__item--danger' : ''}`}
                onClick={() => choose(entry)}
                onMouseEnter={() => setFocusIndex(index)}
              >
                <span className="menu__icon" aria-hidden>
                  {radio ? entry.checked ? <Check size={ICON.inline} strokeWidth={2} /> : null : entry.icon}
                </span>
                <span className="menu__label">{entry.label}</span>
              </button>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}
