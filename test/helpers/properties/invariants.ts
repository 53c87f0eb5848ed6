/**
 * The invariants of a customer book, each one an independent query written here (never a call
 * into the code under test to work out what is expected). checkBook() returns every violation as
 * text; an empty list means the book is sound.
 *
 * Cheap checks run after every step: foreign keys, soft references (one query per relation),
 * order totals against their lines (each line against the rounding rule), the sales summaries
 * recomputed from the orders, the search index's documents against the live rows, the derived
 * person fields (last contact, last attempt, next call, primary phone and email, sort key),
 * case, deal, order-history and staff rules.
 * Deep checks run every few steps and at the end: integrity_check, and every search document's
 * words against the words its row implies (read back with fts5vocab from the index and from an
 * index the test fills itself with the expected text).
 */
import type Database from 'better-sqlite3-multiple-ciphers';

type Row = Record<string, unknown>;

/** A check: a query whose rows are violations (each row printed as the violation). */
interface Check {
  name: string;
  sql: string;
}

const KIND_SPAN = 2 ** 48;
const SLOT = { person: 1, company: 2, note: 3, call: 4 } as const;
const SEARCH = {
  person: { table: 'people', fts: 'search_person', live: `deleted_at IS NULL` },
  company: { table: 'companies', fts: 'search_company', live: `deleted_at IS NULL` },
  note: { table: 'notes', fts: 'search_note', live: `deleted_at IS NULL` },
  call: { table: 'calls', fts: 'search_call', live: `deleted_at IS NULL AND summary <> ''` },
} as const;

const SALE = `('confirmed', 'delivered', 'invoiced', 'paid')`;

/** Soft references and single-table rules: one query per relation. */
const CHECKS: Check[] = [
  // --- the search index against the rows -------------------------------------------------------
  ...Object.entries(SEARCH).flatMap(([kind, s]): Check[] => [
    {
      name: `search_docs(${kind}) names a live row`,
      sql: `SELECT d.docid, d.ref_id FROM search_docs d WHERE d.kind = '${kind}'
        AND NOT EXISTS (SELECT 1 FROM ${s.table} x WHERE x.id = d.ref_id AND x.${s.live})`,
    },
    {
      name: `every live ${kind} has exactly one search document`,
      sql: `SELECT x.id, (SELECT count(*) FROM search_docs d WHERE d.ref_id = x.id) AS docs
        FROM ${s.table} x WHERE x.${s.live} AND docs <> 1`,
    },
    {
      name: `search_docs(${kind}) docids lie in the kind's range`,
      sql: `SELECT docid FROM search_docs WHERE kind = '${kind}'
        AND NOT (docid >= ${SLOT[kind as keyof typeof SLOT] * KIND_SPAN} AND docid < ${(SLOT[kind as keyof typeof SLOT] + 1) * KIND_SPAN})`,
    },
    {
      name: `${s.fts} holds no row without a search document`,
      sql: `SELECT rowid FROM ${s.fts} WHERE rowid NOT IN (SELECT docid FROM search_docs WHERE kind = '${kind}')`,
    },
    {
      name: `every search document(${kind}) is in ${s.fts}`,
      sql: `SELECT docid FROM search_docs WHERE kind = '${kind}' AND docid NOT IN (SELECT rowid FROM ${s.fts})`,
    },
  ]),

  // --- soft references ---------------------------------------------------------------------------
  {
    name: 'a call’s outcome is on the outcome list',
    sql: `SELECT id, outcome FROM calls c WHERE NOT EXISTS
      (SELECT 1 FROM list_values v WHERE v.list = 'call_outcome' AND v.value = c.outcome)`,
  },
  {
    name: 'a call’s purpose is on the purpose list',
    sql: `SELECT id, purpose FROM calls c WHERE purpose IS NOT NULL AND NOT EXISTS
      (SELECT 1 FROM list_values v WHERE v.list = 'call_purpose' AND v.value = c.purpose)`,
  },
  {
    name: 'a consent’s purpose is on the consent purposes list',
    sql: `SELECT id, purpose FROM consents c WHERE NOT EXISTS
      (SELECT 1 FROM list_values v WHERE v.list = 'consent_purpose' AND v.value = c.purpose)`,
  },
  {
    name: 'only a consent given can be withdrawn',
    sql: `SELECT w.consent_id FROM consent_withdrawals w JOIN consents c ON c.id = w.consent_id
      WHERE c.decision <> 'granted' OR w.withdrawn_at < c.decided_at`,
  },
  {
    name: 'a person’s custom values belong to person fields',
    sql: `SELECT p.id, j.key FROM people p, json_each(p.custom) j WHERE NOT EXISTS
      (SELECT 1 FROM custom_fields f WHERE f.entity = 'person' AND f.key = j.key)`,
  },
  {
    name: 'a company’s custom values belong to company fields',
    sql: `SELECT c.id, j.key FROM companies c, json_each(c.custom) j WHERE NOT EXISTS
      (SELECT 1 FROM custom_fields f WHERE f.entity = 'company' AND f.key = j.key)`,
  },
  {
    name: 'the current staff profile exists and is switched on',
    sql: `SELECT value FROM settings WHERE key = 'currentStaffId' AND NOT EXISTS
      (SELECT 1 FROM staff s WHERE s.id = json_extract(settings.value, '$') AND s.active = 1)`,
  },
  {
    name: 'the book keeps an active owner',
    sql: `SELECT 'none' WHERE EXISTS (SELECT 1 FROM staff)
      AND NOT EXISTS (SELECT 1 FROM staff WHERE role = 'owner' AND active = 1)`,
  },
  {
    name: 'a batch row names a table of the book',
    sql: `SELECT batch_id, seq, tbl FROM batch_rows
      WHERE tbl NOT IN (SELECT name FROM sqlite_schema WHERE type = 'table')`,
  },
  {
    name: 'a product’s category is a live category',
    sql: `SELECT p.id, p.category_id FROM products p WHERE p.category_id IS NOT NULL AND NOT EXISTS
      (SELECT 1 FROM product_categories c WHERE c.id = p.category_id AND c.deleted_at IS NULL)`,
  },
  {
    name: 'customer_sales names a person or company that exists',
    sql: `SELECT party, party_id FROM customer_sales s WHERE NOT EXISTS
      (SELECT 1 FROM people p WHERE s.party = 'person' AND p.id = s.party_id) AND NOT EXISTS
      (SELECT 1 FROM companies c WHERE s.party = 'company' AND c.id = s.party_id)`,
  },
  {
    name: 'sales_monthly names staff and categories that exist',
    sql: `SELECT month, owner_id, category_id FROM sales_monthly m
      WHERE (owner_id <> '' AND NOT EXISTS (SELECT 1 FROM staff s WHERE s.id = m.owner_id))
         OR (category_id <> '' AND NOT EXISTS (SELECT 1 FROM product_categories c WHERE c.id = m.category_id))`,
  },
  {
    name: 'an email’s lower-case form is its address in lower case',
    sql: `SELECT id, email, email_lower FROM emails WHERE email_lower <> lower(email)`,
  },
  {
    name: 'a phone or email belongs to exactly one person or company',
    sql: `SELECT id FROM phones WHERE (person_id IS NULL) = (company_id IS NULL)
      UNION ALL SELECT id FROM emails WHERE (person_id IS NULL) = (company_id IS NULL)`,
  },

  // --- orders ------------------------------------------------------------------------------------
  {
    name: 'an order’s totals are the sums of its lines',
    sql: `SELECT o.id, o.net, o.tax, o.gross, o.cost, l.net AS lnet, l.tax AS ltax, l.gross AS lgross, l.cost AS lcost
      FROM orders o LEFT JOIN (SELECT order_id, sum(net) AS net, sum(tax) AS tax, sum(gross) AS gross,
        sum(cost) AS cost FROM order_lines GROUP BY order_id) l ON l.order_id = o.id
      WHERE l.order_id IS NULL OR o.net <> l.net OR o.tax <> l.tax OR o.gross <> l.gross OR o.cost <> l.cost
        OR o.gross <> o.net + o.tax`,
  },
  {
    name: 'an order’s line positions run 0, 1, 2 ...',
    sql: `SELECT order_id, count(*), min(position), max(position), count(DISTINCT position) FROM order_lines
      GROUP BY order_id HAVING min(position) <> 0 OR max(position) <> count(*) - 1 OR count(DISTINCT position) <> count(*)`,
  },
  {
    name: 'an order’s status history runs 0, 1, 2 ... and ends in its status and status date',
    sql: `SELECT o.id, o.status, o.status_date, h.status AS last, h.on_date FROM orders o
      LEFT JOIN order_status_changes h ON h.order_id = o.id
        AND h.position = (SELECT max(position) FROM order_status_changes x WHERE x.order_id = o.id)
      WHERE h.order_id IS NULL OR h.status <> o.status OR h.on_date <> o.status_date
        OR (SELECT count(*) FROM order_status_changes x WHERE x.order_id = o.id) <> h.position + 1`,
  },
  {
    name: 'an order’s first status is dated its order date while it is its only one',
    sql: `SELECT o.id, o.order_date, h.on_date FROM orders o JOIN order_status_changes h
      ON h.order_id = o.id AND h.position = 0
      WHERE h.on_date <> o.order_date AND NOT EXISTS
        (SELECT 1 FROM order_status_changes x WHERE x.order_id = o.id AND x.position > 0)`,
  },

  // --- deals -------------------------------------------------------------------------------------
  {
    name: 'a deal with lines is worth their net total',
    sql: `SELECT d.id, d.value, sum(l.net) AS lines FROM deals d JOIN deal_lines l ON l.deal_id = d.id
      GROUP BY d.id HAVING d.value <> sum(l.net)`,
  },
  {
    name: 'an open deal on the board is in a stage of the pipeline',
    sql: `SELECT d.id, d.stage_id FROM deals d JOIN deal_stages s ON s.id = d.stage_id
      WHERE d.state = 'open' AND d.deleted_at IS NULL AND s.active = 0`,
  },
  {
    name: 'open deals of a column have distinct ranks',
    sql: `SELECT stage_id, rank, count(*) FROM deals WHERE state = 'open' AND deleted_at IS NULL
      GROUP BY stage_id, rank HAVING count(*) > 1`,
  },
  {
    name: 'a lost deal has a reason; others have none; only a won deal becomes an order',
    sql: `SELECT id, state, lost_reason, order_id FROM deals
      WHERE (state = 'lost') <> (lost_reason IS NOT NULL) OR (order_id IS NOT NULL AND state <> 'won')`,
  },
  {
    name: 'deal stage positions are distinct, active ones first',
    sql: `SELECT a.id, b.id FROM deal_stages a JOIN deal_stages b ON a.id < b.id
      WHERE a.position = b.position OR (a.active = 1 AND b.active = 0 AND a.position > b.position)
        OR (a.active = 0 AND b.active = 1 AND a.position < b.position)`,
  },

  // --- cases -------------------------------------------------------------------------------------
  {
    name: 'an active case has no resolution; a resolved or closed one has one and its instant',
    sql: `SELECT id, status, resolution, resolved_at FROM cases
      WHERE (status IN ('open', 'waiting') AND (resolution IS NOT NULL OR resolved_at IS NOT NULL))
         OR (status IN ('resolved', 'closed') AND (resolution IS NULL OR resolution = '' OR resolved_at IS NULL))`,
  },

  // --- people: derived fields ----------------------------------------------------------------------
  {
    name: 'last contact and last attempt are the newest live calls (connected ones for contact)',
    sql: `SELECT p.id, p.last_contact_at, p.last_attempt_at, x.attempt, x.contact FROM people p
      LEFT JOIN (SELECT c.person_id, max(c.started_at) AS attempt,
          max(CASE WHEN v.connected = 1 THEN c.started_at END) AS contact
        FROM calls c LEFT JOIN list_values v ON v.list = 'call_outcome' AND v.value = c.outcome
        WHERE c.deleted_at IS NULL AND c.person_id IS NOT NULL GROUP BY c.person_id) x ON x.person_id = p.id
      WHERE p.last_attempt_at IS NOT x.attempt OR p.last_contact_at IS NOT x.contact`,
  },
  {
    name: 'the primary phone and email are the first ones',
    sql: `SELECT p.id, p.primary_phone, p.primary_email FROM people p
      WHERE p.primary_phone IS NOT (SELECT number FROM phones WHERE person_id = p.id ORDER BY position, id LIMIT 1)
         OR p.primary_email IS NOT (SELECT email FROM emails WHERE person_id = p.id ORDER BY position, id LIMIT 1)`,
  },
  {
    name: 'a person is opted in to email exactly when an opt-in instant is kept',
    sql: `SELECT id, email_opt_in, email_opt_in_at FROM people WHERE (email_opt_in = 1) <> (email_opt_in_at IS NOT NULL)`,
  },
  {
    name: 'a person has a shown name',
    sql: `SELECT id FROM people WHERE trim(display_name) = ''`,
  },
  {
    name: 'a calling window is whole or absent',
    sql: `SELECT id FROM people WHERE (call_days IS NULL) <> (call_from IS NULL) OR (call_days IS NULL) <> (call_to IS NULL)
      OR (call_days IS NULL) <> (time_zone IS NULL) OR call_from >= call_to`,
  },
];

/** next_call_at: the earliest open, live call task's due instant (a date alone is 00:00 UTC). */
function nextCallViolations(reader: Database.Database): string[] {
  const people = reader.prepare(`SELECT id, next_call_at FROM people`).all() as {
    id: string;
    next_call_at: number | null;
  }[];
  const tasks = reader
    .prepare(
      `SELECT person_id, due_at, due_date FROM tasks WHERE type = 'call' AND done_at IS NULL
         AND deleted_at IS NULL AND person_id IS NOT NULL AND (due_at IS NOT NULL OR due_date IS NOT NULL)`,
    )
    .all() as { person_id: string; due_at: number | null; due_date: string | null }[];
  const next = new Map<string, number>();
  for (const t of tasks) {
    const at = t.due_at ?? Date.parse(`${t.due_date as string}T00:00:00Z`);
    const was = next.get(t.person_id);
    if (was === undefined || at < was) next.set(t.person_id, at);
  }
  return people
    .filter((p) => p.next_call_at !== (next.get(p.id) ?? null))
    .map(
      (p) =>
        `${p.id}: next_call_at ${String(p.next_call_at)}, the tasks say ${String(next.get(p.id) ?? null)}`,
    );
}

/** The sort key: "family given shown", folded (case and diacritics), spaces collapsed. */
function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .trim();
}
function sortKeyViolations(reader: Database.Database): string[] {
  const out: string[] = [];
  const people = reader
    .prepare(`SELECT id, given_name, family_name, display_name, sort_key FROM people`)
    .all() as {
    id: string;
    given_name: string;
    family_name: string;
    display_name: string;
    sort_key: string;
  }[];
  for (const p of people) {
    const want = foldText([p.family_name, p.given_name, p.display_name].filter(Boolean).join(' ')).replace(
      /\s+/gu,
      ' ',
    );
    if (p.sort_key !== want)
      out.push(`person ${p.id}: sort_key ${JSON.stringify(p.sort_key)}, want ${JSON.stringify(want)}`);
  }
  const companies = reader.prepare(`SELECT id, name, sort_key FROM companies`).all() as {
    id: string;
    name: string;
    sort_key: string;
  }[];
  for (const c of companies) {
    const want = foldText(c.name).replace(/\s+/gu, ' ');
    if (c.sort_key !== want)
      out.push(`company ${c.id}: sort_key ${JSON.stringify(c.sort_key)}, want ${JSON.stringify(want)}`);
  }
  return out;
}

/** Ties to even, on non-negative integers. */
function roundHalfEven(n: bigint, d: bigint): bigint {
  const q = n / d;
  const twice = (n % d) * 2n;
  return twice > d || (twice === d && q % 2n === 1n) ? q + 1n : q;
}

/** Each order and deal line's stored figures against the documented rounding rule. */
function lineViolations(reader: Database.Database): string[] {
  const out: string[] = [];
  for (const table of ['order_lines', 'deal_lines']) {
    const lines = reader
      .prepare(
        `SELECT id, quantity, unit_price, discount_bp, tax_rate_bp, unit_cost, net, tax, gross, cost FROM ${table}`,
      )
      .all() as Record<string, number | string>[];
    for (const l of lines) {
      const q = BigInt(l.quantity as number);
      const net = roundHalfEven(
        q * BigInt(l.unit_price as number) * BigInt(10_000 - (l.discount_bp as number)),
        10_000_000n,
      );
      const tax = roundHalfEven(net * BigInt(l.tax_rate_bp as number), 10_000n);
      const cost = roundHalfEven(q * BigInt(l.unit_cost as number), 1000n);
      const want = [net, tax, net + tax, cost].map(Number);
      const got = [l.net, l.tax, l.gross, l.cost];
      if (want.some((v, i) => v !== got[i])) {
        out.push(
          `${table} ${String(l.id)}: stored ${JSON.stringify(got)}, the rule gives ${JSON.stringify(want)}`,
        );
      }
    }
  }
  return out;
}

/** The sales summaries, recomputed from the live orders that count as sales, row for row. */
const SUMMARIES: { name: string; stored: string; expected: string }[] = [
  {
    name: 'sales_monthly',
    stored: `SELECT month, owner_id, category_id, currency, lines, net, tax, gross, cost FROM sales_monthly
      WHERE lines <> 0 OR net <> 0 OR tax <> 0 OR gross <> 0 OR cost <> 0`,
    expected: `SELECT substr(o.order_date, 1, 7), coalesce(o.owner_id, ''), coalesce(l.category_id, ''), o.currency,
        count(*), sum(l.net), sum(l.tax), sum(l.gross), sum(l.cost)
      FROM orders o JOIN order_lines l ON l.order_id = o.id
      WHERE o.deleted_at IS NULL AND o.status IN ${SALE} GROUP BY 1, 2, 3, 4`,
  },
  {
    name: 'sales_monthly_orders',
    stored: `SELECT month, owner_id, currency, orders, net, tax, gross, cost FROM sales_monthly_orders
      WHERE orders <> 0 OR net <> 0 OR tax <> 0 OR gross <> 0 OR cost <> 0`,
    expected: `SELECT substr(order_date, 1, 7), coalesce(owner_id, ''), currency, count(*), sum(net), sum(tax),
        sum(gross), sum(cost)
      FROM orders WHERE deleted_at IS NULL AND status IN ${SALE} GROUP BY 1, 2, 3`,
  },
  {
    name: 'customer_sales',
    stored: `SELECT party, party_id, currency, orders, net, gross, cost, last_order_date FROM customer_sales
      WHERE orders <> 0`,
    expected: `SELECT 'person', person_id, currency, count(*), sum(net), sum(gross), sum(cost), max(order_date)
      FROM orders WHERE deleted_at IS NULL AND status IN ${SALE} AND person_id IS NOT NULL GROUP BY 2, 3
      UNION ALL
      SELECT 'company', company_id, currency, count(*), sum(net), sum(gross), sum(cost), max(order_date)
      FROM orders WHERE deleted_at IS NULL AND status IN ${SALE} AND company_id IS NOT NULL GROUP BY 2, 3`,
  },
];

function summaryViolations(reader: Database.Database): string[] {
  const out: string[] = [];
  for (const s of SUMMARIES) {
    const text = (sql: string) =>
      (reader.prepare(sql).raw().all() as unknown[][]).map((r) => JSON.stringify(r)).sort();
    const stored = text(s.stored);
    const expected = text(s.expected);
    const missing = expected.filter((r) => !stored.includes(r));
    const extra = stored.filter((r) => !expected.includes(r));
    if (missing.length || extra.length) {
      out.push(`${s.name}: missing ${JSON.stringify(missing)}, not expected ${JSON.stringify(extra)}`);
    }
  }
  return out;
}

/** Cheap invariants: every violation as text. */
export function cheapViolations(reader: Database.Database): string[] {
  const out: string[] = [];
  const fk = reader.pragma('foreign_key_check') as Row[];
  for (const r of fk) out.push(`foreign key: ${JSON.stringify(r)}`);
  for (const c of CHECKS) {
    const rows = reader.prepare(c.sql).all() as Row[];
    for (const r of rows.slice(0, 5)) out.push(`${c.name}: ${JSON.stringify(r)}`);
  }
  out.push(...nextCallViolations(reader).map((v) => `next call: ${v}`));
  out.push(...sortKeyViolations(reader));
  out.push(...lineViolations(reader));
  out.push(...summaryViolations(reader));
  return out;
}

/** The words each search document should hold, as its row implies them. */
const EXPECTED_DOCS: Record<keyof typeof SEARCH, string> = {
  person: `SELECT d.docid, p.display_name || ' ' || p.given_name || ' ' || p.family_name,
      concat_ws(' ', c.name, p.job_title, p.city,
        (SELECT group_concat(email, ' ') FROM (SELECT email FROM emails WHERE person_id = p.id ORDER BY position)))
    FROM search_docs d JOIN people p ON p.id = d.ref_id LEFT JOIN companies c ON c.id = p.company_id
    WHERE d.kind = 'person'`,
  company: `SELECT d.docid, c.name, concat_ws(' ', c.domain, c.industry, c.city)
    FROM search_docs d JOIN companies c ON c.id = d.ref_id WHERE d.kind = 'company'`,
  note: `SELECT d.docid, '', n.body FROM search_docs d JOIN notes n ON n.id = d.ref_id WHERE d.kind = 'note'`,
  call: `SELECT d.docid, coalesce(c.purpose, ''), c.summary FROM search_docs d JOIN calls c ON c.id = d.ref_id
    WHERE d.kind = 'call'`,
};

const TOKENIZE = `tokenize = 'unicode61 remove_diacritics 2'`;

/** Compares every document's (column, word) set in the index with the set its row implies. */
function searchWordViolations(reader: Database.Database): string[] {
  const out: string[] = [];
  for (const [kind, s] of Object.entries(SEARCH) as [
    keyof typeof SEARCH,
    (typeof SEARCH)[keyof typeof SEARCH],
  ][]) {
    const vocab = `props_vocab_${kind}`;
    const oracle = `props_oracle_${kind}`;
    reader.exec(
      `CREATE VIRTUAL TABLE IF NOT EXISTS temp.${vocab} USING fts5vocab(main, ${s.fts}, 'instance')`,
    );
    reader.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.${oracle} USING fts5(title, detail, ${TOKENIZE})`);
    reader.exec(
      `CREATE VIRTUAL TABLE IF NOT EXISTS temp.${oracle}_v USING fts5vocab(temp, ${oracle}, 'instance')`,
    );
    reader.exec(`DELETE FROM temp.${oracle}`);
    const docs = reader.prepare(EXPECTED_DOCS[kind]).raw().all() as [number, string, string][];
    const insert = reader.prepare(`INSERT INTO temp.${oracle} (rowid, title, detail) VALUES (?, ?, ?)`);
    for (const [docid, title, detail] of docs) insert.run(docid, title, detail);
    const diff = (a: string, b: string) =>
      reader
        .prepare(`SELECT doc, col, term FROM temp.${a} EXCEPT SELECT doc, col, term FROM temp.${b} LIMIT 5`)
        .all() as Row[];
    for (const r of diff(vocab, `${oracle}_v`))
      out.push(`${s.fts} holds a word its row does not: ${JSON.stringify(r)}`);
    for (const r of diff(`${oracle}_v`, vocab))
      out.push(`${s.fts} lacks a word of its row: ${JSON.stringify(r)}`);
  }
  return out;
}

/** Deep invariants: integrity_check and the words of every search document. */
export function deepViolations(reader: Database.Database): string[] {
  const out: string[] = [];
  const integrity = reader.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') out.push(`integrity_check: ${String(integrity)}`);
  out.push(...searchWordViolations(reader));
  return out;
}
