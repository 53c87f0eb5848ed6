/** Ctrl/⌘+K: every command, filtered as you type; ↑ ↓ to move, Enter to run, Esc to close. */
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Search } from 'lucide-react';
import { Dialog } from '../../ui/Dialog.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Kbd } from '../../ui/Kbd.tsx';
import { filterCommands, useCommands, type Command } from './commands.ts';

export function CommandPalette({ onClose }: { onClose(): void }) {
  const commands = useCommands();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const listId = `${id}-list`;
  const results = useMemo(() => filterCommands(commands, query), [commands, query]);
  const activeIndex = Math.min(active, Math.max(0, results.length - 1));
  const current = results[activeIndex];

  function run(command: Command | undefined) {
    if (!command) return;
    onClose();
    command.run();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const last = results.length - 1;
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

  // Grouped while browsing; a single ranked list while searching.
  const sections: { group: string | null; items: Command[] }[] = [];
  if (query.trim()) sections.push({ group: null, items: results });
  else {
    for (const c of results) {
      const last = sections[sections.length - 1];
      if (last && last.group === c.group) last.items.push(c);
      else sections.push({ group: c.group, items: [c] });
    }
  }

  let index = -1;
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
          aria-label="Type a command"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={current ? `${id}-${current.id}` : undefined}
          placeholder="Type a command…"
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
      {results.length === 0 ? (
        <p className="palette__empty" role="status">
          No command matches “{query}”.
        </p>
      ) : null}
      <div
        className="palette__list"
        id={listId}
        role="listbox"
        aria-label="Commands"
        hidden={results.length === 0}
      >
        {sections.map((section, s) => (
          <div key={section.group ?? s} role="group" aria-label={section.group ?? 'Matching commands'}>
            {section.group ? (
              <div className="palette__group" aria-hidden>
                {section.group}
              </div>
            ) : null}
            {section.items.map((c) => {
              index++;
              const i = index;
              const Icon = c.icon;
              return (
                <div
                  key={c.id}
                  id={`${id}-${c.id}`}
                  role="option"
                  aria-selected={i === activeIndex}
                  className="palette__option"
                  onMouseMove={() => {
                    if (i !== activeIndex) setActive(i);
                  }}
                  onClick={() => run(c)}
                  ref={(el) => {
                    if (el && i === activeIndex) el.scrollIntoView({ block: 'nearest' });
                  }}
                >
                  <span className="palette__option-icon" aria-hidden>
                    <Icon size={ICON.nav} strokeWidth={STROKE} />
                  </span>
                  <span className="palette__option-label">{c.label}</span>
                  {c.keys ? <Kbd keys={c.keys} /> : null}
                </div>
              );
            })}
          </div>
        ))}
      </div>
      <div className="palette__footer" aria-hidden>
        <span>
          <Kbd keys={['↑', '↓']} /> to move
        </span>
        <span>
          <Kbd keys={['Enter']} /> to run
        </span>
        <span>
          <Kbd keys={['Escape']} /> to close
        </span>
      </div>
    </Dialog>
  );
}
