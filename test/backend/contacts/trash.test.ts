import { describe, expect, it } from 'vitest';
import {
  addPerson,
  book,
  changeCount,
  fkProblems,
  insertCall,
  insertNote,
  insertTask,
  lastChanged,
} from './contacts.helpers.ts';

async function fixture() {
  const b = await book();
  const acme = await b.client.call('companies.create', {
    name: 'Acme',
    phones: [{ label: 'work', number: '0161 496 0000' }],
    tags: ['x'],
  });
  const ann = await addPerson(b, {
    givenName: 'Ann',
    familyName: 'Adams',
    companyId: acme.id,
    phones: [{ label: 'work', number: '020 7946 0958' }],
    emails: [{ label: 'work', email: 'ann@acme.test' }],
    tags: ['x'],
  });
  const bob = await addPerson(b, { givenName: 'Bob', familyName: 'Brown' });
  insertCall(b, {
    id: 'call-ann',
    personId: ann.id,
    companyId: acme.id,
    startedAt: b.clock() - 5000,
    summary: 'Talked about gears',
  });
  insertTask(b, { id: 'task-ann', personId: ann.id, title: 'Send gears', callId: 'call-ann' });
  insertNote(b, { id: 'note-ann', personId: ann.id, body: 'Likes gears\nsecond line' });
  insertCall(b, { id: 'call-bob', personId: bob.id, startedAt: b.clock() - 4000, summary: 'Bob call' });
  insertNote(b, { id: 'note-acme', personId: null, companyId: acme.id, body: 'Company note' });
  return { b, acme, ann, bob };
}

/** Soft-deletes an activity row the way the activity backend does. */
function trashRow(
  b: Awaited<ReturnType<typeof fixture>>['b'],
  table: 'calls' | 'tasks' | 'notes',
  id: string,
) {
  b.book.sqlite
    .prepare(`UPDATE ${table} SET deleted_at = ?, updated_at = ? WHERE id = ?`)
    .run(b.clock(), b.clock(), id);
}

describe('trash.list', () => {
  it('lists deleted items of every kind, newest first, with titles and who deleted them, in keyset pages', async () => {
    const { b, acme, ann, bob } = await fixture();
    trashRow(b, 'notes', 'note-ann');
    b.clock.advance(1000);
    trashRow(b, 'tasks', 'task-ann');
    b.clock.advance(1000);
    trashRow(b, 'calls', 'call-ann');
    b.clock.advance(1000);
    await b.client.call('people.delete', { ids: [bob.id] });
    b.clock.advance(1000);
    await b.client.call('people.delete', { ids: [ann.id] });
    await b.client.call('companies.delete', { ids: [acme.id] });
    const owner = (await b.client.call('staff.list', {}))[0]!.name;

    const all = await b.client.call('trash.list', {});
    expect(all.rows.map((r) => [r.kind, r.title, r.deletedBy])).toEqual([
      ['person', 'Ann Adams', owner],
      ['company', 'Acme', owner],
      ['person', 'Bob Brown', owner],
      ['call', 'Call with Ann Adams', null],
      ['task', 'Send gears', null],
      ['note', 'Likes gears', null],
    ]);
    expect(all.nextCursor).toBeNull();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof b.client.call<'trash.list'>>> = await b.client.call(
        'trash.list',
        { limit: 2, cursor },
      );
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.rows.map((r) => r.id));
    expect((await b.client.call('trash.list', { kind: 'person' })).rows.map((r) => r.id)).toEqual([
      ann.id,
      bob.id,
    ]);
  });
});

describe('trash.restore', () => {
  it('brings items back into lists, search and call facts', async () => {
    const { b, ann, acme } = await fixture();
    const lastContact = (await b.client.call('people.get', { id: ann.id })).lastContactAt;
    expect(lastContact).not.toBeNull();
    trashRow(b, 'calls', 'call-ann');
    b.backend.ctx.writer.write((scope) => {
      // What calls.delete does: the person's facts follow.
      b.book.sqlite
        .prepare(`UPDATE people SET last_contact_at = NULL, last_attempt_at = NULL WHERE id = ?`)
        .run(ann.id);
      scope.change('people', ann.id, 'update');
    });
    trashRow(b, 'notes', 'note-ann');
    await b.client.call('people.delete', { ids: [ann.id] });
    await b.client.call('companies.delete', { ids: [acme.id] });
    const restored = await b.client.call('trash.restore', {
      items: [
        { kind: 'person', id: ann.id },
        { kind: 'company', id: acme.id },
        { kind: 'call', id: 'call-ann' },
        { kind: 'note', id: 'note-ann' },
        { kind: 'note', id: 'note-ann' },
        { kind: 'task', id: 'task-ann' },
      ],
    });
    expect(restored.count).toBe(4);
    expect(lastChanged(b)?.tables.sort()).toEqual(['calls', 'companies', 'notes', 'people']);
    expect((await b.client.call('trash.list', {})).rows).toEqual([]);
    expect((await b.client.call('people.get', { id: ann.id })).lastContactAt).toBe(lastContact);
    expect((await b.client.call('people.list', {})).rows.map((r) => r.displayName)).toEqual([
      'Ann Adams',
      'Bob Brown',
    ]);
    expect((await b.client.call('search.global', { query: 'gears' })).groups.map((g) => g.kind)).toEqual([
      'note',
      'call',
    ]);
    expect((await b.client.call('search.global', { query: 'acme' })).groups.map((g) => g.kind)).toEqual([
      'person',
      'company',
    ]);

    const n = changeCount(b);
    await expect(
      b.client.call('trash.restore', { items: [{ kind: 'person', id: 'ghost' }] }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(changeCount(b)).toBe(n);
  });
});

describe('trash.empty', () => {
  it('deletes for good, children first, and keeps every foreign key', async () => {
    const { b, ann, bob, acme } = await fixture();
    trashRow(b, 'calls', 'call-ann');
    trashRow(b, 'tasks', 'task-ann');
    trashRow(b, 'notes', 'note-ann');
    trashRow(b, 'calls', 'call-bob');
    await b.client.call('people.delete', { ids: [ann.id, bob.id] });
    await b.client.call('companies.delete', { ids: [acme.id] });
    const res = await b.client.call('trash.empty', {});
    // note-acme is live and hangs on the company alone: the company stays.
    expect(res).toEqual({ count: 6, kept: 1 });
    expect(fkProblems(b)).toEqual([]);
    const db = b.book.sqlite;
    const count = (sql: string) => db.prepare(sql).pluck().get();
    expect(count(`SELECT count(*) FROM people`)).toBe(0);
    expect(count(`SELECT count(*) FROM calls`)).toBe(0);
    expect(count(`SELECT count(*) FROM tasks`)).toBe(0);
    expect(count(`SELECT count(*) FROM phones WHERE person_id IS NOT NULL`)).toBe(0);
    expect(count(`SELECT count(*) FROM emails`)).toBe(0);
    expect(count(`SELECT count(*) FROM person_tags`)).toBe(0);
    expect(count(`SELECT count(*) FROM search_docs WHERE kind IN ('call', 'person')`)).toBe(0);
    expect((await b.client.call('trash.list', {})).rows.map((r) => r.id)).toEqual([acme.id]);
    expect(lastChanged(b)?.tables.sort()).toEqual(['calls', 'notes', 'people', 'tasks']);

    // Once its last note is deleted, the company goes too, with its phones and tags.
    trashRow(b, 'notes', 'note-acme');
    expect(await b.client.call('trash.empty', { kind: 'company' })).toEqual({ count: 2, kept: 0 });
    expect(count(`SELECT count(*) FROM companies`)).toBe(0);
    expect(count(`SELECT count(*) FROM phones`)).toBe(0);
    expect(count(`SELECT count(*) FROM company_tags`)).toBe(0);
    expect(fkProblems(b)).toEqual([]);
  });

  it('keeps a person whose live calls, tasks or notes still need them; detaches people from a purged company', async () => {
    const { b, ann, acme } = await fixture();
    await b.client.call('people.delete', { ids: [ann.id] });
    trashRow(b, 'notes', 'note-acme');
    await b.client.call('companies.delete', { ids: [acme.id] });
    const n = await b.client.call('trash.empty', { kind: 'person' });
    expect(n).toEqual({ count: 0, kept: 1 });
    expect((await b.client.call('people.get', { id: ann.id })).deletedAt).not.toBeNull();
    const c = await b.client.call('trash.empty', { kind: 'company' });
    expect(c).toEqual({ count: 2, kept: 0 });
    const db = b.book.sqlite;
    expect(db.prepare(`SELECT company_id FROM people WHERE id = ?`).pluck().get(ann.id)).toBeNull();
    expect(db.prepare(`SELECT company_id FROM calls WHERE id = 'call-ann'`).pluck().get()).toBeNull();
    expect(fkProblems(b)).toEqual([]);
  });

  it('keeps a person or company that an order names, unless that order goes from the Trash with them', async () => {
    const { b } = await fixture();
    // A customer with no other history, so only the order can keep them.
    const bob = await b.client.call('people.create', { person: { givenName: 'Carl', familyName: 'Lin' } });
    const acme = await b.client.call('companies.create', { name: 'Lin Joinery' });
    const order = await b.client.call('orders.create', {
      personId: bob.id,
      companyId: acme.id,
      orderDate: '2026-11-20',
      lines: [{ description: 'Survey', quantity: 1000, unitPrice: 5000 }],
    });
    await b.client.call('people.delete', { ids: [bob.id] });
    await b.client.call('companies.delete', { ids: [acme.id] });
    const count = (sql: string) => b.book.sqlite.prepare(sql).pluck().get();
    // The order is live: its customer stays in the Trash, however the Trash is emptied.
    const res = await b.client.call('trash.empty', {});
    expect(res.kept).toBeGreaterThanOrEqual(2);
    expect(count(`SELECT count(*) FROM people WHERE id = '${bob.id}'`)).toBe(1);
    expect(count(`SELECT count(*) FROM companies WHERE id = '${acme.id}'`)).toBe(1);
    expect(count(`SELECT count(*) FROM orders WHERE id = '${order.id}'`)).toBe(1);
    // Emptying only people keeps them while the order, now in the Trash too, still names them.
    await b.client.call('orders.delete', { id: order.id });
    expect((await b.client.call('trash.empty', { kind: 'person' })).kept).toBe(1);
    expect(count(`SELECT count(*) FROM people WHERE id = '${bob.id}'`)).toBe(1);
    // Emptying everything deletes the order first, and then nothing keeps them.
    await b.client.call('trash.empty', {});
    expect(count(`SELECT count(*) FROM people WHERE id = '${bob.id}'`)).toBe(0);
    expect(count(`SELECT count(*) FROM companies WHERE id = '${acme.id}'`)).toBe(0);
    expect(count(`SELECT count(*) FROM orders`)).toBe(0);
    expect(fkProblems(b)).toEqual([]);
  });

  it('lists, restores and empties orders, products, deals and cases too', async () => {
    const { b, bob } = await fixture();
    const c = b.client;
    const desk = await c.call('products.create', { name: 'Oak desk', sku: 'D-1', unitPrice: 20_000 });
    const spare = await c.call('products.create', { name: 'Spare part', unitPrice: 500 });
    const order = await c.call('orders.create', {
      personId: bob.id,
      orderDate: '2026-11-20',
      status: 'confirmed',
      lines: [{ productId: desk.id, quantity: 1000 }],
    });
    const deal = await c.call('deals.create', { title: 'Fit-out', personId: bob.id, value: 9_000 });
    const supportCase = await c.call('cases.create', {
      subject: 'Wobbly',
      category: 'repair',
      personId: bob.id,
    });
    await c.call('orders.delete', { id: order.id });
    await c.call('products.delete', { id: spare.id });
    await c.call('deals.delete', { id: deal.id });
    await c.call('cases.delete', { id: supportCase.id });
    const sales = async () => (await c.call('purchases.person', { personId: bob.id })).orders;
    expect(await sales()).toBe(0);

    const listed = (await c.call('trash.list', {})).rows.map((r) => [r.kind, r.title]);
    expect(listed).toEqual(
      expect.arrayContaining([
        ['order', `Order ${order.reference} for Bob Brown`],
        ['product', 'Spare part'],
        ['deal', 'Fit-out'],
        ['case', `Case ${supportCase.number}: Wobbly`],
      ]),
    );
    expect((await c.call('trash.list', { kind: 'deal' })).rows.map((r) => r.id)).toEqual([deal.id]);

    // Restoring an order counts it as a sale again.
    expect(
      await c.call('trash.restore', {
        items: [
          { kind: 'order', id: order.id },
          { kind: 'deal', id: deal.id },
        ],
      }),
    ).toEqual({ count: 2 });
    expect(await sales()).toBe(1);
    expect((await c.call('deals.get', { id: deal.id })).state).toBe('open');

    // Emptying deletes the case and the spare part for good; the desk, which an order names, is not in
    // the Trash; nothing dangles.
    await c.call('products.delete', { id: desk.id });
    const emptied = await c.call('trash.empty', { kind: 'case' });
    expect(emptied).toEqual({ count: 1, kept: 0 });
    expect(await c.call('trash.empty', { kind: 'product' })).toMatchObject({ count: 1 });
    const count = (sql: string) => b.book.sqlite.prepare(sql).pluck().get();
    expect(count(`SELECT count(*) FROM cases`)).toBe(0);
    expect(count(`SELECT count(*) FROM products WHERE id = '${spare.id}'`)).toBe(0);
    await c.call('orders.delete', { id: order.id });
    expect(await c.call('trash.empty', { kind: 'order' })).toEqual({ count: 1, kept: 0 });
    expect(count(`SELECT count(*) FROM order_lines`)).toBe(0);
    expect(fkProblems(b)).toEqual([]);
  });

  it('empties one kind, or only what was deleted before a moment', async () => {
    const { b, bob } = await fixture();
    trashRow(b, 'notes', 'note-ann');
    b.clock.advance(10_000);
    const cut = b.clock();
    trashRow(b, 'calls', 'call-bob');
    await b.client.call('people.delete', { ids: [bob.id] });
    expect(await b.client.call('trash.empty', { olderThan: cut })).toEqual({ count: 1, kept: 0 });
    expect((await b.client.call('trash.list', {})).rows.map((r) => r.kind)).toEqual(['person', 'call']);
    // The person's own call in the Trash goes with them.
    expect(await b.client.call('trash.empty', { kind: 'person' })).toEqual({ count: 2, kept: 0 });
    expect((await b.client.call('trash.list', {})).rows).toEqual([]);
    expect(fkProblems(b)).toEqual([]);
  });
});
