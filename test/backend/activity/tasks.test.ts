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
  personFacts,
  tablesChangedBy,
} from './activity.fixtures.ts';

async function withPeople() {
  const b = await activityBook();
  addCompany(b, 'acme', 'Acme Ltd');
  addPerson(b, 'ann', 'Ann Lee', { companyId: 'acme' });
  addPerson(b, 'bob', 'Bob Ray');
  return b;
}

describe('tasks.create and tasks.get', () => {
  it('creates a task for the current user by default, with names, and logs the change', async () => {
    const b = await withPeople();
    const tables = await tablesChangedBy(b, async () => {
      const t = await b.client.call('tasks.create', {
        title: '  Send the price list ',
        type: 'email',
        personId: 'ann',
        dueDate: '2026-11-24',
        dueAt: Date.UTC(2026, 10, 24, 14),
        reminderAt: Date.UTC(2026, 10, 24, 13),
        priority: 1,
        notes: 'The 2027 one',
      });
      expect(t).toMatchObject({
        type: 'email',
        title: 'Send the price list',
        notes: 'The 2027 one',
        dueDate: '2026-11-24',
        dueAt: Date.UTC(2026, 10, 24, 14),
        reminderAt: Date.UTC(2026, 10, 24, 13),
        snoozedUntil: null,
        priority: 1,
        assigneeId: b.me,
        assigneeName: 'Ada Lovelace',
        personId: 'ann',
        personName: 'Ann Lee',
        companyId: 'acme',
        companyName: 'Acme Ltd',
        doneAt: null,
        createdAt: b.clock(),
      });
      expect(await b.client.call('tasks.get', { id: t.id })).toEqual(t);
    });
    // Not a call task: the person's facts do not move.
    expect(tables).toEqual(['tasks']);
  });

  it('leaves a task unassigned when asked, and uses the defaults (to-do, normal priority)', async () => {
    const b = await withPeople();
    const t = await b.client.call('tasks.create', { title: 'Tidy the files', assigneeId: null });
    expect(t).toMatchObject({ type: 'todo', priority: 2, assigneeId: null, personId: null, dueDate: null });
  });

  it('rejects unknown links and bad dates at the field, writing nothing', async () => {
    const b = await withPeople();
    const before = changeCount(b);
    const cases: [RequestInput<'tasks.create'>, string, string][] = [
      [{ title: 'x', assigneeId: 'ghost' }, 'NOT_FOUND', 'assigneeId'],
      [{ title: 'x', personId: 'ghost' }, 'NOT_FOUND', 'personId'],
      [{ title: 'x', companyId: 'ghost' }, 'NOT_FOUND', 'companyId'],
      [{ title: 'x', dueDate: '2026-13-01' }, 'VALIDATION', 'dueDate'],
      [{ title: 'x', dueDate: 'tomorrow' }, 'VALIDATION', 'dueDate'],
      [{ title: 'x', dueAt: Date.UTC(2026, 10, 24, 14) }, 'VALIDATION', 'dueDate'],
      [{ title: '   ' }, 'VALIDATION', 'title'],
      [{ title: 'x', priority: 4 as 1 }, 'VALIDATION', 'priority'],
    ];
    for (const [input, code, path] of cases) {
      await expect(b.client.call('tasks.create', input), path).rejects.toMatchObject({
        code,
        details: { issues: expect.arrayContaining([expect.objectContaining({ path })]) },
      });
    }
    expect(changeCount(b)).toBe(before);
    expect(b.book.sqlite.prepare(`SELECT count(*) FROM tasks`).pluck().get()).toBe(0);
  });

  it('answers NOT_FOUND for a task that does not exist', async () => {
    const b = await withPeople();
    await expect(b.client.call('tasks.get', { id: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('tasks.update, complete, snooze and delete', () => {
  it('patches only what is named', async () => {
    const b = await withPeople();
    const t = await b.client.call('tasks.create', {
      title: 'Call back',
      type: 'call',
      priority: 1,
      personId: 'ann',
      dueDate: '2026-11-25',
    });
    b.clock.advance(60_000);
    const u = await b.client.call('tasks.update', {
      id: t.id,
      patch: { title: 'Call back about the order' },
    });
    expect(u).toMatchObject({
      title: 'Call back about the order',
      type: 'call',
      priority: 1,
      dueDate: '2026-11-25',
    });
    const moved = await b.client.call('tasks.update', {
      id: t.id,
      patch: { personId: 'bob', companyId: null, assigneeId: null },
    });
    expect(moved).toMatchObject({
      personId: 'bob',
      personName: 'Bob Ray',
      companyId: null,
      assigneeId: null,
    });
    // The call task moved from Ann to Bob, and so did "next call".
    expect(personFacts(b, 'ann').next_call_at).toBeNull();
    expect(personFacts(b, 'bob').next_call_at).toBe(Date.UTC(2026, 10, 25));
    const row = b.book.sqlite.prepare(`SELECT updated_at, updated_by FROM tasks WHERE id = ?`).get(t.id);
    expect(row).toEqual({ updated_at: b.clock(), updated_by: b.me });
    const before = changeCount(b);
    for (const [patch, code, path] of [
      [{ assigneeId: 'ghost' }, 'NOT_FOUND', 'patch.assigneeId'],
      [{ personId: 'ghost' }, 'NOT_FOUND', 'patch.personId'],
      [{ dueDate: '2026-02-30' }, 'VALIDATION', 'patch.dueDate'],
      [{ dueDate: null, dueAt: Date.UTC(2026, 10, 25, 9) }, 'VALIDATION', 'patch.dueDate'],
    ] as const) {
      await expect(b.client.call('tasks.update', { id: t.id, patch }), path).rejects.toMatchObject({
        code,
        details: { issues: expect.arrayContaining([expect.objectContaining({ path })]) },
      });
    }
    expect(changeCount(b)).toBe(before);
  });

  it('completes and reopens, stamping and clearing done_at', async () => {
    const b = await withPeople();
    const t = await b.client.call('tasks.create', { title: 'Post the parcel' });
    b.clock.advance(5 * 60_000);
    const done = await b.client.call('tasks.complete', { id: t.id, done: true });
    expect(done.doneAt).toBe(b.clock());
    // Completing again keeps the first time and writes nothing.
    const before = changeCount(b);
    b.clock.advance(60_000);
    expect((await b.client.call('tasks.complete', { id: t.id, done: true })).doneAt).toBe(done.doneAt);
    expect(changeCount(b)).toBe(before);
    expect((await b.client.call('tasks.complete', { id: t.id, done: false })).doneAt).toBeNull();
  });

  it('names the tables each write changed: a call task moves its person’s facts too', async () => {
    const b = await withPeople();
    const t = await b.client.call('tasks.create', {
      title: 'Ring',
      type: 'call',
      personId: 'ann',
      dueDate: '2026-11-23',
    });
    expect(await tablesChangedBy(b, () => b.client.call('tasks.complete', { id: t.id, done: true }))).toEqual(
      ['people', 'tasks'],
    );
    expect(
      await tablesChangedBy(b, () =>
        b.client.call('tasks.update', { id: t.id, patch: { title: 'Ring Ann' } }),
      ),
    ).toEqual(['tasks']);
    expect(
      await tablesChangedBy(b, () => b.client.call('tasks.complete', { id: t.id, done: false })),
    ).toEqual(['people', 'tasks']);
    const todo = await b.client.call('tasks.create', { title: 'Post', personId: 'ann' });
    expect(
      await tablesChangedBy(b, () => b.client.call('tasks.complete', { id: todo.id, done: true })),
    ).toEqual(['tasks']);
  });

  it('changing the reminder clears the snooze and the "reminded" mark', async () => {
    const b = await withPeople();
    const now = b.clock();
    const t = await b.client.call('tasks.create', { title: 'Ring Ann', reminderAt: now - 60_000 });
    await b.client.call('reminders.ack', { taskIds: [t.id] });
    await b.client.call('tasks.snooze', { id: t.id, until: now + HOUR });
    await b.client.call('reminders.ack', { taskIds: [t.id] });
    const raw = () =>
      b.book.sqlite
        .prepare(`SELECT reminder_at, snoozed_until, reminded_at FROM tasks WHERE id = ?`)
        .get(t.id);
    expect(raw()).toEqual({ reminder_at: now - 60_000, snoozed_until: now + HOUR, reminded_at: now });
    // The same reminder time again is no change.
    await b.client.call('tasks.update', { id: t.id, patch: { reminderAt: now - 60_000 } });
    expect(raw()).toMatchObject({ reminded_at: now });
    const u = await b.client.call('tasks.update', { id: t.id, patch: { reminderAt: now + DAY } });
    expect(u).toMatchObject({ reminderAt: now + DAY, snoozedUntil: null });
    expect(raw()).toEqual({ reminder_at: now + DAY, snoozed_until: null, reminded_at: null });
  });

  it('snoozes an open task (giving it a reminder if it had none) but not a done one', async () => {
    const b = await withPeople();
    const now = b.clock();
    const t = await b.client.call('tasks.create', { title: 'Chase payment', type: 'call', personId: 'ann' });
    const tables = await tablesChangedBy(b, () =>
      b.client.call('tasks.snooze', { id: t.id, until: now + HOUR }),
    );
    expect(tables).toEqual(['tasks']);
    expect(await b.client.call('tasks.get', { id: t.id })).toMatchObject({
      snoozedUntil: now + HOUR,
      reminderAt: now + HOUR,
    });
    await b.client.call('tasks.complete', { id: t.id, done: true });
    await expect(b.client.call('tasks.snooze', { id: t.id, until: now + DAY })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(b.client.call('tasks.snooze', { id: 'ghost', until: now })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('deletes softly', async () => {
    const b = await withPeople();
    const t = await b.client.call('tasks.create', {
      title: 'Call',
      type: 'call',
      personId: 'ann',
      dueDate: '2026-11-22',
    });
    const tables = await tablesChangedBy(b, () => b.client.call('tasks.delete', { id: t.id }));
    expect(tables).toEqual(['people', 'tasks']);
    await expect(b.client.call('tasks.get', { id: t.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await b.client.call('tasks.agenda', { date: '2026-11-22' })).today).toEqual([]);
    expect(b.book.sqlite.prepare(`SELECT deleted_at FROM tasks WHERE id = ?`).pluck().get(t.id)).toBe(
      b.clock(),
    );
    await expect(b.client.call('tasks.complete', { id: t.id, done: true })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('tasks.agenda', () => {
  it('splits open tasks into overdue, today and upcoming, per assignee, sorted by time then priority', async () => {
    const b = await withPeople();
    const tom = await b.client.call('staff.create', { name: 'Tom' });
    const mk = (title: string, extra: Partial<RequestInput<'tasks.create'>>) =>
      b.client.call('tasks.create', { title, ...extra });
    await mk('old', { dueDate: '2026-11-01' });
    await mk('yesterday', { dueDate: '2026-11-21', priority: 3 });
    await mk('today low', { dueDate: '2026-11-22', priority: 3 });
    await mk('today high', { dueDate: '2026-11-22', priority: 1 });
    await mk('today 10:00', { dueDate: '2026-11-22', dueAt: Date.UTC(2026, 10, 22, 10) });
    await mk('today 09:00', { dueDate: '2026-11-22', dueAt: Date.UTC(2026, 10, 22, 9), priority: 3 });
    await mk('in a week', { dueDate: '2026-11-29' });
    await mk('too far', { dueDate: '2026-11-30' });
    await mk('no date', {});
    await mk('tom today', { dueDate: '2026-11-22', assigneeId: tom.id });
    await mk('nobody today', { dueDate: '2026-11-22', assigneeId: null });
    const done = await mk('done', { dueDate: '2026-11-22' });
    await b.client.call('tasks.complete', { id: done.id, done: true });

    const titles = (tasks: { title: string }[]) => tasks.map((t) => t.title);
    const mine = await b.client.call('tasks.agenda', { date: '2026-11-22', assigneeId: b.me, days: 7 });
    expect(titles(mine.overdue)).toEqual(['old', 'yesterday']);
    expect(titles(mine.today)).toEqual(['today 09:00', 'today 10:00', 'today high', 'today low']);
    expect(titles(mine.upcoming)).toEqual(['in a week']);
    expect(mine.today[0]).toMatchObject({ assigneeName: 'Ada Lovelace' });

    const everyone = await b.client.call('tasks.agenda', { date: '2026-11-22', days: 8 });
    expect(titles(everyone.today)).toEqual(
      expect.arrayContaining(['tom today', 'nobody today', 'today high']),
    );
    expect(everyone.today).toHaveLength(6);
    expect(titles(everyone.upcoming)).toEqual(['in a week', 'too far']);
    expect(
      titles((await b.client.call('tasks.agenda', { date: '2026-11-22', assigneeId: tom.id })).today),
    ).toEqual(['tom today']);
    expect(
      titles((await b.client.call('tasks.agenda', { date: '2026-11-22', assigneeId: null })).today),
    ).toEqual(['nobody today']);
  });
});

describe('tasks.list', () => {
  it('lists a person’s or company’s tasks newest first, open or done', async () => {
    const b = await withPeople();
    const a1 = await b.client.call('tasks.create', { title: 'a1', personId: 'ann' });
    const a2 = await b.client.call('tasks.create', { title: 'a2', personId: 'ann' });
    await b.client.call('tasks.create', { title: 'b1', personId: 'bob' });
    const c1 = await b.client.call('tasks.create', { title: 'c1', companyId: 'acme' });
    await b.client.call('tasks.complete', { id: a1.id, done: true });
    const titles = async (input: RequestInput<'tasks.list'>) =>
      (await b.client.call('tasks.list', input)).rows.map((t) => t.title);
    expect(await titles({ personId: 'ann' })).toEqual(['a2', 'a1']);
    expect(await titles({ personId: 'ann', open: true })).toEqual(['a2']);
    expect(await titles({ personId: 'ann', open: false })).toEqual(['a1']);
    expect(await titles({ companyId: 'acme' })).toEqual(['c1', 'a2', 'a1']); // Ann's company was filled in
    expect(await titles({})).toEqual(['c1', 'b1', 'a2', 'a1']);
    expect(c1.companyName).toBe('Acme Ltd');
    expect(a2.companyId).toBe('acme');
  });

  it('visits every task exactly once across pages (property)', async () => {
    const b = await withPeople();
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ ann: fc.boolean(), done: fc.boolean(), deleted: fc.boolean() }), {
          maxLength: 20,
        }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom<Omit<RequestInput<'tasks.list'>, 'limit' | 'cursor'>>(
          {},
          { personId: 'ann' },
          { open: true },
        ),
        async (tasks, limit, filter) => {
          round++;
          b.book.sqlite.prepare(`DELETE FROM tasks`).run();
          const ins = b.book.sqlite.prepare(
            `INSERT INTO tasks (id, title, person_id, done_at, deleted_at, created_at, updated_at)
             VALUES (?, 'T', ?, ?, ?, 0, 0)`,
          );
          tasks.forEach((t, i) =>
            ins.run(
              `t${round}-${String(i).padStart(3, '0')}`,
              t.ann ? 'ann' : 'bob',
              t.done ? 1 : null,
              t.deleted ? 1 : null,
            ),
          );
          const expected = tasks
            .map((t, i) => ({ ...t, id: `t${round}-${String(i).padStart(3, '0')}` }))
            .filter((t) => !t.deleted && (filter.personId ? t.ann : true) && (filter.open ? !t.done : true))
            .map((t) => t.id)
            .reverse();
          const seen: string[] = [];
          let cursor: string | null = null;
          do {
            const page: { rows: { id: string }[]; nextCursor: string | null } = await b.client.call(
              'tasks.list',
              {
                ...filter,
                limit,
                cursor,
              },
            );
            seen.push(...page.rows.map((r) => r.id));
            cursor = page.nextCursor;
          } while (cursor && seen.length <= tasks.length);
          expect(seen).toEqual(expected);
        },
      ),
      { numRuns: 30 },
    );
  });
});
