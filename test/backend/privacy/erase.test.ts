/**
 * Erasing a person (issue 6): everything about them goes for good, their own orders stay for the
 * accounts under a stand-in (or go too, when asked), a company's records stay the company's, and
 * the search index, the undo history and the Trash keep nothing of them. The book stays sound.
 */
import { describe, expect, it } from 'vitest';
import { customerSales, salesMonthly, salesMonthlyOrders } from '../sales/sales.fixtures.ts';
import { annsBook, count, expectSound, type AnnsBook } from './privacy.fixtures.ts';

async function searchFinds(b: AnnsBook, query: string): Promise<string[]> {
  const result = await b.client.call('search.global', { query });
  return result.groups.flatMap((g) => g.hits.map((h) => `${g.kind}:${h.id}`));
}

function salesTotals(b: AnnsBook) {
  return b.book.sqlite
    .prepare(
      `SELECT currency, sum(net) AS net, sum(tax) AS tax, sum(gross) AS gross FROM sales_monthly GROUP BY 1`,
    )
    .all();
}

describe('privacy.erase', () => {
  it('erases everything about Ann, keeps her own orders for the accounts under a stand-in', async () => {
    const b = await annsBook();
    const db = b.book.sqlite;
    const totals = salesTotals(b);
    const ordersBefore = db
      .prepare(`SELECT id, number, reference, net, tax, gross FROM orders ORDER BY id`)
      .all();
    const linesBefore = db.prepare(`SELECT * FROM order_lines ORDER BY id`).all();
    expect(await searchFinds(b, 'Ann Lee')).toContain('person:ann');
    expect(await searchFinds(b, 'brochure desks home office')).toEqual([]);
    expect((await searchFinds(b, 'desks home office')).some((h) => h.startsWith('call:'))).toBe(true);

    const { erasure, journalCleared } = await b.client.call('privacy.erase', {
      personId: 'ann',
      confirmName: '  ann  LEE ',
      reason: 'Asked by email on 20 November',
    });
    expect(journalCleared).toBe(true);

    // Her rows are gone, not in the Trash.
    expect(count(b, 'people', `id = 'ann'`)).toBe(0);
    for (const table of ['emails', 'phones', 'person_tags', 'person_photos', 'calls', 'notes', 'consents']) {
      expect([table, count(b, table, `person_id = 'ann'`)]).toEqual([table, 0]);
    }
    expect(count(b, 'consent_withdrawals')).toBe(0);
    expect(count(b, 'tasks', `person_id = 'ann'`)).toBe(0);
    expect(count(b, 'deals', `id = '${b.ownDeal}'`)).toBe(0);
    expect(count(b, 'cases', `id = '${b.ownCase}'`)).toBe(0);
    expect(count(b, 'notes')).toBe(0); // the one in the Trash too

    // Her own order is kept whole, named by the stand-in, its note cleared.
    const standIn = erasure.standIn!;
    expect(standIn.name).toBe(`Erased customer ${erasure.reference}`);
    expect(erasure.reference).toBe('ER-0001');
    const own = db.prepare(`SELECT person_id, company_id, notes FROM orders WHERE id = ?`).get(b.ownOrder);
    expect(own).toEqual({ person_id: standIn.id, company_id: null, notes: null });
    // Acme's order is Acme's still, without her.
    const acme = db.prepare(`SELECT person_id, company_id FROM orders WHERE id = ?`).get(b.companyOrder);
    expect(acme).toEqual({ person_id: null, company_id: 'acme' });
    expect(db.prepare(`SELECT person_id, company_id FROM deals WHERE id = ?`).get(b.companyDeal)).toEqual({
      person_id: null,
      company_id: 'acme',
    });
    expect(db.prepare(`SELECT person_id, company_id FROM cases WHERE id = ?`).get(b.companyCase)).toEqual({
      person_id: null,
      company_id: 'acme',
    });
    // Numbers, totals and lines as they were; the reports' summaries agree with the orders.
    expect(db.prepare(`SELECT id, number, reference, net, tax, gross FROM orders ORDER BY id`).all()).toEqual(
      ordersBefore,
    );
    expect(db.prepare(`SELECT * FROM order_lines ORDER BY id`).all()).toEqual(linesBefore);
    expect(salesTotals(b)).toEqual(totals);
    const monthly = salesMonthly(b);
    expect(monthly.stored).toEqual(monthly.expected);
    const monthlyOrders = salesMonthlyOrders(b);
    expect(monthlyOrders.stored).toEqual(monthlyOrders.expected);
    const purchases = customerSales(b);
    expect(purchases.stored).toEqual(purchases.expected);
    expect(count(b, 'customer_sales', `party_id = 'ann'`)).toBe(0);
    expect(count(b, 'customer_sales', `party_id = '${standIn.id}'`)).toBe(1);

    // Bob's task lost only its link to her call; Bob is untouched.
    expect(db.prepare(`SELECT call_id, person_id FROM tasks WHERE id = ?`).get(b.bobsTask)).toEqual({
      call_id: null,
      person_id: 'bob',
    });
    expect(count(b, 'calls', `id = '${b.bobsCall}'`)).toBe(1);

    // Search finds nothing of hers; the undo history holds no copy of her.
    expect(await searchFinds(b, 'Ann Lee')).toEqual([]);
    expect(await searchFinds(b, 'desks home office')).toEqual([]);
    expect(await searchFinds(b, 'Prefers mornings')).toEqual([]);
    expect(await searchFinds(b, 'chair')).toEqual([`call:${b.bobsCall}`]);
    expect(count(b, 'search_docs', `ref_id = 'ann'`)).toBe(0);
    expect(count(b, 'batch_rows', `row_key = 'ann' OR instr(before, 'ann') > 0`)).toBe(0);
    expect(count(b, 'batch_rows', `row_key = 'bob'`)).toBe(1);
    // Nor the Trash.
    const trash = await b.client.call('trash.list', { limit: 100 });
    expect(trash.rows).toEqual([]);

    // The record says what happened, and nothing about her.
    expect(erasure).toMatchObject({
      erasedBy: 'Ada Lovelace',
      reason: 'Asked by email on 20 November',
      ordersKept: true,
    });
    expect(erasure.counts.erased).toMatchObject({
      people: 1,
      emails: 1,
      phones: 1,
      person_tags: 1,
      person_photos: 1,
      calls: 1,
      notes: 2,
      tasks: 1,
      deals: 1,
      cases: 1,
      consents: 2,
      consent_withdrawals: 1,
    });
    expect(erasure.counts.kept).toEqual({ orders: 1, order_lines: 1, order_status_changes: 2 });
    expect(erasure.counts.unlinked).toEqual({ orders: 1, deals: 1, cases: 1 });
    expect(erasure.counts.detached).toBe(1);
    expect(erasure.counts.undoCopies).toBeGreaterThan(0);
    expect(erasure.counts.searchEntries).toBe(3); // her, her call, her live note (not the one in the Trash)
    const stored = JSON.stringify(db.prepare(`SELECT * FROM erasures`).all());
    for (const word of ['Ann', 'Lee', 'ann', 'acme.example', 'Bristol', '07700', 'Prefers', 'desk']) {
      expect(stored).not.toContain(word);
    }
    expect(await b.client.call('privacy.erasures', {})).toEqual([erasure]);

    // The audit trail keeps that things happened, not what they said: no value of hers is left,
    // not even the note on the order kept for the accounts; the erasure is one event naming nobody.
    const trail = JSON.stringify(db.prepare(`SELECT * FROM audit_events`).all());
    for (const word of [
      'Ann Lee',
      'ann.lee@acme',
      '07700 900123',
      'Prefers mornings',
      'neighbour',
      'Bristol',
    ]) {
      expect([word, trail.includes(word)]).toEqual([word, false]);
    }
    expect(db.prepare(`SELECT summary FROM audit_events WHERE action = 'erase'`).pluck().all()).toEqual([
      'Erased a person for good (ER-0001)',
    ]);
    expectSound(b);
  });

  it('erases her own orders too when asked, and takes them out of the reports', async () => {
    const b = await annsBook();
    const db = b.book.sqlite;
    const { erasure } = await b.client.call('privacy.erase', {
      personId: 'ann',
      confirmName: 'Ann Lee',
      keepOrders: false,
    });
    expect(erasure.ordersKept).toBe(false);
    expect(erasure.standIn).toBeNull();
    expect(count(b, 'orders', `id = '${b.ownOrder}'`)).toBe(0);
    expect(count(b, 'order_lines', `order_id = '${b.ownOrder}'`)).toBe(0);
    expect(count(b, 'order_status_changes', `order_id = '${b.ownOrder}'`)).toBe(0);
    // Acme's deal was made into her order: it stays Acme's, without that link.
    expect(db.prepare(`SELECT order_id, person_id FROM deals WHERE id = ?`).get(b.companyDeal)).toEqual({
      order_id: null,
      person_id: null,
    });
    expect(count(b, 'orders', `id = '${b.companyOrder}'`)).toBe(1);
    expect(count(b, 'people', `display_name LIKE 'Erased customer%'`)).toBe(0);
    const monthly = salesMonthly(b);
    expect(monthly.stored).toEqual(monthly.expected);
    expect(monthly.stored).toEqual([expect.objectContaining({ month: '2026-10' })]);
    const purchases = customerSales(b);
    expect(purchases.stored).toEqual(purchases.expected);
    expect(erasure.counts.erased).toMatchObject({ orders: 1, order_lines: 1, order_status_changes: 2 });
    expect(erasure.counts.kept).toEqual({});
    expectSound(b);
  });

  it('erases someone in the Trash, with everything of theirs in the Trash', async () => {
    const b = await annsBook();
    await b.client.call('people.delete', { ids: ['ann'] });
    const preview = await b.client.call('privacy.erasePreview', { personId: 'ann' });
    expect(preview.inTrash).toBe(true);
    await b.client.call('privacy.erase', { personId: 'ann', confirmName: 'Ann Lee' });
    expect(count(b, 'people', `id = 'ann'`)).toBe(0);
    expect((await b.client.call('trash.list', { limit: 100 })).rows).toEqual([]);
    expectSound(b);
  });

  it('takes her name out of the undo labels, and an undo after it brings nothing of hers back', async () => {
    const b = await annsBook();
    const db = b.book.sqlite;
    const merge = await b.client.call('people.merge', { keepId: 'bob', mergeId: 'ann', take: {} });
    expect(db.prepare(`SELECT label FROM batches WHERE id = ?`).pluck().get(merge.batchId)).toContain(
      'Ann Lee',
    );
    // Her calls and orders are Bob's now, and she is in the Trash: the merge's copies name her.
    await b.client.call('privacy.erase', { personId: 'ann', confirmName: 'Ann Lee' });
    expect(db.prepare(`SELECT label FROM batches WHERE id = ?`).pluck().get(merge.batchId)).toBe(
      'Merge an erased person into Bob Ray',
    );
    expect(count(b, 'batch_rows', `instr(before, '"ann"') > 0 OR row_key = 'ann'`)).toBe(0);
    await b.client.call('batches.undo', { batchId: merge.batchId });
    expect(count(b, 'people', `id = 'ann'`)).toBe(0);
    expectSound(b);
  });
});
