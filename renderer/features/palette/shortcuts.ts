/** Every keyboard shortcut, in one list: the global handler, the palette and the "?" sheet read it. */
import type { Section } from '../../stores/ui.store.tsx';

export type GoCommand = `go.${Section}`;

export type ShortcutCommand =
  'palette' | 'shortcuts' | 'search.focus' | 'person.new' | 'call.log' | 'sidebar.toggle' | GoCommand;

export interface Shortcut {
  command: ShortcutCommand;
  /** "Mod" is ⌘ on a Mac and Ctrl elsewhere; either works on every platform. */
  keys: readonly string[];
  /** Another way to press it (Ctrl+F or /). */
  also?: readonly string[];
  label: string;
  group: 'General' | 'Actions' | 'Go to' | 'View';
}

export const SHORTCUTS: readonly Shortcut[] = [
  { command: 'palette', keys: ['Mod', 'K'], label: 'Open the command palette', group: 'General' },
  { command: 'search.focus', keys: ['Mod', 'F'], also: ['/'], label: 'Search', group: 'General' },
  { command: 'shortcuts', keys: ['?'], label: 'Show keyboard shortcuts', group: 'General' },
  { command: 'call.log', keys: ['Mod', 'L'], label: 'Log a call', group: 'Actions' },
  { command: 'person.new', keys: ['Mod', 'N'], label: 'New person', group: 'Actions' },
  { command: 'go.today', keys: ['Mod', '1'], label: 'Go to Today', group: 'Go to' },
  { command: 'go.contacts', keys: ['Mod', '2'], label: 'Go to Contacts', group: 'Go to' },
  { command: 'go.companies', keys: ['Mod', '3'], label: 'Go to Companies', group: 'Go to' },
  { command: 'go.calls', keys: ['Mod', '4'], label: 'Go to Calls', group: 'Go to' },
  { command: 'go.agenda', keys: ['Mod', '5'], label: 'Go to Agenda', group: 'Go to' },
  { command: 'go.pipeline', keys: ['Mod', '6'], label: 'Go to Pipeline', group: 'Go to' },
  { command: 'go.leads', keys: ['Mod', '7'], label: 'Go to Leads', group: 'Go to' },
  { command: 'go.orders', keys: ['Mod', '8'], label: 'Go to Orders', group: 'Go to' },
  { command: 'go.products', keys: ['Mod', '9'], label: 'Go to Products', group: 'Go to' },
  { command: 'go.settings', keys: ['Mod', ','], label: 'Go to Settings', group: 'Go to' },
  { command: 'sidebar.toggle', keys: ['Mod', 'B'], label: 'Show or hide the sidebar', group: 'View' },
];

/** Keys that work inside lists, menus and dialogs; shown on the "?" sheet for reference. */
export const LIST_KEYS: readonly { keys: readonly string[]; label: string }[] = [
  { keys: ['↑', '↓'], label: 'Move through a list or menu' },
  { keys: ['Enter'], label: 'Open or choose' },
  { keys: ['Mod', 'Enter'], label: 'Save a dialog from any field' },
  { keys: ['Escape'], label: 'Close a dialog, menu or the palette' },
  { keys: ['Alt', '←', '→'], label: 'Move a Pipeline card to the stage before or after' },
  { keys: ['Alt', '↑', '↓'], label: 'Move a Pipeline card up or down its column' },
  { keys: ['Space'], label: 'Pick up or drop a Pipeline card (then arrows move it)' },
  { keys: ['C'], label: 'Convert the highlighted lead' },
];

export function keysFor(command: ShortcutCommand): readonly string[] | undefined {
  return SHORTCUTS.find((s) => s.command === command)?.keys;
}

/** A single printable key such as ? or / : Shift may be needed to type it, so it is not checked. */
const isSymbol = (key: string) => key.length === 1 && !/[a-z0-9]/iu.test(key);

function matchesKeys(event: KeyboardEvent, keys: readonly string[]): boolean {
  const main = keys[keys.length - 1] ?? '';
  const wantsMod = keys.includes('Mod');
  const mod = event.metaKey || event.ctrlKey;
  if (wantsMod !== mod || event.altKey) return false;
  if (isSymbol(main) && keys.length === 1) return event.key === main;
  if (keys.includes('Shift') !== event.shiftKey) return false;
  return event.key.toLowerCase() === main.toLowerCase();
}

export function matches(event: KeyboardEvent, keys: readonly string[], also?: readonly string[]): boolean {
  return matchesKeys(event, keys) || (also !== undefined && matchesKeys(event, also));
}

/** The shortcut a key press stands for, if any. */
export function shortcutFor(event: KeyboardEvent): Shortcut | undefined {
  return SHORTCUTS.find((s) => matches(event, s.keys, s.also));
}

export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return false;
  return Boolean(el.closest('input, textarea, select, [contenteditable="true"]'));
}
