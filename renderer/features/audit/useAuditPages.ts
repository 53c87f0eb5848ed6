/**
 * The audit trail as keyset pages: the first page for the filter, more as the list is scrolled,
 * and everything loaded so far read again when the book changes (every write adds to the trail).
 * An answer for an older filter or an older read is dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../shared/api/errors.ts';
import type { AuditEvent, AuditFilter } from '../../../shared/api/requests/audit.requests.ts';
import { stableStringify } from '../../lib/stable-json.ts';
import { useCache } from '../../stores/query.hooks.tsx';

const PAGE = 100;
const MAX_PAGE = 500;

interface Loaded {
  key: string;
  rows: AuditEvent[];
  nextCursor: string | null;
  error: AppError | null;
}

export interface AuditPages {
  rows: AuditEvent[];
  /** Nothing has come back yet for this filter. */
  loading: boolean;
  /** The next page is on its way. */
  fetching: boolean;
  hasMore: boolean;
  error: AppError | null;
  loadMore(): void;
  retry(): void;
}

export function useAuditPages(filter: AuditFilter): AuditPages {
  const cache = useCache();
  const key = stableStringify(filter);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [fetching, setFetching] = useState(false);
  const generation = useRef(0);
  const latest = useRef<Loaded | null>(null);
  useEffect(() => {
    latest.current = loaded;
  }, [loaded]);

  /** Reads `count` events from the newest again (the first page, or all shown after a change). */
  const reload = useCallback(
    (count: number) => {
      const gen = ++generation.current;
      cache.client
        .call('audit.list', {
          filter: JSON.parse(key) as AuditFilter,
          limit: Math.min(MAX_PAGE, Math.max(PAGE, count)),
        })
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
    [cache, key],
  );

  useEffect(() => {
    reload(PAGE);
  }, [reload]);

  useEffect(
    () =>
      cache.client.on('db.changed', () => {
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
      .call('audit.list', { filter: JSON.parse(key) as AuditFilter, cursor: state.nextCursor, limit: PAGE })
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
