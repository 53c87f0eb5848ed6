import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deal, pipelineBook, refuses } from './pipeline.fixtures.ts';

describe('deals.win, deals.lose and deals.reopen', () => {
  it('wins an open deal on the user’s date and takes it off the board', async () => {
    const b = await pipelineBook();
    const d = await deal(b, { stageId: 'stage-proposal' });
    const won = await b.client.call('deals.win', { id: d.id, closedOn: '2026-11-21' });
    expect(won).toMatchObject({
      state: 'won',
      closedOn: '2026-11-21',
      lostReason: null,
      stageId: 'stage-proposal',
    });
    const board = await b.client.call('deals.board', {});
    expect(board.columns.every((c) => c.count === 0)).toBe(true);
    await refuses(b, 'deals.win', { id: d.id, closedOn: '2026-11-22' }, 'CONFLICT');
    await refuses(b, 'deals.lose', { id: d.id, closedOn: '2026-11-22', reason: 'x' }, 'CONFLICT');
    await refuses(b, 'deals.move', { id: d.id, stageId: 'stage-lead' }, 'CONFLICT');
  });

  it('loses a deal only with a reason, and reopens it at the end of its column', async () => {
    const b = await pipelineBook();
    const d = await deal(b);
    await refuses(
      b,
      'deals.lose',
      { id: d.id, closedOn: '2026-11-22', reason: '  ' },
      'VALIDATION',
      'reason',
    );
    await refuses(b, 'deals.lose', { id: d.id, closedOn: '2026-11-22' }, 'VALIDATION', 'reason');
    await refuses(b, 'deals.win', { id: d.id, closedOn: '2026-02-30' }, 'VALIDATION', 'closedOn');
    const lost = await b.client.call('deals.lose', {
      id: d.id,
      closedOn: '2026-11-22',
      reason: ' Too dear ',
    });
    expect(lost).toMatchObject({ state: 'lost', closedOn: '2026-11-22', lostReason: 'Too dear' });
    const newer = await deal(b);
    const open = await b.client.call('deals.reopen', { id: d.id });
    expect(open).toMatchObject({ state: 'open', closedOn: null, lostReason: null, stageId: 'stage-lead' });
    expect(open.rank).toBeGreaterThan(newer.rank);
    await refuses(b, 'deals.reopen', { id: d.id }, 'CONFLICT');
  });

  it('reopens into the stage asked for, or the first stage when its own has gone', async () => {
    const b = await pipelineBook();
    const d = await deal(b, { stageId: 'stage-negotiation' });
    await b.client.call('deals.win', { id: d.id, closedOn: '2026-11-22' });
    await b.client.call('dealStages.set', {
      stages: [
        { id: 'stage-lead', name: 'Lead', probabilityBp: 1000 },
        { id: 'stage-proposal', name: 'Proposal', probabilityBp: 5000 },
      ],
    });
    expect((await b.client.call('deals.get', { id: d.id })).stageName).toBe('Negotiation');
    await refuses(b, 'deals.reopen', { id: d.id, stageId: 'stage-negotiation' }, 'NOT_FOUND', 'stageId');
    const back = await b.client.call('deals.reopen', { id: d.id });
    expect(back.stageId).toBe('stage-lead');
    await b.client.call('deals.win', { id: d.id, closedOn: '2026-11-22' });
    expect((await b.client.call('deals.reopen', { id: d.id, stageId: 'stage-proposal' })).stageId).toBe(
      'stage-proposal',
    );
  });

  it('keeps a won deal that became an order won', async () => {
    const b = await pipelineBook();
    const d = await deal(b);
    await b.client.call('deals.win', { id: d.id, closedOn: '2026-11-22' });
    b.book.sqlite
      .prepare(
        `INSERT INTO orders (id, number, reference, person_id, order_date, status, status_date, currency, created_at, updated_at)
         VALUES ('o1', 1, 'ORD-1', 'ann', '2026-11-22', 'confirmed', '2026-11-22', 'GBP', 0, 0)`,
      )
      .run();
    b.book.sqlite.prepare(`UPDATE deals SET order_id = 'o1' WHERE id = ?`).run(d.id);
    const error = await refuses(b, 'deals.reopen', { id: d.id }, 'CONFLICT');
    expect(error.message).toMatch(/became an order/u);
  });

  it('follows the state rules for any sequence of requests (model check)', async () => {
    const b = await pipelineBook();
    const ids = [(await deal(b)).id, (await deal(b)).id, (await deal(b)).id];
    type State = 'open' | 'won' | 'lost';
    const model = new Map<string, State>(ids.map((id) => [id, 'open']));
    const action = fc.record({
      deal: fc.integer({ min: 0, max: ids.length - 1 }),
      op: fc.constantFrom('win', 'lose', 'reopen', 'move'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 25 }), async (actions) => {
        for (const a of actions) {
          const id = ids[a.deal] as string;
          const state = model.get(id) as State;
          const input =
            a.op === 'win'
              ? { id, closedOn: '2026-11-22' }
              : a.op === 'lose'
                ? { id, closedOn: '2026-11-22', reason: 'No budget' }
                : a.op === 'move'
                  ? { id, stageId: 'stage-qualified' }
                  : { id };
          const envelope = await b.backend.invoke(`deals.${a.op}`, input);
          const allowed = a.op === 'reopen' ? state !== 'open' : state === 'open';
          expect(envelope.ok, `${a.op} on a ${state} deal`).toBe(allowed);
          if (!envelope.ok) expect(envelope.error.code).toBe('CONFLICT');
          if (allowed && a.op !== 'move')
            model.set(id, a.op === 'win' ? 'won' : a.op === 'lose' ? 'lost' : 'open');
        }
        const stored = b.book.sqlite.prepare(`SELECT id, state, closed_on, lost_reason FROM deals`).all() as {
          id: string;
          state: State;
          closed_on: string | null;
          lost_reason: string | null;
        }[];
        for (const row of stored) {
          expect(row.state).toBe(model.get(row.id));
          expect(row.closed_on === null).toBe(row.state === 'open');
          expect(row.lost_reason !== null).toBe(row.state === 'lost');
        }
      }),
      { numRuns: 30, seed: 4 },
    );
  });
});
