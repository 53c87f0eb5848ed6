/**
 * The audit trail's capture (issue 6): a single edit is recorded field by field with its before
 * and after values, by the staff profile that made it; creates, moves to the Trash and restores
 * are events of their own; a person's call facts refreshed by a logged call are not; values that
 * must never be copied (a photo's bytes, anything secret) are not.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { book, changesOf, lastEventId, rawEvents } from './audit.helpers.ts';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c626001000000ffff03000006000557bfabd40000000049454e44ae426082',
  'hex',
);

describe('a single edit', () => {
  it('records exactly the fields that changed, with their before and after values', async () => {
    const b = await book();
    const ann = await b.client.call('people.create', {
      person: {
        givenName: 'Ann',
        familyName: 'Lee',
        jobTitle: 'Buyer',
        phones: [{ label: 'work', number: '020 7946 0000' }],
        address: { city: 'Leeds' },
      },
    });
    const from = lastEventId(b);
    b.clock.advance(60_000);
    await b.client.call('people.update', {
      id: ann.id,
      patch: {
        jobTitle: 'Head buyer',
        stage: 'customer',
        doNotCall: true,
        birthday: '1980-04-02',
        phones: [{ label: 'mobile', number: '07700 900123' }],
        tags: ['VIP'],
      },
    });
    const events = rawEvents(b, from);
    // The tag made for them, and the person.
    expect(events.map((e) => [e.action, e.tbl])).toEqual([
      ['create', 'tags'],
      ['update', 'people'],
    ]);
    expect(events[1]).toMatchObject({ row_id: ann.id, label: 'Ann Lee', at: b.clock() });
    const page = await b.client.call('audit.record', { table: 'people', id: ann.id });
    const update = page.rows[0]!;
    expect(update.action).toBe('update');
    expect(update.staffName).toBe('Ada Lovelace');
    expect(changesOf(update)).toEqual({
      'Job title': ['Buyer', 'Head buyer'],
      Stage: ['Lead', 'Customer'],
      'Do not call': ['No', 'Yes'],
      Birthday: [null, '2 Apr 1980'],
      Phones: ['020 7946 0000 (work)', '07700 900123 (mobile)'],
      Tags: [null, 'VIP'],
    });
    // Fields the book keeps for itself never show (updated_at, sort keys, cached primaries).
    expect(update.changes.map((c) => c.field)).not.toContain('updated_at');
    expect(update.changes.map((c) => c.field)).not.toContain('primary_phone');
  });

  it('records a new person with what they were given, once', async () => {
    const b = await book();
    const from = lastEventId(b);
    const ann = await b.client.call('people.create', {
      person: { givenName: 'Ann', familyName: 'Lee', emails: [{ label: 'work', email: 'ann@lee.example' }] },
    });
    const [created, ...rest] = rawEvents(b, from);
    expect(rest).toEqual([]);
    expect(created).toMatchObject({ action: 'create', tbl: 'people', row_id: ann.id, label: 'Ann Lee' });
    const shown = (await b.client.call('audit.record', { table: 'people', id: ann.id })).rows[0]!;
    expect(changesOf(shown)).toMatchObject({
      'First name': [null, 'Ann'],
      'Last name': [null, 'Lee'],
      Emails: [null, 'ann@lee.example (work)'],
      Stage: [null, 'Lead'],
    });
  });

  it('records a logged call as the call (and its follow-up), not as a change to the person', async () => {
    const b = await book();
    const ann = await b.client.call('people.create', { person: { givenName: 'Ann', familyName: 'Lee' } });
    const from = lastEventId(b);
    const { call, followUp } = await b.client.call('calls.log', {
      call: { personId: ann.id, direction: 'out', startedAt: b.clock(), durationS: 95, outcome: 'connected' },
      followUp: { inDays: 7 },
      today: '2026-11-22',
    });
    const events = rawEvents(b, from);
    expect(events.map((e) => [e.action, e.tbl, e.row_id, e.owner, e.label])).toEqual([
      ['create', 'calls', call.id, `people:${ann.id}`, 'Ann Lee'],
      ['create', 'tasks', followUp!.id, `people:${ann.id}`, followUp!.title],
    ]);
    // The person's history includes what hangs on them.
    const history = await b.client.call('audit.record', { table: 'people', id: ann.id });
    expect(history.rows.map((r) => r.table)).toEqual(['tasks', 'calls', 'people']);
    expect(changesOf(history.rows[1]!)).toMatchObject({
      Length: [null, '1 min 35 s'],
      Direction: [null, 'Outgoing'],
    });
  });

  it('records a move to the Trash and a restore as events of their own', async () => {
    const b = await book();
    const ann = await b.client.call('people.create', { person: { givenName: 'Ann', familyName: 'Lee' } });
    const from = lastEventId(b);
    const { batchId } = await b.client.call('people.delete', { ids: [ann.id] });
    await b.client.call('trash.restore', { items: [{ kind: 'person', id: ann.id }] });
    const events = rawEvents(b, from);
    expect(events.map((e) => [e.action, e.tbl, e.row_id, e.label, e.batch_id])).toEqual([
      ['delete', 'people', ann.id, 'Ann Lee', batchId],
      ['restore', 'people', ann.id, 'Ann Lee', null],
    ]);
    expect(events[1]!.summary).toBe('Restored from the Trash');
  });

  it('names the staff profile that made each change', async () => {
    const b = await book();
    const grace = await b.client.call('staff.create', { name: 'Grace Hopper' });
    const ann = await b.client.call('people.create', { person: { givenName: 'Ann', familyName: 'Lee' } });
    await b.client.call('staff.switch', { id: grace.id });
    const from = lastEventId(b);
    await b.client.call('people.update', { id: ann.id, patch: { jobTitle: 'Buyer' } });
    const [update] = rawEvents(b, from);
    expect(update).toMatchObject({ action: 'update', staff_id: grace.id });
    const events = rawEvents(b);
    const ada = events.find((e) => e.tbl === 'people' && e.action === 'create')!.staff_id;
    expect(ada).not.toBe(grace.id);
    // Filtered by profile, the list holds only theirs.
    const mine = await b.client.call('audit.list', { filter: { staffId: grace.id } });
    expect(mine.rows.map((r) => [r.action, r.table])).toEqual([['update', 'people']]);
    expect(mine.rows.every((r) => r.staffName === 'Grace Hopper')).toBe(true);
  });

  it('records settings by name, and custom fields by their label', async () => {
    const b = await book();
    await b.client.call('customFields.create', { entity: 'person', label: 'Shoe size', type: 'number' });
    const field = (await b.client.call('customFields.list', {}))[0]!;
    const ann = await b.client.call('people.create', { person: { givenName: 'Ann', familyName: 'Lee' } });
    const from = lastEventId(b);
    await b.client.call('people.update', { id: ann.id, patch: { custom: { [field.key]: 38 } } });
    await b.client.call('settings.update', { businessName: 'Engines & Co' });
    await b.client.call('settings.update', { theme: 'dark' });
    const { rows } = await b.client.call('audit.list', {});
    const recent = rows.filter((r) => r.id > from);
    expect(recent.map((r) => [r.action, r.table, r.label])).toEqual([
      ['update', 'settings', 'Business name'],
      ['update', 'people', 'Ann Lee'],
    ]);
    expect(changesOf(recent[0]!)).toEqual({ 'Business name': ['Analytical Engines Ltd', 'Engines & Co'] });
    expect(changesOf(recent[1]!)).toEqual({ 'Shoe size': [null, '38'] });
  });

  it('never copies a photo’s bytes, or a secret, into the trail', async () => {
    const b = await book();
    const ann = await b.client.call('people.create', { person: { givenName: 'Ann', familyName: 'Lee' } });
    const { fileId } = b.backend.ctx.files.register(writeTemp(b.dir, 'ann.png', PNG));
    const from = lastEventId(b);
    await b.client.call('people.setPhoto', { id: ann.id, fileId });
    const ctx = b.backend.ctx;
    ctx.writer.write((scope) => {
      ctx.sql.raw.prepare(`INSERT INTO settings (key, value) VALUES ('mailPassword', '"hunter2"')`).run();
      scope.change('settings', 'mailPassword', 'update');
    });
    const events = rawEvents(b, from);
    expect(events.map((e) => [e.action, e.tbl])).toEqual([
      ['update', 'people'],
      ['update', 'settings'],
    ]);
    expect(JSON.parse(events[0]!.detail!).changes).toEqual([
      ['photo', null, `PNG image (${PNG.length} bytes)`],
    ]);
    expect(JSON.parse(events[1]!.detail!).changes).toEqual([['mailPassword', null, '(hidden)']]);
    expect(JSON.stringify(events)).not.toContain('hunter2');
    expect(JSON.stringify(events)).not.toContain(PNG.toString('base64').slice(0, 20));
  });

  it('records nothing for a write that fails', async () => {
    const b = await book();
    const ann = await b.client.call('people.create', { person: { givenName: 'Ann', familyName: 'Lee' } });
    const from = lastEventId(b);
    await expect(
      b.client.call('people.update', { id: ann.id, patch: { ownerId: 'nobody-at-all' } }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/NOT_FOUND|VALIDATION/u) });
    expect(rawEvents(b, from)).toEqual([]);
  });

  it('reads the book as it was before the write on a second connection, opened once', async () => {
    const b = await book();
    const ann = await b.client.call('people.create', { person: { givenName: 'Ann', familyName: 'Lee' } });
    for (let i = 0; i < 5; i++) {
      await b.client.call('people.update', { id: ann.id, patch: { jobTitle: `Title ${i}` } });
    }
    const updates = rawEvents(b).filter((e) => e.action === 'update' && e.tbl === 'people');
    expect(updates.map((e) => JSON.parse(e.detail!).changes[0])).toEqual([
      ['job_title', null, 'Title 0'],
      ['job_title', 'Title 0', 'Title 1'],
      ['job_title', 'Title 1', 'Title 2'],
      ['job_title', 'Title 2', 'Title 3'],
      ['job_title', 'Title 3', 'Title 4'],
    ]);
  });
});

function writeTemp(dir: string, name: string, bytes: Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}
