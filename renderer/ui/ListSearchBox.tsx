/**
 * The search box above a list: Esc clears it, ↓ moves into the list's grid (the first grid inside
 * `listRoot`), and a clear button shows while there is text.
 */
import type { RefObject } from 'react';
import { Search, X } from 'lucide-react';
import { ICON, STROKE } from './icons.ts';

export function ListSearchBox({
  label,
  placeholder,
  value,
  onChange,
  listRoot,
  className,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange(text: string): void;
  listRoot: RefObject<HTMLElement | null>;
  className?: string;
}) {
  return (
    <div className={className ? `search-box ${className}` : 'search-box'}>
      <Search size={ICON.inline} strokeWidth={STROKE} aria-hidden />
      <input
        className="search-box__input"
        aria-label={label}
        placeholder={placeholder}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && value) {
            e.preventDefault();
            onChange('');
          } else if (e.key === 'ArrowDown') {
            e.preventDefault();
            listRoot.current?.querySelector<HTMLElement>('[role="grid"]')?.focus();
          }
        }}
      />
      {value ? (
        <button
          type="button"
          className="search-box__clear"
          aria-label="Clear the search"
          onClick={() => onChange('')}
        >
          <X size={ICON.small} strokeWidth={2} aria-hidden />
        </button>
      ) : null}
    </div>
  );
}
