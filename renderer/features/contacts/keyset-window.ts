/**
 * A window onto a long keyset-paginated list (a million people), for a virtualised table.
 *
 * The list is cut into fixed pages of `pageSize` rows: page k holds rows [k·size, (k+1)·size).
 * Page k is fetched with the cursor that page k−1 handed back, so the cursors form a chain;
 * the chain is kept (a few bytes a page) while the rows of pages far from the viewport are
 * dropped, so memory stays flat however far the user scrolls. Reaching a page whose cursor is
 * not known yet walks the chain from the furthest known cursor, one page at a time.
 *
 * When the book changes, the pages in view are fetched again from their cursors; when a page's
 * new cursor differs from the one kept, everything after it is dropped and walked again.
 * Only one request is on its way at a time, and an answer that started before a reset or a
 * refresh is thrown away, so a slow, stale page never overwrites a newer one.
 *
 * With anchors (the cursor of every `every`-th row, from one backend scan), the list's length is
 * known and any page is one request away: it is read from the nearest known cursor before it
 * (an anchor, or the chain) with a larger limit, and the rows before it are skipped here. So the
 * scroll bar spans the whole list and a jump to its end never walks the chain.
 */
import type { Page } from '../../../shared/domain/people.ts';

export interface KeysetWindowOptions<Row> {
  fetchPage(cursor: string | null, limit: number): Promise<Page<Row>>;
  pageSize?: number;
  /** How many pages either side of the wanted range keep their rows. */
  keepPages?: number;
  /** How many pages past the wanted range to read ahead, so scrolling on never waits. */
  aheadPages?: number;
  /** The most rows one fetch may ask for (the list request's limit). */
  maxFetch?: number;
}

/** Cursors of every `every`-th row: anchors[k] starts the list at row k·every ('' = the start). */
export interface KeysetAnchors {
  every: number;
  anchors: readonly string[];
  total: number;
}

export interface KeysetSnapshot {
  /** Bumped on every change, for React's useSyncExternalStore. */
  version: number;
  /** The number of rows known to exist: exact once the end is reached. */
  knownRows: number;
  /** The end of the list has been seen. */
  complete: boolean;
  /** Nothing loaded yet, and the first page is on its way. */
  initialLoading: boolean;
  /** Something is being fetched. */
  fetching: boolean;
  error: unknown;
}

export interface KeysetWindow<Row> {
  getSnapshot(): KeysetSnapshot;
  subscribe(listener: () => void): () => void;
  /** The row at an index, when its page is in memory. */
  rowAt(index: number): Row | undefined;
  /** Every row now in memory, with its index (for range selection). */
  loadedRows(): { index: number; row: Row }[];
  /** Says which rows are on screen; pages there are fetched, pages far away forgotten. */
  want(startIndex: number, endIndex: number): void;
  /** Fetches the wanted pages again (after the book changed). */
  refresh(): void;
  /** Stops all work; answers still on their way are ignored. */
  dispose(): void;
  /** Stops work while no screen shows the window (answers on their way are dropped)… */
  pause(): void;
  /** …and takes it up again (React may pause and resume a window it mounts twice). */
  resume(): void;
  /** How many pages hold rows right now (for tests of the memory bound). */
  pagesInMemory(): number;
  /** Anchors for the list as it is now; new ones re-read the pages in view from them. */
  setAnchors(anchors: KeysetAnchors | null): void;
}

function sameAnchors(a: KeysetAnchors | null, b: KeysetAnchors | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.every !== b.every || a.total !== b.total || a.anchors.length !== b.anchors.length) {
    return false;
  }
  return a.anchors.every((c, i) => c === b.anchors[i]);
}

export function createKeysetWindow<Row>(options: KeysetWindowOptions<Row>): KeysetWindow<Row> {
  const size = options.pageSize ?? 100;
  const ahead = options.aheadPages ?? 2;
  const keep = Math.max(options.keepPages ?? 3, ahead);
  const maxFetch = Math.max(size, options.maxFetch ?? 500);
  let anchors: KeysetAnchors | null = null;
  /** cursors[k] fetches page k; undefined = not known yet. */
  let cursors: (string | null | undefined)[] = [null];
  const pages = new Map<number, Row[]>();
  /** Pages whose rows were read before the latest change. */
  let stale = new Set<number>();
  /** The last page, once a page came back without a next cursor. */
  let lastPage: number | null = null;
  let wanted: [number, number] = [0, 0];
  let gen = 0;
  let busy = false;
  let disposed = false;
  let paused = false;
  let error: unknown = null;
  let version = 0;
  let snapshot: KeysetSnapshot = compute();
  const listeners = new Set<() => void>();

  function knownRows(): number {
    if (lastPage !== null) {
      const last = pages.get(lastPage);
      if (last) return lastPage * size + last.length;
      return lastPage * size + 1;
    }
    if (anchors) return anchors.total;
    // One page beyond the furthest known cursor may exist.
    let furthest = 0;
    for (let k = cursors.length - 1; k >= 0; k--) {
      if (cursors[k] !== undefined) {
        furthest = k;
        break;
      }
    }
    return (furthest + 1) * size;
  }

  function compute(): KeysetSnapshot {
    return {
      version,
      knownRows: knownRows(),
      complete: lastPage !== null,
      initialLoading: pages.size === 0 && lastPage === null && error === null,
      fetching: busy,
      error,
    };
  }

  function emit() {
    version++;
    snapshot = compute();
    for (const l of listeners) l();
  }

  /** The last page there is, when known: seen, or told by the anchors. */
  function endPage(): number | null {
    if (lastPage !== null) return lastPage;
    if (anchors) return Math.max(0, Math.ceil(anchors.total / size) - 1);
    return null;
  }

  function wantedPages(): [number, number] {
    const a = Math.max(0, Math.floor(wanted[0] / size));
    let b = Math.max(a, Math.floor(wanted[1] / size));
    const end = endPage();
    if (end !== null) b = Math.min(b, end);
    return [Math.min(a, b), b];
  }

  /** The cursor that starts page k, when known: from the chain, or an anchor. */
  function cursorOf(k: number): string | null | undefined {
    if (cursors[k] !== undefined) return cursors[k];
    if (!anchors) return undefined;
    const row = k * size;
    if (row % anchors.every !== 0) return undefined;
    const anchor = anchors.anchors[row / anchors.every];
    return anchor === undefined ? undefined : anchor || null;
  }

  function evict() {
    const [a, b] = wantedPages();
    for (const k of [...pages.keys()]) {
      if (k < a - keep || k > b + keep) {
        pages.delete(k);
        stale.delete(k);
      }
    }
  }

  /**
   * The next fetch, or null when the wanted range (and a little ahead) is loaded and fresh:
   * page `k` read from the start of page `from` (the nearest known cursor), skipping the rows
   * between when one request can hold them, else walking the chain one page at a time.
   */
  function nextTarget(): { from: number; k: number } | null {
    const [a, b0] = wantedPages();
    const end = endPage();
    const b = end === null ? b0 + ahead : Math.min(b0 + ahead, end);
    for (let k = a; k <= b; k++) {
      if (!pages.has(k) || stale.has(k)) {
        let j = k;
        while (j > 0 && cursorOf(j) === undefined) j--;
        if ((k - j + 1) * size <= maxFetch) return { from: j, k };
        return { from: j, k: j };
      }
    }
    return null;
  }

  function pump() {
    if (busy || disposed || paused) return;
    const target = nextTarget();
    if (target === null) return;
    const { from, k } = target;
    const cursor = cursorOf(from) ?? null;
    const myGen = gen;
    busy = true;
    emit();
    options.fetchPage(cursor, (k - from + 1) * size).then(
      (fetched) => {
        busy = false;
        if (disposed || paused) return;
        if (myGen !== gen) return pump();
        error = null;
        // The list may end before page k (anchors a little out of date): k is then the page
        // the rows end on. The pages skipped on the way are fresh too (far ones are evicted below).
        const ended = fetched.nextCursor === null || fetched.rows.length < (k - from + 1) * size;
        const got = ended ? Math.min(k, from + Math.max(0, Math.ceil(fetched.rows.length / size) - 1)) : k;
        for (let p = from; p <= got; p++) {
          pages.set(p, fetched.rows.slice((p - from) * size, (p - from + 1) * size));
          stale.delete(p);
        }
        const next = fetched.nextCursor;
        const known = cursors[got + 1];
        if (known !== undefined && known !== next) {
          // The pages after this one were cut from an older list: walk them again.
          cursors = cursors.slice(0, got + 1);
          for (const p of [...pages.keys()]) if (p > got) pages.delete(p);
          stale = new Set([...stale].filter((p) => p <= got));
        }
        if (ended) {
          lastPage = got;
          cursors = cursors.slice(0, got + 1);
          for (const p of [...pages.keys()]) if (p > got) pages.delete(p);
        } else {
          cursors[got + 1] = next;
          if (lastPage !== null && lastPage <= got) lastPage = null;
        }
        evict();
        emit();
        pump();
      },
      (err: unknown) => {
        busy = false;
        if (disposed || paused) return;
        if (myGen !== gen) return pump();
        error = err;
        emit();
      },
    );
  }

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    rowAt(index) {
      return pages.get(Math.floor(index / size))?.[index % size];
    },
    loadedRows() {
      const out: { index: number; row: Row }[] = [];
      for (const k of [...pages.keys()].sort((x, y) => x - y)) {
        pages.get(k)!.forEach((row, i) => out.push({ index: k * size + i, row }));
      }
      return out;
    },
    want(startIndex, endIndex) {
      const next: [number, number] = [Math.max(0, startIndex), Math.max(0, endIndex)];
      if (next[0] === wanted[0] && next[1] === wanted[1]) return;
      wanted = next;
      evict();
      pump();
    },
    refresh() {
      gen++;
      error = null;
      stale = new Set(pages.keys());
      // The end may have moved: let the last page be found again.
      if (lastPage !== null && pages.has(lastPage)) stale.add(lastPage);
      if (lastPage !== null) lastPage = null;
      emit();
      pump();
    },
    dispose() {
      disposed = true;
      listeners.clear();
    },
    pause() {
      paused = true;
      gen++;
    },
    resume() {
      if (!paused) return;
      paused = false;
      pump();
    },
    pagesInMemory: () => pages.size,
    setAnchors(next) {
      if (sameAnchors(anchors, next)) return;
      const had = anchors !== null;
      anchors = next;
      if (had) {
        // The list moved: every position comes from the new anchors, and the rows in view are read again.
        gen++;
        cursors = [null];
        stale = new Set(pages.keys());
        lastPage = null;
      }
      evict();
      emit();
      pump();
    },
  };
}
