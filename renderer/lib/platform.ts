/** Mac or not decides how shortcuts are drawn (⌘ or Ctrl); both Ctrl and ⌘ work everywhere. */
export function isMac(): boolean {
  if (typeof navigator === 'undefined') return false;
  const data = (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData;
  const platform = data?.platform ?? navigator.platform ?? '';
  return /mac|iphone|ipad/iu.test(platform);
}

const MAC_KEYS: Record<string, string> = { Mod: '⌘', Shift: '⇧', Alt: '⌥', Enter: '↩', Escape: 'esc' };
const OTHER_KEYS: Record<string, string> = { Mod: 'Ctrl', Escape: 'Esc' };

export function keyLabel(key: string): string {
  const map = isMac() ? MAC_KEYS : OTHER_KEYS;
  return map[key] ?? key;
}

/** "Mod+K" for a title attribute or an aria-keyshortcuts value. */
export function shortcutText(keys: readonly string[]): string {
  return keys.map(keyLabel).join(isMac() ? '' : '+');
}

export function ariaKeyShortcuts(keys: readonly string[]): string {
  return keys.map((k) => (k === 'Mod' ? (isMac() ? 'Meta' : 'Control') : k)).join('+');
}
