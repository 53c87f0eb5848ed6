/**
 * Contacts in a real browser against the preview, as a new user would: create a company and a
 * person, open them, create a duplicate (and see the warning), merge it and undo the merge,
 * delete and restore from the Trash, and watch a second window update live. Screenshots of the
 * list, the person, the company, the merge dialog and the Trash, light and dark.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickCounter, pageOpener, type Preview, shotsIn, startSetUp } from '../preview.ts';

let preview: Preview;
let browser: Browser;

const shot = shotsIn('issue3');
const openPage = pageOpener(() => ({ preview, browser }));

const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Sidebar' });

beforeAll(async () => {
  [preview, browser] = await startSetUp();
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('contacts', () => {
  it('creates a company and a person, catches a duplicate, merges and undoes, and restores from the Trash', async () => {
    const page = await openPage('light');

    // A company: three clicks from anywhere (Companies, New company, Save).
    const clicks = clickCounter();
    await clicks.click(sidebar(page).getByRole('button', { name: 'Companies' }));
    await page.getByText('No companies yet').waitFor();
    await clicks.click(page.getByRole('button', { name: 'New company' }).first());
    const companyDialog = page.getByRole('dialog', { name: 'New company' });
    await companyDialog.getByRole('textbox', { name: 'Company name' }).fill('Harbour Supplies');
    await companyDialog.getByRole('textbox', { name: 'Industry' }).fill('Wholesale');
    await companyDialog.getByRole('textbox', { name: 'Phone' }).fill('0113 496 0000');
    await clicks.click(companyDialog.getByRole('button', { name: 'Save company' }));
    await page.getByRole('heading', { name: 'Harbour Supplies', level: 1 }).waitFor();
    expect(clicks.count).toBeLessThanOrEqual(3);

    // A person, from the keyboard: Ctrl+N opens the dialog anywhere.
    await sidebar(page).getByRole('button', { name: 'Contacts' }).click();
    await page.getByText('No people yet').waitFor();
    await page.keyboard.press('Control+n');
    const dialog = page.getByRole('dialog', { name: 'New person' });
    await dialog.getByRole('textbox', { name: 'First name' }).fill('Ann');
    await dialog.getByRole('textbox', { name: 'Last name' }).fill('Lee');
    await dialog.getByRole('combobox', { name: 'Company' }).fill('Harb');
    await dialog.getByRole('option', { name: /Harbour Supplies/u }).click();
    await dialog.getByRole('textbox', { name: 'Job title' }).fill('Buyer');
    await dialog.getByRole('textbox', { name: 'Phone' }).fill('020 7946 0958');
    await dialog.getByRole('textbox', { name: 'Email' }).fill('ann@harbour.test');
    await dialog.getByRole('button', { name: 'Save person' }).click();
    await page.getByRole('heading', { name: 'Ann Lee', level: 1 }).waitFor();
    expect(
      await page
        .getByRole('link', { name: /020 7946 0958/u })
        .first()
        .getAttribute('href'),
    ).toBe('tel:02079460958');
    expect(
      await page
        .getByRole('link', { name: /ann@harbour\.test/u })
        .first()
        .getAttribute('href'),
    ).toBe('mailto:ann@harbour.test');
    await page.getByRole('textbox', { name: 'New note' }).fill('Orders every spring; prefers email.');
    await page.getByRole('button', { name: 'Save note' }).click();
    await page
      .getByRole('list', { name: 'History' })
      .getByText('Orders every spring; prefers email.')
      .waitFor();
    await shot(page, 'person-light');

    // Her company lists her.
    await page.getByRole('button', { name: 'Harbour Supplies' }).click();
    await page.getByRole('heading', { name: 'Harbour Supplies', level: 1 }).waitFor();
    await page.getByRole('list', { name: 'People at Harbour Supplies' }).getByText('Ann Lee').waitFor();
    await shot(page, 'company-light');

    // A duplicate: the same email typed in capitals warns at once; saving asks first.
    await page.keyboard.press('Control+n');
    await dialog.getByRole('textbox', { name: 'First name' }).fill('Annie');
    await dialog.getByRole('textbox', { name: 'Last name' }).fill('Lee');
    await dialog.getByRole('textbox', { name: 'Email' }).fill('ANN@harbour.test');
    await dialog.getByText(/already has this email/u).waitFor();
    expect(
      await dialog.getByRole('status').filter({ hasText: 'already has this email' }).textContent(),
    ).toContain('Ann Lee');
    await shot(page, 'new-person-duplicate-light');
    await dialog.getByRole('button', { name: 'Save person' }).click();
    await dialog.getByRole('button', { name: 'Save anyway' }).click();
    await page.getByRole('heading', { name: 'Annie Lee', level: 1 }).waitFor();
    expect((await preview.call('people.count', {})).count).toBe(2);

    // Merge Annie into Ann, then undo it.
    await page.getByRole('button', { name: 'More actions for Annie Lee' }).click();
    await page.getByRole('menuitem', { name: 'Merge with…' }).click();
    const merge = page.getByRole('dialog', { name: 'Merge Annie Lee with…' });
    await merge.getByRole('combobox', { name: 'Merge with' }).fill('Ann Lee');
    await merge
      .getByRole('option', { name: /^Ann Lee/u })
      .first()
      .click();
    await merge.getByRole('table', { name: 'Which value to keep' }).waitFor();
    // Keep Ann (the older record), taking nothing from Annie.
    await merge.getByRole('button', { name: 'Keep Ann Lee instead' }).click();
    await merge.getByText('Ann Lee', { exact: true }).first().waitFor();
    await shot(page, 'merge-light');
    await merge.getByRole('button', { name: 'Merge', exact: true }).click();
    await page.getByText('Merged Annie Lee into Ann Lee.').waitFor();
    await page.getByRole('heading', { name: 'Ann Lee', level: 1 }).waitFor();
    expect((await preview.call('people.count', {})).count).toBe(1);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText(/The merge is undone/u).waitFor();
    expect((await preview.call('people.count', {})).count).toBe(2);

    // Delete Annie, and bring her back from the Trash.
    const annie = (await preview.call('people.list', {})).rows.find((r) => r.displayName === 'Annie Lee')!;
    await page.goto(`${preview.url}#/people/${annie.id}`);
    await page.getByRole('heading', { name: 'Annie Lee', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'More actions for Annie Lee' }).click();
    await page.getByRole('menuitem', { name: 'Move to Trash' }).click();
    await page.getByText('Moved Annie Lee to the Trash.').waitFor();
    await page.getByRole('heading', { name: 'Contacts', level: 1 }).waitFor();
    expect((await preview.call('people.count', {})).count).toBe(1);
    await shot(page, 'contacts-light');

    await sidebar(page).getByRole('button', { name: 'Trash' }).click();
    const trash = page.getByRole('grid', { name: 'Deleted items' });
    await trash.getByRole('row', { name: 'Person: Annie Lee' }).click();
    await shot(page, 'trash-light');
    await page
      .getByRole('toolbar', { name: 'Actions for the selected items' })
      .getByRole('button', { name: 'Restore' })
      .click();
    await page.getByText('Restored Annie Lee.').waitFor();
    await trash.getByRole('row', { name: 'Person: Annie Lee' }).waitFor({ state: 'detached' });
    expect((await preview.call('people.count', {})).count).toBe(2);
    await page.context().close();
  });

  it('shows a change made in one window in the other', async () => {
    const [a, b] = await Promise.all([openPage('light', '#/contacts'), openPage('light', '#/contacts')]);
    for (const page of [a, b])
      await page.getByRole('grid', { name: 'People' }).getByRole('row', { name: 'Ann Lee' }).waitFor();

    // A new person typed in window A appears in window B's list.
    await a.keyboard.press('Control+n');
    const dialog = a.getByRole('dialog', { name: 'New person' });
    await dialog.getByRole('textbox', { name: 'First name' }).fill('Zed');
    await dialog.getByRole('textbox', { name: 'Last name' }).fill('Young');
    await dialog.getByRole('button', { name: 'Save person' }).click();
    await a.getByRole('heading', { name: 'Zed Young', level: 1 }).waitFor();
    await b
      .getByRole('grid', { name: 'People' })
      .getByRole('row', { name: 'Zed Young' })
      .waitFor({ timeout: 5000 });
    await b.getByText('3 people').waitFor();

    // Window B on Zed's page sees the job title window A saves.
    const zed = (await preview.call('people.list', {})).rows.find((r) => r.displayName === 'Zed Young')!;
    await b.goto(`${preview.url}#/people/${zed.id}`);
    await b.getByRole('heading', { name: 'Zed Young', level: 1 }).waitFor();
    await a.getByRole('button', { name: 'Edit details' }).click();
    await a.getByRole('textbox', { name: 'Job title' }).fill('Head of Sales');
    await a.getByRole('form', { name: 'Edit details' }).getByRole('button', { name: 'Save' }).click();
    await b.getByText('Head of Sales', { exact: true }).first().waitFor({ timeout: 5000 });
    await a.context().close();
    await b.context().close();
  });

  it('looks right in the dark', async () => {
    const page = await openPage('dark', '#/contacts');
    await page.getByRole('grid', { name: 'People' }).getByRole('row', { name: 'Ann Lee' }).waitFor();
    await shot(page, 'contacts-dark');
    await page.getByRole('grid', { name: 'People' }).getByRole('row', { name: 'Ann Lee' }).click();
    await page.getByRole('heading', { name: 'Ann Lee', level: 1 }).waitFor();
    await page
      .getByRole('list', { name: 'History' })
      .getByText('Orders every spring; prefers email.')
      .waitFor();
    await shot(page, 'person-dark');
    await page.getByRole('button', { name: 'More actions for Ann Lee' }).click();
    await page.getByRole('menuitem', { name: 'Merge with…' }).click();
    const merge = page.getByRole('dialog', { name: 'Merge Ann Lee with…' });
    await merge.getByRole('combobox', { name: 'Merge with' }).fill('Annie');
    await merge
      .getByRole('option', { name: /^Annie Lee/u })
      .first()
      .click();
    await merge.getByRole('table', { name: 'Which value to keep' }).waitFor();
    await shot(page, 'merge-dark');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Harbour Supplies' }).click();
    await page.getByRole('heading', { name: 'Harbour Supplies', level: 1 }).waitFor();
    await page.getByRole('list', { name: 'People at Harbour Supplies' }).waitFor();
    await shot(page, 'company-dark');
    const annie = (await preview.call('people.list', {})).rows.find((r) => r.displayName === 'Annie Lee')!;
    await preview.call('people.delete', { ids: [annie.id] });
    await sidebar(page).getByRole('button', { name: 'Trash' }).click();
    await page
      .getByRole('grid', { name: 'Deleted items' })
      .getByRole('row', { name: 'Person: Annie Lee' })
      .waitFor();
    await shot(page, 'trash-dark');
    await page.context().close();
  });
});
