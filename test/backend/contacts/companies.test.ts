import { describe, expect, it } from 'vitest';
import { addPerson, book, changeCount, lastChanged } from './contacts.helpers.ts';

describe('companies', () => {
  it('creates, reads with its people count, updates and soft-deletes a company', async () => {
    const b = await book();
    await b.client.call('customFields.create', {
      entity: 'company',
      label: 'Tier',
      type: 'select',
      options: ['Gold', 'Silver'],
    });
    const c = await b.client.call('companies.create', {
      name: 'Analytical Engines',
      domain: 'engines.co.uk',
      industry: 'Machinery',
      size: '10–49',
      phones: [{ label: 'work', number: '020 7946 0000' }],
      address: { city: 'London', country: 'UK' },
      tags: ['Key account'],
      custom: { tier: 'Gold' },
    });
    expect(lastChanged(b)?.tables.sort()).toEqual(['companies', 'tags']);
    expect(c).toMatchObject({
      name: 'Analytical Engines',
      domain: 'engines.co.uk',
      industry: 'Machinery',
      size: '10–49',
      address: { street: null, city: 'London', region: null, postcode: null, country: 'UK' },
      tags: ['Key account'],
      custom: { tier: 'Gold' },
      peopleCount: 0,
      deletedAt: null,
    });
    expect(c.phones).toEqual([
      { id: expect.any(String), label: 'work', number: '020 7946 0000', digits: '2079460000' },
    ]);
    await addPerson(b, { givenName: 'Ada', companyId: c.id });
    const gone = await addPerson(b, { givenName: 'Bob', companyId: c.id });
    await b.client.call('people.delete', { ids: [gone.id] });
    expect((await b.client.call('companies.get', { id: c.id })).peopleCount).toBe(1);

    const u = await b.client.call('companies.update', {
      id: c.id,
      patch: { name: 'Difference Engines', tags: [], phones: [] },
    });
    expect(u).toMatchObject({ name: 'Difference Engines', domain: 'engines.co.uk', tags: [], phones: [] });
    // The people's search documents follow the company's new name.
    const found = await b.client.call('search.global', { query: 'difference' });
    expect(found.groups.map((g) => g.kind)).toEqual(['person', 'company']);
    expect(b.book.sqlite.prepare(`SELECT sort_key FROM companies WHERE id = ?`).pluck().get(c.id)).toBe(
      'difference engines',
    );

    const n = changeCount(b);
    await expect(
      b.client.call('companies.update', { id: c.id, patch: { custom: { tier: 'Bronze' } } }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { issues: [{ path: 'custom.tier' }] },
    });
    await expect(
      b.client.call('companies.update', { id: 'nope', patch: { name: 'X' } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(b.client.call('companies.create', { name: '  ' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(changeCount(b)).toBe(n);

    const del = await b.client.call('companies.delete', { ids: [c.id] });
    expect(del.count).toBe(1);
    expect((await b.client.call('companies.get', { id: c.id })).deletedAt).toBe(b.clock());
    expect((await b.client.call('companies.list', {})).rows).toEqual([]);
    await expect(b.client.call('companies.delete', { ids: [c.id] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await b.client.call('batches.undo', { batchId: del.batchId });
    expect((await b.client.call('companies.list', {})).rows.map((r) => r.id)).toEqual([c.id]);
  });

  it('keeps a company’s lifecycle stage and source, so a company can be a lead', async () => {
    const b = await book();
    const made = await b.client.call('companies.create', {
      name: 'Lin Joinery',
      stage: 'lead',
      source: 'Trade show',
    });
    expect(made).toMatchObject({ stage: 'lead', source: 'Trade show' });
    const leads = await b.client.call('leads.list', { filter: { kind: 'company' } });
    expect(leads.rows.map((r) => r.id)).toEqual([made.id]);
    const customer = await b.client.call('companies.update', { id: made.id, patch: { stage: 'customer' } });
    expect(customer).toMatchObject({ stage: 'customer', source: 'Trade show' });
    const cleared = await b.client.call('companies.update', {
      id: made.id,
      patch: { stage: null, source: '' },
    });
    expect(cleared).toMatchObject({ stage: null, source: null });
    await expect(
      b.client.call('companies.update', { id: made.id, patch: { stage: 'vip' as never } }),
    ).rejects.toMatchObject({ code: 'VALIDATION', details: { issues: [{ path: 'patch.stage' }] } });
  });

  it('lists by name or created with keyset pages, a tag filter and a name prefix query', async () => {
    const b = await book();
    const names = ['Ångström Optics', 'acme', 'Acme Tools', 'Beta', 'Café Nero', 'Delta', 'Échelle'];
    const made = [];
    for (const [i, name] of names.entries()) {
      made.push(await b.client.call('companies.create', { name, tags: i % 2 ? ['odd'] : [] }));
      b.clock.advance(1000);
    }
    await addPerson(b, { givenName: 'P', companyId: made[1]!.id });
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof b.client.call<'companies.list'>>> = await b.client.call(
        'companies.list',
        { limit: 2, cursor },
      );
      all.push(...page.rows.map((r) => r.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(all).toEqual(['acme', 'Acme Tools', 'Ångström Optics', 'Beta', 'Café Nero', 'Delta', 'Échelle']);
    const desc = await b.client.call('companies.list', { sort: 'created', direction: 'desc', limit: 3 });
    expect(desc.rows.map((r) => r.name)).toEqual(['Échelle', 'Delta', 'Café Nero']);
    const first = (await b.client.call('companies.list', { limit: 1 })).rows[0];
    expect(first).toEqual({
      id: made[1]!.id,
      name: 'acme',
      domain: null,
      industry: null,
      city: null,
      peopleCount: 1,
      tags: ['odd'],
      createdAt: made[1]!.createdAt,
    });
    const q = async (query: string) =>
      (await b.client.call('companies.list', { filter: { query } })).rows.map((r) => r.name);
    expect(await q('ac')).toEqual(['acme', 'Acme Tools']);
    expect(await q('ACME T')).toEqual(['Acme Tools']);
    expect(await q('a')).toEqual(['acme', 'Acme Tools', 'Ångström Optics']);
    expect(await q('cafe')).toEqual(['Café Nero']);
    expect(await q('zz')).toEqual([]);
    expect(
      (await b.client.call('companies.list', { filter: { tag: 'ODD' } })).rows.map((r) => r.name),
    ).toEqual(['acme', 'Beta', 'Delta']);
    expect((await b.client.call('companies.list', { filter: { tag: 'none' } })).rows).toEqual([]);
  });
});

describe('tags.list', () => {
  it('counts live people and companies per tag', async () => {
    const b = await book();
    await addPerson(b, { givenName: 'A', tags: ['VIP', 'north'] });
    const gone = await addPerson(b, { givenName: 'B', tags: ['vip'] });
    await b.client.call('companies.create', { name: 'C', tags: ['VIP'] });
    await b.client.call('people.delete', { ids: [gone.id] });
    const tags = await b.client.call('tags.list', {});
    expect(tags.map(({ name, people, companies }) => ({ name, people, companies }))).toEqual([
      { name: 'north', people: 1, companies: 0 },
      { name: 'VIP', people: 1, companies: 1 },
    ]);
  });
});

describe('customFields', () => {
  it('creates keys from labels (unique per entity), lists, updates and deletes fields', async () => {
    const b = await book();
    const size = await b.client.call('customFields.create', {
      entity: 'person',
      label: 'Shoe size (EU)',
      type: 'number',
    });
    expect(size).toMatchObject({
      key: 'shoe_size_eu',
      label: 'Shoe size (EU)',
      type: 'number',
      options: [],
      position: 0,
    });
    expect(lastChanged(b)?.tables).toEqual(['custom_fields']);
    const région = await b.client.call('customFields.create', {
      entity: 'person',
      label: 'Région',
      type: 'select',
      options: ['Nord', 'Sud'],
    });
    expect(région).toMatchObject({ key: 'region', position: 1, options: ['Nord', 'Sud'] });
    const companyRegion = await b.client.call('customFields.create', {
      entity: 'company',
      label: 'Region',
      type: 'text',
    });
    expect(companyRegion.key).toBe('region');
    await b.client.call('customFields.delete', { id: région.id });
    // A deleted field's key stays taken, so its hidden values never meet a new field.
    const again = await b.client.call('customFields.create', {
      entity: 'person',
      label: 'Region',
      type: 'text',
    });
    expect(again.key).toBe('region_2');

    const n = changeCount(b);
    await expect(
      b.client.call('customFields.create', { entity: 'person', label: 'region', type: 'text' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { issues: [{ path: 'label' }] },
    });
    await expect(
      b.client.call('customFields.create', { entity: 'person', label: 'Colour', type: 'select' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { issues: [{ path: 'options' }] },
    });
    await expect(
      b.client.call('customFields.create', {
        entity: 'person',
        label: 'Colour',
        type: 'multiselect',
        options: ['Red', 'red'],
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(b.client.call('customFields.update', { id: size.id, options: ['a'] })).rejects.toMatchObject(
      { code: 'VALIDATION' },
    );
    await expect(b.client.call('customFields.update', { id: région.id, label: 'X' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(b.client.call('customFields.delete', { id: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(changeCount(b)).toBe(n);

    const renamed = await b.client.call('customFields.update', {
      id: size.id,
      label: 'Shoe size',
      position: 5,
    });
    expect(renamed).toMatchObject({ key: 'shoe_size_eu', label: 'Shoe size', position: 5 });
    const list = await b.client.call('customFields.list', {});
    expect(list.map((f) => `${f.entity}:${f.key}`)).toEqual([
      'person:region_2',
      'person:shoe_size_eu',
      'company:region',
    ]);
  });
});
