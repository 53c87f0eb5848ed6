/**
 * Importing people from CSV on a real book (issue 5): the dry run's counts are the import's own,
 * matching updates instead of duplicating, blank cells overwrite only when asked, the import is
 * one batch that "Undo import" takes back (after a restart too), and a cancelled or failed import
 * leaves the book exactly as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RequestInput } from '../../../shared/api/requests.ts';
import type { ImportInspection } from '../../../shared/domain/transfer.ts';
import { CsvWriter } from '../../../electron/backend/csv/csv.writer.ts';
import { OWNED, REFERRERS } from '../../../electron/backend/batches/batch.ts';
import { openTestBook, setUp, type TestBook } from '../../helpers/book.ts';

const open: TestBook[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

async function book(dir?: string): Promise<TestBook> {
  const b = await openTestBook(dir ? { dir } : {});
  open.push(b);
  return b;
}

async function setUpBook(): Promise<TestBook> {
  const b = await book();
  await setUp(b.client);
  return b;
}

function file(b: TestBook, name: string, text: string | Buffer): string {
  const f = path.join(b.dir, name);
  fs.writeFileSync(f, text);
  return b.backend.ctx.files.register(f).fileId;
}

type Plan = RequestInput<'import.run'>;

function planOf(i: ImportInspection, extra: Partial<Plan> = {}): Plan {
  return {
    fileId: i.file.fileId,
    encoding: i.encoding,
    delimiter: i.delimiter,
    headerKey: i.headerKey,
    bytes: i.file.bytes,
    mapping: i.mapping,
    match: 'email',
    blankOverwrites: false,
    ...extra,
  };
}

const TABLES = [
  'people',
  'companies',
  'phones',
  'emails',
  'tags',
  'person_tags',
  'notes',
  'search_docs',
  'batches',
  'batch_rows',
  'changes',
  'import_mappings',
];

/** Every row of the tables an import writes, to prove "nothing changed". */
function snapshot(b: TestBook): string {
  const db = b.book.sqlite;
  return JSON.stringify(
    TABLES.map((t) =>
      db
        .prepare(`SELECT * FROM ${t}`)
        .all()
        .map((r) => JSON.stringify(r))
        .sort(),
    ),
  );
}

/** The files this process (and its worker threads) has open (Linux). */
function openFiles(): string[] {
  return fs.readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      return [fs.readlinkSync(`/proc/self/fd/${fd}`)];
    } catch {
      return [];
    }
  });
}

function count(b: TestBook, table: string, where = '1'): number {
  return b.book.sqlite.prepare(`SELECT count(*) FROM ${table} WHERE ${where}`).pluck().get() as number;
}

async function personNamed(b: TestBook, name: string) {
  const id = b.book.sqlite
    .prepare(`SELECT id FROM people WHERE display_name = ? AND deleted_at IS NULL`)
    .pluck()
    .get(name) as string | undefined;
  expect(id, name).toBeDefined();
  return b.client.call('people.get', { id: id! });
}

async function searchNames(b: TestBook, query: string): Promise<string[]> {
  const result = await b.client.call('search.global', { query });
  return result.groups.flatMap((g) => g.hits.filter((h) => h.kind === 'person').map((h) => h.title));
}

/** A file the way people bring them: Outlook-ish headers, full names, a blank row, a bad email. */
const MESSY = [
  'Full Name,E-mail Address,Mobile Phone,Company,Job Title,Birthday,Categories,Notes,City',
  'Ann Lee,ann@acme.test,07700 900123,Acme Ltd,Buyer,31/03/1986,VIP; Trade,"Met at the fair,\nlikes oak",Leeds',
  '"Lee, Bob",bob@acme.test,,acme ltd,,,,,York',
  ',,,,,,,,',
  'Cy Young,not-an-email,,,,,,,',
  'Dee Fox,dee@fox.test,+44 20 7946 0958,Fox & Co,"Director, Sales",1990-12-01,VIP,,',
].join('\r\n');

describe('importing a people file', () => {
  it('previews exactly what the import then does, and the preview changes nothing', async () => {
    const b = await setUpBook();
    const fileId = file(b, 'contacts.csv', MESSY);
    const inspection = await b.client.call('import.inspect', { fileId });
    expect(inspection.headers).toHaveLength(9);
    expect(inspection.mapping).toEqual([
      'fullName',
      'email',
      'mobile',
      'company',
      'jobTitle',
      'birthday',
      'tags',
      'notes',
      'city',
    ]);
    expect(inspection.sample[0]?.[0]).toBe('Ann Lee');
    expect(inspection.remembered).toBe(false);

    const before = snapshot(b);
    const preview = await b.client.call('import.preview', planOf(inspection));
    expect(snapshot(b)).toBe(before);
    expect(preview).toMatchObject({
      dryRun: true,
      batchId: null,
      rows: 5,
      created: 3,
      updated: 0,
      unchanged: 0,
      skipped: 1,
      failed: 1,
      companiesCreated: 2,
      problemCount: 1,
    });
    expect(preview.problems).toEqual([
      {
        // Ann's note holds a line break, so Cy starts on line 6.
        line: 6,
        column: 'E-mail Address',
        value: 'not-an-email',
        reason: expect.stringMatching(/email/iu),
      },
    ]);

    const done = await b.client.call('import.run', planOf(inspection));
    const { batchId, dryRun, problems, ...counts } = done;
    const { batchId: _p, dryRun: _d, problems: previewProblems, ...previewCounts } = preview;
    expect(counts).toEqual(previewCounts);
    expect(problems).toEqual(previewProblems);
    expect(dryRun).toBe(false);
    expect(batchId).toEqual(expect.any(String));

    const ann = await personNamed(b, 'Ann Lee');
    expect(ann).toMatchObject({
      givenName: 'Ann',
      familyName: 'Lee',
      companyName: 'Acme Ltd',
      jobTitle: 'Buyer',
      birthday: '1986-03-31',
      tags: ['Trade', 'VIP'],
      address: expect.objectContaining({ city: 'Leeds' }),
    });
    expect(ann.phones.map((p) => [p.label, p.number])).toEqual([['mobile', '07700 900123']]);
    expect(ann.emails.map((e) => e.email)).toEqual(['ann@acme.test']);
    // "Lee, Bob" is split family-first, and "acme ltd" is the same company as "Acme Ltd".
    const bob = await personNamed(b, 'Bob Lee');
    expect(bob.companyId).toBe(ann.companyId);
    const dee = await personNamed(b, 'Dee Fox');
    expect(dee).toMatchObject({
      companyName: 'Fox & Co',
      jobTitle: 'Director, Sales',
      birthday: '1990-12-01',
    });
    expect(count(b, 'notes', `body = 'Met at the fair,\nlikes oak' AND person_id = '${ann.id}'`)).toBe(1);

    // Found while on the phone: by name, by email, by company; listed in the contacts list.
    expect(await searchNames(b, 'Dee')).toEqual(['Dee Fox']);
    expect(await searchNames(b, 'acme.test')).toEqual(expect.arrayContaining(['Ann Lee', 'Bob Lee']));
    const list = await b.client.call('people.list', {});
    expect(list.rows.map((r) => r.displayName)).toEqual(['Dee Fox', 'Ann Lee', 'Bob Lee']);

    // The mapping is remembered for the next file with these headers.
    const again = await b.client.call('import.inspect', { fileId: file(b, 'next.csv', MESSY) });
    expect(again.remembered).toBe(true);
  });

  it('is undone as one batch: everything it created goes, and the book is as it was', async () => {
    const b = await setUpBook();
    await b.client.call('people.create', {
      person: { givenName: 'Old', familyName: 'Friend', tags: ['VIP'] },
    });
    const before = count(b, 'people');
    const docsBefore = count(b, 'search_docs');
    const inspection = await b.client.call('import.inspect', { fileId: file(b, 'contacts.csv', MESSY) });
    const done = await b.client.call('import.run', planOf(inspection));
    expect(count(b, 'people')).toBe(before + 3);
    expect(count(b, 'tags')).toBe(2); // VIP was there; Trade is new

    await b.client.call('batches.undo', { batchId: done.batchId! });
    expect(count(b, 'people')).toBe(before);
    expect(count(b, 'companies')).toBe(0);
    expect(count(b, 'phones')).toBe(0);
    expect(count(b, 'emails')).toBe(0);
    expect(count(b, 'notes')).toBe(0);
    expect(count(b, 'tags')).toBe(1);
    expect(count(b, 'person_tags')).toBe(1);
    expect(count(b, 'search_docs')).toBe(docsBefore);
    expect(await searchNames(b, 'Dee')).toEqual([]);
    expect(b.book.sqlite.pragma('foreign_key_check')).toEqual([]);
    const [record] = await b.client.call('import.list', {});
    expect(record).toMatchObject({ batchId: done.batchId, fileName: 'contacts.csv', created: 3 });
    expect(record?.undoneAt).toEqual(expect.any(Number));
  });

  it('can be undone after the app has been restarted', async () => {
    const b = await setUpBook();
    const inspection = await b.client.call('import.inspect', { fileId: file(b, 'contacts.csv', MESSY) });
    const done = await b.client.call('import.run', planOf(inspection));
    const dir = b.dir;
    await open.pop()!.close();

    const reopened = await book(dir);
    const [record] = await reopened.client.call('import.list', {});
    expect(record).toMatchObject({
      batchId: done.batchId,
      fileName: 'contacts.csv',
      created: 3,
      failed: 1,
      skipped: 1,
      undoneAt: null,
      byName: 'Ada Lovelace',
    });
    await reopened.client.call('batches.undo', { batchId: record!.batchId });
    expect(count(reopened, 'people')).toBe(0);
  });

  it('updates the person an email matches instead of adding them again, and undo restores them', async () => {
    const b = await setUpBook();
    const ann = await b.client.call('people.create', {
      person: {
        givenName: 'Ann',
        familyName: 'Lee',
        jobTitle: 'Clerk',
        emails: [{ label: 'work', email: 'Ann@Acme.test' }],
        phones: [{ label: 'work', number: '020 7946 0000' }],
        address: { city: 'Leeds' },
      },
    });
    const text =
      'Email,Given name,Family name,Job title,Phone,City\r\nann@acme.test,Ann,Lee,Buyer,07700 900123,\r\n';
    const inspection = await b.client.call('import.inspect', { fileId: file(b, 'update.csv', text) });
    const done = await b.client.call('import.run', planOf(inspection, { match: 'email' }));
    expect(done).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    expect(count(b, 'people')).toBe(1);
    const after = await b.client.call('people.get', { id: ann.id });
    expect(after.jobTitle).toBe('Buyer');
    // A blank cell leaves the city alone unless blanks overwrite; phones are added, never replaced.
    expect(after.address.city).toBe('Leeds');
    expect(after.phones.map((p) => p.number)).toEqual(['020 7946 0000', '07700 900123']);

    // The same file again changes nothing.
    const again = await b.client.call('import.run', planOf(inspection, { match: 'email' }));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1, batchId: null });

    await b.client.call('batches.undo', { batchId: done.batchId! });
    const restored = await b.client.call('people.get', { id: ann.id });
    expect(restored.jobTitle).toBe('Clerk');
    expect(restored.phones.map((p) => p.number)).toEqual(['020 7946 0000']);
    expect(restored.updatedAt).toBe(ann.updatedAt);
  });

  it('clears a field from a blank cell only when blank cells overwrite', async () => {
    const b = await setUpBook();
    const ann = await b.client.call('people.create', {
      person: {
        givenName: 'Ann',
        familyName: 'Lee',
        jobTitle: 'Clerk',
        emails: [{ label: 'work', email: 'ann@acme.test' }],
        address: { city: 'Leeds' },
      },
    });
    const text = 'Email,Name,Job title,City\r\nann@acme.test,,,\r\n';
    const inspection = await b.client.call('import.inspect', { fileId: file(b, 'blank.csv', text) });
    const mapping = inspection.mapping;
    expect(mapping).toEqual(['email', 'fullName', 'jobTitle', 'city']);
    // No name in the row: with the name mapped but blank, the row is a problem, not an update.
    const keep = await b.client.call(
      'import.run',
      planOf(inspection, { mapping: ['email', null, 'jobTitle', 'city'] }),
    );
    expect(keep).toMatchObject({ unchanged: 1, updated: 0 });
    const overwrite = await b.client.call(
      'import.run',
      planOf(inspection, { mapping: ['email', null, 'jobTitle', 'city'], blankOverwrites: true }),
    );
    expect(overwrite).toMatchObject({ updated: 1 });
    const after = await b.client.call('people.get', { id: ann.id });
    expect(after.jobTitle).toBeNull();
    expect(after.address.city).toBeNull();
    expect(after.displayName).toBe('Ann Lee');
  });

  it('matches a phone written another way, and an id from the other system', async () => {
    const b = await setUpBook();
    const ann = await b.client.call('people.create', {
      person: { givenName: 'Ann', familyName: 'Lee', phones: [{ label: 'work', number: '020 7946 0958' }] },
    });
    const byPhone = 'Name,Phone,Title\r\nAnn Lee,+44 20 7946 0958,Buyer\r\n';
    const i1 = await b.client.call('import.inspect', { fileId: file(b, 'phone.csv', byPhone) });
    expect(await b.client.call('import.run', planOf(i1, { match: 'phone' }))).toMatchObject({ updated: 1 });
    expect((await b.client.call('people.get', { id: ann.id })).phones).toHaveLength(1);

    const withIds = 'Record ID,Name,Title\r\nhs-1,Zoe Day,Owner\r\n';
    const i2 = await b.client.call('import.inspect', { fileId: file(b, 'hubspot.csv', withIds) });
    expect(i2.mapping).toEqual(['externalId', 'fullName', 'jobTitle']);
    expect(await b.client.call('import.run', planOf(i2, { match: 'externalId' }))).toMatchObject({
      created: 1,
    });
    const renamed = 'Record ID,Name,Title\r\nhs-1,Zoe Day,Founder\r\n';
    const i3 = await b.client.call('import.inspect', { fileId: file(b, 'hubspot2.csv', renamed) });
    expect(await b.client.call('import.run', planOf(i3, { match: 'externalId' }))).toMatchObject({
      created: 0,
      updated: 1,
    });
    expect((await personNamed(b, 'Zoe Day')).jobTitle).toBe('Founder');
  });

  it('skips a row that matches two people, and refuses an owner it does not know', async () => {
    const b = await setUpBook();
    for (const givenName of ['Ann', 'Anne'])
      await b.client.call('people.create', {
        person: { givenName, familyName: 'Lee', emails: [{ label: 'work', email: `${givenName}@x.test` }] },
        allowDuplicate: true,
      });
    const text =
      'Name,Email,Email 2,Owner\r\nAnn Lee,ann@x.test,anne@x.test,\r\nBo Ray,bo@x.test,,Nobody Here\r\n';
    const inspection = await b.client.call('import.inspect', { fileId: file(b, 'two.csv', text) });
    expect(inspection.mapping).toEqual(['fullName', 'email', 'email2', 'owner']);
    const done = await b.client.call('import.run', planOf(inspection));
    expect(done).toMatchObject({ created: 0, updated: 0, skipped: 1, failed: 1, problemCount: 2 });
    expect(done.problems.map((p) => [p.line, p.column])).toEqual([
      [2, ''],
      [3, 'Owner'],
    ]);
    expect(done.problems[0]?.reason).toMatch(/2 people/u);
  });

  it('undo keeps an imported person who has since had a call logged, in the Trash', async () => {
    const b = await setUpBook();
    const inspection = await b.client.call('import.inspect', { fileId: file(b, 'contacts.csv', MESSY) });
    const done = await b.client.call('import.run', planOf(inspection));
    const dee = await personNamed(b, 'Dee Fox');
    const logged = await b.client.call('calls.log', {
      call: { personId: dee.id, direction: 'out', startedAt: b.clock(), durationS: 60, outcome: 'connected' },
    });
    await b.client.call('batches.undo', { batchId: done.batchId! });
    expect(count(b, 'people', 'deleted_at IS NULL')).toBe(0);
    expect(count(b, 'people', `id = '${dee.id}' AND deleted_at IS NOT NULL`)).toBe(1);
    expect((await b.client.call('calls.get', { id: logged.call.id })).personId).toBe(dee.id);
    expect(b.book.sqlite.pragma('foreign_key_check')).toEqual([]);
  });

  it('knows every table that can point at a record an import makes (so undo never breaks a link)', async () => {
    const b = await book();
    const db = b.book.sqlite;
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`)
      .pluck()
      .all() as string[];
    for (const [target, { tables: owned }] of Object.entries(OWNED)) {
      const pointing = new Set<string>();
      for (const t of tables) {
        const fks = db.prepare(`PRAGMA foreign_key_list(${JSON.stringify(t)})`).all() as { table: string }[];
        if (fks.some((fk) => fk.table === target) && !(owned as readonly string[]).includes(t))
          pointing.add(t);
      }
      expect([target, pointing]).toEqual([target, new Set(REFERRERS[target as keyof typeof REFERRERS])]);
    }
  });
});

describe('an import that does not finish', () => {
  it('leaves no partial batch when cancelled', async () => {
    const b = await setUpBook();
    const rows = Array.from({ length: 60_000 }, (_, i) => `Person ${i},p${i}@big.test,City ${i % 50}`);
    const inspection = await b.client.call('import.inspect', {
      fileId: file(b, 'big.csv', ['Name,Email,City', ...rows].join('\r\n')),
    });
    const before = snapshot(b);
    const running = b.client.call('import.run', planOf(inspection));
    await expect
      .poll(() =>
        b.events.find(
          (e) => e.event === 'job.progress' && (e.payload as { kind: string }).kind === 'import.file',
        ),
      )
      .toBeTruthy();
    const progress = b.events.find((e) => e.event === 'job.progress')!.payload as { jobId: string };
    expect(await b.client.call('jobs.cancel', { jobId: progress.jobId })).toEqual({ cancelled: true });
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(snapshot(b)).toBe(before);
    // The file the cancelled import was reading is closed.
    expect(openFiles().filter((f) => f.endsWith('/big.csv'))).toEqual([]);
  });

  it('leaves the book unchanged when the file turns out to be unreadable part way', async () => {
    const b = await setUpBook();
    const good = Array.from({ length: 5000 }, (_, i) => `Person ${i},p${i}@x.test`).join('\r\n');
    const bytes = Buffer.concat([
      Buffer.from(`Name,Email\r\n${good}\r\n`, 'utf8'),
      Buffer.from([0x42, 0x6f, 0xff, 0x62, 0x2c, 0x62, 0x40, 0x78, 0x2e, 0x74, 0x0d, 0x0a]),
    ]);
    const inspection = await b.client.call('import.inspect', { fileId: file(b, 'broken.csv', bytes) });
    expect(inspection.encoding).toBe('utf-8');
    const before = snapshot(b);
    await expect(b.client.call('import.run', planOf(inspection))).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { line: 5002, reason: 'bad-encoding' },
    });
    expect(snapshot(b)).toBe(before);
  });

  it('refuses a plan whose columns are not the file’s, before writing anything', async () => {
    const b = await setUpBook();
    const inspection = await b.client.call('import.inspect', { fileId: file(b, 'a.csv', MESSY) });
    // The writer worker is started (and its connection opened) by a first run.
    await b.client.call('import.preview', planOf(inspection));
    const before = snapshot(b);
    await expect(
      b.client.call('import.run', planOf(inspection, { mapping: inspection.mapping.slice(1) })),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(
      b.client.call(
        'import.run',
        planOf(inspection, { mapping: inspection.mapping.map(() => null), match: 'none' }),
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/name/u) });
    await expect(
      b.client.call('import.run', { ...planOf(inspection), fileId: 'nope' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(snapshot(b)).toBe(before);
    // A refused file is closed again.
    expect(openFiles().filter((f) => f.endsWith('/a.csv'))).toEqual([]);
  });
});

describe('a big file, read on a thread of its own while the import writes', () => {
  // Files from this size on are read on a reader thread (4 MB by default; 0 here: every file).
  const THREAD = 'LEDGERLINE_IMPORT_THREAD_BYTES';
  // The job worker (and so the reader it starts) takes the environment when it starts: on the
  // book's first job.
  const threaded = async () => {
    process.env[THREAD] = '0';
    return setUpBook();
  };
  afterEach(() => {
    delete process.env[THREAD];
  });
  // What the book holds, without ids (each job worker makes its own).
  const content = (b: TestBook) =>
    JSON.stringify(
      [
        `SELECT p.display_name, p.given_name, p.family_name, p.birthday, p.primary_phone, p.primary_email,
           c.name FROM people p LEFT JOIN companies c ON c.id = p.company_id ORDER BY 1`,
        `SELECT p.display_name, x.number, x.digits, x.e164, x.position FROM phones x
           JOIN people p ON p.id = x.person_id ORDER BY 1, 5`,
        `SELECT p.display_name, x.email, x.position FROM emails x JOIN people p ON p.id = x.person_id ORDER BY 1, 3`,
        `SELECT p.display_name, t.name FROM person_tags x JOIN people p ON p.id = x.person_id
           JOIN tags t ON t.id = x.tag_id ORDER BY 1, 2`,
        `SELECT name, sort_key FROM companies ORDER BY 1`,
      ].map((q) => b.book.sqlite.prepare(q).raw().all()),
    );

  it('gives exactly the book the same file gives when read on the writer’s own thread', async () => {
    const rows = Array.from(
      { length: 3000 },
      (_, i) =>
        `Person ${i},p${i % 2900}@big.test,07700 9${String(i).padStart(5, '0')},Firm ${i % 40},${i % 7 ? '' : 'not a date'},Tag ${i % 3}`,
    );
    const text = [
      'Name,Email,Mobile,Company,Birthday,Labels',
      ...rows,
      ',,,,,',
      'Bad Email,not-an-email,,,,',
    ].join('\r\n');
    const results = [];
    for (const make of [setUpBook, threaded]) {
      const b = await make();
      const inspection = await b.client.call('import.inspect', { fileId: file(b, 'big.csv', text) });
      const preview = await b.client.call('import.preview', planOf(inspection));
      const done = await b.client.call('import.run', planOf(inspection));
      expect({ ...preview, dryRun: false, batchId: done.batchId }).toEqual(done);
      results.push({ done, content: content(b) });
    }
    const [inline, reader] = results;
    expect(inline!.done.created).toBeGreaterThan(2000);
    expect(inline!.done.updated).toBeGreaterThan(0);
    expect(inline!.done.problemCount).toBeGreaterThan(400);
    expect(inline!.done.skipped).toBeGreaterThan(0);
    expect({ ...reader!.done, batchId: null }).toEqual({ ...inline!.done, batchId: null });
    expect(reader!.content).toBe(inline!.content);
  });

  it('stops the reader and closes the file when the import is cancelled', async () => {
    const b = await threaded();
    const rows = Array.from({ length: 60_000 }, (_, i) => `Person ${i},p${i}@big.test,City ${i % 50}`);
    const inspection = await b.client.call('import.inspect', {
      fileId: file(b, 'big.csv', ['Name,Email,City', ...rows].join('\r\n')),
    });
    const before = snapshot(b);
    const running = b.client.call('import.run', planOf(inspection));
    await expect.poll(() => b.events.find((e) => e.event === 'job.progress')).toBeTruthy();
    const progress = b.events.find((e) => e.event === 'job.progress')!.payload as { jobId: string };
    await b.client.call('jobs.cancel', { jobId: progress.jobId });
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(snapshot(b)).toBe(before);
    await expect.poll(() => openFiles().filter((f) => f.endsWith('/big.csv'))).toEqual([]);
  });

  it('reports a file that turns out unreadable part way, from the reader, changing nothing', async () => {
    const b = await threaded();
    const good = Array.from({ length: 5000 }, (_, i) => `Person ${i},p${i}@x.test`).join('\r\n');
    const bytes = Buffer.concat([
      Buffer.from(`Name,Email\r\n${good}\r\n`, 'utf8'),
      Buffer.from([0x42, 0x6f, 0xff, 0x62, 0x2c, 0x62, 0x40, 0x78, 0x2e, 0x74, 0x0d, 0x0a]),
    ]);
    const inspection = await b.client.call('import.inspect', { fileId: file(b, 'broken.csv', bytes) });
    const before = snapshot(b);
    await expect(b.client.call('import.run', planOf(inspection))).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { line: 5002, reason: 'bad-encoding' },
    });
    expect(snapshot(b)).toBe(before);
  });
});

describe('files in every encoding and delimiter', () => {
  const people = [
    ['Zoë Müller', 'zoe@x.test', 'Köln'],
    ['José Núñez', 'jose@x.test', 'Málaga; Spain'],
    ['Ann "Nan" Lee', 'ann@x.test', 'Leeds, UK'],
  ];
  const encodings = [
    ['utf-8', (t: string) => Buffer.from(t, 'utf8')],
    ['utf-8 with BOM', (t: string) => Buffer.from(`\uFEFF${t}`, 'utf8')],
    ['utf-16le', (t: string) => iconv.encode(t, 'utf-16le', { addBOM: true })],
    ['utf-16be', (t: string) => iconv.encode(t, 'utf-16be', { addBOM: true })],
    ['windows-1252', (t: string) => iconv.encode(t, 'win1252')],
  ] as const;
  // One book for all twenty files (each import is undone after it is checked): a book per file
  // started and stopped a job worker each time, and so many threads in one test process have
  // crashed V8 under load.
  let b: TestBook;
  beforeAll(async () => {
    b = await openTestBook();
    await setUp(b.client);
  });
  afterAll(() => b.close());
  for (const [label, encode] of encodings) {
    for (const delimiter of [',', ';', '\t', '|']) {
      it(`reads ${label} with ${JSON.stringify(delimiter)}`, async () => {
        const quote = (f: string) => (/[",;\t|\r\n]/u.test(f) ? `"${f.replaceAll('"', '""')}"` : f);
        const text = [['Name', 'Email', 'City'], ...people]
          .map((r) => r.map(quote).join(delimiter))
          .join('\r\n');
        const inspection = await b.client.call('import.inspect', { fileId: file(b, 'f.csv', encode(text)) });
        expect(inspection.delimiter).toBe(delimiter);
        const done = await b.client.call('import.run', planOf(inspection, { match: 'none' }));
        expect(done).toMatchObject({ created: 3, failed: 0 });
        const rows = b.book.sqlite
          .prepare(`SELECT display_name, city FROM people ORDER BY display_name`)
          .all() as { display_name: string; city: string }[];
        expect(rows.map((r) => [r.display_name, r.city])).toEqual(
          [...people].sort((x, y) => x[0]!.localeCompare(y[0]!, 'en')).map((p) => [p[0], p[2]]),
        );
        await b.client.call('batches.undo', { batchId: done.batchId! });
        expect(count(b, 'people')).toBe(0);
      });
    }
  }
});

describe('any text survives the trip through a CSV file into the book', () => {
  it('names, titles and notes with any Unicode, quotes and line breaks', async () => {
    const b = await setUpBook();
    const cell = fc
      .string({ unit: fc.constantFrom('"', ',', ';', '\n', '\r\n', "'", '=', 'a', 'é', '€', '𝄞', '中', ' ') })
      .map((s) => s.trim())
      .filter((s) => s.length > 0 && s.length < 60);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 8 }), async (rows) => {
        const f = path.join(b.dir, `prop-${++n}.csv`);
        const writer = new CsvWriter(
          f,
          [
            { header: 'Given name', type: 'text' },
            { header: 'Job title', type: 'text' },
            { header: 'Notes', type: 'text' },
            { header: 'Record ID', type: 'text' },
          ],
          // Protected, as every export and spreadsheet writes a cell that starts like a formula: the
          // import takes the apostrophe off again, so any text comes back exactly.
          { delimiter: ',', decimal: '.', dates: 'iso', encoding: 'utf-8-bom', protectFormulas: true },
          'en-GB',
        );
        rows.forEach(([given, title, note], i) => writer.write([given, title, note, `prop-${n}-${i}`]));
        writer.finish();
        const fileId = b.backend.ctx.files.register(f).fileId;
        const inspection = await b.client.call('import.inspect', { fileId });
        const done = await b.client.call('import.run', planOf(inspection, { match: 'externalId' }));
        expect(done.failed).toBe(0);
        for (const [i, [given, title, note]] of rows.entries()) {
          const row = b.book.sqlite
            .prepare(
              `SELECT p.given_name, p.job_title, n.body FROM people p JOIN notes n ON n.person_id = p.id
               WHERE p.external_id = ?`,
            )
            .get(`prop-${n}-${i}`) as { given_name: string; job_title: string; body: string };
          expect(row).toEqual({ given_name: given, job_title: title, body: note });
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('vCard files', () => {
  const vcard = (fileId: string, match: 'email' | 'none') =>
    ({ format: 'vcard', fileId, bytes: 1, match }) as const;
  const fixture = (name: string) => fs.readFileSync(path.join('test', 'fixtures', 'vcard', name));

  it('imports the cards of a Google export, with the same preview, matching and undo as a CSV file', async () => {
    const b = await setUpBook();
    const fileId = file(b, 'contacts.vcf', fixture('google-contacts-3.0.vcf'));
    const before = snapshot(b);
    const preview = await b.client.call('import.preview', vcard(fileId, 'email'));
    expect(snapshot(b)).toBe(before);
    expect(preview).toMatchObject({ rows: 3, created: 2, failed: 1, batchId: null });
    expect(preview.problems).toEqual([
      expect.objectContaining({ line: 27, reason: expect.stringMatching(/name/iu) }),
    ]);

    const done = await b.client.call('import.run', vcard(fileId, 'email'));
    expect(done).toMatchObject({ created: 2, failed: 1, companiesCreated: 1 });
    const ann = await personNamed(b, 'Ann Lee');
    expect(ann).toMatchObject({
      companyName: 'Lee & Partners',
      jobTitle: 'Partner',
      birthday: '1986-03-31',
      tags: ['Suppliers'],
      address: expect.objectContaining({ city: 'London', postcode: 'NW1 6XE' }),
    });
    expect(ann.emails.map((e) => e.email)).toEqual(['ann.lee@lee-partners.example', 'ann@example.org']);
    expect(count(b, 'notes', `body LIKE 'Prefers email.%' AND person_id = '${ann.id}'`)).toBe(1);

    // The same file again finds everyone by email: nothing new.
    const again = await b.client.call('import.run', vcard(fileId, 'email'));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const [record] = await b.client.call('import.list', {});
    expect(record).toMatchObject({ batchId: done.batchId, fileName: 'contacts.vcf', created: 2 });
    await b.client.call('batches.undo', { batchId: done.batchId! });
    expect(count(b, 'people')).toBe(0);
    expect(count(b, 'companies')).toBe(0);
  });

  it('reads an Outlook 2.1 card in Windows-1252 with quoted-printable fields', async () => {
    const b = await setUpBook();
    const fileId = file(b, 'outlook.vcf', fixture('outlook-2.1.vcf'));
    expect(await b.client.call('import.run', vcard(fileId, 'none'))).toMatchObject({
      created: 1,
      failed: 0,
    });
    const j = await personNamed(b, 'Jürgen Müller');
    expect(j).toMatchObject({
      companyName: 'Café Zürich GmbH',
      jobTitle: 'Geschäftsführer',
      birthday: '1970-03-15',
    });
    expect(j.address.street).toBe('Hauptstraße 5\nHinterhaus');
    expect(j.phones.map((p) => p.number)).toContain('+49 170 1234567');
  });

  it('refuses a file that is not a vCard, changing nothing', async () => {
    const b = await setUpBook();
    const fileId = file(b, 'x.vcf', fixture('not-a-vcard.vcf'));
    const before = snapshot(b);
    await expect(b.client.call('import.run', vcard(fileId, 'email'))).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(snapshot(b)).toBe(before);
  });
});
