import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ftsRefs, tablesChangedBy } from '../activity/activity.fixtures.ts';
import type { TestBook } from '../../helpers/book.ts';
import { pipelineBook, refuses, snapshot } from './pipeline.fixtures.ts';

/** A book whose only leads are these (ann and bob of the fixture become customers). */
async function leadsBook() {
  const b = await pipelineBook();
  const db = b.book.sqlite;
  db.prepare(`UPDATE people SET stage = 'customer'`).run();
  const grace = (await b.client.call('staff.create', { name: 'Grace' })).id;
  const person = db.prepare(
    `INSERT INTO people (id, display_name, sort_key, stage, source, owner_id, primary_phone, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)`,
  );
  person.run('p-zoe', 'Zoë Müller', 'muller zoe', 'lead', 'Trade fair', b.me, '07700 900123', 3000);
  person.run('p-al', 'Al Ng', 'ng al', 'lead', 'Website', grace, null, 1000);
  person.run('p-cy', 'Cy Ode', 'ode cy', 'lead', 'website', b.me, null, 5000);
  person.run('p-old', 'Old Customer', 'customer old', 'customer', 'Website', b.me, null, 6000);
  const company = db.prepare(
    `INSERT INTO companies (id, name, sort_key, stage, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0)`,
  );
  company.run('c-mint', 'Mint Labs', 'mint labs', 'lead', 'Website', 4000);
  company.run('c-bolt', 'Bolt & Co', 'bolt & co', 'lead', null, 2000);
  company.run('c-cust', 'Customer Co', 'customer co', 'customer', null, 7000);
  db.prepare(
    `INSERT INTO people (id, display_name, sort_key, stage, created_at, updated_at, deleted_at) VALUES ('p-bin', 'Binned', 'binned', 'lead', 9000, 0, 1)`,
  ).run();
  return Object.assign(b, { grace });
}

async function allPages(b: TestBook, input: Record<string, unknown>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { rows: { id: string }[]; nextCursor: string | null } = await b.client.call('leads.list', {
      ...input,
      cursor,
      limit: 2,
    });
    ids.push(...page.rows.map((r) => r.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

describe('leads.list', () => {
  it('lists lead people and companies together, newest first or by name, in keyset pages', async () => {
    const b = await leadsBook();
    const first = await b.client.call('leads.list', {});
    expect(first.rows[0]).toEqual({
      kind: 'person',
      id: 'p-cy',
      name: 'Cy Ode',
      companyId: null,
      companyName: null,
      source: 'website',
      ownerId: b.me,
      ownerName: 'Ada Lovelace',
      phone: null,
      email: null,
      createdAt: 5000,
    });
    expect(first.rows.map((r) => r.id)).toEqual(['p-cy', 'c-mint', 'p-zoe', 'c-bolt', 'p-al']);
    expect(first.rows.find((r) => r.id === 'c-mint')).toMatchObject({ kind: 'company', ownerId: null });
    expect(await allPages(b, {})).toEqual(['p-cy', 'c-mint', 'p-zoe', 'c-bolt', 'p-al']);
    expect(await allPages(b, { sort: 'name' })).toEqual(['c-bolt', 'c-mint', 'p-zoe', 'p-al', 'p-cy']);
  });

  it('filters by kind, source (any case), owner (people only) and part of the name', async () => {
    const b = await leadsBook();
    const ids = async (filter: Record<string, string>, sort = 'created') =>
      (await b.client.call('leads.list', { filter, sort: sort as 'created' })).rows.map((r) => r.id);
    expect(await ids({ kind: 'company' })).toEqual(['c-mint', 'c-bolt']);
    expect(await ids({ kind: 'person' }, 'name')).toEqual(['p-zoe', 'p-al', 'p-cy']);
    expect(await ids({ source: 'WEBSITE' })).toEqual(['p-cy', 'c-mint', 'p-al']);
    expect(await ids({ ownerId: b.grace })).toEqual(['p-al']);
    expect(await ids({ ownerId: b.me }, 'name')).toEqual(['p-zoe', 'p-cy']);
    expect(await ids({ query: 'MUL' })).toEqual(['p-zoe']);
    expect(await ids({ query: 'zoë' })).toEqual(['p-zoe']);
    expect(await ids({ query: 'labs' })).toEqual(['c-mint']);
    expect(await ids({ kind: 'company', ownerId: b.me })).toEqual([]);
  });
});

describe('leads.setCompanyStage', () => {
  it('makes a company a lead with a source, and back', async () => {
    const b = await pipelineBook();
    const tables = await tablesChangedBy(b, () =>
      b.client.call('leads.setCompanyStage', { companyId: 'zeta', stage: 'lead', source: 'Referral' }),
    );
    expect(tables).toEqual(['companies']);
    expect(
      (await b.client.call('leads.list', { filter: { kind: 'company' } })).rows.map((r) => r.id),
    ).toEqual(['zeta']);
    expect(await b.client.call('leads.setCompanyStage', { companyId: 'zeta', stage: 'prospect' })).toEqual({
      id: 'zeta',
      stage: 'prospect',
      source: 'Referral',
    });
    await refuses(b, 'leads.setCompanyStage', { companyId: 'nope', stage: 'lead' }, 'NOT_FOUND');
    await refuses(b, 'leads.setCompanyStage', { companyId: 'zeta', stage: 'hot' }, 'VALIDATION', 'stage');
  });
});

describe('leads.convert', () => {
  it('turns a person into a customer with a new company and a deal, in one change', async () => {
    const b = await leadsBook();
    const tables = await tablesChangedBy(b, async () => {
      const done = await b.client.call('leads.convert', {
        personId: 'p-zoe',
        company: { name: 'Müller Joinery' },
        deal: { title: 'Kitchen refit', value: 850_000, stageId: 'stage-proposal' },
      });
      expect(done).toMatchObject({ kind: 'person', id: 'p-zoe' });
      expect(done.createdCompanyId).toBe(done.companyId);
      expect(done.deal).toMatchObject({
        title: 'Kitchen refit',
        value: 850_000,
        personId: 'p-zoe',
        companyId: done.companyId,
        companyName: 'Müller Joinery',
        stageId: 'stage-proposal',
        currency: 'GBP',
      });
      const person = await b.client.call('people.get', { id: 'p-zoe' });
      expect(person).toMatchObject({
        stage: 'customer',
        companyId: done.companyId,
        companyName: 'Müller Joinery',
      });
      const company = b.book.sqlite
        .prepare(`SELECT stage, source FROM companies WHERE id = ?`)
        .get(done.companyId);
      expect(company).toEqual({ stage: 'customer', source: 'Trade fair' });
      expect(ftsRefs(b, 'joinery')).toEqual([done.companyId, 'p-zoe'].sort());
    });
    expect(tables).toEqual(['batches', 'companies', 'deals', 'people']);
    expect((await b.client.call('leads.list', {})).rows.map((r) => r.id)).not.toContain('p-zoe');
  });

  it('converts a company, with a deal for it', async () => {
    const b = await leadsBook();
    const done = await b.client.call('leads.convert', { companyId: 'c-mint', deal: { title: 'Pilot' } });
    expect(done).toMatchObject({ kind: 'company', companyId: 'c-mint', createdCompanyId: null });
    expect(done.deal).toMatchObject({ personId: null, companyId: 'c-mint', value: 0, stageId: 'stage-lead' });
    expect(b.book.sqlite.prepare(`SELECT stage FROM companies WHERE id = 'c-mint'`).pluck().get()).toBe(
      'customer',
    );
  });

  it('refuses what cannot be converted, changing nothing', async () => {
    const b = await leadsBook();
    b.book.sqlite.prepare(`UPDATE people SET company_id = 'acme' WHERE id = 'p-al'`).run();
    await refuses(b, 'leads.convert', { personId: 'p-old' }, 'CONFLICT');
    await refuses(b, 'leads.convert', { companyId: 'c-cust' }, 'CONFLICT');
    await refuses(b, 'leads.convert', { personId: 'nope' }, 'NOT_FOUND');
    await refuses(b, 'leads.convert', { personId: 'p-bin' }, 'NOT_FOUND');
    await refuses(
      b,
      'leads.convert',
      { personId: 'p-al', company: { name: 'New Ltd' } },
      'VALIDATION',
      'company.name',
    );
    await refuses(
      b,
      'leads.convert',
      { companyId: 'c-mint', company: { name: 'X' } },
      'VALIDATION',
      'company',
    );
    await refuses(b, 'leads.convert', { personId: 'p-al', companyId: 'c-mint' }, 'VALIDATION', 'personId');
    await refuses(b, 'leads.convert', {}, 'VALIDATION', 'personId');
    await refuses(b, 'leads.convert', { personId: 'p-zoe', deal: { title: '' } }, 'VALIDATION', 'deal.title');
  });

  it('saves all of it or none of it: a failure at any step leaves the book as it was (property)', async () => {
    const b = await leadsBook();
    const plan = fc.record({
      who: fc.constantFrom('p-zoe', 'p-al', 'p-cy', 'c-mint', 'c-bolt'),
      company: fc.boolean(),
      deal: fc.boolean(),
      badStage: fc.boolean(),
      badOwner: fc.boolean(),
      badCurrency: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(plan, async (p) => {
        const isPerson = p.who.startsWith('p-');
        const input = {
          ...(isPerson ? { personId: p.who } : { companyId: p.who }),
          ...(p.company && isPerson ? { company: { name: `${p.who} Ltd` } } : {}),
          ...(p.deal || p.badStage || p.badOwner
            ? {
                deal: {
                  title: 'Deal',
                  ...(p.badStage ? { stageId: 'no-such-stage' } : {}),
                  ...(p.badOwner ? { ownerId: 'no-such-staff' } : {}),
                  ...(p.badCurrency ? { currency: 'XXX' } : {}),
                },
              }
            : {}),
        };
        const before = snapshot(b);
        const stageBefore = b.book.sqlite
          .prepare(`SELECT stage FROM ${isPerson ? 'people' : 'companies'} WHERE id = ?`)
          .pluck()
          .get(p.who);
        const envelope = await b.backend.invoke('leads.convert', input);
        const fails = (p.deal || p.badStage || p.badOwner) && (p.badStage || p.badOwner || p.badCurrency);
        if (fails || stageBefore === 'customer') {
          expect(envelope.ok).toBe(false);
          expect(snapshot(b)).toBe(before);
          return;
        }
        expect(envelope.ok, JSON.stringify(envelope)).toBe(true);
        const after = b.book.sqlite
          .prepare(`SELECT stage FROM ${isPerson ? 'people' : 'companies'} WHERE id = ?`)
          .pluck()
          .get(p.who);
        expect(after).toBe('customer');
        // Put the lead back for the next run (a deal or company made stays: harmless).
        b.book.sqlite
          .prepare(
            `UPDATE ${isPerson ? 'people' : 'companies'} SET stage = 'lead', ${isPerson ? 'company_id = NULL, ' : ''}updated_at = 0 WHERE id = ?`,
          )
          .run(p.who);
      }),
      { numRuns: 40, seed: 44 },
    );
  });

  it('is one undoable batch: undo removes the deal and the company and makes the lead a lead again', async () => {
    const b = await leadsBook();
    const done = await b.client.call('leads.convert', {
      personId: 'p-zoe',
      company: { name: 'Müller Joinery' },
      deal: { title: 'Kitchen refit', value: 1000 },
    });
    const companyId = done.companyId as string;
    expect(ftsRefs(b, 'joinery')).toContain(companyId);
    const tables = await tablesChangedBy(b, () => b.client.call('batches.undo', { batchId: done.batchId }));
    expect(tables).toEqual(expect.arrayContaining(['companies', 'deals', 'people']));
    const person = await b.client.call('people.get', { id: 'p-zoe' });
    expect(person).toMatchObject({ stage: 'lead', companyId: null });
    expect(b.book.sqlite.prepare(`SELECT count(*) FROM companies WHERE id = ?`).pluck().get(companyId)).toBe(
      0,
    );
    expect(b.book.sqlite.prepare(`SELECT count(*) FROM deals`).pluck().get()).toBe(0);
    expect(ftsRefs(b, 'joinery')).toEqual([]);
    expect(
      (await b.client.call('leads.list', { filter: { kind: 'person' } })).rows.map((r) => r.id),
    ).toContain('p-zoe');
    // A company's conversion undoes too.
    const company = await b.client.call('leads.convert', { companyId: 'c-mint' });
    await b.client.call('batches.undo', { batchId: company.batchId });
    expect(b.book.sqlite.prepare(`SELECT stage FROM companies WHERE id = 'c-mint'`).pluck().get()).toBe(
      'lead',
    );
  });
});
