/**
 * Contacts tests render the whole app (shell, dialogs, toasts) in StrictMode on a real temp book
 * over the in-process transport, starting at a route, at the book's fixed time.
 */
import { StrictMode } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../renderer/app/App.tsx';
import { createQueryCache, type QueryCache } from '../../../renderer/stores/query.store.ts';
import { createUiStore, type Route, type UiState } from '../../../renderer/stores/ui.store.tsx';
import type { StoreApi } from 'zustand';
import type { FileDialogs } from '../../../electron/backend/files/files.ts';
import { openTestBook, setUp, type TestBook } from '../../helpers/book.ts';
import { harness, type Harness } from '../transports.ts';

export interface Rendered {
  book: TestBook;
  cache: QueryCache;
  ui: StoreApi<UiState>;
  h: Harness;
  user: ReturnType<typeof userEvent.setup>;
  stop(): Promise<void>;
}

/** A set-up book (Ada Lovelace's business) with whatever `seed` writes, shown at `route`. */
export async function renderAt(
  route: Route,
  seed?: (book: TestBook) => Promise<void> | void,
  options: { dialogs?: FileDialogs } = {},
): Promise<Rendered> {
  // The app starts its job workers with the book; so does a rendered test.
  const book = await openTestBook({ prewarmJobs: true, ...options });
  await setUp(book.client);
  await seed?.(book);
  const h = harness(book);
  const cache = createQueryCache(h.client);
  const stopCache = cache.start(window);
  const ui = createUiStore({ initialRoute: route });
  const user = userEvent.setup();
  // StrictMode, as in the app: effects run twice, which lists that fetch as they scroll must survive.
  render(
    <StrictMode>
      <App cache={cache} ui={ui} now={() => book.clock()} />
    </StrictMode>,
  );
  return {
    book,
    cache,
    ui,
    h,
    user,
    async stop() {
      stopCache();
      await book.close();
    },
  };
}

export async function person(
  book: TestBook,
  p: {
    givenName: string;
    familyName?: string;
    email?: string;
    phone?: string;
    tags?: string[];
    stage?: 'lead' | 'prospect' | 'customer' | 'former';
    companyId?: string;
    city?: string;
  },
) {
  return book.client.call('people.create', {
    person: {
      givenName: p.givenName,
      familyName: p.familyName ?? '',
      ...(p.email ? { emails: [{ label: 'work', email: p.email }] } : {}),
      ...(p.phone ? { phones: [{ label: 'mobile', number: p.phone }] } : {}),
      ...(p.tags ? { tags: p.tags } : {}),
      ...(p.stage ? { stage: p.stage } : {}),
      ...(p.companyId ? { companyId: p.companyId } : {}),
      ...(p.city ? { address: { city: p.city } } : {}),
    },
    allowDuplicate: true,
  });
}

/** The names in the list, in order, as the grid shows them. */
export function listedNames(): string[] {
  const grid = screen.getByRole('grid', { name: 'People' });
  return [...grid.querySelectorAll('[role="row"][aria-label]')].map(
    (r) => r.getAttribute('aria-label') ?? '',
  );
}
