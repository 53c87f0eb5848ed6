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
