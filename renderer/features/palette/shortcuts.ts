/** Every keyboard shortcut, in one list: the global handler, the palette and the "?" sheet read it. */

export type ShortcutCommand = 'palette' | 'shortcuts' | 'go.today' | 'go.settings' | 'sidebar.toggle';

export interface Shortcut {
  command: ShortcutCommand;
  /** "Mod" is ⌘ on a Mac and Ctrl elsewhere; either works on every platform. */
  keys: readonly string[];
  label: string;
  group: 'General' | 'Go to' | 'View';
}

export const SHORTCUTS: readonly Shortcut[] = [
  { command: 'palette', keys: ['Mod', 'K'], label: 'Open the command palette', group: 'General' },
  { command: 'shortcuts', keys: ['?'], label: 'Show keyboard shortcuts', group: 'General' },
  { command: 'go.today', keys: ['Mod', '1'], label: 'Go to Today', group: 'Go to' },
  { command: 'go.settings', keys: ['Mod', ','], label: 'Go to Settings', group: 'Go to' },
  { command: 'sidebar.toggle', keys: ['Mod', 'B'], label: 'Show or hide the sidebar', group: 'View' },
];

/** Keys that work inside lists, menus and dialogs; shown on the "?" sheet for reference. */
export const LIST_KEYS: readonly { keys: readonly string[]; label: string }[] = [
  { keys: ['↑', '↓'], label: 'Move through a list or menu' },
  { keys: ['Enter'], label: 'Open or choose' },
  { keys: ['Escape'], label: 'Close a dialog, menu or the palette' },
];

export function keysFor(command: ShortcutCommand): readonly string[] | undefined {
  return SHORTCUTS.find((s) => s.command === command)?.keys;
}

export function matches(event: KeyboardEvent, keys: readonly string[]): boolean {
  const main = keys[keys.length - 1] ?? '';
  const wantsMod = keys.includes('Mod');
  const mod = event.metaKey || event.ctrlKey;
  if (wantsMod !== mod || event.altKey) return false;
  if (main === '?') return event.key === '?';
  if (keys.includes('Shift') !== event.shiftKey) return false;
  return event.key.toLowerCase() === main.toLowerCase();
}

export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return false;
  return Boolean(el.closest('input, textarea, select, [contenteditable="true"]'));
}
