/**
 * "Export everything", then import it into a new book: the same data, table by table and row by
 * row (a person's photo byte for byte), with the search index and the sales summaries rebuilt to
 * what the first book kept (issue 5). A fast-check property puts arbitrary Unicode, quotes, line breaks and formula-like
 * text in every text field a person, company, call, note, product and order can hold.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestBook, type TestBook } from '../../helpers/book.ts';

const open: TestBook[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

async function newBook(userName = 'Ada Lovelace'): Promise<TestBook> {
  const b = await openTestBook({ deterministicIds: false });
  open.push(b);
  await b.client.call('setup.complete', {
    userName,
    businessName: 'Analytical Engines Ltd',
    currency: 'GBP',
    locale: 'en-GB',
  });
  return b;
}

/**
 * Every row of a table, in key order, as comparable text. (The change log leaves out the import's
 * own entries, one per table the windows watch, marked with row id "*"; the audit trail leaves out
 * the export, recorded once the file was written, and the read-back, recorded after the archive's
 * own events.)
 */
function rows(b: TestBook, table: string): string[] {
  const where =
    table === 'changes'
      ? ` WHERE row_id <> '*' AND tbl <> 'audit'`
      : table === 'audit_events'
        ? ` WHERE action <> 'export' AND NOT (action = 'import' AND summary LIKE 'Read back an export%')`
        : '';
  return (b.book.sqlite.prepare(`SELECT * FROM ${table}${where}`).all() as Record<string, unknown>[])
    .map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)))
    .sort();
}

/** Exports `from`, imports the zip into a new book, and returns both with the manifest's tables. */
async function roundTrip(from: TestBook) {
  const exported = await from.client.call('export.everything', {});
  expect(exported.saved).toBe(true);
  const zip = from.backend.ctx.files.download(exported.download!.fileId).path;
  const to = await newBook('Somebody Else');
  const fileId = to.backend.ctx.files.register(zip).fileId;
  const result = await to.client.call('import.archive', { fileId });
  expect(result.rows).toBe(exported.rows);
  return { to, tables: result.tables.map((t) => t.name) };
}

async function searchTitles(b: TestBook, query: string): Promise<string[]> {
  const r = await b.client.call('search.global', { query });
  return r.groups.flatMap((g) => g.hits.map((h) => `${g.kind}:${h.title}`)).sort();
}

/** A book with one of nearly everything, including the awkward cases. */
async function richBook(): Promise<TestBook> {
  const b = await newBook();
  const c = b.client;
  await c.call('settings.update', {
    csv: { delimiter: ';', decimal: ',', dates: 'locale', encoding: 'windows-1252', protectFormulas: true },
  });
  const grace = await c.call('staff.create', { name: 'Grace Hopper', email: 'grace@example.com' });
  await c.call('customFields.create', { entity: 'person', label: 'Region', type: 'text' });
  await c.call('customFields.create', { entity: 'person', label: 'Size', type: 'number' });
  const acme = await c.call('companies.create', { name: '=Acme "Łódź" Ltd', tags: ['Trade'] });
  const ann = await c.call('people.create', {
    person: {
      givenName: 'Ann',
      familyName: "O'Neill-Łukasz",
      companyId: acme.id,
      jobTitle: '+Buyer, "senior"\nand more',
      birthday: '1986-03-31',
      tags: ['VIP', 'Trade'],
      emailOptIn: true,
      callingWindow: { days: [1, 2, 3], from: '09:00', to: '12:30', timeZone: 'Europe/London' },
      phones: [
        { label: 'work', number: '020 7946 0958' },
        { label: 'mobile', number: '+44 7700 900123' },
      ],
      emails: [{ label: 'work', email: 'ann@acme.test' }],
      address: { street: '1 High St\nFlat 2', city: 'Leeds', postcode: 'LS1 1AA', country: 'UK' },
      custom: { region: 'North', size: 12 },
      ownerId: grace.id,
    },
  });
  // A photo (a BLOB): every byte value, so base 64 in the CSV must give back each one.
  const photo = path.join(b.dir, 'ann.jpg');
  fs.writeFileSync(
    photo,
    Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131) & 0xff)),
    ]),
  );
  await c.call('people.setPhoto', { id: ann.id, fileId: b.backend.ctx.files.register(photo).fileId });
  const bob = await c.call('people.create', { person: { givenName: 'Bob', familyName: '' } });
  const gone = await c.call('people.create', { person: { givenName: 'Gone', familyName: 'Person' } });
  await c.call('people.delete', { ids: [gone.id] });
  await c.call('calls.log', {
    call: {
      personId: ann.id,
      direction: 'out',
      startedAt: Date.UTC(2026, 10, 20, 10),
      durationS: 125,
      outcome: 'connected',
      summary: 'Asked about =SUM(A1) and ‘quotes’ 🙂',
    },
  });
  await c.call('tasks.create', { title: 'Call back', dueDate: '2026-11-25', personId: ann.id });
  await c.call('notes.create', { personId: ann.id, body: 'Line one\r\nLine two; with "quotes"' });
  await c.call('notes.create', { companyId: acme.id, body: '@mention at the start' });
  const [tools] = await c.call('productCategories.set', { categories: [{ name: 'Tools' }] });
  const desk = await c.call('products.create', {
    name: 'Oak desk',
    sku: 'DESK-1',
    unitPrice: 24_900,
    categoryId: tools!.id,
  });
  const order = await c.call('orders.create', {
    personId: ann.id,
    companyId: acme.id,
    orderDate: '2026-11-20',
    lines: [
      { productId: desk.id, quantity: 2000 },
      { description: 'Delivery', quantity: 1000, unitPrice: 1500, taxRateBp: 2000 },
    ],
  });
  await c.call('orders.setStatus', { id: order.id, status: 'confirmed', date: '2026-11-21' });
  await c.call('orders.create', {
    personId: bob.id,
    orderDate: '2026-10-02',
    lines: [{ description: 'Consulting', quantity: 1500, unitPrice: 10_000, taxRateBp: 2000 }],
  });
  const deal = await c.call('deals.create', { title: 'Fit-out', personId: ann.id });
  await c.call('deals.win', { id: deal.id, closedOn: '2026-11-22' });
  await c.call('cases.create', { subject: 'Wobbly leg', category: 'complaint', personId: ann.id });
  return b;
}

describe('export everything, then import it into a new book', () => {
  it('gives back the same book, table by table and row by row', async () => {
    const from = await richBook();
    const { to, tables } = await roundTrip(from);
    expect(tables).toEqual(
      expect.arrayContaining(['people', 'person_photos', 'orders', 'order_lines', 'staff', 'settings']),
    );
    expect(rows(to, 'person_photos')).toHaveLength(1);
    for (const table of tables) expect(rows(to, table), table).toEqual(rows(from, table));
    // What the archive leaves out is rebuilt to what the first book kept.
    for (const table of ['sales_monthly', 'sales_monthly_orders', 'customer_sales']) {
      expect(rows(to, table), table).toEqual(rows(from, table));
    }
    for (const query of ['Ann', 'acme', 'quotes', 'Line', 'mention', 'Gone']) {
      expect(await searchTitles(to, query), query).toEqual(await searchTitles(from, query));
    }
    expect(await to.client.call('reports.salesByMonth', { from: '2026-10', to: '2026-11' })).toEqual(
      await from.client.call('reports.salesByMonth', { from: '2026-10', to: '2026-11' }),
    );
    expect(to.book.sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(to.book.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('refuses a book that already holds records, and a file that is not an export, changing nothing', async () => {
    const from = await richBook();
    const exported = await from.client.call('export.everything', {});
    const zip = from.backend.ctx.files.download(exported.download!.fileId).path;
    const before = rows(from, 'people');
    const again = from.backend.ctx.files.register(zip).fileId;
    await expect(from.client.call('import.archive', { fileId: again })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(rows(from, 'people')).toEqual(before);

    const to = await newBook();
    const settings = rows(to, 'settings');
    const csv = `${zip}.csv`;
    fs.writeFileSync(csv, 'Name\r\nAnn\r\n');
    await expect(
      to.client.call('import.archive', { fileId: to.backend.ctx.files.register(csv).fileId }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    // A zip cut short: refused whole.
    const cut = `${zip}.cut.zip`;
    const bytes = fs.readFileSync(zip);
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.8)));
    await expect(
      to.client.call('import.archive', { fileId: to.backend.ctx.files.register(cut).fileId }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(rows(to, 'settings')).toEqual(settings);
    expect(rows(to, 'people')).toEqual([]);
  });

  it('refuses a photo whose cell is not base 64, changing nothing', async () => {
    const from = await richBook();
    const exported = await from.client.call('export.everything', {});
    const files = unzipSync(fs.readFileSync(from.backend.ctx.files.download(exported.download!.fileId).path));
    const csv = strFromU8(files['person_photos.csv']!);
    // The data cell loses its last base 64 character: Buffer.from would quietly give other bytes.
    files['person_photos.csv'] = strToU8(
      csv.replace(
        /([A-Za-z0-9+/]+=*)(;\d+\r\n)$/u,
        (_m, data: string, rest: string) => `${data.slice(0, -2)}${rest}`,
      ),
    );
    const damaged = path.join(from.dir, 'damaged.zip');
    fs.writeFileSync(damaged, zipSync(files));
    const to = await newBook();
    await expect(
      to.client.call('import.archive', { fileId: to.backend.ctx.files.register(damaged).fileId }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/data value in it is not base 64/u),
    });
    expect(rows(to, 'people')).toEqual([]);
  });

  it('keeps any text in every field (fast-check)', async () => {
    const text = fc.string({
      unit: fc.oneof(
        fc.constantFrom('"', ',', ';', '\n', '\r\n', "'", '=', '+', '-', '@', '\t', ' ', 'é', '€', '𝄞', '中'),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
      ),
      minLength: 1,
      maxLength: 40,
    });
    const name = text.map((s) => s.trim()).filter((s) => s.length > 0 && s.length <= 100);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ given: name, title: text, note: text, company: name, summary: text }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.boolean(),
        async (records, protectFormulas) => {
          const from = await newBook();
          await from.client.call('settings.update', {
            csv: { delimiter: ',', decimal: '.', dates: 'iso', encoding: 'utf-8-bom', protectFormulas },
          });
          for (const r of records) {
            const company = await from.client.call('companies.create', { name: r.company });
            const person = await from.client.call('people.create', {
              person: { givenName: r.given, jobTitle: r.title, companyId: company.id },
              allowDuplicate: true,
            });
            await from.client.call('notes.create', { personId: person.id, body: r.note.trim() || 'x' });
            await from.client.call('calls.log', {
              call: {
                personId: person.id,
                direction: 'in',
                startedAt: Date.UTC(2026, 10, 1),
                durationS: 1,
                outcome: 'connected',
                summary: r.summary,
              },
            });
          }
          const { to, tables } = await roundTrip(from);
          for (const table of tables) expect(rows(to, table), table).toEqual(rows(from, table));
          await Promise.all([from.close(), to.close()]);
          open.length = 0;
        },
      ),
      { numRuns: 4 },
    );
  }, 180_000);
});
