/**
 * The application menu, built from standard roles so that the OS gives the usual shortcuts
 * (and, on macOS, the app menu). buildMenuTemplate is pure so a test can read it.
 *
 * The app's own items (File > Take a snapshot now) only call back into the shell, which tells
 * the window what was asked ('menu.command'); the window does the work and shows how it went.
 */
import type { MenuItemConstructorOptions } from 'electron';

const separator: MenuItemConstructorOptions = { type: 'separator' };

/** What the app's own menu items do; absent ones are left out of the menu. */
export interface MenuCommands {
  /** File > Take a snapshot now: a copy of the book, from the Backups screen. */
  takeSnapshot?(): void;
}

export function buildMenuTemplate(
  platform: NodeJS.Platform,
  isPackaged: boolean,
  appName = 'Ledgerline',
  commands: MenuCommands = {},
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];

  if (mac) {
    template.push({
      label: appName,
      submenu: [
        { role: 'about' },
        separator,
        { role: 'services' },
        separator,
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        separator,
        { role: 'quit' },
      ],
    });
  }

  const { takeSnapshot } = commands;
  const fileItems: MenuItemConstructorOptions[] = takeSnapshot
    ? [{ id: 'backups.take', label: 'Take a snapshot now', click: () => takeSnapshot() }, separator]
    : [];
  template.push({
    label: 'File',
    submenu: [...fileItems, mac ? { role: 'close' } : { role: 'quit' }],
  });

  template.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'pasteAndMatchStyle' },
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  });

  template.push({
    label: 'View',
    submenu: [
      { role: 'reload' },
      { role: 'forceReload' },
      ...(isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  });

  template.push({
    label: 'Window',
    submenu: mac
      ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'zoom' }, { role: 'close' }],
  });

  // No "Learn more" link: the app opens nothing on the network by itself.
  template.push({
    role: 'help',
    submenu: [{ role: 'about', label: `About ${appName}` }],
  });

  return template;
}
