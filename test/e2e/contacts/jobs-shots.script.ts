/**
 * Manual check (not a test): a long bulk delete shows its job card with progress and Cancel, and a
 * cancel leaves everyone in place. Writes screenshots to /tmp/ledgerline-shots/jobs/.
 *   N=60000 node test/e2e/contacts/jobs-shots.script.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from '../../../shared/api/client.ts';
import { openBookForHost } from '../../../electron/backend/book.ts';
import { createEventHub } from '../../../electron/backend/event-hub.ts';
import { inProcessTransport } from '../../../electron/backend/inprocess.transport.ts';
import { reindex } from '../../../electron/backend/search/search.index.ts';
import { launchBrowser, startPreview } from '../preview.ts';

const N = Number(process.env.N ?? 60_000);
const out = '/tmp/ledgerline-shots/jobs';
fs.mkdirSync(out, { recursive: true });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-jobs-'));
const hub = createEventHub();
const opened = await openBookForHost({
  dataDir,
  host: 'test',
  appVersion: '0',
  emit: (e, p) => hub.emit(e, p),
});
const client = createClient(inProcessTransport(opened.backend, hub));
await client.call('setup.complete', {
  userName: 'Ada',
  businessName: 'Jobs Ltd',
  currency: 'GBP',
  locale: 'en-GB',
});
const db = opened.book.sqlite;
const insert = db.prepare(
  `INSERT INTO people (id, given_name, family_name, display_name, sort_key, stage, created_at, updated_at)
   VALUES (?, ?, ?, ?, ?, 'customer', ?, ?)`,
);
db.transaction(() => {
  for (let n = 1; n <= N; n++) {
    const id = `p${String(n).padStart(7, '0')}`;
    insert.run(id, `Given${n}`, `Family${n}`, `Person ${n}`, `family${n} given${n}`, n, n);
    reindex(opened.backend.ctx, 'person', id);
  }
})();
await opened.close();

const preview = await startPreview({ dataDir });
const url = preview.url;
const browser = await launchBrowser();
try {
  const page = await (await browser.newContext({ viewport: { width: 1360, height: 860 } })).newPage();
  await page.goto(`${url}#/contacts`);
  await page.getByText(new RegExp(`${N.toLocaleString('en-GB')} people`, 'u')).waitFor({ timeout: 60_000 });
  await page.locator('[role="grid"]').focus();
  await page.keyboard.press('Control+a');
  await page.getByRole('toolbar').getByRole('button', { name: 'Delete' }).click();
  const card = page.getByRole('group', { name: /Delete/u });
  await card.waitFor({ timeout: 30_000 });
  await page.waitForTimeout(700);
  await page.screenshot({ path: path.join(out, 'job-card.png') });
  await card.getByRole('button', { name: 'Cancel' }).click();
  await page.getByText('Cancelled. Nothing was changed.').waitFor({ timeout: 30_000 });
  await page.screenshot({ path: path.join(out, 'job-cancelled.png') });
  const left = await page.evaluate(async () => document.querySelector('.page-header')?.textContent ?? '');
  console.log('header after cancel:', left);
} finally {
  await browser.close();
  await preview.stop();
}
