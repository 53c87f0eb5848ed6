/** The window-wide shortcuts. A shortcut of one plain key (like ?) never fires while typing. */
import { useEffect } from 'react';
import { useUiStore } from '../../stores/ui.store.tsx';
import { isTyping, matches, SHORTCUTS } from './shortcuts.ts';

export function useGlobalShortcuts() {
  const ui = useUiStore();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const shortcut = SHORTCUTS.find((s) => matches(event, s.keys));
      if (!shortcut) return;
      const state = ui.getState();
      if (shortcut.command === 'palette') {
        event.preventDefault();
        state.setPaletteOpen(!state.paletteOpen);
        return;
      }
      const modal = state.paletteOpen || state.shortcutsOpen || document.querySelector('[aria-modal="true"]');
      if (modal) return;
      if (!shortcut.keys.includes('Mod') && isTyping(event.target)) return;
      event.preventDefault();
      switch (shortcut.command) {
        case 'shortcuts':
          state.setShortcutsOpen(true);
          break;
        case 'go.today':
          state.navigate('today');
          break;
        case 'go.settings':
          state.navigate('settings');
          break;
        case 'sidebar.toggle':
          state.toggleSidebar();
          break;
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [ui]);
}
