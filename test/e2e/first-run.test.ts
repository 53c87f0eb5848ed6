/**
 * A new user opens Ledgerline on an empty book: the setup screen explains itself, says what is
 * missing next to the field, and takes two clicks to finish; Today then shows the book's counts.
 */
import { endOfDay, format, startOfDay } from 'date-fns';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clickCounter,
  launchBrowser,
  screenshot,
  startPreview,
  tileValues,
  type Preview,
} from './preview.ts';

let preview: Preview;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [preview, browser] = await Promise.all([startPreview(), launchBrowser()]);
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    locale: 'en-GB',
  });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('first run', () => {
  it('explains what is missing next to each field and saves nothing', async () => {
    await page.goto(preview.url);
    await page.getByRole('heading', { name: 'Welcome to Ledgerline' }).waitFor();
    await screenshot(page, 'setup');

    // Defaults come from the browser's language (en-GB here).
    expect(await page.getByLabel('Currency').inputValue()).toBe('GBP');
    expect(await page.getByLabel('Language and region').inputValue()).toBe('en-GB');

    await page.getByLabel('Business name').fill('Harbour & Finch Ltd');
    await page.keyboard.press('Enter');
    const yourName = page.getByRole('textbox', { name: 'Your name' });
    await page.getByText('Enter a name.').waitFor();
    expect(await yourName.getAttribute('aria-invalid')).toBe('true');
    // The message is tied to the field it is about, and focus went there.
    const describedBy = (await yourName.getAttribute('aria-describedby')) ?? '';
    const message = await page.locator(`[id="${describedBy.split(' ')[0]}"]`).textContent();
    expect(message).toBe('Enter a name.');
    expect(await yourName.evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, 'setup-error');

    const settings = await preview.call('settings.get', {});
    expect(settings.setupComplete).toBe(false);
    expect(await preview.call('staff.list', {})).toEqual([]);
  });

  it('is done in two clicks, then Today shows the book’s counts', async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'Welcome to Ledgerline' }).waitFor();
    const clicks = clickCounter();

    // "Your name" has focus already; type, click the next field, type, click Start.
    await page.keyboard.type('Ada Lovelace');
    await clicks.click(page.getByRole('textbox', { name: 'Business name' }));
    await page.keyboard.type('Analytical Engines Ltd');
    await clicks.click(page.getByRole('button', { name: 'Start using Ledgerline' }));

    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    expect(clicks.count).toBeLessThanOrEqual(3);
    expect(clicks.count).toBe(2);

    await page.getByText('Good ').filter({ hasText: ', Ada' }).waitFor();
    await page.getByRole('group', { name: 'People', exact: true }).locator('.tile__value').waitFor();
    const now = new Date();
    const start = startOfDay(now);
    const summary = await preview.call('today.summary', {
      date: format(now, 'yyyy-MM-dd'),
      dayStart: start.getTime(),
      dayEnd: endOfDay(start).getTime() + 1,
    });
    expect(await tileValues(page)).toEqual({
      People: String(summary.counts.people),
      Companies: String(summary.counts.companies),
      'Calls today': String(summary.counts.callsToday),
      'Due today': String(summary.counts.tasksDueToday),
      Overdue: String(summary.counts.tasksOverdue),
      'Open tasks': String(summary.counts.openTasks),
    });
    // An empty book says so, and what the screen is for.
    await page.getByText('No calls yet').waitFor();
    await page.getByText('Nothing due today').waitFor();
    await page.getByRole('button', { name: /Profile: Ada Lovelace/u }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Sidebar' }).textContent()).toContain(
      'Analytical Engines Ltd',
    );
    await screenshot(page, 'today-empty');

    const settings = await preview.call('settings.get', {});
    expect(settings).toMatchObject({
      setupComplete: true,
      businessName: 'Analytical Engines Ltd',
      currency: 'GBP',
      locale: 'en-GB',
    });
    const staff = await preview.call('staff.list', {});
    expect(staff.map((s) => [s.name, s.role])).toEqual([['Ada Lovelace', 'owner']]);
    expect(settings.currentStaffId).toBe(staff[0]!.id);
  });
});
