import { describe, expect, it } from 'vitest';
import { addPerson, book, insertCall, insertNote } from './contacts.helpers.ts';

async function fixture() {
  const b = await book();
  const acme = await b.client.call('companies.create', {
    name: 'Acme Engines',
    domain: 'acme.test',
    phones: [{ label: 'work', number: '0161 496 0000' }],
  });
  const muller = await addPerson(b, {
    givenName: 'Jürgen',
    familyName: 'Müller',
    companyId: acme.id,
    emails: [{ label: 'work', email: 'jurgen.muller@acme.test' }],
    phones: [{ label: 'work', number: '020 7946 0958' }],
  });
  const ada = await addPerson(b, {
    givenName: 'Ada',
    familyName: 'Lovelace',
    emails: [{ label: 'work', email: 'ada@analytical.co.uk' }],
  });
  insertNote(b, {
    id: 'note-1',
    personId: ada.id,
    body: 'Wants the new price list.\nCall after the budget meeting in March.',
  });
  insertCall(b, {
    id: 'call-1',
    personId: muller.id,
    startedAt: b.clock() - 1000,
    summary: 'Discussed the Zeppelin order and delivery dates',
  });
  return { b, acme, muller, ada };
}

const kinds = (r: { groups: { kind: string }[] }) => r.groups.map((g) => g.kind);
const ids = (r: { groups: { hits: { id: string }[] }[] }) => r.groups.flatMap((g) => g.hits.map((h) => h.id));

describe('search.global', () => {
  it('finds people by word prefixes, ignoring case and diacritics', async () => {
    const { b, muller, acme } = await fixture();
    for (const query of ['Muller', 'müll', 'MUL', 'jurg mul', 'Jürgen Müller']) {
      const r = await b.client.call('search.global', { query });
      expect(r.groups[0], query).toEqual({
        kind: 'person',
        hits: [
          {
            kind: 'person',
            id: muller.id,
            personId: muller.id,
            companyId: acme.id,
            title: 'Jürgen Müller',
            detail: 'Acme Engines · jurgen.muller@acme.test',
          },
        ],
      });
    }
    expect((await b.client.call('search.global', { query: 'muller xyz' })).groups).toEqual([]);
  });

  it('finds people by email words and companies by name; groups come person, company, note, call', async () => {
    const { b, ada, acme, muller } = await fixture();
    expect(ids(await b.client.call('search.global', { query: 'analytical' }))).toEqual([ada.id]);
    expect(ids(await b.client.call('search.global', { query: 'ada@analytical.co.uk' }))).toEqual([ada.id]);
    const r = await b.client.call('search.global', { query: 'acme' });
    expect(kinds(r)).toEqual(['person', 'company']);
    expect(r.groups[1]?.hits[0]).toEqual({
      kind: 'company',
      id: acme.id,
      personId: null,
      companyId: acme.id,
      title: 'Acme Engines',
      detail: 'acme.test',
    });
    expect(r.groups[0]?.hits[0]?.id).toBe(muller.id);
  });

  it('finds phones typed in another format, and partial numbers', async () => {
    const { b, muller, acme } = await fixture();
    for (const query of [
      '+44 20 7946 0958',
      '0044 20 7946 0958',
      '020 7946 0958',
      '(020) 7946-0958',
      '2079460958',
      '020 794',
    ]) {
      const r = await b.client.call('search.global', { query });
      expect(ids(r), query).toEqual([muller.id]);
    }
    const company = await b.client.call('search.global', { query: '+44 161 496 0000' });
    expect(company.groups).toEqual([{ kind: 'company', hits: [expect.objectContaining({ id: acme.id })] }]);
  });

  it('finds notes and call summaries, titled by the person, with a snippet', async () => {
    const { b, ada, muller } = await fixture();
    const note = await b.client.call('search.global', { query: 'budget' });
    expect(note.groups).toEqual([
      {
        kind: 'note',
        hits: [
          {
            kind: 'note',
            id: 'note-1',
            personId: ada.id,
            companyId: null,
            title: 'Ada Lovelace',
            detail: 'Wants the new price list. Call after the budget meeting in March.',
          },
        ],
      },
    ]);
    const call = await b.client.call('search.global', { query: 'zeppe' });
    expect(call.groups[0]?.kind).toBe('call');
    expect(call.groups[0]?.hits[0]).toMatchObject({
      id: 'call-1',
      personId: muller.id,
      title: 'Jürgen Müller',
    });
  });

  it('leaves out deleted people, companies and what belongs to people in the Trash', async () => {
    const { b, ada, muller, acme } = await fixture();
    await b.client.call('people.delete', { ids: [ada.id, muller.id] });
    expect((await b.client.call('search.global', { query: 'lovelace' })).groups).toEqual([]);
    expect((await b.client.call('search.global', { query: 'budget' })).groups).toEqual([]);
    expect((await b.client.call('search.global', { query: 'zeppelin' })).groups).toEqual([]);
    expect((await b.client.call('search.global', { query: '020 7946 0958' })).groups).toEqual([]);
    await b.client.call('companies.delete', { ids: [acme.id] });
    expect((await b.client.call('search.global', { query: 'acme' })).groups).toEqual([]);
  });

  it('caps each group at the limit, answers one-letter queries, and survives quotes and operators', async () => {
    const b = await book();
    for (let i = 0; i < 30; i++) await addPerson(b, { givenName: `Sam${i}`, familyName: 'Smith' });
    const r = await b.client.call('search.global', { query: 's', limit: 7 });
    expect(r.groups).toHaveLength(1);
    expect(r.groups[0]?.hits).toHaveLength(7);
    expect(
      (await b.client.call('search.global', { query: 'smith', limit: 50 })).groups[0]?.hits,
    ).toHaveLength(30);
    for (const query of [
      '"',
      'smith"',
      'NOT smith',
      'smith OR',
      'sm*th',
      '(',
      'AND',
      '  ',
      '',
      '-',
      'NEAR(smith)',
    ]) {
      await expect(b.client.call('search.global', { query })).resolves.toMatchObject({ query });
    }
    expect(ids(await b.client.call('search.global', { query: '"smith" sam1' }))).toHaveLength(11);
  });
  it('puts name matches before matches in other fields, newest first within each', async () => {
    const b = await book();
    const named = await addPerson(b, { givenName: 'Carter', familyName: 'Jones' });
    const older = await addPerson(b, { givenName: 'Ann', familyName: 'Carterton' });
    const byEmail = await addPerson(b, {
      givenName: 'Bea',
      emails: [{ label: 'work', email: 'bea@carter.test' }],
    });
    const r = await b.client.call('search.global', { query: 'carter' });
    expect(ids(r)).toEqual([older.id, named.id, byEmail.id]);
  });

  it('answers single letters from the name indexes: people by family name, companies by name', async () => {
    const b = await book();
    const brown = await addPerson(b, { givenName: 'Zed', familyName: 'Brown' });
    await addPerson(b, { givenName: 'Bob', familyName: 'Adams' });
    const beta = await b.client.call('companies.create', { name: 'Beta Ltd' });
    const r = await b.client.call('search.global', { query: 'B' });
    expect(r.groups.map((g) => [g.kind, g.hits.map((h) => h.id)])).toEqual([
      ['person', [brown.id]],
      ['company', [beta.id]],
    ]);
  });
});
