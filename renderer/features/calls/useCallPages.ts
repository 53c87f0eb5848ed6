/**
 * The calls log as keyset pages: the first page for the filter, more as the list is scrolled, and
 * everything loaded so far read again when the book's calls change. An answer for an older filter
 * or an older read is dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../shared/api/errors.ts';
import type { RequestInput } from '../../../shared/api/requests.ts';
import type { Call } from '../../../shared/domain/activity.ts';
import { stableStringify } from '../../lib/stable-json.ts';
import { useCache } from '../../stores/query.hooks.tsx';

export type CallFilter = NonNullable<RequestInput<'calls.list'>['filter']>;

const PAGE = 100;
const MAX_PAGE = 500;
const WATCHED = new Set(['calls', 'people', 'companies', 'staff']);

interface Loaded {
  key: string;
  rows: Call[];
  nextCursor: string | null;
  error: AppError | null;
}

export interface CallPages {
  rows: Call[];
  /** Nothing has come back yet for this filter. */
  loading: boolean;
  /** The next page is on its way. */
  fetching: boolean;
  hasMore: boolean;
  error: AppError | null;
  loadMore(): void;
  retry(): void;
}

export function useCallPages(filter: CallFilter): CallPages {
  const cache = useCache();
  const key = stableStringify(filter);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [fetching, setFetching] = useState(false);
  const generation = useRef(0);
  const latest = useRef<Loaded | null>(null);
  useEffect(() => {
    latest.current = loaded;
  }, [loaded]);

  /** Reads `count` rows from the start again (the first page, or everything shown after a change). */
  const reload = useCallback(
    (count: number) => {
      const gen = ++generation.current;
      const parsed = JSON.parse(key) as CallFilter;
      cache.client
        .call('calls.list', { filter: parsed, limit: Math.min(MAX_PAGE, Math.max(PAGE, count)) })
        .then((page) => {
          if (gen !== generation.current) return;
          setLoaded({ key, rows: page.rows, nextCursor: page.nextCursor, error: null });
          setFetching(false); // a read from the start replaces any page that was on its way
        })
        .catch((error: unknown) => {
          if (gen !== generation.current) return;
          setLoaded({ key, rows: [], nextCursor: null, error: error as AppError });
          setFetching(false);
        });
    },
    [cache, key],
  );

  useEffect(() => {
    reload(PAGE);
  }, [reload]);

  useEffect(
    () =>
      cache.client.on('db.changed', (event) => {
        if (!event.tables.some((t) => WATCHED.has(t))) return;
        reload(latest.current?.key === key ? latest.current.rows.length : PAGE);
      }),
    [cache, key, reload],
  );

  const current = loaded?.key === key ? loaded : null;

  const loadMore = useCallback(() => {
    const state = latest.current;
    if (!state || state.key !== key || !state.nextCursor || fetching) return;
    const gen = ++generation.current;
    setFetching(true);
    cache.client
      .call('calls.list', { filter: JSON.parse(key) as CallFilter, cursor: state.nextCursor, limit: PAGE })
      .then((page) => {
        if (gen !== generation.current) return;
        setLoaded({ key, rows: [...state.rows, ...page.rows], nextCursor: page.nextCursor, error: null });
        setFetching(false);
      })
      .catch((error: unknown) => {
        if (gen !== generation.current) return;
        setLoaded({ ...state, error: error as AppError });
        setFetching(false);
      });
  }, [cache, key, fetching]);

  return {
    rows: current?.rows ?? [],
    loading: current === null,
    fetching,
    hasMore: Boolean(current?.nextCursor),
    error: current?.error ?? null,
    loadMore,
    retry: () => reload(PAGE),
  };
}
