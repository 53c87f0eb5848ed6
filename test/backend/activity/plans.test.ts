/**
 * Query plans of the activity handlers' hot queries, taken from the SQL the handlers really run
 * (captured while they run), so a change to a query cannot quietly turn an index walk into a scan.
 */
import { describe, expect, it } from 'vitest';
import { requests } from '../../../shared/api/requests.ts';
import { callTotals } from '../../../electron/backend/calls/calls.handlers.ts';
import { setList } from '../../../electron/backend/lists/lists.handlers.ts';
import { agenda } from '../../../electron/backend/tasks/tasks.agenda.ts';
import { todaySummary } from '../../../electron/backend/today/today.handlers.ts';
import {
  activityBook,
  addCompany,
  addPerson,
  captureQueries,
  planOf,
  type ActivityBook,
} from './activity.fixtures.ts';

async function book() {
  const b = await activityBook();
  addCompany(b, 'acme', 'Acme');
  addPerson(b, 'ann', 'Ann', { companyId: 'acme' });
  return b;
}

/** The plans of the queries a handler ran that read `table` (by its FROM clause). */
async function plansOf(b: ActivityBook, table: string, fn: () => Promise<unknown>): Promise<string[]> {
  const queries = await captureQueries(b, fn);
  const from = new RegExp(`from "?${table}"?( as "?\\w+"?)?\\s`, 'iu');
  const plans = queries.filter((q) => from.test(q.sql)).map((q) => planOf(b, q.sql, q.params));
  expect(plans.length, `no query on ${table} was run`).toBeGreaterThan(0);
  return plans;
}

/** A full pass over a big table: "SCAN x" without an index. */
const FULL_SCAN = /(^|\| )SCAN (calls|c|tasks|t|notes|n|changes|ch|people|p)( |$)(?!USING)/u;

describe('query plans of the activity handlers', () => {
  it('calls.list walks the index that matches its filter, never scanning calls', async () => {
    const b = await book();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{}, /SEARCH c USING INDEX calls_started \(started_at<\?\)/u],
      [{ from: 0, to: 1 }, /SEARCH c USING INDEX calls_started \(started_at>\? AND started_at<\?\)/u],
      [{ direction: 'in' }, /USING INDEX calls_started/u],
      [{ personId: 'ann' }, /SEARCH c USING INDEX calls_person \(person_id=\? AND started_at<\?\)/u],
      [{ personId: 'ann', staffId: b.me, from: 0 }, /USING INDEX calls_person/u],
      [
        { staffId: b.me, from: 0, to: 1 },
        /SEARCH c USING INDEX calls_staff \(staff_id=\? AND started_at>\? AND started_at<\?\)/u,
      ],
      [{ companyId: 'acme' }, /USING INDEX calls_company/u],
      [{ outcome: 'busy', from: 0 }, /USING INDEX calls_outcome/u],
      [{ purpose: 'Quote' }, /USING INDEX calls_purpose/u],
    ];
    for (const [filter, expected] of cases) {
      const [plan] = await plansOf(b, 'calls', () => b.client.call('calls.list', { filter }));
      expect(plan, JSON.stringify(filter)).toMatch(expected);
      expect(plan, JSON.stringify(filter)).not.toMatch(FULL_SCAN);
    }
    // The next page too (the keyset condition keeps the index range).
    await b.client.call('calls.log', {
      call: { personId: 'ann', direction: 'out', startedAt: 1, durationS: 1, outcome: 'busy' },
    });
    await b.client.call('calls.log', {
      call: { personId: 'ann', direction: 'out', startedAt: 2, durationS: 1, outcome: 'busy' },
    });
    const first = await b.client.call('calls.list', { limit: 1, filter: { personId: 'ann' } });
    const plans = await plansOf(b, 'calls', () =>
      b.client.call('calls.list', { limit: 1, cursor: first.nextCursor, filter: { personId: 'ann' } }),
    );
    expect(plans[0]).toMatch(/SEARCH c USING INDEX calls_person \(person_id=\? AND started_at<\?\)/u);
  });

  it('calls.totals for a date range reads calls_started', async () => {
    const b = await book();
    // calls.totals is a job; its function runs inline here so its query can be captured.
    const input = requests['calls.totals'].input.parse({ filter: { from: 0, to: 1 } });
    const [plan] = await plansOf(b, 'calls', async () => callTotals(b.backend.ctx, input));
    expect(plan).toMatch(/SEARCH c USING INDEX calls_started \(started_at>\? AND started_at<\?\)/u);
  });

  it('timeline.person reads each kind through the person’s indexes', async () => {
    const b = await book();
    const run = () => b.client.call('timeline.person', { personId: 'ann' });
    const [calls] = await plansOf(b, 'calls', run);
    expect(calls).toMatch(/SEARCH c USING (COVERING )?INDEX calls_person \(person_id=\?\)/u);
    const [notes] = await plansOf(b, 'notes', run);
    expect(notes).toMatch(/SEARCH n USING (COVERING )?INDEX notes_person \(person_id=\?\)/u);
    const [tasks] = await plansOf(b, 'tasks', run);
    expect(tasks).toMatch(/SEARCH t USING INDEX tasks_person \(person_id=\?\)/u);
    const [changes] = await plansOf(b, 'changes', run);
    expect(changes).toMatch(/SEARCH ch USING (COVERING )?INDEX changes_row \(tbl=\? AND row_id=\?\)/u);
    const [orders] = await plansOf(b, 'orders', run);
    expect(orders).toMatch(/SEARCH o USING INDEX orders_person \(person_id=\?\)/u);
    expect(orders).not.toMatch(/TEMP B-TREE/u);
    for (const plan of [calls, notes, tasks, changes, orders]) expect(plan).not.toMatch(FULL_SCAN);
  });

  it('a timeline page reads each item in its walk of the person’s index, never again by its id', async () => {
    const b = await book();
    await b.client.call('calls.log', {
      call: {
        personId: 'ann',
        direction: 'out',
        startedAt: b.clock() - 60_000,
        durationS: 60,
        outcome: 'connected',
      },
      followUp: { inDays: 3 },
      today: new Date(b.clock()).toISOString().slice(0, 10),
    });
    await b.client.call('notes.create', { personId: 'ann', body: 'Prefers mornings' });
    const run = () => b.client.call('timeline.person', { personId: 'ann' });
    const page = await run();
    expect(page.rows.map((r) => r.kind).sort()).toEqual(['call', 'note', 'task']);
    const plans = (await captureQueries(b, run)).map((q) => planOf(b, q.sql, q.params));
    // On a book of millions the id indexes' pages are seldom in memory: a look-up by id per item
    // cost ten times the walk itself.
    for (const plan of plans) {
      expect(plan).not.toMatch(/sqlite_autoindex_(calls|notes|tasks|orders)_1|rowid=\?/u);
      expect(plan).not.toMatch(/json_each/u);
    }
    // The person's check and one walk per kind: calls, notes, tasks, orders and changes.
    expect(plans).toHaveLength(6);
  });

  it('the next timeline page starts inside the index (keyset), not from the top', async () => {
    const b = await book();
    const cursor = Buffer.from(JSON.stringify([1000, 'x'])).toString('base64url');
    const run = () => b.client.call('timeline.person', { personId: 'ann', cursor });
    expect((await plansOf(b, 'calls', run))[0]).toMatch(/calls_person \(person_id=\? AND started_at<\?\)/u);
    expect((await plansOf(b, 'notes', run))[0]).toMatch(/notes_person \(person_id=\? AND created_at<\?\)/u);
    expect((await plansOf(b, 'changes', run))[0]).toMatch(/changes_row \(tbl=\? AND row_id=\? AND at<\?\)/u);
  });

  it('timeline.company reads the company’s indexes and its people through people_company', async () => {
    const b = await book();
    const run = () => b.client.call('timeline.company', { companyId: 'acme' });
    const calls = (await plansOf(b, 'calls', run)).join(' || ');
    expect(calls).toMatch(/calls_company/u);
    expect(calls).toMatch(/calls_person/u);
    expect(calls).toMatch(/people_company/u);
    const notes = (await plansOf(b, 'notes', run)).join(' || ');
    expect(notes).toMatch(/notes_company/u);
    expect(notes).toMatch(/notes_person/u);
    const tasks = (await plansOf(b, 'tasks', run)).join(' || ');
    expect(tasks).toMatch(/tasks_company/u);
    expect(tasks).toMatch(/tasks_person/u);
    const changes = (await plansOf(b, 'changes', run)).join(' || ');
    expect(changes).toMatch(/changes_row/u);
    for (const plan of [calls, notes, tasks, changes]) expect(plan).not.toMatch(FULL_SCAN);
  });

  it('reminders.due walks the tasks_reminders expression index', async () => {
    const b = await book();
    const [plan] = await plansOf(b, 'tasks', () => b.client.call('reminders.due', { now: 5 }));
    expect(plan).toMatch(/SEARCH t USING INDEX tasks_reminders \(<expr><\?\)/u);
  });

  it('the agenda reads open tasks by due date, per assignee or for everyone', async () => {
    const b = await book();
    // tasks.agenda is a read job; its function runs inline here so its queries can be captured.
    const run = (input: unknown) => async () =>
      agenda(b.backend.ctx, requests['tasks.agenda'].input.parse(input));
    const mine = await plansOf(b, 'tasks', run({ date: '2026-11-22', assigneeId: b.me }));
    expect(mine).toHaveLength(3);
    for (const plan of mine)
      expect(plan).toMatch(/SEARCH t USING INDEX tasks_assignee_due \(assignee_id=\? AND due_date/u);
    const all = await plansOf(b, 'tasks', run({ date: '2026-11-22' }));
    for (const plan of all) expect(plan).toMatch(/SEARCH t USING INDEX tasks_open_due \(due_date/u);
  });

  it('tasks.list uses the person’s index, or the primary key in order for the whole book', async () => {
    const b = await book();
    const [person] = await plansOf(b, 'tasks', () => b.client.call('tasks.list', { personId: 'ann' }));
    expect(person).toMatch(/SEARCH t USING INDEX tasks_person \(person_id=\?\)/u);
    const [company] = await plansOf(b, 'tasks', () => b.client.call('tasks.list', { companyId: 'acme' }));
    expect(company).toMatch(/SEARCH t USING INDEX tasks_company \(company_id=\?\)/u);
    const [all] = await plansOf(b, 'tasks', () => b.client.call('tasks.list', {}));
    expect(all).toMatch(/SCAN t USING INDEX sqlite_autoindex_tasks_1/u);
    expect(all).not.toMatch(/TEMP B-TREE/u);
  });

  it('Today’s calls due start from tasks_open_due', async () => {
    const b = await book();
    const input = requests['today.summary'].input.parse({ date: '2026-11-22', dayStart: 0, dayEnd: 1 });
    const plans = await plansOf(b, 'tasks', async () => todaySummary(b.backend.ctx, input));
    const callsDue = plans.find((p) => p.includes('SEARCH co'));
    expect(callsDue).toMatch(/SEARCH t USING INDEX tasks_open_due \(due_date<\?\)/u);
    // The due-task lists pick their twelve from tasks_open_due first and join only those.
    const due = plans.filter((p) => p.includes('LIST SUBQUERY'));
    expect(due).toHaveLength(2);
    expect(due[0]).toMatch(/SEARCH tasks USING INDEX tasks_open_due \(due_date=\?\)/u);
    expect(due[1]).toMatch(/SEARCH tasks USING INDEX tasks_open_due \(due_date<\?\)/u);
    for (const plan of due) expect(plan).toMatch(/SEARCH t USING INDEX sqlite_autoindex_tasks_1 \(id=\?\)/u);
  });

  it('Today’s case counts read the open cases’ partial indexes', async () => {
    const b = await book();
    const input = requests['today.summary'].input.parse({ date: '2026-11-22', dayStart: 0, dayEnd: 1 });
    const plans = await plansOf(b, 'cases', async () => todaySummary(b.backend.ctx, input));
    expect(plans).toHaveLength(2);
    // Only the open cases' index entries are read (a scan of the partial index, not of cases).
    expect(plans[0]).toMatch(/^SCAN cases USING (COVERING )?INDEX cases_(open|due)$/u);
    expect(plans[1]).toMatch(/^SEARCH cases USING (COVERING )?INDEX cases_due \(due_date<\?\)$/u);
  });

  it('lists.set checks whether a removed choice is used with one index probe', async () => {
    const b = await book();
    // lists.set is a job; its function runs inline here so its queries can be captured.
    const set = (input: unknown) => async () =>
      setList(b.backend.ctx, requests['lists.set'].input.parse(input));
    const outcome = await plansOf(
      b,
      'calls',
      set({ list: 'call_outcome', values: [{ value: 'connected', connected: true }] }),
    );
    for (const plan of outcome)
      expect(plan).toMatch(/SEARCH calls USING COVERING INDEX calls_outcome \(outcome=\?\)/u);
    const purpose = await plansOf(b, 'calls', set({ list: 'call_purpose', values: [{ value: 'Quote' }] }));
    for (const plan of purpose)
      expect(plan).toMatch(/SEARCH calls USING COVERING INDEX calls_purpose \(purpose=\?\)/u);
  });
});
