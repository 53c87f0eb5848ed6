/**
 * The theme lives on <html data-theme="light|dark">; every colour comes from the tokens that
 * attribute selects. "system" follows prefers-color-scheme, live.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { Theme } from '../../../shared/domain/settings.ts';

const QUERY = '(prefers-color-scheme: dark)';
const LAST_THEME_KEY = 'ledgerline.theme';

function media(): MediaQueryList | null {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia(QUERY)
    : null;
}

function subscribe(onChange: () => void) {
  const mq = media();
  mq?.addEventListener('change', onChange);
  return () => mq?.removeEventListener('change', onChange);
}

export function systemPrefersDark(): boolean {
  return media()?.matches ?? false;
}

export function resolveTheme(theme: Theme, prefersDark: boolean): 'light' | 'dark' {
  if (theme === 'system') return prefersDark ? 'dark' : 'light';
  return theme;
}

export function applyTheme(resolved: 'light' | 'dark', doc: Document = document) {
  doc.documentElement.dataset.theme = resolved;
}

/** Before the book has answered: the theme used last time, so a dark user sees no white flash. */
export function applyRememberedTheme(storage: Storage | undefined) {
  let remembered: Theme = 'system';
  try {
    const value = storage?.getItem(LAST_THEME_KEY);
    if (value === 'light' || value === 'dark' || value === 'system') remembered = value;
  } catch {
    // Fall back to the system theme.
  }
  applyTheme(resolveTheme(remembered, systemPrefersDark()));
}

/** Keeps <html data-theme> in step with the setting and, for "system", with the OS. */
export function useApplyTheme(theme: Theme | undefined) {
  const prefersDark = useSyncExternalStore(subscribe, systemPrefersDark, () => false);
  useEffect(() => {
    if (!theme) return;
    applyTheme(resolveTheme(theme, prefersDark));
    try {
      localStorage.setItem(LAST_THEME_KEY, theme);
    } catch {
      // Only a startup hint.
    }
  }, [theme, prefersDark]);
}
