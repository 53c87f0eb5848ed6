import { describe, expect, it } from 'vitest';
import { changeCount, deal, pipelineBook, refuses, type PipelineBook } from './pipeline.fixtures.ts';

const DEFAULTS = [
  { id: 'stage-lead', name: 'Lead', probabilityBp: 1000 },
  { id: 'stage-qualified', name: 'Qualified', probabilityBp: 2500 },
  { id: 'stage-proposal', name: 'Proposal', probabilityBp: 5000 },
  { id: 'stage-negotiation', name: 'Negotiation', probabilityBp: 7500 },
];

function stageRows(b: PipelineBook) {
  return b.book.sqlite
    .prepare(
      `SELECT id, name, position, probability_bp, active FROM deal_stages ORDER BY active DESC, position`,
    )
    .all() as { id: string; name: string; position: number; probability_bp: number; active: number }[];
}

describe('dealStages.list', () => {
  it('lists the default pipeline in order, with each stage’s open deals', async () => {
    const b = await pipelineBook();
    await deal(b);
    await deal(b, { stageId: 'stage-proposal' });
    const won = await deal(b, { stageId: 'stage-proposal' });
    await b.client.call('deals.win', { id: won.id, closedOn: '2026-11-22' });
    const gone = await deal(b, { stageId: 'stage-proposal' });
    await b.client.call('deals.delete', { id: gone.id });
    const stages = await b.client.call('dealStages.list', {});
    expect(stages).toEqual(
      DEFAULTS.map((s, i) => ({
        ...s,
        position: i,
        active: true,
        openDeals: s.id === 'stage-lead' ? 1 : s.id === 'stage-proposal' ? 1 : 0,
      })),
    );
  });
});

describe('dealStages.set', () => {
  it('renames, reorders, re-weights and adds stages in one change', async () => {
    const b = await pipelineBook();
    const before = changeCount(b);
    const stages = await b.client.call('dealStages.set', {
      stages: [
        { id: 'stage-qualified', name: 'Qualified lead', probabilityBp: 2000 },
        { id: 'stage-lead', name: 'New', probabilityBp: 1000 },
        { id: 'stage-proposal', name: 'Proposal', probabilityBp: 5000 },
        { id: 'stage-negotiation', name: 'Negotiation', probabilityBp: 8000 },
        { name: 'Verbal yes', probabilityBp: 9000 },
      ],
    });
    expect(stages.map((s) => [s.name, s.position, s.probabilityBp])).toEqual([
      ['Qualified lead', 0, 2000],
      ['New', 1, 1000],
      ['Proposal', 2, 5000],
      ['Negotiation', 3, 8000],
      ['Verbal yes', 4, 9000],
    ]);
    // Proposal kept its place and its numbers: only the four others were written.
    const logged = b.book.sqlite
      .prepare(
        `SELECT op, count(*) AS n FROM changes WHERE seq > ? AND tbl = 'deal_stages' GROUP BY op ORDER BY op`,
      )
      .all(before);
    expect(logged).toEqual([
      { op: 'insert', n: 1 },
      { op: 'update', n: 3 },
    ]);
    expect(await b.client.call('dealStages.list', {})).toEqual(stages);
  });

  it('refuses to remove a stage with open deals, naming how many, and changes nothing', async () => {
    const b = await pipelineBook();
    await deal(b, { stageId: 'stage-proposal' });
    await deal(b, { stageId: 'stage-proposal' });
    const error = await refuses(
      b,
      'dealStages.set',
      { stages: DEFAULTS.filter((s) => s.id !== 'stage-proposal') },
      'CONFLICT',
      'moveOpenDeals',
    );
    expect(error.message).toBe(
      '“Proposal” has 2 open deals. Say which stage they move to, or move them first.',
    );
    expect(error.details).toMatchObject({ stageId: 'stage-proposal', openDeals: 2 });
  });

  it('moves the open deals of a removed stage to the end of the stage named, in their order', async () => {
    const b = await pipelineBook();
    const first = await deal(b, { stageId: 'stage-negotiation', title: 'Already there' });
    const a = await deal(b, { stageId: 'stage-proposal', title: 'A' });
    const c = await deal(b, { stageId: 'stage-proposal', title: 'C' });
    await b.client.call('deals.move', { id: c.id, stageId: 'stage-proposal', beforeId: a.id });
    const lost = await deal(b, { stageId: 'stage-proposal', title: 'Lost one' });
    await b.client.call('deals.lose', { id: lost.id, closedOn: '2026-11-20', reason: 'Budget' });

    const stages = await b.client.call('dealStages.set', {
      stages: DEFAULTS.filter((s) => s.id !== 'stage-proposal'),
      moveOpenDeals: [{ from: 'stage-proposal', to: 'stage-negotiation' }],
    });
    expect(stages.map((s) => s.id)).toEqual(['stage-lead', 'stage-qualified', 'stage-negotiation']);
    const board = await b.client.call('deals.board', {});
    const negotiation = board.columns.find((col) => col.stageId === 'stage-negotiation');
    expect(negotiation?.deals.map((d) => d.title)).toEqual(['Already there', 'C', 'A']);
    expect(board.columns.map((col) => col.stageId)).not.toContain('stage-proposal');
    // The lost deal keeps its stage, which stays as an inactive stage after the active ones.
    expect((await b.client.call('deals.get', { id: lost.id })).stageName).toBe('Proposal');
    expect(stageRows(b).at(-1)).toMatchObject({ id: 'stage-proposal', active: 0, position: 3 });
    expect(first.id).toBeTruthy();
  });

  it('deletes a removed stage nothing names, and brings a stage back when it is added again by name', async () => {
    const b = await pipelineBook();
    const won = await deal(b, { stageId: 'stage-qualified' });
    await b.client.call('deals.win', { id: won.id, closedOn: '2026-11-22' });
    await b.client.call('dealStages.set', {
      stages: DEFAULTS.filter((s) => s.id === 'stage-lead' || s.id === 'stage-proposal'),
    });
    expect(stageRows(b).map((s) => [s.id, s.active])).toEqual([
      ['stage-lead', 1],
      ['stage-proposal', 1],
      ['stage-qualified', 0],
    ]);
    const all = await b.client.call('dealStages.list', { includeInactive: true });
    expect(all.map((s) => [s.name, s.active])).toEqual([
      ['Lead', true],
      ['Proposal', true],
      ['Qualified', false],
    ]);
    // "qualified" again, without an id: the old stage comes back (with its history), not a new one.
    const back = await b.client.call('dealStages.set', {
      stages: [
        { id: 'stage-lead', name: 'Lead', probabilityBp: 1000 },
        { name: 'qualified', probabilityBp: 3000 },
        { id: 'stage-proposal', name: 'Proposal', probabilityBp: 5000 },
      ],
    });
    expect(back.map((s) => [s.id, s.name, s.probabilityBp])).toEqual([
      ['stage-lead', 'Lead', 1000],
      ['stage-qualified', 'qualified', 3000],
      ['stage-proposal', 'Proposal', 5000],
    ]);
    expect(stageRows(b).some((s) => s.id === 'stage-negotiation')).toBe(false);
  });

  it('refuses bad lists at the field, changing nothing', async () => {
    const b = await pipelineBook();
    await deal(b, { stageId: 'stage-proposal' });
    await refuses(
      b,
      'dealStages.set',
      { stages: [...DEFAULTS, { name: 'PROPOSAL', probabilityBp: 100 }] },
      'VALIDATION',
      'stages.4.name',
    );
    await refuses(
      b,
      'dealStages.set',
      { stages: [{ id: 'nope', name: 'X', probabilityBp: 1 }] },
      'NOT_FOUND',
      'stages.0.id',
    );
    await refuses(
      b,
      'dealStages.set',
      { stages: [DEFAULTS[0], { ...DEFAULTS[0], name: 'Again' }] },
      'VALIDATION',
      'stages.1.id',
    );
    await refuses(b, 'dealStages.set', { stages: [] }, 'VALIDATION', 'stages');
    await refuses(
      b,
      'dealStages.set',
      { stages: [{ name: 'X', probabilityBp: 10_001 }] },
      'VALIDATION',
      'stages.0.probabilityBp',
    );
    // Moving from a stage that stays, or to one that goes.
    await refuses(
      b,
      'dealStages.set',
      { stages: DEFAULTS, moveOpenDeals: [{ from: 'stage-lead', to: 'stage-proposal' }] },
      'VALIDATION',
      'moveOpenDeals.0.from',
    );
    await refuses(
      b,
      'dealStages.set',
      {
        stages: DEFAULTS.slice(0, 2),
        moveOpenDeals: [{ from: 'stage-proposal', to: 'stage-negotiation' }],
      },
      'VALIDATION',
      'moveOpenDeals.0.to',
    );
  });
});
