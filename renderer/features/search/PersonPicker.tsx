/**
 * Choosing a person by typing: a combobox over the global search's People group.
 * ↑ ↓ move, Enter chooses; once chosen the person shows as a chip that Backspace or × clears.
 */
import { useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { UserRound, X } from 'lucide-react';
import type { SearchHit } from '../../../shared/domain/people.ts';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Avatar } from '../../ui/Avatar.tsx';
import type { PickedPerson } from './PickedPerson.ts';
import { hitLabel } from './search-hits.ts';
import { HitText } from './SearchHitRow.tsx';
import { useSearch } from './useSearch.ts';
import './search.css';

export type { PickedPerson } from './PickedPerson.ts';

export function PersonPicker({
  label,
  value,
  onChange,
  error,
  hint,
  placeholder = 'Type a name, company, email or phone',
  focusRef,
}: {
  label: string;
  value: PickedPerson | null;
  onChange(person: PickedPerson | null): void;
  error?: string | null | undefined;
  hint?: string;
  placeholder?: string;
  /** Set to whichever element takes the focus: the field, or the chip once someone is chosen. */
  focusRef?: RefObject<HTMLElement | null>;
}) {
  const id = useId();
  const listId = `${id}-list`;
  const errorId = `${id}-error`;
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const ownInput = useRef<HTMLInputElement | null>(null);
  const chip = useRef<HTMLButtonElement | null>(null);
  const { result, pending } = useSearch(query, { enabled: open && !value, limit: 8 });
  const hits = result?.groups.find((g) => g.kind === 'person')?.hits ?? [];
  const activeIndex = Math.min(active, Math.max(0, hits.length - 1));
  const current = hits[activeIndex];
  const showList = open && !value && query.trim() !== '';

  function choose(hit: SearchHit | undefined) {
    if (!hit) return;
    onChange({ id: hit.id, name: hit.title, detail: hit.detail });
    setQuery('');
    setOpen(false);
    requestAnimationFrame(() => chip.current?.focus());
  }

  function clear() {
    onChange(null);
    requestAnimationFrame(() => ownInput.current?.focus());
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

  const setInput = (el: HTMLInputElement | null) => {
    ownInput.current = el;
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
              if (el && focusRef) focusRef.current = el;
            }}
            id={id}
            type="button"
            className="person-picker__chip"
            aria-label={`${label}: ${value.name}. Press Backspace to choose someone else`}
            onKeyDown={(e) => {
              if (e.key === 'Backspace' || e.key === 'Delete') {
                e.preventDefault();
                clear();
              }
            }}
          >
            <Avatar name={value.name} size="sm" />
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
            ref={setInput}
            id={id}
            className="input person-picker__input"
            role="combobox"
            aria-expanded={showList}
            aria-controls={showList ? listId : undefined}
            aria-autocomplete="list"
            aria-activedescendant={showList && current ? `${id}-${current.id}` : undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            placeholder={placeholder}
            value={query}
            autoComplete="off"
            spellCheck={false}
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
              <div id={listId} role="listbox" aria-label="Matching people" aria-busy={pending}>
                {hits.map((hit, i) => (
                  <div
                    key={hit.id}
                    id={`${id}-${hit.id}`}
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
