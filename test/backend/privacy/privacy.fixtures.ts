/**
 * A sales book (sales.fixtures.ts: Ann Lee at Acme, Bob Ray) where Ann has one of everything the
 * book can hold about a person, so an erasure has something in every table to take, keep or unlink.
 */
import { expect } from 'vitest';
import { order, product, salesBook, type SalesBook } from '../sales/sales.fixtures.ts';

export interface AnnsBook extends SalesBook {
  /** Her own order (no company) and Acme's order that names her. */
  ownOrder: string;
  companyOrder: string;
  ownDeal: string;
  companyDeal: string;
  ownCase: string;
  companyCase: string;
  call: string;
  /** Bob's task, made from a call with Ann. */
  bobsTask: string;
  bobsCall: string;
  consent: string;
  /** The undo batch that touched her. */
  batchId: string;
}

/** Every row of every table, to compare a book before and after a refused request. */
export function dumpBook(b: SalesBook): string {
  const db = b.book.sqlite;
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         AND name NOT LIKE 'search_%' ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  return JSON.stringify(
    tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).all()]),
    (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v),
  );
}

export function count(b: SalesBook, table: string, where = '1'): number {
  return b.book.sqlite.prepare(`SELECT count(*) FROM "${table}" WHERE ${where}`).pluck().get() as number;
}

/** The book must be sound: every foreign key, every page. */
export function expectSound(b: SalesBook): void {
  const db = b.book.sqlite;
  expect(db.pragma('foreign_key_check')).toEqual([]);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
}

export async function annsBook(): Promise<AnnsBook> {
  const b = await salesBook();
  const c = b.client;
  const db = b.book.sqlite;
  await c.call('people.update', {
    id: 'ann',
    patch: {
      givenName: 'Ann',
      familyName: 'Lee',
      displayName: 'Ann Lee',
      emails: [{ label: 'work', email: 'ann.lee@acme.example' }],
      phones: [{ label: 'mobile', number: '07700 900123' }],
      tags: ['VIP'],
      address: { street: '3 High Street', city: 'Bristol', region: null, postcode: 'BS1 1AA', country: 'GB' },
    },
  });
  db.prepare(
    `INSERT INTO person_photos (person_id, mime, data, updated_at) VALUES ('ann', 'image/png', ?, 0)`,
  ).run(Buffer.from('not really a png'));
  await c.call('notes.create', { personId: 'ann', body: 'Prefers mornings' });
  const binned = await c.call('notes.create', { personId: 'ann', body: 'Old note about her dog' });
  await c.call('notes.delete', { id: binned.id });
  const { call } = await c.call('calls.log', {
    call: {
      personId: 'ann',
      direction: 'in',
      startedAt: Date.UTC(2026, 10, 20, 9),
      durationS: 60,
      outcome: 'connected',
      summary: 'Asked about desks for her home office',
    },
  });
  await c.call('tasks.create', {
    title: 'Send Ann the brochure',
    personId: 'ann',
    dueDate: '2026-11-25',
    reminderAt: Date.UTC(2026, 10, 25, 9),
  });
  const bobsCall = await c.call('calls.log', {
    call: {
      personId: 'bob',
      direction: 'out',
      startedAt: Date.UTC(2026, 10, 20, 10),
      durationS: 30,
      outcome: 'connected',
      summary: 'Bob wants a chair',
    },
  });
  const bobsTask = await c.call('tasks.create', { title: 'Bob: follow up Ann’s referral', personId: 'bob' });
  db.prepare(`UPDATE tasks SET call_id = ? WHERE id = ?`).run(call.id, bobsTask.id);

  const desk = await product(b, { sku: 'D1', name: 'Oak desk' });
  const own = await order(b, {
    lines: [{ productId: desk.id, quantity: 2000 }],
    notes: 'Leave with her neighbour',
  });
  const ofAcme = await order(b, {
    companyId: 'acme',
    orderDate: '2026-10-02',
    lines: [{ productId: desk.id, quantity: 1000 }],
  });
  await c.call('orders.setStatus', { id: own.id, status: 'invoiced', date: '2026-11-21' });
  await c.call('orders.setStatus', { id: ofAcme.id, status: 'paid', date: '2026-10-05' });

  const ownDeal = await c.call('deals.create', { title: 'Home office', personId: 'ann', companyId: null });
  const companyDeal = await c.call('deals.create', {
    title: 'Acme fit-out',
    personId: 'ann',
    companyId: 'acme',
  });
  db.prepare(`UPDATE deals SET order_id = ? WHERE id = ?`).run(own.id, companyDeal.id);
  const ownCase = await c.call('cases.create', {
    personId: 'ann',
    companyId: null,
    subject: 'Scratched desk',
    category: 'complaint',
    orderId: own.id,
  });
  const companyCase = await c.call('cases.create', {
    personId: 'ann',
    companyId: 'acme',
    subject: 'Acme invoice query',
    category: 'question',
  });
  const consent = await c.call('consents.record', {
    personId: 'ann',
    purpose: 'Marketing emails',
    decision: 'granted',
    decidedAt: Date.UTC(2026, 9, 1),
    method: 'web_form',
    note: 'Ticked the box on the order form',
  });
  await c.call('consents.withdraw', {
    consentId: consent.id,
    withdrawnAt: Date.UTC(2026, 10, 1),
    method: 'email',
  });
  await c.call('consents.record', {
    personId: 'ann',
    purpose: 'Phone calls',
    decision: 'refused',
    decidedAt: Date.UTC(2026, 9, 2),
    method: 'call',
  });
  const bulk = await c.call('people.bulk', {
    target: { ids: ['ann', 'bob'] },
    action: { type: 'stage', stage: 'customer' },
  });
  return Object.assign(b, {
    ownOrder: own.id,
    companyOrder: ofAcme.id,
    ownDeal: ownDeal.id,
    companyDeal: companyDeal.id,
    ownCase: ownCase.id,
    companyCase: companyCase.id,
    call: call.id,
    bobsTask: bobsTask.id,
    bobsCall: bobsCall.call.id,
    consent: consent.id,
    batchId: bulk.batchId!,
  });
}
