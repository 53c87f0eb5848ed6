import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN_GAP } from '../../../electron/backend/deals/deal.rank.ts';
import type { Board } from '../../../shared/domain/pipeline.ts';
import type { TestBook } from '../../helpers/book.ts';
import {
  changeCount,
  columnsFromTable,
  deal,
  pipelineBook,
  refuses,
  STAGE_IDS,
} from './pipeline.fixtures.ts';

/** Half-even rounding of n / d for non-negative integers, written independently of money.ts. */
function halfEven(n: number, d: number): number {
  const q = Math.floor(n / d);
  const twice = 2 * (n - q * d);
  return twice > d || (twice === d && q % 2 === 1) ? q + 1 : q;
}

/** The board's numbers worked out again from the deals table. */
function recompute(b: TestBook, ownerId?: string) {
  const rows = b.book.sqlite
    .prepare(
      `SELECT d.stage_id, d.currency, count(*) AS count, sum(d.value) AS value, s.probability_bp AS p
       FROM deals d JOIN deal_stages s ON s.id = d.stage_id
       WHERE d.state = 'open' AND d.deleted_at IS NULL AND s.active = 1 AND (? IS NULL OR d.owner_id = ?)
       GROUP BY d.stage_id, d.currency ORDER BY d.stage_id, d.currency`,
    )
    .all(ownerId ?? null, ownerId ?? null) as {
    stage_id: string;
    currency: string;
    count: number;
    value: number;
    p: number;
  }[];
  return rows.map((r) => ({
    stageId: r.stage_id,
    currency: r.currency,
    count: r.count,
    value: r.value,
    weighted: halfEven(r.value * r.p, 10_000),
  }));
}

function boardTotals(board: Board) {
  return board.columns
    .flatMap((c) => c.totals.map((t) => ({ stageId: c.stageId, ...t })))
    .sort((a, b) =>
      a.stageId === b.stageId ? a.currency.localeCompare(b.currency) : a.stageId.localeCompare(b.stageId),
    );
}

describe('deals.board', () => {
  it('shows every active stage in order with its count, totals and weighted totals per currency', async () => {
    const b = await pipelineBook();
    await deal(b, { value: 5 });
    await deal(b, { value: 10 });
    await deal(b, { value: 25, currency: 'EUR' });
    await deal(b, { value: 999, stageId: 'stage-negotiation' });
    const won = await deal(b, { value: 1_000_000 });
    await b.client.call('deals.win', { id: won.id, closedOn: '2026-11-22' });
    const board = await b.client.call('deals.board', {});
    expect(board.columns.map((c) => [c.name, c.position, c.probabilityBp, c.count])).toEqual([
      ['Lead', 0, 1000, 3],
      ['Qualified', 1, 2500, 0],
      ['Proposal', 2, 5000, 0],
      ['Negotiation', 3, 7500, 1],
    ]);
    // 15 × 10 % = 1.5 → 2 and 25 × 10 % = 2.5 → 2 (ties to even); 999 × 75 % = 749.25 → 749.
    expect(board.columns[0]?.totals).toEqual([
      { currency: 'EUR', count: 1, value: 25, weighted: 2 },
      { currency: 'GBP', count: 2, value: 15, weighted: 2 },
    ]);
    expect(board.columns[3]?.totals).toEqual([{ currency: 'GBP', count: 1, value: 999, weighted: 749 }]);
    expect(board.columns[0]?.deals.map((d) => d.value)).toEqual([5, 10, 25]);
    expect(board.columns[1]).toMatchObject({ count: 0, totals: [], deals: [], nextCursor: null });
  });

  it('caps each column and pages the rest with deals.column, in rank order', async () => {
    const b = await pipelineBook();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await deal(b, { title: `D${i}` })).id);
    const board = await b.client.call('deals.board', { limit: 3 });
    const lead = board.columns[0];
    expect(lead?.count).toBe(7);
    expect(lead?.deals.map((d) => d.id)).toEqual(ids.slice(0, 3));
    const rest: string[] = [];
    let cursor = lead?.nextCursor ?? null;
    while (cursor) {
      const page = await b.client.call('deals.column', { stageId: 'stage-lead', cursor, limit: 2 });
      rest.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
    }
    expect(rest).toEqual(ids.slice(3));
    await refuses(b, 'deals.column', { stageId: 'nope' }, 'NOT_FOUND', 'stageId');
  });

  it('shows one owner’s pipeline', async () => {
    const b = await pipelineBook();
    const other = await b.client.call('staff.create', { name: 'Grace' });
    await deal(b, { value: 100 });
    await deal(b, { value: 200, ownerId: other.id });
    await deal(b, { value: 300, ownerId: other.id, stageId: 'stage-proposal' });
    const board = await b.client.call('deals.board', { ownerId: other.id });
    expect(board.columns.map((c) => c.count)).toEqual([1, 0, 1, 0]);
    expect(boardTotals(board)).toEqual(recompute(b, other.id));
    expect(board.columns[0]?.deals.map((d) => d.value)).toEqual([200]);
  });
});

describe('deals.move', () => {
  it('places a deal before or after a card, or at the end, in any column', async () => {
    const b = await pipelineBook();
    const [a, c, d] = [
      await deal(b, { title: 'A' }),
      await deal(b, { title: 'C' }),
      await deal(b, { title: 'D' }),
    ];
    const titles = async (stage: string) =>
      (await b.client.call('deals.board', {})).columns
        .find((col) => col.stageId === stage)
        ?.deals.map((x) => x.title);
    await b.client.call('deals.move', { id: d.id, stageId: 'stage-lead', beforeId: a.id });
    expect(await titles('stage-lead')).toEqual(['D', 'A', 'C']);
    await b.client.call('deals.move', { id: d.id, stageId: 'stage-lead', afterId: a.id });
    expect(await titles('stage-lead')).toEqual(['A', 'D', 'C']);
    await b.client.call('deals.move', { id: a.id, stageId: 'stage-lead' });
    expect(await titles('stage-lead')).toEqual(['D', 'C', 'A']);
    const moved = await b.client.call('deals.move', { id: c.id, stageId: 'stage-proposal' });
    expect(moved).toMatchObject({ stageId: 'stage-proposal', stageName: 'Proposal', probabilityBp: 5000 });
    expect(await titles('stage-lead')).toEqual(['D', 'A']);
    await b.client.call('deals.move', { id: a.id, stageId: 'stage-proposal', beforeId: c.id });
    expect(await titles('stage-proposal')).toEqual(['A', 'C']);
  });

  it('refuses a bad placement at the field, changing nothing', async () => {
    const b = await pipelineBook();
    const a = await deal(b);
    const c = await deal(b);
    const elsewhere = await deal(b, { stageId: 'stage-proposal' });
    await refuses(b, 'deals.move', { id: a.id, stageId: 'nope' }, 'NOT_FOUND', 'stageId');
    await refuses(b, 'deals.move', { id: 'nope', stageId: 'stage-lead' }, 'NOT_FOUND');
    await refuses(
      b,
      'deals.move',
      { id: a.id, stageId: 'stage-lead', beforeId: 'nope' },
      'NOT_FOUND',
      'beforeId',
    );
    await refuses(
      b,
      'deals.move',
      { id: a.id, stageId: 'stage-lead', beforeId: a.id },
      'VALIDATION',
      'beforeId',
    );
    await refuses(
      b,
      'deals.move',
      { id: a.id, stageId: 'stage-lead', afterId: elsewhere.id },
      'CONFLICT',
      'afterId',
    );
    await refuses(
      b,
      'deals.move',
      { id: a.id, stageId: 'stage-lead', beforeId: c.id, afterId: c.id },
      'VALIDATION',
      'afterId',
    );
  });

  it('spreads a column out when cards are dropped into the same gap again and again', async () => {
    const b = await pipelineBook();
    const first = await deal(b, { title: 'first' });
    const last = await deal(b, { title: 'last' });
    const order = [first.id, last.id];
    // Each drop lands just after `first`, halving the gap: precision would run out after ~50.
    for (let i = 0; i < 70; i++) {
      const d = await deal(b, { title: `n${i}` });
      await b.client.call('deals.move', { id: d.id, stageId: 'stage-lead', afterId: first.id });
      order.splice(1, 0, d.id);
    }
    expect(columnsFromTable(b).get('stage-lead')).toEqual(order);
    const ranks = b.book.sqlite
      .prepare(`SELECT rank FROM deals WHERE stage_id = 'stage-lead' ORDER BY rank, id`)
      .pluck()
      .all() as number[];
    for (let i = 1; i < ranks.length; i++) expect(ranks[i]! - ranks[i - 1]!).toBeGreaterThanOrEqual(MIN_GAP);
    // The column was renumbered at least once: some card sits on a whole-number rank it was spread to.
    const renumbered = b.book.sqlite
      .prepare(`SELECT count(*) FROM changes WHERE tbl = 'deals' AND op = 'update' AND row_id = ?`)
      .pluck()
      .get(last.id) as number;
    expect(renumbered).toBeGreaterThan(0);
  });

  it('keeps every open deal in exactly one column, in the order of the moves, with totals that add up (property)', async () => {
    const b = await pipelineBook();
    const other = (await b.client.call('staff.create', { name: 'Grace' })).id;
    const spec = fc.record({
      value: fc.integer({ min: 0, max: 5_000_000 }),
      currency: fc.constantFrom('GBP', 'EUR'),
      stage: fc.integer({ min: 0, max: STAGE_IDS.length - 1 }),
      mine: fc.boolean(),
    });
    const step = fc.record({
      deal: fc.nat(),
      stage: fc.integer({ min: 0, max: STAGE_IDS.length - 1 }),
      place: fc.constantFrom('before', 'after', 'end'),
      neighbour: fc.nat(),
      also: fc.constantFrom('none', 'win', 'delete', 'reopen', 'value'),
      value: fc.integer({ min: 0, max: 5_000_000 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(spec, { minLength: 1, maxLength: 8 }),
        fc.array(step, { maxLength: 30 }),
        async (specs, steps) => {
          b.book.sqlite.prepare(`DELETE FROM deals`).run();
          const columns = new Map<string, string[]>(STAGE_IDS.map((s) => [s, []]));
          const closed = new Set<string>();
          const gone = new Set<string>();
          const ids: string[] = [];
          for (const s of specs) {
            const stageId = STAGE_IDS[s.stage] as string;
            const created = await deal(b, {
              value: s.value,
              currency: s.currency,
              stageId,
              ownerId: s.mine ? b.me : other,
            });
            ids.push(created.id);
            columns.get(stageId)?.push(created.id);
          }
          for (const st of steps) {
            const id = ids[st.deal % ids.length] as string;
            if (gone.has(id)) continue;
            if (closed.has(id)) {
              if (st.also === 'reopen') {
                const back = await b.client.call('deals.reopen', { id });
                closed.delete(id);
                columns.get(back.stageId)?.push(id);
              }
              continue;
            }
            const stageId = STAGE_IDS[st.stage] as string;
            for (const col of columns.values()) if (col.includes(id)) col.splice(col.indexOf(id), 1);
            const target = columns.get(stageId) as string[];
            const neighbour = target[st.neighbour % Math.max(target.length, 1)];
            if (st.place !== 'end' && neighbour) {
              const key = st.place === 'before' ? 'beforeId' : 'afterId';
              await b.client.call('deals.move', { id, stageId, [key]: neighbour });
              target.splice(target.indexOf(neighbour) + (st.place === 'after' ? 1 : 0), 0, id);
            } else {
              await b.client.call('deals.move', { id, stageId });
              target.push(id);
            }
            if (st.also === 'win' || st.also === 'delete') {
              if (st.also === 'win') await b.client.call('deals.win', { id, closedOn: '2026-11-22' });
              else await b.client.call('deals.delete', { id });
              target.splice(target.indexOf(id), 1);
              (st.also === 'win' ? closed : gone).add(id);
            }
            if (st.also === 'value') await b.client.call('deals.update', { id, patch: { value: st.value } });
          }
          const board = await b.client.call('deals.board', { limit: 200 });
          // Every open live deal shows exactly once, in its column, in the order the moves made.
          const shown = board.columns.flatMap((c) => c.deals.map((d) => d.id));
          expect(new Set(shown).size).toBe(shown.length);
          for (const c of board.columns) {
            expect(
              c.deals.map((d) => d.id),
              c.name,
            ).toEqual(columns.get(c.stageId));
            expect(c.deals.every((d) => d.stageId === c.stageId && d.state === 'open')).toBe(true);
            const ranks = c.deals.map((d) => d.rank);
            for (let i = 1; i < ranks.length; i++) expect(ranks[i]).toBeGreaterThan(ranks[i - 1] as number);
            expect(c.count).toBe(c.deals.length);
          }
          expect(shown.sort()).toEqual([...columnsFromTable(b).values()].flat().sort());
          expect(boardTotals(board)).toEqual(recompute(b));
          expect(boardTotals(await b.client.call('deals.board', { ownerId: other }))).toEqual(
            recompute(b, other),
          );
        },
      ),
      { numRuns: 25, seed: 2611 },
    );
    expect(changeCount(b)).toBeGreaterThan(0);
  });
});
