import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimelineItem } from '../../../shared/domain/activity.ts';
import { DAY, HOUR, activityBook, addCompany, addPerson, type ActivityBook } from './activity.fixtures.ts';

async function withAcme() {
  const b = await activityBook();
  addCompany(b, 'acme', 'Acme Ltd');
  addPerson(b, 'ann', 'Ann Lee', { companyId: 'acme' });
  addPerson(b, 'cat', 'Cat Ng', { companyId: 'acme' });
  addPerson(b, 'bob', 'Bob Ray');
  return b;
}

/** Records a change to a row as a contacts handler would. */
function touch(
  b: ActivityBook,
  table: 'people' | 'companies',
  id: string,
  op: 'insert' | 'update' | 'delete',
) {
  b.backend.ctx.writer.write((scope) => scope.change(table, id, op));
}

const brief = (items: TimelineItem[]) =>
  items.map((i) =>
    i.kind === 'call'
      ? `call:${i.call.outcome}`
      : i.kind === 'note'
        ? `note:${i.note.body}`
        : i.kind === 'task'
          ? `task:${i.task.title}${i.task.doneAt ? ' (done)' : ''}`
          : i.kind === 'order'
            ? `order:${i.order.reference}`
            : `change:${i.change.summary}`,
  );

describe('timeline.person', () => {
  it('merges calls, notes, tasks and changes newest first, with who changed what', async () => {
    const b = await withAcme();
    touch(b, 'people', 'ann', 'insert');
    b.clock.advance(HOUR);
    await b.client.call('notes.create', { personId: 'ann', body: 'Met at the fair' });
    b.clock.advance(HOUR);
    const { followUp } = await b.client.call('calls.log', {
      call: {
        personId: 'ann',
        direction: 'out',
        startedAt: b.clock() - 30 * 60_000,
        durationS: 60,
        outcome: 'connected',
      },
      followUp: { date: '2026-11-30' },
    });
    b.clock.advance(HOUR);
    touch(b, 'people', 'ann', 'update');
    b.clock.advance(HOUR);
    const todo = await b.client.call('tasks.create', { title: 'Send brochure', personId: 'ann' });
    b.clock.advance(HOUR);
    await b.client.call('tasks.complete', { id: followUp?.id as string, done: true });
    // Someone else's things never show.
    await b.client.call('notes.create', { personId: 'bob', body: 'Not Ann' });
    touch(b, 'people', 'bob', 'update');

    const page = await b.client.call('timeline.person', { personId: 'ann' });
    expect(brief(page.rows)).toEqual([
      'task:Call Ann Lee (done)', // a task sits at the time it was done
      'task:Send brochure',
      'change:Details changed by Ada Lovelace',
      'call:connected', // the person's facts changed with the call: not shown as a separate change
      'note:Met at the fair',
      'change:Added by Ada Lovelace',
    ]);
    expect(page.nextCursor).toBeNull();
    const [done, brochure] = page.rows;
    expect(done).toMatchObject({ kind: 'task', at: b.clock() });
    expect(brochure).toMatchObject({
      kind: 'task',
      id: todo.id,
      at: todo.createdAt,
      task: { personName: 'Ann Lee' },
    });
    expect(page.rows.find((r) => r.kind === 'call')).toMatchObject({
      call: { staffName: 'Ada Lovelace', companyName: 'Acme Ltd', connected: true },
    });
    expect(page.rows.find((r) => r.kind === 'change')).toMatchObject({
      change: { table: 'people', op: 'update', staffName: 'Ada Lovelace' },
    });
  });

  it('leaves out deleted items and answers NOT_FOUND for a missing person', async () => {
    const b = await withAcme();
    const n = await b.client.call('notes.create', { personId: 'ann', body: 'Oops' });
    await b.client.call('notes.delete', { id: n.id });
    expect((await b.client.call('timeline.person', { personId: 'ann' })).rows).toEqual([]);
    await expect(b.client.call('timeline.person', { personId: 'ghost' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(b.client.call('timeline.person', { personId: 'ann', cursor: '%%%' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });
});

describe('orders on timelines', () => {
  it('shows a person’s orders at their order date, and the company’s and its people’s on the company', async () => {
    const b = await withAcme();
    const order = (personId: string | null, companyId: string | null, orderDate: string) =>
      b.client.call('orders.create', {
        personId,
        companyId,
        orderDate,
        status: 'confirmed',
        lines: [{ description: 'Survey', quantity: 1000, unitPrice: 9_900 }],
      });
    const annOrder = await order('ann', null, '2026-11-20');
    const acmeOrder = await order(null, 'acme', '2026-11-21');
    const bobOrder = await order('bob', null, '2026-11-19');

    const ann = (await b.client.call('timeline.person', { personId: 'ann' })).rows;
    const annOrders = ann.filter((i) => i.kind === 'order');
    expect(annOrders.map((i) => i.id)).toEqual([annOrder.id]);
    expect(annOrders[0]?.at).toBe(Date.UTC(2026, 10, 20));
    expect(annOrders[0]?.kind === 'order' && annOrders[0].order.gross).toBe(annOrder.gross);

    const acme = (await b.client.call('timeline.company', { companyId: 'acme' })).rows;
    expect(acme.filter((i) => i.kind === 'order').map((i) => i.id)).toEqual([acmeOrder.id, annOrder.id]);
    expect(acme.some((i) => i.id === bobOrder.id)).toBe(false);

    await b.client.call('orders.delete', { id: annOrder.id });
    const after = (await b.client.call('timeline.person', { personId: 'ann' })).rows;
    expect(after.some((i) => i.kind === 'order')).toBe(false);
  });
});

describe('timeline.company', () => {
  it('covers the company and all its live people, each item once, naming whose change it was', async () => {
    const b = await withAcme();
    touch(b, 'companies', 'acme', 'insert');
    b.clock.advance(HOUR);
    // Ann's call is filed under Acme too: it must appear once.
    await b.client.call('calls.log', {
      call: { personId: 'ann', direction: 'in', startedAt: b.clock(), durationS: 5, outcome: 'busy' },
    });
    b.clock.advance(HOUR);
    await b.client.call('notes.create', { companyId: 'acme', body: 'New office' });
    b.clock.advance(HOUR);
    await b.client.call('notes.create', { personId: 'cat', body: 'Cat is the buyer' });
    b.clock.advance(HOUR);
    touch(b, 'people', 'cat', 'update');
    b.clock.advance(HOUR);
    touch(b, 'companies', 'acme', 'update');
    b.clock.advance(HOUR);
    await b.client.call('tasks.create', { title: 'Visit', companyId: 'acme' });
    await b.client.call('notes.create', { personId: 'bob', body: 'Bob is elsewhere' });

    const page = await b.client.call('timeline.company', { companyId: 'acme', limit: 50 });
    expect(brief(page.rows)).toEqual([
      'task:Visit',
      'change:Company details changed by Ada Lovelace',
      'change:Cat Ng’s details changed by Ada Lovelace',
      'note:Cat is the buyer',
      'note:New office',
      'call:busy',
      'change:Company added by Ada Lovelace',
    ]);
    await expect(b.client.call('timeline.company', { companyId: 'ghost' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('timeline pagination', () => {
  const itemArb = fc.record({
    kind: fc.constantFrom('call', 'note', 'task', 'change'),
    // Few distinct instants, so items of different kinds tie on `at` and the id decides.
    slot: fc.integer({ min: 0, max: 5 }),
    owner: fc.constantFrom('ann', 'cat', 'bob', 'acme', 'ann+acme'),
    done: fc.boolean(),
    deleted: fc.boolean(),
  });

  it('visits every item of a person or company exactly once, newest first, whatever the page size (property)', async () => {
    const b = await withAcme();
    const raw = b.book.sqlite;
    const base = b.clock() - 10 * DAY;
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(itemArb, { maxLength: 30 }),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom('ann', 'acme'),
        async (items, limit, view) => {
          round++;
          for (const t of ['tasks', 'calls', 'notes', 'changes']) raw.prepare(`DELETE FROM ${t}`).run();
          const expected: { at: number; id: string }[] = [];
          items.forEach((it, i) => {
            const id = `r${round}-${it.kind}-${String(i).padStart(3, '0')}`;
            const at = base + it.slot * HOUR;
            const person = it.owner === 'acme' ? null : it.owner.replace('+acme', '');
            const company = it.owner.includes('acme') ? 'acme' : null;
            const deletedAt = it.deleted ? at : null;
            let key = { at, id };
            if (it.kind === 'call') {
              raw
                .prepare(
                  `INSERT INTO calls (id, person_id, company_id, direction, started_at, outcome, created_at, updated_at, deleted_at)
                   VALUES (?, ?, ?, 'out', ?, 'busy', 0, 0, ?)`,
                )
                .run(id, person, company, at, deletedAt);
            } else if (it.kind === 'note') {
              raw
                .prepare(
                  `INSERT INTO notes (id, person_id, company_id, body, created_at, updated_at, deleted_at) VALUES (?, ?, ?, 'n', ?, ?, ?)`,
                )
                .run(id, person, company, at, at, deletedAt);
            } else if (it.kind === 'task') {
              // Done tasks sit at their done time, an hour after they were made.
              raw
                .prepare(
                  `INSERT INTO tasks (id, title, person_id, company_id, done_at, created_at, updated_at, deleted_at)
                   VALUES (?, 't', ?, ?, ?, ?, ?, ?)`,
                )
                .run(id, person, company, it.done ? at + HOUR : null, at, at, deletedAt);
              if (it.done) key = { at: at + HOUR, id };
            } else {
              const tbl = it.owner === 'acme' ? 'companies' : 'people';
              const seq = Number(
                raw
                  .prepare(`INSERT INTO changes (tbl, row_id, op, at) VALUES (?, ?, 'update', ?)`)
                  .run(tbl, it.owner === 'acme' ? 'acme' : person, at).lastInsertRowid,
              );
              // A change belongs to one row: "ann+acme" is a change to Ann.
              key = { at, id: `chg-${String(seq).padStart(15, '0')}` };
            }
            if (it.deleted && it.kind !== 'change') return;
            const mine = view === 'ann' ? it.owner === 'ann' || it.owner === 'ann+acme' : it.owner !== 'bob'; // Acme's view: Acme, Ann and Cat
            if (mine) expected.push(key);
          });
          expected.sort((x, y) => y.at - x.at || (x.id < y.id ? 1 : x.id > y.id ? -1 : 0));

          const seen: { at: number; id: string }[] = [];
          let cursor: string | null = null;
          for (let pages = 0; pages < 100; pages++) {
            const page: { rows: TimelineItem[]; nextCursor: string | null } =
              view === 'ann'
                ? await b.client.call('timeline.person', { personId: 'ann', limit, cursor })
                : await b.client.call('timeline.company', { companyId: 'acme', limit, cursor });
            seen.push(...page.rows.map((r) => ({ at: r.at, id: r.id })));
            cursor = page.nextCursor;
            if (!cursor) break;
            expect(page.rows).toHaveLength(limit);
          }
          expect(seen).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });
});
