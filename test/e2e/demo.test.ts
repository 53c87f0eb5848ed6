/**
 * The demo book (--demo) in a real browser: Today shows the book's real, non-zero figures for the
 * local day, in light and dark; the palette and Settings work; screenshots for a person to look at.
 */
import { endOfDay, format, startOfDay } from 'date-fns';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [preview, browser] = await Promise.all([startPreview({ demo: true }), launchBrowser()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('demo book', () => {
  it('shows the day’s real figures on Today', async () => {
    await page.goto(preview.url);
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    await page.getByRole('group', { name: 'People', exact: true }).locator('.tile__value').waitFor();

    const now = new Date();
    const start = startOfDay(now);
    const summary = await preview.call('today.summary', {
      date: format(now, 'yyyy-MM-dd'),
      dayStart: start.getTime(),
      dayEnd: endOfDay(start).getTime() + 1,
    });
    const shown = await tileValues(page);
    const n = (v: number) => new Intl.NumberFormat('en-GB').format(v);
    expect(shown).toEqual({
      People: n(summary.counts.people),
      Companies: n(summary.counts.companies),
      'Calls today': n(summary.counts.callsToday),
      'Due today': n(summary.counts.tasksDueToday),
      Overdue: n(summary.counts.tasksOverdue),
      'Open tasks': n(summary.counts.openTasks),
    });
    expect(summary.counts.people).toBeGreaterThan(0);
    expect(summary.counts.companies).toBeGreaterThan(0);
    expect(summary.counts.openTasks).toBeGreaterThan(0);

    // The lists are filled: due tasks and recent calls, with exact times on hover.
    const calls = page.getByRole('list', { name: 'Recent calls' }).getByRole('listitem');
    expect(await calls.count()).toBe(summary.recentCalls.length);
    const firstCall = summary.recentCalls[0]!;
    await page.getByRole('list', { name: 'Recent calls' }).getByText(firstCall.personName).first().waitFor();
    const title = await calls.first().locator('time').getAttribute('title');
    expect(title).toMatch(/\d{4}/u); // the full date and time
    expect(
      await page.getByRole('list', { name: 'Tasks due today or overdue' }).getByRole('listitem').count(),
    ).toBe(summary.dueTasks.length);

    // The profile at the bottom of the sidebar is the demo owner.
    await page.getByRole('button', { name: /Profile: Sam Taylor/u }).waitFor();
    expect(await page.getAttribute('html', 'data-theme')).toBe('light');
    await screenshot(page, 'today-light');
  });

  it('follows the system theme into dark', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await screenshot(page, 'today-dark');
  });

  it('opens the palette with the keyboard and runs a command', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.waitFor();
    await screenshot(page, 'palette');
    await page.keyboard.type('settings');
    await page.keyboard.press('Enter');
    await palette.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.getByRole('list', { name: 'Staff profiles' }).getByText('Priya Shah').waitFor();
    await screenshot(page, 'settings-light');
    await page.getByRole('heading', { name: 'Customer book' }).scrollIntoViewIfNeeded();
    const bookPath = await page.getByText('customer-book.sqlite').textContent();
    expect(bookPath).toContain(preview.dataDir);
    await screenshot(page, 'settings-book');
    await page.getByRole('heading', { name: 'Business' }).scrollIntoViewIfNeeded();

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await screenshot(page, 'settings-dark');

    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await screenshot(page, 'shortcuts-dark');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor({ state: 'detached' });
  });

  it('switches profile in two clicks and collapses the sidebar', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Control+1');
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    const clicks = clickCounter();
    await clicks.click(page.getByRole('button', { name: /Profile: Sam Taylor/u }));
    const menu = page.getByRole('menu', { name: 'Profiles' });
    await menu.waitFor();
    await screenshot(page, 'profile-menu');
    await clicks.click(menu.getByRole('menuitemradio', { name: 'Priya Shah' }));
    await page.getByRole('button', { name: /Profile: Priya Shah/u }).waitFor();
    expect(clicks.count).toBe(2);
    const settings = await preview.call('settings.get', {});
    const staff = await preview.call('staff.list', {});
    expect(settings.currentStaffId).toBe(staff.find((s) => s.name === 'Priya Shah')?.id);

    await page.keyboard.press('Control+b');
    await page.getByRole('button', { name: 'Show the sidebar' }).waitFor();
    await screenshot(page, 'sidebar-collapsed');
    // Remembered across a reload.
    await page.reload();
    await page.getByRole('button', { name: 'Show the sidebar' }).waitFor();
    await page.getByRole('button', { name: 'Show the sidebar' }).click();
    await page.getByRole('button', { name: 'Hide the sidebar' }).waitFor();
  });
});
