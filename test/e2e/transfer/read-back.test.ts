/**
 * Moving to another computer: on a new install's first screen, a new user reads back the zip that
 * Export everything made on the old one, and lands in their book with everyone in it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestBook, setUp } from '../../helpers/book.ts';
import { launchBrowser, screenshot, startPreview, type Preview } from '../preview.ts';

let preview: Preview;
let browser: Browser;
let page: Page;
let zip: string;

beforeAll(async () => {
  // The old computer's book, exported.
  const old = await openTestBook({ deterministicIds: false });
  await setUp(old.client);
  for (const [givenName, familyName] of [
    ['Ann', 'Lee'],
    ['Bob', 'Ray'],
    ['Zoë', 'Müller'],
  ] as const) {
    await old.client.call('people.create', { person: { givenName, familyName } });
  }
  const exported = await old.client.call('export.everything', {});
  zip = path.join(path.dirname(old.dir), `old-book-${process.pid}.zip`);
  fs.copyFileSync(old.backend.ctx.files.download(exported.download!.fileId).path, zip);
  await old.close();

  [preview, browser] = await Promise.all([startPreview(), launchBrowser()]);
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    locale: 'en-GB',
  });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
  fs.rmSync(zip, { force: true });
});

describe('reading back an export on a new computer', () => {
  it('fills the new book from the first screen', async () => {
    await page.goto(preview.url);
    await page.getByRole('heading', { name: 'Welcome to Ledgerline' }).waitFor();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Moving from another computer? Read back an export' }).click();
    await (await chooser).setFiles(zip);
    const dialog = page.getByRole('dialog', { name: `Read back ${path.basename(zip)}?` });
    await dialog.waitFor();
    await screenshot(page, 'read-back-confirm');
    await dialog.getByRole('button', { name: 'Read it back' }).click();
    // The old book's settings came with it: set up, so the app opens on its business.
    await page.getByRole('navigation', { name: 'Sidebar' }).getByRole('button', { name: 'Contacts' }).click();
    for (const name of ['Ann Lee', 'Bob Ray', 'Zoë Müller']) {
      await page
        .getByRole('row', { name: new RegExp(name, 'u') })
        .first()
        .waitFor();
    }
    await screenshot(page, 'read-back-contacts');
    expect(await page.title()).toContain('Analytical Engines Ltd');
  });
});
