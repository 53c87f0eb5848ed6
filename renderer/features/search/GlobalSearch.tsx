/**
 * The search field at the top of the sidebar. It answers while the user types, grouped by kind
 * (People, Companies, Notes, Calls); ↑ ↓ move, Enter opens, Esc clears. Ctrl/⌘+F or / puts the
 * cursor here from anywhere.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { Search, X } from 'lucide-react';
import type { SearchHit } from '../../../shared/domain/people.ts';
import { ariaKeyShortcuts, shortcutText } from '../../lib/platform.ts';
import { useUi, useUiStore } from '../../stores/ui.store.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Kbd } from '../../ui/Kbd.tsx';
import { Spinner } from '../../ui/States.tsx';
import { keysFor } from '../palette/shortcuts.ts';
import { groupsOf, hitKey, hitLabel, routeOfHit } from './search-hits.ts';
import { HitText } from './SearchHitRow.tsx';
import { useSearch } from './useSearch.ts';
import './search.css';

interface Anchor {
  top: number;
  left: number;
}

export function GlobalSearch() {
  const ui = useUiStore();
  const collapsed = useUi((s) => s.sidebarCollapsed);
  const focusRequest = useUi((s) => s.searchFocusRequest);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [anchor, setAnchor] = useState<Anchor | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const listId = `${id}-results`;
  const { result, pending, error } = useSearch(query, { enabled: open });
  const groups = groupsOf(result);
  const hits = groups.flatMap((g) => g.hits);
  const activeIndex = Math.min(active, Math.max(0, hits.length - 1));
  const current = hits[activeIndex];
  const showPanel = open && query.trim() !== '';
  const keys = keysFor('search.focus') ?? [];

  useEffect(() => {
    if (focusRequest === 0) return;
    input.current?.focus();
    input.current?.select();
  }, [focusRequest]);

  useLayoutEffect(() => {
    if (!showPanel) return;
    const place = () => {
      const rect = input.current?.getBoundingClientRect();
      if (rect) setAnchor({ top: rect.bottom + 6, left: rect.left });
    };
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [showPanel]);

  function choose(hit: SearchHit | undefined) {
    if (!hit) return;
    const route = routeOfHit(hit);
    setQuery('');
    setOpen(false);
    if (route) ui.getState().navigate(route);
    document.querySelector<HTMLElement>('[data-focus-fallback]')?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const last = hits.length - 1;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive(activeIndex >= last ? 0 : activeIndex + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive(activeIndex <= 0 ? last : activeIndex - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(current);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (query) {
        setQuery('');
      } else {
        input.current?.blur();
        document.querySelector<HTMLElement>('[data-focus-fallback]')?.focus();
      }
    }
  }

  if (collapsed) {
    return (
      <button
        type="button"
        className="nav-item sidebar-search__collapsed"
        aria-label="Search"
        aria-keyshortcuts={ariaKeyShortcuts(keys)}
        title={`Search (${shortcutText(keys)})`}
        onClick={() => ui.getState().focusSearch()}
      >
        <span className="nav-item__icon" aria-hidden>
          <Search size={ICON.nav} strokeWidth={STROKE} />
        </span>
      </button>
    );
  }

  let index = -1;
  return (
    <div className="sidebar-search">
      <Search className="sidebar-search__icon" size={ICON.inline} strokeWidth={STROKE} aria-hidden />
      <input
        ref={input}
        type="text"
        className="sidebar-search__input"
        role="combobox"
        aria-label="Search people, companies, notes and calls"
        aria-keyshortcuts={`${ariaKeyShortcuts(keys)} /`}
        aria-expanded={showPanel}
        aria-controls={showPanel ? listId : undefined}
        aria-autocomplete="list"
        aria-activedescendant={showPanel && current ? `${id}-${hitKey(current)}` : undefined}
        placeholder="Search"
        value={query}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {query ? (
        <button
          type="button"
          className="sidebar-search__clear"
          aria-label="Clear the search"
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => {
            setQuery('');
            input.current?.focus();
          }}
        >
          <X size={ICON.small} strokeWidth={2} aria-hidden />
        </button>
      ) : (
        <Kbd keys={keys} className="sidebar-search__kbd" />
      )}
      {showPanel && anchor
        ? createPortal(
            <div
              className="search-panel"
              style={{ top: anchor.top, left: anchor.left }}
              onMouseDown={(e) => e.preventDefault()}
            >
              <div
                id={listId}
                role="listbox"
                aria-label="Search results"
                aria-busy={pending}
                className="search-panel__list"
              >
                {groups.map((group) => (
                  <div key={group.kind} role="group" aria-label={group.label}>
                    <div className="search-panel__group" aria-hidden>
                      {group.label}
                    </div>
                    {group.hits.map((hit) => {
                      index++;
                      const i = index;
                      return (
                        <div
                          key={hitKey(hit)}
                          id={`${id}-${hitKey(hit)}`}
                          role="option"
                          aria-label={hitLabel(hit)}
                          aria-selected={i === activeIndex}
                          className="hit"
                          onMouseMove={() => {
                            if (i !== activeIndex) setActive(i);
                          }}
                          onClick={() => choose(hit)}
                          ref={(el) => {
                            if (el && i === activeIndex) el.scrollIntoView({ block: 'nearest' });
                          }}
                        >
                          <HitText hit={hit} query={query} />
                        </div>
                      );
                    })}
                  </div>
                ))}
              </div>
              {hits.length === 0 ? (
                <div className="search-panel__empty" role="status">
                  {error ? (
                    error.message
                  ) : pending ? (
                    <Spinner label="Searching…" size={ICON.nav} />
                  ) : (
                    <>
                      <span className="search-panel__empty-title">Nothing matches “{query.trim()}”</span>
                      <span>
                        Search looks through names, companies, emails, phones, notes and call summaries.
                      </span>
                    </>
                  )}
                </div>
              ) : (
                <div className="search-panel__footer" aria-hidden>
                  <span>
                    <Kbd keys={['↑', '↓']} /> to move
                  </span>
                  <span>
                    <Kbd keys={['Enter']} /> to open
                  </span>
                  <span>
                    <Kbd keys={['Escape']} /> to clear
                  </span>
                </div>
              )}
            </div>,
            document.body,
          )
        : null}
    </div>
  );
}
