/**
 * Manual check (not a test): screenshots of the Pipeline, a deal, Leads, Cases, a case, the
 * open-cases banner on a person and the deal stages in Settings, light and dark, on the demo book
 * with deals and cases added, into /tmp/ledgerline-shots/issue4/*.png.
 *   node test/e2e/pipeline/shots.script.ts
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { launchBrowser, startPreview } from '../preview.ts';

const OUT = '/tmp/ledgerline-shots/issue4';
fs.mkdirSync(OUT, { recursive: true });
const preview = await startPreview({ demo: true });
const browser = await launchBrowser();

const people = (await preview.call('people.list', { limit: 60 })).rows;
const board = await preview.call('deals.board', {});
const stages = board.columns.map((c) => c.stageId);
const titles = [
  'Office chairs for the new floor',
  'Annual servicing contract',
  'Standing desks',
  'Meeting room refit',
  'Printer lease renewal',
  'Reception furniture',
  'Warehouse shelving',
  'Ergonomic assessment',
  'Spare parts bundle',
  'Second site fit-out',
  'Lighting upgrade',
];
let firstDeal = '';
if (board.columns.every((c) => c.count === 0)) {
  for (const [i, title] of titles.entries()) {
    const p = people[(i * 5) % people.length]!;
    const d = await preview.call('deals.create', {
      title,
      personId: p.id,
      value: 25_000 + ((i * 73_450) % 900_000),
      stageId: stages[i % stages.length]!,
      expectedClose: i % 4 === 0 ? '2026-11-10' : `2026-12-${String(5 + i).padStart(2, '0')}`,
    });
    if (i === 0) firstDeal = d.id;
  }
} else {
  firstDeal = board.columns.find((c) => c.deals.length)!.deals[0]!.id;
}
const ann = people[3]!;
const open = await preview.call('cases.openFor', { personId: ann.id, today: '2026-11-22' });
let firstCase = '';
if (open.count === 0) {
  const subjects: [string, 'complaint' | 'question', 'urgent' | 'normal', string][] = [
    ['Chair arrived with a broken leg', 'complaint', 'urgent', '2026-11-18'],
    ['How do I adjust the desk height?', 'question', 'normal', '2026-12-02'],
  ];
  for (const [subject, category, priority, dueDate] of subjects) {
    const c = await preview.call('cases.create', {
      subject,
      category,
      priority,
      personId: ann.id,
      dueDate,
      description: 'The customer called about it this morning and would like a call back before Friday.',
    });
    firstCase ||= c.id;
  }
} else firstCase = open.mostUrgent!.id;

async function shot(page: Page, name: string) {
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${OUT}/${name}.png` });
}

try {
  for (const theme of ['light', 'dark'] as const) {
    const ctx = await browser.newContext({ viewport: { width: 1360, height: 860 }, colorScheme: theme });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.log('pageerror', e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') console.log('console', m.text());
    });
    await page.goto(`${preview.url}#/pipeline`);
    await page.getByRole('list', { name: 'Pipeline' }).waitFor();
    await shot(page, `pipeline-${theme}`);
    const card = (await page.locator('.deal-card__main').first().boundingBox())!;
    await page.mouse.move(card.x + 60, card.y + 20);
    await page.mouse.down();
    await page.mouse.move(card.x + 200, card.y + 80, { steps: 8 });
    await page.mouse.move(card.x + 330, card.y + 120, { steps: 8 });
    await shot(page, `pipeline-dragging-${theme}`);
    await page.keyboard.press('Escape');
    await page.mouse.up();
    await page.locator('.deal-card__main').first().focus();
    await page
      .getByRole('button', { name: /^Actions for/u })
      .first()
      .click();
    await shot(page, `pipeline-menu-${theme}`);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'New deal', exact: true }).click();
    const dealDialog = page.getByRole('dialog', { name: 'New deal' });
    await dealDialog.getByRole('textbox', { name: 'Title' }).fill('Fit-out for the new branch');
    await dealDialog.getByRole('button', { name: 'Add a product' }).click();
    await dealDialog.getByRole('combobox', { name: 'Line 1 product' }).selectOption({ index: 1 });
    await dealDialog.getByRole('button', { name: 'Add a product' }).click();
    await dealDialog.getByRole('textbox', { name: 'Line 2 description' }).fill('Installation, two days');
    await dealDialog.getByRole('textbox', { name: 'Line 2 unit price' }).fill('640');
    await shot(page, `deal-dialog-${theme}`);
    await page.keyboard.press('Escape');
    await page.goto(`${preview.url}#/deals/${firstDeal}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await shot(page, `deal-${theme}`);
    await page.getByRole('button', { name: 'Mark as lost…' }).click();
    await shot(page, `deal-lose-${theme}`);
    await page.keyboard.press('Escape');
    await page.goto(`${preview.url}#/leads`);
    await page.getByRole('grid', { name: 'Leads' }).waitFor();
    await shot(page, `leads-${theme}`);
    await page
      .getByRole('button', { name: /^Convert / })
      .first()
      .click({ force: true });
    await page.getByRole('checkbox', { name: 'Also open a deal' }).check();
    await shot(page, `leads-convert-${theme}`);
    await page.keyboard.press('Escape');
    await page.goto(`${preview.url}#/cases`);
    await page.getByRole('grid', { name: 'Cases' }).waitFor();
    await shot(page, `cases-${theme}`);
    await page.goto(`${preview.url}#/cases/${firstCase}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await shot(page, `case-${theme}`);
    await page.getByRole('button', { name: 'Resolve…' }).click();
    await shot(page, `case-resolve-${theme}`);
    await page.keyboard.press('Escape');
    await page.goto(`${preview.url}#/people/${ann.id}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await shot(page, `person-cases-${theme}`);
    await page.goto(`${preview.url}#/settings`);
    await page.getByRole('heading', { name: 'Deal stages' }).scrollIntoViewIfNeeded();
    await shot(page, `settings-stages-${theme}`);
    await ctx.close();
  }
  // The empty states, on a new book.
  const empty = await startPreview();
  try {
    await empty.call('setup.complete', {
      userName: 'Ada Lovelace',
      businessName: 'Analytical Engines Ltd',
      currency: 'GBP',
      locale: 'en-GB',
    });
    const ctx = await browser.newContext({ viewport: { width: 1360, height: 860 }, colorScheme: 'light' });
    const page = await ctx.newPage();
    for (const section of ['pipeline', 'leads', 'cases']) {
      await page.goto(`${empty.url}#/${section}`);
      await page.locator('.state').first().waitFor();
      await shot(page, `${section}-empty-light`);
    }
    await ctx.close();
  } finally {
    await empty.stop();
  }
} finally {
  await browser.close();
  await preview.stop();
}
