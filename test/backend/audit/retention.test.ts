/**
 * How long the trail is kept: six years unless the user chooses otherwise; events older than the
 * chosen time are removed in chunks (each a short write of its own), with one event saying so;
 * "Forever" removes nothing; a shorter time chosen removes the older events in the background.
 */
import { describe, expect, it } from 'vitest';
import { PRUNE_CHUNK, pruneAudit } from '../../../electron/backend/audit/audit.prune.ts';
import { keepCutoff } from '../../../shared/domain/audit.ts';
import { openBookForHost } from '../../../electron/backend/book.ts';
import { createEventHub } from '../../../electron/backend/event-hub.ts';
import { inProcessTransport } from '../../../electron/backend/inprocess.transport.ts';
import { JOBS_WORKER_SOURCE } from '../../../electron/backend/jobs/jobs.worker-source.ts';
import { createClient } from '../../../shared/api/client.ts';
import { makeTempDir, setUp, type TestBook } from '../../helpers/book.ts';
import { book, rawEvents } from './audit.helpers.ts';

const DAY = 86_400_000;

/** `n` events at `at`, written straight into the trail (as years of use would have). */
function oldEvents(b: TestBook, n: number, at: number): void {
  const insert = b.book.sqlite.prepare(
    `INSERT INTO audit_events (at, action, tbl, row_id, label) VALUES (?, 'update', 'people', 'gone', 'Old')`,
  );
  b.book.sqlite.transaction(() => {
    for (let i = 0; i < n; i++) insert.run(at + i);
  })();
}

describe('retention', () => {
  it('keeps six years unless told otherwise', async () => {
    const b = await book();
    expect(await b.client.call('audit.settings', {})).toMatchObject({ keepFor: '6y' });
    const now = Date.UTC(2026, 10, 22);
    expect(keepCutoff('6y', now)).toBe(Date.UTC(2020, 10, 22));
    expect(keepCutoff('3m', now)).toBe(Date.UTC(2026, 7, 22));
    expect(keepCutoff('forever', now)).toBeNull();
  });

  it('removes what is older than the time chosen, a chunk at a time, and says so once', async () => {
    const b = await book();
    const ctx = b.backend.ctx;
    const total = PRUNE_CHUNK * 2 + 500;
    oldEvents(b, total, b.clock() - 400 * DAY);
    oldEvents(b, 3, b.clock() - 30 * DAY);
    const writes: number[] = [];
    const write = ctx.writer.write.bind(ctx.writer);
    ctx.writer.write = (fn) => {
      writes.push(1);
      return write(fn);
    };
    await b.client.call('audit.updateSettings', { keepFor: '1y' });
    // The settings change started it in the background: asking again joins it.
    expect(await pruneAudit(ctx)).toBe(total);
    expect(await pruneAudit(ctx)).toBe(0);
    const left = rawEvents(b);
    expect(left.filter((e) => e.label === 'Old')).toHaveLength(3);
    const prune = left.find((e) => e.action === 'prune')!;
    expect(prune).toMatchObject({
      count: total,
      summary: `Removed ${total.toLocaleString('en-GB')} events older than 1 year, as the trail is kept for 1 year`,
    });
    // The setting, one write per chunk (the last one short), and the event.
    expect(writes.length).toBeGreaterThanOrEqual(1 + 3 + 1);
    expect(left.find((e) => e.tbl === 'settings' && e.row_id === 'audit')).toBeDefined();
    expect((await b.client.call('audit.settings', {})).keepFor).toBe('1y');
  });

  it('removes nothing when the trail is kept forever, or nothing is old enough', async () => {
    const b = await book();
    oldEvents(b, 10, b.clock() - 20 * 365 * DAY);
    await b.client.call('audit.updateSettings', { keepFor: 'forever' });
    const before = rawEvents(b);
    expect(await pruneAudit(b.backend.ctx)).toBe(0);
    b.clock.advance(50 * 365 * DAY);
    expect(await pruneAudit(b.backend.ctx)).toBe(0);
    expect(rawEvents(b)).toEqual(before);
    await b.client.call('audit.updateSettings', { keepFor: '10y' });
    await waitFor(() => rawEvents(b).some((e) => e.action === 'prune'));
    expect(rawEvents(b).filter((e) => e.label === 'Old')).toEqual([]);
  });

  it('prunes when the book opens, once it has been checked', async () => {
    const dir = makeTempDir();
    const open = (auditPruning: boolean) =>
      openBookForHost({
        dataDir: dir,
        host: 'test',
        appVersion: '0.0.0-test',
        emit: () => {},
        clock: () => Date.UTC(2026, 10, 22, 9, 0, 0),
        jobsWorker: JOBS_WORKER_SOURCE,
        auditPruning,
        log: () => {},
      });
    const first = await open(false);
    const client = createClient(inProcessTransport(first.backend, createEventHub()));
    await setUp(client);
    await client.call('audit.updateSettings', { keepFor: '3m' });
    const insert = first.book.sqlite.prepare(
      `INSERT INTO audit_events (at, action, tbl, row_id, label) VALUES (?, 'update', 'people', 'gone', 'Old')`,
    );
    for (let i = 0; i < 5; i++) insert.run(Date.UTC(2026, 6, 1) + i);
    await first.close();

    const opened = await open(true);
    const count = (where: string) =>
      opened.book.sqlite.prepare(`SELECT count(*) FROM audit_events WHERE ${where}`).pluck().get();
    try {
      await waitFor(() => count(`action = 'prune'`) === 1);
      expect(count(`label = 'Old'`)).toBe(0);
    } finally {
      await opened.close();
    }
  });
});

async function waitFor(ok: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
