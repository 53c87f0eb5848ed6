/**
 * Renderer tests for calls, tasks, search and the shell: a set-up book with a few people, the
 * whole app drawn at a chosen route, and the book's fixed clock on screen.
 */
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../renderer/app/App.tsx';
import { createQueryCache, type QueryCache } from '../../../renderer/stores/query.store.ts';
import { createUiStore, type Route, type UiState } from '../../../renderer/stores/ui.store.tsx';
import type { StoreApi } from 'zustand';
import type { Person } from '../../../shared/domain/people.ts';
import { openTestBook, setUp, type TestBook } from '../../helpers/book.ts';
import { harness, type Harness } from '../transports.ts';

export interface Drawn {
  book: TestBook;
  cache: QueryCache;
  ui: StoreApi<UiState>;
  h: Harness;
  user: ReturnType<typeof userEvent.setup>;
  /** The people made by seedPeople, by given name. */
  people: Record<string, Person>;
  /** Draws the app again from scratch on the same book, as a window that was closed and reopened. */
  reopen(route?: Route): void;
  close(): Promise<void>;
}

export interface PersonSeed {
  given: string;
  family: string;
  phone?: string;
  email?: string;
  company?: string;
}

export const SEED: PersonSeed[] = [
  { given: 'Ann', family: 'Lee', phone: '020 7946 0958', email: 'ann@acme.example', company: 'Acme Ltd' },
  { given: 'Jürgen', family: 'Müller', phone: '0161 496 0000', company: 'Müller Bau GmbH' },
  { given: 'Bob', family: 'Ray', email: 'bob@ray.example' },
];

export async function seedPeople(
  book: TestBook,
  seeds: PersonSeed[] = SEED,
): Promise<Record<string, Person>> {
  const companies = new Map<string, string>();
  const out: Record<string, Person> = {};
  for (const s of seeds) {
    let companyId: string | null = null;
    if (s.company) {
      companyId =
        companies.get(s.company) ?? (await book.client.call('companies.create', { name: s.company })).id;
      companies.set(s.company, companyId);
    }
    out[s.given] = await book.client.call('people.create', {
      person: {
        givenName: s.given,
        familyName: s.family,
        companyId,
        phones: s.phone ? [{ label: 'work', number: s.phone }] : [],
        emails: s.email ? [{ label: 'work', email: s.email }] : [],
      },
    });
  }
  return out;
}

/** A set-up book with the seed people, and the app drawn at `route`. */
export async function draw(
  options: { route?: Route; seed?: PersonSeed[] | false; before?: (book: TestBook) => Promise<void> } = {},
): Promise<Drawn> {
  const book = await openTestBook();
  await setUp(book.client);
  const people = options.seed === false ? {} : await seedPeople(book, options.seed);
  await options.before?.(book);
  const h = harness(book);
  const cache = createQueryCache(h.client);
  const stop = cache.start(window);
  const ui = createUiStore({ initialRoute: options.route ?? 'today' });
  const user = userEvent.setup();
  const drawn = render(<App cache={cache} ui={ui} now={() => book.clock()} />);
  let unmount = drawn.unmount;
  const out: Drawn = {
    book,
    cache,
    ui,
    h,
    user,
    people,
    reopen(route) {
      unmount();
      out.ui = createUiStore({ initialRoute: route ?? out.ui.getState().route });
      unmount = render(<App cache={cache} ui={out.ui} now={() => book.clock()} />).unmount;
    },
    async close() {
      stop();
      await book.close();
    },
  };
  return out;
}
