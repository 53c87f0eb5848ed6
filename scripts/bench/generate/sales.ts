/**
 * The sales and service rows of a benchmark book: the demo's catalogue (categories and products),
 * about two orders per person with their lines and status histories, deals (open, won and lost,
 * with lines), and complaints and support cases; companies get a lifecycle stage.
 *
 * Who buys follows the lifecycle stage: customers and former customers have orders (three or four
 * on average), prospects a quote now and then, leads none; leads and prospects have most deals.
 * Orders are numbered in date order, as the app numbers them one after another over the years,
 * and written in that order (a UUIDv7 id is its creation time, so rows land in time order). Every
 * amount is worked out with the app's money rules (lineAmounts), and an order's totals are the
 * sums of its lines. The report summaries (sales_monthly, sales_monthly_orders) and every
 * customer's purchase summary (customer_sales) are summed here as keepSalesCurrent() would have
 * kept them order by order: only orders that count as sales (countsAsSale), '' for no owner and
 * no category. test/bench/generated-book.test.ts proves them equal to the app's own code.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { lineAmounts, type LineAmounts } from '../../../shared/domain/money.ts';
import {
  countsAsSale,
  DEFAULT_ORDER_PREFIX,
  formatReference,
  type OrderStatus,
} from '../../../shared/domain/sales.ts';
import {
  CASE_SUBJECTS,
  CATEGORIES,
  DEAL_TITLES,
  LOST_REASONS,
  PRODUCTS,
  RESOLUTIONS,
  statusPath,
} from '../../../electron/backend/demo/demo.sales.ts';
import { BatchInsert } from './batch-insert.ts';
import { uuid7, weighted, type Rng } from './rng.ts';
import { BOOK_NOW, DAY } from './rows.ts';

export interface SalesContext {
  db: Database.Database;
  rng: Rng;
  idRng: Rng;
  staffIds: string[];
  counts: Record<string, number>;
  log: (message: string) => void;
}

export interface SalesProbes {
  /** People with at least one order that counts as a sale (a reservoir sample). */
  buyers: string[];
}

const cols = (names: string) => names.split(' ');
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const CURRENCY = 'GBP';
const TAX_BP = 2000;

/** Orders per person, by lifecycle stage: about two per person over the book. */
const ORDERS_BY_STAGE: Record<string, (rng: Rng) => number> = {
  customer: weighted([
    [1, 15],
    [2, 20],
    [3, 20],
    [4, 15],
    [5, 10],
    [6, 8],
    [8, 7],
    [12, 5],
  ] as const),
  former: weighted([
    [1, 25],
    [2, 30],
    [3, 25],
    [4, 10],
    [6, 10],
  ] as const),
  prospect: weighted([
    [0, 60],
    [1, 40],
  ] as const),
  lead: () => 0,
};
const DEAL_CHANCE: Record<string, number> = { lead: 0.3, prospect: 0.4, customer: 0.15, former: 0.05 };
const CASE_CHANCE: Record<string, number> = { lead: 0, prospect: 0.02, customer: 0.15, former: 0.12 };

const pickLineCount = weighted([
  [1, 40],
  [2, 30],
  [3, 20],
  [4, 10],
] as const);
const pickDiscount = weighted([
  [0, 80],
  [500, 15],
  [1000, 5],
] as const);
const pickPriority = weighted([
  ['low', 15],
  ['normal', 60],
  ['high', 20],
  ['urgent', 5],
] as const);
const OLD = weighted([
  ['paid', 86],
  ['invoiced', 4],
  ['cancelled', 6],
  ['quote', 4],
] as const);
const MONTH_OR_TWO = weighted([
  ['paid', 45],
  ['invoiced', 30],
  ['delivered', 15],
  ['cancelled', 5],
  ['quote', 5],
] as const);
const RECENT = weighted([
  ['confirmed', 30],
  ['delivered', 25],
  ['invoiced', 15],
  ['quote', 20],
  ['paid', 5],
  ['cancelled', 5],
] as const);

/** The status an order of this age has reached (as the demo book's orders do). */
function finalStatus(rng: Rng, stage: string, ageDays: number): OrderStatus {
  if (stage === 'prospect') return rng.chance(0.85) ? 'quote' : 'cancelled';
  if (ageDays > 60) return OLD(rng);
  if (ageDays > 25) return MONTH_OR_TWO(rng);
  return RECENT(rng);
}

interface Product {
  id: string;
  name: string;
  category: string;
  unit: string;
  kind: 'product' | 'service';
  price: number;
  cost: number;
}

interface Sums {
  lines: number;
  net: number;
  tax: number;
  gross: number;
  cost: number;
}

const add = (into: Sums, a: LineAmounts, lines: number) => {
  into.lines += lines;
  into.net += a.net;
  into.tax += a.tax;
  into.gross += a.gross;
  into.cost += a.cost;
};

/** Keeps a uniform sample of `size` strings from a stream (seeded). */
function reservoir(size: number, rng: Rng) {
  const items: string[] = [];
  let seen = 0;
  return {
    items,
    offer(item: string) {
      seen++;
      if (items.length < size) items.push(item);
      else {
        const j = rng.int(seen);
        if (j < size) items[j] = item;
      }
    },
  };
}

/** Writes the catalogue, orders, deals and cases and their summaries. The caller holds no transaction. */
export function insertSales(ctx: SalesContext): SalesProbes {
  const { db, rng, idRng, counts, log } = ctx;
  const staff = ctx.staffIds;
  const catalogueAt = BOOK_NOW - 7 * 365 * DAY;

  // The catalogue, as the demo book has it.
  db.exec('BEGIN');
  const categoryIds = CATEGORIES.map((name, i) => {
    const id = uuid7(catalogueAt + i, idRng);
    db.prepare(
      `INSERT INTO product_categories (id, name, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
    ).run(id, name, i, catalogueAt, catalogueAt);
    return id;
  });
  const products: Product[] = PRODUCTS.map(([name, category, unit, price, cost, kind], i) => {
    const id = uuid7(catalogueAt + 100 + i, idRng);
    db.prepare(
      `INSERT INTO products (id, sku, name, kind, category_id, unit, unit_price, unit_cost, tax_rate_bp, currency,
         active, created_at, updated_at, created_by, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`,
    ).run(
      id,
      `HF-${101 + i}`,
      name,
      kind,
      categoryIds[category]!,
      unit,
      price,
      cost,
      TAX_BP,
      CURRENCY,
      catalogueAt,
      catalogueAt,
      staff[0]!,
      staff[0]!,
    );
    return { id, name, category: categoryIds[category]!, unit, kind, price, cost };
  });
  db.exec('COMMIT');
  counts.products = products.length;

  // Who buys, who is in the pipeline and who complains: one pass over the people.
  const people: { id: string; company: string | null; stage: string; owner: string | null; given: string }[] =
    [];
  const orderAt: number[] = [];
  const orderOf: number[] = [];
  const dealAt: number[] = [];
  const dealOf: number[] = [];
  const caseAt: number[] = [];
  const caseOf: number[] = [];
  const rows = db
    .prepare(`SELECT id, company_id, stage, owner_id, given_name, created_at FROM people ORDER BY rowid`)
    .iterate() as IterableIterator<{
    id: string;
    company_id: string | null;
    stage: string;
    owner_id: string | null;
    given_name: string;
    created_at: number;
  }>;
  for (const p of rows) {
    const index = people.length;
    people.push({ id: p.id, company: p.company_id, stage: p.stage, owner: p.owner_id, given: p.given_name });
    const span = Math.max(DAY, BOOK_NOW - DAY - p.created_at);
    for (let k = ORDERS_BY_STAGE[p.stage]!(rng); k > 0; k--) {
      orderAt.push(p.created_at + Math.floor(rng.float() * span));
      orderOf.push(index);
    }
    if (rng.chance(DEAL_CHANCE[p.stage]!)) {
      dealAt.push(p.created_at + Math.floor(rng.float() * span));
      dealOf.push(index);
    }
    if (rng.chance(CASE_CHANCE[p.stage]!)) {
      caseAt.push(p.created_at + Math.floor(rng.float() * span));
      caseOf.push(index);
    }
  }
  const inTimeOrder = (at: number[]) => Array.from(at.keys()).sort((a, b) => at[a]! - at[b]! || a - b);

  // Orders, numbered and written in date order.
  const ins = {
    order: new BatchInsert(
      db,
      'orders',
      cols(
        'id number reference person_id company_id order_date status status_date currency owner_id notes net tax gross cost created_at updated_at created_by updated_by',
      ),
    ),
    line: new BatchInsert(
      db,
      'order_lines',
      cols(
        'id order_id position product_id category_id description quantity unit_price discount_bp tax_rate_bp unit_cost net tax gross cost',
      ),
    ),
    status: new BatchInsert(db, 'order_status_changes', cols('order_id position status on_date at by')),
  };
  const monthly = new Map<string, Sums>();
  const monthlyOrders = new Map<string, Sums>();
  const customers = new Map<string, Sums & { orders: number; last: string }>();
  const buyers = reservoir(200, rng);
  const bought = new Set<string>();
  const sums = (map: Map<string, Sums>, key: string) => {
    let s = map.get(key);
    if (!s) map.set(key, (s = { lines: 0, net: 0, tax: 0, gross: 0, cost: 0 }));
    return s;
  };
  const addCustomer = (key: string, order: LineAmounts, date: string) => {
    let s = customers.get(key);
    if (!s) customers.set(key, (s = { lines: 0, net: 0, tax: 0, gross: 0, cost: 0, orders: 0, last: date }));
    add(s, order, 0);
    s.orders++;
    if (date > s.last) s.last = date;
  };
  const lineOf = (p: Product) => {
    const quantity =
      p.unit === 'hour' ? rng.between(2, 16) * 500 : rng.between(1, p.kind === 'service' ? 2 : 8) * 1000;
    const discountBp = pickDiscount(rng);
    return {
      quantity,
      discountBp,
      amounts: lineAmounts({ quantity, unitPrice: p.price, discountBp, taxRateBp: TAX_BP, unitCost: p.cost }),
    };
  };

  const orders = inTimeOrder(orderAt);
  db.exec('BEGIN');
  for (const [n, k] of orders.entries()) {
    if (n > 0 && n % 100_000 === 0) {
      for (const inserter of Object.values(ins)) inserter.flush();
      db.exec('COMMIT');
      db.exec('BEGIN');
      if (n % 500_000 === 0) log(`  orders: ${n.toLocaleString('en')}`);
    }
    const at = orderAt[k]!;
    const who = people[orderOf[k]!]!;
    const id = uuid7(at, idRng);
    const number = n + 1;
    const date = isoDate(at);
    const final = finalStatus(rng, who.stage, (BOOK_NOW - at) / DAY);
    const owner = who.owner !== null && rng.chance(0.8) ? who.owner : rng.pick(staff);
    const company = who.company !== null && rng.chance(0.6) ? who.company : null;

    // Lines: distinct products, sometimes a free-text line.
    const order: Sums = { lines: 0, net: 0, tax: 0, gross: 0, cost: 0 };
    const chosen = new Set<Product>();
    for (let c = pickLineCount(rng); c > 0; c--) chosen.add(rng.skewed(products, 1.4));
    const lines = [...chosen].map((p) => ({ p, ...lineOf(p) }));
    const freeText = rng.chance(0.04);
    for (const [position, l] of lines.entries()) {
      ins.line.add(
        uuid7(at, idRng),
        id,
        position,
        l.p.id,
        l.p.category,
        l.p.name,
        l.quantity,
        l.p.price,
        l.discountBp,
        TAX_BP,
        l.p.cost,
        l.amounts.net,
        l.amounts.tax,
        l.amounts.gross,
        l.amounts.cost,
      );
    }
    let surcharge: LineAmounts | null = null;
    if (freeText) {
      const price = rng.between(10, 60) * 100;
      surcharge = lineAmounts({
        quantity: 1000,
        unitPrice: price,
        discountBp: 0,
        taxRateBp: TAX_BP,
        unitCost: 0,
      });
      ins.line.add(
        uuid7(at, idRng),
        id,
        lines.length,
        null,
        null,
        'Out-of-hours delivery',
        1000,
        price,
        0,
        TAX_BP,
        0,
        surcharge.net,
        surcharge.tax,
        surcharge.gross,
        surcharge.cost,
      );
    }
    for (const l of lines) add(order, l.amounts, 0);
    if (surcharge) add(order, surcharge, 0);
    counts.order_lines = (counts.order_lines ?? 0) + lines.length + (surcharge ? 1 : 0);

    // The status history, each step dated, never after "now".
    let statusDate = date;
    let changedAt = at;
    for (const [position, [status, days]] of statusPath(final).entries()) {
      changedAt = Math.min(at + days * DAY, BOOK_NOW - 3_600_000);
      statusDate = isoDate(changedAt);
      ins.status.add(id, position, status, statusDate, changedAt, owner);
    }
    ins.order.add(
      id,
      number,
      formatReference(DEFAULT_ORDER_PREFIX, number),
      who.id,
      company,
      date,
      final,
      statusDate,
      CURRENCY,
      owner,
      rng.chance(0.05) ? 'Deliver to the side entrance.' : null,
      order.net,
      order.tax,
      order.gross,
      order.cost,
      at,
      changedAt,
      owner,
      owner,
    );

    if (countsAsSale(final, null)) {
      const month = date.slice(0, 7);
      for (const l of lines) add(sums(monthly, `${month}|${owner}|${l.p.category}`), l.amounts, 1);
      if (surcharge) add(sums(monthly, `${month}|${owner}|`), surcharge, 1);
      // In sales_monthly_orders, `lines` counts orders.
      add(sums(monthlyOrders, `${month}|${owner}`), order, 1);
      addCustomer(`person|${who.id}`, order, date);
      if (company !== null) {
        addCustomer(`company|${company}`, order, date);
        bought.add(company);
      }
      buyers.offer(who.id);
    }
  }
  for (const inserter of Object.values(ins)) inserter.flush();
  db.exec('COMMIT');
  counts.orders = orders.length;

  // The summaries, in key order.
  db.exec('BEGIN');
  const monthlyRow = db.prepare(
    `INSERT INTO sales_monthly (month, owner_id, category_id, currency, lines, net, tax, gross, cost)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const [key, s] of monthly) {
    const [month, owner, category] = key.split('|') as [string, string, string];
    monthlyRow.run(month, owner, category, CURRENCY, s.lines, s.net, s.tax, s.gross, s.cost);
  }
  const ordersRow = db.prepare(
    `INSERT INTO sales_monthly_orders (month, owner_id, currency, orders, net, tax, gross, cost)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const [key, s] of monthlyOrders) {
    const [month, owner] = key.split('|') as [string, string];
    ordersRow.run(month, owner, CURRENCY, s.lines, s.net, s.tax, s.gross, s.cost);
  }
  const customerRow = new BatchInsert(
    db,
    'customer_sales',
    cols('party party_id currency orders net gross cost last_order_date'),
  );
  for (const key of [...customers.keys()].sort()) {
    const s = customers.get(key)!;
    const [party, id] = key.split('|') as [string, string];
    customerRow.add(party, id, CURRENCY, s.orders, s.net, s.gross, s.cost, s.last);
  }
  customerRow.flush();
  counts.customer_sales = customers.size;

  // Companies that bought are customers; about one in eight of the rest is a lead.
  const stageOf = db.prepare(`UPDATE companies SET stage = ?, source = ? WHERE id = ?`);
  const companies = db.prepare(`SELECT id FROM companies ORDER BY rowid`).pluck().all() as string[];
  for (const id of companies) {
    stageOf.run(
      bought.has(id) ? 'customer' : rng.chance(0.12) ? 'lead' : 'prospect',
      rng.pick(['Website', 'Referral', 'Trade show', 'Phone-in']),
      id,
    );
  }
  db.exec('COMMIT');

  // Deals: the pipeline's open deals (ranked in each column) and years of deals won and lost.
  const stages = db
    .prepare(`SELECT id FROM deal_stages WHERE active = 1 ORDER BY position`)
    .pluck()
    .all() as string[];
  const rank = new Map(stages.map((s) => [s, 0]));
  const deal = new BatchInsert(
    db,
    'deals',
    cols(
      'id title person_id company_id stage_id value currency expected_close owner_id state closed_on lost_reason rank order_id created_at updated_at created_by updated_by',
    ),
  );
  const dealLine = new BatchInsert(
    db,
    'deal_lines',
    cols(
      'id deal_id position product_id category_id description quantity unit_price discount_bp tax_rate_bp unit_cost net tax gross cost',
    ),
  );
  db.exec('BEGIN');
  for (const k of inTimeOrder(dealAt)) {
    const at = dealAt[k]!;
    const who = people[dealOf[k]!]!;
    const id = uuid7(at, idRng);
    const ageDays = (BOOK_NOW - at) / DAY;
    const open = ageDays < 90 ? rng.chance(0.7) : ageDays < 180 ? rng.chance(0.15) : false;
    const stage = rng.pick(stages);
    const owner = who.owner ?? rng.pick(staff);
    let value = rng.between(8, 400) * 5_000;
    if (rng.chance(0.4)) {
      const chosen = new Set<Product>();
      for (let c = rng.between(1, 3); c > 0; c--) chosen.add(rng.pick(products));
      value = 0;
      for (const [position, p] of [...chosen].entries()) {
        const quantity = rng.between(1, 12) * 1000;
        const a = lineAmounts({
          quantity,
          unitPrice: p.price,
          discountBp: 0,
          taxRateBp: TAX_BP,
          unitCost: p.cost,
        });
        dealLine.add(
          uuid7(at, idRng),
          id,
          position,
          p.id,
          p.category,
          p.name,
          quantity,
          p.price,
          0,
          TAX_BP,
          p.cost,
          a.net,
          a.tax,
          a.gross,
          a.cost,
        );
        value += a.net;
        counts.deal_lines = (counts.deal_lines ?? 0) + 1;
      }
    }
    const won = rng.chance(0.55);
    const closed = open ? null : Math.min(at + rng.between(5, 60) * DAY, BOOK_NOW - DAY);
    let r = 0;
    if (open) {
      r = rank.get(stage)! + 1;
      rank.set(stage, r);
    }
    deal.add(
      id,
      rng.pick(DEAL_TITLES),
      who.id,
      who.company,
      // A deal is won from the last stage; it can be lost from any.
      !open && won ? stages.at(-1)! : stage,
      value,
      CURRENCY,
      isoDate(open ? BOOK_NOW + rng.between(-10, 90) * DAY : at + 30 * DAY),
      owner,
      open ? 'open' : won ? 'won' : 'lost',
      closed === null ? null : isoDate(closed),
      open || won ? null : rng.pick(LOST_REASONS),
      r,
      null,
      at,
      closed ?? at,
      owner,
      owner,
    );
  }
  deal.flush();
  dealLine.flush();
  db.exec('COMMIT');
  counts.deals = dealAt.length;

  // Complaints and support cases: most long resolved, the recent ones often still open.
  const kase = new BatchInsert(
    db,
    'cases',
    cols(
      'id number subject description category priority status person_id company_id product_id order_id owner_id due_date resolution opened_at resolved_at created_at updated_at created_by updated_by',
    ),
  );
  db.exec('BEGIN');
  for (const [n, k] of inTimeOrder(caseAt).entries()) {
    const at = caseAt[k]!;
    const who = people[caseOf[k]!]!;
    const [subject, category] = rng.pick(CASE_SUBJECTS);
    const ageDays = (BOOK_NOW - at) / DAY;
    const stillOpen = ageDays < 60 ? rng.chance(0.6) : rng.chance(0.01);
    const resolved = stillOpen ? null : Math.min(at + rng.between(1, 14) * DAY, BOOK_NOW - 3_600_000);
    const owner = who.owner ?? rng.pick(staff);
    kase.add(
      uuid7(at, idRng),
      n + 1,
      subject,
      rng.chance(0.5) ? `${who.given} called about it.` : null,
      category,
      pickPriority(rng),
      stillOpen ? (rng.chance(0.3) ? 'waiting' : 'open') : rng.chance(0.7) ? 'closed' : 'resolved',
      who.id,
      who.company,
      category === 'repair' || category === 'return' ? rng.pick(products).id : null,
      null,
      owner,
      isoDate(at + rng.between(3, 21) * DAY),
      stillOpen ? null : rng.pick(RESOLUTIONS),
      at,
      resolved,
      at,
      resolved ?? at,
      owner,
      owner,
    );
  }
  kase.flush();
  db.exec('COMMIT');
  counts.cases = caseAt.length;
  return { buyers: buyers.items };
}
