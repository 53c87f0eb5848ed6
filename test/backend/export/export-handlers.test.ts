/**
 * The export requests end to end on a real book: where the file goes (the desktop Save dialog, or
 * a temporary file the preview downloads), the remembered CSV options, vCards, and cancelling.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileDialogs } from '../../../electron/backend/files/files.ts';
import { makeTempDir, openTestBook, setUp, type TestBook } from '../../helpers/book.ts';

const open: TestBook[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

async function book(dialogs?: FileDialogs): Promise<TestBook> {
  const b = await openTestBook(dialogs ? { dialogs } : {});
  open.push(b);
  await setUp(b.client);
  for (const [givenName, tag] of [
    ['Ann', 'VIP'],
    ['Bob', 'VIP'],
    ['Cy', 'Trade'],
  ] as const) {
    await b.client.call('people.create', {
      person: {
        givenName,
        familyName: 'Lee',
        tags: [tag],
        emails: [{ label: 'work', email: `${givenName}@x.test` }],
      },
    });
  }
  return b;
}

describe('exports', () => {
  it('in the preview, writes a temporary file to download, with the remembered CSV options', async () => {
    const b = await book();
    await b.client.call('settings.update', {
      csv: { delimiter: ';', decimal: ',', dates: 'iso', encoding: 'utf-8-bom', protectFormulas: true },
    });
    const result = await b.client.call('export.list', {
      list: 'people',
      filter: { tag: 'VIP' },
      columns: ['name', 'email'],
    });
    expect(result).toMatchObject({ saved: true, rows: 2, path: null, name: 'contacts-2026-11-22.csv' });
    const file = b.backend.ctx.files.download(result.download!.fileId);
    expect(fs.readFileSync(file.path, 'utf8')).toBe(
      '\uFEFFName;Email\r\nAnn Lee;Ann@x.test\r\nBob Lee;Bob@x.test\r\n',
    );
    expect((await b.client.call('settings.get', {})).csv).toMatchObject({ delimiter: ';' });
  });

  it('on the desktop, writes where the Save dialog says, and nothing when it is cancelled', async () => {
    const dir = makeTempDir();
    let answer: string | null = null;
    const asked: string[] = [];
    const b = await book({
      open: () => Promise.resolve(null),
      save: (o) => {
        asked.push(o.defaultName);
        return Promise.resolve(answer);
      },
    });
    const cancelled = await b.client.call('export.everything', {});
    expect(cancelled).toMatchObject({ saved: false, rows: 0, download: null });
    expect(fs.readdirSync(dir)).toEqual([]);

    answer = path.join(dir, 'my copy.zip');
    const saved = await b.client.call('export.everything', {});
    expect(saved).toMatchObject({ saved: true, name: 'my copy.zip', path: answer, download: null });
    expect(saved.rows).toBeGreaterThan(3);
    expect(fs.readFileSync(answer).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(asked).toEqual(['ledgerline-export-2026-11-22.zip', 'ledgerline-export-2026-11-22.zip']);
  });

  it('writes vCards of a selection, leaving out whoever is in the Trash', async () => {
    const b = await book();
    const ids = b.book.sqlite.prepare(`SELECT id FROM people ORDER BY sort_key`).pluck().all() as string[];
    await b.client.call('people.delete', { ids: [ids[2]!] });
    const result = await b.client.call('export.vcard', { ids, version: '3.0' });
    expect(result).toMatchObject({ saved: true, rows: 2, name: 'contacts-2026-11-22.vcf' });
    const text = fs.readFileSync(b.backend.ctx.files.download(result.download!.fileId).path, 'utf8');
    expect(text.match(/BEGIN:VCARD\r\nVERSION:3\.0\r\n/gu)).toHaveLength(2);
    expect(text).toContain('FN:Ann Lee\r\n');
    expect(text).not.toContain('Cy Lee');
    await expect(b.client.call('export.vcard', { ids: [ids[2]!], version: '4.0' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('names an accountant’s file by its period, and refuses a period that ends before it starts', async () => {
    const b = await book();
    const result = await b.client.call('export.preset', {
      preset: 'sales-orders',
      from: '2026-10-01',
      to: '2026-10-31',
    });
    expect(result).toMatchObject({ saved: true, rows: 0, name: 'sales-orders-2026-10-01-to-2026-10-31.csv' });
    await expect(
      b.client.call('export.preset', { preset: 'payments', from: '2026-11-02', to: '2026-11-01' }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    const presets = await b.client.call('export.presets', {});
    expect(presets.map((p) => p.id)).toEqual(['sales-lines', 'sales-orders', 'payments', 'customers']);
    expect(presets.every((p) => p.columns.length > 0 && p.columns.every((c) => c.doc.length > 0))).toBe(true);
  });

  it('can be cancelled, leaving no file', async () => {
    const b = await book();
    const db = b.book.sqlite;
    const insert = db.prepare(
      `INSERT INTO people (id, given_name, family_name, display_name, sort_key, created_at, updated_at)
       VALUES (?, 'P', ?, ?, ?, 0, 0)`,
    );
    db.transaction(() => {
      for (let i = 0; i < 40_000; i++) insert.run(`bulk-${i}`, `N${i}`, `P N${i}`, `n${i} p`);
    })();
    const running = b.client.call('export.list', { list: 'people' });
    await expect
      .poll(() =>
        b.events.find(
          (e) => e.event === 'job.progress' && (e.payload as { kind: string }).kind === 'export.list',
        ),
      )
      .toBeTruthy();
    const { jobId } = b.events.find((e) => e.event === 'job.progress')!.payload as { jobId: string };
    expect(await b.client.call('jobs.cancel', { jobId })).toEqual({ cancelled: true });
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    const temp = fs.readdirSync(path.dirname(b.backend.ctx.files.tempPath('x')));
    expect(temp.filter((f) => f.endsWith('.csv') || f.endsWith('.partial'))).toEqual([]);
  });

  it('refuses CSV options it cannot write', async () => {
    const b = await book();
    await expect(
      b.client.call('settings.update', {
        csv: {
          delimiter: '\t',
          decimal: '.',
          dates: 'iso',
          encoding: 'utf-8-bom',
          protectFormulas: true,
        } as never,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    expect((await b.client.call('settings.get', {})).csv).toBeNull();
  });
});
