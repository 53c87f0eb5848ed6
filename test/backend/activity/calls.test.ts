import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RequestInput } from '../../../shared/api/requests.ts';
import {
  DAY,
  HOUR,
  activityBook,
  addCompany,
  addPerson,
  changeCount,
  indexed,
  personFacts,
  ftsRefs,
  tablesChangedBy,
  type ActivityBook,
} from './activity.fixtures.ts';

type CallInput = RequestInput<'calls.log'>['call'];
const call = (b: ActivityBook, extra: Partial<CallInput> = {}): CallInput => ({
  personId: 'ann',
  direction: 'out',
  startedAt: b.clock() - HOUR,
  durationS: 95,
  outcome: 'connected',
  summary: '',
  ...extra,
});

async function withAnn() {
  const b = await activityBook();
  addCompany(b, 'acme', 'Acme Ltd');
  addPerson(b, 'ann', 'Ann Lee', { companyId: 'acme' });
  addPerson(b, 'bob', 'Bob Ray');
  return b;
}

describe('calls.log', () => {
  it('logs a call by the current staff, fills in the person’s company and returns names and the connected flag', async () => {
    const b = await withAnn();
    const { call: c, followUp } = await b.client.call('calls.log', {
      call: call(b, { purpose: 'Quote', response: 'positive', summary: '  Wants a quote for 40 chairs  ' }),
    });
    expect(followUp).toBeNull();
    expect(c).toMatchObject({
      personId: 'ann',
      personName: 'Ann Lee',
      companyId: 'acme',
      companyName: 'Acme Ltd',
      staffId: b.me,
      staffName: 'Ada Lovelace',
      outcome: 'connected',
      connected: true,
      purpose: 'Quote',
      response: 'positive',
      summary: 'Wants a quote for 40 chairs',
      createdAt: b.clock(),
    });
    expect(await b.client.call('calls.get', { id: c.id })).toEqual(c);
    const row = b.book.sqlite.prepare(`SELECT created_by, updated_by FROM calls WHERE id = ?`).get(c.id);
    expect(row).toEqual({ created_by: b.me, updated_by: b.me });
  });

  it('keeps a company given explicitly and logs calls with no person', async () => {
    const b = await withAnn();
    addCompany(b, 'other', 'Other Co');
    const a = await b.client.call('calls.log', { call: call(b, { companyId: 'other' }) });
    expect(a.call.companyId).toBe('other');
    const unknown = await b.client.call('calls.log', {
      call: call(b, { personId: null, direction: 'in', outcome: 'wrong number' }),
    });
    expect(unknown.call).toMatchObject({ personId: null, companyId: null, connected: false });
  });

  it('creates the follow-up call task in the same save, due in N days from the user’s today', async () => {
    const b = await withAnn();
    const before = changeCount(b);
    const tables = await tablesChangedBy(b, async () => {
      const { call: c, followUp } = await b.client.call('calls.log', {
        call: call(b),
        followUp: { inDays: 3 },
        today: '2026-11-22',
      });
      expect(followUp).toMatchObject({
        type: 'call',
        title: 'Call Ann Lee',
        dueDate: '2026-11-25',
        assigneeId: b.me,
        personId: 'ann',
        companyId: 'acme',
        doneAt: null,
      });
      const link = b.book.sqlite.prepare(`SELECT call_id FROM tasks WHERE id = ?`).pluck().get(followUp?.id);
      expect(link).toBe(c.id);
    });
    // One transaction: one event naming the call, the task and the person's facts.
    expect(tables).toEqual(['calls', 'people', 'tasks']);
    expect(changeCount(b) - before).toBe(3);
    const agenda = await b.client.call('tasks.agenda', { date: '2026-11-22', days: 7 });
    expect(agenda.upcoming.map((t) => t.title)).toEqual(['Call Ann Lee']);
    const onTheDay = await b.client.call('tasks.agenda', { date: '2026-11-25' });
    expect(onTheDay.today.map((t) => t.title)).toEqual(['Call Ann Lee']);
  });

  it('takes a follow-up on a date with its own title, and one due today (0 days)', async () => {
    const b = await withAnn();
    const onDate = await b.client.call('calls.log', {
      call: call(b),
      followUp: { date: '2027-01-04', title: 'Ring about the renewal' },
    });
    expect(onDate.followUp).toMatchObject({ dueDate: '2027-01-04', title: 'Ring about the renewal' });
    const today = await b.client.call('calls.log', {
      call: call(b, { personId: 'bob' }),
      followUp: { inDays: 0 },
      today: '2026-11-22',
    });
    expect(today.followUp).toMatchObject({ dueDate: '2026-11-22', title: 'Call Bob Ray' });
    expect((await b.client.call('tasks.agenda', { date: '2026-11-22' })).today).toHaveLength(1);
  });

  it('rejects bad input at the field and writes nothing', async () => {
    const b = await withAnn();
    await b.client.call('lists.set', {
      list: 'call_purpose',
      values: [{ value: 'Quote' }, { value: 'Old purpose', active: false }],
    });
    const before = changeCount(b);
    const cases: [RequestInput<'calls.log'>, string, string][] = [
      [{ call: call(b, { durationS: -5 }) }, 'VALIDATION', 'call.durationS'],
      [{ call: call(b, { outcome: 'sort of' }) }, 'VALIDATION', 'call.outcome'],
      [{ call: call(b, { purpose: 'Gossip' }) }, 'VALIDATION', 'call.purpose'],
      [{ call: call(b, { purpose: 'Old purpose' }) }, 'VALIDATION', 'call.purpose'],
      [{ call: call(b, { personId: 'nobody' }) }, 'NOT_FOUND', 'call.personId'],
      [{ call: call(b, { companyId: 'nowhere' }) }, 'NOT_FOUND', 'call.companyId'],
      [{ call: call(b), followUp: { inDays: 2 } }, 'VALIDATION', 'today'],
      [{ call: call(b), followUp: { date: '2026-02-30' } }, 'VALIDATION', 'followUp.date'],
      [{ call: call(b, { personId: null }), followUp: { date: '2026-12-01' } }, 'VALIDATION', 'followUp'],
    ];
    for (const [input, code, path] of cases) {
      const err = await b.client.call('calls.log', input).catch((e: unknown) => e);
      expect(err, path).toMatchObject({ code, details: { issues: [expect.objectContaining({ path })] } });
    }
    // The outcome message is short: it does not list every choice.
    const err = await b.client
      .call('calls.log', { call: call(b, { outcome: 'sort of' }) })
      .catch((e: Error) => e);
    expect((err as Error).message).toBe('Choose an outcome from the list.');
    expect(changeCount(b)).toBe(before);
    expect(b.book.sqlite.prepare(`SELECT count(*) FROM calls`).pluck().get()).toBe(0);
    expect(b.book.sqlite.prepare(`SELECT count(*) FROM tasks`).pluck().get()).toBe(0);
  });

  it('refuses a person in the Trash', async () => {
    const b = await withAnn();
    b.book.sqlite.prepare(`UPDATE people SET deleted_at = 1 WHERE id = 'bob'`).run();
    await expect(b.client.call('calls.log', { call: call(b, { personId: 'bob' }) })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('calls.update and calls.delete', () => {
  it('changes only what the patch names and keeps the summary searchable', async () => {
    const b = await withAnn();
    const { call: c } = await b.client.call('calls.log', {
      call: call(b, { summary: 'Asked about invoices', purpose: 'Support' }),
    });
    expect(ftsRefs(b, 'invoices')).toEqual([c.id]);
    b.clock.advance(60_000);
    const tables = await tablesChangedBy(b, async () => {
      const u = await b.client.call('calls.update', { id: c.id, patch: { durationS: 300 } });
      expect(u).toMatchObject({ durationS: 300, summary: 'Asked about invoices', purpose: 'Support' });
    });
    expect(tables).toEqual(['calls']);
    const u2 = await b.client.call('calls.update', { id: c.id, patch: { summary: 'Chased the delivery' } });
    expect(u2.summary).toBe('Chased the delivery');
    expect(ftsRefs(b, 'invoices')).toEqual([]);
    expect(ftsRefs(b, 'deliv*')).toEqual([c.id]);
    expect(b.book.sqlite.prepare(`SELECT updated_at FROM calls WHERE id = ?`).pluck().get(c.id)).toBe(
      b.clock(),
    );
  });

  it('moves a call to another person, whose company follows, and checks the new links', async () => {
    const b = await withAnn();
    addCompany(b, 'bobco', 'Bob & Co');
    b.book.sqlite.prepare(`UPDATE people SET company_id = 'bobco' WHERE id = 'bob'`).run();
    const { call: c } = await b.client.call('calls.log', { call: call(b) });
    const moved = await b.client.call('calls.update', { id: c.id, patch: { personId: 'bob' } });
    expect(moved).toMatchObject({ personId: 'bob', companyId: 'bobco', companyName: 'Bob & Co' });
    const before = changeCount(b);
    for (const [patch, code, path] of [
      [{ personId: 'ghost' }, 'NOT_FOUND', 'patch.personId'],
      [{ companyId: 'ghost' }, 'NOT_FOUND', 'patch.companyId'],
      [{ outcome: 'meh' }, 'VALIDATION', 'patch.outcome'],
      [{ durationS: -1 }, 'VALIDATION', 'patch.durationS'],
    ] as const) {
      await expect(b.client.call('calls.update', { id: c.id, patch }), path).rejects.toMatchObject({
        code,
        details: { issues: expect.arrayContaining([expect.objectContaining({ path })]) },
      });
    }
    expect(changeCount(b)).toBe(before);
  });

  it('keeps an outcome that has since become inactive when the call is edited otherwise', async () => {
    const b = await withAnn();
    const { call: c } = await b.client.call('calls.log', { call: call(b, { outcome: 'busy' }) });
    const outcomes = await b.client.call('lists.get', { list: 'call_outcome' });
    await b.client.call('lists.set', {
      list: 'call_outcome',
      values: outcomes
        .filter((v) => v.value !== 'busy')
        .map(({ value, connected }) => ({ value, connected })),
    });
    const u = await b.client.call('calls.update', { id: c.id, patch: { outcome: 'busy', durationS: 1 } });
    expect(u).toMatchObject({ outcome: 'busy', durationS: 1 });
    await expect(b.client.call('calls.log', { call: call(b, { outcome: 'busy' }) })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('deletes softly: gone from get, list and search, row kept for the Trash', async () => {
    const b = await withAnn();
    const { call: c } = await b.client.call('calls.log', { call: call(b, { summary: 'Pricing talk' }) });
    expect(indexed(b, c.id)).toBe(true);
    const tables = await tablesChangedBy(b, () => b.client.call('calls.delete', { id: c.id }));
    expect(tables).toEqual(['calls', 'people']);
    await expect(b.client.call('calls.get', { id: c.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await b.client.call('calls.list', {})).rows).toEqual([]);
    expect(indexed(b, c.id)).toBe(false);
    expect(b.book.sqlite.prepare(`SELECT deleted_at FROM calls WHERE id = ?`).pluck().get(c.id)).toBe(
      b.clock(),
    );
    await expect(b.client.call('calls.delete', { id: c.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(b.client.call('calls.update', { id: c.id, patch: { durationS: 1 } })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('a person’s call facts', () => {
  it('keeps last contact, last attempt and next call current through log, update, delete and complete', async () => {
    const b = await withAnn();
    const t0 = b.clock() - 10 * DAY;
    expect(personFacts(b, 'ann')).toEqual({
      last_contact_at: null,
      last_attempt_at: null,
      next_call_at: null,
    });

    const first = await b.client.call('calls.log', { call: call(b, { startedAt: t0 }) });
    expect(personFacts(b, 'ann')).toMatchObject({ last_contact_at: t0, last_attempt_at: t0 });

    const attempt = await b.client.call('calls.log', {
      call: call(b, { startedAt: t0 + DAY, outcome: 'no answer' }),
      followUp: { date: '2026-11-30' },
    });
    expect(personFacts(b, 'ann')).toEqual({
      last_contact_at: t0,
      last_attempt_at: t0 + DAY,
      next_call_at: Date.UTC(2026, 10, 30),
    });

    // The attempt turns out to have been a conversation.
    await b.client.call('calls.update', { id: attempt.call.id, patch: { outcome: 'connected' } });
    expect(personFacts(b, 'ann').last_contact_at).toBe(t0 + DAY);
    // Moved earlier in time.
    await b.client.call('calls.update', { id: attempt.call.id, patch: { startedAt: t0 - DAY } });
    expect(personFacts(b, 'ann')).toMatchObject({ last_contact_at: t0, last_attempt_at: t0 });

    await b.client.call('calls.delete', { id: first.call.id });
    expect(personFacts(b, 'ann')).toMatchObject({ last_contact_at: t0 - DAY, last_attempt_at: t0 - DAY });

    const task = attempt.followUp?.id as string;
    await b.client.call('tasks.complete', { id: task, done: true });
    expect(personFacts(b, 'ann').next_call_at).toBeNull();
    await b.client.call('tasks.complete', { id: task, done: false });
    expect(personFacts(b, 'ann').next_call_at).toBe(Date.UTC(2026, 10, 30));
    await b.client.call('tasks.update', { id: task, patch: { dueDate: '2026-12-02', dueAt: null } });
    expect(personFacts(b, 'ann').next_call_at).toBe(Date.UTC(2026, 11, 2));
    await b.client.call('tasks.delete', { id: task });
    expect(personFacts(b, 'ann').next_call_at).toBeNull();

    // Moving the remaining call to Bob moves the facts with it.
    await b.client.call('calls.update', { id: attempt.call.id, patch: { personId: 'bob' } });
    expect(personFacts(b, 'ann')).toEqual({
      last_contact_at: null,
      last_attempt_at: null,
      next_call_at: null,
    });
    expect(personFacts(b, 'bob')).toMatchObject({ last_contact_at: t0 - DAY, last_attempt_at: t0 - DAY });
  });
});

describe('calls.list and calls.totals', () => {
  async function seeded() {
    const b = await withAnn();
    const priya = await b.client.call('staff.create', { name: 'Priya' });
    const t = b.clock();
    const log = async (extra: Partial<CallInput>) =>
      (await b.client.call('calls.log', { call: call(b, extra) })).call;
    await log({ startedAt: t - 5 * HOUR, durationS: 120, purpose: 'Quote' });
    await log({ startedAt: t - 4 * HOUR, durationS: 0, outcome: 'no answer', personId: 'bob' });
    await b.client.call('staff.switch', { id: priya.id });
    await log({ startedAt: t - 3 * HOUR, durationS: 600, direction: 'in' });
    await log({ startedAt: t - 2 * DAY, durationS: 30, outcome: 'voicemail' });
    return { b, priya, t };
  }

  it('lists newest first with names, and filters by each field', async () => {
    const { b, priya, t } = await seeded();
    const all = await b.client.call('calls.list', {});
    expect(all.rows.map((c) => c.startedAt)).toEqual([t - 3 * HOUR, t - 4 * HOUR, t - 5 * HOUR, t - 2 * DAY]);
    expect(all.rows[0]).toMatchObject({ staffName: 'Priya', personName: 'Ann Lee', companyName: 'Acme Ltd' });
    const count = async (filter: RequestInput<'calls.list'>['filter']) =>
      (await b.client.call('calls.list', { filter })).rows.length;
    expect(await count({ from: t - DAY })).toBe(3);
    expect(await count({ from: t - DAY, to: t - 3 * HOUR })).toBe(2); // `to` is exclusive
    expect(await count({ outcome: 'connected' })).toBe(2);
    expect(await count({ purpose: 'Quote' })).toBe(1);
    expect(await count({ staffId: priya.id })).toBe(2);
    expect(await count({ staffId: b.me, personId: 'ann' })).toBe(1);
    expect(await count({ direction: 'in' })).toBe(1);
    expect(await count({ personId: 'bob' })).toBe(1);
    expect(await count({ companyId: 'acme' })).toBe(3);
    expect(await count({ companyId: 'acme', outcome: 'voicemail', staffId: priya.id })).toBe(1);
  });

  it('totals count, conversations, connected rate and talk time for the same filters', async () => {
    const { b, t } = await seeded();
    expect(await b.client.call('calls.totals', {})).toEqual({
      count: 4,
      connected: 2,
      connectedRate: 0.5,
      talkTimeS: 750,
    });
    expect(await b.client.call('calls.totals', { filter: { from: t - DAY, personId: 'ann' } })).toEqual({
      count: 2,
      connected: 2,
      connectedRate: 1,
      talkTimeS: 720,
    });
    expect(await b.client.call('calls.totals', { filter: { outcome: 'busy' } })).toEqual({
      count: 0,
      connected: 0,
      connectedRate: 0,
      talkTimeS: 0,
    });
    // "call back later" counted as a conversation once the list says so.
    await b.client.call('calls.log', { call: call(b, { outcome: 'call back later', durationS: 10 }) });
    const outcomes = await b.client.call('lists.get', { list: 'call_outcome' });
    await b.client.call('lists.set', {
      list: 'call_outcome',
      values: outcomes.map(({ value, active, connected }) => ({
        value,
        active,
        connected: connected || value === 'call back later',
      })),
    });
    expect((await b.client.call('calls.totals', {})).connected).toBe(3);
  });

  it('rejects a cursor it did not make', async () => {
    const b = await withAnn();
    await expect(b.client.call('calls.list', { cursor: 'not-a-cursor' })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { issues: [{ path: 'cursor' }] },
    });
  });

  it('visits every call exactly once across pages, in order (property)', async () => {
    const b = await withAnn();
    const base = b.clock() - 30 * DAY;
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        // Few distinct instants, so many calls tie on started_at and the id decides.
        fc.array(
          fc.record({ slot: fc.integer({ min: 0, max: 6 }), bob: fc.boolean(), answered: fc.boolean() }),
          {
            maxLength: 25,
          },
        ),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom<{ personId?: string; outcome?: string }>(
          {},
          { personId: 'bob' },
          { outcome: 'connected' },
        ),
        async (calls, limit, filter) => {
          round++;
          b.book.sqlite.prepare(`DELETE FROM tasks`).run();
          b.book.sqlite.prepare(`DELETE FROM calls`).run();
          const ins = b.book.sqlite.prepare(
            `INSERT INTO calls (id, person_id, direction, started_at, outcome, created_at, updated_at)
             VALUES (?, ?, 'out', ?, ?, 0, 0)`,
          );
          calls.forEach((c, i) =>
            ins.run(
              `r${round}-${String(i).padStart(3, '0')}`,
              c.bob ? 'bob' : 'ann',
              base + c.slot * HOUR,
              c.answered ? 'connected' : 'busy',
            ),
          );
          const expected = b.book.sqlite
            .prepare(
              `SELECT id FROM calls WHERE (? IS NULL OR person_id = ?) AND (? IS NULL OR outcome = ?)
                 ORDER BY started_at DESC, id DESC`,
            )
            .pluck()
            .all(
              filter.personId ?? null,
              filter.personId ?? null,
              filter.outcome ?? null,
              filter.outcome ?? null,
            ) as string[];
          const seen: string[] = [];
          let cursor: string | null = null;
          for (let pages = 0; pages < 100; pages++) {
            const page: { rows: { id: string }[]; nextCursor: string | null } = await b.client.call(
              'calls.list',
              { filter, limit, cursor },
            );
            expect(page.rows.length).toBeLessThanOrEqual(limit);
            seen.push(...page.rows.map((r) => r.id));
            cursor = page.nextCursor;
            if (!cursor) break;
            expect(page.rows).toHaveLength(limit);
          }
          expect(seen).toEqual(expected);
        },
      ),
      { numRuns: 40 },
    );
  });
});
