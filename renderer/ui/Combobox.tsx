/**
 * A type-ahead text box with a list of matches (the ARIA combobox pattern): typing filters,
 * ↑/↓ move through the matches, Enter chooses, Esc closes the list (a second Esc bubbles up).
 * The owner supplies the matches for the text, usually from a query.
 */
import { useId, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import './combobox.css';

export interface ComboOption {
  id: string;
  label: string;
  detail?: string | null;
  icon?: ReactNode;
}

export function Combobox({
  label,
  labelVisible = false,
  text,
  onText,
  options,
  onChoose,
  placeholder,
  loading = false,
  emptyText = 'No matches',
  invalid,
  describedBy,
  className,
  autoFocus,
  inputRef,
  footer,
}: {
  label: string;
  labelVisible?: boolean;
  text: string;
  onText(text: string): void;
  options: readonly ComboOption[];
  onChoose(option: ComboOption): void;
  placeholder?: string;
  loading?: boolean;
  emptyText?: string;
  invalid?: boolean;
  describedBy?: string | undefined;
  className?: string;
  autoFocus?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  /** An extra row under the matches ("Create “Acme”"). */
  footer?: { label: string; onChoose(): void } | null;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const total = options.length + (footer ? 1 : 0);
  const showList = open && (text.trim().length > 0 || options.length > 0);

  function choose(index: number) {
    if (index < options.length) {
      const option = options[index];
      if (option) onChoose(option);
    } else footer?.onChoose();
    setOpen(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) setOpen(true);
        else setActive((i) => (total === 0 ? 0 : (i + 1) % total));
        break;
      case 'ArrowUp':
        event.preventDefault();
        setActive((i) => (total === 0 ? 0 : (i - 1 + total) % total));
        break;
      case 'Enter':
        if (showList && total > 0) {
          event.preventDefault();
          choose(Math.min(active, total - 1));
        }
        break;
      case 'Escape':
        if (showList) {
          event.preventDefault();
          event.stopPropagation();
          setOpen(false);
        }
        break;
    }
  }

  const activeId = showList && total > 0 ? `${id}-o${Math.min(active, total - 1)}` : undefined;
  return (
    <div className={['combo', className].filter(Boolean).join(' ')}>
      {labelVisible ? (
        <label className="field__label" htmlFor={`${id}-input`}>
          {label}
        </label>
      ) : null}
      <input
        ref={inputRef}
        id={`${id}-input`}
        className="input"
        role="combobox"
        aria-label={labelVisible ? undefined : label}
        aria-expanded={showList}
        aria-controls={showList ? `${id}-list` : undefined}
        aria-activedescendant={activeId}
        aria-autocomplete="list"
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        autoFocus={autoFocus}
        value={text}
        onChange={(e) => {
          onText(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {showList ? (
        <ul className="combo__list" id={`${id}-list`} role="listbox" aria-label={label}>
          {options.map((o, i) => (
            <li
              key={o.id}
              id={`${id}-o${i}`}
              role="option"
              aria-selected={i === active}
              className="combo__option"
              onMouseDown={(e) => {
                e.preventDefault();
                choose(i);
              }}
              onMouseEnter={() => setActive(i)}
            >
              {o.icon ? (
                <span className="combo__icon" aria-hidden>
                  {o.icon}
                </span>
              ) : null}
              <span className="combo__label">{o.label}</span>
              {o.detail ? <span className="combo__detail">{o.detail}</span> : null}
            </li>
          ))}
          {options.length === 0 && !footer ? (
            <li className="combo__empty" role="presentation">
              {loading ? 'Looking…' : emptyText}
            </li>
          ) : null}
          {footer ? (
            <li
              id={`${id}-o${options.length}`}
              role="option"
              aria-selected={active === options.length}
              className="combo__option combo__option--footer"
              onMouseDown={(e) => {
                e.preventDefault();
                choose(options.length);
              }}
              onMouseEnter={() => setActive(options.length)}
            >
              <span className="combo__label">{footer.label}</span>
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
