/** purchases.person / purchases.company: lifetime figures and what was bought. */
import { describe, expect, it } from 'vitest';
import { expectSummariesCurrent, order, product, refuses, salesBook } from './sales.fixtures.ts';

describe('purchase history', () => {
  it('sums a person’s orders that count as sales, per currency, with the products bought', async () => {
    const b = await salesBook();
    const desk = await product(b, { sku: 'D1', unitPrice: 20_000, unitCost: 12_000 });
    const fit = await product(b, { name: 'Fitting', kind: 'service', unit: 'hour', unitPrice: 5000 });
    const eur = await product(b, { name: 'Lamp', unitPrice: 3000, currency: 'EUR' });
    await order(b, {
      orderDate: '2026-01-10',
      status: 'paid',
      lines: [
        { productId: desk.id, quantity: 2000 },
        { productId: fit.id, quantity: 1500 },
      ],
    });
    await order(b, {
      orderDate: '2026-03-02',
      status: 'delivered',
      lines: [
        { productId: desk.id, quantity: 1000, taxRateBp: 2000 },
        { description: 'Delivery', quantity: 1000, unitPrice: 900 },
      ],
    });
    await order(b, {
      orderDate: '2026-02-01',
      status: 'confirmed',
      currency: 'EUR',
      lines: [{ productId: eur.id, quantity: 4000 }],
    });
    // A quote, a cancelled order and one in the Trash count nowhere.
    await order(b, { orderDate: '2026-05-01', lines: [{ productId: desk.id, quantity: 9000 }] });
    await order(b, {
      orderDate: '2026-05-02',
      status: 'cancelled',
      lines: [{ productId: desk.id, quantity: 9000 }],
    });
    const gone = await order(b, { orderDate: '2026-05-03', status: 'paid' });
    await b.client.call('orders.delete', { id: gone.id });

    const h = await b.client.call('purchases.person', { personId: 'ann' });
    expect(h.totals).toEqual([
      {
        currency: 'GBP',
        orders: 2,
        net: 40_000 + 7500 + 20_000 + 900,
        gross: 40_000 + 7500 + 24_000 + 900,
        cost: 36_000,
        margin: 68_400 - 36_000,
        lastOrderDate: '2026-03-02',
      },
      {
        currency: 'EUR',
        orders: 1,
        net: 12_000,
        gross: 12_000,
        cost: 0,
        margin: 12_000,
        lastOrderDate: '2026-02-01',
      },
    ]);
    expect(h.orders).toBe(3);
    expect(h.lastOrderDate).toBe('2026-03-02');
    expect(h.items).toEqual([
      {
        productId: desk.id,
        name: 'Oak desk',
        sku: 'D1',
        kind: 'product',
        currency: 'GBP',
        quantity: 3000,
        net: 60_000,
        gross: 64_000,
        orders: 2,
        lastDate: '2026-03-02',
      },
      {
        productId: null,
        name: 'Delivery',
        sku: null,
        kind: null,
        currency: 'GBP',
        quantity: 1000,
        net: 900,
        gross: 900,
        orders: 1,
        lastDate: '2026-03-02',
      },
      {
        productId: eur.id,
        name: 'Lamp',
        sku: null,
        kind: 'product',
        currency: 'EUR',
        quantity: 4000,
        net: 12_000,
        gross: 12_000,
        orders: 1,
        lastDate: '2026-02-01',
      },
      {
        productId: fit.id,
        name: 'Fitting',
        sku: null,
        kind: 'service',
        currency: 'GBP',
        quantity: 1500,
        net: 7500,
        gross: 7500,
        orders: 1,
        lastDate: '2026-01-10',
      },
    ]);
    expectSummariesCurrent(b);
  });

  it('keeps a company’s history apart from its people’s, and follows an order that changes hands', async () => {
    const b = await salesBook();
    const o = await order(b, { companyId: 'acme', status: 'confirmed' });
    await order(b, { personId: 'bob', status: 'paid', orderDate: '2026-12-01' });
    const acme = await b.client.call('purchases.company', { companyId: 'acme' });
    expect(acme).toMatchObject({
      orders: 1,
      lastOrderDate: '2026-11-20',
      totals: [{ currency: 'GBP', net: 10_000 }],
    });
    expect((await b.client.call('purchases.company', { companyId: 'zeta' })).orders).toBe(0);
    await b.client.call('orders.update', { id: o.id, patch: { companyId: 'zeta', personId: 'bob' } });
    expect((await b.client.call('purchases.company', { companyId: 'acme' })).totals).toEqual([]);
    expect((await b.client.call('purchases.company', { companyId: 'zeta' })).orders).toBe(1);
    expect((await b.client.call('purchases.person', { personId: 'ann' })).orders).toBe(0);
    const bob = await b.client.call('purchases.person', { personId: 'bob' });
    expect(bob).toMatchObject({ orders: 2, lastOrderDate: '2026-12-01' });
    expectSummariesCurrent(b);
  });

  it('answers with nothing bought for a new customer, and NOT_FOUND for someone missing or in the Trash', async () => {
    const b = await salesBook();
    expect(await b.client.call('purchases.person', { personId: 'bob' })).toEqual({
      totals: [],
      orders: 0,
      lastOrderDate: null,
      items: [],
    });
    b.book.sqlite.prepare(`UPDATE people SET deleted_at = 1 WHERE id = 'bob'`).run();
    await refuses(b, () => b.client.call('purchases.person', { personId: 'bob' }), 'NOT_FOUND', 'personId');
    await refuses(
      b,
      () => b.client.call('purchases.company', { companyId: 'ghost' }),
      'NOT_FOUND',
      'companyId',
    );
  });
});
