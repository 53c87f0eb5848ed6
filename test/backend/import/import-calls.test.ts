/**
 * Importing calls from CSV on a real book (issue 5): each row finds its person by the chosen
 * match (email, phone, the other system's id, full name) or its company; starts, durations and
 * directions in the forms call logs write them; outcomes and purposes from the editable lists;
 * the preview's counts are the import's; the same file twice adds nothing; the people's call facts
 * follow the import and its undo; a cancelled import leaves the book as it was. And the readers of
 * call-rows.ts on their own.
 */
import { describe, expect, it } from 'vitest';
import {
  bareDurationUnit,
  importTimeZone,
  parseCallStart,
  parseClock,
  parseDirection,
  parseDuration,
  parseResponse,
  splitDateTime,
  zonedInstant,
} from '../../../electron/backend/import/call-rows.ts';
import type { TestBook } from '../../helpers/book.ts';
import {
  cancelRunningImport,
  countRows,
  csvText,
  expectSameOutcome,
  IMPORT_BOOKKEEPING,
  inspectFile,
  openFiles,
  planOf,
  snapshot,
  useTestBooks,
} from './import-helpers.ts';

const { setUpBook } = useTestBooks();

const TABLES = ['calls', 'people', 'companies', 'list_values', 'search_call', ...IMPORT_BOOKKEEPING];
const here = importTimeZone();
/** 2026-11-22 at hh:mm in this computer's time zone, as the import reads a time without an offset. */
const local = (date: string, h: number, m: number, s = 0) => zonedInstant(date, h * 3600 + m * 60 + s, here);

interface Cast {
  ann: string;
  bob: string;
  acme: string;
  zeta: string;
  grace: string;
}

/**
 * A book with Ann Lee (Acme Ltd, email, phone, id "crm-1"), Bob Ray, two people called Sam Smith,
 * the company Zeta plc with nobody in it, and a second staff profile, Grace Hopper.
 */
async function castBook(): Promise<TestBook & Cast> {
  const b = await setUpBook();
  const acme = await b.client.call('companies.create', { name: 'Acme Ltd' });
  const zeta = await b.client.call('companies.create', { name: 'Zeta plc' });
  const ann = await b.client.call('people.create', {
    person: {
      givenName: 'Ann',
      familyName: 'Lee',
      companyId: acme.id,
      emails: [{ label: 'work', email: 'Ann@Acme.test' }],
      phones: [{ label: 'work', number: '020 7946 0958' }],
    },
  });
  b.book.sqlite.prepare(`UPDATE people SET external_id = 'crm-1' WHERE id = ?`).run(ann.id);
  const bob = await b.client.call('people.create', {
    person: { givenName: 'Bob', familyName: 'Ray', emails: [{ label: 'work', email: 'bob@ray.test' }] },
  });
  for (let i = 0; i < 2; i++) {
    await b.client.call('people.create', {
      person: { givenName: 'Sam', familyName: 'Smith' },
      allowDuplicate: true,
    });
  }
  const grace = await b.client.call('staff.create', { name: 'Grace Hopper', email: 'grace@engines.test' });
  return Object.assign(b, { ann: ann.id, bob: bob.id, acme: acme.id, zeta: zeta.id, grace: grace.id });
}

interface CallRow {
  person_id: string | null;
  company_id: string | null;
  staff_id: string | null;
  direction: string;
  started_at: number;
  duration_s: number;
  purpose: string | null;
  outcome: string;
  response: string | null;
  summary: string;
}

function calls(b: TestBook): CallRow[] {
  return b.book.sqlite
    .prepare(
      `SELECT person_id, company_id, staff_id, direction, started_at, duration_s, purpose, outcome, response, summary
         FROM calls ORDER BY started_at, id`,
    )
    .all() as CallRow[];
}

function facts(b: TestBook, id: string) {
  return b.book.sqlite
    .prepare(`SELECT last_contact_at, last_attempt_at, next_call_at, updated_at FROM people WHERE id = ?`)
    .get(id) as { last_contact_at: number | null; last_attempt_at: number | null };
}

/** A phone system's export: a date-and-time column, seconds, Incoming/Outgoing, free outcomes. */
const LOG = csvText([
  ['Date', 'Contact Email', 'Duration', 'Direction', 'Outcome', 'Purpose', 'Notes', 'Agent'],
  ['2026-11-20T09:30', 'ann@acme.test', '95', 'Outgoing', 'Connected', 'quote', 'Wants oak desks', ''],
  ['20/11/2026 14:05', 'ANN@ACME.TEST', '0:45', 'incoming', 'voicemail', '', '', 'grace@engines.test'],
  ['2026-11-21 2:05 PM', 'bob@ray.test', '1h 2m', 'inbound', 'no answer', '', '', 'Grace Hopper'],
  ['', '', '', '', '', '', '', ''],
  ['2026-11-21T08:00:00Z', 'bob@ray.test', '5 min', '', 'Left a message', '', '', ''],
  ['2026-11-22', 'nobody@else.test', '10', 'out', 'connected', '', '', ''],
  ['2026-11-22 10:00', 'bob@ray.test', '1:02:03', 'dialled', 'connected', 'Renewal', 'Renewing', 'Nobody'],
]);

describe('importing a calls file', () => {
  it('previews exactly what the import does, logs each call with its person, and changes nothing on preview', async () => {
    const b = await castBook();
    const inspection = await inspectFile(b, 'calls.csv', LOG, 'calls');
    expect(inspection.kind).toBe('calls');
    expect(inspection.mapping).toEqual([
      'startedAt',
      'personEmail',
      'duration',
      'direction',
      'outcome',
      'purpose',
      'summary',
      'staff',
    ]);
    const plan = planOf(inspection, { match: 'email' });
    const before = snapshot(b, TABLES);
    const preview = await b.client.call('import.preview', plan);
    expect(snapshot(b, TABLES)).toEqual(before);
    const done = await b.client.call('import.run', plan);
    expectSameOutcome(preview, done);
    expect(done).toMatchObject({ rows: 7, created: 3, unchanged: 0, skipped: 1, failed: 3 });

    // The unknown outcome: its line, column, value, and the list's choices in the reason.
    expect(done.problems).toEqual([
      {
        line: 6,
        column: 'Outcome',
        value: 'Left a message',
        reason: expect.stringContaining(
          'connected, no answer, busy, voicemail, wrong number, call back later',
        ),
      },
      {
        line: 7,
        column: 'Contact Email',
        value: 'nobody@else.test',
        reason: expect.stringMatching(/import the people first/iu),
      },
      { line: 8, column: 'Agent', value: 'Nobody', reason: expect.stringMatching(/staff/iu) },
    ]);

    const me = b.book.sqlite.prepare(`SELECT id FROM staff WHERE name = 'Ada Lovelace'`).pluck().get();
    expect(calls(b)).toEqual([
      {
        person_id: b.ann,
        company_id: b.acme,
        staff_id: me,
        direction: 'out',
        started_at: local('2026-11-20', 9, 30),
        duration_s: 95,
        purpose: 'Quote',
        outcome: 'connected',
        response: null,
        summary: 'Wants oak desks',
      },
      {
        person_id: b.ann,
        company_id: b.acme,
        staff_id: b.grace,
        direction: 'in',
        started_at: local('2026-11-20', 14, 5),
        duration_s: 45,
        purpose: null,
        outcome: 'voicemail',
        response: null,
        summary: '',
      },
      {
        person_id: b.bob,
        company_id: null,
        staff_id: b.grace,
        direction: 'in',
        started_at: local('2026-11-21', 14, 5),
        duration_s: 3720,
        purpose: null,
        outcome: 'no answer',
        response: null,
        summary: '',
      },
    ]);
    // Found while on the phone: the summary is searchable.
    const found = await b.client.call('search.global', { query: 'oak desks' });
    expect(found.groups.flatMap((g) => g.hits.map((h) => h.kind))).toContain('call');
    const [record] = await b.client.call('import.list', {});
    expect(record).toMatchObject({ batchId: done.batchId, kind: 'calls', fileName: 'calls.csv', created: 3 });
  });

  it('adds nothing when the same file is imported again', async () => {
    const b = await castBook();
    const inspection = await inspectFile(b, 'calls.csv', LOG, 'calls');
    const first = await b.client.call('import.run', planOf(inspection, { match: 'email' }));
    expect(first.created).toBe(3);
    const afterFirst = snapshot(b, ['calls', 'people']);
    const again = await b.client.call('import.run', planOf(inspection, { match: 'email' }));
    expect(again).toMatchObject({ created: 0, unchanged: 3, failed: 3, batchId: null });
    expect(snapshot(b, ['calls', 'people'])).toEqual(afterFirst);
    // The same call written another way (another minute's second, another format) is the same call.
    const other = csvText([
      ['When', 'Email', 'Outcome'],
      ['20/11/2026 09:30:40', 'ann@acme.test', 'connected'],
    ]);
    const i2 = await inspectFile(b, 'again.csv', other, 'calls');
    expect(await b.client.call('import.run', planOf(i2, { match: 'email' }))).toMatchObject({
      created: 0,
      unchanged: 1,
    });
  });

  it('updates the people’s last contact and last attempt, and undo puts them back exactly', async () => {
    const b = await castBook();
    // Bob already had a call: his facts move only as far as the imported calls say.
    await b.client.call('calls.log', {
      call: {
        personId: b.bob,
        direction: 'out',
        startedAt: Date.UTC(2026, 10, 1, 10),
        durationS: 60,
        outcome: 'connected',
      },
    });
    const people = () => b.book.sqlite.prepare(`SELECT * FROM people ORDER BY id`).all();
    const before = people();
    const docs = countRows(b, 'search_docs');
    const bobBefore = facts(b, b.bob);
    expect(facts(b, b.ann)).toMatchObject({ last_contact_at: null, last_attempt_at: null });

    const inspection = await inspectFile(b, 'calls.csv', LOG, 'calls');
    const done = await b.client.call('import.run', planOf(inspection, { match: 'email' }));
    // Ann's newest call was a voicemail (an attempt); her newest conversation the morning's call.
    expect(facts(b, b.ann)).toMatchObject({
      last_contact_at: local('2026-11-20', 9, 30),
      last_attempt_at: local('2026-11-20', 14, 5),
    });
    expect(facts(b, b.bob)).toMatchObject({
      last_contact_at: bobBefore.last_contact_at,
      last_attempt_at: local('2026-11-21', 14, 5),
    });
    const ann = await b.client.call('people.get', { id: b.ann });
    expect(ann.lastContactAt).toBe(local('2026-11-20', 9, 30));

    await b.client.call('batches.undo', { batchId: done.batchId! });
    expect(people()).toEqual(before);
    expect(countRows(b, 'calls')).toBe(1);
    expect(countRows(b, 'search_docs')).toBe(docs);
    expect(b.book.sqlite.pragma('foreign_key_check')).toEqual([]);
  });

  it('finds the person by phone, by the other system’s id and by full name (any case), or the company', async () => {
    const b = await castBook();
    const byPhone = csvText([
      ['Date', 'Number', 'Outcome'],
      ['2026-11-22 10:00', '+44 20 7946 0958', 'connected'],
      ['2026-11-22 10:05', '07700 900999', 'connected'],
    ]);
    const i1 = await inspectFile(b, 'phone.csv', byPhone, 'calls');
    expect(i1.mapping).toEqual(['startedAt', 'personPhone', 'outcome']);
    const r1 = await b.client.call('import.run', planOf(i1, { match: 'phone' }));
    expect(r1).toMatchObject({ created: 1, failed: 1 });
    expect(r1.problems[0]).toMatchObject({ line: 3, column: 'Number', value: '07700 900999' });

    const byId = csvText([
      ['Date', 'Contact ID', 'Outcome'],
      ['2026-11-22 11:00', 'crm-1', 'busy'],
    ]);
    const i2 = await inspectFile(b, 'ids.csv', byId, 'calls');
    expect(i2.mapping).toEqual(['startedAt', 'personExternalId', 'outcome']);
    expect(await b.client.call('import.run', planOf(i2, { match: 'externalId' }))).toMatchObject({
      created: 1,
    });

    const byName = csvText([
      ['Date', 'Contact', 'Company', 'Outcome'],
      ['2026-11-22 12:00', 'ann LEE', '', 'connected'],
      ['2026-11-22 12:10', 'zeta PLC', '', 'connected'],
      ['2026-11-22 12:20', 'Sam Smith', '', 'connected'],
      ['2026-11-22 12:10', '', 'Zeta plc', 'connected'],
      ['2026-11-22 12:40', 'Nobody Known', '', 'connected'],
      ['2026-11-22 12:50', 'Bob Ray', 'Zeta plc', 'connected'],
    ]);
    const i3 = await inspectFile(b, 'names.csv', byName, 'calls');
    expect(i3.mapping).toEqual(['startedAt', 'personName', 'company', 'outcome']);
    const r3 = await b.client.call('import.run', planOf(i3, { match: 'name' }));
    expect(r3).toMatchObject({ created: 3, skipped: 1, failed: 1, unchanged: 1 });
    expect(r3.problems).toEqual([
      { line: 4, column: 'Contact', value: 'Sam Smith', reason: expect.stringMatching(/2 people/u) },
      {
        line: 6,
        column: 'Contact',
        value: 'Nobody Known',
        reason: expect.stringMatching(/import the people first/iu),
      },
    ]);

    const who = b.book.sqlite
      .prepare(`SELECT started_at, person_id, company_id FROM calls ORDER BY started_at`)
      .all()
      .map((r) => {
        const c = r as { started_at: number; person_id: string | null; company_id: string | null };
        return [c.started_at, c.person_id, c.company_id];
      });
    expect(who).toEqual([
      [local('2026-11-22', 10, 0), b.ann, b.acme],
      [local('2026-11-22', 11, 0), b.ann, b.acme],
      [local('2026-11-22', 12, 0), b.ann, b.acme],
      // "The person (or company) with that name": Zeta plc is a company, and has nobody in it.
      [local('2026-11-22', 12, 10), null, b.zeta],
      // Bob with the Company column's company.
      [local('2026-11-22', 12, 50), b.bob, b.zeta],
    ]);
    // The Company column's Zeta plc at 12:10 is the call "zeta PLC" found a row earlier: unchanged.
    expect(countRows(b, 'calls', `company_id = '${b.zeta}' AND person_id IS NULL`)).toBe(1);
  });

  it('reads separate date and time columns, directions, responses, and outcomes in any case', async () => {
    const b = await castBook();
    const text = csvText([
      ['Call date', 'Time', 'Email', 'Minutes', 'Call type', 'Result', 'Response'],
      ['22/11/2026', '2:05 pm', 'ann@acme.test', '2', 'Received', 'NO ANSWER', 'Positive'],
      ['22/11/2026 00:00:00', '15:30:10', 'ann@acme.test', '1.5', 'Dialed', 'Connected', 'neutral'],
      ['23/11/2026', '', 'ann@acme.test', '', 'sideways', 'connected', ''],
      ['24/11/2026', '25:00', 'ann@acme.test', '', '', 'connected', 'great'],
      ['31/02/2026', '', 'ann@acme.test', '', '', 'connected', ''],
      ['25/11/2026', '', 'ann@acme.test', 'ages', '', 'connected', ''],
    ]);
    const inspection = await inspectFile(b, 'typed.csv', text, 'calls');
    expect(inspection.mapping).toEqual([
      'startedAt',
      'time',
      'personEmail',
      'duration',
      'direction',
      'outcome',
      'response',
    ]);
    const done = await b.client.call('import.run', planOf(inspection, { match: 'email' }));
    expect(done).toMatchObject({ created: 2, failed: 4 });
    expect(done.problems.map((p) => [p.line, p.column, p.value])).toEqual([
      [4, 'Call type', 'sideways'],
      [5, 'Time', '25:00'],
      [5, 'Response', 'great'],
      [6, 'Call date', '31/02/2026'],
      [7, 'Minutes', 'ages'],
    ]);
    expect(calls(b).map((c) => [c.started_at, c.duration_s, c.direction, c.outcome, c.response])).toEqual([
      [local('2026-11-22', 14, 5), 120, 'in', 'no answer', 'positive'],
      [local('2026-11-22', 15, 30, 10), 90, 'out', 'connected', 'neutral'],
    ]);
  });

  it('takes a blank outcome from the list by whether the call lasted, and refuses an unknown purpose', async () => {
    const b = await castBook();
    const text = csvText([
      ['Date', 'Email', 'Duration', 'Purpose'],
      ['2026-11-22T10:00Z', 'ann@acme.test', '30', 'support'],
      ['2026-11-22T11:00Z', 'ann@acme.test', '0', ''],
      ['2026-11-22T12:00Z', 'ann@acme.test', '', 'Gossip'],
    ]);
    const inspection = await inspectFile(b, 'blank.csv', text, 'calls');
    const done = await b.client.call('import.run', planOf(inspection, { match: 'email' }));
    expect(done).toMatchObject({ created: 2, failed: 1 });
    expect(done.problems).toEqual([
      {
        line: 4,
        column: 'Purpose',
        value: 'Gossip',
        reason: expect.stringContaining('Follow-up, Quote, Order query, Support, Introduction, Renewal'),
      },
    ]);
    // "Gossip" was not added to the list.
    expect(countRows(b, 'list_values', `value = 'Gossip'`)).toBe(0);
    expect(calls(b).map((c) => [c.started_at, c.outcome, c.purpose])).toEqual([
      [Date.UTC(2026, 10, 22, 10), 'connected', 'Support'],
      [Date.UTC(2026, 10, 22, 11), 'no answer', null],
    ]);
  });

  it('refuses a mapping without a date or without anyone to find, before writing anything', async () => {
    const b = await castBook();
    const inspection = await inspectFile(b, 'calls.csv', LOG, 'calls');
    await b.client.call('import.preview', planOf(inspection, { match: 'email' }));
    const before = snapshot(b, TABLES);
    const noDate = inspection.mapping.map((f) => (f === 'startedAt' ? null : f));
    await expect(
      b.client.call('import.run', planOf(inspection, { mapping: noDate, match: 'email' })),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/date/u) });
    await expect(b.client.call('import.run', planOf(inspection, { match: 'phone' }))).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(snapshot(b, TABLES)).toEqual(before);
    expect(openFiles().filter((f) => f.endsWith('/calls.csv'))).toEqual([]);
  });

  it('leaves the book unchanged when cancelled part way', async () => {
    const b = await castBook();
    const rows = Array.from({ length: 40_000 }, (_, i) => [
      new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      'ann@acme.test',
      String(i % 600),
      'connected',
    ]);
    const inspection = await inspectFile(
      b,
      'big.csv',
      csvText([['Date', 'Email', 'Duration', 'Outcome'], ...rows]),
      'calls',
    );
    const before = snapshot(b, TABLES);
    await cancelRunningImport(b, planOf(inspection, { match: 'email' }));
    expect(snapshot(b, TABLES)).toEqual(before);
    expect(openFiles().filter((f) => f.endsWith('/big.csv'))).toEqual([]);
  });
});

describe('reading what call logs write', () => {
  it('durations', () => {
    expect(parseDuration('95')).toBe(95);
    expect(parseDuration('1:35')).toBe(95);
    expect(parseDuration('01:02:03')).toBe(3723);
    expect(parseDuration('0:00:45.500')).toBe(45);
    expect(parseDuration('5 min')).toBe(300);
    expect(parseDuration('5 mins')).toBe(300);
    expect(parseDuration('1h 20m')).toBe(4800);
    expect(parseDuration('1 hour, 5 minutes and 10 seconds')).toBe(3910);
    expect(parseDuration('2.5 min')).toBe(150);
    expect(parseDuration('2,5 min')).toBe(150);
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('3', 'minutes')).toBe(180);
    expect(parseDuration('1:75')).toBeNull();
    expect(parseDuration('ages')).toBeNull();
    expect(parseDuration('5 fortnights')).toBeNull();
    expect(parseDuration('5 min extra')).toBeNull();
    expect(bareDurationUnit('Duration (min)')).toBe('minutes');
    expect(bareDurationUnit('Minutes')).toBe('minutes');
    expect(bareDurationUnit('Duration')).toBe('seconds');
    expect(bareDurationUnit('Duration (seconds)')).toBe('seconds');
  });

  it('times of day and where a cell’s date ends', () => {
    expect(parseClock('14:05')).toBe(14 * 3600 + 5 * 60);
    expect(parseClock('14.05')).toBe(14 * 3600 + 5 * 60);
    expect(parseClock('14:05:30')).toBe(14 * 3600 + 5 * 60 + 30);
    expect(parseClock('2:05 PM')).toBe(14 * 3600 + 5 * 60);
    expect(parseClock('12:10 am')).toBe(10 * 60);
    expect(parseClock('12 p.m.')).toBe(12 * 3600);
    expect(parseClock('24:00')).toBeNull();
    expect(parseClock('13:00 pm')).toBeNull();
    expect(splitDateTime('2026-11-22T14:05')).toEqual({ date: '2026-11-22', time: '14:05', offset: null });
    expect(splitDateTime('22/11/2026 14:05')).toEqual({ date: '22/11/2026', time: '14:05', offset: null });
    expect(splitDateTime('2026-11-22 2:05 PM')).toEqual({
      date: '2026-11-22',
      time: '2:05 PM',
      offset: null,
    });
    expect(splitDateTime('Nov 22, 2026, 2:05 PM')).toEqual({
      date: 'Nov 22, 2026',
      time: '2:05 PM',
      offset: null,
    });
    expect(splitDateTime('2026-11-22T14:05:00.000+01:00')).toEqual({
      date: '2026-11-22',
      time: '14:05:00.000',
      offset: '+01:00',
    });
    expect(splitDateTime('22 Nov 26')).toEqual({ date: '22 Nov 26', time: null, offset: null });
  });

  it('starts, in the given time zone or the cell’s own offset', () => {
    const start = (cell: string, time?: string, locale = 'en-GB', zone = 'Europe/London') => {
      const r = parseCallStart(cell, time, locale, zone, 2026);
      return r.ok ? r.value : r.reason;
    };
    // London is on GMT in November and BST (UTC+1) in July.
    expect(start('2026-11-22T14:05')).toBe(Date.UTC(2026, 10, 22, 14, 5));
    expect(start('2026-07-01 14:05')).toBe(Date.UTC(2026, 6, 1, 13, 5));
    expect(start('01/07/2026', '2:05 PM')).toBe(Date.UTC(2026, 6, 1, 13, 5));
    expect(start('07/01/2026 14:05', undefined, 'en-US')).toBe(Date.UTC(2026, 6, 1, 13, 5));
    expect(start('2026-11-22 14:05', undefined, 'en-GB', 'America/New_York')).toBe(
      Date.UTC(2026, 10, 22, 19, 5),
    );
    expect(start('2026-11-22', undefined, 'en-GB', 'Europe/Berlin')).toBe(Date.UTC(2026, 10, 21, 23, 0));
    expect(start('2026-07-01T14:05Z')).toBe(Date.UTC(2026, 6, 1, 14, 5));
    expect(start('2026-07-01T14:05:00+02:00')).toBe(Date.UTC(2026, 6, 1, 12, 5));
    expect(start('2026-07-01 14:05 UTC')).toBe(Date.UTC(2026, 6, 1, 14, 5));
    // The time column wins over a midnight in the date column.
    expect(start('2026-07-01 00:00:00', '09:15')).toBe(Date.UTC(2026, 6, 1, 8, 15));
    // The hour that does not exist when the clocks go forward lands after it.
    expect(start('2026-03-29 01:30')).toBe(Date.UTC(2026, 2, 29, 1, 30));
    expect(start('someday')).toMatch(/date/u);
    expect(start('2026-07-01', 'teatime')).toMatch(/time/u);
  });

  it('directions and responses', () => {
    for (const w of ['in', 'IN', 'Inbound', 'incoming', 'Incoming call', 'received', 'missed']) {
      expect([w, parseDirection(w)]).toEqual([w, 'in']);
    }
    for (const w of ['out', 'Outbound', 'outgoing', 'Outgoing Call', 'dialled', 'dialed']) {
      expect([w, parseDirection(w)]).toEqual([w, 'out']);
    }
    expect(parseDirection('sideways')).toBeNull();
    expect(parseDirection('in out')).toBeNull();
    expect(parseResponse('Positive')).toBe('positive');
    expect(parseResponse(' NEGATIVE ')).toBe('negative');
    expect(parseResponse('meh')).toBeNull();
  });
});
