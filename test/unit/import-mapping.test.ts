/**
 * Column guessing for the export formats of other tools, and the converters the import wizard
 * previews with: full names, dates in the user's locale, yes/no, tags and lifecycle stages.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  guessMapping,
  headerKey,
  monthFirst,
  parseImportDate,
  parseStage,
  parseYesNo,
  splitFullName,
  splitTags,
  type PersonField,
} from '../../shared/domain/import-mapping.ts';

/** Header → the field expected (absent: not imported). */
function expectMapping(csvHeader: string, expected: Record<string, PersonField>) {
  const headers = csvHeader.split(',');
  const got = guessMapping(headers);
  const mapped = Object.fromEntries(headers.flatMap((h, i) => (got[i] ? [[h, got[i]]] : [])));
  expect(mapped).toEqual(expected);
}

describe('guessing the columns', () => {
  it('reads a Google Contacts export', () => {
    expectMapping(
      'First Name,Middle Name,Last Name,Phonetic First Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country',
      {
        'First Name': 'givenName',
        'Last Name': 'familyName',
        'Organization Name': 'company',
        'Organization Title': 'jobTitle',
        Birthday: 'birthday',
        Notes: 'notes',
        Labels: 'tags',
        'E-mail 1 - Value': 'email',
        'E-mail 2 - Value': 'email2',
        'Phone 1 - Value': 'phone',
        'Phone 2 - Value': 'phone2',
        'Address 1 - Street': 'street',
        'Address 1 - City': 'city',
        'Address 1 - Postal Code': 'postcode',
        'Address 1 - Country': 'country',
      },
    );
  });

  it('reads an Outlook export, where "Title" is Mr or Ms and "Job Title" the job', () => {
    expectMapping(
      'Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,Business Street,Business City,Business State,Business Postal Code,Business Country/Region,Home Street,Home City,Business Phone,Business Phone 2,Home Phone,Mobile Phone,E-mail Address,E-mail 2 Address,Birthday,Notes,Categories',
      {
        'First Name': 'givenName',
        'Last Name': 'familyName',
        Company: 'company',
        'Job Title': 'jobTitle',
        'Business Street': 'street',
        'Business City': 'city',
        'Business Postal Code': 'postcode',
        'Business Country/Region': 'country',
        'Business Phone': 'phone',
        'Business Phone 2': 'phone2',
        'Mobile Phone': 'mobile',
        'E-mail Address': 'email',
        'E-mail 2 Address': 'email2',
        Birthday: 'birthday',
        Notes: 'notes',
        Categories: 'tags',
      },
    );
  });

  it('reads LinkedIn, HubSpot, Salesforce and Pipedrive exports', () => {
    expectMapping('First Name,Last Name,URL,Email Address,Company,Position,Connected On', {
      'First Name': 'givenName',
      'Last Name': 'familyName',
      'Email Address': 'email',
      Company: 'company',
      Position: 'jobTitle',
    });
    expectMapping(
      'Record ID,First Name,Last Name,Email,Phone Number,Mobile Phone Number,Company Name,Job Title,Street Address,City,Postal Code,Country/Region,Lifecycle Stage,Contact owner,Original Source',
      {
        'Record ID': 'externalId',
        'First Name': 'givenName',
        'Last Name': 'familyName',
        Email: 'email',
        'Phone Number': 'phone',
        'Mobile Phone Number': 'mobile',
        'Company Name': 'company',
        'Job Title': 'jobTitle',
        'Street Address': 'street',
        City: 'city',
        'Postal Code': 'postcode',
        'Country/Region': 'country',
        'Lifecycle Stage': 'stage',
        'Contact owner': 'owner',
        'Original Source': 'source',
      },
    );
    expectMapping(
      'Contact ID,First Name,Last Name,Title,Account Name,Email,Phone,Mobile,Mailing Street,Mailing City,Mailing Zip/Postal Code,Mailing Country,Lead Source,Contact Owner,Birthdate,Description',
      {
        'Contact ID': 'externalId',
        'First Name': 'givenName',
        'Last Name': 'familyName',
        Title: 'jobTitle',
        'Account Name': 'company',
        Email: 'email',
        Phone: 'phone',
        Mobile: 'mobile',
        'Mailing Street': 'street',
        'Mailing City': 'city',
        'Mailing Zip/Postal Code': 'postcode',
        'Mailing Country': 'country',
        'Lead Source': 'source',
        'Contact Owner': 'owner',
        Birthdate: 'birthday',
        Description: 'notes',
      },
    );
    expectMapping(
      'Person - ID,Person - Name,Person - Organization,Person - Email - Work,Person - Phone - Work,Person - Phone - Mobile,Person - Label,Person - Owner',
      {
        'Person - ID': 'externalId',
        'Person - Name': 'fullName',
        'Person - Organization': 'company',
        'Person - Email - Work': 'email',
        'Person - Phone - Work': 'phone',
        'Person - Phone - Mobile': 'mobile',
        'Person - Label': 'tags',
        'Person - Owner': 'owner',
      },
    );
  });

  it('reads a spreadsheet written by hand, whatever the case and punctuation', () => {
    expectMapping('NAME,company,Tel.,e-mail,Post code,Town,Do not call,Notes', {
      NAME: 'fullName',
      company: 'company',
      'Tel.': 'phone',
      'e-mail': 'email',
      'Post code': 'postcode',
      Town: 'city',
      'Do not call': 'doNotCall',
      Notes: 'notes',
    });
    // Each field goes to one column; unknown columns are left out.
    expect(guessMapping(['Email', 'Email', 'Email', 'Shoe size', ''])).toEqual([
      'email',
      'email2',
      null,
      null,
      null,
    ]);
  });

  it('remembers a mapping under the headers as compared', () => {
    expect(headerKey(['First Name', 'E-mail'])).toBe(headerKey(['first_name', 'EMAIL']));
    expect(headerKey(['First Name', 'E-mail'])).not.toBe(headerKey(['E-mail', 'First Name']));
  });
});

describe('converting cells', () => {
  it('splits full names, with titles, suffixes, particles and "family, given"', () => {
    const cases: [string, string, string][] = [
      ['Ann Lee', 'Ann', 'Lee'],
      ['  Ann   Marie  Lee ', 'Ann Marie', 'Lee'],
      ['Dr. Ann Lee', 'Ann', 'Lee'],
      ['Lee, Ann', 'Ann', 'Lee'],
      ['Ann Lee, PhD', 'Ann', 'Lee'],
      ['Bob Ray Jr.', 'Bob', 'Ray'],
      ['Ludwig van Beethoven', 'Ludwig', 'van Beethoven'],
      ['Zoë Brontë', 'Zoë', 'Brontë'],
      ['Cher', 'Cher', ''],
      ['', '', ''],
    ];
    for (const [full, givenName, familyName] of cases)
      expect(splitFullName(full), full).toEqual({ givenName, familyName });
  });

  it('any "given family" of two plain words splits back into them', () => {
    const word = fc
      .stringMatching(/^[A-Z][a-zà-ÿ]{2,12}$/u)
      .filter(
        (w) =>
          !/^(Mrs?|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Herr|Frau|Mme|Mlle|Jr|Sr|Phd|Md|Mba|Esq|Obe|Mbe|Cbe|Ii|Iii|Iv)$/iu.test(
            w,
          ),
      );
    fc.assert(
      fc.property(word, word, (given, family) => {
        expect(splitFullName(`${given} ${family}`)).toEqual({ givenName: given, familyName: family });
      }),
    );
  });

  it('knows which locales write the month first', () => {
    expect(monthFirst('en-US')).toBe(true);
    expect(monthFirst('en-GB')).toBe(false);
    expect(monthFirst('de-DE')).toBe(false);
  });

  it('parses dates as people write them in their locale, and refuses what is not a date', () => {
    const y = 2026;
    expect(parseImportDate('2026-11-22', 'en-GB', y)).toBe('2026-11-22');
    expect(parseImportDate('2026-11-22T10:15:00Z', 'en-GB', y)).toBe('2026-11-22');
    expect(parseImportDate('22/11/2026', 'en-GB', y)).toBe('2026-11-22');
    expect(parseImportDate('11/22/2026', 'en-US', y)).toBe('2026-11-22');
    expect(parseImportDate('22.11.2026', 'de-DE', y)).toBe('2026-11-22');
    expect(parseImportDate('3/4/85', 'en-GB', y)).toBe('1985-04-03');
    expect(parseImportDate('3/4/25', 'en-GB', y)).toBe('2025-04-03');
    expect(parseImportDate('22 Nov 2026', 'en-US', y)).toBe('2026-11-22');
    expect(parseImportDate('November 22, 2026', 'en-GB', y)).toBe('2026-11-22');
    expect(parseImportDate('1st March 1990', 'en-GB', y)).toBe('1990-03-01');
    for (const bad of ['31/02/2026', '11/22/2026', '2026-13-01', 'soon', '', '22 Foo 2026', '12345'])
      expect(parseImportDate(bad, 'en-GB', y), bad).toBeNull();
  });

  it('reads back any real date written as ISO, en-GB or en-US', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          const [yy, mm, dd] = iso.split('-');
          expect(parseImportDate(iso, 'en-GB')).toBe(iso);
          expect(parseImportDate(`${dd}/${mm}/${yy}`, 'en-GB')).toBe(iso);
          expect(parseImportDate(`${mm}/${dd}/${yy}`, 'en-US')).toBe(iso);
        },
      ),
    );
  });

  it('reads yes/no, tags and lifecycle stages', () => {
    expect(['Yes', 'TRUE', '1', 'x', 'ja'].map(parseYesNo)).toEqual([true, true, true, true, true]);
    expect(['No', 'false', '0', '', 'nein'].map(parseYesNo)).toEqual([false, false, false, false, false]);
    expect(parseYesNo('maybe')).toBeNull();
    expect(splitTags('* myContacts ::: Friends ::: VIP')).toEqual(['Friends', 'VIP']);
    expect(splitTags('wholesale; VIP, wholesale')).toEqual(['wholesale', 'VIP']);
    expect(splitTags('  ')).toEqual([]);
    expect(
      ['Lead', 'Marketing qualified lead', 'Opportunity', 'Customer', 'Evangelist', 'Former customer'].map(
        parseStage,
      ),
    ).toEqual(['lead', 'lead', 'prospect', 'customer', 'customer', 'former']);
    expect(parseStage('Other')).toBeNull();
  });
});
