/** The list window over a million rows: fetches only what is near the screen and forgets the rest. */
import { describe, expect, it } from 'vitest';
import { createKeysetWindow } from '../../../renderer/features/contacts/keyset-window.ts';
import type { Page } from '../../../shared/domain/people.ts';

/** A fake keyset source: rows are numbers, the cursor is the last number handed out. */
function source(total: number) {
  const calls: (string | null)[] = [];
  let rows = Array.from({ length: total }, (_, i) => i);
  return {
    calls,
    insertAtStart(n: number) {
      rows = [...Array.from({ length: n }, (_, i) => i - n), ...rows];
    },
    async fetchPage(cursor: string | null, limit: number): Promise<Page<number>> {
      calls.push(cursor);
      const after = cursor === null ? -Infinity : Number(cursor);
      const start = rows.findIndex((r) => r > after);
      const page = start < 0 ? [] : rows.slice(start, start + limit);
      const last = page[page.length - 1];
      return {
        rows: page,
        nextCursor: page.length === limit && start + limit < rows.length ? String(last) : null,
      };
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));
async function idle(win: { getSnapshot(): { fetching: boolean } }) {
  for (let i = 0; i < 10_000; i++) {
    await settle();
    if (!win.getSnapshot().fetching) {
      await settle();
      if (!win.getSnapshot().fetching) return;
    }
  }
}

describe('keyset window', () => {
  it('loads the rows on screen and keeps only a few pages in memory while scrolling far', async () => {
    const src = {
      calls: 0,
      async fetchPage(cursor: string | null, limit: number): Promise<Page<number>> {
        src.calls++;
        const start = cursor === null ? 0 : Number(cursor) + 1;
        const rows = Array.from({ length: Math.min(limit, 1_000_000 - start) }, (_, i) => start + i);
        return { rows, nextCursor: start + limit < 1_000_000 ? String(start + limit - 1) : null };
      },
    };
    const win = createKeysetWindow<number>({ fetchPage: src.fetchPage, pageSize: 100, keepPages: 2 });
    win.want(0, 30);
    await idle(win);
    expect(win.rowAt(0)).toBe(0);
    expect(win.rowAt(30)).toBe(30);
    // The page on screen, and two read ahead so scrolling on never waits.
    expect(src.calls).toBe(3);
    expect(win.rowAt(250)).toBe(250);

    // Scroll a long way: the chain of cursors is walked, but rows far behind are dropped.
    win.want(20_000, 20_030);
    await idle(win);
    expect(win.rowAt(20_010)).toBe(20_010);
    expect(win.rowAt(0)).toBeUndefined();
    expect(win.pagesInMemory()).toBeLessThanOrEqual(5);

    // Coming back uses the cursor kept for that page (plus the read-ahead), not a walk from the top.
    const before = src.calls;
    win.want(10_050, 10_080);
    await idle(win);
    expect(win.rowAt(10_060)).toBe(10_060);
    expect(src.calls - before).toBeLessThanOrEqual(3);
    win.dispose();
  });

  it('knows the end of the list and refreshes the pages in view after a change', async () => {
    const src = source(250);
    const win = createKeysetWindow<number>({ fetchPage: src.fetchPage, pageSize: 100 });
    win.want(0, 40);
    await idle(win);
    win.want(200, 260);
    await idle(win);
    expect(win.getSnapshot().complete).toBe(true);
    expect(win.getSnapshot().knownRows).toBe(250);
    expect(win.rowAt(249)).toBe(249);

    // Rows arrive at the top: the page in view is read again from its cursor, and what follows
    // a page whose cursor moved is walked again.
    src.insertAtStart(3);
    win.want(0, 40);
    win.refresh();
    await idle(win);
    expect(win.rowAt(0)).toBe(-3);
    expect(win.rowAt(3)).toBe(0);
    win.want(200, 260);
    await idle(win);
    expect(win.getSnapshot().knownRows).toBe(253);
    expect(win.rowAt(252)).toBe(249);
    win.dispose();
  });

  it('with anchors, spans the whole list and reaches any row in one request, keeping memory flat', async () => {
    const total = 1_000_000;
    const limits: number[] = [];
    const cursors: (string | null)[] = [];
    const fetchPage = async (cursor: string | null, limit: number): Promise<Page<number>> => {
      limits.push(limit);
      cursors.push(cursor);
      const start = cursor === null ? 0 : Number(cursor) + 1;
      const rows = Array.from({ length: Math.max(0, Math.min(limit, total - start)) }, (_, i) => start + i);
      return { rows, nextCursor: start + limit < total ? String(start + limit - 1) : null };
    };
    const anchors = Array.from({ length: total / 500 }, (_, k) => (k === 0 ? '' : String(k * 500 - 1)));
    const win = createKeysetWindow<number>({ fetchPage, pageSize: 100, keepPages: 2 });
    win.setAnchors({ every: 500, anchors, total });
    expect(win.getSnapshot().knownRows).toBe(total);

    // The very end: one request from the last anchor, nothing walked.
    win.want(total - 20, total - 1);
    await idle(win);
    expect(win.rowAt(total - 1)).toBe(total - 1);
    expect(win.rowAt(total - 20)).toBe(total - 20);
    // (The top's first page was already on its way when the jump came.)
    expect(cursors).toContain(String(total - 500 - 1));
    expect(limits.length).toBeLessThanOrEqual(3);
    expect(Math.max(...limits)).toBeLessThanOrEqual(500);
    expect(win.getSnapshot().complete).toBe(true);
    expect(win.getSnapshot().knownRows).toBe(total);

    // The middle, mid-block: read from the anchor before it, the rows before skipped.
    const before = limits.length;
    win.want(543_250, 543_270);
    await idle(win);
    expect(win.rowAt(543_260)).toBe(543_260);
    expect(cursors[before]).toBe(String(543_000 - 1));
    expect(limits[before]).toBe(300);
    expect(limits.length - before).toBeLessThanOrEqual(3);
    expect(win.rowAt(total - 1)).toBeUndefined();
    expect(win.pagesInMemory()).toBeLessThanOrEqual(7);

    // New anchors (the list changed) re-read the rows in view from them; old answers are dropped.
    const shifted = anchors.map((a, k) => (k === 0 ? '' : String(k * 500 - 2)));
    win.setAnchors({ every: 500, anchors: shifted, total });
    await idle(win);
    expect(win.rowAt(543_260)).toBe(543_259);
    win.dispose();
  });
});
