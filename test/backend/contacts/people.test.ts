import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors.ts';
import { addPerson, book, changeCount, changedEvents, lastChanged, ownerId } from './contacts.helpers.ts';

describe('people.create', () => {
  it('stores a full person: composed name, sort key, normalised phones, emails, tags, window, opt-in', async () => {
    const b = await book();
    const company = await b.client.call('companies.create', { name: 'Analytical Engines' });
    const p = await b.client.call('people.create', {
      person: {
        givenName: 'Zoë',
        familyName: 'Müller',
        companyId: company.id,
        jobTitle: 'Buyer',
        birthday: '1980-02-29',
        gender: 'female',
        stage: 'prospect',
        source: 'Trade show',
        tags: ['VIP', 'north'],
        doNotCall: true,
        emailOptIn: true,
        callingWindow: { days: [1, 3, 5], from: '09:30', to: '17:00', timeZone: 'Europe/London' },
        phones: [
          { label: 'work', number: '020 7946 0958' },
          { label: 'mobile', number: '+44 7700 900123' },
        ],
        emails: [{ label: 'work', email: 'Zoe.Muller@Engines.co.uk' }],
        address: { street: '1 High St', city: 'Leeds', postcode: 'LS1 1AA' },
      },
    });
    expect(p).toMatchObject({
      givenName: 'Zoë',
      familyName: 'Müller',
      displayName: 'Zoë Müller',
      companyId: company.id,
      companyName: 'Analytical Engines',
      stage: 'prospect',
      ownerId: ownerId(b),
      tags: ['north', 'VIP'],
      doNotCall: true,
      emailOptIn: true,
      emailOptInAt: b.clock(),
      callingWindow: { days: [1, 3, 5], from: '09:30', to: '17:00', timeZone: 'Europe/London' },
      address: { street: '1 High St', city: 'Leeds', region: null, postcode: 'LS1 1AA', country: null },
      deletedAt: null,
    });
    expect(p.phones.map((ph) => [ph.number, ph.digits])).toEqual([
      ['020 7946 0958', '2079460958'],
      ['+44 7700 900123', '7700900123'],
    ]);
    expect(p.emails.map((e) => e.email)).toEqual(['Zoe.Muller@Engines.co.uk']);
    const row = b.book.sqlite.prepare(`SELECT * FROM people WHERE id = ?`).get(p.id) as Record<
      string,
      unknown
    >;
    expect(row).toMatchObject({
      sort_key: 'muller zoe zoe muller',
      primary_phone: '020 7946 0958',
      primary_email: 'Zoe.Muller@Engines.co.uk',
      call_days: 1 | 4 | 16,
      call_from: 570,
      call_to: 1020,
      time_zone: 'Europe/London',
    });
    const phones = b.book.sqlite
      .prepare(`SELECT e164 FROM phones WHERE person_id = ? ORDER BY position`)
      .pluck()
      .all(p.id);
    expect(phones).toEqual(['+442079460958', '+447700900123']);
    expect(
      b.book.sqlite.prepare(`SELECT email_lower FROM emails WHERE person_id = ?`).pluck().get(p.id),
    ).toBe('zoe.muller@engines.co.uk');
    expect(await b.client.call('people.get', { id: p.id })).toEqual(p);
  });

  it('reuses tags by name whatever their case and announces people and tags as changed', async () => {
    const b = await book();
    await addPerson(b, { givenName: 'A', tags: ['VIP'] });
    const before = changedEvents(b).length;
    const p = await addPerson(b, { givenName: 'B', tags: ['vip', 'New'] });
    expect(p.tags).toEqual(['New', 'VIP']);
    expect(b.book.sqlite.prepare(`SELECT name FROM tags ORDER BY name`).pluck().all()).toEqual([
      'New',
      'VIP',
    ]);
    expect(changedEvents(b)).toHaveLength(before + 1);
    expect(lastChanged(b)?.tables.sort()).toEqual(['people', 'tags']);
    expect(lastChanged(b)?.ids).toContain(p.id);
  });

  it('uses the display name given, and needs some name', async () => {
    const b = await book();
    const p = await addPerson(b, { displayName: 'The Boss' });
    expect(p).toMatchObject({ displayName: 'The Boss', givenName: '', familyName: '' });
    await expect(addPerson(b, { givenName: '  ' })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { issues: [{ path: 'person.givenName' }] },
    });
  });

  const bad: [string, Record<string, unknown>, RegExp | string][] = [
    [
      'an invalid email',
      { givenName: 'A', emails: [{ label: 'work', email: 'not-an-email' }] },
      'person.emails.0.email',
    ],
    [
      'a phone with no digits',
      { givenName: 'A', phones: [{ label: 'work', number: 'call me' }] },
      'person.phones.0.number',
    ],
    ['an empty name', { givenName: '', familyName: '' }, 'person.givenName'],
    ['a birthday that is not a date', { givenName: 'A', birthday: '2026-02-30' }, 'person.birthday'],
    [
      'a bad calling window',
      { givenName: 'A', callingWindow: { days: [1], from: '18:00', to: '09:00', timeZone: 'Europe/London' } },
      'person.callingWindow.to',
    ],
  ];
  for (const [what, person, path] of bad) {
    it(`refuses ${what} at the field and writes nothing`, async () => {
      const b = await book();
      const n = changeCount(b);
      const events = changedEvents(b).length;
      const err = await b.client.call('people.create', { person: person as never }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: 'VALIDATION' });
      const issues = (err as AppError).details as { issues: { path: string }[] };
      expect(issues.issues.map((i) => i.path)).toContain(path);
      expect(changeCount(b)).toBe(n);
      expect(changedEvents(b)).toHaveLength(events);
      expect(b.book.sqlite.prepare(`SELECT count(*) FROM people`).pluck().get()).toBe(0);
    });
  }

  it('refuses an unknown company or owner with NOT_FOUND and writes nothing', async () => {
    const b = await book();
    const n = changeCount(b);
    await expect(addPerson(b, { givenName: 'A', companyId: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { issues: [{ path: 'companyId' }] },
    });
    await expect(addPerson(b, { givenName: 'A', ownerId: 'nobody' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const company = await b.client.call('companies.create', { name: 'Gone Ltd' });
    await b.client.call('companies.delete', { ids: [company.id] });
    const m = changeCount(b);
    await expect(addPerson(b, { givenName: 'A', companyId: company.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(changeCount(b)).toBe(m);
    expect(m).toBeGreaterThan(n);
    expect(b.book.sqlite.prepare(`SELECT count(*) FROM people`).pluck().get()).toBe(0);
    expect(b.book.sqlite.prepare(`SELECT count(*) FROM tags`).pluck().get()).toBe(0);
  });
});

describe('custom fields on people', () => {
  async function withFields() {
    const b = await book();
    await b.client.call('customFields.create', { entity: 'person', label: 'Shoe size', type: 'number' });
    await b.client.call('customFields.create', {
      entity: 'person',
      label: 'Region',
      type: 'select',
      options: ['North', 'South'],
    });
    await b.client.call('customFields.create', {
      entity: 'person',
      label: 'Interests',
      type: 'multiselect',
      options: ['Tea', 'Cake'],
    });
    await b.client.call('customFields.create', { entity: 'person', label: 'Renewal date', type: 'date' });
    await b.client.call('customFields.create', { entity: 'person', label: 'Newsletter', type: 'checkbox' });
    await b.client.call('customFields.create', { entity: 'person', label: 'Nickname', type: 'text' });
    return b;
  }

  it('stores values that fit their definitions', async () => {
    const b = await withFields();
    const p = await addPerson(b, {
      givenName: 'A',
      custom: {
        shoe_size: 9.5,
        region: 'North',
        interests: ['Tea', 'Cake'],
        renewal_date: '2027-01-31',
        newsletter: true,
        nickname: 'Al',
      },
    });
    expect(p.custom).toEqual({
      shoe_size: 9.5,
      region: 'North',
      interests: ['Tea', 'Cake'],
      renewal_date: '2027-01-31',
      newsletter: true,
      nickname: 'Al',
    });
    const updated = await b.client.call('people.update', {
      id: p.id,
      patch: { custom: { region: null, nickname: 'Ally' } },
    });
    expect(updated.custom).toEqual({
      shoe_size: 9.5,
      interests: ['Tea', 'Cake'],
      renewal_date: '2027-01-31',
      newsletter: true,
      nickname: 'Ally',
    });
  });

  const wrong: [string, Record<string, unknown>, string][] = [
    ['an unknown option', { region: 'West' }, 'custom.region'],
    ['an unknown multiselect option', { interests: ['Tea', 'Beer'] }, 'custom.interests'],
    ['an unknown field', { favourite_colour: 'red' }, 'custom.favourite_colour'],
    ['text in a number field', { shoe_size: 'nine' }, 'custom.shoe_size'],
    ['a date that does not exist', { renewal_date: '2027-02-30' }, 'custom.renewal_date'],
    ['text in a checkbox', { newsletter: 'yes' }, 'custom.newsletter'],
    ['a number in a text field', { nickname: 5 }, 'custom.nickname'],
  ];
  for (const [what, custom, path] of wrong) {
    it(`refuses ${what} at ${path} and writes nothing`, async () => {
      const b = await withFields();
      const n = changeCount(b);
      const err = (await addPerson(b, { givenName: 'A', custom: custom as never }).catch(
        (e: unknown) => e,
      )) as AppError;
      expect(err.code).toBe('VALIDATION');
      expect(err.details).toMatchObject({ issues: [{ path }] });
      expect(err.message).toContain(path);
      expect(changeCount(b)).toBe(n);
      expect(b.book.sqlite.prepare(`SELECT count(*) FROM people`).pluck().get()).toBe(0);
    });
  }

  it('hides values of a deleted field but keeps them stored', async () => {
    const b = await withFields();
    const p = await addPerson(b, { givenName: 'A', custom: { nickname: 'Al', shoe_size: 8 } });
    const fields = await b.client.call('customFields.list', {});
    await b.client.call('customFields.delete', { id: fields.find((f) => f.key === 'nickname')!.id });
    expect((await b.client.call('people.get', { id: p.id })).custom).toEqual({ shoe_size: 8 });
    expect(
      JSON.parse(b.book.sqlite.prepare(`SELECT custom FROM people WHERE id = ?`).pluck().get(p.id) as string),
    ).toEqual({
      nickname: 'Al',
      shoe_size: 8,
    });
    await expect(
      b.client.call('people.update', { id: p.id, patch: { custom: { nickname: 'B' } } }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { issues: [{ path: 'custom.nickname' }] },
    });
  });
});

describe('duplicates', () => {
  it('warns on the same email (any case) or the same phone in another format, unless allowed', async () => {
    const b = await book();
    const ada = await addPerson(b, {
      givenName: 'Ada',
      familyName: 'Lovelace',
      emails: [{ label: 'work', email: 'ada@engines.co.uk' }],
      phones: [{ label: 'work', number: '020 7946 0958' }],
    });
    const n = changeCount(b);
    const err = (await b.client
      .call('people.create', {
        person: { givenName: 'Ada', emails: [{ label: 'home', email: 'ADA@Engines.co.uk' }] },
      })
      .catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe('CONFLICT');
    expect(err.details).toEqual({
      duplicates: [
        {
          personId: ada.id,
          displayName: 'Ada Lovelace',
          companyName: null,
          matchedOn: [{ kind: 'email', value: 'ada@engines.co.uk' }],
        },
      ],
    });
    await expect(
      b.client.call('people.create', {
        person: { givenName: 'X', phones: [{ label: 'work', number: '+44 20 7946 0958' }] },
      }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { duplicates: [{ personId: ada.id, matchedOn: [{ kind: 'phone', value: '020 7946 0958' }] }] },
    });
    expect(changeCount(b)).toBe(n);

    const dupes = await b.client.call('people.duplicates', {
      emails: ['Ada@engines.co.uk'],
      phones: ['0044 20 7946 0958'],
    });
    expect(dupes).toEqual([
      {
        personId: ada.id,
        displayName: 'Ada Lovelace',
        companyName: null,
        matchedOn: [
          { kind: 'email', value: 'ada@engines.co.uk' },
          { kind: 'phone', value: '020 7946 0958' },
        ],
      },
    ]);
    expect(
      await b.client.call('people.duplicates', { emails: ['ada@engines.co.uk'], excludeId: ada.id }),
    ).toEqual([]);

    const twin = await b.client.call('people.create', {
      person: { givenName: 'Ada', emails: [{ label: 'work', email: 'ada@engines.co.uk' }] },
      allowDuplicate: true,
    });
    expect(twin.id).not.toBe(ada.id);
    // People in the Trash are not duplicates.
    await b.client.call('people.delete', { ids: [ada.id, twin.id] });
    expect(await b.client.call('people.duplicates', { emails: ['ada@engines.co.uk'] })).toEqual([]);
  });
});

describe('people.update', () => {
  it('patches only what is given; phones and emails replace the set; the name follows given and family', async () => {
    const b = await book();
    const p = await addPerson(b, {
      givenName: 'Ada',
      familyName: 'Byron',
      phones: [{ label: 'work', number: '020 7946 0958' }],
      emails: [{ label: 'work', email: 'ada@byron.uk' }],
      tags: ['a', 'b'],
      address: { city: 'London', country: 'UK' },
    });
    b.clock.advance(1000);
    const u = await b.client.call('people.update', {
      id: p.id,
      expectedUpdatedAt: p.updatedAt,
      patch: {
        familyName: 'Lovelace',
        phones: [
          { id: p.phones[0]!.id, label: 'work', number: '020 7946 0958' },
          { label: 'mobile', number: '07700 900123' },
        ],
        emails: [],
        tags: ['b', 'c'],
        address: { city: 'Leeds' },
      },
    });
    expect(u).toMatchObject({
      displayName: 'Ada Lovelace',
      givenName: 'Ada',
      familyName: 'Lovelace',
      tags: ['b', 'c'],
      emails: [],
      address: { city: 'Leeds', country: 'UK' },
      updatedAt: p.updatedAt + 1000,
      createdAt: p.createdAt,
    });
    expect(u.phones.map((ph) => ph.number)).toEqual(['020 7946 0958', '07700 900123']);
    expect(u.phones[0]!.id).toBe(p.phones[0]!.id);
    const row = b.book.sqlite
      .prepare(`SELECT sort_key, primary_email, primary_phone FROM people WHERE id = ?`)
      .get(p.id);
    expect(row).toEqual({
      sort_key: 'lovelace ada ada lovelace',
      primary_email: null,
      primary_phone: '020 7946 0958',
    });
    expect(lastChanged(b)?.tables).toContain('people');

    // A chosen display name stays when the names change.
    const named = await b.client.call('people.update', { id: p.id, patch: { displayName: 'Countess' } });
    const renamed = await b.client.call('people.update', { id: p.id, patch: { givenName: 'Augusta' } });
    expect(named.displayName).toBe('Countess');
    expect(renamed.displayName).toBe('Countess');
  });

  it('sets email_opt_in_at when the opt-in is switched on, clears it when off', async () => {
    const b = await book();
    const p = await addPerson(b, { givenName: 'A' });
    expect(p.emailOptInAt).toBeNull();
    b.clock.advance(5000);
    const on = await b.client.call('people.update', { id: p.id, patch: { emailOptIn: true } });
    expect(on.emailOptInAt).toBe(b.clock());
    b.clock.advance(5000);
    const again = await b.client.call('people.update', { id: p.id, patch: { emailOptIn: true } });
    expect(again.emailOptInAt).toBe(on.emailOptInAt);
    const off = await b.client.call('people.update', {
      id: p.id,
      patch: { emailOptIn: false, callingWindow: null },
    });
    expect(off).toMatchObject({ emailOptIn: false, emailOptInAt: null, callingWindow: null });
  });

  it('refuses a stale edit, an unknown person and one in the Trash, writing nothing', async () => {
    const b = await book();
    const p = await addPerson(b, { givenName: 'A' });
    b.clock.advance(10);
    await b.client.call('people.update', { id: p.id, patch: { jobTitle: 'Boss' } });
    const n = changeCount(b);
    await expect(
      b.client.call('people.update', {
        id: p.id,
        expectedUpdatedAt: p.updatedAt,
        patch: { jobTitle: 'Clerk' },
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/changed by someone else/u) });
    await expect(
      b.client.call('people.update', { id: 'nobody', patch: { jobTitle: 'X' } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      b.client.call('people.update', { id: p.id, patch: { givenName: '', familyName: '', displayName: '' } }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(changeCount(b)).toBe(n);
    expect((await b.client.call('people.get', { id: p.id })).jobTitle).toBe('Boss');
    await b.client.call('people.delete', { ids: [p.id] });
    await expect(
      b.client.call('people.update', { id: p.id, patch: { jobTitle: 'X' } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('people.delete and people.get', () => {
  it('soft-deletes into the Trash as an undoable batch; get still shows it with deletedAt', async () => {
    const b = await book();
    const a = await addPerson(b, { givenName: 'Ann' });
    const c = await addPerson(b, { givenName: 'Cat' });
    b.clock.advance(100);
    const res = await b.client.call('people.delete', { ids: [a.id, 'nobody'] });
    expect(res.count).toBe(1);
    expect(lastChanged(b)?.tables.sort()).toEqual(['batches', 'people']);
    expect((await b.client.call('people.get', { id: a.id })).deletedAt).toBe(b.clock());
    const list = await b.client.call('people.list', {});
    expect(list.rows.map((r) => r.id)).toEqual([c.id]);
    expect((await b.client.call('search.global', { query: 'Ann' })).groups).toEqual([]);
    await expect(b.client.call('people.delete', { ids: [a.id] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(b.client.call('people.get', { id: 'nobody' })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await b.client.call('batches.undo', { batchId: res.batchId });
    expect((await b.client.call('people.get', { id: a.id })).deletedAt).toBeNull();
    expect((await b.client.call('search.global', { query: 'Ann' })).groups[0]?.hits[0]?.id).toBe(a.id);
    await expect(b.client.call('batches.undo', { batchId: res.batchId })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(b.client.call('batches.undo', { batchId: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
