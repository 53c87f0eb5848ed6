/**
 * A keyset-paged list (cases, leads): the first page for the filter, more as the list scrolls,
 * and everything loaded so far read again when one of the watched tables changes. An answer for
 * an older filter or an older read is dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../shared/api/errors.ts';
import type { Page } from '../../../shared/domain/people.ts';
import { useCache } from '../../stores/query.hooks.tsx';

const PAGE = 100;
const MAX_PAGE = 500;

interface Loaded<Row> {
  key: string;
  rows: Row[];
  nextCursor: string | null;
  error: AppError | null;
}

export interface Pages<Row> {
  rows: Row[];
  loading: boolean;
  fetching: boolean;
  hasMore: boolean;
  error: AppError | null;
  loadMore(): void;
  retry(): void;
  /** Loads the next page when the rows on screen come near the end. */
  onRange(start: number, end: number): void;
}

export function usePages<Row>(
  key: string,
  read: (cursor: string | undefined, limit: number) => Promise<Page<Row>>,
  watched: readonly string[],
): Pages<Row> {
  const cache = useCache();
  const readRef = useRef(read);
  useEffect(() => {
    readRef.current = read;
  });
  const [loaded, setLoaded] = useState<Loaded<Row> | null>(null);
  const [fetching, setFetching] = useState(false);
  const generation = useRef(0);
  const latest = useRef<Loaded<Row> | null>(null);
  useEffect(() => {
    latest.current = loaded;
  }, [loaded]);
  const watchedKey = watched.join(',');

  const reload = useCallback(
    (count: number) => {
      const gen = ++generation.current;
      readRef
        .current(undefined, Math.min(MAX_PAGE, Math.max(PAGE, count)))
        .then((page) => {
          if (gen !== generation.current) return;
          setLoaded({ key, rows: page.rows, nextCursor: page.nextCursor, error: null });
          setFetching(false);
        })
        .catch((error: unknown) => {
          if (gen !== generation.current) return;
          setLoaded({ key, rows: [], nextCursor: null, error: error as AppError });
          setFetching(false);
        });
    },
    [key],
  );

  useEffect(() => {
    reload(PAGE);
  }, [reload]);

  useEffect(() => {
    const tables = new Set(watchedKey.split(','));
    return cache.client.on('db.changed', (event) => {
      if (!event.tables.some((t) => tables.has(t))) return;
      reload(latest.current?.key === key ? latest.current.rows.length : PAGE);
    });
  }, [cache, key, reload, watchedKey]);

  const current = loaded?.key === key ? loaded : null;

  const loadMore = useCallback(() => {
    const state = latest.current;
    if (!state || state.key !== key || !state.nextCursor || fetching) return;
    const gen = ++generation.current;
    setFetching(true);
    readRef
      .current(state.nextCursor, PAGE)
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
  }, [key, fetching]);

  const rows = current?.rows ?? [];
  const hasMore = Boolean(current?.nextCursor);
  const onRange = useCallback(
    (_start: number, end: number) => {
      if (hasMore && !fetching && end >= rows.length - 20) loadMore();
    },
    [hasMore, fetching, rows.length, loadMore],
  );

  return {
    rows,
    loading: current === null,
    fetching,
    hasMore,
    error: current?.error ?? null,
    loadMore,
    retry: () => reload(PAGE),
    onRange,
  };
}
