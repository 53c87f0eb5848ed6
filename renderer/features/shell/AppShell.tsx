/** The main window: sidebar, the current screen, and the palette, shortcuts sheet and notes above. */
import { useEffect } from 'react';
import type { Settings } from '../../../shared/domain/settings.ts';
import { useUi, useUiStore, routeFromHash } from '../../stores/ui.store.tsx';
import { CommandPalette } from '../palette/CommandPalette.tsx';
import { ShortcutsDialog } from '../palette/ShortcutsDialog.tsx';
import { useGlobalShortcuts } from '../palette/useGlobalShortcuts.ts';
import { SettingsScreen } from '../settings/SettingsScreen.tsx';
import { TodayScreen } from '../today/TodayScreen.tsx';
import { Sidebar } from './Sidebar.tsx';
import { Toaster } from './Toaster.tsx';

/** Keeps the route in the address (#/settings) so a reload stays where it was. */
function useHashRoute() {
  const ui = useUiStore();
  const route = useUi((s) => s.route);
  useEffect(() => {
    const wanted = `#/${route}`;
    if (window.location.hash !== wanted) window.history.replaceState(null, '', wanted);
  }, [route]);
  useEffect(() => {
    const onHash = () => ui.getState().navigate(routeFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [ui]);
}

export function AppShell({ settings }: { settings: Settings }) {
  const route = useUi((s) => s.route);
  const paletteOpen = useUi((s) => s.paletteOpen);
  const shortcutsOpen = useUi((s) => s.shortcutsOpen);
  const setPaletteOpen = useUi((s) => s.setPaletteOpen);
  const setShortcutsOpen = useUi((s) => s.setShortcutsOpen);
  useGlobalShortcuts();
  useHashRoute();
  useEffect(() => {
    document.title = settings.businessName ? `${settings.businessName} — Ledgerline` : 'Ledgerline';
  }, [settings.businessName]);

  return (
    <div className="shell">
      <Sidebar settings={settings} />
      <main className="shell__main" data-focus-fallback tabIndex={-1}>
        {route === 'settings' ? <SettingsScreen settings={settings} /> : <TodayScreen settings={settings} />}
      </main>
      {paletteOpen ? <CommandPalette onClose={() => setPaletteOpen(false)} /> : null}
      {shortcutsOpen ? <ShortcutsDialog onClose={() => setShortcutsOpen(false)} /> : null}
      <Toaster />
    </div>
  );
}
