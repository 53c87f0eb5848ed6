/** Renders the whole renderer on a real temp book over the in-process transport, at a fixed time. */
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../renderer/app/App.tsx';
import { createQueryCache, type QueryCache } from '../../renderer/stores/query.store.ts';
import type { TestBook } from '../helpers/book.ts';
import { harness, type Harness } from './transports.ts';

export interface RenderedApp {
  cache: QueryCache;
  h: Harness;
  user: ReturnType<typeof userEvent.setup>;
  stop(): void;
}

export function renderApp(
  book: TestBook,
  options: { beforeRender?: (h: Harness) => void } = {},
): RenderedApp {
  const h = harness(book);
  options.beforeRender?.(h);
  const cache = createQueryCache(h.client);
  const stop = cache.start(window);
  const user = userEvent.setup();
  // The book's clock and the screen's clock agree: Sunday 22 November 2026, 09:00 UTC.
  render(<App cache={cache} now={() => book.clock()} />);
  return { cache, h, user, stop };
}
