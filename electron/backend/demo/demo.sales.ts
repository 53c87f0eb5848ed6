/**
 * The demo book's sales and service: a catalogue, two years of orders (older ones paid, recent ones
 * still moving), an open pipeline and deals won and lost, company leads, and complaints and support
 * cases. Everything goes through the app's own write functions inside the demo's transaction, so
 * the report summaries and purchase histories are exactly what the app would keep.
 */
import type { Faker } from '@faker-js/faker';
import { requests } from '../../../shared/api/requests.ts';
import type { WriteScope } from '../../db/changes.ts';
import { insertCase } from '../cases/case.write.ts';
import type { Ctx } from '../context.ts';
import { insertDeal } from '../deals/deal.write.ts';
import { insertOrder, recordStatus } from '../orders/order.write.ts';
import { prepared } from '../people/prepared.ts';

const DAY = 86_400_000;

export const CATEGORIES = ['Furniture', 'Lighting', 'Installation', 'Service plans', 'Accessories'];

/** name, category index, unit, price and cost in pence, kind */
export const PRODUCTS: [string, number, string, number, number, 'product' | 'service'][] = [
  ['Oak desk 160 cm', 0, 'each', 48_900, 29_000, 'product'],
  ['Walnut desk 180 cm', 0, 'each', 72_500, 43_000, 'product'],
  ['Task chair', 0, 'each', 18_900, 9_800, 'product'],
  ['Executive chair', 0, 'each', 39_900, 21_500, 'product'],
  ['Meeting table, 8 seats', 0, 'each', 94_000, 55_000, 'product'],
  ['Storage cabinet', 0, 'each', 26_500, 14_200, 'product'],
  ['Acoustic screen', 0, 'each', 21_000, 11_800, 'product'],
  ['LED desk lamp', 1, 'each', 6_900, 2_900, 'product'],
  ['Pendant light', 1, 'each', 15_800, 7_400, 'product'],
  ['Floor lamp', 1, 'each', 12_400, 5_600, 'product'],
  ['Lighting survey', 1, 'visit', 25_000, 9_000, 'service'],
  ['Installation, per hour', 2, 'hour', 5_500, 2_600, 'service'],
  ['Delivery and assembly', 2, 'visit', 9_500, 4_800, 'service'],
  ['Office move, per day', 2, 'day', 68_000, 38_000, 'service'],
  ['Care plan, annual', 3, 'year', 36_000, 12_000, 'service'],
  ['Care plan, monthly', 3, 'month', 3_500, 1_200, 'service'],
  ['Repair call-out', 3, 'visit', 8_500, 3_900, 'service'],
  ['Monitor arm', 4, 'each', 8_900, 4_100, 'product'],
  ['Cable tray', 4, 'each', 2_400, 900, 'product'],
  ['Footrest', 4, 'each', 3_900, 1_600, 'product'],
  ['Desk pedestal', 4, 'each', 13_900, 7_000, 'product'],
  ['Whiteboard 120 cm', 4, 'each', 11_900, 5_200, 'product'],
];

export const LOST_REASONS = ['Price', 'Went with a competitor', 'No budget this year', 'Timing', 'No reply'];
export const CASE_SUBJECTS: [string, 'complaint' | 'question' | 'return' | 'repair' | 'other'][] = [
  ['Chair arm came loose', 'repair'],
  ['Delivery arrived late', 'complaint'],
  ['Wrong finish on the desk', 'return'],
  ['How do I adjust the seat height?', 'question'],
  ['Invoice shows the wrong address', 'complaint'],
  ['Lamp flickers', 'repair'],
  ['Scratch on the table top', 'complaint'],
  ['Can we extend the care plan?', 'question'],
  ['Return two chairs', 'return'],
  ['Fitter left packaging behind', 'complaint'],
  ['Need a copy of the warranty', 'other'],
];

export const RESOLUTIONS = [
  'Sent a replacement part.',
  'Fitter visited and fixed it.',
  'Explained how to adjust it.',
  'Refunded the delivery charge.',
  'Collected and credited.',
];
export const DEAL_TITLES = [
  'New office fit-out',
  'Meeting room refresh',
  'Care plan renewal',
  'Lighting upgrade',
  'Second floor desks',
  'Reception seating',
  'Office move',
  'Home-working kits',
];

interface Customer {
  id: string;
  company_id: string | null;
  stage: string;
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The statuses an order went through to reach `final`, and how many days after its date each came. */
export function statusPath(final: string): [string, number][] {
  switch (final) {
    case 'quote':
      return [['quote', 0]];
    case 'confirmed':
      return [['confirmed', 0]];
    case 'delivered':
      return [
        ['confirmed', 0],
        ['delivered', 4],
      ];
    case 'invoiced':
      return [
        ['confirmed', 0],
        ['delivered', 4],
        ['invoiced', 6],
      ];
    case 'paid':
      return [
        ['confirmed', 0],
        ['delivered', 4],
        ['invoiced', 6],
        ['paid', 24],
      ];
    default:
      return [
        ['confirmed', 0],
        ['cancelled', 2],
      ];
  }
}

export function seedSales(
  ctx: Ctx,
  scope: WriteScope,
  faker: Faker,
  staffIds: readonly string[],
  now: number,
): void {
  const raw = ctx.sql.raw;
  const customers = raw
    .prepare(`SELECT id, company_id, stage FROM people WHERE deleted_at IS NULL ORDER BY id`)
    .all() as Customer[];
  if (customers.length === 0) return;

  // The catalogue.
  const categoryIds = CATEGORIES.map((name, i) => {
    const id = ctx.ids();
    prepared(
      ctx,
      `INSERT INTO product_categories (id, name, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
    ).run(id, name, i, now - 730 * DAY, now - 730 * DAY);
    scope.change('product_categories', id, 'insert');
    return id;
  });
  const products = PRODUCTS.map(([name, category, unit, price, cost, kind], i) => {
    const id = ctx.ids();
    prepared(
      ctx,
      `INSERT INTO products (id, sku, name, kind, category_id, unit, unit_price, unit_cost, tax_rate_bp, currency,
         active, created_at, updated_at, created_by, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 2000, 'GBP', ?, ?, ?, ?, ?)`,
    ).run(
      id,
      `HF-${String(101 + i)}`,
      name,
      kind,
      categoryIds[category],
      unit,
      price,
      cost,
      i === PRODUCTS.length - 1 ? 0 : 1,
      now - 730 * DAY,
      now - 730 * DAY,
      staffIds[0],
      staffIds[0],
    );
    scope.change('products', id, 'insert');
    return { id, kind, unit };
  });
  const active = products.slice(0, -1);

  // About one company in eight is still a lead: its people may buy for themselves, the company has not.
  const companies = raw
    .prepare(`SELECT id FROM companies WHERE deleted_at IS NULL ORDER BY id`)
    .pluck()
    .all() as string[];
  const leadCompanies = new Set(companies.slice(0, Math.max(1, Math.round(companies.length / 8))));

  // Two years of orders, mostly from customers and former customers.
  const buyers = customers.filter((c) => c.stage === 'customer' || c.stage === 'former');
  const orderCount = Math.round(buyers.length * 1.8);
  const dates = Array.from(
    { length: orderCount },
    () => now - faker.number.int({ min: 1, max: 720 }) * DAY,
  ).sort((a, b) => a - b);
  for (const at of dates) {
    const buyer = faker.helpers.arrayElement(buyers);
    const age = (now - at) / DAY;
    const final =
      age > 60
        ? faker.helpers.weightedArrayElement([
            { weight: 86, value: 'paid' },
            { weight: 4, value: 'invoiced' },
            { weight: 6, value: 'cancelled' },
            { weight: 4, value: 'quote' },
          ])
        : age > 25
          ? faker.helpers.weightedArrayElement([
              { weight: 45, value: 'paid' },
              { weight: 30, value: 'invoiced' },
              { weight: 15, value: 'delivered' },
              { weight: 5, value: 'cancelled' },
              { weight: 5, value: 'quote' },
            ])
          : faker.helpers.weightedArrayElement([
              { weight: 30, value: 'confirmed' },
              { weight: 25, value: 'delivered' },
              { weight: 15, value: 'invoiced' },
              { weight: 20, value: 'quote' },
              { weight: 5, value: 'paid' },
            ]);
    const lines = faker.helpers.arrayElements(active, { min: 1, max: 4 }).map((p) => ({
      productId: p.id,
      quantity:
        p.unit === 'hour'
          ? faker.number.int({ min: 2, max: 16 }) * 500
          : faker.number.int({ min: 1, max: p.kind === 'service' ? 2 : 8 }) * 1000,
      discountBp: faker.helpers.weightedArrayElement([
        { weight: 80, value: 0 },
        { weight: 15, value: 500 },
        { weight: 5, value: 1000 },
      ]),
    }));
    const orderDate = isoDate(at);
    const withCompany =
      buyer.company_id !== null && !leadCompanies.has(buyer.company_id) && faker.datatype.boolean(0.6);
    const input = requests['orders.create'].input.parse({
      personId: buyer.id,
      ...(withCompany ? { companyId: buyer.company_id } : {}),
      orderDate,
      status: final,
      ownerId: faker.helpers.arrayElement(staffIds),
      lines,
    });
    const id = insertOrder(ctx, scope, input);
    // The status history the order went through, each step dated (never after today).
    prepared(ctx, `DELETE FROM order_status_changes WHERE order_id = ?`).run(id);
    let last = orderDate;
    for (const [status, days] of statusPath(final)) {
      last = isoDate(Math.min(at + days * DAY, now));
      recordStatus(ctx, scope, id, status as never, last);
    }
    prepared(ctx, `UPDATE orders SET status_date = ?, created_at = ?, updated_at = ? WHERE id = ?`).run(
      last,
      at,
      at,
      id,
    );
  }

  // The pipeline: open deals across the stages, and two years of deals won and lost.
  const stages = raw
    .prepare(`SELECT id FROM deal_stages WHERE active = 1 ORDER BY position`)
    .pluck()
    .all() as string[];
  const prospects = customers.filter((c) => c.stage !== 'former');
  const dealCount = Math.max(4, Math.round(customers.length * 0.35));
  for (let i = 0; i < dealCount; i++) {
    const who = faker.helpers.arrayElement(prospects);
    const open = i < dealCount * 0.35;
    const created = open
      ? now - faker.number.int({ min: 2, max: 90 }) * DAY
      : now - faker.number.int({ min: 30, max: 720 }) * DAY;
    const withLines = faker.datatype.boolean(0.4);
    const input = requests['deals.create'].input.parse({
      title: faker.helpers.arrayElement(DEAL_TITLES),
      personId: who.id,
      stageId: faker.helpers.arrayElement(stages),
      ownerId: faker.helpers.arrayElement(staffIds),
      expectedClose: isoDate(open ? now + faker.number.int({ min: -10, max: 90 }) * DAY : created + 30 * DAY),
      ...(withLines
        ? {
            lines: faker.helpers.arrayElements(active, { min: 1, max: 3 }).map((p) => ({
              productId: p.id,
              quantity: faker.number.int({ min: 1, max: 12 }) * 1000,
            })),
          }
        : { value: faker.number.int({ min: 8, max: 400 }) * 5_000 }),
    });
    const id = insertDeal(ctx, scope, input);
    if (open) {
      prepared(ctx, `UPDATE deals SET created_at = ?, updated_at = ? WHERE id = ?`).run(created, created, id);
      continue;
    }
    const won = faker.datatype.boolean(0.55);
    const closed = Math.min(created + faker.number.int({ min: 5, max: 60 }) * DAY, now - DAY);
    prepared(
      ctx,
      `UPDATE deals SET state = ?, stage_id = coalesce(?, stage_id), closed_on = ?, lost_reason = ?, created_at = ?,
         updated_at = ? WHERE id = ?`,
    ).run(
      won ? 'won' : 'lost',
      // A deal is won from the last stage; it can be lost from any.
      won ? stages.at(-1)! : null,
      isoDate(closed),
      won ? null : faker.helpers.arrayElement(LOST_REASONS),
      created,
      closed,
      id,
    );
  }

  // Companies that bought are customers, the leads stay leads (with where they came from), the rest prospects.
  const bought = new Set(
    raw
      .prepare(`SELECT DISTINCT company_id FROM orders WHERE company_id IS NOT NULL`)
      .pluck()
      .all() as string[],
  );
  for (const id of companies) {
    prepared(ctx, `UPDATE companies SET stage = ?, source = ? WHERE id = ?`).run(
      leadCompanies.has(id) ? 'lead' : bought.has(id) ? 'customer' : 'prospect',
      faker.helpers.arrayElement(['Website', 'Referral', 'Trade show', 'Phone-in']),
      id,
    );
  }

  // Complaints and support cases: most long resolved, a few open (some overdue).
  const caseCount = Math.max(3, Math.round(buyers.length * 0.2));
  for (let i = 0; i < caseCount; i++) {
    const who = faker.helpers.arrayElement(buyers);
    const [subject, category] = faker.helpers.arrayElement(CASE_SUBJECTS);
    const opened = now - faker.number.int({ min: 0, max: i < caseCount * 0.25 ? 50 : 700 }) * DAY;
    const stillOpen = i < caseCount * 0.25;
    const input = requests['cases.create'].input.parse({
      subject,
      category,
      personId: who.id,
      priority: faker.helpers.weightedArrayElement([
        { weight: 15, value: 'low' },
        { weight: 60, value: 'normal' },
        { weight: 20, value: 'high' },
        { weight: 5, value: 'urgent' },
      ]),
      ownerId: faker.helpers.arrayElement(staffIds),
      dueDate: isoDate(opened + faker.number.int({ min: 3, max: 21 }) * DAY),
      ...(category === 'repair' || category === 'return'
        ? { productId: faker.helpers.arrayElement(active).id }
        : {}),
    });
    const id = insertCase(ctx, scope, input);
    if (stillOpen) {
      prepared(
        ctx,
        `UPDATE cases SET opened_at = ?, created_at = ?, updated_at = ?, status = ? WHERE id = ?`,
      ).run(opened, opened, opened, faker.datatype.boolean(0.3) ? 'waiting' : 'open', id);
      continue;
    }
    const resolved = Math.min(opened + faker.number.int({ min: 1, max: 14 }) * DAY, now);
    prepared(
      ctx,
      `UPDATE cases SET opened_at = ?, created_at = ?, updated_at = ?, status = ?, resolution = ?, resolved_at = ?
       WHERE id = ?`,
    ).run(
      opened,
      opened,
      resolved,
      faker.datatype.boolean(0.7) ? 'closed' : 'resolved',
      faker.helpers.arrayElement(RESOLUTIONS),
      resolved,
      id,
    );
  }
}
