/**
 * The query cache: one zustand store of request answers keyed by name + stable JSON of the input.
 *
 * - Each entry remembers which tables its request reads (requests[name].reads).
 * - On `db.changed` only entries whose tables intersect the changed tables are refetched
 *   (entries nobody is showing are marked stale and refetched when shown again).
 * - Every fetch takes a new generation number; an answer from an older generation is dropped,
 *   so a slow, stale response never overwrites a newer one.
 * - The newest change seq seen is kept; when the window comes back (focus, or the page becomes
 *   visible) `changes.since` says which tables changed meanwhile, and those are invalidated.
 * - Mutations return the updated entity; `mutate` patches the entries that show it at once.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { AppError } from '../../shared/api/errors.ts';
import type { DbChanged } from '../../shared/api/events.ts';
import {
  requests,
  TABLES,
  type RequestInput,
  type RequestName,
  type RequestOutput,
  type TableName,
} from '../../shared/api/requests.ts';
import type { Client } from '../../shared/api/transport.ts';
import type { Staff } from '../../shared/domain/staff.ts';
import { stableStringify } from '../lib/stable-json.ts';

export type QueryStatus = 'loading' | 'success' | 'error';

export interface QueryEntry<T = unknown> {
  key: string;
  name: RequestName;
  status: QueryStatus;
  data: T | undefined;
  error: AppError | undefined;
  /** A fetch for this entry is on its way. */
  fetching: boolean;
}

export interface QueryState {
  entries: Record<string, QueryEntry>;
  /** The newest change sequence number this window knows about (null until first learnt). */
  seq: number | null;
}

interface Meta {
  name: RequestName;
  input: unknown;
  reads: readonly TableName[];
  /** Bumped by every fetch and every patch; only the newest generation may write. */
  gen: number;
  /** How many mounted views show this entry. */
  refs: number;
  stale: boolean;
  inFlight: boolean;
}

export interface QueryCache {
  store: StoreApi<QueryState>;
  client: Client;
  keyOf(name: RequestName, input: unknown): string;
  /** Marks an entry as shown: fetches it when missing or stale. Returns the release function. */
  retain<N extends RequestName>(name: N, input: RequestInput<N>): () => void;
  /** Fetches an entry now (whether or not it is shown). */
  fetch<N extends RequestName>(name: N, input: RequestInput<N>): Promise<void>;
  /** Refetches shown entries that read any of the tables ('all' for every table). */
  invalidate(tables: readonly TableName[] | 'all'): void;
  /** Puts an answer into the cache, as if it had just been fetched. */
  setData<N extends RequestName>(name: N, input: RequestInput<N>, data: RequestOutput<N>): void;
  /** Calls a mutation and patches the entries that show what it returned. */
  mutate<N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestOutput<N>>;
  /** Asks the backend what changed since the last seq seen and invalidates those tables. */
  catchUp(): Promise<void>;
  /**
   * The whole book was put in place of another (a snapshot restored): its change log is not the
   * one this window followed, so the seq is learnt afresh and every answer is read again.
   */
  replaced(): void;
  /** Listens to db.changed and to the window coming back. Returns the stop function. */
  start(win?: Window): () => void;
}

/** Asking from beyond the newest seq answers with just the newest seq, without scanning the log. */
const BEYOND_ANY_SEQ = Number.MAX_SAFE_INTEGER;

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new AppError('INTERNAL', 'Something went wrong while talking to the customer book. Try again.');
}

export function createQueryCache(client: Client): QueryCache {
  const store = createStore<QueryState>(() => ({ entries: {}, seq: null }));
  const metas = new Map<string, Meta>();

  const keyOf = (name: RequestName, input: unknown) => `${name} ${stableStringify(input ?? {})}`;

  function patchEntry(key: string, patch: Partial<QueryEntry>) {
    store.setState((s) => {
      const before = s.entries[key];
      if (!before) return s;
      return { entries: { ...s.entries, [key]: { ...before, ...patch } } };
    });
  }

  function ensure(name: RequestName, input: unknown): [string, Meta] {
    const key = keyOf(name, input);
    let meta = metas.get(key);
    if (!meta) {
      meta = { name, input, reads: requests[name].reads, gen: 0, refs: 0, stale: true, inFlight: false };
      metas.set(key, meta);
      store.setState((s) => ({
        entries: {
          ...s.entries,
          [key]: { key, name, status: 'loading', data: undefined, error: undefined, fetching: false },
        },
      }));
    }
    return [key, meta];
  }

  async function run(key: string, meta: Meta): Promise<void> {
    const gen = ++meta.gen;
    meta.inFlight = true;
    meta.stale = false;
    patchEntry(key, { fetching: true });
    try {
      const data = await client.call(meta.name, meta.input as never);
      if (meta.gen !== gen) return; // a newer fetch or patch owns this entry now
      meta.inFlight = false;
      patchEntry(key, { status: 'success', data, error: undefined, fetching: false });
    } catch (err) {
      if (meta.gen !== gen) return;
      meta.inFlight = false;
      patchEntry(key, { status: 'error', error: toAppError(err), fetching: false });
    }
  }

  function invalidate(tables: readonly TableName[] | 'all') {
    const changed = new Set<TableName>(tables === 'all' ? TABLES : tables);
    for (const [key, meta] of metas) {
      if (!meta.reads.some((t) => changed.has(t))) continue;
      if (meta.refs > 0) void run(key, meta);
      else meta.stale = true;
    }
  }

  function noteSeq(seq: number) {
    const known = store.getState().seq;
    if (known === null || seq > known) store.setState({ seq });
  }

  function setData<N extends RequestName>(name: N, input: RequestInput<N>, data: RequestOutput<N>) {
    const [key, meta] = ensure(name, input);
    const wasInFlight = meta.inFlight;
    meta.gen++; // whatever was on its way is older than this answer
    meta.inFlight = false;
    meta.stale = false;
    patchEntry(key, { status: 'success', data, error: undefined, fetching: false });
    // A fetch that started before the write may have been dropped just now; ask again so the
    // entry ends on an answer that was read after the write.
    if (wasInFlight && meta.refs > 0) void run(key, meta);
  }

  function patchStaff(staff: Staff) {
    for (const [key, meta] of metas) {
      if (meta.name !== 'staff.list') continue;
      const entry = store.getState().entries[key] as QueryEntry<Staff[]> | undefined;
      if (!entry?.data) continue;
      const includeInactive = (meta.input as RequestInput<'staff.list'>).includeInactive === true;
      const next = entry.data
        .map((s) => (s.id === staff.id ? staff : s))
        .filter((s) => includeInactive || s.active);
      setData('staff.list', meta.input as RequestInput<'staff.list'>, next);
    }
  }

  let catching: Promise<void> | null = null;
  let again = false;

  async function catchUpOnce() {
    const known = store.getState().seq;
    const answer = await client.call('changes.since', { seq: known ?? BEYOND_ANY_SEQ });
    if (known !== null) {
      if (answer.reset) invalidate('all');
      else if (answer.tables.length > 0) invalidate(answer.tables);
    }
    noteSeq(answer.seq);
  }

  const cache: QueryCache = {
    store,
    client,
    keyOf,

    retain(name, input) {
      const [key, meta] = ensure(name, input);
      meta.refs++;
      if (meta.stale && !meta.inFlight) void run(key, meta);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        meta.refs--;
      };
    },

    fetch(name, input) {
      const [key, meta] = ensure(name, input);
      return run(key, meta);
    },

    invalidate,
    setData,

    async mutate(name, input) {
      const output = await client.call(name, input);
      if (name === 'settings.update' || name === 'setup.complete' || name === 'staff.switch') {
        setData('settings.get', {}, output as RequestOutput<'settings.get'>);
      } else if (name === 'staff.update') {
        patchStaff(output as Staff);
      }
      return output;
    },

    catchUp() {
      if (catching) {
        again = true;
        return catching;
      }
      catching = (async () => {
        try {
          do {
            again = false;
            await catchUpOnce();
          } while (again);
        } catch {
          // The next focus or event tries again.
        } finally {
          catching = null;
        }
      })();
      return catching;
    },

    replaced() {
      store.setState({ seq: null });
      for (const [key, meta] of metas) {
        if (meta.refs > 0) void run(key, meta);
        else meta.stale = true;
      }
      void cache.catchUp();
    },

    start(win) {
      const offChanged = client.on('db.changed', (event: DbChanged) => {
        noteSeq(event.seq);
        invalidate(event.tables);
      });
      void cache.catchUp(); // learn the newest seq
      if (!win) return offChanged;
      const onFocus = () => void cache.catchUp();
      const onVisibility = () => {
        if (win.document.visibilityState === 'visible') void cache.catchUp();
      };
      win.addEventListener('focus', onFocus);
      win.document.addEventListener('visibilitychange', onVisibility);
      return () => {
        offChanged();
        win.removeEventListener('focus', onFocus);
        win.document.removeEventListener('visibilitychange', onVisibility);
      };
    },
  };
  return cache;
}
