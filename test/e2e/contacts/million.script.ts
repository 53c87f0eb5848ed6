/**
 * Manual check (not a test): a book with a million people, the contacts list scrolled by wheel,
 * by keys and by dragging far. Prints timings; writes a screenshot.
 *   node test/e2e/contacts/million.script.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from '../../../shared/api/client.ts';
import { openBookForHost } from '../../../electron/backend/book.ts';
import { createEventHub } from '../../../electron/backend/event-hub.ts';
import { inProcessTransport } from '../../../electron/backend/inprocess.transport.ts';
import { launchBrowser, startPreview } from '../preview.ts';

const N = Number(process.env.N ?? 1_000_000);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-million-'));
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
  businessName: 'Million Ltd',
  currency: 'GBP',
  locale: 'en-GB',
});
const t = await client.call('people.create', { person: { givenName: 'Template', familyName: 'Person' } });
const db = opened.book.sqlite;
const cols = (db.prepare('PRAGMA table_info(people)').all() as { name: string }[]).map((c) => c.name);
const expr: Record<string, string> = {
  id: "printf('p%07d', n)",
  given_name: "printf('Given%07d', n)",
  family_name: "printf('Family%07d', n)",
  display_name: "printf('Person %07d', n)",
  sort_key: "printf('family%07d given%07d', n, n)",
  created_at: 't.created_at + n',
  updated_at: 't.updated_at + n',
};
const t0 = Date.now();
db.exec('BEGIN');
db.prepare(
  `WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ${N - 1})
   INSERT INTO people (${cols.join(', ')})
   SELECT ${cols.map((c) => expr[c] ?? `t.${c}`).join(', ')} FROM seq, people t WHERE t.id = ?`,
).run(t.id);
db.exec('COMMIT');
console.log(`seeded ${N} people in ${Date.now() - t0} ms`);
await opened.close();

const preview = await startPreview({ dataDir });
const url = preview.url;
const browser = await launchBrowser();
try {
  const page = await (await browser.newContext({ viewport: { width: 1360, height: 860 } })).newPage();
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  let t1 = Date.now();
  await page.goto(`${url}#/contacts`);
  await page.getByRole('row', { name: 'Person 0000001' }).waitFor({ timeout: 60_000 });
  console.log(`first rows in ${Date.now() - t1} ms`);
  await page.getByText(`${N.toLocaleString('en-GB')} people`).waitFor({ timeout: 60_000 });
  const scroller = page.locator('.grid__scroll');
  console.log('scrollHeight', await scroller.evaluate((el) => el.scrollHeight));

  // Wheel through 20,000 rows, a screen at a time, and measure frames.
  t1 = Date.now();
  const frames = await page.evaluate(async () => {
    const el = document.querySelector('.grid__scroll')!;
    const gaps: number[] = [];
    let last = performance.now();
    for (let i = 0; i < 600; i++) {
      el.scrollTop += 1100;
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }
    gaps.sort((a, b) => a - b);
    return { p50: gaps[300], p95: gaps[570], max: gaps[599] };
  });
  console.log(`600 screens scrolled in ${Date.now() - t1} ms; frame gaps`, frames);
  const topRow = async () =>
    page.evaluate(() => {
      const rows = [...document.querySelectorAll('.grid__body [role="row"]')] as HTMLElement[];
      const el = document.querySelector('.grid__scroll')!;
      const visible = rows.filter((r) => {
        const y = Number(/translateY\((\d+)/u.exec(r.style.transform)?.[1] ?? -1);
        return y >= el.scrollTop && y < el.scrollTop + 200;
      });
      return visible.map((r) => r.getAttribute('aria-label') ?? 'placeholder').slice(0, 2);
    });
  await page.waitForTimeout(1500);
  console.log('after wheel, top rows:', await topRow());

  // Hold End for ten seconds: how far does the list get?
  t1 = Date.now();
  await page.locator('[role="grid"]').focus();
  while (Date.now() - t1 < 10_000) {
    await page.keyboard.press('End');
    await page.waitForTimeout(20);
  }
  await page.waitForTimeout(500);
  console.log('after 10 s of End:', await topRow(), await scroller.evaluate((el) => el.scrollHeight));
  await page.screenshot({ path: '/tmp/ledgerline-shots/issue3/demo-million.png' });
} finally {
  await browser.close();
  await preview.stop();
}
