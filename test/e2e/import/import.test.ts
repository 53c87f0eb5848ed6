/**
 * Importing people in a real browser against the preview, as a new user would: open Import &
 * export from the sidebar, choose a messy file (Windows-1252, semicolons, a full-name column, a
 * note with a line break, a blank row, a bad email), see the guessed mapping and fix one column,
 * check the file (counts and the problem row with its line), import, find the people in Contacts,
 * come back and undo the import, and see Contacts empty again. Then a Google Contacts vCard file
 * (three cards, one without a name): no columns to choose, checked, imported and undone the same
 * way. Screenshots of every step, light, and of a step in dark, go to /tmp/ledgerline-shots/import.
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageOpener, type Preview, ROOT, shotsIn, startSetUp } from '../preview.ts';

let preview: Preview;
let browser: Browser;

/**
 * A German Outlook-ish list saved by Excel on Windows: Windows-1252, semicolons, CRLF between
 * rows and a bare LF inside a cell (Alt+Enter), a blank row, a bad email, "Family, Given".
 */
const MESSY = [
  'Name;E-mail;Telefon;Firma;Position;Hintergrund;Ort',
  'Zoë Müller;zoe@mueller.test;+49 30 1234567;Müller GmbH;Einkäuferin;"Met at the Köln fair,\nwants a call in March";Köln',
  'José Núñez;jose@nunez.test;0612 345 678;Núñez & Hijos;Director;;Málaga',
  ';;;;;;',
  'Ann Lee;ann(at)lee.test;07700 900123;;Buyer;;Leeds',
  '"Lee, Bob";bob@acme.test;;Acme Ltd;;Old customer from the 2019 list;York',
].join('\r\n');
const FILE = {
  name: 'kontakte.csv',
  mimeType: 'text/csv',
  buffer: iconv.encode(`${MESSY}\r\n`, 'win1252'),
};

/** Google Contacts' export: Ann Lee (with a company), María de la Cruz, and a card with no name. */
const VCARD = {
  name: 'google-contacts.vcf',
  mimeType: 'text/vcard',
  buffer: fs.readFileSync(path.join(ROOT, 'test/fixtures/vcard/google-contacts-3.0.vcf')),
};

const shot = shotsIn('import');
const openPage = pageOpener(() => ({ preview, browser }));

const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Sidebar' });
const wizard = (page: Page) => page.getByRole('region', { name: 'Import people' });

/** Import & export from the sidebar, then the file chosen as the file input would take it. */
async function chooseFile(page: Page, file: typeof FILE = FILE) {
  await sidebar(page).getByRole('button', { name: 'Import & export' }).click();
  await page.getByRole('button', { name: 'Choose a file…' }).waitFor();
  await page
    .getByRole('region', { name: 'Import', exact: true })
    .locator('input[type="file"]')
    .setInputFiles(file);
  await wizard(page).getByRole('heading', { name: 'How the file reads' }).waitFor();
}

beforeAll(async () => {
  [preview, browser] = await startSetUp();
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('importing people', () => {
  it('imports a messy file, finds the people, and undoes the import', async () => {
    const page = await openPage('light');
    await sidebar(page).getByRole('button', { name: 'Import & export' }).click();
    await page.getByText('No imports yet').waitFor();
    await shot(page, 'panel-light');

    // 1 File: read as Windows-1252 with semicolons, so the accents come out right.
    await chooseFile(page);
    const w = wizard(page);
    expect(await w.getByRole('combobox', { name: 'Encoding' }).inputValue()).toBe('windows-1252');
    expect(await w.getByRole('combobox', { name: 'Columns split by' }).inputValue()).toBe(';');
    const raw = w.getByRole('table', { name: 'The first rows of kontakte.csv' });
    await raw.getByRole('cell', { name: 'Zoë Müller' }).waitFor();
    await raw.getByRole('cell', { name: 'Núñez & Hijos' }).waitFor();
    expect(await w.getByRole('listitem').filter({ hasText: 'File' }).getAttribute('aria-current')).toBe(
      'step',
    );
    // What it holds is guessed from the columns: people.
    const holds = w.getByRole('group', { name: 'What does the file hold?' });
    expect(await holds.getByRole('radio', { name: /^People/u }).isChecked()).toBe(true);
    await shot(page, 'step1-file-light');

    // 2 Columns: the guess, and the one column it could not place, fixed.
    await w.getByRole('button', { name: /^Next/u }).click();
    await w.getByRole('heading', { name: 'What each column holds' }).waitFor();
    const field = (header: string) => w.getByRole('combobox', { name: `Import “${header}” as` });
    expect(await field('Name').inputValue()).toBe('fullName');
    expect(await field('E-mail').inputValue()).toBe('email');
    expect(await field('Telefon').inputValue()).toBe('phone');
    expect(await field('Firma').inputValue()).toBe('company');
    expect(await field('Ort').inputValue()).toBe('city');
    expect(await field('Hintergrund').inputValue()).toBe('');
    await field('Hintergrund').selectOption('notes');
    await shot(page, 'step2-columns-light');

    // 3 Matching, then the check: counts, and the bad email with its line (the note above it
    // holds a line break, so Ann is on line 6).
    await w.getByRole('button', { name: /^Next/u }).click();
    await w.getByRole('heading', { name: 'People already in the book' }).waitFor();
    expect(await w.getByRole('radio', { name: /Same email address/u }).isChecked()).toBe(true);
    await w.getByRole('button', { name: 'Check the file' }).click();
    await w.getByRole('heading', { name: 'What the import will do' }).waitFor();
    const tiles = w.getByRole('list', { name: 'What the import will do' });
    expect(await tiles.getByRole('listitem').allInnerTexts()).toEqual([
      '3\nnew',
      '0\nupdated',
      '0\nunchanged',
      '1\nskipped',
      '1\nwith errors',
    ]);
    const problems = w.getByRole('table', { name: 'Rows that will be left out' });
    const problem = problems.getByRole('row').nth(1);
    expect(await problem.getByRole('cell').allInnerTexts()).toEqual([
      '6',
      'E-mail',
      'ann(at)lee.test',
      expect.stringMatching(/email/iu),
    ]);
    const preview5 = w.getByRole('table', { name: /as they will be imported/u });
    await preview5.getByRole('row', { name: /Bob Lee/u }).waitFor();
    expect(await preview5.getByRole('row').nth(1).getByRole('cell').allInnerTexts()).toEqual(
      expect.arrayContaining([
        'Zoë',
        'Müller',
        'Müller GmbH',
        'Met at the Köln fair, ↵ wants a call in March',
      ]),
    );
    const ann = preview5.getByRole('row', { name: /Ann/u }).getByRole('cell').first();
    expect(await ann.textContent()).toMatch(/^Left out: /u);
    await shot(page, 'step3-checked-light');
    await page.locator('.import-page__body').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await shot(page, 'step3-checked-lower-light');

    // 4 Import.
    await w.getByRole('button', { name: 'Import 3 people' }).click();
    await w.getByRole('heading', { name: 'Imported kontakte.csv' }).waitFor();
    expect(
      await w.getByRole('list', { name: 'What the import did' }).getByRole('listitem').first().innerText(),
    ).toBe('3\nadded');
    await shot(page, 'step4-done-light');
    expect((await preview.call('people.count', {})).count).toBe(3);

    // The people are in Contacts, and search finds one by a name typed without its accents.
    await w.getByRole('button', { name: 'Open Contacts' }).click();
    const grid = page.getByRole('grid', { name: 'People' });
    await grid.getByRole('row', { name: /José Núñez/u }).waitFor();
    await grid.getByRole('row', { name: /Zoë Müller/u }).waitFor();
    await grid.getByRole('row', { name: /Bob Lee/u }).waitFor();
    await page.getByRole('combobox', { name: 'Search people, companies, notes and calls' }).fill('nunez');
    await page.getByRole('option', { name: /José Núñez/u }).waitFor();
    await page.keyboard.press('Escape');

    // Back to Import & export: the import is listed, and undone after a confirmation.
    await sidebar(page).getByRole('button', { name: 'Import & export' }).click();
    const past = page.getByRole('list', { name: 'Past imports' });
    const item = past.getByRole('listitem').first();
    await item.getByText('kontakte.csv').waitFor();
    expect(await item.innerText()).toContain('3 added · 1 skipped · 1 with errors');
    await item.getByRole('button', { name: 'Undo import of kontakte.csv' }).click();
    const confirm = page.getByRole('dialog', { name: 'Undo the import of kontakte.csv?' });
    expect(await confirm.innerText()).toContain('moved to the Trash instead');
    await shot(page, 'undo-confirm-light');
    await confirm.getByRole('button', { name: 'Undo import' }).click();
    await item.getByText(/^Undone/u).waitFor();
    await shot(page, 'panel-undone-light');

    await sidebar(page).getByRole('button', { name: 'Contacts' }).click();
    await page.getByText('No people yet').waitFor();
    expect((await preview.call('people.count', {})).count).toBe(0);
    await page.context().close();
  });

  it('remembers the mapping for the next file with the same columns (dark)', async () => {
    const page = await openPage('dark');
    await chooseFile(page);
    const w = wizard(page);
    await shot(page, 'step1-file-dark');
    await w.getByRole('button', { name: /^Next/u }).click();
    await w.getByText(/choices you made the last time/u).waitFor();
    expect(await w.getByRole('combobox', { name: 'Import “Hintergrund” as' }).inputValue()).toBe('notes');
    await shot(page, 'step2-columns-dark');
    await w.getByRole('button', { name: /^Next/u }).click();
    await page.keyboard.press('Control+Enter');
    await w.getByRole('heading', { name: 'What the import will do' }).waitFor();
    await shot(page, 'step3-checked-dark');

    // Esc closes the wizard; focus goes back to where it started; nothing was imported.
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Choose a file…' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Choose a file…');
    expect((await preview.call('people.count', {})).count).toBe(0);
    await page.context().close();
  });

  it('imports a vCard file from Google Contacts, and undoes it', async () => {
    const page = await openPage('light');
    await sidebar(page).getByRole('button', { name: 'Import & export' }).click();
    const card = page.getByRole('group', { name: 'Import from a file' });
    expect(await card.innerText()).toMatch(/vCard file \(\.vcf\) of contacts exported from a phone/u);

    // 1 File: nothing to set, and three steps, as there are no columns to choose.
    await chooseFile(page, VCARD);
    const w = wizard(page);
    await w.getByText('vCard file — each card becomes a person', { exact: false }).waitFor();
    expect(await w.getByRole('list', { name: 'Steps' }).getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringMatching(/File/u),
      expect.stringMatching(/Matching/u),
      expect.stringMatching(/Import/u),
    ]);
    expect(await w.getByRole('combobox').count()).toBe(0);
    expect(await w.getByRole('group', { name: 'What does the file hold?' }).count()).toBe(0);
    expect(await w.getByRole('checkbox', { name: /Keep the cards’ photos/u }).isChecked()).toBe(true);
    await shot(page, 'vcard-step1-file-light');

    // 2 Matching: every way is open (the ID is the card's UID); no blank cells to choose about.
    await w.getByRole('button', { name: /^Next/u }).click();
    await w.getByRole('heading', { name: 'People already in the book' }).waitFor();
    expect(await w.getByRole('radio', { name: /Same email address/u }).isChecked()).toBe(true);
    expect(await w.getByRole('radio', { name: /Same ID from the other system/u }).isEnabled()).toBe(true);
    expect(await w.getByRole('checkbox').count()).toBe(0);
    await w.getByRole('radio', { name: /Do not match: add every card as new/u }).waitFor();
    await shot(page, 'vcard-step2-matching-light');

    // The check: two new, the card with no name left out, with its line.
    await w.getByRole('button', { name: 'Check the file' }).click();
    await w.getByRole('heading', { name: 'What the import will do' }).waitFor();
    expect(
      await w.getByRole('list', { name: 'What the import will do' }).getByRole('listitem').allInnerTexts(),
    ).toEqual(['2\nnew', '0\nupdated', '0\nunchanged', '0\nskipped', '1\nwith errors']);
    const problems = w.getByRole('table', { name: 'Cards that will be left out' });
    expect(await problems.getByRole('columnheader').allInnerTexts()).toEqual(['Line', 'Field', 'Reason']);
    expect(await problems.getByRole('row').nth(1).getByRole('cell').allInnerTexts()).toEqual([
      '27',
      'Name',
      expect.stringMatching(/no name/iu),
    ]);
    await shot(page, 'vcard-step2-checked-light');
    expect((await preview.call('people.count', {})).count).toBe(0);

    // 3 Import.
    await w.getByRole('button', { name: 'Import 2 people' }).click();
    await w.getByRole('heading', { name: 'Imported google-contacts.vcf' }).waitFor();
    expect(
      await w.getByRole('list', { name: 'What the import did' }).getByRole('listitem').first().innerText(),
    ).toBe('2\nadded');
    await w.getByText('3 cards read from google-contacts.vcf; 1 company was added for them.').waitFor();
    await shot(page, 'vcard-step3-done-light');
    expect((await preview.call('people.count', {})).count).toBe(2);

    // Listed with the other imports, and undone from there.
    await w.getByRole('button', { name: 'Done' }).click();
    const item = page.getByRole('list', { name: 'Past imports' }).getByRole('listitem').first();
    await item.getByText('google-contacts.vcf').waitFor();
    expect(await item.innerText()).toContain('2 added · 1 with errors');
    expect(await item.innerText()).toContain('3 cards');
    await item.getByRole('button', { name: 'Undo import of google-contacts.vcf' }).click();
    const confirm = page.getByRole('dialog', { name: 'Undo the import of google-contacts.vcf?' });
    await confirm.getByRole('button', { name: 'Undo import' }).click();
    await item.getByText(/^Undone/u).waitFor();
    await shot(page, 'vcard-panel-undone-light');
    expect((await preview.call('people.count', {})).count).toBe(0);
    await page.context().close();
  });
});
