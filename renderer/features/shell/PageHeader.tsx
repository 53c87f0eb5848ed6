/** The bar above a screen: its title, and the palette one click away. */
import type { ReactNode } from 'react';
import { ariaKeyShortcuts } from '../../lib/platform.ts';
import { useUi } from '../../stores/ui.store.tsx';
import { Kbd } from '../../ui/Kbd.tsx';
import { keysFor } from '../palette/shortcuts.ts';

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  const openPalette = useUi((s) => s.setPaletteOpen);
  const keys = keysFor('palette') ?? [];
  return (
    <header className="page-header">
      <h1 className="page-header__title">{title}</h1>
      <div className="page-header__actions">
        {children}
        <button
          type="button"
          className="palette-button"
          aria-label="Open the command palette"
          aria-keyshortcuts={ariaKeyShortcuts(keys)}
          onClick={() => openPalette(true)}
        >
          <span>Commands</span>
          <Kbd keys={keys} />
        </button>
      </div>
    </header>
  );
}
