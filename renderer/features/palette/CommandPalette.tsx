/**
 * Ctrl/⌘+K: every command, filtered as you type, and below them what the book holds for the same
 * words (people, companies, notes, calls); ↑ ↓ to move, Enter to run or open, Esc to close.
 */
import { useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Search } from 'lucide-react';
import type { SearchHit } from '../../../shared/domain/people.ts';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Kbd } from '../../ui/Kbd.tsx';
import { groupsOf, hitKey, hitLabel, routeOfHit } from '../search/search-hits.ts';
import { HitText } from '../search/SearchHitRow.tsx';
import { useSearch } from '../search/useSearch.ts';
import { filterCommands, useCommands, type Command } from './commands.ts';
import '../search/search.css';

type Item = { kind: 'command'; key: string; command: Command } | { kind: 'hit'; key: string; hit: SearchHit };

export function CommandPalette({ onClose }: { onClose(): void }) {
  const ui = useUiStore();
  const commands = useCommands();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const listId = `${id}-list`;
  const results = useMemo(() => filterCommands(commands, query), [commands, query]);
  const searching = query.trim() !== '';
  const search = useSearch(query, { enabled: searching, limit: 5 });
  const hitGroups = searching ? groupsOf(search.result) : [];

  // Grouped while browsing; a single ranked list while searching, then the book's matches.
  const sections: { group: string | null; label: string; items: Item[] }[] = [];
  if (searching) {
    if (results.length > 0) {
      sections.push({
        group: 'Commands',
        label: 'Matching commands',
        items: results.map((c) => ({ kind: 'command', key: c.id, command: c })),
      });
    }
    for (const g of hitGroups) {
      sections.push({
        group: g.label,
        label: g.label,
        items: g.hits.map((h) => ({ kind: 'hit', key: hitKey(h), hit: h })),
      });
    }
  } else {
    for (const c of results) {
      const last = sections[sections.length - 1];
      const item: Item = { kind: 'command', key: c.id, command: c };
      if (last && last.group === c.group) last.items.push(item);
      else sections.push({ group: c.group, label: c.group, items: [item] });
    }
  }
  const items = sections.flatMap((s) => s.items);
  const activeIndex = Math.min(active, Math.max(0, items.length - 1));
  const current = items[activeIndex];

  function run(item: Item | undefined) {
    if (!item) return;
    onClose();
    if (item.kind === 'command') item.command.run();
    else {
      const route = routeOfHit(item.hit);
      if (route) ui.getState().navigate(route);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const last = items.length - 1;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive(activeIndex >= last ? 0 : activeIndex + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive(activeIndex <= 0 ? last : activeIndex - 1);
    } else if (event.key === 'Home' && !query) {
      event.preventDefault();
      setActive(0);
    } else if (event.key === 'End' && !query) {
      event.preventDefault();
      setActive(last);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      run(current);
    }
  }

  let index = -1;
  const option = (item: Item, content: ReactNode) => {
    index++;
    const i = index;
    return (
      <div
        key={item.key}
        id={`${id}-${item.key}`}
        role="option"
        aria-label={item.kind === 'hit' ? hitLabel(item.hit) : undefined}
        aria-selected={i === activeIndex}
        className={item.kind === 'hit' ? 'hit palette__hit' : 'palette__option'}
        onMouseMove={() => {
          if (i !== activeIndex) setActive(i);
        }}
        onClick={() => run(item)}
        ref={(el) => {
          if (el && i === activeIndex) el.scrollIntoView({ block: 'nearest' });
        }}
      >
        {content}
      </div>
    );
  };

  const empty = items.length === 0 && !(searching && search.pending);
  return (
    <Dialog
      label="Command palette"
      onClose={onClose}
      initialFocus={input}
      className="palette"
      placement="top"
    >
      <div className="palette__search">
        <Search size={ICON.nav} strokeWidth={STROKE} aria-hidden />
        <input
          ref={input}
          className="palette__input"
          role="combobox"
          aria-label="Type a command or search"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={current ? `${id}-${current.key}` : undefined}
          placeholder="Type a command, or search people, companies, notes and calls…"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          spellCheck={false}
          autoComplete="off"
        />
      </div>
      {empty ? (
        <p className="palette__empty" role="status">
          Nothing matches “{query}”.
        </p>
      ) : null}
      <div
        className="palette__list"
        id={listId}
        role="listbox"
        aria-label="Commands and results"
        aria-busy={searching && search.pending}
        hidden={items.length === 0}
      >
        {sections.map((section, s) => (
          <div key={section.group ?? s} role="group" aria-label={section.label}>
            {section.group ? (
              <div className="palette__group" aria-hidden>
                {section.group}
              </div>
            ) : null}
            {section.items.map((item) =>
              item.kind === 'command'
                ? option(
                    item,
                    <>
                      <span className="palette__option-icon" aria-hidden>
                        <item.command.icon size={ICON.nav} strokeWidth={STROKE} />
                      </span>
                      <span className="palette__option-label">{item.command.label}</span>
                      {item.command.keys ? <Kbd keys={item.command.keys} /> : null}
                    </>,
                  )
                : option(item, <HitText hit={item.hit} query={query} />),
            )}
          </div>
        ))}
      </div>
      <div className="palette__footer" aria-hidden>
        <span>
          <Kbd keys={['↑', '↓']} /> to move
        </span>
        <span>
          <Kbd keys={['Enter']} /> to run or open
        </span>
        <span>
          <Kbd keys={['Escape']} /> to close
        </span>
      </div>
    </Dialog>
  );
}
