/**
 * The demo book's call screens in light and dark, for a person to look at
 * (/tmp/ledgerline-shots/issue3/): Today, the calls log, the Agenda, the log-call dialog and search.
 * Also: the calls log loads more as it scrolls, and everything on screen has an accessible name.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, startPreview, type Preview } from '../preview.ts';

let preview: Preview;
let browser: Browser;

beforeAll(async () => {
  [preview, browser] = await Promise.all([startPreview({ demo: true }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

/** Buttons, links, fields and options on the page that have no accessible name. */
async function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const nameOf = (el: Element): string => {
      const label = el.getAttribute('aria-label');
      if (label) return label;
      const by = el.getAttribute('aria-labelledby');
      if (by)
        return by
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' ');
      if (
        el instanceof HTMLInputElement ||
        el instanceof HTMLSelectElement ||
        el instanceof HTMLTextAreaElement
      ) {
        const labels = el.labels ? [...el.labels].map((l) => l.textContent ?? '').join(' ') : '';
        if (labels.trim()) return labels;
        if (el.closest('label')) return el.closest('label')!.textContent ?? '';
        return el.getAttribute('title') ?? '';
      }
      return (el.textContent ?? '').trim() || el.getAttribute('title') || '';
    };
    const controls = document.querySelectorAll(
      'button, a[href], input, select, textarea, [role="option"], [role="menuitem"], [role="radio"], [role="checkbox"], [role="combobox"], [role="grid"], [role="listbox"], [role="dialog"]',
    );
    return [...controls]
      .filter((el) => !(el as HTMLElement).closest('[aria-hidden="true"]'))
      .filter((el) => nameOf(el).trim() === '')
      .map((el) => el.outerHTML.slice(0, 120));
  });
}

describe('call screens on the demo book', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`look right in the ${scheme} theme, with every control named`, async () => {
      const context = await browser.newContext({
        viewport: { width: 1360, height: 860 },
        colorScheme: scheme,
      });
      const page = await context.newPage();
      await page.goto(preview.url);
      await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
      await page
        .getByRole('list', { name: 'Calls to make today' })
        .or(page.getByText('No calls to make today'))
        .waitFor();
      expect(await unnamedControls(page)).toEqual([]);
      await screenshot(page, `issue3/today-${scheme}`);

      await page.keyboard.press('Control+4');
      const grid = page.getByRole('grid', { name: 'Calls' });
      await grid.getByRole('row').nth(3).waitFor();
      expect(await unnamedControls(page)).toEqual([]);
      await screenshot(page, `issue3/calls-${scheme}`);

      await page.keyboard.press('Control+5');
      await page.getByRole('region', { name: /^Today/u }).waitFor();
      expect(await unnamedControls(page)).toEqual([]);
      await screenshot(page, `issue3/agenda-${scheme}`);

      await page.keyboard.press('Control+l');
      const dialog = page.getByRole('dialog', { name: 'Log a call' });
      await page.keyboard.type('a');
      await dialog.getByRole('option').first().waitFor();
      await page.keyboard.press('Enter');
      await dialog.getByRole('button', { name: 'Start the timer' }).click();
      await dialog.getByRole('radio', { name: 'In days' }).click();
      await dialog
        .getByRole('textbox', { name: 'Summary' })
        .fill('Asked for the spring catalogue; will call back after the trade show.');
      await page.waitForTimeout(2_200);
      expect(await unnamedControls(page)).toEqual([]);
      await screenshot(page, `issue3/log-call-${scheme}`);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });

      await page.keyboard.press('Control+f');
      await page.keyboard.type('mar');
      await page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first().waitFor();
      await page.waitForTimeout(150);
      expect(await unnamedControls(page)).toEqual([]);
      await screenshot(page, `issue3/search-${scheme}`);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');

      await page.keyboard.press('Control+k');
      await page.keyboard.type('call');
      await page
        .getByRole('listbox', { name: 'Commands and results' })
        .getByRole('group', { name: 'Notes' })
        .or(
          page.getByRole('listbox', { name: 'Commands and results' }).getByRole('group', { name: 'People' }),
        )
        .first()
        .waitFor();
      await screenshot(page, `issue3/palette-search-${scheme}`);
      await context.close();
    });
  }

  it('loads more calls as the log scrolls', async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
    const page = await context.newPage();
    await page.goto(`${preview.url}#/calls`);
    const grid = page.getByRole('grid', { name: 'Calls' });
    await grid.getByRole('row').nth(3).waitFor();
    const total = (await preview.call('calls.totals', {})).count;
    expect(total).toBeGreaterThan(150);
    expect(await grid.getAttribute('aria-rowcount')).toBe('101');
    await page.locator('.grid__scroll').evaluate((el) => el.scrollTo({ top: 100 * 34 }));
    await page.waitForFunction(
      () => Number(document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount')) > 101,
    );
    await context.close();
  });
});
