/** The window-wide shortcuts. A shortcut of one plain key (like ? or /) never fires while typing. */
import { useEffect } from 'react';
import { detailId, useUiStore, type Section, type UiState } from '../../stores/ui.store.tsx';
import { isTyping, shortcutFor, type ShortcutCommand } from './shortcuts.ts';

/** Runs a shortcut's command; the palette runs the same commands. */
export function runShortcut(command: ShortcutCommand, state: UiState): void {
  switch (command) {
    case 'palette':
      state.setPaletteOpen(!state.paletteOpen);
      break;
    case 'shortcuts':
      state.setShortcutsOpen(true);
      break;
    case 'search.focus':
      state.focusSearch();
      break;
    case 'person.new':
      state.openNewPerson();
      break;
    case 'call.log':
      state.openLogCall(detailId(state.route, 'people'));
      break;
    case 'sidebar.toggle':
      state.toggleSidebar();
      break;
    default:
      state.navigate(command.slice('go.'.length) as Section);
  }
}

/** Commands that may replace the palette or the "?" sheet when pressed over them. */
const OVER_SHEETS = new Set<ShortcutCommand>(['call.log', 'person.new', 'search.focus']);

export function useGlobalShortcuts() {
  const ui = useUiStore();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const shortcut = shortcutFor(event);
      if (!shortcut) return;
      const state = ui.getState();
      if (shortcut.command === 'palette') {
        event.preventDefault();
        runShortcut('palette', state);
        return;
      }
      const sheet = state.paletteOpen || state.shortcutsOpen;
      const typing = isTyping(event.target);
      const plainKey = !event.ctrlKey && !event.metaKey;
      if (plainKey && typing) return;
      if (sheet && !OVER_SHEETS.has(shortcut.command)) return;
      // Another dialog (log call, new person, a form) keeps the keyboard until it closes.
      const dialog = document.querySelector('[aria-modal="true"]');
      if (dialog && !(sheet && OVER_SHEETS.has(shortcut.command))) return;
      event.preventDefault();
      runShortcut(shortcut.command, state);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [ui]);
}
