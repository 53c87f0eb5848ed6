/** The Reports screen: each report's table under its chart, following the period and staff filters. */
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { renderAt, type Rendered } from '../contacts/harness.tsx';

let app: Rendered | null = null;
afterEach(async () => {
  await app?.stop();
  app = null;
});

/** The cells of a table's rows, by its accessible name (its caption). */
function rowsOf(name: string): string[][] {
  const table = screen.getByRole('table', { name });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')].map((c) => c.textContent ?? ''));
}

describe('Reports', () => {
  it('shows sales, the pipeline, won and lost deals and open cases, and follows the staff filter', async () => {
    app = await renderAt('reports', async (book) => {
      const c = book.client;
      await c.call('people.create', { person: { givenName: 'Ann', familyName: 'Lee' } });
      const ann = (await c.call('people.list', {})).rows[0]!.id;
      const priya = await c.call('staff.create', { name: 'Priya Shah' });
      await c.call('orders.create', {
        personId: ann,
        orderDate: '2026-11-02',
        status: 'paid',
        lines: [{ description: 'Desk', quantity: 2000, unitPrice: 10_000, taxRateBp: 2000 }],
      });
      await c.call('orders.create', {
        personId: ann,
        orderDate: '2026-10-15',
        status: 'confirmed',
        ownerId: priya.id,
        lines: [{ description: 'Chair', quantity: 1000, unitPrice: 5_000 }],
      });
      await c.call('orders.create', {
        personId: ann,
        orderDate: '2026-10-16',
        status: 'cancelled',
        lines: [{ description: 'Lamp', quantity: 1000, unitPrice: 99_900 }],
      });
      const deal = await c.call('deals.create', { title: 'Fit-out', personId: ann, value: 40_000 });
      await c.call('deals.create', {
        title: 'Refresh',
        personId: ann,
        value: 10_000,
        stageId: 'stage-proposal',
      });
      await c.call('deals.win', { id: deal.id, closedOn: '2026-11-10' });
      await c.call('cases.create', {
        subject: 'Wobbly chair',
        category: 'repair',
        personId: ann,
        dueDate: '2026-11-01',
      });
    });
    const a = app;
    // The reports are read on a job worker: on a busy machine the first answer can take seconds.
    await screen.findByRole('table', { name: 'Sales by month' }, { timeout: 15_000 });
    const months = rowsOf('Sales by month');
    // Twelve months to this one, then the total; the cancelled order counts nowhere.
    expect(months).toHaveLength(13);
    expect(months.at(-3)).toEqual(['Oct 2026', '1', '£50.00', '£0.00', '£50.00', '£50.00']);
    expect(months.at(-2)).toEqual(['Nov 2026', '1', '£200.00', '£40.00', '£240.00', '£200.00']);
    expect(months.at(-1)).toEqual(['Total', '2', '£250.00', '£40.00', '£290.00', '£250.00']);
    expect(rowsOf('Sales by product category')).toEqual([
      ['No category', '2', '£250.00', '£290.00', '£250.00', '100 %'],
    ]);
    await waitFor(() => expect(screen.getByRole('table', { name: 'Pipeline by stage' })).toBeTruthy());
    expect(rowsOf('Pipeline by stage').map((r) => [r[0], r[2], r[3]])).toEqual([
      ['Lead', '0', '£0.00'],
      ['Qualified', '0', '£0.00'],
      ['Proposal', '1', '£100.00'],
      ['Negotiation', '0', '£0.00'],
      ['Total', '1', '£100.00'],
    ]);
    expect(rowsOf('Deals won and lost by month').at(-1)?.slice(0, 3)).toEqual(['Total', '1', '£400.00']);
    await waitFor(() => expect(rowsOf('Open cases by age')[0]).toEqual(['Under a week', '1', '0', '1']));
    // Every chart is an image with a summary.
    expect(screen.getAllByRole('img').length).toBeGreaterThanOrEqual(5);

    // Only Priya's: her one order in October.
    await a.user.selectOptions(screen.getByRole('combobox', { name: 'Staff' }), 'Priya Shah');
    await waitFor(() =>
      expect(rowsOf('Sales by month').at(-1)).toEqual(['Total', '1', '£50.00', '£0.00', '£50.00', '£50.00']),
    );
    // Last year: nothing sold then.
    await a.user.selectOptions(screen.getByRole('combobox', { name: 'Staff' }), 'All staff');
    await a.user.selectOptions(screen.getByRole('combobox', { name: 'Period' }), 'Last year');
    await waitFor(() => expect(rowsOf('Sales by month')[0]?.[0]).toBe('Jan 2025'));
    expect(rowsOf('Sales by month').at(-1)?.[1]).toBe('0');
    expect(screen.getByText('Nothing sold in this period.')).toBeTruthy();
  }, 20_000);
});
