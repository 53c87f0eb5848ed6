import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate } from '../../electron/main/menu.main.ts';

const roles = (item: MenuItemConstructorOptions | undefined) =>
  ((item?.submenu ?? []) as MenuItemConstructorOptions[])
    .filter((i) => i.type !== 'separator')
    .map((i) => i.role);
const find = (template: MenuItemConstructorOptions[], label: string) =>
  template.find((m) => m.label === label);

function allItems(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...allItems((item.submenu ?? []) as MenuItemConstructorOptions[])]);
}

describe('application menu', () => {
  it('has the macOS app menu first on darwin', () => {
    const template = buildMenuTemplate('darwin', true);
    expect(template[0]?.label).toBe('Ledgerline');
    expect(roles(template[0])).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(roles(find(template, 'File'))).toEqual(['close']);
    expect(roles(find(template, 'Window'))).toEqual(['minimize', 'zoom', 'front']);
  });

  it('has no app menu on Windows and Linux, and File quits', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const template = buildMenuTemplate(platform, true);
      expect(template.map((m) => m.label ?? m.role)).toEqual(['File', 'Edit', 'View', 'Window', 'help']);
      expect(roles(find(template, 'File'))).toEqual(['quit']);
      expect(roles(find(template, 'Window'))).toEqual(['minimize', 'zoom', 'close']);
    }
  });

  it('has the standard Edit roles', () => {
    expect(roles(find(buildMenuTemplate('win32', true), 'Edit'))).toEqual([
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'pasteAndMatchStyle',
      'delete',
      'selectAll',
    ]);
  });

  it('offers the developer tools only in an unpackaged build', () => {
    const dev = roles(find(buildMenuTemplate('linux', false), 'View'));
    const packaged = roles(find(buildMenuTemplate('linux', true), 'View'));
    expect(dev).toEqual([
      'reload',
      'forceReload',
      'toggleDevTools',
      'resetZoom',
      'zoomIn',
      'zoomOut',
      'togglefullscreen',
    ]);
    expect(packaged).not.toContain('toggleDevTools');
    expect(packaged).toHaveLength(dev.length - 1);
    expect(allItems(buildMenuTemplate('darwin', true)).map((i) => i.role)).not.toContain('toggleDevTools');
  });

  it('has a Help menu with About, and no item that opens a link', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const template = buildMenuTemplate(platform, false);
      const help = template.find((m) => m.role === 'help');
      expect(roles(help)).toEqual(['about']);
      expect(allItems(template).filter((i) => typeof i.click === 'function')).toEqual([]);
    }
  });

  it('offers "Take a snapshot now" first in File, which only calls back into the shell', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const takeSnapshot = vi.fn();
      const template = buildMenuTemplate(platform, true, 'Ledgerline', { takeSnapshot });
      const file = (find(template, 'File')?.submenu ?? []) as MenuItemConstructorOptions[];
      expect(file.map((i) => i.label ?? i.type ?? i.role)).toEqual([
        'Take a snapshot now',
        'separator',
        platform === 'darwin' ? 'close' : 'quit',
      ]);
      const item = file[0]!;
      expect(item.id).toBe('backups.take');
      (item.click as () => void)();
      expect(takeSnapshot).toHaveBeenCalledTimes(1);
      // It is the only item with a click of its own: nothing opens a link.
      expect(allItems(template).filter((i) => typeof i.click === 'function')).toEqual([item]);
    }
  });
});
