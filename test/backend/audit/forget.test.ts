/**
 * Erasing a person: forgetInTrail removes what the trail knew of the erased records (their names,
 * and the before and after values of their fields) while keeping that each event happened, who
 * did it and which fields it changed; the names come out of the bulk events that touched them
 * (a merge names both people); and the erasing write copies none of their values into the trail.
 */
import { describe, expect, it } from 'vitest';
import { forgetInTrail, ERASED } from '../../../electron/backend/audit/audit.forget.ts';
import { noteAudit } from '../../../electron/backend/audit/audit.capture.ts';
import { book, lastEventId, rawEvents } from './audit.helpers.ts';

describe('forgetInTrail', () => {
  it('removes the values and names of the erased records’ events, keeping the events', async () => {
    const b = await book();
    const ann = await b.client.call('people.create', {
      person: {
        givenName: 'Ann',
        familyName: 'Lee',
        jobTitle: 'Buyer',
        emails: [{ label: 'work', email: 'ann@lee.example' }],
      },
    });
    const bob = await b.client.call('people.create', { person: { givenName: 'Bob', familyName: 'Ray' } });
    await b.client.call('people.update', { id: ann.id, patch: { jobTitle: 'Head buyer' } });
    const { call } = await b.client.call('calls.log', {
      call: {
        personId: ann.id,
        direction: 'out',
        startedAt: b.clock(),
        durationS: 60,
        outcome: 'connected',
        summary: 'Ann wants a quote',
      },
    });
    const dup = await b.client.call('people.create', {
      person: { givenName: 'Ann', familyName: 'Lea' },
      allowDuplicate: true,
    });
    await b.client.call('people.merge', { keepId: ann.id, mergeId: dup.id });
    const before = rawEvents(b);
    const aboutAnn = before.filter((e) => e.row_id === ann.id || e.row_id === call.id);
    expect(aboutAnn.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(aboutAnn)).toContain('Head buyer');
    expect(JSON.stringify(aboutAnn)).toContain('ann@lee.example');
    const merge = before.find((e) => e.action === 'merge')!;
    expect(merge.summary).toBe('Merged Ann Lea into Ann Lee');

    const ctx = b.backend.ctx;
    const result = ctx.writer.write((scope) => {
      const done = forgetInTrail(ctx, scope, [
        { table: 'people', id: ann.id },
        { table: 'calls', id: call.id },
        { table: 'people', id: dup.id },
      ]);
      // The erasure itself changes the rows: none of their values may reach the trail.
      ctx.sql.raw
        .prepare(`UPDATE people SET display_name = 'Erased', job_title = NULL WHERE id = ?`)
        .run(ann.id);
      scope.change('people', ann.id, 'update');
      noteAudit(scope, { action: 'erase', summary: 'Erased a person for good' });
      return done;
    });
    expect(result.forgotten).toBe(aboutAnn.length + before.filter((e) => e.row_id === dup.id).length);

    const after = rawEvents(b);
    // Nothing removed; one event added (the erasure's own).
    expect(after.slice(0, before.length).map((e) => e.id)).toEqual(before.map((e) => e.id));
    expect(after.slice(before.length).map((e) => e.action)).toEqual(['erase']);
    for (const e of after.filter((x) => x.row_id === ann.id || x.row_id === call.id || x.row_id === dup.id)) {
      expect(e.forgotten).toBe(1);
      expect(e.label).toBeNull();
      const text = JSON.stringify(e);
      for (const secret of [
        'Head buyer',
        'Buyer',
        'ann@lee.example',
        'Ann wants a quote',
        'Ann Lee',
        'Ann Lea',
      ]) {
        expect(text).not.toContain(secret);
      }
    }
    // The fields that changed are still named.
    const update = after.find((e) => e.row_id === ann.id && e.action === 'update')!;
    expect(JSON.parse(update.detail!)).toEqual({ fields: ['job_title'] });
    // The merge event: its names erased, the event and its counts kept.
    const mergeAfter = after.find((e) => e.id === merge.id)!;
    expect(mergeAfter.summary).toBe(`Merged ${ERASED} into ${ERASED}`);
    expect(JSON.parse(mergeAfter.detail!).counts).toEqual(JSON.parse(merge.detail!).counts);
    // Other people's events keep their values.
    const bobEvent = after.find((e) => e.row_id === bob.id)!;
    expect(bobEvent).toMatchObject({ label: 'Bob Ray', forgotten: 0 });
    // No event anywhere still holds their details.
    const everything = JSON.stringify(after);
    for (const secret of ['Head buyer', 'ann@lee.example', 'Ann wants a quote', 'Ann Lee', 'Ann Lea']) {
      expect(everything).not.toContain(secret);
    }

    // Read back, the events say which fields changed, without values.
    const page = await b.client.call('audit.record', { table: 'people', id: ann.id });
    const shown = page.rows.find((r) => r.action === 'update')!;
    expect(shown.forgotten).toBe(true);
    expect(shown.changes).toEqual([{ field: 'job_title', label: 'Job title', before: null, after: null }]);
  });

  it('changes nothing when the write that calls it fails', async () => {
    const b = await book();
    const ann = await b.client.call('people.create', { person: { givenName: 'Ann', familyName: 'Lee' } });
    const before = rawEvents(b);
    const ctx = b.backend.ctx;
    expect(() =>
      ctx.writer.write((scope) => {
        forgetInTrail(ctx, scope, [{ table: 'people', id: ann.id }]);
        throw new Error('the erasure stopped');
      }),
    ).toThrow('the erasure stopped');
    expect(rawEvents(b)).toEqual(before);
    expect(lastEventId(b)).toBe(before.at(-1)!.id);
  });
});
