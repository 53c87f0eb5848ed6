/**
 * What a new user does with calls in a real browser: find a person by a phone typed in another
 * format, log a call with the timer from their page (three clicks), see the follow-up on Today,
 * and watch a second page update live.
 */
import { format } from 'date-fns';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../../shared/domain/people.ts';
import { clickCounter, type Preview, startSetUp } from '../preview.ts';

let preview: Preview;
let browser: Browser;
let ann: Person;

async function openPage(hash = ''): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, colorScheme: 'light' });
  const page = await context.newPage();
  await page.goto(`${preview.url}${hash}`);
  await page.getByRole('navigation', { name: 'Sidebar' }).waitFor();
  return page;
}

beforeAll(async () => {
  [preview, browser] = await startSetUp();
  const acme = await preview.call('companies.create', { name: 'Acme Ltd' });
  ann = await preview.call('people.create', {
    person: {
      givenName: 'Ann',
      familyName: 'Lee',
      companyId: acme.id,
      phones: [{ label: 'work', number: '020 7946 0958' }],
    },
  });
  await preview.call('people.create', { person: { givenName: 'Bob', familyName: 'Ray' } });
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('calls end to end', () => {
  it('finds a person by a phone in another format, logs a timed call and sees the follow-up on Today, live in a second page', async () => {
    const page = await openPage();
    const other = await openPage('#/calls');
    await other.getByText('No calls yet').waitFor();
    const clicks = clickCounter();

    // Find: the number as written in an email signature finds the number as stored.
    await page.keyboard.press('Control+f');
    await page.keyboard.type('+44 20 7946 0958');
    const results = page.getByRole('listbox', { name: 'Search results' });
    await results.getByRole('option', { name: /^Ann Lee/u }).waitFor();
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => location.hash === `#/people/${id}`, ann.id);

    // Log the call from the person's page: Log a call, Start, Stop and log (three clicks); the next
    // call (today) is set from the keyboard on the way.
    await clicks.click(page.getByRole('main').getByRole('button', { name: 'Log a call', exact: true }));
    const dialog = page.getByRole('dialog', { name: 'Log a call' });
    await dialog.getByRole('button', { name: /^Contact: Ann Lee/u }).waitFor();
    await clicks.click(dialog.getByRole('button', { name: 'Start the timer' }));
    await page.waitForTimeout(1_300);
    await dialog.getByRole('radio', { name: 'None' }).focus();
    await page.keyboard.press('ArrowRight'); // Next call: In days
    await dialog.getByRole('textbox', { name: 'Days until the next call' }).fill('0');
    await dialog.getByRole('textbox', { name: 'Summary' }).fill('Wants a quote for 40 chairs');
    await clicks.click(dialog.getByRole('button', { name: 'Stop and log call' }));
    await dialog.waitFor({ state: 'detached' });
    expect(clicks.count).toBe(3);

    const calls = await preview.call('calls.list', {});
    expect(calls.rows).toHaveLength(1);
    expect(calls.rows[0]).toMatchObject({
      personId: ann.id,
      outcome: 'connected',
      summary: 'Wants a quote for 40 chairs',
    });
    expect(calls.rows[0]!.durationS).toBeGreaterThanOrEqual(1);
    expect(calls.rows[0]!.durationS).toBeLessThan(30);
    const today = format(new Date(), 'yyyy-MM-dd');
    const tasks = await preview.call('tasks.list', { personId: ann.id });
    expect(tasks.rows[0]).toMatchObject({ type: 'call', dueDate: today });

    // The second page shows the call without a reload.
    await other
      .getByRole('grid', { name: 'Calls' })
      .getByRole('row', { name: /^Ann Lee/u })
      .waitFor({ timeout: 1_000 });
    expect(await other.getByRole('group', { name: 'Calls' }).locator('.stat__value').textContent()).toBe('1');

    // Today lists Ann among the calls to make.
    await page.keyboard.press('Control+1');
    const toCall = page.getByRole('list', { name: 'Calls to make today' });
    await toCall.getByRole('listitem', { name: 'Ann Lee' }).waitFor();
    expect(await toCall.getByRole('link', { name: '020 7946 0958' }).getAttribute('href')).toBe(
      'tel:02079460958',
    );
    await page.getByRole('list', { name: 'Recent calls' }).getByText('Ann Lee').waitFor();
    await page.context().close();
    await other.context().close();
  });

  it('logs a call from anywhere with the keyboard alone, picking the person by typing', async () => {
    const page = await openPage('#/agenda');
    await page.getByRole('heading', { name: 'Agenda', level: 1 }).waitFor();
    await page.keyboard.press('Control+l');
    const dialog = page.getByRole('dialog', { name: 'Log a call' });
    await page.keyboard.type('bob');
    await dialog.getByRole('option', { name: /^Bob Ray/u }).waitFor();
    await page.keyboard.press('Enter');
    // The choice closes the list on the next frame: under load, Tab pressed before that moved
    // focus from the list instead of the field (failed once in CI).
    await dialog.getByRole('option', { name: /^Bob Ray/u }).waitFor({ state: 'detached' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const duration = dialog.getByLabel('Duration');
    await expect.poll(() => duration.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('2:30');
    await expect.poll(() => duration.inputValue()).toBe('2:30');
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'detached' });
    const bob = (await preview.call('search.global', { query: 'bob ray', limit: 1 })).groups[0]!.hits[0]!;
    const calls = await preview.call('calls.list', { filter: { personId: bob.id } });
    expect(calls.rows.map((c) => c.durationS)).toEqual([150]);
    await page.context().close();
  });

  it('adds a task and marks it done from the Agenda in three clicks or fewer each', async () => {
    const page = await openPage();
    const clicks = clickCounter();
    await clicks.click(
      page.getByRole('navigation', { name: 'Sidebar' }).getByRole('button', { name: /^Agenda/u }),
    );
    await page.getByRole('heading', { name: 'Agenda', level: 1 }).waitFor();
    await clicks.click(page.getByRole('button', { name: 'New task' }).first());
    const dialog = page.getByRole('dialog', { name: 'New task' });
    await page.keyboard.type('Send the brochure');
    await clicks.click(dialog.getByRole('button', { name: 'Add task' }));
    await dialog.waitFor({ state: 'detached' });
    expect(clicks.count).toBe(3);
    const today = page.getByRole('region', { name: /^Today/u });
    await today.getByRole('listitem', { name: 'Send the brochure' }).waitFor();

    const done = clickCounter();
    await done.click(today.getByRole('checkbox', { name: 'Done: Send the brochure' }));
    await page.getByText('“Send the brochure” is done.').waitFor();
    await today.getByRole('listitem', { name: 'Send the brochure' }).waitFor({ state: 'detached' });
    expect(done.count).toBe(1);
    await page.context().close();
  });
});
