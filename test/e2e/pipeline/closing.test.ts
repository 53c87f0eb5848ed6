/**
 * Closing the loop, in a real browser against the preview, as a new user would: win a deal on its
 * page and make an order of it in one step; convert a lead from the Leads screen with a new
 * company and a deal; open a complaint from the person's page, see it there and on the Cases
 * screen, resolve it and close it.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Preview, shotsIn, startSetUp } from '../preview.ts';

let preview: Preview;
let browser: Browser;

let ann: { id: string };
let dealId: string;
let bea: { id: string };
let cara: { id: string };

beforeAll(async () => {
  [preview, browser] = await startSetUp();
  ann = await preview.call('people.create', {
    // A new person is a lead unless told otherwise; Ann is past that.
    person: { givenName: 'Ann', familyName: 'Lee', stage: 'prospect' },
    allowDuplicate: true,
  });
  dealId = (
    await preview.call('deals.create', {
      title: 'Office chairs',
      personId: ann.id,
      value: 100_000,
      stageId: 'stage-proposal',
    })
  ).id;
  await preview.call('deals.create', { title: 'Desks', personId: ann.id, value: 50_000 });
  bea = await preview.call('people.create', {
    person: { givenName: 'Bea', familyName: 'Hart', stage: 'lead', source: 'Trade fair' },
    allowDuplicate: true,
  });
  await preview.call('people.create', {
    person: { givenName: 'Carl', familyName: 'Reed', stage: 'lead', source: 'Website' },
    allowDuplicate: true,
  });
  cara = await preview.call('people.create', {
    person: { givenName: 'Cara', familyName: 'Diaz', stage: 'customer' },
    allowDuplicate: true,
  });
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

async function open(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, colorScheme: 'light' });
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  await page.goto(preview.url);
  await page.getByRole('navigation', { name: 'Sidebar' }).waitFor();
  return { context, page };
}

const shot = shotsIn('issue4', 'closing');

const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Sidebar' });
/** Waits for a toast that says exactly this (the toasts sit in the one live region, bottom right). */
const toast = (page: Page, text: string) =>
  page.locator('.toasts').getByText(text, { exact: true }).waitFor();
/** No error toast (those are alerts) came up on the way. */
const noErrors = async (page: Page) => expect(await page.getByRole('alert').count()).toBe(0);
/** The page's own buttons (the bar above a deal or case), not a toast's action of the same name. */
const bar = (page: Page) => page.locator('.detail-bar');
const badges = (page: Page) => page.locator('.hero__badges');

/** YYYY-MM-DD, `days` from today (local time, as the date field reads it). */
function dayFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe('closing deals, leads and cases', () => {
  it('marks a deal won on its page and makes an order of it in one step', async () => {
    const { context, page } = await open();

    // From the Pipeline board to the deal's page.
    await sidebar(page).getByRole('button', { name: 'Pipeline', exact: true }).click();
    const board = page.getByRole('list', { name: 'Pipeline' });
    await board.waitFor();
    const proposal = board.getByRole('listitem', { name: 'Proposal', exact: true });
    await proposal.getByRole('button', { name: /^Office chairs,/u }).click();
    await page.getByRole('heading', { level: 1, name: 'Office chairs', exact: true }).waitFor();
    expect(await badges(page).textContent()).toContain('Open · Proposal');
    const probability = page.locator('dt', { hasText: 'Probability' });
    expect(await probability.count()).toBe(1);

    // Won.
    await bar(page).getByRole('button', { name: 'Mark as won', exact: true }).click();
    await badges(page).getByText('Won', { exact: true }).waitFor();
    await toast(page, '“Office chairs” is won.');
    // A won deal has no chance left to weigh: its details drop the probability.
    expect(await probability.count()).toBe(0);
    await expect(bar(page).getByRole('button', { name: 'Mark as won' }).count()).resolves.toBe(0);

    // One step to an order.
    await bar(page).getByRole('button', { name: 'Make an order', exact: true }).click();
    await toast(page, 'Order ORD-00001 is made from “Office chairs”.');
    const openOrder = bar(page).getByRole('button', { name: 'Open the order', exact: true });
    await openOrder.waitFor();
    await expect(bar(page).getByRole('button', { name: 'Make an order' }).count()).resolves.toBe(0);
    // The "is won" toast, whose action offered the same, is gone with it.
    await page.locator('.toasts').getByText('“Office chairs” is won.').waitFor({ state: 'detached' });
    await openOrder.click();

    // The order's page: its reference, status, customer and total.
    const heading = page.getByRole('heading', { level: 1, name: /^ORD-00001/u });
    await heading.waitFor();
    expect(await heading.textContent()).toMatch(/^ORD-00001\s*Confirmed$/u);
    expect(await page.locator('.hero__sub').textContent()).toBe('Ann Lee · £1,000.00');
    await shot(page, 'deal-to-order');

    const orders = (await preview.call('orders.list', {})).rows;
    expect(orders).toHaveLength(1);
    const order = orders[0]!;
    expect(order).toMatchObject({
      reference: 'ORD-00001',
      status: 'confirmed',
      personId: ann.id,
      personName: 'Ann Lee',
      currency: 'GBP',
      net: 100_000,
    });
    const deal = await preview.call('deals.get', { id: dealId });
    expect(deal).toMatchObject({ state: 'won', orderId: order.id });
    expect(deal.closedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/u);

    // Back on the board, a won deal no longer takes a card; the open one stays.
    await sidebar(page).getByRole('button', { name: 'Pipeline', exact: true }).click();
    await board.waitFor();
    await board.getByRole('button', { name: /^Desks,/u }).waitFor();
    await board.getByRole('button', { name: /^Office chairs,/u }).waitFor({ state: 'detached' });

    // And the deal's page says won, with the way to its order.
    await page.goto(`${preview.url}#/deals/${dealId}`);
    await page.getByRole('heading', { level: 1, name: 'Office chairs', exact: true }).waitFor();
    await badges(page).getByText('Won', { exact: true }).waitFor();
    await bar(page).getByRole('button', { name: 'Open the order', exact: true }).waitFor();
    await noErrors(page);
    await context.close();
  });

  it('converts a lead from the Leads screen, with a new company and a deal', async () => {
    const { context, page } = await open();

    await sidebar(page).getByRole('button', { name: 'Leads', exact: true }).click();
    const grid = page.getByRole('grid', { name: 'Leads' });
    await grid.waitFor();
    const beaRow = grid.getByRole('row', { name: 'Bea Hart, from Trade fair', exact: true });
    const carlRow = grid.getByRole('row', { name: 'Carl Reed, from Website', exact: true });
    await beaRow.waitFor();
    await carlRow.waitFor();

    // The row's Convert button shows on hover.
    await beaRow.hover();
    await beaRow.getByRole('button', { name: 'Convert Bea Hart', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Convert Bea Hart' });
    await dialog.waitFor();
    await dialog.getByRole('checkbox', { name: 'Also add their company' }).check();
    await dialog.getByRole('textbox', { name: 'Company name', exact: true }).fill('Hart & Co');
    await dialog.getByRole('checkbox', { name: 'Also open a deal' }).check();
    const title = dialog.getByRole('textbox', { name: 'Deal title', exact: true });
    expect(await title.inputValue()).toBe('Bea Hart');
    await title.fill('Hart & Co fit-out');
    await dialog.getByRole('textbox', { name: 'Value (GBP)', exact: true }).fill('2,500');
    await dialog.getByRole('combobox', { name: 'Stage', exact: true }).selectOption({ label: 'Qualified' });
    await shot(page, 'lead-convert');
    await dialog.getByRole('button', { name: 'Convert to customer', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    await toast(
      page,
      'Bea Hart is now a customer; Hart & Co is added and “Hart & Co fit-out” is on the board.',
    );
    // Bea leaves the Leads list; Carl, still a lead, stays.
    await beaRow.waitFor({ state: 'detached' });
    await carlRow.waitFor();

    const person = await preview.call('people.get', { id: bea.id });
    expect(person.stage).toBe('customer');
    expect(person.companyName).toBe('Hart & Co');
    expect(person.companyId).toBeTruthy();
    const company = await preview.call('companies.get', { id: person.companyId! });
    expect(company.name).toBe('Hart & Co');
    const qualified = (await preview.call('deals.board', {})).columns.find((c) => c.name === 'Qualified');
    expect(qualified?.deals.map((d) => [d.title, d.value, d.personId, d.companyId, d.state])).toEqual([
      ['Hart & Co fit-out', 250_000, bea.id, person.companyId, 'open'],
    ]);
    const leads = (await preview.call('leads.list', {})).rows.map((l) => l.name);
    expect(leads).toEqual(['Carl Reed']);

    // Her page says customer, at her new company.
    await page.goto(`${preview.url}#/people/${bea.id}`);
    await page.getByRole('heading', { level: 1, name: 'Bea Hart', exact: true }).waitFor();
    await page.locator('.hero__sub').getByRole('button', { name: 'Hart & Co', exact: true }).waitFor();
    await badges(page).getByText('Customer', { exact: true }).waitFor();
    await noErrors(page);
    await context.close();
  });

  it('opens a complaint from the person’s page, sees it there, resolves it and closes it', async () => {
    const { context, page } = await open();
    const due = dayFromToday(10);

    // Cara calls to complain: from her page, More, Open a case… (the case is hers from the start).
    await sidebar(page).getByRole('button', { name: 'Cases', exact: true }).click();
    await page.getByText('No open cases').waitFor();
    await page.goto(`${preview.url}#/people/${cara.id}`);
    await page.getByRole('heading', { level: 1, name: 'Cara Diaz', exact: true }).waitFor();
    await page.getByRole('button', { name: 'More actions for Cara Diaz' }).click();
    await page.getByRole('menuitem', { name: 'Open a case…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New case' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: /^For: Cara Diaz/u }).waitFor();
    await dialog
      .getByRole('textbox', { name: 'Subject', exact: true })
      .fill('Chair arrived with a broken leg');
    const category = dialog.getByRole('combobox', { name: 'Category', exact: true });
    await category.selectOption('complaint');
    expect(await category.inputValue()).toBe('complaint');
    await dialog.getByLabel('Due', { exact: true }).fill(due);
    await dialog.getByRole('radio', { name: 'High', exact: true }).click();
    await dialog.getByRole('textbox', { name: 'What happened' }).fill('One leg snapped in transit.');
    await dialog.getByRole('button', { name: 'Open case', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await toast(page, 'Case #1 is open.');
    // The sidebar counts it at once (its count comes from today.summary, which reads cases).
    await sidebar(page).getByRole('button', { name: 'Cases, 1 open', exact: true }).waitFor();
    const made = (await preview.call('cases.list', { filter: { personId: cara.id } })).rows;
    expect(made.map((c) => [c.number, c.status])).toEqual([[1, 'open']]);
    const caseId = made[0]!.id;

    // Her page shows it at once, at the top, for whoever takes her next call.
    const banner = page.getByRole('note', { name: '1 open case', exact: true });
    await banner.waitFor();
    expect(await banner.textContent()).toContain('#1 Chair arrived with a broken leg');

    // The Cases screen lists it as open; its page from there.
    await sidebar(page).getByRole('button', { name: 'Cases, 1 open', exact: true }).click();
    const row = page
      .getByRole('grid', { name: 'Cases' })
      .getByRole('row', { name: /^Case 1, Chair arrived with a broken leg, Cara Diaz.*, Open$/u });
    await row.waitFor();
    await row.dblclick();
    await page
      .getByRole('heading', { level: 1, name: 'Chair arrived with a broken leg', exact: true })
      .waitFor();
    await badges(page).getByText('Open', { exact: true }).waitFor();
    expect(await badges(page).textContent()).toContain('Complaint');
    await bar(page).getByRole('button', { name: 'Resolve…', exact: true }).waitFor();

    // Back on Cara's page, the banner's link leads to the case too.
    await page.getByRole('button', { name: 'Cara Diaz', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Cara Diaz', exact: true }).waitFor();
    await banner.getByRole('button', { name: '#1 Chair arrived with a broken leg', exact: true }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Chair arrived with a broken leg', exact: true })
      .waitFor();

    // Resolve, with what was done.
    await bar(page).getByRole('button', { name: 'Resolve…', exact: true }).click();
    const resolve = page.getByRole('dialog', { name: 'Resolve case #1' });
    await resolve.waitFor();
    await resolve.getByRole('button', { name: 'Resolve case', exact: true }).click();
    // Nothing written yet: it asks.
    await resolve
      .getByText('Say how it was resolved, so whoever reads the case later knows.', { exact: true })
      .waitFor();
    await resolve
      .getByRole('textbox', { name: 'How was it resolved?' })
      .fill('Sent a replacement chair; Cara confirmed it arrived.');
    await resolve.getByRole('button', { name: 'Resolve case', exact: true }).click();
    await resolve.waitFor({ state: 'detached' });
    await toast(page, 'Case #1 is resolved.');
    await badges(page).getByText('Resolved', { exact: true }).waitFor();
    await page.getByRole('heading', { name: 'How it was resolved', exact: true }).waitFor();
    await page.getByText('Sent a replacement chair; Cara confirmed it arrived.', { exact: true }).waitFor();
    expect((await preview.call('cases.get', { id: caseId })).status).toBe('resolved');

    // Close.
    await bar(page).getByRole('button', { name: 'Close case', exact: true }).click();
    await toast(page, 'Case #1 is closed.');
    await badges(page).getByText('Closed', { exact: true }).waitFor();
    await expect(bar(page).getByRole('button', { name: 'Close case' }).count()).resolves.toBe(0);
    await bar(page).getByRole('button', { name: 'Reopen', exact: true }).waitFor();
    await shot(page, 'case-closed');

    const kase = await preview.call('cases.get', { id: caseId });
    expect(kase).toMatchObject({
      number: 1,
      subject: 'Chair arrived with a broken leg',
      category: 'complaint',
      priority: 'high',
      status: 'closed',
      personId: cara.id,
      dueDate: due,
      resolution: 'Sent a replacement chair; Cara confirmed it arrived.',
      description: 'One leg snapped in transit.',
    });
    expect(kase.resolvedAt).toEqual(expect.any(Number));
    expect((await preview.call('cases.openFor', { personId: cara.id, today: dayFromToday(0) })).count).toBe(
      0,
    );

    // Cara's page no longer shows an open case, and the Cases screen's default list is empty again.
    await page.getByRole('button', { name: 'Cara Diaz', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Cara Diaz', exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Details', exact: true }).first().waitFor();
    await page.getByRole('note', { name: /open case/u }).waitFor({ state: 'detached' });
    // No longer counted in the sidebar either.
    await sidebar(page).getByRole('button', { name: 'Cases', exact: true }).click();
    await page.getByText('No open cases').waitFor();
    await noErrors(page);
    await context.close();
  });
});
