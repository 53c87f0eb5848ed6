/**
 * The query cache against a real temp book over the in-process transport: table-aware refetch,
 * stale answers dropped, and catching up on focus after events were missed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../shared/domain/settings.ts';
import type { Staff } from '../../shared/domain/staff.ts';
import { createQueryCache, type QueryCache } from '../../renderer/stores/query.store.ts';
import { openTestBook, setUp, type TestBook } from '../helpers/book.ts';
import { harness, type Harness } from './transports.ts';

let book: TestBook;
let h: Harness;
let cache: QueryCache;
let stop: () => void = () => {};

const staffKey = () => cache.keyOf('staff.list', {});
const settingsKey = () => cache.keyOf('settings.get', {});
const staffNames = () =>
  ((cache.store.getState().entries[staffKey()]?.data as Staff[] | undefined) ?? []).map((s) => s.name);
/** Lets every pending promise and event callback run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

beforeEach(async () => {
  book = await openTestBook();
  await setUp(book.client);
  h = harness(book);
  cache = createQueryCache(h.client);
});

afterEach(async () => {
  stop();
  stop = () => {};
  await book.close();
});

describe('query cache', () => {
  it('refetches only the queries whose tables changed', async () => {
    stop = cache.start(window);
    const releaseStaff = cache.retain('staff.list', {});
    const releaseSettings = cache.retain('settings.get', {});
    await vi.waitFor(() => expect(staffNames()).toEqual(['Ada Lovelace']));
    await vi.waitFor(() => expect(cache.store.getState().entries[settingsKey()]?.status).toBe('success'));
    expect(h.count('staff.list')).toBe(1);
    expect(h.count('settings.get')).toBe(1);

    // Another window (the test's own client) adds a profile: db.changed names 'staff'.
    await book.client.call('staff.create', { name: 'Grace Hopper' });
    await vi.waitFor(() => expect(staffNames()).toEqual(['Ada Lovelace', 'Grace Hopper']));
    await settle();
    expect(h.count('staff.list')).toBe(2);
    expect(h.count('settings.get')).toBe(1);

    // And a settings change refetches settings, not staff.
    await book.client.call('settings.update', { businessName: 'Engines & Co' });
    await vi.waitFor(() =>
      expect((cache.store.getState().entries[settingsKey()]?.data as Settings).businessName).toBe(
        'Engines & Co',
      ),
    );
    await settle();
    expect(h.count('settings.get')).toBe(2);
    expect(h.count('staff.list')).toBe(2);
    expect(cache.store.getState().seq).toBeGreaterThan(0);
    releaseStaff();
    releaseSettings();
  });

  it('marks unseen entries stale and refetches them when shown again', async () => {
    stop = cache.start(window);
    const release = cache.retain('staff.list', {});
    await vi.waitFor(() => expect(staffNames()).toHaveLength(1));
    release();
    await book.client.call('staff.create', { name: 'Grace Hopper' });
    await settle();
    expect(h.count('staff.list')).toBe(1); // nobody is looking: no fetch
    const again = cache.retain('staff.list', {});
    await vi.waitFor(() => expect(staffNames()).toEqual(['Ada Lovelace', 'Grace Hopper']));
    expect(h.count('staff.list')).toBe(2);
    again();
  });

  it('drops a slower answer that is older than a later fetch of the same key', async () => {
    const held = h.holdNext('staff.list');
    const slow = cache.fetch('staff.list', {}); // reads the book now, answers when released
    await held.answered;
    await book.client.call('staff.create', { name: 'Grace Hopper' });
    await cache.fetch('staff.list', {}); // a later fetch reads two profiles and lands first
    expect(staffNames()).toEqual(['Ada Lovelace', 'Grace Hopper']);

    held.release();
    await slow;
    expect(h.count('staff.list')).toBe(2);
    // The older answer (one profile) was ignored.
    expect(staffNames()).toEqual(['Ada Lovelace', 'Grace Hopper']);
  });

  it('catches up on focus with changes.since after events were missed', async () => {
    stop = cache.start(window);
    cache.retain('staff.list', {});
    cache.retain('settings.get', {});
    await vi.waitFor(() => expect(staffNames()).toEqual(['Ada Lovelace']));
    await vi.waitFor(() => expect(cache.store.getState().seq).not.toBeNull());
    const seqBefore = cache.store.getState().seq!;
    const sinceBefore = h.count('changes.since');

    h.mute(true); // the window sleeps: no db.changed reaches it
    await book.client.call('staff.create', { name: 'Grace Hopper' });
    await settle();
    expect(staffNames()).toEqual(['Ada Lovelace']);
    expect(h.count('staff.list')).toBe(1);
    h.mute(false);

    window.dispatchEvent(new Event('focus'));
    await vi.waitFor(() => expect(staffNames()).toEqual(['Ada Lovelace', 'Grace Hopper']));
    await settle();
    expect(h.count('changes.since')).toBe(sinceBefore + 1);
    expect(h.count('settings.get')).toBe(1); // settings did not change
    expect(cache.store.getState().seq).toBeGreaterThan(seqBefore);

    // The page becoming visible again does the same.
    h.mute(true);
    await book.client.call('staff.create', { name: 'Alan Turing' });
    h.mute(false);
    expect(document.visibilityState).toBe('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(() => expect(staffNames()).toEqual(['Ada Lovelace', 'Alan Turing', 'Grace Hopper']));
  });

  it('patches the cache with what a mutation returns', async () => {
    cache.retain('settings.get', {});
    await vi.waitFor(() => expect(cache.store.getState().entries[settingsKey()]?.status).toBe('success'));
    const fetchesBefore = h.count('settings.get');
    const updated = await cache.mutate('settings.update', { theme: 'dark' });
    expect(updated.theme).toBe('dark');
    // No event subscription here (start() was not called): the answer came from the mutation.
    expect((cache.store.getState().entries[settingsKey()]?.data as Settings).theme).toBe('dark');
    expect(h.count('settings.get')).toBe(fetchesBefore);
  });

  it('keeps the error of a failed query for the screen to show', async () => {
    await cache.fetch('staff.list', { includeInactive: 'yes' } as never);
    const entry = cache.store.getState().entries[cache.keyOf('staff.list', { includeInactive: 'yes' })];
    expect(entry?.status).toBe('error');
    expect(entry?.error?.code).toBe('VALIDATION');
  });
});
