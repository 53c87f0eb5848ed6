/**
 * Query plans of the pipeline's hot queries, taken from the SQL the handlers really prepare
 * (captured while they run on a fresh book, before any statement is cached), so a change to a
 * query cannot quietly turn an index walk into a scan of a table.
 */
import { describe, expect, it } from 'vitest';
import { pipelineBook, planOf, type PipelineBook } from './pipeline.fixtures.ts';

/** The plan of every statement fn prepares that reads `table` (by its FROM clause). */
async function plansOf(table: string, fn: (b: PipelineBook) => Promise<unknown>): Promise<string[]> {
  const b = await pipelineBook();
  const db = b.book.sqlite;
  const seen: string[] = [];
  const original = db.prepare;
  db.prepare = ((text: string) => {
    seen.push(text);
    return original.call(db, text);
  }) as typeof db.prepare;
  try {
    await fn(b);
  } finally {
    db.prepare = original;
  }
  const from = new RegExp(`from ${table}( \\w+)?\\b(?! ?\\()`, 'iu');
  const plans = seen
    .filter((text) => from.test(text.replace(/\s+/gu, ' ')) && /^\s*select/iu.test(text))
    .map((text) =>
      planOf(
        b,
        text,
        Array.from(text.matchAll(/\?/gu), () => null),
      ),
    );
  expect(plans.length, `no query on ${table} was run`).toBeGreaterThan(0);
  return plans;
}

/** A pass over a whole table (or a sort of one) instead of an index walk. */
const SCANNED = /(^|\| )SCAN (d|deals|k|cases|p|people|c|companies)( |$)(?!USING)/u;

describe('query plans of the pipeline', () => {
  it('deals.board reads each column in rank order from deals_board and its totals from a covering index', async () => {
    const plans = await plansOf('deals', (b) => b.client.call('deals.board', {}));
    const cards = plans.find((p) => p.includes('SEARCH d '));
    expect(cards).toMatch(/^SEARCH d USING INDEX deals_board \(stage_id=\?\)/u);
    expect(cards).not.toMatch(/TEMP B-TREE/u);
    // Every join is a primary-key probe.
    expect(cards).toMatch(/SEARCH s USING INDEX sqlite_autoindex_deal_stages_1 \(id=\?\) LEFT-JOIN/u);
    expect(cards).toMatch(/SEARCH p USING INDEX sqlite_autoindex_people_1 \(id=\?\) LEFT-JOIN/u);
    const totals = plans.find((p) => p.startsWith('SEARCH deals'));
    expect(totals).toBe('SEARCH deals USING COVERING INDEX deals_open_value (stage_id=?)');
    for (const plan of plans) expect(plan).not.toMatch(SCANNED);
  });

  it('one owner’s board reads deals_owner_board for cards and totals', async () => {
    const plans = await plansOf('deals', (b) => b.client.call('deals.board', { ownerId: b.me }));
    expect(plans.find((p) => p.includes('SEARCH d '))).toMatch(
      /^SEARCH d USING INDEX deals_owner_board \(owner_id=\? AND stage_id=\?\)/u,
    );
    expect(plans.find((p) => p.startsWith('SEARCH deals'))).toMatch(
      /^SEARCH deals USING INDEX deals_owner_board \(owner_id=\? AND stage_id=\?\)/u,
    );
  });

  it('the next cards of a column start inside deals_board (keyset)', async () => {
    const plans = await plansOf('deals', (b) =>
      b.client.call('deals.column', {
        stageId: 'stage-lead',
        cursor: Buffer.from(JSON.stringify([3, 'x'])).toString('base64url'),
      }),
    );
    expect(plans.find((p) => p.includes('SEARCH d '))).toMatch(
      /^SEARCH d USING INDEX deals_board \(stage_id=\? AND \(rank,id\)>\(\?,\?\)\)/u,
    );
  });

  it('deals.list walks the index of its first filter newest first, or the primary key', async () => {
    const cursor = Buffer.from(JSON.stringify(['zzz'])).toString('base64url');
    const cases: [Record<string, string>, RegExp][] = [
      [{}, /^SCAN d USING INDEX sqlite_autoindex_deals_1 /u],
      [{ state: 'won' }, /^SCAN d USING INDEX sqlite_autoindex_deals_1 /u],
      [{ personId: 'ann' }, /^SEARCH d USING INDEX deals_person \(person_id=\?\)/u],
      [{ companyId: 'acme', state: 'open' }, /^SEARCH d USING INDEX deals_company \(company_id=\?\)/u],
      [{ ownerId: 'x', stageId: 'stage-lead' }, /^SEARCH d USING INDEX deals_owner \(owner_id=\?\)/u],
      [{ stageId: 'stage-lead' }, /^SEARCH d USING INDEX deals_stage \(stage_id=\?\)/u],
    ];
    for (const [filter, expected] of cases) {
      const [plan] = await plansOf('deals d', (b) => b.client.call('deals.list', { filter }));
      expect(plan, JSON.stringify(filter)).toMatch(expected);
      expect(plan).not.toMatch(/TEMP B-TREE/u);
      expect(plan).not.toMatch(SCANNED);
    }
    const [next] = await plansOf('deals d', (b) =>
      b.client.call('deals.list', { filter: { personId: 'ann' }, cursor }),
    );
    expect(next).toMatch(/^SEARCH d USING INDEX deals_person \(person_id=\? AND id<\?\)/u);
  });

  it('cases.list walks the index its filter and sort name', async () => {
    const today = '2026-11-22';
    const cases: [Record<string, unknown>, RegExp][] = [
      [{}, /^SCAN k USING INDEX cases_opened /u],
      [{ filter: { status: 'closed', category: 'return' } }, /^SCAN k USING INDEX cases_opened /u],
      [{ filter: { status: 'active' } }, /^SCAN k USING INDEX cases_open /u],
      [{ filter: { status: 'waiting', priority: 'high' } }, /^SCAN k USING INDEX cases_open /u],
      [
        { filter: { personId: 'ann', status: 'active' } },
        /^SEARCH k USING INDEX cases_person \(person_id=\? AND status=\?\)/u,
      ],
      [{ filter: { companyId: 'acme' } }, /^SEARCH k USING INDEX cases_company \(company_id=\?\)/u],
      [{ filter: { ownerId: 'x' } }, /^SEARCH k USING INDEX cases_owner \(owner_id=\?\)/u],
      [{ filter: { productId: 'x' } }, /^SEARCH k USING INDEX cases_product \(product_id=\?\)/u],
      [{ sort: 'due' }, /^SEARCH k USING INDEX cases_due \(due_date>\?\)/u],
      [
        { sort: 'due', filter: { overdue: true }, today },
        /^SEARCH k USING INDEX cases_due \(due_date>\? AND due_date<\?\)/u,
      ],
    ];
    for (const [input, expected] of cases) {
      const plans = await plansOf('cases k', (b) => b.client.call('cases.list', input));
      expect(plans[0], JSON.stringify(input)).toMatch(expected);
      for (const plan of plans) expect(plan).not.toMatch(SCANNED);
      // Only a driver index (one person's, company's ... cases) leaves a small sort to do.
      if (!/cases_(person|company|owner|product)/u.test(plans[0] ?? ''))
        expect(plans[0]).not.toMatch(/TEMP B-TREE/u);
    }
    // The due-date queue's tail (no due date) and its next page stay in cases_due.
    const tail = Buffer.from(JSON.stringify([null, 'x'])).toString('base64url');
    const [rest] = await plansOf('cases k', (b) =>
      b.client.call('cases.list', { sort: 'due', cursor: tail }),
    );
    expect(rest).toMatch(/^SEARCH k USING INDEX cases_due \(due_date=\? AND id>\?\)/u);
  });

  it('cases.openFor is an index look-up of the person’s (or company’s) open and waiting cases', async () => {
    const [person] = await plansOf('cases k', (b) =>
      b.client.call('cases.openFor', { personId: 'ann', today: '2026-11-22' }),
    );
    expect(person).toMatch(/^SEARCH k USING INDEX cases_person \(person_id=\? AND status=\?\)/u);
    const [company] = await plansOf('cases k', (b) =>
      b.client.call('cases.openFor', { companyId: 'acme', today: '2026-11-22' }),
    );
    expect(company).toMatch(/^SEARCH k USING INDEX cases_company \(company_id=\? AND status=\?\)/u);
    for (const plan of [person, company]) expect(plan).not.toMatch(SCANNED);
  });

  it('leads.list reads each kind through its lead index, newest first or by name', async () => {
    const created = (await plansOf('people p', (b) => b.client.call('leads.list', {})))[0];
    expect(created).toMatch(/SCAN p USING INDEX people_leads/u);
    expect(created).toMatch(/SCAN c USING INDEX companies_leads/u);
    const byName = (await plansOf('people p', (b) => b.client.call('leads.list', { sort: 'name' })))[0];
    expect(byName).toMatch(/SEARCH p USING INDEX people_by_stage \(stage=\?\)/u);
    expect(byName).toMatch(/SEARCH c USING INDEX companies_stage \(stage=\?\)/u);
    const mine = (
      await plansOf('people p', (b) =>
        b.client.call('leads.list', { sort: 'name', filter: { ownerId: b.me } }),
      )
    )[0];
    expect(mine).toMatch(/SEARCH p USING INDEX people_by_owner \(owner_id=\?\)/u);
    for (const plan of [created, byName, mine]) expect(plan).not.toMatch(SCANNED);
  });

  it('a move reads its neighbours from deals_board, and a stage check is one probe', async () => {
    const plans = await plansOf('deals', async (b) => {
      const a = await b.client.call('deals.create', { title: 'A', personId: 'ann' });
      const c = await b.client.call('deals.create', { title: 'C', personId: 'ann' });
      await b.client.call('deals.move', { id: c.id, stageId: 'stage-lead', beforeId: a.id });
      await b.client.call('dealStages.set', {
        stages: [{ id: 'stage-lead', name: 'Lead', probabilityBp: 1000 }],
      });
    });
    expect(plans).toContain('SEARCH deals USING INDEX deals_board (stage_id=? AND (rank,id)<(?,?))');
    expect(plans).toContain('SEARCH deals USING COVERING INDEX deals_stage (stage_id=?)');
    for (const plan of plans) expect(plan).not.toMatch(/(^|\| )SCAN deals( |$)/u);
  });
});
