/**
 * Choosing who a deal or case is with: a person or a company, by typing (the global search's
 * People and Companies groups). ↑ ↓ move, Enter chooses; the choice shows as a chip that
 * Backspace or × clears.
 */
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { Building2, UserRound, X } from 'lucide-react';
import type { SearchHit } from '../../../shared/domain/people.ts';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { hitLabel } from '../search/search-hits.ts';
import { HitText } from '../search/SearchHitRow.tsx';
import { useSearch } from '../search/useSearch.ts';
import '../search/search.css';

export interface PickedCustomer {
  kind: 'person' | 'company';
  id: string;
  name: string;
  detail?: string | null;
}

export function CustomerPicker({
  label = 'Customer',
  value,
  onChange,
  error,
  autoFocus,
}: {
  label?: string;
  value: PickedCustomer | null;
  onChange(customer: PickedCustomer | null): void;
  error?: string | null | undefined;
  autoFocus?: boolean;
}) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement | null>(null);
  const chip = useRef<HTMLButtonElement | null>(null);
  const { result, pending } = useSearch(query, { enabled: open && !value, limit: 6 });
  const hits = (result?.groups ?? [])
    .filter((g) => g.kind === 'person' || g.kind === 'company')
    .flatMap((g) => g.hits);
  const activeIndex = Math.min(active, Math.max(0, hits.length - 1));
  const current = hits[activeIndex];
  const showList = open && !value && query.trim() !== '';

  function choose(hit: SearchHit | undefined) {
    if (!hit) return;
    onChange({ kind: hit.kind as 'person' | 'company', id: hit.id, name: hit.title, detail: hit.detail });
    setQuery('');
    setOpen(false);
    requestAnimationFrame(() => chip.current?.focus());
  }

  function clear() {
    onChange(null);
    requestAnimationFrame(() => input.current?.focus());
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
      event.preventDefault();
      choose(current);
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      event.stopPropagation();
      setQuery('');
    }
  }

  const Icon = value?.kind === 'company' ? Building2 : UserRound;
  return (
    <div className="field person-picker">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {value ? (
        <div className="person-picker__chosen">
          <button
            ref={chip}
            id={id}
            type="button"
            className="person-picker__chip"
            aria-label={`${label}: ${value.name}. Press Backspace to choose another`}
            onKeyDown={(e) => {
              if (e.key === 'Backspace' || e.key === 'Delete') {
                e.preventDefault();
                clear();
              }
            }}
          >
            <Icon size={ICON.inline} strokeWidth={STROKE} aria-hidden />
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
            ref={input}
            id={id}
            className="input person-picker__input"
            role="combobox"
            aria-expanded={showList}
            aria-controls={showList ? `${id}-list` : undefined}
            aria-autocomplete="list"
            aria-activedescendant={showList && current ? `${id}-${current.kind}-${current.id}` : undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            placeholder="Type a person’s or a company’s name"
            value={query}
            autoComplete="off"
            spellCheck={false}
            autoFocus={autoFocus}
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
              <div id={`${id}-list`} role="listbox" aria-label="Matching customers" aria-busy={pending}>
                {hits.map((hit, i) => (
                  <div
                    key={`${hit.kind}-${hit.id}`}
                    id={`${id}-${hit.kind}-${hit.id}`}
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
      {error ? <FieldError id={`${id}-error`} message={error} /> : null}
    </div>
  );
}
