import { describe, expect, it } from 'vitest';
import { tablesChangedBy } from '../activity/activity.fixtures.ts';
import type { TestBook } from '../../helpers/book.ts';
import { addProduct, changeCount, pipelineBook, refuses, supportCase } from './pipeline.fixtures.ts';

const TODAY = '2026-11-22';

function addOrder(b: TestBook, id: string, reference: string) {
  b.book.sqlite
    .prepare(
      `INSERT INTO orders (id, number, reference, person_id, order_date, status, status_date, currency, created_at, updated_at)
       VALUES (?, (SELECT coalesce(max(number), 0) + 1 FROM orders), ?, 'ann', '2026-11-01', 'delivered', '2026-11-02', 'GBP', 0, 0)`,
    )
    .run(id, reference);
}

describe('cases.create and cases.get', () => {
  it('opens a case with the next number, the person’s company, the current owner and the links’ names', async () => {
    const b = await pipelineBook();
    addProduct(b, 'chair', { name: 'Office chair' });
    addOrder(b, 'o1', 'ORD-00001');
    const tables = await tablesChangedBy(b, () => supportCase(b));
    expect(tables).toEqual(['cases']);
    const c = await supportCase(b, {
      subject: '  Armrest snapped ',
      description: 'Second time this month.',
      category: 'repair',
      priority: 'urgent',
      productId: 'chair',
      orderId: 'o1',
      dueDate: '2026-11-25',
    });
    expect(c).toMatchObject({
      number: 2,
      subject: 'Armrest snapped',
      description: 'Second time this month.',
      category: 'repair',
      priority: 'urgent',
      status: 'open',
      personId: 'ann',
      personName: 'Ann Lee',
      companyId: 'acme',
      companyName: 'Acme Ltd',
      productId: 'chair',
      productName: 'Office chair',
      orderId: 'o1',
      orderReference: 'ORD-00001',
      ownerId: b.me,
      ownerName: 'Ada Lovelace',
      dueDate: '2026-11-25',
      resolution: null,
      openedAt: b.clock(),
      resolvedAt: null,
    });
    expect(await b.client.call('cases.get', { id: c.id })).toEqual(c);
    const company = await supportCase(b, { personId: null, companyId: 'zeta', priority: undefined });
    expect(company).toMatchObject({ number: 3, personId: null, companyId: 'zeta', priority: 'normal' });
  });

  it('refuses bad input at the field and writes nothing', async () => {
    const b = await pipelineBook();
    await refuses(b, 'cases.create', { subject: 'X', category: 'complaint' }, 'VALIDATION', 'personId');
    await refuses(
      b,
      'cases.create',
      { subject: '', category: 'complaint', personId: 'ann' },
      'VALIDATION',
      'subject',
    );
    await refuses(
      b,
      'cases.create',
      { subject: 'X', category: 'moan', personId: 'ann' },
      'VALIDATION',
      'category',
    );
    await refuses(
      b,
      'cases.create',
      { subject: 'X', category: 'other', personId: 'ann', priority: 'asap' },
      'VALIDATION',
      'priority',
    );
    await refuses(
      b,
      'cases.create',
      { subject: 'X', category: 'other', personId: 'ann', dueDate: '2026-13-01' },
      'VALIDATION',
      'dueDate',
    );
    await refuses(
      b,
      'cases.create',
      { subject: 'X', category: 'other', personId: 'nope' },
      'NOT_FOUND',
      'personId',
    );
    await refuses(
      b,
      'cases.create',
      { subject: 'X', category: 'other', personId: 'ann', productId: 'nope' },
      'NOT_FOUND',
      'productId',
    );
    await refuses(
      b,
      'cases.create',
      { subject: 'X', category: 'other', personId: 'ann', orderId: 'nope' },
      'NOT_FOUND',
      'orderId',
    );
    await refuses(b, 'cases.get', { id: 'nope' }, 'NOT_FOUND');
  });
});

describe('cases.update', () => {
  it('changes what the patch names and refuses what breaks a rule', async () => {
    const b = await pipelineBook();
    const c = await supportCase(b);
    b.clock.advance(1000);
    const changed = await b.client.call('cases.update', {
      id: c.id,
      patch: { priority: 'high', personId: 'bob', dueDate: '2026-12-01', ownerId: null },
    });
    expect(changed).toMatchObject({
      priority: 'high',
      personId: 'bob',
      companyId: 'acme',
      dueDate: '2026-12-01',
      ownerId: null,
      updatedAt: b.clock(),
      number: c.number,
    });
    // The same values again write nothing.
    const seq = changeCount(b);
    const again = await b.client.call('cases.update', {
      id: c.id,
      patch: { priority: 'high', personId: 'bob', dueDate: '2026-12-01', subject: c.subject },
    });
    expect(again).toEqual(changed);
    expect(changeCount(b)).toBe(seq);
    await refuses(
      b,
      'cases.update',
      { id: c.id, patch: { personId: null, companyId: null } },
      'VALIDATION',
      'patch.personId',
    );
    await refuses(
      b,
      'cases.update',
      { id: c.id, patch: { resolution: 'Done' } },
      'VALIDATION',
      'patch.resolution',
    );
    await refuses(
      b,
      'cases.update',
      { id: c.id, patch: { productId: 'nope' } },
      'NOT_FOUND',
      'patch.productId',
    );
    await refuses(b, 'cases.update', { id: 'nope', patch: { priority: 'low' } }, 'NOT_FOUND');
  });
});

describe('cases.setStatus', () => {
  it('waits, resolves with a resolution (recording when), closes and reopens', async () => {
    const b = await pipelineBook();
    const c = await supportCase(b);
    expect((await b.client.call('cases.setStatus', { id: c.id, status: 'waiting' })).status).toBe('waiting');
    const err = await refuses(
      b,
      'cases.setStatus',
      { id: c.id, status: 'resolved' },
      'VALIDATION',
      'resolution',
    );
    expect(err.message).toBe('Say how the case was resolved.');
    await refuses(
      b,
      'cases.setStatus',
      { id: c.id, status: 'resolved', resolution: '   ' },
      'VALIDATION',
      'resolution',
    );
    await refuses(b, 'cases.setStatus', { id: c.id, status: 'closed' }, 'VALIDATION', 'resolution');
    b.clock.advance(3_600_000);
    const resolved = await b.client.call('cases.setStatus', {
      id: c.id,
      status: 'resolved',
      resolution: 'Replaced the armrest.',
    });
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolution: 'Replaced the armrest.',
      resolvedAt: b.clock(),
    });
    const resolvedAt = b.clock();
    b.clock.advance(3_600_000);
    // Closing a resolved case keeps its resolution and when it was resolved.
    const closed = await b.client.call('cases.setStatus', { id: c.id, status: 'closed' });
    expect(closed).toMatchObject({ status: 'closed', resolution: 'Replaced the armrest.', resolvedAt });
    const fixed = await b.client.call('cases.update', {
      id: c.id,
      patch: { resolution: 'Replaced both armrests.' },
    });
    expect(fixed.resolution).toBe('Replaced both armrests.');
    await refuses(
      b,
      'cases.update',
      { id: c.id, patch: { resolution: '' } },
      'VALIDATION',
      'patch.resolution',
    );
    const reopened = await b.client.call('cases.setStatus', { id: c.id, status: 'open' });
    expect(reopened).toMatchObject({ status: 'open', resolution: null, resolvedAt: null });
    await refuses(
      b,
      'cases.setStatus',
      { id: c.id, status: 'waiting', resolution: 'x' },
      'VALIDATION',
      'resolution',
    );
    // Closing straight from open resolves it there and then.
    const shut = await b.client.call('cases.setStatus', {
      id: c.id,
      status: 'closed',
      resolution: 'Duplicate.',
    });
    expect(shut).toMatchObject({ status: 'closed', resolvedAt: b.clock() });
    const seq = changeCount(b);
    await b.client.call('cases.setStatus', { id: c.id, status: 'closed' });
    expect(changeCount(b)).toBe(seq);
  });
});

describe('cases.delete and cases.restore', () => {
  it('moves a case to the Trash and back', async () => {
    const b = await pipelineBook();
    const c = await supportCase(b);
    expect(await b.client.call('cases.delete', { id: c.id })).toEqual({ ok: true });
    await refuses(b, 'cases.get', { id: c.id }, 'NOT_FOUND');
    await refuses(b, 'cases.delete', { id: c.id }, 'NOT_FOUND');
    expect((await b.client.call('cases.list', {})).rows).toEqual([]);
    expect((await b.client.call('cases.openFor', { personId: 'ann', today: TODAY })).count).toBe(0);
    expect((await b.client.call('cases.restore', { id: c.id })).number).toBe(1);
    expect((await b.client.call('cases.openFor', { personId: 'ann', today: TODAY })).count).toBe(1);
    await refuses(b, 'cases.restore', { id: 'nope' }, 'NOT_FOUND');
  });
});

describe('cases.list', () => {
  async function someCases() {
    const b = await pipelineBook();
    addProduct(b, 'chair');
    const made: Record<string, string> = {};
    const add = async (key: string, input: Parameters<typeof supportCase>[1]) => {
      b.clock.advance(60_000);
      made[key] = (await supportCase(b, { subject: key, ...input })).id;
    };
    await add('a', { dueDate: '2026-11-20', priority: 'high' });
    await add('b', { dueDate: '2026-11-30', personId: 'bob', category: 'question' });
    await add('c', { productId: 'chair', category: 'return' });
    await add('d', { dueDate: '2026-11-10', ownerId: null });
    await add('e', { dueDate: '2026-11-21', personId: null, companyId: 'zeta' });
    await b.client.call('cases.setStatus', { id: made.d as string, status: 'resolved', resolution: 'Fixed' });
    await b.client.call('cases.setStatus', { id: made.e as string, status: 'waiting' });
    const subjects = async (input: Record<string, unknown>) =>
      (await b.client.call('cases.list', input)).rows.map((r) => r.subject);
    return { b, made, subjects };
  }

  it('lists newest opened first, with filters', async () => {
    const { b, subjects } = await someCases();
    expect(await subjects({})).toEqual(['e', 'd', 'c', 'b', 'a']);
    expect(await subjects({ filter: { status: 'active' } })).toEqual(['e', 'c', 'b', 'a']);
    expect(await subjects({ filter: { status: 'resolved' } })).toEqual(['d']);
    expect(await subjects({ filter: { status: 'waiting' } })).toEqual(['e']);
    expect(await subjects({ filter: { personId: 'ann' } })).toEqual(['d', 'c', 'a']);
    expect(await subjects({ filter: { personId: 'ann', status: 'active' } })).toEqual(['c', 'a']);
    expect(await subjects({ filter: { companyId: 'zeta' } })).toEqual(['e']);
    expect(await subjects({ filter: { companyId: 'acme', category: 'return' } })).toEqual(['c']);
    expect(await subjects({ filter: { productId: 'chair' } })).toEqual(['c']);
    expect(await subjects({ filter: { ownerId: b.me, priority: 'high' } })).toEqual(['a']);
    expect(await subjects({ filter: { category: 'question' } })).toEqual(['b']);
    // Overdue: active and due before the user's today (d is overdue by date but resolved).
    expect(await subjects({ filter: { overdue: true }, today: TODAY })).toEqual(['e', 'a']);
    await refuses(b, 'cases.list', { filter: { overdue: true } }, 'VALIDATION', 'today');
    await refuses(b, 'cases.list', { sort: 'due', filter: { status: 'closed' } }, 'VALIDATION', 'sort');
  });

  it('lists the work queue by due date, cases without one last, in keyset pages', async () => {
    const { b, subjects } = await someCases();
    expect(await subjects({ sort: 'due' })).toEqual(['a', 'e', 'b', 'c']);
    expect(await subjects({ sort: 'due', filter: { overdue: true }, today: TODAY })).toEqual(['a', 'e']);
    for (const sort of ['due', 'opened'] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { rows: { subject: string }[]; nextCursor: string | null } = await b.client.call(
          'cases.list',
          {
            sort,
            limit: 1,
            cursor,
          },
        );
        seen.push(...page.rows.map((r) => r.subject));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(await subjects({ sort }));
    }
  });
});

describe('cases.openFor', () => {
  it('counts a person’s or company’s open cases, flags the overdue and picks the most urgent', async () => {
    const b = await pipelineBook();
    expect(await b.client.call('cases.openFor', { personId: 'ann', today: TODAY })).toEqual({
      count: 0,
      overdue: 0,
      mostUrgent: null,
    });
    await supportCase(b, { subject: 'normal, overdue', dueDate: '2026-11-01' });
    const high = await supportCase(b, {
      subject: 'high, due later',
      priority: 'high',
      dueDate: '2026-12-01',
    });
    await supportCase(b, { subject: 'high, no date', priority: 'high' });
    const done = await supportCase(b, { subject: 'urgent but resolved', priority: 'urgent' });
    await b.client.call('cases.setStatus', { id: done.id, status: 'resolved', resolution: 'Done' });
    await supportCase(b, { subject: 'bob’s', personId: 'bob', priority: 'urgent' });
    const open = await b.client.call('cases.openFor', { personId: 'ann', today: TODAY });
    expect(open).toMatchObject({ count: 3, overdue: 1, mostUrgent: { id: high.id } });
    // Acme's cases are Ann's (the company followed her) and not Bob's.
    expect((await b.client.call('cases.openFor', { companyId: 'acme', today: TODAY })).count).toBe(3);
    const later = await b.client.call('cases.openFor', { personId: 'ann', today: '2026-12-02' });
    expect(later.overdue).toBe(2);
    await refuses(b, 'cases.openFor', { today: TODAY }, 'VALIDATION', 'personId');
    await refuses(b, 'cases.openFor', { personId: 'ann' }, 'VALIDATION', 'today');
  });
});
