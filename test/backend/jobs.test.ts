/**
 * Jobs: long work runs in a worker thread with its own connection, reports job.progress, can be
 * cancelled (rolled back whole), and holds main-thread writes back until it ends.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/api/errors.ts';
import type { JobProgress } from '../../shared/api/events.ts';
import { openBookForHost } from '../../electron/backend/book.ts';
import type { Ctx } from '../../electron/backend/context.ts';
import { JOBS } from '../../electron/backend/jobs/jobs.registry.ts';
import { READERS, workerJobs } from '../../electron/backend/jobs/jobs.runner.ts';
import { openTestBook, makeTempDir, setUp, type TestBook } from '../helpers/book.ts';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

async function bookWith(people: number): Promise<TestBook> {
  const b = await openTestBook();
  open.push(b);
  await setUp(b.client);
  const insert = b.book.sqlite.prepare(
    `INSERT INTO people (id, display_name, sort_key, stage, created_at, updated_at) VALUES (?, ?, ?, 'lead', 0, 0)`,
  );
  b.book.sqlite.transaction(() => {
    for (let i = 0; i < people; i++)
      insert.run(`p-${String(i).padStart(5, '0')}`, `Person ${i}`, `person ${i}`);
  })();
  return b;
}

const progressOf = (b: TestBook) =>
  b.events.filter((e) => e.event === 'job.progress').map((e) => e.payload as JobProgress);

function rows(b: TestBook, sql: string): unknown[] {
  return b.book.sqlite.prepare(sql).all();
}

describe('jobs', () => {
  it('runs a bulk change in the worker and reports it from running to done under one job id', async () => {
    const b = await bookWith(3000);
    const result = await b.client.call('people.bulk', {
      target: { filter: {} },
      action: { type: 'tag', tag: 'Spring' },
    });
    expect(result.count).toBe(3000);
    const events = progressOf(b);
    expect(events[0]).toMatchObject({ kind: 'people.bulk', state: 'running' });
    expect(events.at(-1)).toMatchObject({ kind: 'people.bulk', state: 'done' });
    expect(new Set(events.map((e) => e.jobId)).size).toBe(1);
    // Counts in the batch's label (the job card, the Trash, Undo) are written for the book's locale.
    expect(rows(b, `SELECT label FROM batches WHERE id = '${result.batchId}'`)).toEqual([
      { label: 'Tag 3,000 people “Spring”' },
    ]);
    expect(events.at(-1)?.done).toBe(events.at(-1)?.total ?? 0);
    // The worker's commit reached the main thread as one db.changed naming the tables it touched.
    const changed = b.events.filter((e) => e.event === 'db.changed').at(-1)?.payload as { tables: string[] };
    expect(changed.tables).toEqual(expect.arrayContaining(['people', 'tags', 'batches']));
    expect(rows(b, `SELECT count(*) AS n FROM person_tags`)).toEqual([{ n: 3000 }]);
  });

  it('rolls a cancelled bulk delete back whole: nothing moves to the Trash and no batch is left', async () => {
    const b = await bookWith(3000);
    const before = rows(b, `SELECT id, deleted_at FROM people ORDER BY id`);
    const batches = rows(b, `SELECT count(*) AS n FROM batches`);
    const off = b.hub.subscribe((event, payload) => {
      const p = payload as JobProgress;
      if (event === 'job.progress' && p.state === 'running')
        void b.client.call('jobs.cancel', { jobId: p.jobId });
    });
    const failure = await b.client
      .call('people.bulk', { target: { filter: {} }, action: { type: 'delete' } })
      .catch((err: unknown) => err);
    off();
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('CANCELLED');
    expect(rows(b, `SELECT id, deleted_at FROM people ORDER BY id`)).toEqual(before);
    expect(rows(b, `SELECT count(*) AS n FROM batches`)).toEqual(batches);
    expect(progressOf(b).at(-1)?.state).toBe('cancelled');
    // The book goes on working after a cancel.
    expect((await b.client.call('people.count', { filter: {} })).count).toBe(3000);
  });

  it('says a job it does not know cannot be cancelled', async () => {
    const b = await bookWith(0);
    expect(await b.client.call('jobs.cancel', { jobId: 'job-999' })).toEqual({ cancelled: false });
  });

  it('holds a main-thread write back until the write job ends, then makes it', async () => {
    const b = await bookWith(3000);
    const person = await b.client.call('people.create', {
      person: { givenName: 'Held', familyName: 'Back' },
    });
    const bulk = b.client.call('people.bulk', {
      target: { filter: {} },
      action: { type: 'stage', stage: 'customer' },
    });
    const edit = b.client.call('people.update', { id: person.id, patch: { jobTitle: 'Buyer' } });
    const [staged, edited] = await Promise.all([bulk, edit]);
    expect(staged.count).toBe(3001);
    expect(edited.jobTitle).toBe('Buyer');
    // The edit ran after the job had committed: it returns the stage the job set.
    expect(edited.stage).toBe('customer');
    expect(b.backend.ctx.jobs.writing).toBe(false);
    // The edit committed after the job: its change comes later in the log.
    const seqs = rows(
      b,
      `SELECT max(CASE WHEN tbl = 'batches' THEN seq END) AS job, max(CASE WHEN tbl = 'people' AND row_id = '${person.id}' THEN seq END) AS edit FROM changes`,
    )[0] as { job: number; edit: number };
    expect(seqs.edit).toBeGreaterThan(seqs.job);
  });

  it('undoes a bulk change as a job that reports progress too', async () => {
    const b = await bookWith(2000);
    const before = rows(b, `SELECT id, stage, updated_at FROM people ORDER BY id`);
    const staged = await b.client.call('people.bulk', {
      target: { filter: {} },
      action: { type: 'stage', stage: 'prospect' },
    });
    await b.client.call('batches.undo', { batchId: staged.batchId });
    expect(rows(b, `SELECT id, stage, updated_at FROM people ORDER BY id`)).toEqual(before);
    expect(
      progressOf(b)
        .filter((e) => e.kind === 'batches.undo')
        .at(-1)?.state,
    ).toBe('done');
  });

  it('reads in the worker see every write the main thread has committed', async () => {
    const b = await bookWith(10);
    expect((await b.client.call('people.count', { filter: {} })).count).toBe(10);
    await b.client.call('people.create', { person: { givenName: 'Eleventh', familyName: 'Person' } });
    expect((await b.client.call('people.count', { filter: {} })).count).toBe(11);
    expect((await b.client.call('people.anchors', { sort: 'name', every: 100, filter: {} })).total).toBe(11);
  });

  it('answers short reads while a long one keeps a reader busy, queues reads when both are, and runs an alone job aside', async () => {
    // A stand-in worker: people.anchors holds its reader until the job is cancelled; any other
    // job answers at once with the reader's thread id.
    const jobs = workerJobs({
      workerUrl: new URL('../helpers/blocking-jobs.worker.mjs', import.meta.url),
      config: { file: '', host: 'test', appVersion: '0', backupsDir: '', schemaVersion: 0, key: null },
      ctx: () => ({ clock: () => 0, currentStaffId: () => null }) as unknown as Ctx,
      emit: () => {},
      log: () => {},
    });
    open.push(jobs);
    const settled: string[] = [];
    const track = <T>(label: string, p: Promise<T>) =>
      p.then(
        (v) => (settled.push(label), v),
        (e: unknown) => (settled.push(`${label} ${(e as AppError).code}`), null),
      );

    const long1 = track(
      'long1',
      jobs.run('people.anchors', { sort: 'name', direction: 'asc', every: 100, filter: {} }),
    );
    const short1 = await track('short1', jobs.run('people.count', { filter: {} }));
    expect(settled).toEqual(['short1']);
    expect(READERS).toBe(2);

    const long2 = track(
      'long2',
      jobs.run('people.anchors', { sort: 'name', direction: 'asc', every: 100, filter: {} }),
    );
    const short2 = track('short2', jobs.run('people.count', { filter: {} }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Both readers are held: the count waits in the queue…
    expect(settled).toEqual(['short1']);
    // …but a job that runs alone gets a worker of its own.
    const alone = (await jobs.run('book.check', {})) as unknown as { reader: number };
    expect(alone.reader).not.toBe((short1 as unknown as { reader: number }).reader);
    expect(settled).toEqual(['short1']);
    expect(jobs.cancel('job-1')).toBe(true);
    await long1;
    const answer = await short2;
    expect(settled).toEqual(['short1', 'long1 CANCELLED', 'short2']);
    // It ran on the reader the first long job let go of, not the one the second still holds.
    expect(answer).not.toEqual(short1);
    expect(jobs.cancel('job-3')).toBe(true);
    await long2;
    expect(settled).toEqual(['short1', 'long1 CANCELLED', 'short2', 'long2 CANCELLED']);
  });

  it('refuses a job with a wrong input as VALIDATION, without starting it', async () => {
    const b = await bookWith(10);
    const failure = await b.client
      .call('people.bulk', { target: { filter: {} }, action: { type: 'stage', stage: 'bogus' } } as never)
      .catch((err: unknown) => err);
    expect((failure as AppError).code).toBe('VALIDATION');
    expect(progressOf(b)).toEqual([]);
  });

  it('fails a job whose worker cannot start with a clear error, logs why, and keeps the book working', async () => {
    const logged: string[] = [];
    const opened = await openBookForHost({
      dataDir: makeTempDir(),
      host: 'test',
      appVersion: '0',
      emit: () => {},
      log: (message) => logged.push(message),
      jobsWorker: new URL('file:///nonexistent/ledgerline-jobs.worker.ts'),
    });
    open.push(opened);
    const count = await opened.backend.invoke('people.count', { filter: {} });
    expect(count).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(logged.some((m) => m.includes('job worker'))).toBe(true);
    expect(await opened.backend.invoke('people.list', {})).toMatchObject({ ok: true });
  });

  it('runs the same jobs inline when the backend has no worker', async () => {
    const opened = await openBookForHost({
      dataDir: makeTempDir(),
      host: 'test',
      appVersion: '0',
      emit: () => {},
      jobsWorker: null,
    });
    open.push(opened);
    await opened.backend.invoke('people.create', { person: { givenName: 'Ada', familyName: 'Inline' } });
    expect(await opened.backend.invoke('people.count', { filter: {} })).toEqual({
      ok: true,
      value: { count: 1 },
    });
    const bulk = await opened.backend.invoke('people.bulk', {
      target: { filter: {} },
      action: { type: 'tag', tag: 'Inline' },
    });
    expect(bulk).toMatchObject({ ok: true, value: { count: 1 } });
  });

  it('cancels what is still running when the book closes, keeping none of it', async () => {
    const dir = makeTempDir();
    const b = await openTestBook({ dir });
    await setUp(b.client);
    const insert = b.book.sqlite.prepare(
      `INSERT INTO people (id, display_name, sort_key, stage, created_at, updated_at) VALUES (?, ?, ?, 'lead', 0, 0)`,
    );
    b.book.sqlite.transaction(() => {
      for (let i = 0; i < 5000; i++) insert.run(`c-${i}`, `Person ${i}`, `person ${i}`);
    })();
    const started = new Promise<void>((resolve) =>
      b.hub.subscribe((event) => {
        if (event === 'job.progress') resolve();
      }),
    );
    const bulk = b.client
      .call('people.bulk', { target: { filter: {} }, action: { type: 'delete' } })
      .catch((err: unknown) => err);
    await started;
    await b.close();
    expect(((await bulk) as AppError).code).toBe('CANCELLED');
    const again = await openTestBook({ dir });
    open.push(again);
    expect(rows(again, `SELECT count(*) AS n FROM people WHERE deleted_at IS NOT NULL`)).toEqual([{ n: 0 }]);
    expect(rows(again, `PRAGMA integrity_check`)).toEqual([{ integrity_check: 'ok' }]);
  });
});

describe('the job registry', () => {
  it('imports no job code up front, so a worker holds only the code of the jobs it has run', () => {
    const source = fs.readFileSync(
      new URL('../../electron/backend/jobs/jobs.registry.ts', import.meta.url),
      'utf8',
    );
    const imports = source.split('\n').filter((line) => line.startsWith('import '));
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((line) => !line.startsWith('import type '))).toEqual([]);
    // So each job's code comes in by a dynamic import when it first runs: every run is async.
    const notAsync = Object.entries(JOBS)
      .filter(([, job]) => job.run.constructor.name !== 'AsyncFunction')
      .map(([name]) => name);
    expect(notAsync).toEqual([]);
  });
});
