/**
 * The audit trail as keyset pages (useKeysetPages), read again on any change to the book: every
 * write adds to the trail, whichever table it touched.
 */
import type { AuditEvent, AuditFilter } from '../../../shared/api/requests/audit.requests.ts';
import { stableStringify } from '../../lib/stable-json.ts';
import { useKeysetPages, type KeysetPages } from '../../lib/useKeysetPages.ts';
import { useCache } from '../../stores/query.hooks.tsx';

export function useAuditPages(filter: AuditFilter): KeysetPages<AuditEvent> {
  const cache = useCache();
  return useKeysetPages<AuditEvent>(
    stableStringify(filter),
    (cursor, limit) => cache.client.call('audit.list', { filter, limit, ...(cursor ? { cursor } : {}) }),
    'any',
  );
}
