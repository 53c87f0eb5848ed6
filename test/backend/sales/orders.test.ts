/** Orders: numbering, create / get / update / setStatus / delete / restore, and their bad inputs. */
import { describe, expect, it } from 'vitest';
import type { DbChanged } from '../../../shared/api/events.ts';
import { lineAmounts } from '../../../shared/domain/money.ts';
import {
  changeCount,
  customerSales,
  expectSummariesCurrent,
  order,
  product,
  refuses,
  salesBook,
  salesMonthlyOrders,
} from './sales.fixtures.ts';

describe('orders.create and orders.get', () => {
  it('numbers orders in sequence, fills lines from products and sums them into the order', async () => {
    const b = await salesBook();
    const desk = await product(b, { sku: 'D1', unitPrice: 24_999, unitCost: 12_000, taxRateBp: 2000 });
    const o = await order(b, {
      notes: '  Deliver to the back door ',
      lines: [
        { productId: desk.id, quantity: 3000, discountBp: 1000 },
        { description: 'Delivery', quantity: 1000, unitPrice: 1250, taxRateBp: 2000 },
      ],
    });
    expect(o).toMatchObject({
      number: 1,
      reference: 'ORD-00001',
      personId: 'ann',
      personName: 'Ann Lee',
      companyId: null,
      orderDate: '2026-11-20',
      status: 'quote',
      statusDate: '2026-11-20',
      currency: 'GBP',
      ownerId: b.me,
      ownerName: 'Ada Lovelace',
      notes: 'Deliver to the back door',
    });
    // 3 × 249.99 less 10 % = 674.973 → 674.97; tax 20 % = 134.994 → 134.99; cost 3 × 120.00.
    expect(o.lines[0]).toMatchObject({
      productId: desk.id,
      description: 'Oak desk',
      unitPrice: 24_999,
      taxRateBp: 2000,
      unitCost: 12_000,
      net: 67_497,
      tax: 13_499,
      gross: 80_996,
      cost: 36_000,
    });
    expect(o.lines[1]).toMatchObject({ description: 'Delivery', net: 1250, tax: 250, gross: 1500, cost: 0 });
    expect({ net: o.net, tax: o.tax, gross: o.gross, cost: o.cost, margin: o.margin }).toEqual({
      net: 68_747,
      tax: 13_749,
      gross: 82_496,
      cost: 36_000,
      margin: 32_747,
    });
    expect(o.history).toEqual([
      { position: 0, status: 'quote', date: '2026-11-20', at: b.clock(), byId: b.me, byName: 'Ada Lovelace' },
    ]);
    expect(await b.client.call('orders.get', { id: o.id })).toEqual(o);
    const second = await order(b, { companyId: 'acme', personId: null, ownerId: null, currency: 'EUR' });
    expect(second).toMatchObject({
      number: 2,
      reference: 'ORD-00002',
      personId: null,
      companyId: 'acme',
      companyName: 'Acme Ltd',
      ownerId: null,
      currency: 'EUR',
    });
    const changed = b.events.filter((e) => e.event === 'db.changed').at(-1)?.payload as DbChanged;
    expect(changed).toMatchObject({ tables: ['orders'], ids: [second.id] });
  });

  it('keeps each line’s figures equal to the money rules', async () => {
    const b = await salesBook();
    const o = await order(b, {
      lines: [
        { description: 'A', quantity: 1500, unitPrice: 333, discountBp: 250, taxRateBp: 1750, unitCost: 101 },
        { description: 'B', quantity: 0, unitPrice: 999 },
      ],
    });
    for (const l of o.lines) {
      expect({ net: l.net, tax: l.tax, gross: l.gross, cost: l.cost }).toEqual(lineAmounts(l));
    }
  });

  it('refuses bad input with a clear error at the field and writes nothing', async () => {
    const b = await salesBook();
    b.book.sqlite.prepare(`UPDATE people SET deleted_at = 1 WHERE id = 'bob'`).run();
    const eur = await product(b, { name: 'Euro thing', currency: 'EUR' });
    const free = { description: 'X', quantity: 1000, unitPrice: 100 };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ personId: null }, 'VALIDATION', 'personId'],
      [{ lines: [] }, 'VALIDATION', 'lines'],
      [{ lines: [{ ...free, quantity: -1000 }] }, 'VALIDATION', 'lines.0.quantity'],
      [{ lines: [{ ...free, unitPrice: 12.5 }] }, 'VALIDATION', 'lines.0.unitPrice'],
      [{ lines: [{ ...free, unitPrice: '12.50' }] }, 'VALIDATION', 'lines.0.unitPrice'],
      [{ lines: [{ ...free, discountBp: 10_001 }] }, 'VALIDATION', 'lines.0.discountBp'],
      [{ lines: [{ quantity: 1000, unitPrice: 100 }] }, 'VALIDATION', 'lines.0.description'],
      [{ lines: [{ description: 'No price', quantity: 1000 }] }, 'VALIDATION', 'lines.0.unitPrice'],
      [{ lines: [{ productId: 'ghost', quantity: 1000 }] }, 'VALIDATION', 'lines.0.productId'],
      [{ lines: [free, { productId: eur.id, quantity: 1000 }] }, 'VALIDATION', 'lines.1.productId'],
      [{ currency: 'XYZ' }, 'VALIDATION', 'currency'],
      [{ orderDate: '2026-02-30' }, 'VALIDATION', 'orderDate'],
      [{ status: 'shipped' }, 'VALIDATION', 'status'],
      [{ personId: 'ghost' }, 'NOT_FOUND', 'personId'],
      [{ personId: 'bob' }, 'NOT_FOUND', 'personId'],
      [{ companyId: 'ghost' }, 'NOT_FOUND', 'companyId'],
      [{ ownerId: 'ghost' }, 'NOT_FOUND', 'ownerId'],
    ];
    for (const [extra, code, path] of cases) {
      await refuses(b, () => order(b, extra as never), code, path);
    }
    // Nothing used a number either.
    expect((await order(b)).number).toBe(1);
  });
});

describe('order numbering', () => {
  it('uses the prefix setting for new orders; older orders keep their reference', async () => {
    const b = await salesBook();
    expect(await b.client.call('orders.numbering', {})).toEqual({
      prefix: 'ORD-',
      nextNumber: 1,
      nextReference: 'ORD-00001',
    });
    const first = await order(b);
    expect(await b.client.call('orders.setPrefix', { prefix: ' SO/2026/ ' })).toEqual({
      prefix: 'SO/2026/',
      nextNumber: 2,
      nextReference: 'SO/2026/00002',
    });
    const second = await order(b);
    expect(second.reference).toBe('SO/2026/00002');
    expect((await b.client.call('orders.get', { id: first.id })).reference).toBe('ORD-00001');
    // The prefix is its own settings key; the book settings do not show it.
    expect(
      b.book.sqlite.prepare(`SELECT value FROM settings WHERE key = 'orders.prefix'`).pluck().get(),
    ).toBe('"SO/2026/"');
    expect(await b.client.call('settings.get', {})).not.toHaveProperty('orders.prefix');
    await b.client.call('orders.setPrefix', { prefix: '' });
    expect((await order(b)).reference).toBe('00003');
  });

  it('continues after the highest number, also when that order is in the Trash', async () => {
    const b = await salesBook();
    await order(b);
    const two = await order(b);
    await b.client.call('orders.delete', { id: two.id });
    expect((await order(b)).number).toBe(3);
  });

  it('refuses a prefix with odd characters or too long, and a reference that is already taken', async () => {
    const b = await salesBook();
    await refuses(b, () => b.client.call('orders.setPrefix', { prefix: 'A B' }), 'VALIDATION', 'prefix');
    await refuses(
      b,
      () => b.client.call('orders.setPrefix', { prefix: 'X'.repeat(13) }),
      'VALIDATION',
      'prefix',
    );
    // Order 1 under the prefix "1" is 100001; after 100,000 orders with no prefix, so is the next one.
    await b.client.call('orders.setPrefix', { prefix: '1' });
    expect((await order(b)).reference).toBe('100001');
    b.book.sqlite.prepare(`UPDATE orders SET number = 100000`).run();
    await b.client.call('orders.setPrefix', { prefix: '' });
    const err = await refuses(b, () => order(b), 'CONFLICT');
    expect(err.message).toContain('100001');
  });
});

describe('orders.setStatus', () => {
  it('records every change with its day and who made it; status_date is the latest', async () => {
    const b = await salesBook();
    const o = await order(b);
    b.clock.advance(60_000);
    await b.client.call('orders.setStatus', { id: o.id, status: 'confirmed', date: '2026-11-21' });
    await b.client.call('orders.setStatus', { id: o.id, status: 'delivered', date: '2026-11-25' });
    const paid = await b.client.call('orders.setStatus', { id: o.id, status: 'paid', date: '2026-12-01' });
    expect(paid.status).toBe('paid');
    expect(paid.statusDate).toBe('2026-12-01');
    expect(paid.history.map((h) => [h.position, h.status, h.date, h.byName])).toEqual([
      [0, 'quote', '2026-11-20', 'Ada Lovelace'],
      [1, 'confirmed', '2026-11-21', 'Ada Lovelace'],
      [2, 'delivered', '2026-11-25', 'Ada Lovelace'],
      [3, 'paid', '2026-12-01', 'Ada Lovelace'],
    ]);
    expect(paid.history[1]!.at).toBe(o.createdAt + 60_000);
    expect(paid.updatedAt).toBe(o.createdAt + 60_000);
  });

  it('refuses moving a paid order back to quote (or cancelling it), and a date before the order', async () => {
    const b = await salesBook();
    const o = await order(b, { status: 'paid' });
    const err = await refuses(
      b,
      () => b.client.call('orders.setStatus', { id: o.id, status: 'quote', date: '2026-11-22' }),
      'CONFLICT',
      'status',
    );
    expect(err.message).toBe('ORD-00001 is paid: it can only go back to invoiced, not to quote.');
    await refuses(
      b,
      () => b.client.call('orders.setStatus', { id: o.id, status: 'cancelled', date: '2026-11-22' }),
      'CONFLICT',
      'status',
    );
    await refuses(
      b,
      () => b.client.call('orders.setStatus', { id: o.id, status: 'invoiced', date: '2026-11-19' }),
      'VALIDATION',
      'date',
    );
    await refuses(
      b,
      () => b.client.call('orders.setStatus', { id: o.id, status: 'sent' as never, date: '2026-11-22' }),
      'VALIDATION',
      'status',
    );
    await refuses(
      b,
      () => b.client.call('orders.setStatus', { id: 'ghost', status: 'paid', date: '2026-11-22' }),
      'NOT_FOUND',
    );
    // A paid order can go back to invoiced (a payment recorded by mistake).
    const back = await b.client.call('orders.setStatus', {
      id: o.id,
      status: 'invoiced',
      date: '2026-11-22',
    });
    expect(back.status).toBe('invoiced');
  });

  it('treats the current status as nothing to do', async () => {
    const b = await salesBook();
    const o = await order(b);
    const before = changeCount(b);
    expect(
      await b.client.call('orders.setStatus', { id: o.id, status: 'quote', date: '2026-11-22' }),
    ).toEqual(o);
    expect(changeCount(b)).toBe(before);
  });

  it('reopens a cancelled order as a quote', async () => {
    const b = await salesBook();
    const o = await order(b, { status: 'cancelled' });
    const q = await b.client.call('orders.setStatus', { id: o.id, status: 'quote', date: '2026-11-22' });
    expect(q.history.map((h) => h.status)).toEqual(['cancelled', 'quote']);
  });
});

describe('orders.update', () => {
  it('changes what the patch names, rewrites lines and their totals', async () => {
    const b = await salesBook();
    const o = await order(b);
    b.clock.advance(1000);
    const u = await b.client.call('orders.update', {
      id: o.id,
      patch: {
        notes: 'Urgent',
        companyId: 'acme',
        orderDate: '2026-11-18',
        lines: [
          { description: 'Chairs', quantity: 4000, unitPrice: 4500, taxRateBp: 2000 },
          { description: 'Fitting', quantity: 500, unitPrice: 6000 },
        ],
      },
      expectedUpdatedAt: o.updatedAt,
    });
    expect(u).toMatchObject({
      id: o.id,
      reference: o.reference,
      notes: 'Urgent',
      personId: 'ann',
      companyId: 'acme',
      orderDate: '2026-11-18',
      // The first status follows the order date while it is the only one.
      statusDate: '2026-11-18',
      net: 21_000,
      tax: 3600,
      gross: 24_600,
      updatedAt: o.updatedAt + 1000,
    });
    expect(u.history).toMatchObject([{ status: 'quote', date: '2026-11-18' }]);
    expect(u.lines.map((l) => l.description)).toEqual(['Chairs', 'Fitting']);
    expect(b.book.sqlite.prepare(`SELECT count(*) FROM order_lines`).pluck().get()).toBe(2);
    // An empty patch writes nothing.
    const before = changeCount(b);
    expect(await b.client.call('orders.update', { id: o.id, patch: {} })).toEqual(u);
    expect(changeCount(b)).toBe(before);
  });

  it('refuses a stale edit, losing the customer, bad links and bad lines, writing nothing', async () => {
    const b = await salesBook();
    const o = await order(b);
    await b.client.call('orders.update', { id: o.id, patch: { notes: 'x' } });
    await refuses(
      b,
      () =>
        b.client.call('orders.update', {
          id: o.id,
          patch: { notes: 'y' },
          expectedUpdatedAt: o.updatedAt - 1,
        }),
      'CONFLICT',
    );
    const update = (patch: Record<string, unknown>) => () =>
      b.client.call('orders.update', { id: o.id, patch: patch as never });
    await refuses(b, update({ personId: null }), 'VALIDATION', 'patch.personId');
    await refuses(b, update({ personId: 'ghost' }), 'NOT_FOUND', 'patch.personId');
    await refuses(b, update({ companyId: 'ghost' }), 'NOT_FOUND', 'patch.companyId');
    await refuses(b, update({ ownerId: 'ghost' }), 'NOT_FOUND', 'patch.ownerId');
    await refuses(b, update({ lines: [] }), 'VALIDATION', 'patch.lines');
    await refuses(
      b,
      update({ lines: [{ quantity: -1, description: 'x', unitPrice: 1 }] }),
      'VALIDATION',
      'patch.lines.0.quantity',
    );
    await refuses(
      b,
      update({ lines: [{ quantity: 1000, unitPrice: 1 }] }),
      'VALIDATION',
      'patch.lines.0.description',
    );
    await refuses(b, update({ currency: 'ABC' }), 'VALIDATION', 'patch.currency');
    await refuses(b, update({ status: 'paid' }), 'VALIDATION', 'patch');
    await refuses(
      b,
      () => b.client.call('orders.update', { id: 'ghost', patch: { notes: 'x' } }),
      'NOT_FOUND',
    );
  });

  it('refuses a new currency while lines are products priced in the old one', async () => {
    const b = await salesBook();
    const p = await product(b);
    const o = await order(b, { lines: [{ productId: p.id, quantity: 1000 }] });
    const err = await refuses(
      b,
      () => b.client.call('orders.update', { id: o.id, patch: { currency: 'EUR' } }),
      'VALIDATION',
      'patch.currency',
    );
    expect(err.message).toContain('GBP');
    // With free-text lines the currency can change.
    const free = await order(b);
    expect((await b.client.call('orders.update', { id: free.id, patch: { currency: 'EUR' } })).currency).toBe(
      'EUR',
    );
  });

  it('fixes the lines and currency of an invoiced or paid order', async () => {
    const b = await salesBook();
    const o = await order(b, { status: 'invoiced' });
    const lines = [{ description: 'More', quantity: 1000, unitPrice: 100 }];
    const err = await refuses(
      b,
      () => b.client.call('orders.update', { id: o.id, patch: { lines } }),
      'CONFLICT',
      'patch.lines',
    );
    expect(err.message).toContain('invoiced');
    await refuses(
      b,
      () => b.client.call('orders.update', { id: o.id, patch: { currency: 'EUR' } }),
      'CONFLICT',
      'patch.currency',
    );
    // Notes can still change; back at delivered the lines can too.
    expect((await b.client.call('orders.update', { id: o.id, patch: { notes: 'Paid late' } })).notes).toBe(
      'Paid late',
    );
    await b.client.call('orders.setStatus', { id: o.id, status: 'delivered', date: '2026-11-22' });
    expect((await b.client.call('orders.update', { id: o.id, patch: { lines } })).net).toBe(100);
  });
});

describe('orders.delete and orders.restore', () => {
  it('moves an order to the Trash, out of lists, reports and purchase history, and back', async () => {
    const b = await salesBook();
    const o = await order(b, { status: 'confirmed', companyId: 'acme' });
    expect(salesMonthlyOrders(b).stored).toHaveLength(1);
    expect(customerSales(b).stored).toHaveLength(2);
    expect(await b.client.call('orders.delete', { id: o.id })).toEqual({ ok: true });
    await refuses(b, () => b.client.call('orders.get', { id: o.id }), 'NOT_FOUND');
    await refuses(b, () => b.client.call('orders.delete', { id: o.id }), 'NOT_FOUND');
    expect((await b.client.call('orders.list', {})).rows).toEqual([]);
    expect(salesMonthlyOrders(b).stored).toEqual([]);
    expect(customerSales(b).stored).toEqual([]);
    expect((await b.client.call('purchases.person', { personId: 'ann' })).orders).toBe(0);
    expectSummariesCurrent(b);

    const back = await b.client.call('orders.restore', { id: o.id });
    expect(back).toMatchObject({ id: o.id, reference: 'ORD-00001', status: 'confirmed' });
    expect(salesMonthlyOrders(b).stored).toHaveLength(1);
    expect((await b.client.call('purchases.person', { personId: 'ann' })).orders).toBe(1);
    expectSummariesCurrent(b);
    // Restoring a live order changes nothing; one deleted for good cannot come back.
    const before = changeCount(b);
    expect(await b.client.call('orders.restore', { id: o.id })).toEqual(back);
    expect(changeCount(b)).toBe(before);
    await refuses(b, () => b.client.call('orders.restore', { id: 'ghost' }), 'NOT_FOUND');
  });
});
