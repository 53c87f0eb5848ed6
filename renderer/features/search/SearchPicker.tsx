/**
 * Choosing someone by typing: a combobox over groups of the global search (People, and Companies
 * for a customer). ↑ ↓ move, Enter chooses; once chosen the choice shows as a chip that Backspace
 * or × clears. PersonPicker and CustomerPicker are this with their groups and words.
 */
import { useId, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { UserRound, X } from 'lucide-react';
import type { SearchHit, SearchKind } from '../../../shared/domain/people.ts';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { hitLabel } from './search-hits.ts';
import { HitText } from './SearchHitRow.tsx';
import { useSearch } from './useSearch.ts';
import './search.css';

export interface SearchPickerProps<T extends { name: string; detail?: string | null }> {
  label: string;
  value: T | null;
  onChange(choice: T | null): void;
  error?: string | null | undefined;
  hint?: string | undefined;
  placeholder: string;
  autoFocus?: boolean | undefined;
  /** Set to whichever element takes the focus: the field, or the chip once someone is chosen. */
  focusRef?: RefObject<HTMLElement | null> | undefined;
  /** The search groups offered, in order. */
  kinds: readonly SearchKind[];
  /** Hits asked for per group. */
  limit: number;
  /** The list's accessible name ("Matching people"). */
  listLabel: string;
  /** How the chip's label ends: "Press Backspace to <this>". */
  again: string;
  choiceOf(hit: SearchHit): T;
  /** What stands before the chosen name on the chip (an avatar, an icon). */
  badge(choice: T): ReactNode;
}

export function SearchPicker<T extends { name: string; detail?: string | null }>(
  props: SearchPickerProps<T>,
) {
  const { label, value, onChange, error, hint, focusRef } = props;
  const id = useId();
  const listId = `${id}-list`;
  const errorId = `${id}-error`;
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const ownInput = useRef<HTMLInputElement | null>(null);
  const chip = useRef<HTMLButtonElement | null>(null);
  const { result, pending } = useSearch(query, { enabled: open && !value, limit: props.limit });
  const hits = props.kinds.flatMap((kind) => result?.groups.find((g) => g.kind === kind)?.hits ?? []);
  const activeIndex = Math.min(active, Math.max(0, hits.length - 1));
  const current = hits[activeIndex];
  const showList = open && !value && query.trim() !== '';
  const optionId = (hit: SearchHit) => `${id}-${hit.kind}-${hit.id}`;

  function choose(hit: SearchHit | undefined) {
    if (!hit) return;
    onChange(props.choiceOf(hit));
    setQuery('');
    setOpen(false);
    focusNextFrame(() => chip.current);
  }

  function clear() {
    onChange(null);
    focusNextFrame(() => ownInput.current);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (!showList) return;
    const last = hits.length - 1;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive(activeIndex >= last ? 0 : activeIndex + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive(activeIndex <= 0 ? last : activeIndex - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault(); // choosing, not saving the form
      choose(current);
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      event.stopPropagation(); // clears the field; a second Esc closes the dialog
      setQuery('');
    }
  }

  const focusHere = (el: HTMLElement | null) => {
    if (el && focusRef) focusRef.current = el;
  };

  return (
    <div className="field person-picker">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {value ? (
        <div className="person-picker__chosen">
          <button
            ref={(el) => {
              chip.current = el;
              focusHere(el);
            }}
            id={id}
            type="button"
            className="person-picker__chip"
            aria-label={`${label}: ${value.name}. Press Backspace to ${props.again}`}
            onKeyDown={(e) => {
              if (e.key === 'Backspace' || e.key === 'Delete') {
                e.preventDefault();
                clear();
              }
            }}
          >
            {props.badge(value)}
            <span className="person-picker__name">{value.name}</span>
            {value.detail ? <span className="person-picker__detail">{value.detail}</span> : null}
          </button>
          <button
            type="button"
            className="btn btn--ghost btn--icon person-picker__clear"
            aria-label={`Choose someone other than ${value.name}`}
            onClick={clear}
          >
            <X size={ICON.inline} strokeWidth={STROKE} aria-hidden />
          </button>
        </div>
      ) : (
        <div className="person-picker__box">
          <UserRound className="person-picker__icon" size={ICON.inline} strokeWidth={STROKE} aria-hidden />
          <input
            ref={(el) => {
              ownInput.current = el;
              focusHere(el);
            }}
            id={id}
            className="input person-picker__input"
            role="combobox"
            aria-expanded={showList}
            aria-controls={showList ? listId : undefined}
            aria-autocomplete="list"
            aria-activedescendant={showList && current ? optionId(current) : undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            placeholder={props.placeholder}
            value={query}
            autoComplete="off"
            spellCheck={false}
            autoFocus={props.autoFocus}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
              setOpen(true);
            }}
            onFocus={() => setOpen(true)}
            onBlur={() => setOpen(false)}
            onKeyDown={onKeyDown}
          />
          {showList ? (
            <div className="person-picker__popover" onMouseDown={(e) => e.preventDefault()}>
              <div id={listId} role="listbox" aria-label={props.listLabel} aria-busy={pending}>
                {hits.map((hit, i) => (
                  <div
                    key={`${hit.kind}-${hit.id}`}
                    id={optionId(hit)}
                    role="option"
                    aria-label={hitLabel(hit)}
                    aria-selected={i === activeIndex}
                    className="hit"
                    onMouseMove={() => {
                      if (i !== activeIndex) setActive(i);
                    }}
                    onClick={() => choose(hit)}
                  >
                    <HitText hit={hit} query={query} />
                  </div>
                ))}
              </div>
              {hits.length === 0 ? (
                <p className="person-picker__empty" role="status">
                  {pending ? 'Searching…' : `No one matches “${query.trim()}”.`}
                </p>
              ) : null}
            </div>
          ) : null}
        </div>
      )}
      {error ? <FieldError id={errorId} message={error} /> : null}
      {hint && !error ? <div className="field__hint">{hint}</div> : null}
    </div>
  );
}

/**
 * Moves the focus to what replaced the element that had it, once it has rendered, but only if the
 * focus is still where it was left: someone who has already clicked into the next field keeps it.
 */
function focusNextFrame(target: () => HTMLElement | null): void {
  const from = document.activeElement;
  requestAnimationFrame(() => {
    const now = document.activeElement;
    if (now === null || now === document.body || now === from) target()?.focus();
  });
}
