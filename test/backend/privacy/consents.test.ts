/**
 * The consent ledger (issue 6): answers recorded, withdrawn, never edited; where each purpose
 * stands now; bad requests refused without a trace; merges, the Trash, the editable list and
 * the person's data export all know about it.
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ConsentEntry } from '../../../shared/api/requests/privacy.requests.ts';
import { statusOf } from '../../../electron/backend/privacy/consents.ts';
import { salesBook, type SalesBook } from '../sales/sales.fixtures.ts';
import { count, dumpBook, expectSound } from './privacy.fixtures.ts';

const day = (d: number) => Date.UTC(2026, 9, d, 12);

/** The change log's entries for one consent entry (what sync and the screens follow). */
function logged(b: SalesBook, table: string, rowId: string): string[] {
  return b.book.sqlite
    .prepare(`SELECT op FROM changes WHERE tbl = ? AND row_id = ? ORDER BY seq`)
    .pluck()
    .all(table, rowId) as string[];
}

async function refused(b: SalesBook, name: string, input: unknown, code: string, path?: string) {
  const before = dumpBook(b);
  const answer = await b.backend.invoke(name as 'consents.record', input as never);
  expect(answer.ok, JSON.stringify(input)).toBe(false);
  if (answer.ok) return;
  expect(answer.error.code, answer.error.message).toBe(code);
  expect(answer.error.message.length).toBeGreaterThan(10);
  if (path) {
    const issues = (answer.error.details as { issues?: { path: string }[] }).issues ?? [];
    expect(issues.map((i) => i.path)).toContain(path);
  }
  expect(dumpBook(b)).toBe(before);
}

describe('consents', () => {
  it('records answers and withdrawals, and says where each purpose stands', async () => {
    const b = await salesBook();
    const c = b.client;
    const empty = await c.call('consents.list', { personId: 'ann' });
    expect(empty.history).toEqual([]);
    expect(empty.statuses.map((s) => [s.purpose, s.state])).toEqual([
      ['Marketing emails', 'never'],
      ['Phone calls', 'never'],
      ['Text messages', 'never'],
      ['Post', 'never'],
      ['Sharing with partners', 'never'],
    ]);

    const granted = await c.call('consents.record', {
      personId: 'ann',
      purpose: 'Marketing emails',
      decision: 'granted',
      decidedAt: day(1),
      method: 'web_form',
      note: 'Newsletter box ticked',
    });
    expect(granted).toMatchObject({
      personId: 'ann',
      purpose: 'Marketing emails',
      decision: 'granted',
      decidedAt: day(1),
      method: 'web_form',
      note: 'Newsletter box ticked',
      recordedBy: 'Ada Lovelace',
      recordedAt: b.clock(),
      withdrawal: null,
    });
    await c.call('consents.record', {
      personId: 'ann',
      purpose: 'Phone calls',
      decision: 'refused',
      decidedAt: day(2),
      method: 'call',
    });
    let now = await c.call('consents.list', { personId: 'ann' });
    const state = (p: string) => now.statuses.find((s) => s.purpose === p)!;
    expect(state('Marketing emails')).toMatchObject({ state: 'given', since: day(1), method: 'web_form' });
    expect(state('Phone calls')).toMatchObject({ state: 'refused', since: day(2), method: 'call' });
    expect(state('Post')).toMatchObject({ state: 'never', since: null, entryId: null });

    b.clock.advance(60_000);
    const withdrawn = await c.call('consents.withdraw', {
      consentId: granted.id,
      withdrawnAt: day(10),
      method: 'email',
      note: 'Replied STOP',
    });
    expect(withdrawn.withdrawal).toMatchObject({
      withdrawnAt: day(10),
      method: 'email',
      note: 'Replied STOP',
      recordedBy: 'Ada Lovelace',
    });
    // The entry itself is as it was recorded: the ledger keeps its history.
    expect({ ...withdrawn, withdrawal: null }).toEqual(granted);
    now = await c.call('consents.list', { personId: 'ann' });
    expect(state('Marketing emails')).toMatchObject({ state: 'withdrawn', since: day(10), method: 'email' });
    expect(now.history.map((e) => [e.purpose, e.decision, e.withdrawal !== null])).toEqual([
      ['Phone calls', 'refused', false],
      ['Marketing emails', 'granted', true],
    ]);

    // Agreeing again later is a new entry; the old one stays withdrawn.
    await c.call('consents.record', {
      personId: 'ann',
      purpose: 'Marketing emails',
      decision: 'granted',
      decidedAt: day(20),
      method: 'in_person',
    });
    now = await c.call('consents.list', { personId: 'ann' });
    expect(state('Marketing emails')).toMatchObject({ state: 'given', since: day(20), method: 'in_person' });
    expect(now.history).toHaveLength(3);
    expect(count(b, 'consent_withdrawals')).toBe(1);
    expectSound(b);
  });

  it('refuses bad answers and withdrawals, and changes nothing', async () => {
    const b = await salesBook();
    const c = b.client;
    const base = {
      personId: 'ann',
      purpose: 'Post',
      decision: 'granted' as const,
      decidedAt: day(1),
      method: 'paper_form' as const,
    };
    await refused(b, 'consents.record', { ...base, personId: 'nobody' }, 'NOT_FOUND');
    await refused(b, 'consents.record', { ...base, purpose: 'Carrier pigeon' }, 'VALIDATION', 'purpose');
    await refused(b, 'consents.record', { ...base, decision: 'maybe' }, 'VALIDATION', 'decision');
    await refused(b, 'consents.record', { ...base, method: 'telepathy' }, 'VALIDATION', 'method');
    await refused(
      b,
      'consents.record',
      { ...base, decidedAt: b.clock() + 86_400_000 },
      'VALIDATION',
      'decidedAt',
    );
    await refused(b, 'consents.record', { ...base, decidedAt: -1 }, 'VALIDATION', 'decidedAt');
    await refused(b, 'consents.record', { ...base, note: 'x'.repeat(1001) }, 'VALIDATION', 'note');
    await refused(b, 'consents.record', { ...base, extra: 1 }, 'VALIDATION');

    const refusal = await c.call('consents.record', { ...base, decision: 'refused' as const });
    const given = await c.call('consents.record', { ...base, purpose: 'Text messages', decidedAt: day(5) });
    const w = { consentId: given.id, withdrawnAt: day(6), method: 'email' as const };
    await refused(b, 'consents.withdraw', { ...w, consentId: 'nothing' }, 'NOT_FOUND');
    await refused(b, 'consents.withdraw', { ...w, consentId: refusal.id }, 'CONFLICT');
    await refused(b, 'consents.withdraw', { ...w, withdrawnAt: day(4) }, 'VALIDATION', 'withdrawnAt');
    await refused(
      b,
      'consents.withdraw',
      { ...w, withdrawnAt: b.clock() + 86_400_000 },
      'VALIDATION',
      'withdrawnAt',
    );
    await refused(b, 'consents.withdraw', { ...w, method: 'shout' }, 'VALIDATION', 'method');
    await c.call('consents.withdraw', w);
    await refused(b, 'consents.withdraw', w, 'CONFLICT');

    // A purpose taken off the list is no longer offered for new answers, but keeps its history.
    await c.call('lists.set', {
      list: 'consent_purpose',
      values: [{ value: 'Marketing emails' }, { value: 'Phone calls' }],
    });
    await refused(b, 'consents.record', { ...base, purpose: 'Text messages' }, 'VALIDATION', 'purpose');
    const list = await c.call('lists.get', { list: 'consent_purpose' });
    expect(list.map((v) => [v.value, v.active])).toEqual([
      ['Marketing emails', true],
      ['Phone calls', true],
      ['Text messages', false],
      ['Post', false],
    ]);
    const now = await c.call('consents.list', { personId: 'ann' });
    expect(now.statuses.map((s) => [s.purpose, s.offered, s.state])).toEqual([
      ['Marketing emails', true, 'never'],
      ['Phone calls', true, 'never'],
      ['Post', false, 'refused'],
      ['Text messages', false, 'withdrawn'],
    ]);

    // Someone in the Trash takes no new answers.
    await c.call('people.delete', { ids: ['ann'] });
    await refused(b, 'consents.record', { ...base, purpose: 'Phone calls' }, 'NOT_FOUND');
  });

  it('follows a merge to the person kept, and back on undo, keeping a withdrawal made meanwhile', async () => {
    const b = await salesBook();
    const c = b.client;
    const bobs = await c.call('consents.record', {
      personId: 'bob',
      purpose: 'Post',
      decision: 'granted',
      decidedAt: day(1),
      method: 'paper_form',
    });
    const merge = await c.call('people.merge', { keepId: 'ann', mergeId: 'bob', take: {} });
    expect((await c.call('consents.list', { personId: 'ann' })).history.map((e) => e.id)).toEqual([bobs.id]);
    await c.call('consents.withdraw', { consentId: bobs.id, withdrawnAt: day(2), method: 'call' });
    const before = logged(b, 'consents', bobs.id).length;
    await c.call('batches.undo', { batchId: merge.batchId });
    // Moving the entry back is a change like any other: it is logged and announced.
    expect(logged(b, 'consents', bobs.id).slice(before)).toEqual(['update']);
    const back = await c.call('consents.list', { personId: 'bob' });
    expect(back.history.map((e) => [e.id, e.withdrawal?.withdrawnAt])).toEqual([[bobs.id, day(2)]]);
    expect((await c.call('consents.list', { personId: 'ann' })).history).toEqual([]);
    expectSound(b);
  });

  it('goes with a person emptied from the Trash, and is in their data export', async () => {
    const b = await salesBook();
    const c = b.client;
    const entry = await c.call('consents.record', {
      personId: 'bob',
      purpose: 'Sharing with partners',
      decision: 'granted',
      decidedAt: day(1),
      method: 'email',
      note: 'Said yes to the partner offers',
    });
    await c.call('consents.withdraw', { consentId: entry.id, withdrawnAt: day(3), method: 'web_form' });

    const done = await c.call('export.person', { personId: 'bob' });
    const zip = unzipSync(fs.readFileSync(b.backend.ctx.files.path(done.download!.fileId)));
    const tables = (
      JSON.parse(strFromU8(zip['person.json']!)) as { tables: Record<string, Record<string, unknown>[]> }
    ).tables;
    expect(tables.consents!.map((r) => r.note)).toEqual(['Said yes to the partner offers']);
    expect(tables.consent_withdrawals!.map((r) => r.method)).toEqual(['web_form']);
    expect(Object.keys(zip)).toEqual(expect.arrayContaining(['consents.csv', 'consent_withdrawals.csv']));

    await c.call('people.delete', { ids: ['bob'] });
    const emptied = await c.call('trash.empty', {});
    expect(emptied.kept).toBe(0);
    expect(count(b, 'consents')).toBe(0);
    expect(count(b, 'consent_withdrawals')).toBe(0);
    expect(logged(b, 'consents', entry.id)).toEqual(['insert', 'delete']);
    expect(logged(b, 'consent_withdrawals', entry.id)).toEqual(['insert', 'delete']);
    expectSound(b);
  });
});

describe('statusOf', () => {
  const entry = (i: number, e: Partial<ConsentEntry>): ConsentEntry => ({
    id: `c${i}`,
    personId: 'p',
    purpose: 'Post',
    decision: 'granted',
    decidedAt: 0,
    method: 'call',
    note: null,
    recordedAt: i,
    recordedBy: null,
    withdrawal: null,
    ...e,
  });

  it('is the newest event: an answer or a withdrawal, the later recorded on the same instant', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            decidedAt: fc.integer({ min: 0, max: 20 }),
            granted: fc.boolean(),
            withdrawnAfter: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
          }),
          { maxLength: 8 },
        ),
        (answers) => {
          const entries = answers.map((a, i) =>
            entry(i, {
              decision: a.granted ? 'granted' : 'refused',
              decidedAt: a.decidedAt,
              withdrawal:
                a.granted && a.withdrawnAfter !== null
                  ? {
                      withdrawnAt: a.decidedAt + a.withdrawnAfter,
                      method: 'email',
                      note: null,
                      recordedAt: 100 + i,
                      recordedBy: null,
                    }
                  : null,
            }),
          );
          // The model: every event with its (time, recorded) order; the last one wins.
          const events = entries.flatMap((e) => [
            {
              at: e.decidedAt,
              rec: e.recordedAt,
              w: 0,
              state: e.decision === 'granted' ? 'given' : 'refused',
            },
            ...(e.withdrawal
              ? [{ at: e.withdrawal.withdrawnAt, rec: e.withdrawal.recordedAt, w: 1, state: 'withdrawn' }]
              : []),
          ]);
          events.sort((x, y) => x.at - y.at || x.rec - y.rec || x.w - y.w);
          const expected = events.at(-1)?.state ?? 'never';
          const shuffled = [...entries].reverse();
          expect(statusOf('Post', true, shuffled).state).toBe(expected);
          expect(statusOf('Phone calls', true, entries).state).toBe('never');
        },
      ),
    );
  });
});
