/**
 * A people file's records through the column mapping, as the import previews them: the person
 * each becomes, or the problems that skip it (line, column, value, reason).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { personFromRecord } from '../../electron/backend/import/person-rows.ts';
import { guessMapping } from '../../shared/domain/import-mapping.ts';

const headers = [
  'Name',
  'Company',
  'E-mail',
  'Phone',
  'Mobile',
  'Birthday',
  'Stage',
  'Tags',
  'Do not call',
  'Town',
  'Notes',
  'ID',
];
const mapping = guessMapping(headers);

describe('a record as a person', () => {
  it('maps the columns as guessed', () => {
    expect(mapping).toEqual([
      'fullName',
      'company',
      'email',
      'phone',
      'mobile',
      'birthday',
      'stage',
      'tags',
      'doNotCall',
      'city',
      'notes',
      'externalId',
    ]);
  });

  it('builds the person people.create would make, with what the job resolves beside it', () => {
    const row = personFromRecord(
      headers,
      mapping,
      [
        ' Lee, Ann ',
        'Acme Ltd',
        'ann@acme.test',
        '020 7946 0000',
        '07700 900123',
        '31/03/1986',
        'Customer',
        'VIP; wholesale',
        'no',
        'Leeds',
        'Met at the fair',
        'hs-42',
      ],
      7,
      'en-GB',
    );
    // What the schema gave back travels too: the job does not check the person again.
    expect(row.ok && row.parsed?.emails).toEqual([{ label: 'work', email: 'ann@acme.test' }]);
    expect(row).toEqual({
      ok: true,
      parsed: expect.objectContaining({ givenName: 'Ann', familyName: 'Lee' }),
      named: true,
      value: {
        person: {
          givenName: 'Ann',
          familyName: 'Lee',
          emails: [{ label: 'work', email: 'ann@acme.test' }],
          phones: [
            { label: 'work', number: '020 7946 0000' },
            { label: 'mobile', number: '07700 900123' },
          ],
          address: { city: 'Leeds' },
          birthday: '1986-03-31',
          stage: 'customer',
          doNotCall: false,
          tags: ['VIP', 'wholesale'],
        },
        companyName: 'Acme Ltd',
        owner: null,
        notes: 'Met at the fair',
        externalId: 'hs-42',
      },
    });
  });

  it('names the line, column, value and reason of everything wrong, and skips the record', () => {
    const row = personFromRecord(
      headers,
      mapping,
      ['Bob Ray', '', 'bob@', '12', '', '31/02/1990', 'Whale', '', 'perhaps', '', '', ''],
      12,
      'en-GB',
    );
    expect(row.ok).toBe(false);
    if (row.ok) return;
    expect(row.problems).toEqual([
      {
        line: 12,
        column: 'Birthday',
        value: '31/02/1990',
        reason: 'Not a date this import can read. Write it as 31/03/1986 or 1986-03-31.',
      },
      {
        line: 12,
        column: 'Stage',
        value: 'Whale',
        reason: 'Not a lifecycle stage: use lead, prospect, customer or former customer.',
      },
      { line: 12, column: 'Do not call', value: 'perhaps', reason: 'Write yes or no (or leave it empty).' },
      {
        line: 12,
        column: 'Phone',
        value: '12',
        reason: 'A phone number needs at least three digits.',
      },
      {
        line: 12,
        column: 'E-mail',
        value: 'bob@',
        reason: 'Enter an email address like name@example.com.',
      },
    ]);
  });

  it('refuses a record without a name, and reads the locale’s dates', () => {
    const nameless = personFromRecord(headers, mapping, ['', 'Acme'], 3, 'en-GB');
    expect(nameless).toEqual({
      ok: false,
      problems: [
        { line: 3, column: '', value: '', reason: 'No name: the row has no given, family or full name.' },
      ],
    });
    const us = personFromRecord(
      ['First', 'Last', 'DOB'],
      guessMapping(['First', 'Last', 'DOB']),
      ['Ann', 'Lee', '03/31/1986'],
      2,
      'en-US',
    );
    expect(us.ok && us.value.person).toMatchObject({
      givenName: 'Ann',
      familyName: 'Lee',
      birthday: '1986-03-31',
    });
  });

  it('never throws, whatever the cells hold: a person or problems', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme' }), { minLength: 0, maxLength: headers.length + 2 }),
        fc.nat(),
        (cells, line) => {
          const row = personFromRecord(headers, mapping, cells, line, 'en-GB');
          if (row.ok) expect(row.value.person.givenName || row.value.person.familyName).toBeTruthy();
          else {
            expect(row.problems.length).toBeGreaterThan(0);
            for (const p of row.problems) expect(p.line).toBe(line);
          }
        },
      ),
    );
  });
});
