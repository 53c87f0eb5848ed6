/**
 * Global search as the user types: waits for a short pause (80 ms), asks search.global, and keeps
 * only the answer to the newest question, so a slow answer never replaces a newer one.
 */
import { useEffect, useState } from 'react';
import type { AppError } from '../../../shared/api/errors.ts';
import type { SearchResult } from '../../../shared/domain/people.ts';
import { useCache } from '../../stores/query.hooks.tsx';

export const SEARCH_DELAY_MS = 80;

export interface SearchState {
  /** The answer to the newest question that came back (kept while the next one is on its way). */
  result: SearchResult | null;
  /** The answer shown is not yet the one for what is typed now. */
  pending: boolean;
  error: AppError | null;
}

interface Answer {
  query: string;
  result: SearchResult | null;
  error: AppError | null;
}

export function useSearch(query: string, options: { limit?: number; enabled?: boolean } = {}): SearchState {
  const { limit = 8, enabled = true } = options;
  const cache = useCache();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const text = query.trim();
  const active = enabled && text !== '';

  useEffect(() => {
    if (!active) return;
    let current = true; // false once a newer question replaces this one
    const timer = setTimeout(() => {
      cache.client
        .call('search.global', { query: text, limit })
        .then((result) => {
          if (current) setAnswer({ query: text, result, error: null });
        })
        .catch((error: unknown) => {
          if (current) setAnswer({ query: text, result: null, error: error as AppError });
        });
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [cache, text, limit, active]);

  if (!active) return { result: null, pending: false, error: null };
  const fresh = answer?.query === text;
  return {
    result: answer?.result ?? null,
    pending: !fresh,
    error: fresh ? (answer?.error ?? null) : null,
  };
}
