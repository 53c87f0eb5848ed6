/**
 * Exports in a real browser against the preview: the contacts list filtered by a tag, exported
 * with the columns shown on screen (the file's exact rows, its byte order mark and CRLF line
 * ends); the CSV options set to semicolons and a decimal comma, then an accountant's file whose
 * amounts use the comma; "Export everything…" as a zip with its manifest; a person's vCard.
 * Screenshots of the Export panel and the dialogs, light and dark.
 */
import fs from 'node:fs';
import { format } from 'date-fns';
import { unzipSync, strFromU8 } from 'fflate';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageOpener, type Preview, shotsIn, startSetUp } from '../preview.ts';

let preview: Preview;
let browser: Browser;
let annId: string;
const TODAY = format(new Date(), 'yyyy-MM-dd');

const shot = shotsIn('export');

/** Scrolls the Export panel to the top of the screen (the import card sits above it). */
async function showPanel(page: Page) {
  await page
    .getByRole('heading', { name: 'Export', exact: true, level: 2 })
    .evaluate((el) => el.scrollIntoView({ block: 'start' }));
}

const openPage = pageOpener(() => ({ preview, browser }));

/** Clicks and waits for the download the click starts; the file's bytes and suggested name. */
async function downloadOf(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), bytes: await readDownload(download) };
}

async function readDownload(download: Download): Promise<Buffer> {
  const file = await download.path();
  return fs.readFileSync(file);
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

beforeAll(async () => {
  [preview, browser] = await startSetUp();
  const company = await preview.call('companies.create', { name: 'Lee, Ray & Co' });
  const ann = await preview.call('people.create', {
    person: {
      givenName: 'Ann',
      familyName: 'Lee',
      companyId: company.id,
      tags: ['Spring fair'],
      phones: [{ label: 'work', number: '020 7946 0958' }],
      emails: [{ label: 'work', email: 'ann@lee.test' }],
    },
  });
  annId = ann.id;
  await preview.call('people.create', {
    person: { givenName: 'Bob', familyName: 'Ray', stage: 'customer', tags: ['Spring fair'] },
  });
  await preview.call('people.create', {
    person: { givenName: 'Cara', familyName: 'Diaz', tags: ['Website'] },
  });
  await preview.call('orders.create', {
    personId: ann.id,
    orderDate: TODAY,
    status: 'confirmed',
    lines: [{ description: 'Oak desk', quantity: 1000, unitPrice: 123_450, taxRateBp: 2000 }],
  });
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('export', () => {
  it('exports the contacts a tag filter shows, with the columns on screen', async () => {
    const page = await openPage('light', '#/contacts');
    await page.getByRole('grid', { name: 'People' }).getByText('Cara Diaz').waitFor();

    const filters = page.getByRole('toolbar', { name: 'Filters' });
    await filters.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Tag', exact: true }).click();
    await filters.getByRole('combobox', { name: 'Tag', exact: true }).selectOption('Spring fair');
    await page.getByText('2 people', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export contacts' });
    await dialog.getByText(/The file holds the 2 contacts the list shows/u).waitFor();
    expect(await dialog.getByRole('radio', { name: /The columns shown on screen/u }).isChecked()).toBe(true);
    await shot(page, 'export-dialog-light');

    // "Choose columns…" lists every column; the choice is shown, then put back.
    await dialog.getByRole('radio', { name: /Choose columns…/u }).check();
    const checks = dialog.getByRole('group', { name: 'Columns to export' });
    await checks.getByRole('checkbox', { name: 'Ledgerline id' }).waitFor();
    expect(await checks.getByRole('checkbox', { name: 'Email', exact: true }).isChecked()).toBe(true);
    expect(await checks.getByRole('checkbox', { name: 'Postcode' }).isChecked()).toBe(false);
    await shot(page, 'export-dialog-choose-light');
    await dialog.getByRole('radio', { name: /The columns shown on screen/u }).check();

    const file = await downloadOf(page, () =>
      dialog.getByRole('button', { name: 'Export', exact: true }).click(),
    );
    expect(file.name).toBe(`contacts-${TODAY}.csv`);
    expect(file.bytes.subarray(0, 3).equals(BOM)).toBe(true);
    const text = file.bytes.subarray(3).toString('utf8');
    expect(text).toBe(
      [
        'Name,Company,Phone,Email,Stage,Tags,Last contacted,Next call',
        'Ann Lee,"Lee, Ray & Co",020 7946 0958,ann@lee.test,Lead,Spring fair,,',
        'Bob Ray,,,,Customer,Spring fair,,',
        '',
      ].join('\r\n'),
    );
    await page.getByText(`Saved 2 contacts to contacts-${TODAY}.csv.`).waitFor();
    await dialog.waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('saves the CSV options and exports an accountant’s file with decimal commas', async () => {
    const page = await openPage('light', '#/transfer');
    const panel = page.getByRole('region', { name: 'Export', exact: true });
    await panel.getByRole('heading', { name: 'Files for your accountant' }).waitFor();
    await panel.getByRole('button', { name: 'Export Sales by order', exact: true }).waitFor();
    await showPanel(page);
    await shot(page, 'export-panel-light');

    await panel.getByRole('radio', { name: 'Semicolon' }).check();
    await panel.getByRole('radio', { name: 'Comma (1234,50)' }).check();
    await expect
      .poll(async () => (await preview.call('settings.get', {})).csv)
      .toEqual({ delimiter: ';', decimal: ',', dates: 'iso', encoding: 'utf-8-bom', protectFormulas: true });
    const reset = panel.getByRole('button', { name: 'Reset to the defaults for English (United Kingdom)' });
    await reset.waitFor();
    await reset.scrollIntoViewIfNeeded();
    await shot(page, 'export-csv-options-light');

    await panel.getByRole('combobox', { name: 'Period' }).selectOption('month');
    await panel.getByText('What’s in it').first().click();
    await panel.getByRole('definition').filter({ hasText: 'How many units, with three decimals' }).waitFor();
    await shot(page, 'export-panel-options-light');

    const file = await downloadOf(page, () =>
      panel.getByRole('button', { name: 'Export Sales by order', exact: true }).click(),
    );
    expect(file.bytes.subarray(0, 3).equals(BOM)).toBe(true);
    const lines = file.bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      'Order date;Order;Status;Status date;Customer ID;Customer;Contact;Lines;Net;Tax;Gross;Currency',
    );
    expect(lines[1]).toBe(
      `${TODAY};ORD-00001;Confirmed;${TODAY};${annId};Ann Lee;;1;1234,50;246,90;1481,40;GBP`,
    );
    expect(lines.slice(2)).toEqual(['']);
    await page.getByText(/^Saved Sales by order \(1 row\) to sales-orders-/u).waitFor();
    await page.context().close();
  });

  it('exports everything as a zip with its manifest, and a person’s vCard', async () => {
    const page = await openPage('dark', '#/transfer');
    const panel = page.getByRole('region', { name: 'Export', exact: true });
    await panel.getByRole('button', { name: 'Export everything…' }).waitFor();
    await showPanel(page);
    await shot(page, 'export-panel-dark');
    await panel.getByRole('switch', { name: 'Protect against formulas' }).scrollIntoViewIfNeeded();
    await shot(page, 'export-csv-options-dark');

    const zip = await downloadOf(page, () =>
      panel.getByRole('button', { name: 'Export everything…' }).click(),
    );
    expect(zip.name).toBe(`ledgerline-export-${TODAY}.zip`);
    const entries = unzipSync(new Uint8Array(zip.bytes));
    expect(Object.keys(entries)[0]).toBe('manifest.json');
    const manifest = JSON.parse(strFromU8(entries['manifest.json']!)) as Record<string, unknown>;
    expect(manifest).toBeTypeOf('object');
    expect(Object.keys(entries)).toContain('people.csv');
    await page.getByText(/^Saved everything \(/u).waitFor();

    // A person's vCard, from their page's More menu.
    await page.goto(`${preview.url}#/people/${annId}`);
    await page.getByRole('heading', { name: 'Ann Lee', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'More actions for Ann Lee' }).click();
    await page.getByRole('menuitem', { name: 'Export vCard…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export vCard' });
    expect(await dialog.getByRole('radio', { name: /vCard 3\.0/u }).isChecked()).toBe(true);
    await shot(page, 'vcard-dialog-dark');
    const card = await downloadOf(page, () =>
      dialog.getByRole('button', { name: 'Export', exact: true }).click(),
    );
    expect(card.name).toBe('contact.vcf');
    const vcf = card.bytes.toString('utf8');
    expect(vcf.startsWith('BEGIN:VCARD\r\nVERSION:3.0\r\n')).toBe(true);
    expect(vcf).toContain('FN:Ann Lee\r\n');
    await page.getByText('Saved Ann Lee’s vCard to contact.vcf.').waitFor();
    await page.context().close();
  });
});
