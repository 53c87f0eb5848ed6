/**
 * Exporting a list screen (list-export.ts) on real books: the file holds exactly the rows the
 * list's own request returns when paged to its end, in its order, for the same filter and sort;
 * chosen columns come out in their order; more rows than an export page all come out; an unknown
 * column and a cancel leave no file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors.ts';
import type { RequestInput, RequestName } from '../../../shared/api/requests.ts';
import type { CsvExportOptions } from '../../../shared/domain/csv.ts';
import {
  exportList,
  LIST_EXPORTS,
  LIST_NAMES,
  ListExportInput,
  listExportColumns,
  PAGE_ROWS,
  type ListExportRequest,
} from '../../../electron/backend/export/list-export.ts';
import { cancelledError, NO_JOB, type JobControl } from '../../../electron/backend/jobs/job.ts';
import { addProduct, pipelineBook, type PipelineBook } from '../pipeline/pipeline.fixtures.ts';
import { HOUR } from '../activity/activity.fixtures.ts';

const ISO: CsvExportOptions = {
  delimiter: ',',
  decimal: '.',
  dates: 'iso',
  encoding: 'utf-8-bom',
  protectFormulas: true,
};

/** A request whose options default to ISO (Omit on each list's variant, not on the union). */
type Export = (ListExportRequest extends infer T
  ? T extends unknown
    ? Omit<T, 'options'>
    : never
  : never) & {
  options?: CsvExportOptions;
};

function run(b: PipelineBook, request: Export, job: JobControl = NO_JOB, name = 'out.csv') {
  const target = path.join(b.dir, name);
  const result = exportList(b.backend.ctx, { options: ISO, ...request } as ListExportRequest, target, job);
  return { target, result };
}

/** The file's records (header first), read back with csv-parse. */
function records(file: string): string[][] {
  return parse(fs.readFileSync(file), { bom: true, relaxQuotes: false }) as string[][];
}

/** The ids of the exported rows, in file order (the export asked for the id column first). */
function exportedIds(b: PipelineBook, request: Export): string[] {
  const { target, result } = run(b, { ...request, columns: ['id'] });
  const [header, ...rows] = records(target);
  expect(header).toEqual(['Ledgerline id']);
  expect(result.rows).toBe(rows.length);
  return rows.map((r) => r[0] ?? '');
}

/** Every row's id of a list request, paged to its end with small pages. */
async function listedIds<N extends RequestName>(b: PipelineBook, name: N, input: object): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = (await b.client.call(name, { ...input, cursor, limit: 2 } as RequestInput<N>)) as {
      rows: { id: string }[];
      nextCursor: string | null;
    };
    ids.push(...page.rows.map((r) => r.id));
    cursor = page.nextCursor;
    pages++;
  } while (cursor !== null && pages < 1000);
  return ids;
}

function noPartials(dir: string) {
  expect(fs.readdirSync(dir).filter((f) => f.includes('.partial'))).toEqual([]);
}

async function refusal(fn: () => unknown): Promise<AppError> {
  try {
    await fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected the export to be refused');
}

type PersonInput = RequestInput<'people.create'>['person'];

async function somePeople(b: PipelineBook) {
  const add = (person: PersonInput) => b.client.call('people.create', { person, allowDuplicate: true });
  const made = [];
  const stages = ['lead', 'customer', 'customer', 'prospect'] as const;
  const names = ['Cora', 'Abe', 'Dina', 'Eli', 'Bea', 'Finn', 'Gus', 'Hana', 'Ivo', 'Jude', 'Kai', 'Lou'];
  for (const [i, given] of names.entries()) {
    made.push(
      await add({
        givenName: given,
        familyName: i % 2 ? 'Stone' : 'Marsh',
        stage: stages[i % 4],
        tags: i % 3 === 0 ? ['vip'] : i % 3 === 1 ? ['vip', 'trade'] : [],
        phones: [{ label: 'work', number: `020 7946 00${String(i).padStart(2, '0')}` }],
        emails: [{ label: 'work', email: `${given.toLowerCase()}@example.com` }],
      }),
    );
  }
  // Next calls for some (the rest are the sort's null tail), two on the same instant.
  const next = b.book.sqlite.prepare(`UPDATE people SET next_call_at = ? WHERE id = ?`);
  made.forEach((p, i) => {
    if (i % 3 !== 2) next.run(b.clock() + (i % 4) * HOUR, p.id);
  });
  return made;
}

describe('exporting a list: the same rows, in the same order, as the list', () => {
  it('people, with a tag and a stage filter, in each sort and direction', async () => {
    const b = await pipelineBook();
    await somePeople(b);
    const filters = [{}, { tag: 'vip' }, { tag: 'vip', stage: 'customer' as const }, { tag: 'nobody' }];
    for (const filter of filters) {
      for (const sort of ['name', 'created', 'nextCall', 'lastContact'] as const) {
        for (const direction of ['asc', 'desc'] as const) {
          const input = { filter, sort, direction, now: b.clock() };
          const listed = await listedIds(b, 'people.list', input);
          expect(exportedIds(b, { list: 'people', ...input }), JSON.stringify(input)).toEqual(listed);
        }
      }
    }
    // The filter matched some and not all.
    const vipCustomers = exportedIds(b, { list: 'people', filter: { tag: 'vip', stage: 'customer' } });
    expect(vipCustomers.length).toBeGreaterThan(0);
    expect(vipCustomers.length).toBeLessThan(12);
  });

  it('companies, with a tag and the name typed in "Find a company"', async () => {
    const b = await pipelineBook();
    const names = ['Alder Ltd', 'Alpine Co', 'Aster plc', 'Birch & Sons', 'Alba Foods', 'Cedar Ltd'];
    for (const [i, name] of names.entries()) {
      await b.client.call('companies.create', { name, tags: i % 2 ? ['trade'] : [] });
    }
    for (const filter of [{}, { query: 'al' }, { tag: 'trade' }, { tag: 'trade', query: 'Al' }]) {
      for (const sort of ['name', 'created'] as const) {
        for (const direction of ['asc', 'desc'] as const) {
          const input = { filter, sort, direction };
          const listed = await listedIds(b, 'companies.list', input);
          expect(exportedIds(b, { list: 'companies', ...input }), JSON.stringify(input)).toEqual(listed);
        }
      }
    }
    const alTrade = exportedIds(b, { list: 'companies', filter: { tag: 'trade', query: 'al' } });
    expect(alTrade).toHaveLength(1);
  });

  it('orders, with a status, a date range and a number query', async () => {
    const b = await pipelineBook();
    const dates = ['2026-11-20', '2026-11-02', '2026-10-15', '2026-11-20', '2026-09-30', '2026-11-11'];
    for (const [i, orderDate] of dates.entries()) {
      await b.client.call('orders.create', {
        personId: i % 2 ? 'ann' : 'bob',
        orderDate,
        status: i % 3 ? 'quote' : 'confirmed',
        lines: [{ description: 'Chairs', quantity: 1000 * (i + 1), unitPrice: 4_500, taxRateBp: 2000 }],
      });
    }
    const filters = [
      {},
      { status: 'quote' as const },
      { from: '2026-11-01', to: '2026-11-30' },
      { personId: 'ann', from: '2026-10-01' },
      { query: '3' },
    ];
    for (const filter of filters) {
      const listed = await listedIds(b, 'orders.list', { filter });
      expect(exportedIds(b, { list: 'orders', filter }), JSON.stringify(filter)).toEqual(listed);
    }
    expect(exportedIds(b, { list: 'orders', filter: { query: '3' } })).toHaveLength(1);
  });

  it('calls, with a person, an outcome and a time range', async () => {
    const b = await pipelineBook();
    const at = b.clock();
    for (let i = 0; i < 9; i++) {
      await b.client.call('calls.log', {
        call: {
          personId: i % 3 === 0 ? 'bob' : 'ann',
          direction: i % 2 ? 'in' : 'out',
          // Two calls at the same instant: the id breaks the tie, in the list and in the file.
          startedAt: at - (i === 4 ? 3 : i) * HOUR,
          durationS: 30 * i,
          outcome: i % 4 === 0 ? 'no answer' : 'connected',
          summary: `Call ${i}`,
        },
      });
    }
    const filters = [
      {},
      { personId: 'ann' },
      { outcome: 'connected', direction: 'in' as const },
      { from: at - 5 * HOUR, to: at - HOUR },
    ];
    for (const filter of filters) {
      const listed = await listedIds(b, 'calls.list', { filter });
      expect(listed.length).toBeGreaterThan(0);
      expect(exportedIds(b, { list: 'calls', filter }), JSON.stringify(filter)).toEqual(listed);
    }
  });

  it('cases, newest opened first and by due date (with those due on no date last)', async () => {
    const b = await pipelineBook();
    const dues = ['2026-12-01', null, '2026-11-25', null, '2026-11-25', '2026-11-10', null];
    for (const [i, dueDate] of dues.entries()) {
      const c = await b.client.call('cases.create', {
        subject: `Case ${i}`,
        category: i % 2 ? 'complaint' : 'question',
        personId: i % 3 ? 'ann' : 'bob',
        dueDate,
      });
      b.clock.advance(60_000);
      if (i === 3) await b.client.call('cases.setStatus', { id: c.id, status: 'waiting' });
    }
    const inputs = [
      { filter: {}, sort: 'opened' as const },
      { filter: { personId: 'ann' }, sort: 'opened' as const },
      { filter: {}, sort: 'due' as const },
      { filter: { status: 'active' as const, category: 'complaint' as const }, sort: 'due' as const },
      { filter: { overdue: true }, sort: 'due' as const, today: '2026-11-26' },
    ];
    for (const input of inputs) {
      const listed = await listedIds(b, 'cases.list', input);
      expect(listed.length).toBeGreaterThan(0);
      expect(exportedIds(b, { list: 'cases', ...input }), JSON.stringify(input)).toEqual(listed);
    }
  });

  it('deals, leads and products too', async () => {
    const b = await pipelineBook();
    for (const [i, title] of ['Chairs', 'Desks', 'Lamps', 'Shelves'].entries()) {
      await b.client.call('deals.create', { title, personId: i % 2 ? 'ann' : 'bob', value: 1000 * (i + 1) });
    }
    for (const [i, name] of ['Oak desk', 'Ash chair', 'Elm shelf', 'Fir lamp'].entries()) {
      await b.client.call('products.create', { name, sku: i % 2 ? `SKU-${i}` : undefined, unitPrice: 5000 });
    }
    b.book.sqlite.prepare(`UPDATE people SET stage = 'lead', source = 'Fair'`).run();
    b.book.sqlite.prepare(`UPDATE companies SET stage = 'lead' WHERE id = 'zeta'`).run();
    const checks: [RequestName, Export][] = [
      ['deals.list', { list: 'deals', filter: {} }],
      ['deals.list', { list: 'deals', filter: { personId: 'ann' } }],
      ['leads.list', { list: 'leads', filter: {}, sort: 'name' }],
      ['leads.list', { list: 'leads', filter: { query: 'e' }, sort: 'created' }],
      ['products.list', { list: 'products', filter: {}, sort: 'sku' }],
      ['products.list', { list: 'products', filter: { query: 'a' }, sort: 'name' }],
    ];
    for (const [name, request] of checks) {
      const { list: _list, ...input } = request as Export & { list: string };
      const listed = await listedIds(b, name, input);
      expect(listed.length).toBeGreaterThan(0);
      expect(exportedIds(b, request), JSON.stringify(request)).toEqual(listed);
    }
  });
});

describe('columns', () => {
  it('writes every column when none are chosen, and only the chosen ones in their order', async () => {
    const b = await pipelineBook();
    await somePeople(b);
    const all = run(b, { list: 'people', filter: { tag: 'trade' } });
    const [header, ...rows] = records(all.target);
    expect(header).toEqual(LIST_EXPORTS.people.columns.map((c) => c.header));
    expect(rows).toHaveLength(4);

    const chosen = run(b, { list: 'people', filter: { tag: 'trade' }, columns: ['email', 'name', 'tags'] });
    expect(records(chosen.target)).toEqual([
      ['Email', 'Name', 'Tags'],
      ['bea@example.com', 'Bea Marsh', 'trade; vip'],
      ['kai@example.com', 'Kai Marsh', 'trade; vip'],
      ['abe@example.com', 'Abe Stone', 'trade; vip'],
      ['hana@example.com', 'Hana Stone', 'trade; vip'],
    ]);
  });

  it('has plain English headers and unique keys for every list, and marks the columns the screen shows', () => {
    for (const list of LIST_NAMES) {
      const { title, columns } = LIST_EXPORTS[list];
      expect(title.length).toBeGreaterThan(2);
      expect(new Set(columns.map((c) => c.key)).size, list).toBe(columns.length);
      expect(columns.some((c) => c.default)).toBe(true);
      expect(columns.some((c) => !c.default)).toBe(true);
      for (const c of columns) expect(c.header, `${list}.${c.key}`).toMatch(/^[A-Z][A-Za-z ()%/-]*$/u);
    }
    expect(LIST_EXPORTS.people.columns.filter((c) => c.default).map((c) => c.key)).toEqual([
      'name',
      'company',
      'phone',
      'email',
      'stage',
      'tags',
      'lastContact',
      'nextCall',
    ]);
  });

  it('writes what a list row lacks: the full person, all phones and emails, and custom fields', async () => {
    const b = await pipelineBook();
    const field = await b.client.call('customFields.create', {
      entity: 'person',
      label: 'Shoe size',
      type: 'number',
    });
    const colours = await b.client.call('customFields.create', {
      entity: 'person',
      label: 'Colours',
      type: 'multiselect',
      options: ['Red', 'Blue'],
    });
    await b.client.call('people.create', {
      person: {
        givenName: 'Zoe',
        familyName: 'Quill',
        companyId: 'acme',
        stage: 'former',
        doNotCall: true,
        birthday: '1990-02-03',
        phones: [
          { label: 'mobile', number: '07700 900123' },
          { label: 'work', number: '020 7946 0000' },
        ],
        emails: [{ label: 'work', email: 'zoe@example.com' }],
        address: { street: '1 High St', city: 'Leeds', postcode: 'LS1 1AA', country: 'UK' },
        callingWindow: { days: [1, 2, 3], from: '09:00', to: '17:30', timeZone: 'Europe/London' },
        custom: { [field.key]: 42.5, [colours.key]: ['Blue', 'Red'] },
      },
    });
    expect(listExportColumns(b.backend.ctx, 'people').slice(-2)).toEqual([
      { key: `custom.${field.key}`, header: 'Shoe size', type: 'text', default: false },
      { key: `custom.${colours.key}`, header: 'Colours', type: 'text', default: false },
    ]);
    const columns = [
      'givenName',
      'familyName',
      'company',
      'stage',
      'owner',
      'phones',
      'emails',
      'street',
      'city',
      'postcode',
      'birthday',
      'doNotCall',
      'emailOptIn',
      'callingWindow',
      `custom.${field.key}`,
      `custom.${colours.key}`,
    ];
    const { target } = run(b, {
      list: 'people',
      filter: { stage: 'former' },
      columns,
      options: { ...ISO, delimiter: ';', decimal: ',' },
    });
    expect(parse(fs.readFileSync(target), { bom: true, delimiter: ';' })).toEqual([
      [
        'Given name',
        'Family name',
        'Company',
        'Stage',
        'Owner',
        'All phones',
        'All emails',
        'Street',
        'City',
        'Postcode',
        'Birthday',
        'Do not call',
        'Email opt-in',
        'Calling window',
        'Shoe size',
        'Colours',
      ],
      [
        'Zoe',
        'Quill',
        'Acme Ltd',
        'Former customer',
        'Ada Lovelace',
        '07700 900123; 020 7946 0000',
        'zoe@example.com',
        '1 High St',
        'Leeds',
        'LS1 1AA',
        '1990-02-03',
        'Yes',
        'No',
        'Mon, Tue, Wed 09:00-17:30 (Europe/London)',
        '42,5',
        'Blue; Red',
      ],
    ]);
  });

  it('refuses an unknown column before writing anything', async () => {
    const b = await pipelineBook();
    const target = path.join(b.dir, 'out.csv');
    const err = await refusal(() =>
      exportList(
        b.backend.ctx,
        { list: 'orders', filter: {}, columns: ['reference', 'colour'], options: ISO },
        target,
        NO_JOB,
      ),
    );
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toMatch(/^Unknown column “colour”/u);
    expect(err.details).toMatchObject({ issues: [{ path: 'columns.1' }] });
    expect(fs.existsSync(target)).toBe(false);
    noPartials(b.dir);
    // A custom-field column of another book is unknown here too, and so is a list's paging.
    const custom = await refusal(() =>
      exportList(b.backend.ctx, { list: 'people', columns: ['custom.size'], options: ISO }, target, NO_JOB),
    );
    expect(custom.code).toBe('VALIDATION');
    const paged = await refusal(() =>
      exportList(
        b.backend.ctx,
        { list: 'people', limit: 10, options: ISO } as unknown as ListExportRequest,
        target,
        NO_JOB,
      ),
    );
    expect(paged.code).toBe('VALIDATION');
    expect(fs.existsSync(target)).toBe(false);
  });
});

describe('every row, streamed', () => {
  it(`writes all of ${PAGE_ROWS + 500} people (more than a page), in the list's order`, async () => {
    const b = await pipelineBook();
    const db = b.book.sqlite;
    const total = PAGE_ROWS + 500;
    const insert = db.prepare(
      `INSERT INTO people (id, display_name, given_name, family_name, sort_key, stage, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'customer', ?, ?)`,
    );
    db.transaction(() => {
      for (let i = 0; i < total; i++) {
        // Names out of id order, and some alike, so the export must follow sort_key then id.
        const family = `Name${String((i * 7919) % 1000).padStart(4, '0')}`;
        insert.run(`p-${String(i).padStart(5, '0')}`, `Pat ${family}`, 'Pat', family, `${family} pat`, i, i);
      }
    })();
    const steps: [number, number | null | undefined][] = [];
    const job: JobControl = { step: (done, t) => steps.push([done, t]) };
    const { target, result } = run(
      b,
      { list: 'people', filter: { stage: 'customer' }, columns: ['id'] },
      job,
    );
    const ids = records(target)
      .slice(1)
      .map((r) => r[0]);
    expect(result.rows).toBe(total);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    const expected = db
      .prepare(`SELECT id FROM people WHERE stage = 'customer' AND deleted_at IS NULL ORDER BY sort_key, id`)
      .pluck()
      .all();
    expect(ids).toEqual(expected);
    expect(result.bytes).toBe(fs.statSync(target).size);
    // Progress after each page, with the count as the total.
    expect(steps.at(-1)).toEqual([total, total]);
    expect(steps.map((s) => s[0])).toEqual([0, PAGE_ROWS, total]);
  });

  it('leaves no file when cancelled, and keeps a file that was already there', async () => {
    const b = await pipelineBook();
    await somePeople(b);
    const target = path.join(b.dir, 'people.csv');
    fs.writeFileSync(target, 'the file from last week');
    let calls = 0;
    const cancelling: JobControl = {
      step() {
        if (++calls > 1) throw cancelledError();
      },
    };
    const err = await refusal(() =>
      exportList(b.backend.ctx, { list: 'people', options: ISO }, target, cancelling),
    );
    expect(err.code).toBe('CANCELLED');
    expect(fs.readFileSync(target, 'utf8')).toBe('the file from last week');
    noPartials(b.dir);

    const fresh = path.join(b.dir, 'fresh.csv');
    const immediately: JobControl = {
      step() {
        throw cancelledError();
      },
    };
    expect(
      (await refusal(() => exportList(b.backend.ctx, { list: 'calls', options: ISO }, fresh, immediately)))
        .code,
    ).toBe('CANCELLED');
    expect(fs.existsSync(fresh)).toBe(false);
    noPartials(b.dir);
    // The read transaction was ended: the book takes writes again.
    expect(b.book.sqlite.inTransaction).toBe(false);
    await b.client.call('companies.create', { name: 'After the cancel' });
  });
});

describe('the file, exactly', () => {
  it('orders in the locale’s form: semicolons, decimal commas, dates as 20/11/2026, with a BOM', async () => {
    const b = await pipelineBook();
    const order = await b.client.call('orders.create', {
      personId: 'ann',
      companyId: 'acme',
      orderDate: '2026-11-20',
      lines: [{ description: 'Consulting', quantity: 2000, unitPrice: 5000, taxRateBp: 2000 }],
    });
    await b.client.call('orders.create', {
      companyId: 'zeta',
      orderDate: '2026-11-21',
      status: 'confirmed',
      lines: [
        { description: 'Sold at a loss', quantity: 1000, unitPrice: 1234, taxRateBp: 0, unitCost: 2000 },
      ],
    });
    const { target, result } = run(b, {
      list: 'orders',
      filter: {},
      columns: ['reference', 'date', 'customer', 'status', 'net', 'gross', 'margin'],
      options: {
        delimiter: ';',
        decimal: ',',
        dates: 'locale',
        encoding: 'utf-8-bom',
        protectFormulas: true,
      },
    });
    const text =
      '\uFEFFOrder;Date;Customer;Status;Net;Total;Margin\r\n' +
      'ORD-00002;21/11/2026;Zeta plc;Confirmed;12,34;12,34;-7,66\r\n' +
      `${order.reference};20/11/2026;Ann Lee · Acme Ltd;Quote;100,00;120,00;100,00\r\n`;
    expect(fs.readFileSync(target, 'utf8')).toBe(text);
    expect(result).toEqual({ rows: 2, bytes: Buffer.byteLength(text), replaced: 0 });
  });

  it('people with formula protection and RFC 4180 quoting', async () => {
    const b = await pipelineBook();
    b.book.sqlite
      .prepare(`UPDATE people SET display_name = ?, stage = 'lead' WHERE id = 'ann'`)
      .run('=HYPERLINK("x")');
    b.book.sqlite
      .prepare(`UPDATE people SET display_name = ?, stage = 'lead' WHERE id = 'bob'`)
      .run('Ray, Bob');
    const { target } = run(b, {
      list: 'people',
      filter: { stage: 'lead' },
      columns: ['name', 'company', 'stage'],
    });
    expect(fs.readFileSync(target, 'utf8')).toBe(
      '\uFEFFName,Company,Stage\r\n' + `"'=HYPERLINK(""x"")",Acme Ltd,Lead\r\n` + '"Ray, Bob",,Lead\r\n',
    );
  });

  it('writes amounts in the book currency’s digits, scaling a currency with fewer (a yen price in a pound book)', async () => {
    const b = await pipelineBook();
    addProduct(b, 'yen-lamp', {
      name: 'Lamp',
      unitPrice: 1500,
      unitCost: 900,
      taxRateBp: 1000,
      currency: 'JPY',
    });
    addProduct(b, 'gbp-desk', { name: 'Desk', unitPrice: 24_900, unitCost: 0, currency: 'GBP' });
    const { target } = run(b, {
      list: 'products',
      filter: {},
      columns: ['name', 'currency', 'unitPrice', 'unitCost', 'taxRate', 'margin'],
    });
    expect(fs.readFileSync(target, 'utf8')).toBe(
      '\uFEFFName,Currency,Unit price,Unit cost,Tax (%),Margin (%)\r\n' +
        'Desk,GBP,249.00,0.00,20.00,100.0\r\n' +
        'Lamp,JPY,1500.00,900.00,10.00,40.0\r\n',
    );
  });
});

describe('ListExportInput', () => {
  it('is each list’s own request without paging, and keeps its checks', () => {
    expect(ListExportInput.parse({ list: 'people', filter: { tag: ' vip ' } })).toEqual({
      list: 'people',
      sort: 'name',
      direction: 'asc',
      filter: { tag: 'vip' },
    });
    expect(ListExportInput.safeParse({ list: 'cases', filter: { overdue: true } }).success).toBe(false);
    expect(
      ListExportInput.safeParse({
        list: 'deals',
        filter: { expectedFrom: '2026-12-01', expectedTo: '2026-11-01' },
      }).success,
    ).toBe(false);
    expect(ListExportInput.safeParse({ list: 'orders', cursor: 'abc' }).success).toBe(false);
    expect(ListExportInput.safeParse({ list: 'orders', columns: [] }).success).toBe(false);
    expect(ListExportInput.safeParse({ list: 'tasks' }).success).toBe(false);
    expect(ListExportInput.safeParse({ list: 'calls', filter: { outcome: 'connected' } }).success).toBe(true);
  });
});
