/**
 * The sales screens on a real book: a product made in its dialog (prices typed as text, checked
 * in place), an order written with two lines whose totals on screen are the totals the book saves,
 * a status moved on the stepper, and a customer's purchases on their page.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestBook } from '../../helpers/book.ts';
import { person, renderAt, type Rendered } from '../contacts/harness.tsx';

let app: Rendered | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function desk(book: TestBook) {
  return book.client.call('products.create', {
    sku: 'DESK-1',
    name: 'Oak desk',
    unitPrice: 3333,
    unitCost: 2000,
    taxRateBp: 2000,
  });
}

describe('Products', () => {
  it('checks the price as typed, then adds the product with its amounts in minor units', async () => {
    app = await renderAt('products');
    const { user, book } = app;
    await screen.findByText('No products yet');
    await user.click(screen.getAllByRole('button', { name: 'New product' })[0]!);
    const dialog = screen.getByRole('dialog', { name: 'New product' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Oak desk');
    await user.type(within(dialog).getByRole('textbox', { name: 'SKU' }), 'DESK-1');
    const price = within(dialog).getByRole('textbox', { name: /Unit price/u });
    await user.type(price, '12.3.4');
    await user.tab();
    await waitFor(() => expect(price.getAttribute('aria-invalid')).toBe('true'));
    expect(within(dialog).getByText(/is not an amount/u)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Add product' }));
    expect((await book.client.call('products.list', {})).rows).toHaveLength(0);

    await user.clear(price);
    await user.type(price, '1,250.5');
    await user.type(within(dialog).getByRole('textbox', { name: 'Tax rate (%)' }), '20');
    await user.type(within(dialog).getByRole('textbox', { name: /Unit cost/u }), '700');
    // The margin follows the typing: (1250.50 − 700) / 1250.50.
    expect(within(dialog).getByText('Margin 44%')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Add product' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'New product' })).toBeNull());

    const grid = screen.getByRole('grid', { name: 'Products' });
    const row = await within(grid).findByRole('row', { name: 'Oak desk' });
    expect(within(row).getByText('£1,250.50')).toBeTruthy();
    expect(within(row).getByText('DESK-1')).toBeTruthy();
    const [saved] = (await book.client.call('products.list', {})).rows;
    expect(saved).toMatchObject({ sku: 'DESK-1', unitPrice: 125_050, unitCost: 70_000, taxRateBp: 2000 });
  });

  it('archives a product that an order uses, and Undo offers it again', async () => {
    let productId = '';
    app = await renderAt('products', async (book) => {
      const p = await desk(book);
      productId = p.id;
      const ann = await person(book, { givenName: 'Ann', familyName: 'Lee' });
      await book.client.call('orders.create', {
        personId: ann.id,
        orderDate: '2026-11-20',
        lines: [{ productId: p.id, quantity: 1000 }],
      });
    });
    const { user, book } = app;
    const grid = await screen.findByRole('grid', { name: 'Products' });
    await user.click(await within(grid).findByRole('row', { name: 'Oak desk' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit Oak desk' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await screen.findByText(/Archived Oak desk: past orders use it/u);
    expect((await book.client.call('products.get', { id: productId })).active).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(async () =>
      expect((await book.client.call('products.get', { id: productId })).active).toBe(true),
    );
  });
});

describe('Orders', () => {
  it('writes an order with a product line and a free-text line, with the totals the book saves', async () => {
    app = await renderAt('orders', async (book) => {
      await desk(book);
      await person(book, { givenName: 'Ann', familyName: 'Lee', email: 'ann@example.com' });
    });
    const { user, book } = app;
    await screen.findByText('No orders yet');
    await user.click(screen.getAllByRole('button', { name: 'New order' })[0]!);
    await screen.findByRole('heading', { name: 'New order', level: 1 });

    await user.type(screen.getByRole('combobox', { name: 'Person' }), 'Ann');
    await user.click(await screen.findByRole('option', { name: /Ann Lee/u }));

    // Line 1 from the catalogue: its price and tax fill in.
    await user.type(screen.getByRole('combobox', { name: 'Line 1 item' }), 'Oak');
    await user.click(await screen.findByRole('option', { name: /Oak desk/u }));
    expect((screen.getByRole('textbox', { name: 'Line 1 unit price' }) as HTMLInputElement).value).toBe(
      '33.33',
    );
    expect((screen.getByRole('textbox', { name: 'Line 1 tax' }) as HTMLInputElement).value).toBe('20');
    const qty = screen.getByRole('textbox', { name: 'Line 1 quantity' });
    await user.clear(qty);
    await user.type(qty, '1.5');
    await user.type(screen.getByRole('textbox', { name: 'Line 1 discount' }), '10');
    // 1.5 × 33.33 × 0.9 = 44.9955, rounded once per line: 45.00; tax 9.00.
    expect(screen.getByLabelText('Line 1 net').textContent).toBe('£45.00');
    expect(screen.getByLabelText('Line 1 total').textContent).toBe('£54.00');

    // Line 2 is free text.
    await user.click(screen.getByRole('button', { name: 'Add a line' }));
    await user.type(screen.getByRole('combobox', { name: 'Line 2 item' }), 'Delivery to site');
    await user.type(screen.getByRole('textbox', { name: 'Line 2 unit price' }), '12.5');
    await user.type(screen.getByRole('textbox', { name: 'Line 2 tax' }), '17.5');
    // 12.50 at 17.5 %: tax 2.1875 -> 2.19.
    expect(screen.getByLabelText('Line 2 total').textContent).toBe('£14.69');
    expect(screen.getByLabelText('Net total').textContent).toBe('£57.50');
    expect(screen.getByLabelText('Tax total').textContent).toBe('£11.19');
    expect(screen.getByLabelText('Order total').textContent).toBe('£68.69');
    // Cost 1.5 × 20.00 = 30.00: margin 27.50.
    expect(screen.getByLabelText('Margin').textContent).toMatch(/^£27\.50/u);

    await user.click(screen.getByRole('button', { name: 'Save order' }));
    await screen.findByRole('heading', { name: /ORD-00001/u, level: 1 });
    const [saved] = (await book.client.call('orders.list', {})).rows;
    expect(saved).toMatchObject({ reference: 'ORD-00001', net: 5750, tax: 1119, gross: 6869, margin: 2750 });
    expect(saved?.personName).toBe('Ann Lee');
    const order = await book.client.call('orders.get', { id: saved!.id });
    expect(order.lines.map((l) => l.description)).toEqual(['Oak desk', 'Delivery to site']);
  });

  it('refuses to save a line whose quantity is not a number, says which line, and keeps the draft', async () => {
    app = await renderAt('orders/new', async (book) => {
      await person(book, { givenName: 'Ann', familyName: 'Lee' });
    });
    const { user, book } = app;
    await screen.findByRole('heading', { name: 'New order', level: 1 });
    await user.type(screen.getByRole('combobox', { name: 'Person' }), 'Ann');
    await user.click(await screen.findByRole('option', { name: /Ann Lee/u }));
    await user.type(screen.getByRole('combobox', { name: 'Line 1 item' }), 'Survey');
    await user.type(screen.getByRole('textbox', { name: 'Line 1 unit price' }), '80');
    const qty = screen.getByRole('textbox', { name: 'Line 1 quantity' });
    await user.clear(qty);
    await user.type(qty, 'two');
    await user.click(screen.getByRole('button', { name: 'Save order' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Line 1, quantity/u);
    expect(qty.getAttribute('aria-invalid')).toBe('true');
    expect((await book.client.call('orders.list', {})).rows).toHaveLength(0);

    // Enter in a line's last field starts the next line, with the cursor in its item.
    await user.click(screen.getByRole('textbox', { name: 'Line 1 tax' }));
    await user.keyboard('{Enter}');
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Line 2 item' })),
    );

    // Leaving the unsaved order and coming back finds the draft as it was.
    app.ui.getState().navigate('orders');
    await screen.findByRole('grid', { name: 'Orders' });
    app.ui.getState().navigate('orders/new');
    await screen.findByRole('heading', { name: 'New order', level: 1 });
    expect((screen.getByRole('combobox', { name: 'Line 1 item' }) as HTMLInputElement).value).toBe('Survey');
    expect(screen.getByRole('combobox', { name: 'Line 2 item' })).toBeTruthy();
    expect(screen.getByText('Draft')).toBeTruthy();
  });

  it('moves a quote to confirmed on the stepper, dated, and shows it in the history', async () => {
    let orderId = '';
    app = await renderAt('orders', async (book) => {
      const p = await desk(book);
      const ann = await person(book, { givenName: 'Ann', familyName: 'Lee' });
      const o = await book.client.call('orders.create', {
        personId: ann.id,
        orderDate: '2026-11-20',
        lines: [{ productId: p.id, quantity: 2000 }],
      });
      orderId = o.id;
    });
    const { user, book } = app;
    const grid = await screen.findByRole('grid', { name: 'Orders' });
    await user.click(await within(grid).findByRole('row', { name: /ORD-00001, Ann Lee, Quote/u }));
    const stepper = await screen.findByRole('list', { name: 'Order status' });
    expect(within(stepper).getByRole('button', { name: 'Quote (now)' }).getAttribute('aria-current')).toBe(
      'step',
    );
    await user.click(within(stepper).getByRole('button', { name: 'Mark as confirmed' }));
    await waitFor(() =>
      expect(
        within(stepper).getByRole('button', { name: 'Confirmed (now)' }).getAttribute('aria-current'),
      ).toBe('step'),
    );
    const order = await book.client.call('orders.get', { id: orderId });
    expect(order.status).toBe('confirmed');
    // Dated today, the book's fixed day.
    expect(order.history.map((h) => [h.status, h.date])).toEqual([
      ['quote', '2026-11-20'],
      ['confirmed', '2026-11-22'],
    ]);
    const history = screen.getByRole('list', { name: 'Status history' });
    expect(within(history).getAllByRole('listitem')[0]!.textContent).toMatch(/Confirmed/u);

    // Paid: only a step back to invoiced is offered, and it cannot be cancelled.
    await user.click(within(stepper).getByRole('button', { name: 'Mark as paid' }));
    await waitFor(() => expect(within(stepper).getByRole('button', { name: 'Paid (now)' })).toBeTruthy());
    // Confirmed straight to paid: delivered and invoiced were skipped, not done.
    const steps = within(stepper)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(steps).toEqual([
      expect.stringMatching(/^Quote20 Nov$/u),
      expect.stringMatching(/^Confirmed22 Nov$/u),
      '3Deliveredskipped',
      '4Invoicedskipped',
      expect.stringMatching(/^Paid22 Nov$/u),
    ]);
    expect((screen.getByRole('button', { name: 'Cancel order' }) as HTMLButtonElement).disabled).toBe(true);
    expect(
      (within(stepper).getByRole('button', { name: 'Mark as quote' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });
});

describe('Palette', () => {
  it('opens New product from anywhere, and New order on a person’s page is for that person', async () => {
    let personId = '';
    app = await renderAt('today', async (book) => {
      personId = (await person(book, { givenName: 'Ann', familyName: 'Lee' })).id;
    });
    const { user, ui } = app;
    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('New product');
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('dialog', { name: 'New product' })).toBeTruthy();
    expect(ui.getState().route).toBe('products');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'New product' })).toBeNull());

    ui.getState().navigate(`people/${personId}`);
    await screen.findByRole('heading', { name: 'Ann Lee', level: 1 });
    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('New order');
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { name: 'New order', level: 1 });
    expect(screen.getByRole('button', { name: /^Person: Ann Lee/u })).toBeTruthy();
  });
});

describe('Purchase history', () => {
  it('shows what a person bought, counting sales only, and opens an order from the card', async () => {
    let personId = '';
    app = await renderAt('contacts', async (book) => {
      const p = await desk(book);
      const ann = await person(book, { givenName: 'Ann', familyName: 'Lee' });
      personId = ann.id;
      await book.client.call('orders.create', {
        personId: ann.id,
        orderDate: '2026-11-02',
        status: 'paid',
        lines: [{ productId: p.id, quantity: 3000 }],
      });
      // A quote is listed but not counted.
      await book.client.call('orders.create', {
        personId: ann.id,
        orderDate: '2026-11-21',
        lines: [{ description: 'Chair repair', quantity: 1000, unitPrice: 5000 }],
      });
    });
    const { user, ui } = app;
    ui.getState().navigate(`people/${personId}`);
    const card = (await screen.findByRole('heading', { name: /Purchases/u, level: 2 })).closest('section')!;
    // Revenue: 3 × 33.33 = 99.99 net; margin 99.99 − 60.00 = 39.99; one order counted.
    const revenue = await within(card).findByRole('group', { name: 'Revenue' });
    expect(revenue.textContent).toBe('Revenue£99.99');
    expect(within(card).getByRole('group', { name: 'Margin' }).textContent).toMatch(/£39\.99/u);
    expect(within(card).getByRole('group', { name: 'Orders' }).textContent).toBe('Orders1');
    expect(within(card).getByRole('list', { name: 'Products bought' }).textContent).toMatch(/Oak desk/u);
    expect(within(card).getByRole('list', { name: 'Products bought' }).textContent).not.toMatch(/Chair/u);
    const orders = within(card).getByRole('list', { name: 'Orders' });
    expect(within(orders).getAllByRole('button')).toHaveLength(2);
    await user.click(within(orders).getByRole('button', { name: 'Open ORD-00001' }));
    await screen.findByRole('heading', { name: /ORD-00001/u, level: 1 });
    expect(screen.getByLabelText('Order total').textContent).toBe('£119.99');

    // The person's timeline lists both orders; each opens from there too.
    ui.getState().navigate(`people/${personId}`);
    const item = await screen.findByRole('listitem', { name: 'Order ORD-00002' });
    expect(item.textContent).toMatch(/Quote/u);
    await user.click(within(item).getByRole('button', { name: 'Order ORD-00002' }));
    await screen.findByRole('heading', { name: /ORD-00002/u, level: 1 });
  });

  it('starts a new order for the person, with them filled in', async () => {
    let personId = '';
    app = await renderAt('contacts', async (book) => {
      personId = (await person(book, { givenName: 'Ann', familyName: 'Lee' })).id;
    });
    const { user, ui } = app;
    ui.getState().navigate(`people/${personId}`);
    const card = (await screen.findByRole('heading', { name: /Purchases/u, level: 2 })).closest('section')!;
    await within(card).findByText(/Nothing bought yet/u);
    await user.click(within(card).getByRole('button', { name: 'New order' }));
    await screen.findByRole('heading', { name: 'New order', level: 1 });
    expect(screen.getByRole('button', { name: /^Person: Ann Lee/u })).toBeTruthy();
  });
});
