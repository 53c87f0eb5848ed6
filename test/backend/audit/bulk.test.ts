/**
 * Bulk work is one event each, with counts and a description, never a diff per row: an import,
 * a bulk tag, a merge, an undo, emptying the Trash, restoring several items, a snapshot restored,
 * and every kind of export. A record's history still finds the bulk events that touched it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TestBook } from '../../helpers/book.ts';
import { book, lastEventId, rawEvents } from './audit.helpers.ts';

const counts = (detail: string | null) => (JSON.parse(detail ?? '{}') as { counts?: unknown }).counts;

/** Imports `n` people from a CSV file; returns their ids, in file order. */
async function importPeople(b: TestBook, n: number): Promise<string[]> {
  const lines = ['Name,Email'];
  for (let i = 0; i < n; i++) lines.push(`Person ${String(i).padStart(3, '0')},p${i}@example.com`);
  const file = path.join(b.dir, 'people.csv');
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  const { fileId } = b.backend.ctx.files.register(file);
  const inspection = await b.client.call('import.inspect', { fileId });
  await b.client.call('import.run', {
    format: 'csv',
    kind: 'people',
    fileId,
    encoding: inspection.encoding,
    delimiter: inspection.delimiter,
    headerKey: inspection.headerKey,
    bytes: inspection.file.bytes,
    mapping: inspection.mapping,
    match: 'email',
    blankOverwrites: false,
  });
  return b.book.sqlite
    .prepare(`SELECT id FROM people WHERE deleted_at IS NULL ORDER BY display_name`)
    .pluck()
    .all() as string[];
}

describe('bulk work', () => {
  it('records an import as one event with its counts', async () => {
    const b = await book();
    const from = lastEventId(b);
    const ids = await importPeople(b, 150);
    expect(ids).toHaveLength(150);
    const events = rawEvents(b, from);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'import',
      tbl: null,
      summary: 'Import of “people.csv”',
      count: 150,
    });
    expect(counts(events[0]!.detail)).toEqual({ people: [150, 0, 0] });
    expect(events[0]!.batch_id).not.toBeNull();
    const shown = (await b.client.call('audit.list', { filter: { action: 'import' } })).rows[0]!;
    expect(shown.counts).toEqual([{ table: 'people', created: 150, changed: 0, deleted: 0 }]);
    // A person's history finds the import that made them, through the change log.
    const history = await b.client.call('audit.record', { table: 'people', id: ids[7]! });
    expect(history.rows.map((r) => r.action)).toEqual(['import']);
  });

  it('records a bulk tag, and its undo, as one event each, however few people', async () => {
    const b = await book();
    const ids = await importPeople(b, 120);
    const from = lastEventId(b);
    const few = await b.client.call('people.bulk', {
      target: { ids: ids.slice(0, 3) },
      action: { type: 'tag', tag: 'Few' },
    });
    const many = await b.client.call('people.bulk', {
      target: { filter: {} },
      action: { type: 'tag', tag: 'VIP' },
    });
    await b.client.call('batches.undo', { batchId: many.batchId });
    const events = rawEvents(b, from);
    expect(events.map((e) => [e.action, e.summary, e.count])).toEqual([
      ['bulk', 'Tag 3 people “Few”', 3],
      ['bulk', 'Tag 120 people “VIP”', 120],
      ['undo', 'Undid “Tag 120 people “VIP””', 120],
    ]);
    expect(events.map((e) => e.batch_id)).toEqual([few.batchId, many.batchId, many.batchId]);
    expect(counts(events[1]!.detail)).toEqual({ people: [0, 120, 0], tags: [1, 0, 0] });
    // No diff per row.
    expect(events.every((e) => !(e.detail ?? '').includes('"changes"'))).toBe(true);
    const history = await b.client.call('audit.record', { table: 'people', id: ids[0]! });
    expect(history.rows.map((r) => r.action)).toEqual(['undo', 'bulk', 'bulk', 'import']);
    const notTagged = await b.client.call('audit.record', { table: 'people', id: ids[100]! });
    expect(notTagged.rows.map((r) => r.action)).toEqual(['undo', 'bulk', 'import']);
  });

  it('records a merge as one event about the person kept, with what changed on them', async () => {
    const b = await book();
    const keep = await b.client.call('people.create', { person: { givenName: 'Ann', familyName: 'Lee' } });
    const other = await b.client.call('people.create', {
      person: {
        givenName: 'Ann',
        familyName: 'Lea',
        jobTitle: 'Buyer',
        emails: [{ label: 'work', email: 'ann@lea.example' }],
      },
      allowDuplicate: true,
    });
    await b.client.call('calls.log', {
      call: {
        personId: other.id,
        direction: 'in',
        startedAt: b.clock(),
        durationS: 10,
        outcome: 'connected',
      },
    });
    const from = lastEventId(b);
    await b.client.call('people.merge', { keepId: keep.id, mergeId: other.id, take: { jobTitle: 'merge' } });
    const events = rawEvents(b, from);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'merge',
      tbl: 'people',
      row_id: keep.id,
      label: 'Ann Lee',
      summary: 'Merged Ann Lea into Ann Lee',
      count: 2,
    });
    const detail = JSON.parse(events[0]!.detail!) as { changes: unknown; counts: unknown };
    expect(detail.changes).toEqual([
      ['job_title', null, 'Buyer'],
      ['emails', null, 'ann@lea.example (work)'],
    ]);
    expect(detail.counts).toEqual({ people: [0, 1, 1], calls: [0, 1, 0] });
    // Both people's histories show it.
    for (const id of [keep.id, other.id]) {
      const history = await b.client.call('audit.record', { table: 'people', id });
      expect(history.rows[0]!.action, id).toBe('merge');
    }
  });

  it('records emptying the Trash, and restoring several items, as one event each', async () => {
    const b = await book();
    const ids = await importPeople(b, 5);
    await b.client.call('people.delete', { ids });
    const from = lastEventId(b);
    await b.client.call('trash.restore', {
      items: ids.slice(0, 3).map((id) => ({ kind: 'person' as const, id })),
    });
    const emptied = await b.client.call('trash.empty', {});
    expect(emptied.count).toBe(2);
    const events = rawEvents(b, from);
    expect(events.map((e) => [e.action, e.summary, e.count])).toEqual([
      ['restore', 'Restored 3 items from the Trash', 3],
      ['purge', 'Emptied the Trash: 2 items deleted for good', 2],
    ]);
    expect(counts(events[1]!.detail)).toEqual({ people: [0, 0, 2] });
  });

  it('records a write over many records as one event named by its batch', async () => {
    const b = await book();
    const ids = await importPeople(b, 130);
    const from = lastEventId(b);
    const five = await b.client.call('people.delete', { ids: ids.slice(0, 5) });
    await b.client.call('people.delete', { ids: ids.slice(5) });
    const events = rawEvents(b, from);
    // Five people: one event each, about each of them. 125: one event.
    expect(events.map((e) => e.action)).toEqual(['delete', 'delete', 'delete', 'delete', 'delete', 'delete']);
    expect(events.slice(0, 5).every((e) => e.tbl === 'people' && e.batch_id === five.batchId)).toBe(true);
    expect(events[5]).toMatchObject({ tbl: null, summary: 'Delete 125 people', count: 125 });
    expect(counts(events[5]!.detail)).toEqual({ people: [0, 0, 125] });
  });

  it('records every export, with what was exported and how many rows', async () => {
    const b = await book();
    const ann = await b.client.call('people.create', { person: { givenName: 'Ann', familyName: 'Lee' } });
    await b.client.call('people.create', { person: { givenName: 'Bob', familyName: 'Ray' } });
    const from = lastEventId(b);
    const before = b.book.sqlite.prepare(`SELECT count(*) FROM people`).pluck().get();
    await b.client.call('export.list', { list: 'people' });
    await b.client.call('export.everything', {});
    await b.client.call('export.person', { personId: ann.id });
    await b.client.call('export.vcard', { ids: [ann.id], version: '4.0' });
    const events = rawEvents(b, from);
    expect(events.map((e) => [e.action, e.tbl, e.row_id])).toEqual([
      ['export', null, null],
      ['export', null, null],
      ['export', 'people', ann.id],
      ['export', 'people', ann.id],
    ]);
    expect(events[0]).toMatchObject({ summary: 'Exported 2 contacts to contacts-2026-11-22.csv', count: 2 });
    expect(events[1]!.summary).toMatch(
      /^Exported everything in the book to ledgerline-export-2026-11-22\.zip$/u,
    );
    expect(events[2]).toMatchObject({ label: 'Ann Lee' });
    expect(events.every((e) => e.staff_id !== null)).toBe(true);
    // Nothing in the book changed.
    expect(b.book.sqlite.prepare(`SELECT count(*) FROM people`).pluck().get()).toBe(before);
    // The windows hear that the trail changed.
    const changed = b.events.filter((e) => e.event === 'db.changed').at(-1)!.payload as { tables: string[] };
    expect(changed.tables).toEqual(['audit']);
  });

  it('records a snapshot restored, and keeps the events since the snapshot', async () => {
    const b = await book();
    await b.client.call('people.create', { person: { givenName: 'Ann', familyName: 'Lee' } });
    const snap = await b.client.call('backups.take', {});
    b.clock.advance(3_600_000);
    const eve = await b.client.call('people.create', { person: { givenName: 'Eve', familyName: 'Lee' } });
    const trailBefore = rawEvents(b);
    await b.client.call('backups.restore', { file: snap.file });
    // Eve is gone from the book, not from the trail.
    expect(b.book.sqlite.prepare(`SELECT count(*) FROM people WHERE id = ?`).pluck().get(eve.id)).toBe(0);
    const trailAfter = rawEvents(b);
    expect(trailAfter.slice(0, trailBefore.length)).toEqual(trailBefore);
    const [restore, ...rest] = trailAfter.slice(trailBefore.length);
    expect(rest).toEqual([]);
    expect(restore).toMatchObject({ action: 'snapshot-restore', count: null, detail: null });
    expect(restore!.summary).toMatch(
      new RegExp(`^Restored a snapshot taken by hand of .+ \\(${snap.file.replaceAll('.', '\\.')}\\)$`, 'u'),
    );
  });
});
