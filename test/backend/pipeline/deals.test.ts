import { describe, expect, it } from 'vitest';
import { tablesChangedBy } from '../activity/activity.fixtures.ts';
import { addProduct, changeCount, deal, pipelineBook, refuses } from './pipeline.fixtures.ts';

describe('deals.create and deals.get', () => {
  it('fills in the book’s currency, the first stage, the current owner and the person’s company', async () => {
    const b = await pipelineBook();
    const tables = await tablesChangedBy(b, () => deal(b, { expectedClose: '2026-12-31' }));
    expect(tables).toEqual(['deals']);
    const [row] = (await b.client.call('deals.list', {})).rows;
    const d = await b.client.call('deals.get', { id: row?.id ?? '' });
    expect(d).toMatchObject({
      title: 'Office chairs',
      personId: 'ann',
      personName: 'Ann Lee',
      companyId: 'acme',
      companyName: 'Acme Ltd',
      stageId: 'stage-lead',
      stageName: 'Lead',
      probabilityBp: 1000,
      value: 10_000,
      weightedValue: 1000,
      currency: 'GBP',
      expectedClose: '2026-12-31',
      ownerId: b.me,
      ownerName: 'Ada Lovelace',
      state: 'open',
      closedOn: null,
      lostReason: null,
      orderId: null,
      lines: [],
      totals: null,
      createdAt: b.clock(),
    });
    const stored = b.book.sqlite.prepare(`SELECT created_by, updated_by FROM deals WHERE id = ?`).get(d.id);
    expect(stored).toEqual({ created_by: b.me, updated_by: b.me });
  });

  it('keeps an explicit company (or none), currency, stage and owner; new deals go to the end of their column', async () => {
    const b = await pipelineBook();
    const a = await deal(b, { companyId: 'zeta', currency: 'EUR', stageId: 'stage-proposal', ownerId: null });
    expect(a).toMatchObject({ companyId: 'zeta', currency: 'EUR', stageId: 'stage-proposal', ownerId: null });
    const c = await deal(b, { companyId: null, stageId: 'stage-proposal' });
    expect(c.companyId).toBeNull();
    expect(c.rank).toBeGreaterThan(a.rank);
    const onlyCompany = await deal(b, { personId: null, companyId: 'zeta' });
    expect(onlyCompany).toMatchObject({ personId: null, companyId: 'zeta', companyName: 'Zeta plc' });
  });

  it('is worth its lines’ net total when it has lines (rounded per line, half-even)', async () => {
    const b = await pipelineBook();
    addProduct(b, 'desk', { name: 'Oak desk', unitPrice: 24_900, taxRateBp: 2000, unitCost: 15_000 });
    const d = await b.client.call('deals.create', {
      title: 'Fit-out',
      personId: 'ann',
      lines: [
        { productId: 'desk', quantity: 3000, discountBp: 1000 },
        // 1.5 × 25 = 37.5 → 38 (a tie goes to the even neighbour).
        { description: 'Fixings', quantity: 1500, unitPrice: 25 },
        // 2.5 × 1 = 2.5 → 2 (ties go to the even neighbour).
        { description: 'Washer', quantity: 2500, unitPrice: 1 },
      ],
    });
    expect(d.lines.map((l) => [l.description, l.net])).toEqual([
      ['Oak desk', 67_230],
      ['Fixings', 38],
      ['Washer', 2],
    ]);
    expect(d.value).toBe(67_270);
    expect(d.totals).toMatchObject({ net: 67_270, cost: 45_000, margin: 67_270 - 45_000 });
    expect(d.weightedValue).toBe(6727);
  });

  it('refuses bad input at the field and writes nothing', async () => {
    const b = await pipelineBook();
    addProduct(b, 'usd-thing', { currency: 'USD' });
    await refuses(b, 'deals.create', { title: '', personId: 'ann' }, 'VALIDATION', 'title');
    await refuses(b, 'deals.create', { title: 'X' }, 'VALIDATION', 'personId');
    await refuses(b, 'deals.create', { title: 'X', personId: 'ann', value: -1 }, 'VALIDATION', 'value');
    await refuses(b, 'deals.create', { title: 'X', personId: 'ann', value: 1.5 }, 'VALIDATION', 'value');
    await refuses(
      b,
      'deals.create',
      { title: 'X', personId: 'ann', currency: 'XYZ' },
      'VALIDATION',
      'currency',
    );
    await refuses(
      b,
      'deals.create',
      { title: 'X', personId: 'ann', value: 5, lines: [{ description: 'A', quantity: 1000, unitPrice: 1 }] },
      'VALIDATION',
      'value',
    );
    await refuses(b, 'deals.create', { title: 'X', personId: 'nobody' }, 'NOT_FOUND', 'personId');
    await refuses(
      b,
      'deals.create',
      { title: 'X', personId: 'ann', companyId: 'nope' },
      'NOT_FOUND',
      'companyId',
    );
    await refuses(
      b,
      'deals.create',
      { title: 'X', personId: 'ann', stageId: 'nope' },
      'NOT_FOUND',
      'stageId',
    );
    await refuses(
      b,
      'deals.create',
      { title: 'X', personId: 'ann', ownerId: 'nope' },
      'NOT_FOUND',
      'ownerId',
    );
    await refuses(
      b,
      'deals.create',
      { title: 'X', personId: 'ann', lines: [{ productId: 'usd-thing', quantity: 1000 }] },
      'VALIDATION',
      'lines.0.productId',
    );
    await refuses(
      b,
      'deals.create',
      { title: 'X', personId: 'ann', lines: [{ description: 'A', quantity: -1000, unitPrice: 1 }] },
      'VALIDATION',
      'lines.0.quantity',
    );
    await refuses(b, 'deals.get', { id: 'nope' }, 'NOT_FOUND');
  });
});

describe('deals.update', () => {
  it('changes what the patch names; a stage change puts the deal at the end of its new column', async () => {
    const b = await pipelineBook();
    const d = await deal(b);
    const other = await deal(b, { stageId: 'stage-proposal' });
    b.clock.advance(60_000);
    const changed = await b.client.call('deals.update', {
      id: d.id,
      patch: {
        title: 'Chairs, 40',
        value: 20_000,
        personId: 'bob',
        stageId: 'stage-proposal',
        ownerId: null,
      },
    });
    expect(changed).toMatchObject({
      title: 'Chairs, 40',
      value: 20_000,
      personId: 'bob',
      // Bob has no company and the patch names none: the deal keeps Acme.
      companyId: 'acme',
      stageId: 'stage-proposal',
      ownerId: null,
      updatedAt: b.clock(),
      createdAt: d.createdAt,
    });
    expect(changed.rank).toBeGreaterThan(other.rank);
    const same = await b.client.call('deals.update', { id: d.id, patch: { title: 'Chairs, 40' } });
    expect(same).toEqual(changed);
  });

  it('replaces lines and takes the value from them; cleared lines leave a typed value', async () => {
    const b = await pipelineBook();
    const d = await deal(b);
    const withLines = await b.client.call('deals.update', {
      id: d.id,
      patch: { lines: [{ description: 'Chair', quantity: 40_000, unitPrice: 4500 }] },
    });
    expect(withLines.value).toBe(180_000);
    expect(withLines.lines).toHaveLength(1);
    await refuses(b, 'deals.update', { id: d.id, patch: { value: 1 } }, 'VALIDATION', 'patch.value');
    await refuses(
      b,
      'deals.update',
      { id: d.id, patch: { currency: 'EUR' } },
      'VALIDATION',
      'patch.currency',
    );
    const euros = await b.client.call('deals.update', {
      id: d.id,
      patch: { currency: 'EUR', lines: [{ description: 'Chair', quantity: 2000, unitPrice: 5000 }] },
    });
    expect(euros).toMatchObject({ currency: 'EUR', value: 10_000 });
    const cleared = await b.client.call('deals.update', { id: d.id, patch: { lines: [], value: 777 } });
    expect(cleared).toMatchObject({ value: 777, lines: [], totals: null });
    expect(b.book.sqlite.prepare(`SELECT count(*) FROM deal_lines`).pluck().get()).toBe(0);
  });

  it('refuses a patch that breaks a rule, changing nothing', async () => {
    const b = await pipelineBook();
    const d = await deal(b);
    await refuses(
      b,
      'deals.update',
      { id: d.id, patch: { personId: null, companyId: null } },
      'VALIDATION',
      'patch.personId',
    );
    await refuses(b, 'deals.update', { id: d.id, patch: { title: ' ' } }, 'VALIDATION', 'patch.title');
    await refuses(b, 'deals.update', { id: d.id, patch: { stageId: 'nope' } }, 'NOT_FOUND', 'patch.stageId');
    await refuses(
      b,
      'deals.update',
      { id: d.id, patch: { personId: 'nope' } },
      'NOT_FOUND',
      'patch.personId',
    );
    await refuses(b, 'deals.update', { id: 'nope', patch: { title: 'X' } }, 'NOT_FOUND');
  });
});

describe('deals.delete and deals.restore', () => {
  it('moves a deal to the Trash, off the board and lists, and back to the end of its column', async () => {
    const b = await pipelineBook();
    const d = await deal(b);
    const later = await deal(b);
    const before = changeCount(b);
    expect(await b.client.call('deals.delete', { id: d.id })).toEqual({ ok: true });
    expect(changeCount(b)).toBe(before + 1);
    await refuses(b, 'deals.get', { id: d.id }, 'NOT_FOUND');
    await refuses(b, 'deals.delete', { id: d.id }, 'NOT_FOUND');
    expect((await b.client.call('deals.list', {})).rows.map((r) => r.id)).toEqual([later.id]);
    expect((await b.client.call('deals.board', {})).columns[0]?.count).toBe(1);

    const back = await b.client.call('deals.restore', { id: d.id });
    expect(back.rank).toBeGreaterThan(later.rank);
    const board = await b.client.call('deals.board', {});
    expect(board.columns[0]?.deals.map((x) => x.id)).toEqual([later.id, d.id]);
    // Restoring a live deal changes nothing.
    const seq = changeCount(b);
    await b.client.call('deals.restore', { id: d.id });
    expect(changeCount(b)).toBe(seq);
    await refuses(b, 'deals.restore', { id: 'nope' }, 'NOT_FOUND');
  });

  it('puts a restored open deal in the first stage when its own has left the pipeline', async () => {
    const b = await pipelineBook();
    const d = await deal(b, { stageId: 'stage-negotiation' });
    await b.client.call('deals.delete', { id: d.id });
    await b.client.call('dealStages.set', {
      stages: [{ id: 'stage-lead', name: 'Lead', probabilityBp: 1000 }],
    });
    const back = await b.client.call('deals.restore', { id: d.id });
    expect(back.stageId).toBe('stage-lead');
  });
});

describe('deals.list', () => {
  it('lists newest first with filters, in keyset pages that never skip or repeat', async () => {
    const b = await pipelineBook();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const d = await deal(b, {
        title: `D${i}`,
        personId: i % 2 === 0 ? 'ann' : 'bob',
        companyId: i % 2 === 0 ? 'acme' : null,
        stageId: i < 4 ? 'stage-lead' : 'stage-proposal',
        expectedClose: `2026-12-0${i + 1}`,
        ownerId: i === 6 ? null : b.me,
      });
      ids.push(d.id);
    }
    await b.client.call('deals.win', { id: ids[2] ?? '', closedOn: '2026-11-22' });
    const newestFirst = [...ids].reverse();

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { rows: { id: string }[]; nextCursor: string | null } = await b.client.call('deals.list', {
        limit: 3,
        cursor,
      });
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(newestFirst);

    const list = async (filter: Record<string, string>) =>
      (await b.client.call('deals.list', { filter })).rows.map((r) => r.title);
    expect(await list({ personId: 'bob' })).toEqual(['D5', 'D3', 'D1']);
    expect(await list({ companyId: 'acme' })).toEqual(['D6', 'D4', 'D2', 'D0']);
    expect(await list({ ownerId: b.me, personId: 'ann' })).toEqual(['D4', 'D2', 'D0']);
    expect(await list({ stageId: 'stage-proposal' })).toEqual(['D6', 'D5', 'D4']);
    expect(await list({ state: 'won' })).toEqual(['D2']);
    expect(await list({ state: 'open', personId: 'ann' })).toEqual(['D6', 'D4', 'D0']);
    expect(await list({ expectedFrom: '2026-12-03', expectedTo: '2026-12-05' })).toEqual(['D4', 'D3', 'D2']);
    await refuses(
      b,
      'deals.list',
      { filter: { expectedFrom: '2026-12-05', expectedTo: '2026-12-01' } },
      'VALIDATION',
      'filter.expectedTo',
    );
    await refuses(b, 'deals.list', { cursor: 'garbage!' }, 'VALIDATION', 'cursor');
  });
});
