/**
 * A keyset-paged list read from the start (the audit trail, calls, cases, leads): the first page
 * for the filter, more as the list scrolls, and everything loaded so far read again when one of
 * the watched tables changes. An answer for an older filter or an older read is dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError } from '../../shared/api/errors.ts';
import type { TableName } from '../../shared/api/requests.ts';
import type { Page } from '../../shared/domain/people.ts';
import { useCache } from '../stores/query.hooks.tsx';

const PAGE = 100;
/** The most the requests give in one read, so a long list read again after a change is cut there. */
const MAX_PAGE = 500;
/** Rows from the end at which the next page is asked for. */
const NEAR_END = 20;

interface Loaded<Row> {
  key: string;
  rows: Row[];
  nextCursor: string | null;
  error: AppError | null;
}

export interface KeysetPages<Row> {
  rows: Row[];
  /** Nothing has come back yet for this filter. */
  loading: boolean;
  /** The next page is on its way. */
  fetching: boolean;
  hasMore: boolean;
  error: AppError | null;
  loadMore(): void;
  retry(): void;
  /** Loads the next page when the rows on screen come near the end (DataGrid's onRange). */
  onRange(start: number, end: number): void;
}

export function useKeysetPages<Row>(
  /** The list's identity (its filter and sort): a new key starts again from the first page. */
  key: string,
  /** Reads `limit` rows after `cursor`, or from the start without one. */
  read: (cursor: string | undefined, limit: number) => Promise<Page<Row>>,
  /** The tables whose changes read the list again, or 'any' for every change to the book. */
  watched: readonly TableName[] | 'any',
): KeysetPages<Row> {
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
  const watchedKey = watched === 'any' ? null : watched.join(',');

  /** Reads `count` rows from the start again (the first page, or everything shown after a change). */
  const reload = useCallback(
    (count: number) => {
      const gen = ++generation.current;
      readRef
        .current(undefined, Math.min(MAX_PAGE, Math.max(PAGE, count)))
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
    [key],
  );

  useEffect(() => {
    reload(PAGE);
  }, [reload]);

  useEffect(() => {
    const tables = watchedKey === null ? null : new Set(watchedKey.split(','));
    return cache.client.on('db.changed', (event) => {
      if (tables && !event.tables.some((t) => tables.has(t))) return;
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
      if (hasMore && !fetching && end >= rows.length - NEAR_END) loadMore();
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
