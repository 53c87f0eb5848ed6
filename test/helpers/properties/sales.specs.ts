/** Specs of the sales writes: product categories, products, order numbering, orders and their lines. */
import fc from 'fast-check';
import { ORDER_STATUSES } from '../../../shared/domain/sales.ts';
import {
  aim,
  aimLink,
  aimParty,
  date,
  link,
  opt,
  pick,
  rarely,
  ref,
  staffPick,
  text,
  UNKNOWN_ID,
  type Target,
} from './pools.ts';
import { seedContacts } from './property.ts';
import { spec, type Built, type Spec } from './steps.ts';
import { ids, nth, type World } from './world.ts';

const currency = fc.constantFrom('GBP', 'GBP', 'GBP', 'EUR');

const CATEGORY_NAMES = ['Tools', 'Paint', 'Garden', 'Services', 'Café supplies', 'tools'];

const categoriesSet = spec({
  name: 'productCategories.set',
  arb: fc.record({
    keep: fc.array(fc.record({ at: pick, rename: opt(fc.constantFrom(...CATEGORY_NAMES)) }), {
      maxLength: 4,
    }),
    add: fc.array(fc.constantFrom(...CATEGORY_NAMES), { maxLength: 2 }),
    unknown: rarely,
  }),
  build(w, p): Built {
    const current = w.reader
      .prepare(`SELECT id, name FROM product_categories WHERE deleted_at IS NULL ORDER BY position`)
      .all() as { id: string; name: string }[];
    const categories: { id?: string; name: string }[] = [];
    const taken = new Set<string>();
    for (const k of p.keep) {
      const c = nth(current, k.at);
      if (!c || taken.has(c.id)) continue;
      taken.add(c.id);
      categories.push({ id: c.id, name: k.rename ?? c.name });
    }
    for (const name of p.add) categories.push({ name });
    if (p.unknown) categories.push({ id: UNKNOWN_ID, name: 'Ghosts' });
    const names = categories.map((c) => c.name.toLocaleLowerCase());
    const dup = new Set(names).size !== names.length;
    return { input: { categories }, expect: p.unknown || dup ? 'refused' : 'any' };
  },
});

const SKUS = ['HAM-1', 'ham-1', 'PNT-2', 'SRV-9'];
const PRODUCT_NAMES = ['Claw hammer', 'Wall paint 5 l', 'Fitting (per hour)', 'Café table'];

const productsCreate = spec({
  name: 'products.create',
  weight: 3,
  arb: fc.record({
    sku: opt(fc.constantFrom(...SKUS)),
    name: fc.constantFrom(...PRODUCT_NAMES),
    kind: fc.constantFrom('product', 'service'),
    category: link,
    unitPrice: fc.oneof({ weight: 9, arbitrary: fc.nat(200_000) }, { weight: 1, arbitrary: fc.constant(-1) }),
    unitCost: opt(fc.nat(100_000)),
    taxRateBp: opt(
      fc.oneof(
        { weight: 9, arbitrary: fc.constantFrom(0, 500, 2000) },
        { weight: 1, arbitrary: fc.constant(10_001) },
      ),
    ),
    currency: opt(currency),
    active: opt(fc.boolean()),
    description: opt(text),
  }),
  build(w, p): Built {
    const category = aimLink(w, 'product_categories', p.category);
    const input: Record<string, unknown> = { name: p.name, kind: p.kind, unitPrice: p.unitPrice };
    if (p.sku) input.sku = p.sku;
    if (category.id !== undefined) input.categoryId = category.id;
    if (p.unitCost !== undefined) input.unitCost = p.unitCost;
    if (p.taxRateBp !== undefined) input.taxRateBp = p.taxRateBp;
    if (p.currency) input.currency = p.currency;
    if (p.active !== undefined) input.active = p.active;
    if (p.description) input.description = p.description;
    const refused = !category.ok || p.unitPrice < 0 || (p.taxRateBp ?? 0) > 10_000;
    return { input, expect: refused ? 'refused' : p.sku ? 'any' : 'ok' };
  },
});

const productsUpdate = spec({
  name: 'products.update',
  weight: 2,
  arb: fc.record({
    product: ref,
    sku: opt(fc.option(fc.constantFrom(...SKUS), { nil: null })),
    name: opt(fc.constantFrom(...PRODUCT_NAMES)),
    unitPrice: opt(fc.nat(200_000)),
    taxRateBp: opt(fc.constantFrom(0, 2000)),
    currency: opt(currency),
    active: opt(fc.boolean()),
    category: link,
  }),
  build(w, p): Built | null {
    const id = aim(w, 'products', p.product.t, p.product.n);
    if (!id) return null;
    const category = aimLink(w, 'product_categories', p.category);
    const patch: Record<string, unknown> = {};
    for (const k of ['sku', 'name', 'unitPrice', 'taxRateBp', 'currency', 'active'] as const) {
      if (p[k] !== undefined) patch[k] = p[k];
    }
    if (category.id !== undefined) patch.categoryId = category.id;
    return { input: { id, patch }, expect: p.product.t === 'live' ? 'any' : 'refused' };
  },
});

const productsDelete = spec({
  name: 'products.delete',
  arb: ref,
  build(w, p): Built | null {
    const id = aim(w, 'products', p.t, p.n);
    if (!id) return null;
    return { input: { id }, expect: p.t === 'live' ? 'ok' : 'refused' };
  },
});

const productsRestore = spec({
  name: 'products.restore',
  arb: fc.record({
    t: fc.constantFrom('trashed', 'trashed', 'live', 'unknown') as fc.Arbitrary<Target>,
    n: pick,
  }),
  build(w, p): Built | null {
    const id = aim(w, 'products', p.t, p.n);
    if (!id) return null;
    return { input: { id }, expect: p.t === 'unknown' ? 'refused' : p.t === 'live' ? 'ok' : 'any' };
  },
});

const setPrefix = spec({
  name: 'orders.setPrefix',
  arb: fc.constantFrom('ORD-', 'INV/2026/', '', 'S.O#', 'Bad prefix!', 'WAY-TOO-LONG-PREFIX'),
  build(_w, prefix): Built {
    const bad = !/^[A-Za-z0-9/_.#-]*$/u.test(prefix) || prefix.length > 12;
    return { input: { prefix }, expect: bad ? 'refused' : 'ok' };
  },
});

const quantity = fc.oneof(fc.integer({ min: 0, max: 50_000 }), fc.constant(1000));
const discount = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10_000 }));
const lineArb = fc.oneof(
  { weight: 3, arbitrary: fc.record({ product: ref, quantity, discountBp: discount }) },
  {
    weight: 3,
    arbitrary: fc.record({
      description: fc.constantFrom('Delivery', 'Labour', 'Card fee 4111 1111 1111 1111'),
      quantity,
      unitPrice: fc.integer({ min: 0, max: 1_000_000 }),
      discountBp: discount,
      taxRateBp: fc.integer({ min: 0, max: 10_000 }),
      unitCost: fc.integer({ min: 0, max: 1_000_000 }),
    }),
  },
  {
    // Large but allowed by the contract: quantity up to 10^12 thousandths, prices up to 10^13.
    weight: 1,
    arbitrary: fc.record({
      description: fc.constant('Bulk contract'),
      quantity: fc.constantFrom(1e12, 999_999_999, 5_000_000),
      unitPrice: fc.constantFrom(1e13, 123_456_789, 99_999),
      discountBp: discount,
    }),
  },
  { weight: 1, arbitrary: fc.record({ description: fc.constant('No price'), quantity }) },
);
type LineP = typeof lineArb extends fc.Arbitrary<infer L> ? L : never;

/** The lines as a request gives them, and whether they are surely refused. */
function lines(w: World, list: LineP[]) {
  let refused = false;
  let big = false;
  const out = list.map((l) => {
    if ('product' in l) {
      const id = aim(w, 'products', l.product.t, l.product.n);
      if (l.product.t !== 'live' || !id) refused = true;
      return { productId: id ?? UNKNOWN_ID, quantity: l.quantity, discountBp: l.discountBp };
    }
    if (!('unitPrice' in l)) refused = true;
    if ('unitPrice' in l && l.quantity * l.unitPrice > 1e15) big = true;
    return l;
  });
  return { lines: out, refused, big };
}

const ordersCreate = spec({
  name: 'orders.create',
  weight: 4,
  arb: fc.record({
    person: link,
    company: link,
    orderDate: date,
    status: opt(fc.constantFrom(...ORDER_STATUSES)),
    currency: opt(currency),
    owner: opt(pick),
    notes: opt(text),
    lines: fc.oneof(
      { weight: 12, arbitrary: fc.array(lineArb, { minLength: 1, maxLength: 3 }) },
      { weight: 1, arbitrary: fc.array(lineArb, { maxLength: 0 }) },
    ),
  }),
  build(w, p): Built {
    const l = lines(w, p.lines);
    const input: Record<string, unknown> = { orderDate: p.orderDate, lines: l.lines };
    const { person, company } = aimParty(w, p, input);
    if (p.status) input.status = p.status;
    if (p.currency) input.currency = p.currency;
    if (p.owner !== undefined) input.ownerId = staffPick(w, p.owner);
    if (p.notes) input.notes = p.notes;
    const refused =
      !person.ok || !company.ok || (!person.id && !company.id) || l.refused || p.lines.length === 0;
    return { input, expect: refused ? 'refused' : 'any' };
  },
});

const ordersUpdate = spec({
  name: 'orders.update',
  weight: 3,
  arb: fc.record({
    order: ref,
    person: link,
    company: link,
    orderDate: opt(date),
    currency: opt(currency),
    owner: opt(pick),
    notes: opt(fc.option(text, { nil: null })),
    lines: opt(fc.array(lineArb, { minLength: 1, maxLength: 3 })),
    stale: rarely,
  }),
  build(w, p): Built | null {
    const id = aim(w, 'orders', p.order.t, p.order.n);
    if (!id) return null;
    const patch: Record<string, unknown> = {};
    aimParty(w, p, patch);
    if (p.orderDate) patch.orderDate = p.orderDate;
    if (p.currency) patch.currency = p.currency;
    if (p.owner !== undefined) patch.ownerId = staffPick(w, p.owner);
    if (p.notes !== undefined) patch.notes = p.notes;
    if (p.lines) patch.lines = lines(w, p.lines).lines;
    const input: Record<string, unknown> = { id, patch };
    const updatedAt = w.reader
      .prepare(`SELECT updated_at FROM orders WHERE id = ?`)
      .pluck()
      .get(id) as number;
    if (p.stale) input.expectedUpdatedAt = updatedAt + 1;
    return { input, expect: p.order.t !== 'live' || p.stale ? 'refused' : 'any' };
  },
});

const ordersSetStatus = spec({
  name: 'orders.setStatus',
  weight: 4,
  arb: fc.record({ order: ref, status: fc.constantFrom(...ORDER_STATUSES), date }),
  build(w, p): Built | null {
    const id = aim(w, 'orders', p.order.t, p.order.n);
    if (!id) return null;
    return {
      input: { id, status: p.status, date: p.date },
      expect: p.order.t === 'live' ? 'any' : 'refused',
    };
  },
});

const ordersDelete = spec({
  name: 'orders.delete',
  weight: 2,
  arb: ref,
  build(w, p): Built | null {
    const id = aim(w, 'orders', p.t, p.n);
    if (!id) return null;
    return { input: { id }, expect: p.t === 'live' ? 'ok' : 'refused' };
  },
});

const ordersRestore = spec({
  name: 'orders.restore',
  arb: fc.record({
    t: fc.constantFrom('trashed', 'trashed', 'live', 'unknown') as fc.Arbitrary<Target>,
    n: pick,
  }),
  build(w, p): Built | null {
    const id = aim(w, 'orders', p.t, p.n);
    if (!id) return null;
    return { input: { id }, expect: p.t === 'unknown' ? 'refused' : 'ok' };
  },
});

/** Products to sell from the start (a sales world has a catalogue). */
export async function seedCatalogue(w: World): Promise<void> {
  const { b } = w;
  const [tools] = await b.client.call('productCategories.set', {
    categories: [{ name: 'Tools' }, { name: 'Paint' }],
  });
  await b.client.call('products.create', {
    name: 'Claw hammer',
    sku: 'HAM-1',
    unitPrice: 1299,
    unitCost: 700,
    taxRateBp: 2000,
    categoryId: tools!.id,
  });
  await b.client.call('products.create', { name: 'Fitting (per hour)', kind: 'service', unitPrice: 4500 });
  await b.client.call('products.create', {
    name: 'Euro lamp',
    unitPrice: 999,
    taxRateBp: 1900,
    currency: 'EUR',
  });
  expectIds(w);
}

/** People, a company and the catalogue to start a sales or pipeline world from. */
export async function seedSales(w: World): Promise<void> {
  await seedContacts(w);
  await seedCatalogue(w);
}

function expectIds(w: World): void {
  if (ids(w, `SELECT id FROM products`).length < 3) throw new Error('The catalogue was not made.');
}

export const SALES_SPECS: Spec[] = [
  categoriesSet,
  productsCreate,
  productsUpdate,
  productsDelete,
  productsRestore,
  setPrefix,
  ordersCreate,
  ordersUpdate,
  ordersSetStatus,
  ordersDelete,
  ordersRestore,
] as Spec[];
