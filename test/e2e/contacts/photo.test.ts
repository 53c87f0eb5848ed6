/**
 * A person's photo in a real browser against the preview (the file is uploaded, as the preview
 * does): a file that is not a picture is refused in words; a JPEG drawn by the browser itself is
 * added in two clicks and shows as the round avatar (the page's CSP lets the data: image load);
 * it stays after a reload, and is removed and brought back with Undo.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickCounter, type Preview, startSetUp } from '../preview.ts';

let preview: Preview;
let browser: Browser;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-e2e-photo-'));

beforeAll(async () => {
  [preview, browser] = await startSetUp();
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A 160×160 JPEG portrait drawn on a canvas by the page itself. */
async function drawnJpeg(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 160;
    const g = canvas.getContext('2d')!;
    const sky = g.createLinearGradient(0, 0, 0, 160);
    sky.addColorStop(0, '#8fb8de');
    sky.addColorStop(1, '#e7d3b8');
    g.fillStyle = sky;
    g.fillRect(0, 0, 160, 160);
    g.fillStyle = '#3b4a6b';
    g.beginPath();
    g.ellipse(80, 168, 62, 52, 0, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#e9b995';
    g.beginPath();
    g.arc(80, 72, 34, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#5a3825';
    g.beginPath();
    g.arc(80, 62, 36, Math.PI, Math.PI * 2);
    g.fill();
    return canvas.toDataURL('image/jpeg', 0.9).split(',')[1]!;
  });
  return Buffer.from(base64, 'base64');
}

describe('a person’s photo', () => {
  it('is refused when not a picture, added in two clicks, kept, removed and undone', async () => {
    const ann = await preview.call('people.create', {
      person: { givenName: 'Ann', familyName: 'Lee', jobTitle: 'Buyer' },
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(err.message));
    page.on('console', (m) => {
      // (The preview has no favicon: the browser's own request for one is not the page's.)
      if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) problems.push(m.text());
    });
    await page.goto(`${preview.url}#/people/${ann.id}`);
    await page.getByRole('heading', { name: 'Ann Lee', level: 1 }).waitFor();
    const jpeg = path.join(dir, 'ann.jpg');
    fs.writeFileSync(jpeg, await drawnJpeg(page));
    const notes = path.join(dir, 'notes.png');
    fs.writeFileSync(notes, 'Name,Email\r\nAnn Lee,ann@example.com\r\n');

    const upload = async (file: string, clicks = clickCounter()) => {
      const chooser = page.waitForEvent('filechooser');
      await clicks.click(page.getByRole('button', { name: 'Add a photo of Ann Lee' }));
      await (await chooser).setFiles(file);
    };

    await upload(notes);
    await page.getByText('notes.png is not a JPEG, PNG, GIF or WebP picture.', { exact: false }).waitFor();
    expect(await preview.call('people.getPhoto', { id: ann.id })).toBeNull();

    // One click on the avatar, one on the file.
    const clicks = clickCounter();
    await upload(jpeg, clicks);
    await page.getByText('Added a photo of Ann Lee.').waitFor();
    expect(clicks.count).toBe(1);
    const img = page.locator('.hero img');
    await img.waitFor();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(160);
    const stored = await preview.call('people.getPhoto', { id: ann.id });
    expect(stored).toMatchObject({ mime: 'image/jpeg', bytes: fs.statSync(jpeg).size });

    // After a reload it is still there.
    await page.reload();
    await page.getByRole('heading', { name: 'Ann Lee', level: 1 }).waitFor();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(160);

    // Removed from the avatar's menu, and back with Undo.
    await page.getByRole('button', { name: 'Photo of Ann Lee' }).click();
    await page.getByRole('menu', { name: 'Photo' }).getByRole('menuitem', { name: 'Remove photo' }).click();
    await page.getByText('Removed the photo of Ann Lee.').waitFor();
    await page.getByRole('button', { name: 'Add a photo of Ann Lee' }).waitFor();
    expect(await img.count()).toBe(0);
    await page
      .locator('.toast', { hasText: 'Removed the photo of Ann Lee.' })
      .getByRole('button', { name: 'Undo' })
      .click();
    await page.getByText('The photo is back.').waitFor();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(160);

    // The Contacts list shows no photos.
    await page.goto(`${preview.url}#/contacts`);
    await page
      .getByRole('grid', { name: 'People' })
      .getByRole('row', { name: /Ann Lee/u })
      .first()
      .waitFor();
    expect(await page.locator('img').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
