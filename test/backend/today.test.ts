import { afterEach, describe, expect, it } from 'vitest';
import { isNewBook, seedDemo } from '../../electron/backend/demo/demo.seed.ts';
import { openTestBook, setUp, type TestBook } from '../helpers/book.ts';

const books: TestBook[] = [];
afterEach(async () => {
  while (books.length) await books.pop()?.close();
});

const DAY = 86_400_000;
const dayStart = Date.UTC(2026, 10, 22);
const today = { date: '2026-11-22', dayStart, dayEnd: dayStart + DAY };

describe('today.summary', () => {
  it('counts what is in the book for the day asked, ignoring deleted and finished items', async () => {
    const b = await openTestBook();
    books.push(b);
    await setUp(b.client);
    const raw = b.book.sqlite;
    raw.exec(`
      INSERT INTO companies (id, name, created_at, updated_at) VALUES ('c1', 'Acme', 0, 0), ('c2', 'Gone', 0, 0);
      UPDATE companies SET deleted_at = 1 WHERE id = 'c2';
      INSERT INTO people (id, display_name, company_id, created_at, updated_at) VALUES
        ('p1', 'Ann Lee', 'c1', 0, 0), ('p2', 'Bob Ray', NULL, 0, 0), ('p3', 'Deleted', NULL, 0, 0);
      UPDATE people SET deleted_at = 1 WHERE id = 'p3';
    `);
    const call = raw.prepare(
      `INSERT INTO calls (id, person_id, direction, started_at, duration_s, outcome, created_at, updated_at)
       VALUES (?, ?, 'out', ?, 60, ?, 0, 0)`,
    );
    call.run('k1', 'p1', dayStart + 9 * 3600_000, 'connected');
    call.run('k2', 'p2', dayStart + 10 * 3600_000, 'no answer');
    call.run('k3', 'p1', dayStart - 3600_000, 'connected'); // yesterday
    call.run('k4', 'p1', dayStart + DAY + 1, 'connected'); // tomorrow
    const task = raw.prepare(
      `INSERT INTO tasks (id, title, due_date, person_id, done_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 0)`,
    );
    const kase = raw.prepare(
      `INSERT INTO cases (id, number, subject, category, status, person_id, due_date, opened_at, created_at, updated_at, deleted_at)
       VALUES (?, ?, 'Broken', 'repair', ?, 'p1', ?, 0, 0, 0, ?)`,
    );
    kase.run('s1', 1, 'open', '2026-11-21', null); // overdue
    kase.run('s2', 2, 'waiting', '2026-11-22', null); // due today: not late yet
    kase.run('s3', 3, 'open', null, null);
    kase.run('s4', 4, 'resolved', '2026-11-01', null);
    kase.run('s5', 5, 'open', '2026-11-01', 9); // in the Trash
    task.run('t1', 'Due today', '2026-11-22', 'p1', null);
    task.run('t2', 'Overdue', '2026-11-20', 'p2', null);
    task.run('t3', 'Done overdue', '2026-11-19', 'p2', 5);
    task.run('t4', 'Later', '2026-11-30', null, null);

    const s = await b.client.call('today.summary', today);
    expect(s.counts).toEqual({
      people: 2,
      companies: 1,
      callsToday: 2,
      connectedToday: 1,
      tasksDueToday: 1,
      tasksOverdue: 1,
      openTasks: 3,
      casesOpen: 3,
      casesOverdue: 1,
    });
    // Today's tasks come first, then the overdue ones.
    expect(s.dueTasks.map((t) => [t.title, t.overdue])).toEqual([
      ['Due today', false],
      ['Overdue', true],
    ]);
    // Newest first, nothing from after the day.
    expect(s.recentCalls.map((c) => c.id)).toEqual(['k2', 'k1', 'k3']);
    expect(s.recentCalls[0]).toMatchObject({ personName: 'Bob Ray', outcome: 'no answer' });
  });

  it("lists at most twelve due tasks: today's by priority, then the oldest overdue", async () => {
    const b = await openTestBook();
    books.push(b);
    await setUp(b.client);
    const task = b.book.sqlite.prepare(
      `INSERT INTO tasks (id, title, due_date, priority, done_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 0)`,
    );
    for (let i = 0; i < 9; i++) task.run(`today${i}`, `Today ${i}`, '2026-11-22', 3 - (i % 3), null);
    task.run('late1', 'Late 1', '2026-11-21', 1, null);
    task.run('late3', 'Late 3', '2026-11-19', 2, null);
    task.run('late3b', 'Late 3 urgent', '2026-11-19', 1, null);
    task.run('late5', 'Late 5', '2026-11-17', 3, null);
    task.run('done', 'Done long ago', '2026-11-01', 1, 5);
    task.run('later', 'Tomorrow', '2026-11-23', 1, null);

    const s = await b.client.call('today.summary', today);
    expect(s.counts.tasksDueToday).toBe(9);
    expect(s.counts.tasksOverdue).toBe(4);
    expect(s.dueTasks.map((t) => t.title)).toEqual([
      'Today 2',
      'Today 5',
      'Today 8',
      'Today 1',
      'Today 4',
      'Today 7',
      'Today 0',
      'Today 3',
      'Today 6',
      'Late 5',
      'Late 3 urgent',
      'Late 3',
    ]);
    expect(s.dueTasks.map((t) => t.overdue)).toEqual([...Array(9).fill(false), true, true, true]);
  });

  it('counts as connected the outcomes the editable list flags as a conversation', async () => {
    const b = await openTestBook();
    books.push(b);
    await setUp(b.client);
    const call = b.book.sqlite.prepare(
      `INSERT INTO calls (id, direction, started_at, duration_s, outcome, created_at, updated_at)
       VALUES (?, 'out', ?, 60, ?, 0, 0)`,
    );
    call.run('k1', dayStart + 3600_000, 'connected');
    call.run('k2', dayStart + 7200_000, 'call back later');
    b.book.sqlite.prepare(`UPDATE list_values SET connected = 1 WHERE value = 'call back later'`).run();
    expect((await b.client.call('today.summary', today)).counts.connectedToday).toBe(2);
  });

  it('lists the calls due today in the order they can be called: callable now, then by window, then no window', async () => {
    const b = await openTestBook();
    books.push(b);
    await setUp(b.client);
    // The clock says Sunday 22 November 2026, 09:00 UTC. The user is at UTC+5 (14:00 local).
    expect(new Date(b.clock()).toISOString()).toBe('2026-11-22T09:00:00.000Z');
    const userDay = {
      date: '2026-11-22',
      dayStart: dayStart - 5 * 3600_000,
      dayEnd: dayStart + 19 * 3600_000,
    };
    const raw = b.book.sqlite;
    const person = raw.prepare(
      `INSERT INTO people (id, display_name, company_id, primary_phone, call_days, call_from, call_to, time_zone,
         do_not_call, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)`,
    );
    raw.prepare(`INSERT INTO companies (id, name, created_at, updated_at) VALUES ('c1', 'Acme', 0, 0)`).run();
    const EVERY_DAY = 127;
    const MON_FRI = 31;
    person.run('london', 'Lou London', 'c1', '020 7946 0958', EVERY_DAY, 8 * 60, 17 * 60, 'Europe/London', 0);
    person.run('closing', 'Cal Closing', null, null, EVERY_DAY, 8 * 60, 10 * 60, 'Europe/London', 0);
    person.run('nozone', 'Nia Nozone', null, null, null, 13 * 60, 16 * 60, null, 0); // the user's own time
    person.run('tokyo', 'Toki Tokyo', null, null, EVERY_DAY, 19 * 60, 21 * 60, 'Asia/Tokyo', 0);
    person.run('ny', 'Ned York', null, null, MON_FRI, 9 * 60, 17 * 60, 'America/New_York', 0);
    person.run('free', 'Fay Free', null, null, null, null, null, null, 0);
    person.run('dnc', 'Dan Donot', null, null, null, null, null, null, 1);
    person.run('later', 'Lee Later', null, null, null, null, null, null, 0);
    person.run('gone', 'Gus Gone', null, null, null, null, null, null, 0);
    raw.prepare(`UPDATE people SET deleted_at = 1 WHERE id = 'gone'`).run();
    const task = raw.prepare(
      `INSERT INTO tasks (id, type, title, due_date, priority, person_id, done_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0)`,
    );
    task.run('t1', 'call', 'Quote follow-up', '2026-11-22', 2, 'london', null);
    task.run('t2', 'call', 'Renewal', '2026-11-22', 2, 'closing', null);
    task.run('t3', 'call', 'Chase invoice', '2026-11-22', 2, 'nozone', null);
    task.run('t4', 'call', 'Intro', '2026-11-22', 2, 'tokyo', null);
    task.run('t5', 'call', 'Catch up', '2026-11-22', 2, 'ny', null);
    task.run('t6', 'call', 'Ring back', '2026-11-22', 2, 'free', null);
    task.run('t7', 'call', 'Old promise', '2026-11-15', 2, 'free', null); // overdue: the reason
    task.run('t8', 'call', 'Check consent', '2026-11-22', 1, 'dnc', null);
    task.run('t9', 'call', 'Tomorrow', '2026-11-23', 2, 'later', null);
    task.run('t10', 'call', 'Done already', '2026-11-22', 2, 'later', 5);
    task.run('t11', 'email', 'Not a call', '2026-11-22', 2, 'later', null);
    task.run('t12', 'call', 'Deleted person', '2026-11-22', 2, 'gone', null);

    const { callsDue } = await b.client.call('today.summary', userDay);
    expect(callsDue.map((c) => [c.name, c.callableNow])).toEqual([
      ['Cal Closing', true], // closes 10:00 UTC
      ['Nia Nozone', true], // 13:00–16:00 at UTC+5 closes 11:00 UTC
      ['Lou London', true], // closes 17:00 UTC
      ['Toki Tokyo', false], // opens 19:00 Tokyo = 10:00 UTC today
      ['Ned York', false], // opens Monday 09:00 New York = 14:00 UTC
      ['Fay Free', false], // no window: overdue first
      ['Dan Donot', false],
    ]);
    expect(callsDue[2]).toEqual({
      personId: 'london',
      name: 'Lou London',
      companyName: 'Acme',
      phone: '020 7946 0958',
      taskId: 't1',
      reason: 'Quote follow-up',
      dueDate: '2026-11-22',
      overdue: false,
      taskCount: 1,
      window: 'Every day 08:00–17:00 (Europe/London)',
      callableNow: true,
      windowOpensAt: b.clock(),
      doNotCall: false,
    });
    expect(callsDue[3]).toMatchObject({ windowOpensAt: Date.UTC(2026, 10, 22, 10) });
    expect(callsDue[4]).toMatchObject({
      window: 'Mon–Fri 09:00–17:00 (America/New_York)',
      windowOpensAt: Date.UTC(2026, 10, 23, 14),
    });
    expect(callsDue[1]?.window).toBe('Every day 13:00–16:00');
    expect(callsDue[5]).toMatchObject({
      reason: 'Old promise',
      taskId: 't7',
      dueDate: '2026-11-15',
      overdue: true,
      taskCount: 2,
      window: null,
      windowOpensAt: null,
    });
    expect(callsDue[6]).toMatchObject({ doNotCall: true });
  });

  it('rejects a day that ends before it starts', async () => {
    const b = await openTestBook();
    books.push(b);
    await expect(
      b.client.call('today.summary', { ...today, dayEnd: today.dayStart - 1 }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('demo book', () => {
  it('fills a new book with a set-up business, staff, customers, calls and tasks', async () => {
    const b = await openTestBook();
    books.push(b);
    expect(isNewBook(b.backend)).toBe(true);
    seedDemo(b.backend, { companies: 5, people: 40, callsPerPerson: 3, tasks: 20 });
    expect(isNewBook(b.backend)).toBe(false);
    const settings = await b.client.call('settings.get', {});
    expect(settings).toMatchObject({ setupComplete: true, businessName: 'Harbour & Finch Ltd' });
    expect(await b.client.call('staff.list', {})).toHaveLength(3);
    const s = await b.client.call('today.summary', today);
    expect(s.counts.people).toBe(40);
    expect(s.counts.companies).toBe(5);
    expect(s.recentCalls.length).toBeGreaterThan(0);
    const fk = b.book.sqlite.pragma('foreign_key_check') as unknown[];
    expect(fk).toEqual([]);
    // A demo person's timeline says when they were added, not "now".
    const person = b.book.sqlite.prepare(`SELECT id, created_at FROM people ORDER BY id LIMIT 1`).get() as {
      id: string;
      created_at: number;
    };
    expect(person.created_at).toBeLessThan(b.clock());
    const added = b.book.sqlite
      .prepare(`SELECT at FROM changes WHERE tbl = 'people' AND op = 'insert' AND row_id = ?`)
      .pluck()
      .get(person.id);
    expect(added).toBe(person.created_at);
  });

  it('gives the sales screens and reports two years of orders, a pipeline, leads and cases, all consistent', async () => {
    const b = await openTestBook();
    books.push(b);
    seedDemo(b.backend, { companies: 8, people: 60, callsPerPerson: 1, tasks: 5 });
    const db = b.book.sqlite;
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    expect(count(`SELECT count(*) FROM products`)).toBeGreaterThan(10);
    expect(count(`SELECT count(*) FROM orders`)).toBeGreaterThan(20);
    expect(count(`SELECT count(DISTINCT status) FROM orders`)).toBeGreaterThanOrEqual(4);
    expect(count(`SELECT count(*) FROM deals WHERE state = 'open'`)).toBeGreaterThan(0);
    expect(count(`SELECT count(*) FROM deals WHERE state = 'won'`)).toBeGreaterThan(0);
    expect(count(`SELECT count(*) FROM deals WHERE state = 'lost'`)).toBeGreaterThan(0);
    // Deals are won from the last stage (a won deal at "Lead" would read oddly on its page).
    expect(
      count(
        `SELECT count(*) FROM deals WHERE state = 'won'
           AND stage_id <> (SELECT id FROM deal_stages WHERE active = 1 ORDER BY position DESC LIMIT 1)`,
      ),
    ).toBe(0);
    expect(count(`SELECT count(*) FROM cases WHERE status IN ('open', 'waiting')`)).toBeGreaterThan(0);
    expect(count(`SELECT count(*) FROM companies WHERE stage = 'lead'`)).toBeGreaterThan(0);
    // The summaries are what the orders say: the year's report equals a recomputation.
    const months = await b.client.call('reports.salesByMonth', { from: '2024-11', to: '2026-11' });
    const expected = count(
      `SELECT coalesce(sum(gross), 0) FROM orders WHERE deleted_at IS NULL
         AND status IN ('confirmed', 'delivered', 'invoiced', 'paid') AND order_date >= '2024-11-01'`,
    );
    expect(months.reduce((n, m) => n + m.gross, 0)).toBe(expected);
    expect(expected).toBeGreaterThan(0);
    // Every order's status history ends in its status, dated no later than today.
    const bad = count(
      `SELECT count(*) FROM orders o WHERE o.status <> (SELECT status FROM order_status_changes s
         WHERE s.order_id = o.id ORDER BY position DESC LIMIT 1) OR o.status_date > '2026-11-22'`,
    );
    expect(bad).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('is the same book every time (fixed seed)', async () => {
    const names: string[][] = [];
    for (let i = 0; i < 2; i++) {
      const b = await openTestBook();
      books.push(b);
      seedDemo(b.backend, { companies: 3, people: 10, callsPerPerson: 1, tasks: 3 });
      names.push(
        b.book.sqlite.prepare(`SELECT display_name FROM people ORDER BY id`).pluck().all() as string[],
      );
    }
    expect(names[0]).toEqual(names[1]);
    expect(new Set(names[0]).size).toBeGreaterThan(5);
  });
});
