/**
 * Settings in a real browser: changes survive a reload, and two windows on the same book stay in
 * step through db.changed.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickCounter, type Preview, screenshot, startSetUp } from './preview.ts';

let preview: Preview;
let browser: Browser;

async function openPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  const page = await context.newPage();
  await page.goto(preview.url);
  await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
  return page;
}

beforeAll(async () => {
  [preview, browser] = await startSetUp();
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('settings', () => {
  it('keeps the theme and the business name after a reload', async () => {
    const page = await openPage();
    const clicks = clickCounter();
    expect(await page.getAttribute('html', 'data-theme')).toBe('light');

    await clicks.click(page.getByRole('button', { name: 'Settings' }));
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await clicks.click(page.getByRole('radio', { name: 'Dark' }));
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    expect(clicks.count).toBe(2);

    const name = page.getByRole('textbox', { name: 'Business name' });
    await name.fill('');
    await name.press('Enter');
    // The backend's message, next to the field; nothing saved.
    await page.getByText('Enter a name.').waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect((await preview.call('settings.get', {})).businessName).toBe('Analytical Engines Ltd');

    await name.fill('Engines & Sons');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved').first().waitFor();
    await page.getByRole('navigation', { name: 'Sidebar' }).getByText('Engines & Sons').waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    expect(await page.getByRole('textbox', { name: 'Business name' }).inputValue()).toBe('Engines & Sons');
    expect(await page.getByRole('radio', { name: 'Dark' }).isChecked()).toBe(true);
    expect(await page.getByRole('navigation', { name: 'Sidebar' }).textContent()).toContain('Engines & Sons');
    await screenshot(page, 'settings-after-reload-dark');

    const stored = await preview.call('settings.get', {});
    expect(stored).toMatchObject({ theme: 'dark', businessName: 'Engines & Sons' });
    await page.context().close();
  });

  it('shows a change made in one window in the other within a second', async () => {
    const [a, b] = await Promise.all([openPage(), openPage()]);
    for (const page of [a, b]) {
      await page.keyboard.press('Control+,');
      await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
      await page.getByRole('list', { name: 'Staff profiles' }).getByText('Ada Lovelace').waitFor();
    }

    // A adds a staff profile; B lists it without a reload.
    const add = a.getByRole('form', { name: 'Add a staff profile' });
    await add.getByRole('textbox', { name: 'Name', exact: true }).fill('Grace Hopper');
    await add.getByRole('button', { name: 'Add profile' }).click();
    await a.getByRole('listitem', { name: 'Grace Hopper' }).waitFor();
    await b.getByRole('listitem', { name: 'Grace Hopper' }).waitFor({ timeout: 1_000 });

    // A renames the business; B's sidebar and field follow.
    await a.getByRole('textbox', { name: 'Business name' }).fill('Hopper & Lovelace');
    await a.getByRole('textbox', { name: 'Business name' }).press('Enter');
    await b
      .getByRole('navigation', { name: 'Sidebar' })
      .getByText('Hopper & Lovelace')
      .waitFor({ timeout: 1_000 });
    expect(await b.getByRole('textbox', { name: 'Business name' }).inputValue()).toBe('Hopper & Lovelace');

    // B switches Grace off from the row's menu; A shows her as switched off.
    await b.getByRole('button', { name: 'Actions for Grace Hopper' }).click();
    await b.getByRole('menuitem', { name: 'Switch off' }).click();
    await a
      .getByRole('listitem', { name: 'Grace Hopper' })
      .getByText('Switched off')
      .waitFor({ timeout: 1_000 });
    const staff = await preview.call('staff.list', { includeInactive: true });
    expect(staff.find((s) => s.name === 'Grace Hopper')?.active).toBe(false);
  });
});
