/** Specs of the pipeline writes: deal stages, deals and their moves, and cases. */
import fc from 'fast-check';
import { CASE_CATEGORIES, CASE_PRIORITIES, CASE_STATUSES } from '../../../shared/domain/pipeline.ts';
import {
  aim,
  aimLink,
  aimParty,
  date,
  link,
  opt,
  pick,
  ref,
  staffPick,
  text,
  UNKNOWN_ID,
  type Target,
} from './pools.ts';
import { spec, type Built, type Spec } from './steps.ts';
import { ids, nth, type World } from './world.ts';

const currency = fc.constantFrom('GBP', 'GBP', 'EUR');

/** An active stage, an inactive one (out of the pipeline), or an id no stage has. */
const stageRef = fc.record({
  t: fc.constantFrom('active', 'active', 'active', 'inactive', 'unknown'),
  n: pick,
});
function aimStage(w: World, r: { t: string; n: number }): { ok: boolean; id: string | undefined } {
  if (r.t === 'unknown') return { ok: false, id: UNKNOWN_ID };
  const id = nth(
    ids(w, `SELECT id FROM deal_stages WHERE active = ? ORDER BY position`, r.t === 'active' ? 1 : 0),
    r.n,
  );
  return { ok: r.t === 'active', id };
}

const STAGE_NAMES = ['Lead', 'Qualified', 'Proposal', 'Negotiation', 'Verbal yes', 'On hold'];

const stagesSet = spec({
  name: 'dealStages.set',
  arb: fc.record({
    keep: fc.array(fc.record({ at: pick, rename: opt(fc.constantFrom(...STAGE_NAMES)), p: fc.nat(10_000) }), {
      minLength: 1,
      maxLength: 5,
    }),
    add: fc.array(fc.record({ name: fc.constantFrom(...STAGE_NAMES), p: fc.nat(10_000) }), { maxLength: 2 }),
    move: fc.boolean(),
    moveTo: pick,
  }),
  build(w, p): Built | null {
    const current = w.reader
      .prepare(`SELECT id, name, probability_bp FROM deal_stages WHERE active = 1 ORDER BY position`)
      .all() as { id: string; name: string; probability_bp: number }[];
    const stages: { id?: string; name: string; probabilityBp: number }[] = [];
    const kept = new Set<string>();
    for (const k of p.keep) {
      const s = nth(current, k.at);
      if (!s || kept.has(s.id)) continue;
      kept.add(s.id);
      stages.push({ id: s.id, name: k.rename ?? s.name, probabilityBp: k.p });
    }
    for (const a of p.add) stages.push({ name: a.name, probabilityBp: a.p });
    if (stages.length === 0) return null;
    const keptIds = [...kept];
    const moveOpenDeals =
      p.move && keptIds.length > 0
        ? current.filter((s) => !kept.has(s.id)).map((s) => ({ from: s.id, to: nth(keptIds, p.moveTo)! }))
        : [];
    return { input: { stages, moveOpenDeals }, expect: 'any' };
  },
});

const lineArb = fc.oneof(
  fc.record({ product: ref, quantity: fc.integer({ min: 0, max: 20_000 }), discountBp: fc.nat(10_000) }),
  fc.record({
    description: fc.constantFrom('Installation', 'Consulting day'),
    quantity: fc.integer({ min: 0, max: 20_000 }),
    unitPrice: fc.nat(500_000),
    discountBp: fc.nat(10_000),
    taxRateBp: fc.nat(10_000),
  }),
);
type LineP = typeof lineArb extends fc.Arbitrary<infer L> ? L : never;

function dealLines(w: World, list: LineP[]) {
  let refused = false;
  const out = list.map((l) => {
    if (!('product' in l)) return l;
    const id = aim(w, 'products', l.product.t, l.product.n);
    if (l.product.t !== 'live' || !id) refused = true;
    return { productId: id ?? UNKNOWN_ID, quantity: l.quantity, discountBp: l.discountBp };
  });
  return { lines: out, refused };
}

const dealsCreate = spec({
  name: 'deals.create',
  weight: 4,
  arb: fc.record({
    title: fc.constantFrom('Shop fit-out', 'Annual supply', 'Café refurbishment'),
    person: link,
    company: link,
    value: opt(fc.nat(2_000_000)),
    currency: opt(currency),
    stage: opt(stageRef),
    expectedClose: opt(fc.option(date, { nil: null })),
    owner: opt(pick),
    lines: opt(fc.array(lineArb, { maxLength: 3 })),
  }),
  build(w, p): Built | null {
    const stage = p.stage ? aimStage(w, p.stage) : { ok: true, id: undefined };
    if (p.stage && !stage.id) return null;
    const input: Record<string, unknown> = { title: p.title };
    const { person, company } = aimParty(w, p, input);
    // A value with lines is refused now and then (the value is the lines' net total).
    if (p.value !== undefined && (!p.lines?.length || p.value % 10 === 0)) input.value = p.value;
    if (p.currency) input.currency = p.currency;
    if (stage.id) input.stageId = stage.id;
    if (p.expectedClose !== undefined) input.expectedClose = p.expectedClose;
    if (p.owner !== undefined) input.ownerId = staffPick(w, p.owner);
    const l = p.lines ? dealLines(w, p.lines) : null;
    if (l) input.lines = l.lines;
    const valueAndLines = input.value !== undefined && (p.lines?.length ?? 0) > 0;
    const refused =
      !person.ok || !company.ok || !stage.ok || (!person.id && !company.id) || valueAndLines || l?.refused;
    return { input, expect: refused ? 'refused' : 'any' };
  },
});

const dealsUpdate = spec({
  name: 'deals.update',
  weight: 3,
  arb: fc.record({
    deal: ref,
    title: opt(fc.constantFrom('Renamed deal', 'Bigger deal')),
    person: link,
    company: link,
    value: opt(fc.nat(900_000)),
    currency: opt(currency),
    stage: opt(stageRef),
    owner: opt(pick),
    lines: opt(fc.array(lineArb, { maxLength: 2 })),
  }),
  build(w, p): Built | null {
    const id = aim(w, 'deals', p.deal.t, p.deal.n);
    if (!id) return null;
    const patch: Record<string, unknown> = {};
    if (p.title) patch.title = p.title;
    aimParty(w, p, patch);
    if (p.value !== undefined) patch.value = p.value;
    if (p.currency) patch.currency = p.currency;
    if (p.stage) {
      const s = aimStage(w, p.stage);
      if (s.id) patch.stageId = s.id;
    }
    if (p.owner !== undefined) patch.ownerId = staffPick(w, p.owner);
    if (p.lines) patch.lines = dealLines(w, p.lines).lines;
    return { input: { id, patch }, expect: p.deal.t === 'live' ? 'any' : 'refused' };
  },
});

const dealsDelete = spec({
  name: 'deals.delete',
  arb: ref,
  build(w, p): Built | null {
    const id = aim(w, 'deals', p.t, p.n);
    if (!id) return null;
    return { input: { id }, expect: p.t === 'live' ? 'ok' : 'refused' };
  },
});

const dealsRestore = spec({
  name: 'deals.restore',
  arb: fc.record({
    t: fc.constantFrom('trashed', 'trashed', 'live', 'unknown') as fc.Arbitrary<Target>,
    n: pick,
  }),
  build(w, p): Built | null {
    const id = aim(w, 'deals', p.t, p.n);
    if (!id) return null;
    return { input: { id }, expect: p.t === 'unknown' ? 'refused' : 'ok' };
  },
});

/** A live deal in a state (open, won, lost), or any deal aimed at by target. */
function dealIn(w: World, state: string | null, r: { t: Target; n: number }): string | undefined {
  if (state && r.t === 'live') return aim(w, 'deals', 'live', r.n, `state = '${state}'`);
  return aim(w, 'deals', r.t, r.n);
}

const dealsMove = spec({
  name: 'deals.move',
  weight: 4,
  arb: fc.record({
    deal: ref,
    open: fc.boolean(),
    stage: stageRef,
    place: fc.constantFrom('end', 'before', 'after', 'self'),
    next: pick,
  }),
  build(w, p): Built | null {
    const id = dealIn(w, p.open ? 'open' : null, p.deal);
    const stage = aimStage(w, p.stage);
    if (!id || !stage.id) return null;
    const input: Record<string, unknown> = { id, stageId: stage.id };
    if (p.place !== 'end') {
      const cards = ids(
        w,
        `SELECT id FROM deals WHERE stage_id = ? AND state = 'open' AND deleted_at IS NULL ORDER BY rank, id`,
        stage.id,
      );
      const other = p.place === 'self' ? id : nth(cards, p.next);
      if (other) input[p.place === 'after' ? 'afterId' : 'beforeId'] = other;
    }
    const refused = p.deal.t !== 'live' || !stage.ok || input.beforeId === id || input.afterId === id;
    return { input, expect: refused ? 'refused' : 'any' };
  },
});

const dealsWin = spec({
  name: 'deals.win',
  weight: 3,
  arb: fc.record({ deal: ref, open: fc.boolean(), closedOn: date }),
  build(w, p): Built | null {
    const id = dealIn(w, p.open ? 'open' : null, p.deal);
    if (!id) return null;
    return { input: { id, closedOn: p.closedOn }, expect: p.deal.t === 'live' ? 'any' : 'refused' };
  },
});

const dealsLose = spec({
  name: 'deals.lose',
  weight: 2,
  arb: fc.record({ deal: ref, open: fc.boolean(), closedOn: date, reason: fc.constantFrom('Price', '  ') }),
  build(w, p): Built | null {
    const id = dealIn(w, p.open ? 'open' : null, p.deal);
    if (!id) return null;
    const refused = p.deal.t !== 'live' || !p.reason.trim();
    return { input: { id, closedOn: p.closedOn, reason: p.reason }, expect: refused ? 'refused' : 'any' };
  },
});

const dealsReopen = spec({
  name: 'deals.reopen',
  weight: 2,
  arb: fc.record({ deal: ref, closed: fc.boolean(), stage: opt(stageRef) }),
  build(w, p): Built | null {
    const id =
      p.closed && p.deal.t === 'live'
        ? aim(w, 'deals', 'live', p.deal.n, `state <> 'open'`)
        : aim(w, 'deals', p.deal.t, p.deal.n);
    if (!id) return null;
    const input: Record<string, unknown> = { id };
    if (p.stage) {
      const s = aimStage(w, p.stage);
      if (s.id) input.stageId = s.id;
    }
    return { input, expect: p.deal.t === 'live' ? 'any' : 'refused' };
  },
});

const dealsToOrder = spec({
  name: 'deals.toOrder',
  weight: 3,
  arb: fc.record({
    deal: ref,
    won: fc.boolean(),
    orderDate: opt(date),
    status: opt(fc.constantFrom('quote', 'confirmed')),
  }),
  build(w, p): Built | null {
    const id = dealIn(w, p.won ? 'won' : null, p.deal);
    if (!id) return null;
    const input: Record<string, unknown> = { id };
    if (p.orderDate) input.orderDate = p.orderDate;
    if (p.status) input.status = p.status;
    return { input, expect: p.deal.t === 'live' ? 'any' : 'refused' };
  },
});

const casesCreate = spec({
  name: 'cases.create',
  weight: 3,
  arb: fc.record({
    subject: fc.constantFrom('Broken handle', 'Wrong colour delivered', 'How do I return this?'),
    description: opt(text),
    category: fc.constantFrom(...CASE_CATEGORIES),
    priority: opt(fc.constantFrom(...CASE_PRIORITIES)),
    person: link,
    company: link,
    product: link,
    order: link,
    owner: opt(pick),
    dueDate: opt(fc.option(date, { nil: null })),
  }),
  build(w, p): Built {
    const product = aimLink(w, 'products', p.product);
    const order = aimLink(w, 'orders', p.order);
    const input: Record<string, unknown> = { subject: p.subject, category: p.category };
    if (p.description) input.description = p.description;
    if (p.priority) input.priority = p.priority;
    const { person, company } = aimParty(w, p, input);
    if (product.id !== undefined) input.productId = product.id;
    if (order.id !== undefined) input.orderId = order.id;
    if (p.owner !== undefined) input.ownerId = staffPick(w, p.owner);
    if (p.dueDate !== undefined) input.dueDate = p.dueDate;
    const refused = !person.ok || !company.ok || !product.ok || !order.ok || (!person.id && !company.id);
    return { input, expect: refused ? 'refused' : 'ok' };
  },
});

const casesUpdate = spec({
  name: 'cases.update',
  weight: 2,
  arb: fc.record({
    c: ref,
    subject: opt(fc.constantFrom('Still broken', 'Refund asked')),
    priority: opt(fc.constantFrom(...CASE_PRIORITIES)),
    person: link,
    company: link,
    product: link,
    order: link,
    resolution: opt(fc.constantFrom('Replaced the part', '')),
    dueDate: opt(fc.option(date, { nil: null })),
  }),
  build(w, p): Built | null {
    const id = aim(w, 'cases', p.c.t, p.c.n);
    if (!id) return null;
    const patch: Record<string, unknown> = {};
    if (p.subject) patch.subject = p.subject;
    if (p.priority) patch.priority = p.priority;
    for (const [key, table, r] of [
      ['personId', 'people', p.person],
      ['companyId', 'companies', p.company],
      ['productId', 'products', p.product],
      ['orderId', 'orders', p.order],
    ] as const) {
      const l = aimLink(w, table, r);
      if (l.id !== undefined) patch[key] = l.id;
    }
    if (p.resolution !== undefined) patch.resolution = p.resolution;
    if (p.dueDate !== undefined) patch.dueDate = p.dueDate;
    return { input: { id, patch }, expect: p.c.t === 'live' ? 'any' : 'refused' };
  },
});

const casesSetStatus = spec({
  name: 'cases.setStatus',
  weight: 3,
  arb: fc.record({
    c: ref,
    status: fc.constantFrom(...CASE_STATUSES),
    resolution: opt(fc.constantFrom('Sent a new one', 'Refunded in full')),
  }),
  build(w, p): Built | null {
    const id = aim(w, 'cases', p.c.t, p.c.n);
    if (!id) return null;
    const input: Record<string, unknown> = { id, status: p.status };
    if (p.resolution) input.resolution = p.resolution;
    const active = p.status === 'open' || p.status === 'waiting';
    const refused = p.c.t !== 'live' || (active && p.resolution !== undefined);
    return { input, expect: refused ? 'refused' : 'any' };
  },
});

const casesDelete = spec({
  name: 'cases.delete',
  arb: ref,
  build(w, p): Built | null {
    const id = aim(w, 'cases', p.t, p.n);
    if (!id) return null;
    return { input: { id }, expect: p.t === 'live' ? 'ok' : 'refused' };
  },
});

const casesRestore = spec({
  name: 'cases.restore',
  arb: fc.record({
    t: fc.constantFrom('trashed', 'trashed', 'live', 'unknown') as fc.Arbitrary<Target>,
    n: pick,
  }),
  build(w, p): Built | null {
    const id = aim(w, 'cases', p.t, p.n);
    if (!id) return null;
    return { input: { id }, expect: p.t === 'unknown' ? 'refused' : 'ok' };
  },
});

export const PIPELINE_SPECS: Spec[] = [
  stagesSet,
  dealsCreate,
  dealsUpdate,
  dealsDelete,
  dealsRestore,
  dealsMove,
  dealsWin,
  dealsToOrder,
  dealsLose,
  dealsReopen,
  casesCreate,
  casesUpdate,
  casesSetStatus,
  casesDelete,
  casesRestore,
] as Spec[];
