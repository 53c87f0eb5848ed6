/**
 * The audit trail in a real browser against the preview (issue 6): a person is added and their
 * job title changed on their page; More › History… opens the trail on them, where the change
 * opens to show the job title before and after; Export CSV… downloads the trail as the filter
 * shows it. A company's and a case's pages open their own history the same way. Screenshots of
 * the screen light and dark, an event opened, and a narrow window.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickCounter, pageOpener, type Preview, shotsIn, startSetUp } from './preview.ts';

let preview: Preview;
let browser: Browser;

const shot = shotsIn('audit');
const openPage = pageOpener(() => ({ preview, browser }));

const trail = (page: Page) => page.getByRole('list', { name: 'Audit trail' });
/** The event of Grace Hopper's job title changed. */
const edited = (page: Page) =>
  trail(page)
    .getByRole('button')
    .filter({ hasText: /Changed(?! in bulk)/u })
    .filter({ hasText: 'Grace Hopper' });

beforeAll(async () => {
  [preview, browser] = await startSetUp();
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('audit trail', () => {
  it('shows who changed a person’s job title from what to what, and exports it', async () => {
    const page = await openPage('light');
    await page.keyboard.press('Control+n');
    const dialog = page.getByRole('dialog', { name: 'New person' });
    await dialog.getByRole('textbox', { name: 'First name' }).fill('Grace');
    await dialog.getByRole('textbox', { name: 'Last name' }).fill('Hopper');
    await dialog.getByRole('textbox', { name: 'Job title' }).fill('Buyer');
    await dialog.getByRole('button', { name: 'Save person' }).click();
    await page.getByRole('heading', { name: 'Grace Hopper', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Edit details' }).click();
    await page.getByRole('textbox', { name: 'Job title' }).fill('Head buyer');
    await page.getByRole('form', { name: 'Edit details' }).getByRole('button', { name: 'Save' }).click();
    await page.getByText('Head buyer', { exact: true }).first().waitFor();

    // Their history: two clicks from their page.
    const clicks = clickCounter();
    await clicks.click(page.getByRole('button', { name: 'More actions for Grace Hopper' }));
    await clicks.click(page.getByRole('menuitem', { name: 'History…' }));
    expect(clicks.count).toBe(2);
    await page.getByRole('heading', { name: 'Audit trail', level: 1 }).waitFor();
    await page.getByText('History of').waitFor();
    const change = trail(page).getByRole('button').filter({ hasText: 'Changed' }).first();
    await change.waitFor();
    expect(await change.textContent()).toContain('Person · Grace Hopper');
    await change.click();
    const diff = page.getByRole('table').filter({ hasText: 'Job title' });
    const row = diff.getByRole('row', { name: /Job title/u });
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual(['Buyer', 'Head buyer']);
    await shot(page, 'audit-person-expanded-light');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV…' }).click(),
    ]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    expect(download.suggestedFilename()).toMatch(/^audit-trail-\d{4}-\d{2}-\d{2}\.csv$/u);
    const lines = csv.split('\r\n');
    expect(lines[0]).toMatch(/^\uFEFF?Event[,;]When[,;]Staff[,;]What[,;]Kind of record[,;]Record/u);
    const jobTitle = lines.find((l) => l.includes('Job title') && l.includes('Head buyer'));
    expect(jobTitle).toMatch(/Changed[,;]Person[,;]Grace Hopper[,;]{3}Job title[,;]Buyer[,;]Head buyer$/u);
    expect(csv).not.toContain('Setting');
    await page.getByText(/^Saved \d+ lines of the audit trail to audit-trail-/u).waitFor();
    await page.context().close();
  });

  it('opens a company’s and a case’s history from their pages', async () => {
    const company = await preview.call('companies.create', { name: 'Initech' });
    await preview.call('companies.update', { id: company.id, patch: { name: 'Initrode' } });
    const kase = await preview.call('cases.create', {
      companyId: company.id,
      subject: 'Broken stapler',
      category: 'complaint',
    });
    await preview.call('cases.update', { id: kase.id, patch: { subject: 'Missing stapler' } });

    const page = await openPage('light', `#/companies/${company.id}`);
    await page.getByRole('button', { name: 'More actions for Initrode' }).click();
    await page.getByRole('menuitem', { name: 'History…' }).click();
    await page.getByText('History of').waitFor();
    // The company's own events and those of what it owns (its case), nobody else's.
    const rename = trail(page)
      .getByRole('button')
      .filter({ hasText: 'Changed' })
      .filter({ hasText: 'Company · Initrode' });
    await rename.first().waitFor();
    await rename.first().click();
    const row = page
      .getByRole('table')
      .getByRole('row', { name: /Company name/u })
      .first();
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual(['Initech', 'Initrode']);
    await trail(page).getByRole('button').filter({ hasText: 'Missing stapler' }).first().waitFor();
    expect(await trail(page).getByRole('button').filter({ hasText: 'Grace Hopper' }).count()).toBe(0);
    await page.context().close();

    const casePage = await openPage('light', `#/cases/${kase.id}`);
    await casePage.getByRole('button', { name: `More actions for case ${kase.number}` }).click();
    await casePage.getByRole('menuitem', { name: 'History…' }).click();
    await casePage.getByText('History of').waitFor();
    const events = trail(casePage).getByRole('button');
    await events.first().waitFor();
    const subjectChange = events.filter({ hasText: 'Changed' }).first();
    await subjectChange.click();
    const subject = casePage
      .getByRole('table')
      .getByRole('row', { name: /Subject/u })
      .first();
    await subject.waitFor();
    expect(await subject.getByRole('cell').allTextContents()).toEqual(['Broken stapler', 'Missing stapler']);
    expect(await events.filter({ hasText: 'Company · Initrode' }).count()).toBe(0);
    await casePage.context().close();
  });

  it('lists the whole trail, light and dark, and in a narrow window', async () => {
    // A little more history: two more people, a call, and a bulk tag.
    const ann = await preview.call('people.create', { person: { givenName: 'Ann', familyName: 'Lee' } });
    await preview.call('people.create', {
      person: { givenName: 'Bob', familyName: 'Ray', jobTitle: 'Owner' },
    });
    await preview.call('calls.log', {
      call: {
        personId: ann.id,
        direction: 'out',
        startedAt: Date.now(),
        durationS: 185,
        outcome: 'connected',
      },
    });
    await preview.call('people.bulk', { target: { filter: {} }, action: { type: 'tag', tag: 'Newsletter' } });
    for (const scheme of ['light', 'dark'] as const) {
      const page = await openPage(scheme, '#/audit');
      await page.getByRole('heading', { name: 'Audit trail', level: 1 }).waitFor();
      await trail(page).getByRole('button').first().waitFor();
      await shot(page, `audit-${scheme}`);
      await edited(page).click();
      await page.getByRole('table').first().waitFor();
      await shot(page, `audit-expanded-${scheme}`);
      await page.context().close();
    }
    const bulk = await openPage('light', '#/audit');
    await trail(bulk).getByRole('button').filter({ hasText: 'Changed in bulk' }).first().click();
    await bulk.getByText('3 people changed').waitFor();
    await shot(bulk, 'audit-bulk-expanded-light');
    await bulk.context().close();
    const narrow = await openPage('light', '#/audit', { width: 760, height: 820 });
    await trail(narrow).getByRole('button').first().waitFor();
    await edited(narrow).click();
    await narrow.getByRole('table').first().waitFor();
    await shot(narrow, 'audit-narrow');
    await narrow.context().close();
  });
});
