/**
 * 0005: sales and service.
 *  - product_categories, products: the catalogue. Prices and costs are integer minor units in the
 *    product's currency, tax rates basis points (see shared/domain/money.ts).
 *  - orders, order_lines, order_status_changes: what was sold. An order's number is sequential and its
 *    reference (prefix + number) is fixed when it is made. Lines keep their own rounded net, tax,
 *    gross and cost; the order's totals are their sums, kept in the same transaction.
 *  - deal_stages, deals, deal_lines: the pipeline. A deal is open, won or lost; a won deal can
 *    become an order (deals.order_id).
 *  - cases: complaints and support cases.
 *  - companies gain a lifecycle stage and a source, so a company can be a lead too.
 *  - sales_monthly and sales_monthly_orders: report summaries by month, owner, category and currency,
 *    kept current inside every order write, so a report reads a few hundred rows, not every order.
 *    customer_sales: each customer's purchase summary (orders, revenue, cost, last purchase).
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

const audit = `
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by TEXT REFERENCES staff (id),
  updated_by TEXT REFERENCES staff (id),
  deleted_at INTEGER`;

const STATUSES = `'quote', 'confirmed', 'delivered', 'invoiced', 'paid', 'cancelled'`;

/** Line columns shared by order and deal lines. */
const lineColumns = `
  position INTEGER NOT NULL,
  product_id TEXT REFERENCES products (id),
  category_id TEXT REFERENCES product_categories (id),
  description TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity >= 0),
  unit_price INTEGER NOT NULL CHECK (unit_price >= 0),
  discount_bp INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
  tax_rate_bp INTEGER NOT NULL DEFAULT 0 CHECK (tax_rate_bp BETWEEN 0 AND 10000),
  unit_cost INTEGER NOT NULL DEFAULT 0 CHECK (unit_cost >= 0),
  net INTEGER NOT NULL,
  tax INTEGER NOT NULL,
  gross INTEGER NOT NULL,
  cost INTEGER NOT NULL`;

async function run(db: Kysely<unknown>, text: string): Promise<void> {
  await sql.raw(text).execute(db);
}

export const sales: Migration = {
  async up(db: Kysely<unknown>) {
    await run(
      db,
      `CREATE TABLE product_categories (
        id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL COLLATE NOCASE,
        position INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        deleted_at INTEGER
      ) STRICT`,
    );
    await run(
      db,
      `CREATE UNIQUE INDEX product_categories_name ON product_categories (name) WHERE deleted_at IS NULL`,
    );

    await run(
      db,
      `CREATE TABLE products (
        id TEXT PRIMARY KEY NOT NULL,
        sku TEXT COLLATE NOCASE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'product' CHECK (kind IN ('product', 'service')),
        category_id TEXT REFERENCES product_categories (id),
        unit TEXT NOT NULL DEFAULT 'each',
        unit_price INTEGER NOT NULL CHECK (unit_price >= 0),
        unit_cost INTEGER NOT NULL DEFAULT 0 CHECK (unit_cost >= 0),
        tax_rate_bp INTEGER NOT NULL DEFAULT 0 CHECK (tax_rate_bp BETWEEN 0 AND 10000),
        currency TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        description TEXT,
        ${audit}
      ) STRICT`,
    );
    await run(
      db,
      `CREATE UNIQUE INDEX products_sku ON products (sku) WHERE sku IS NOT NULL AND deleted_at IS NULL`,
    );
    await run(
      db,
      `CREATE INDEX products_name ON products (name COLLATE NOCASE, id) WHERE deleted_at IS NULL`,
    );
    await run(db, `CREATE INDEX products_category ON products (category_id) WHERE category_id IS NOT NULL`);

    await run(
      db,
      `CREATE TABLE orders (
        id TEXT PRIMARY KEY NOT NULL,
        number INTEGER NOT NULL UNIQUE,
        reference TEXT NOT NULL UNIQUE,
        person_id TEXT REFERENCES people (id),
        company_id TEXT REFERENCES companies (id),
        order_date TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN (${STATUSES})),
        status_date TEXT NOT NULL,
        currency TEXT NOT NULL,
        owner_id TEXT REFERENCES staff (id),
        notes TEXT,
        net INTEGER NOT NULL DEFAULT 0,
        tax INTEGER NOT NULL DEFAULT 0,
        gross INTEGER NOT NULL DEFAULT 0,
        cost INTEGER NOT NULL DEFAULT 0,
        ${audit},
        CHECK (person_id IS NOT NULL OR company_id IS NOT NULL)
      ) STRICT`,
    );
    // Each list filter's index ends in (order_date, id): the keyset order of orders.list.
    await run(
      db,
      `CREATE INDEX orders_person ON orders (person_id, order_date, id) WHERE person_id IS NOT NULL`,
    );
    await run(
      db,
      `CREATE INDEX orders_company ON orders (company_id, order_date, id) WHERE company_id IS NOT NULL`,
    );
    await run(db, `CREATE INDEX orders_date ON orders (order_date, id)`);
    await run(db, `CREATE INDEX orders_status ON orders (status, order_date, id)`);
    await run(
      db,
      `CREATE INDEX orders_owner ON orders (owner_id, order_date, id) WHERE owner_id IS NOT NULL`,
    );
    await run(db, `CREATE INDEX orders_deleted ON orders (deleted_at) WHERE deleted_at IS NOT NULL`);

    await run(
      db,
      `CREATE TABLE order_lines (
        id TEXT PRIMARY KEY NOT NULL,
        order_id TEXT NOT NULL REFERENCES orders (id),
        ${lineColumns}
      ) STRICT`,
    );
    await run(db, `CREATE INDEX order_lines_order ON order_lines (order_id, position)`);
    await run(
      db,
      `CREATE INDEX order_lines_product ON order_lines (product_id) WHERE product_id IS NOT NULL`,
    );
    // Whether a category is in use (it is then kept, not deleted): one probe.
    await run(
      db,
      `CREATE INDEX order_lines_category ON order_lines (category_id) WHERE category_id IS NOT NULL`,
    );

    await run(
      db,
      `CREATE TABLE order_status_changes (
        order_id TEXT NOT NULL REFERENCES orders (id),
        position INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN (${STATUSES})),
        on_date TEXT NOT NULL,
        at INTEGER NOT NULL,
        by TEXT REFERENCES staff (id),
        PRIMARY KEY (order_id, position)
      ) STRICT, WITHOUT ROWID`,
    );

    await run(
      db,
      `CREATE TABLE deal_stages (
        id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL COLLATE NOCASE,
        position INTEGER NOT NULL DEFAULT 0,
        probability_bp INTEGER NOT NULL CHECK (probability_bp BETWEEN 0 AND 10000),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT`,
    );
    const stages: [string, string, number][] = [
      ['stage-lead', 'Lead', 1000],
      ['stage-qualified', 'Qualified', 2500],
      ['stage-proposal', 'Proposal', 5000],
      ['stage-negotiation', 'Negotiation', 7500],
    ];
    for (const [i, [id, name, probability]] of stages.entries()) {
      await sql`INSERT INTO deal_stages (id, name, position, probability_bp, created_at, updated_at)
        VALUES (${id}, ${name}, ${i}, ${probability}, 0, 0)`.execute(db);
    }

    await run(
      db,
      `CREATE TABLE deals (
        id TEXT PRIMARY KEY NOT NULL,
        title TEXT NOT NULL,
        person_id TEXT REFERENCES people (id),
        company_id TEXT REFERENCES companies (id),
        stage_id TEXT NOT NULL REFERENCES deal_stages (id),
        value INTEGER NOT NULL DEFAULT 0 CHECK (value >= 0),
        currency TEXT NOT NULL,
        expected_close TEXT,
        owner_id TEXT REFERENCES staff (id),
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'won', 'lost')),
        closed_on TEXT,
        lost_reason TEXT,
        rank REAL NOT NULL DEFAULT 0,
        order_id TEXT REFERENCES orders (id),
        ${audit},
        CHECK (person_id IS NOT NULL OR company_id IS NOT NULL),
        CHECK ((state = 'open') = (closed_on IS NULL))
      ) STRICT`,
    );
    // The board: a column's open deals in rank order (keyset on rank, id), and its totals from a
    // covering index (state and deleted_at are constant in it, so they cost little and make it cover).
    await run(
      db,
      `CREATE INDEX deals_board ON deals (stage_id, rank, id) WHERE state = 'open' AND deleted_at IS NULL`,
    );
    await run(
      db,
      `CREATE INDEX deals_open_value ON deals (stage_id, currency, value, state, deleted_at)
        WHERE state = 'open' AND deleted_at IS NULL`,
    );
    await run(
      db,
      `CREATE INDEX deals_owner_board ON deals (owner_id, stage_id, rank, id)
        WHERE state = 'open' AND deleted_at IS NULL`,
    );
    await run(
      db,
      `CREATE INDEX deals_closed ON deals (state, closed_on) WHERE state <> 'open' AND deleted_at IS NULL`,
    );
    // deals.list: newest first (id), driven by the first filter given.
    await run(db, `CREATE INDEX deals_person ON deals (person_id, id) WHERE person_id IS NOT NULL`);
    await run(db, `CREATE INDEX deals_company ON deals (company_id, id) WHERE company_id IS NOT NULL`);
    await run(db, `CREATE INDEX deals_owner ON deals (owner_id, id) WHERE owner_id IS NOT NULL`);
    await run(db, `CREATE INDEX deals_stage ON deals (stage_id, id)`);
    await run(db, `CREATE INDEX deals_deleted ON deals (deleted_at) WHERE deleted_at IS NOT NULL`);
    await run(
      db,
      `CREATE TABLE deal_lines (
        id TEXT PRIMARY KEY NOT NULL,
        deal_id TEXT NOT NULL REFERENCES deals (id),
        ${lineColumns}
      ) STRICT`,
    );
    await run(db, `CREATE INDEX deal_lines_deal ON deal_lines (deal_id, position)`);
    // Whether a product or a category is in use by a deal: one probe each.
    await run(db, `CREATE INDEX deal_lines_product ON deal_lines (product_id) WHERE product_id IS NOT NULL`);
    await run(
      db,
      `CREATE INDEX deal_lines_category ON deal_lines (category_id) WHERE category_id IS NOT NULL`,
    );

    await run(
      db,
      `CREATE TABLE cases (
        id TEXT PRIMARY KEY NOT NULL,
        number INTEGER NOT NULL UNIQUE,
        subject TEXT NOT NULL,
        description TEXT,
        category TEXT NOT NULL CHECK (category IN ('complaint', 'question', 'return', 'repair', 'other')),
        priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'waiting', 'resolved', 'closed')),
        person_id TEXT REFERENCES people (id),
        company_id TEXT REFERENCES companies (id),
        product_id TEXT REFERENCES products (id),
        order_id TEXT REFERENCES orders (id),
        owner_id TEXT REFERENCES staff (id),
        due_date TEXT,
        resolution TEXT,
        opened_at INTEGER NOT NULL,
        resolved_at INTEGER,
        ${audit},
        CHECK (person_id IS NOT NULL OR company_id IS NOT NULL)
      ) STRICT`,
    );
    await run(db, `CREATE INDEX cases_person ON cases (person_id, status) WHERE person_id IS NOT NULL`);
    await run(db, `CREATE INDEX cases_company ON cases (company_id, status) WHERE company_id IS NOT NULL`);
    await run(db, `CREATE INDEX cases_owner ON cases (owner_id, status) WHERE owner_id IS NOT NULL`);
    await run(db, `CREATE INDEX cases_product ON cases (product_id) WHERE product_id IS NOT NULL`);
    // cases.list: newest opened first (every live case, or only the active ones), or by due date.
    await run(db, `CREATE INDEX cases_opened ON cases (opened_at, id) WHERE deleted_at IS NULL`);
    await run(
      db,
      `CREATE INDEX cases_open ON cases (opened_at, id) WHERE status IN ('open', 'waiting') AND deleted_at IS NULL`,
    );
    await run(
      db,
      `CREATE INDEX cases_due ON cases (due_date, id) WHERE status IN ('open', 'waiting') AND deleted_at IS NULL`,
    );
    await run(db, `CREATE INDEX cases_deleted ON cases (deleted_at) WHERE deleted_at IS NOT NULL`);

    await run(
      db,
      `ALTER TABLE companies ADD COLUMN stage TEXT CHECK (stage IN ('lead', 'prospect', 'customer', 'former'))`,
    );
    await run(db, `ALTER TABLE companies ADD COLUMN source TEXT`);
    // The Leads screen: leads by name (companies_stage; people_by_stage for people) or newest first
    // (the small partial *_leads indexes, named with INDEXED BY: without statistics SQLite would
    // read every lead through the stage index and sort them).
    await run(db, `CREATE INDEX companies_stage ON companies (stage, sort_key, id) WHERE deleted_at IS NULL`);
    await run(
      db,
      `CREATE INDEX companies_leads ON companies (created_at, id) WHERE stage = 'lead' AND deleted_at IS NULL`,
    );
    await run(
      db,
      `CREATE INDEX people_leads ON people (created_at, id) WHERE stage = 'lead' AND deleted_at IS NULL`,
    );

    // Report summaries. '' stands for "none" (no owner, no category) so the keys can be primary keys.
    await run(
      db,
      `CREATE TABLE sales_monthly (
        month TEXT NOT NULL,
        owner_id TEXT NOT NULL,
        category_id TEXT NOT NULL,
        currency TEXT NOT NULL,
        lines INTEGER NOT NULL,
        net INTEGER NOT NULL,
        tax INTEGER NOT NULL,
        gross INTEGER NOT NULL,
        cost INTEGER NOT NULL,
        PRIMARY KEY (month, owner_id, category_id, currency)
      ) STRICT, WITHOUT ROWID`,
    );
    await run(
      db,
      `CREATE TABLE sales_monthly_orders (
        month TEXT NOT NULL,
        owner_id TEXT NOT NULL,
        currency TEXT NOT NULL,
        orders INTEGER NOT NULL,
        net INTEGER NOT NULL,
        tax INTEGER NOT NULL,
        gross INTEGER NOT NULL,
        cost INTEGER NOT NULL,
        PRIMARY KEY (month, owner_id, currency)
      ) STRICT, WITHOUT ROWID`,
    );
    await run(
      db,
      `CREATE TABLE customer_sales (
        party TEXT NOT NULL CHECK (party IN ('person', 'company')),
        party_id TEXT NOT NULL,
        currency TEXT NOT NULL,
        orders INTEGER NOT NULL,
        net INTEGER NOT NULL,
        gross INTEGER NOT NULL,
        cost INTEGER NOT NULL,
        last_order_date TEXT,
        PRIMARY KEY (party, party_id, currency)
      ) STRICT, WITHOUT ROWID`,
    );
  },
};
