/**
 * Snapshots as jobs (issue 6): the online backup API copies asynchronously, so a job may return a
 * promise. The worker waits for it before its next job (a write queued behind a restore runs on
 * the restored book, never interleaved with it), and a copy can still be cancelled part way,
 * leaving no file behind.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors.ts';
import type { JobProgress } from '../../../shared/api/events.ts';
import { backupsDir, liveNames, useBooks } from './backups-helpers.ts';

const { bookWithPeople } = useBooks();

describe('snapshot jobs', () => {
  it('runs a write job queued behind a restore after it, on the restored book', async () => {
    const { b } = await bookWithPeople({ prewarmJobs: true });
    const snap = await b.client.call('backups.take', {});
    await b.client.call('people.create', { person: { givenName: 'Eve', familyName: 'Lee' } });
    // Both go to the one writer at once; the restore awaits its copy, the bulk waits for it.
    const restore = b.client.call('backups.restore', { file: snap.file });
    const bulk = b.client.call('people.bulk', {
      target: { filter: {} },
      action: { type: 'tag', tag: 'Kept' },
    });
    const [, tagged] = await Promise.all([restore, bulk]);
    expect(tagged.count).toBe(4); // the restored book's people: Eve is gone
    expect(liveNames(b.book.sqlite)).toEqual(['Ann', 'Bob', 'Cy', 'Di']);
    expect(b.book.sqlite.prepare(`SELECT count(*) FROM person_tags`).pluck().get()).toBe(4);
  });

  it('cancels a snapshot part way through the copy, leaving no file behind', async () => {
    const { b } = await bookWithPeople();
    // About 40 MB of pages, so the copy takes several steps.
    b.book.sqlite.exec(`CREATE TABLE filler (x BLOB)`);
    const insert = b.book.sqlite.prepare(`INSERT INTO filler VALUES (randomblob(1000000))`);
    for (let i = 0; i < 40; i++) insert.run();
    const off = b.hub.subscribe((event, payload) => {
      const p = payload as JobProgress;
      // The worker's first report: the copy has begun (the temporary file is being written).
      if (event === 'job.progress' && p.kind === 'backups.take' && p.message === 'Taking a snapshot') {
        void b.client.call('jobs.cancel', { jobId: p.jobId });
      }
    });
    const err = await b.client.call('backups.take', {}).then(
      () => null,
      (e: unknown) => e,
    );
    off();
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('CANCELLED');
    expect(fs.readdirSync(backupsDir(b))).toEqual([]);
    const last = b.events.filter((e) => e.event === 'job.progress').at(-1)?.payload as JobProgress;
    expect(last).toMatchObject({ kind: 'backups.take', state: 'cancelled' });
    // The next one goes through.
    expect((await b.client.call('backups.take', {})).problem).toBeNull();
  });
});
