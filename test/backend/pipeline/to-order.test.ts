/** deals.toOrder: a won deal becomes an order in one step. */
import { describe, expect, it } from 'vitest';
import { addProduct, deal, pipelineBook, refuses } from './pipeline.fixtures.ts';

describe('deals.toOrder', () => {
  it('makes an order with the deal’s customer, currency, owner and lines, and links the two', async () => {
    const b = await pipelineBook();
    addProduct(b, 'chair', { name: 'Task chair', unitPrice: 15_000, taxRateBp: 2000, unitCost: 9_000 });
    const d = await b.client.call('deals.create', {
      title: 'Chairs for the canteen',
      personId: 'ann',
      lines: [{ productId: 'chair', quantity: 4000, discountBp: 500 }],
    });
    await b.client.call('deals.win', { id: d.id, closedOn: '2026-11-21' });
    const made = await b.client.call('deals.toOrder', { id: d.id });
    expect(made.deal.orderId).toBe(made.orderId);
    const order = await b.client.call('orders.get', { id: made.orderId });
    expect(order).toMatchObject({
      reference: made.reference,
      personId: 'ann',
      companyId: 'acme',
      orderDate: '2026-11-21',
      status: 'confirmed',
      currency: 'GBP',
      ownerId: b.me,
    });
    expect(order.lines).toHaveLength(1);
    expect(order.lines[0]).toMatchObject({
      productId: 'chair',
      quantity: 4000,
      discountBp: 500,
      taxRateBp: 2000,
    });
    // 4 × £150 less 5 % = £570 net; the order carries exactly what the deal was worth.
    expect(order.net).toBe(57_000);
    expect(order.net).toBe(made.deal.value);
    // It counts as a sale at once: the customer's purchase history has it.
    const history = await b.client.call('purchases.person', { personId: 'ann' });
    expect(history.orders).toBe(1);
  });

  it('turns a deal without lines into one line of its title and value', async () => {
    const b = await pipelineBook();
    const d = await deal(b, { value: 80_000 });
    await b.client.call('deals.win', { id: d.id, closedOn: '2026-11-20' });
    const made = await b.client.call('deals.toOrder', { id: d.id, orderDate: '2026-11-22', status: 'quote' });
    const order = await b.client.call('orders.get', { id: made.orderId });
    expect(order.lines.map((l) => [l.description, l.quantity, l.unitPrice])).toEqual([
      [d.title, 1000, 80_000],
    ]);
    expect(order).toMatchObject({ orderDate: '2026-11-22', status: 'quote', net: 80_000 });
  });

  it('refuses an open deal, a deal already made into an order, and an unknown deal, writing nothing', async () => {
    const b = await pipelineBook();
    const d = await deal(b, { value: 1_000 });
    await refuses(b, 'deals.toOrder', { id: d.id }, 'CONFLICT');
    await b.client.call('deals.win', { id: d.id, closedOn: '2026-11-20' });
    const made = await b.client.call('deals.toOrder', { id: d.id });
    const again = await refuses(b, 'deals.toOrder', { id: d.id }, 'CONFLICT');
    expect(again.message).toContain(made.reference);
    await refuses(b, 'deals.toOrder', { id: 'nope' }, 'NOT_FOUND');
    await refuses(b, 'deals.toOrder', { id: d.id, status: 'paid' }, 'VALIDATION', 'status');
    // A deal that became an order stays won.
    await refuses(b, 'deals.reopen', { id: d.id }, 'CONFLICT');
  });
});
