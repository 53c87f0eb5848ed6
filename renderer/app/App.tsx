/**
 * The whole renderer given a query cache: the book's settings decide between the first-run
 * screen and the main window; the theme and the locale follow the settings everywhere.
 */
import { useState } from 'react';
import type { StoreApi } from 'zustand';
import { ClockProvider } from '../lib/clock.tsx';
import { FormatProvider } from '../lib/format.context.tsx';
import { CacheProvider, useQuery } from '../stores/query.hooks.tsx';
import type { QueryCache } from '../stores/query.store.ts';
import { createUiStore, routeFromHash, UiProvider, type UiState } from '../stores/ui.store.tsx';
import { AppShell } from '../features/shell/AppShell.tsx';
import { SetupScreen } from '../features/setup/SetupScreen.tsx';
import { UnlockScreen } from '../features/security/UnlockScreen.tsx';
import { useApplyTheme } from '../features/settings/theme.ts';
import { DelayedSpinner, ErrorState } from '../ui/States.tsx';

function Boot() {
  const settings = useQuery('settings.get', {});
  useApplyTheme(settings.data?.theme);

  if (!settings.data) {
    // An encrypted book that waits for its passphrase or recovery key refuses everything else.
    if (settings.status === 'error' && settings.error?.code === 'KEY_NEEDED') return <UnlockScreen />;
    if (settings.status === 'error') {
      return (
        <main className="splash">
          <ErrorState
            title="Ledgerline could not open the customer book"
            message={settings.error?.message ?? 'Try again in a moment.'}
            onRetry={() => void settings.refetch()}
          />
        </main>
      );
    }
    return (
      <main className="splash" aria-busy="true">
        <DelayedSpinner label="Opening the customer book…" />
      </main>
    );
  }
  if (!settings.data.setupComplete) return <SetupScreen />;
  return (
    <FormatProvider locale={settings.data.locale} currency={settings.data.currency}>
      <AppShell settings={settings.data} />
    </FormatProvider>
  );
}

export interface AppProps {
  cache: QueryCache;
  /** The clock the screens read; tests pass a fixed one. */
  now?: () => number;
  ui?: StoreApi<UiState>;
}

const systemNow = () => Date.now();

export function App({ cache, now = systemNow, ui }: AppProps) {
  const [store] = useState(
    () =>
      ui ??
      createUiStore({
        storage: typeof localStorage === 'undefined' ? undefined : localStorage,
        initialRoute: routeFromHash(typeof location === 'undefined' ? '' : location.hash),
      }),
  );
  return (
    <CacheProvider cache={cache}>
      <UiProvider store={store}>
        <ClockProvider now={now}>
          <Boot />
        </ClockProvider>
      </UiProvider>
    </CacheProvider>
  );
}
