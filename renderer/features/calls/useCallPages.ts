/**
 * The calls log as keyset pages (useKeysetPages), read again when the calls change or the names
 * shown beside them do.
 */
import type { RequestInput, TableName } from '../../../shared/api/requests.ts';
import type { Call } from '../../../shared/domain/activity.ts';
import { stableStringify } from '../../lib/stable-json.ts';
import { useKeysetPages, type KeysetPages } from '../../lib/useKeysetPages.ts';
import { useCache } from '../../stores/query.hooks.tsx';

export type CallFilter = NonNullable<RequestInput<'calls.list'>['filter']>;

const WATCHED: readonly TableName[] = ['calls', 'people', 'companies', 'staff'];

export function useCallPages(filter: CallFilter): KeysetPages<Call> {
  const cache = useCache();
  return useKeysetPages<Call>(
    stableStringify(filter),
    (cursor, limit) => cache.client.call('calls.list', { filter, limit, ...(cursor ? { cursor } : {}) }),
    WATCHED,
  );
}
