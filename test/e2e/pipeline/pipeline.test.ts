/**
 * The Pipeline in a real browser against the preview: drag a deal with the mouse from one stage
 * to another and see both columns' counts and totals follow; then the same with the keyboard.
 */
import path from 'node:path';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Preview, SHOTS_DIR, startSetUp } from '../preview.ts';

let preview: Preview;
let browser: Browser;
const SHOTS = path.join(SHOTS_DIR, 'issue4');

beforeAll(async () => {
  [preview, browser] = await startSetUp();
  const ann = await preview.call('people.create', {
    person: { givenName: 'Ann', familyName: 'Lee' },
    allowDuplicate: true,
  });
  await preview.call('deals.create', { title: 'Office chairs', personId: ann.id, value: 100_000 });
  await preview.call('deals.create', { title: 'Desks', personId: ann.id, value: 50_000 });
  await preview.call('deals.create', {
    title: 'Lamps',
    personId: ann.id,
    value: 20_000,
    stageId: 'stage-proposal',
  });
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

const column = (page: Page, name: string) => page.getByRole('listitem', { name, exact: true });
const totals = async (page: Page, name: string) =>
  ((await column(page, name).locator('.board-col__totals').textContent()) ?? '').trim();
const count = async (page: Page, name: string) =>
  ((await column(page, name).locator('.board-col__count').textContent()) ?? '').trim();

describe('pipeline', () => {
  it('drags a deal to another stage with the mouse, then with the keyboard, and the column totals follow', async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
    const page = await context.newPage();
    page.on('pageerror', (err) => {
      throw err;
    });
    await page.goto(`${preview.url}#/pipeline`);
    await page.getByRole('list', { name: 'Pipeline' }).waitFor();
    expect(await totals(page, 'Lead')).toBe('£1,500.00£150.00 weighted');
    expect(await totals(page, 'Proposal')).toBe('£200.00£100.00 weighted');
    expect([await count(page, 'Lead'), await count(page, 'Proposal')]).toEqual(['2', '1']);

    const card = column(page, 'Lead').getByRole('button', { name: /^Desks,/u });
    const target = column(page, 'Proposal').locator('.board-col__cards');
    const from = (await card.boundingBox())!;
    const to = (await target.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    // Past the 5 px that tells a drag from a click, then across in steps.
    await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 4, { steps: 3 });
    await page.mouse.move(to.x + to.width / 2, to.y + to.height - 20, { steps: 12 });
    await page.waitForTimeout(150);
    await page.mouse.up();

    await column(page, 'Proposal')
      .getByRole('button', { name: /^Desks,/u })
      .waitFor();
    await expect.poll(() => totals(page, 'Proposal')).toBe('£700.00£350.00 weighted');
    await expect.poll(() => totals(page, 'Lead')).toBe('£1,000.00£100.00 weighted');
    expect([await count(page, 'Lead'), await count(page, 'Proposal')]).toEqual(['1', '2']);
    const board = await preview.call('deals.board', {});
    expect(board.columns.find((c) => c.name === 'Proposal')?.deals.map((d) => d.title)).toEqual([
      'Lamps',
      'Desks',
    ]);
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'pipeline-after-drag.png') });

    // The keyboard does the same: Alt+→ moves the focused card a stage on.
    await column(page, 'Lead')
      .getByRole('button', { name: /^Office chairs,/u })
      .focus();
    await page.keyboard.press('Alt+ArrowRight');
    await column(page, 'Qualified')
      .getByRole('button', { name: /^Office chairs,/u })
      .waitFor();
    await expect.poll(() => totals(page, 'Qualified')).toBe('£1,000.00£250.00 weighted');
    expect(await totals(page, 'Lead')).toBe('No deals');

    // And the drag itself from the keyboard: Space picks the card up, → carries it, Space drops it.
    await page.waitForTimeout(100);
    const chairs = column(page, 'Qualified').getByRole('button', { name: /^Office chairs,/u });
    await chairs.focus();
    await page.keyboard.press('Space');
    await page.waitForTimeout(100);
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(200);
    await page.keyboard.press('Space');
    await column(page, 'Proposal')
      .getByRole('button', { name: /^Office chairs,/u })
      .waitFor();
    await expect.poll(() => totals(page, 'Proposal')).toBe('£1,700.00£850.00 weighted');
    expect(await totals(page, 'Qualified')).toBe('No deals');
    await context.close();
  });
});
