/** React access to the query cache: a provider, useQuery and useMutation. */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppError } from '../../shared/api/errors.ts';
import type { RequestInput, RequestName, RequestOutput } from '../../shared/api/requests.ts';
import { stableStringify } from '../lib/stable-json.ts';
import type { QueryCache, QueryStatus } from './query.store.ts';

const CacheContext = createContext<QueryCache | null>(null);

export function CacheProvider({ cache, children }: { cache: QueryCache; children: ReactNode }) {
  return <CacheContext value={cache}>{children}</CacheContext>;
}

export function useCache(): QueryCache {
  const cache = useContext(CacheContext);
  if (!cache) throw new Error('useCache() needs a <CacheProvider> above it.');
  return cache;
}

export interface QueryResult<T> {
  status: QueryStatus;
  data: T | undefined;
  error: AppError | undefined;
  fetching: boolean;
  refetch(): Promise<void>;
}

export function useQuery<N extends RequestName>(
  name: N,
  input: RequestInput<N>,
): QueryResult<RequestOutput<N>> {
  const cache = useCache();
  const inputJson = stableStringify(input ?? {});
  const key = cache.keyOf(name, input);
  useEffect(() => cache.retain(name, JSON.parse(inputJson) as RequestInput<N>), [cache, name, inputJson]);
  const entry = useStore(cache.store, (s) => s.entries[key]);
  const refetch = useCallback(
    () => cache.fetch(name, JSON.parse(inputJson) as RequestInput<N>),
    [cache, name, inputJson],
  );
  return {
    status: entry?.status ?? 'loading',
    data: entry?.data as RequestOutput<N> | undefined,
    error: entry?.error,
    fetching: entry?.fetching ?? true,
    refetch,
  };
}

export interface MutationResult<N extends RequestName> {
  mutate(input: RequestInput<N>): Promise<RequestOutput<N>>;
  pending: boolean;
  error: AppError | null;
  reset(): void;
}

/** Runs a mutation through the cache; `mutate` rejects with the AppError and also keeps it in `error`. */
export function useMutation<N extends RequestName>(name: N): MutationResult<N> {
  const cache = useCache();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const mutate = useCallback(
    async (input: RequestInput<N>) => {
      setPending(true);
      setError(null);
      try {
        return await cache.mutate(name, input);
      } catch (err) {
        setError(err as AppError);
        throw err;
      } finally {
        setPending(false);
      }
    },
    [cache, name],
  );
  const reset = useCallback(() => setError(null), []);
  return { mutate, pending, error, reset };
}
