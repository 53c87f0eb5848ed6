/**
 * Backups in a real browser against the preview (issue 6): a new user adds a person, takes a
 * snapshot, loses the person for good (moved to the Trash and the Trash emptied), sees in the
 * restore preview that one person would come back, restores, and finds the person again; the
 * book as it was before the restore is listed as a snapshot of its own. Screenshots of the screen
 * and the restore preview, light and dark.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickCounter, pageOpener, type Preview, shotsIn, startSetUp } from './preview.ts';

let preview: Preview;
let browser: Browser;

const shot = shotsIn('issue6');
const openPage = pageOpener(() => ({ preview, browser }));

const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Sidebar' });
const snapshots = (page: Page) => page.getByRole('table', { name: 'Snapshots' });

beforeAll(async () => {
  [preview, browser] = await startSetUp();
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('backups', () => {
  it('takes a snapshot, loses a person for good, previews the restore and brings the person back', async () => {
    const page = await openPage('light');

    // A person.
    await page.keyboard.press('Control+n');
    const dialog = page.getByRole('dialog', { name: 'New person' });
    await dialog.getByRole('textbox', { name: 'First name' }).fill('Grace');
    await dialog.getByRole('textbox', { name: 'Last name' }).fill('Hopper');
    await dialog.getByRole('button', { name: 'Save person' }).click();
    await page.getByRole('heading', { name: 'Grace Hopper', level: 1 }).waitFor();

    // A snapshot: two clicks from anywhere.
    const clicks = clickCounter();
    await clicks.click(sidebar(page).getByRole('button', { name: 'Backups' }));
    await page.getByRole('heading', { name: 'Backups', level: 1 }).waitFor();
    // The header's button; the empty list offers one too until the day's first snapshot is listed.
    await clicks.click(page.getByRole('button', { name: 'Take a snapshot now' }).first());
    await page.getByText(/^Took a snapshot of the book/u).waitFor();
    expect(clicks.count).toBe(2);
    const mine = snapshots(page).getByRole('row').filter({ hasText: 'Taken by you' });
    await mine.waitFor();
    expect(await mine.getByRole('cell').nth(1).textContent()).toBe('1 person');
    await shot(page, 'backups-light');

    // The mistake: Grace moved to the Trash, and the Trash emptied.
    const grace = (await preview.call('people.list', {})).rows.find((r) => r.displayName === 'Grace Hopper')!;
    await page.goto(`${preview.url}#/people/${grace.id}`);
    await page.getByRole('heading', { name: 'Grace Hopper', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'More actions for Grace Hopper' }).click();
    await page.getByRole('menuitem', { name: 'Move to Trash' }).click();
    await page.getByText('Moved Grace Hopper to the Trash.').waitFor();
    await sidebar(page).getByRole('button', { name: 'Trash' }).click();
    await page.getByRole('heading', { name: 'Trash', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Empty Trash' }).click();
    await page
      .getByRole('dialog', { name: 'Empty the Trash?' })
      .getByRole('button', { name: 'Empty Trash' })
      .click();
    await page.getByText(/^Deleted 1 item for good\./u).waitFor();
    expect((await preview.call('people.count', {})).count).toBe(0);

    // Restore: three clicks, with the preview in between.
    const restoreClicks = clickCounter();
    await restoreClicks.click(sidebar(page).getByRole('button', { name: 'Backups' }));
    await restoreClicks.click(mine.getByRole('button', { name: /^Restore the snapshot of / }));
    const restore = page.getByRole('dialog', { name: /^Restore the snapshot of / });
    const diff = restore.getByRole('table', { name: 'What restoring this snapshot would do' });
    await diff.waitFor();
    const people = diff.getByRole('row', { name: /^People/u });
    expect(await people.getByRole('cell').allTextContents()).toEqual(['0', '1', '+1', '0', '0']);
    await restore.getByText('Restoring this snapshot brings back 1 person.').waitFor();
    await shot(page, 'restore-preview-light');
    await restoreClicks.click(restore.getByRole('button', { name: 'Restore this snapshot' }));
    await page
      .getByText(
        /^Restored the snapshot of .+\. The book as it was is kept as a snapshot: restore it to undo\.$/u,
      )
      .waitFor();
    await restore.waitFor({ state: 'detached' });
    expect(restoreClicks.count).toBe(3);

    // The book as it was before the restore is a snapshot of its own, holding nobody.
    const safety = snapshots(page).getByRole('row').filter({ hasText: 'Before a restore' });
    await safety.waitFor();
    expect(await safety.getByRole('cell').nth(1).textContent()).toBe('No records yet');
    await shot(page, 'backups-after-restore-light');

    // Grace is back.
    await sidebar(page).getByRole('button', { name: 'Contacts' }).click();
    await page.getByRole('grid', { name: 'People' }).getByRole('row', { name: 'Grace Hopper' }).waitFor();
    expect((await preview.call('people.count', {})).count).toBe(1);
    await page.context().close();
  });

  it('looks right in the dark', async () => {
    const page = await openPage('dark', '#/backups');
    await snapshots(page).waitFor();
    await shot(page, 'backups-dark');
    await snapshots(page)
      .getByRole('row')
      .filter({ hasText: 'Taken by you' })
      .getByRole('button', { name: /^Restore the snapshot of / })
      .click();
    await page
      .getByRole('dialog', { name: /^Restore the snapshot of / })
      .getByRole('table', { name: 'What restoring this snapshot would do' })
      .waitFor();
    await shot(page, 'restore-preview-dark');
    await page.context().close();
  });
});
