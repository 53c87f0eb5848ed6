/**
 * The same measurements as the best hand-written better-sqlite3 statements on the same file: the
 * physical limit the app is compared with (ratio_p50 = app / raw). Each answers the same question
 * with the same data (joined names, tags, timeline details), using the app's existing indexes, in
 * as few statements as SQLite allows. What it leaves out: zod validation, structured cloning, the
 * job worker hop, change-log rows and undo records (tag.bulk10k), and JS shaping such as snippets.
 * Statements are prepared up front, as the app's statement cache does.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { v7 as uuidv7 } from 'uuid';
import { countryOfLocale, looksLikePhone, normalisePhone } from '../../../shared/domain/phone.ts';
import { docidRange, FTS_TABLES, type SearchDocKind } from '../../../electron/backend/search/search.index.ts';
import {
  PURCHASE_TOTALS_SQL,
  purchaseItemsSql,
} from '../../../electron/backend/purchases/purchases.handlers.ts';
import { bulkIds } from './app.ops.ts';
import type { Op, Ops } from './op.ts';
import {
  ANCHOR_EVERY,
  callToLog,
  isoDay,
  LIST,
  anchorOf,
  PAGE_SIZE,
  pick,
  REPORT_TODAY,
  reportPeriod,
  SEARCH_LIMIT,
  TIMELINE_PAGE,
  type Inputs,
} from './scenario.ts';

type Key = [number | null, string];

export function rawOps(db: Database.Database, inputs: Inputs): Ops {
  const settings = new Map(
    (db.prepare(`SELECT key, value FROM settings`).all() as { key: string; value: string }[]).map((r) => [
      r.key,
      JSON.parse(r.value) as unknown,
    ]),
  );
  const country = countryOfLocale(String(settings.get('locale') ?? 'en-GB'));
  const staffId = String(settings.get('currentStaffId') ?? '');

  // --- search ---------------------------------------------------------------------------------
  const phoneSql =
    db.prepare(`SELECT ph.person_id, ph.company_id, p.display_name, p.primary_email, p.primary_phone,
      pc.name AS person_company, c.name AS company_name, c.domain, c.industry, c.city
    FROM phones ph
    LEFT JOIN people p ON p.id = ph.person_id AND p.deleted_at IS NULL
    LEFT JOIN companies pc ON pc.id = p.company_id AND pc.deleted_at IS NULL
    LEFT JOIN companies c ON c.id = ph.company_id AND c.deleted_at IS NULL
    WHERE ph.digits >= ? AND ph.digits < ? ORDER BY ph.digits LIMIT ?`);
  const fts = (kind: SearchDocKind, join: string, columns: string) =>
    db.prepare(`SELECT ${columns} FROM ${FTS_TABLES[kind]} f JOIN search_docs d ON d.docid = f.rowid ${join}
      WHERE ${FTS_TABLES[kind]} MATCH ? ORDER BY f.rowid DESC LIMIT ?`);
  const ftsByKind = {
    person: fts(
      'person',
      `JOIN people p ON p.id = d.ref_id AND p.deleted_at IS NULL
       LEFT JOIN companies c ON c.id = p.company_id AND c.deleted_at IS NULL`,
      `p.id, p.display_name, p.primary_email, p.primary_phone, c.name AS company`,
    ),
    company: fts(
      'company',
      `JOIN companies c ON c.id = d.ref_id AND c.deleted_at IS NULL`,
      `c.id, c.name, c.domain, c.industry, c.city`,
    ),
    note: fts(
      'note',
      `JOIN notes x ON x.id = d.ref_id AND x.deleted_at IS NULL
       LEFT JOIN people p ON p.id = x.person_id LEFT JOIN companies c ON c.id = x.company_id`,
      `x.id, x.body AS text, x.person_id, x.company_id, p.display_name AS person, c.name AS company,
       p.deleted_at AS person_deleted, c.deleted_at AS company_deleted`,
    ),
    call: fts(
      'call',
      `JOIN calls x ON x.id = d.ref_id AND x.deleted_at IS NULL
       LEFT JOIN people p ON p.id = x.person_id LEFT JOIN companies c ON c.id = x.company_id`,
      `x.id, x.summary AS text, x.person_id, x.company_id, p.display_name AS person, c.name AS company,
       p.deleted_at AS person_deleted, c.deleted_at AS company_deleted`,
    ),
  };
  const words = (q: string) =>
    q
      .normalize('NFC')
      .split(/[^\p{L}\p{N}\p{M}]+/u)
      .filter(Boolean)
      .slice(0, 8);
  const terms = (ws: string[]) => ws.map((w) => `"${w.replaceAll('"', '""')}"*`).join(' AND ');

  function searchRaw(query: string): number {
    let hits = 0;
    const seen = new Set<string>();
    if (looksLikePhone(query)) {
      const digits = normalisePhone(query, country).digits;
      for (const d of new Set([digits, digits.replace(/^0+/u, '')])) {
        if (d.length < 3) continue;
        for (const r of phoneSql.all(d, `${d}~`, SEARCH_LIMIT * 4) as { person_id: string | null }[]) {
          if (r.person_id && !seen.has(r.person_id)) {
            seen.add(r.person_id);
            hits++;
          }
        }
      }
    }
    const ws = words(query);
    if (ws.length === 0) return hits;
    for (const kind of ['person', 'company', 'note', 'call'] as const) {
      const tiers = kind === 'note' ? [terms(ws)] : [`title : (${terms(ws)})`, terms(ws)];
      let found = 0;
      for (const match of tiers) {
        const need = SEARCH_LIMIT - found;
        if (need <= 0) break;
        for (const r of ftsByKind[kind].all(match, need * 2 + found) as {
          id: string;
          person_id?: string | null;
          person_deleted?: number | null;
        }[]) {
          if (found >= SEARCH_LIMIT || seen.has(r.id)) continue;
          if (r.person_id && r.person_deleted !== null) continue;
          seen.add(r.id);
          found++;
        }
      }
      hits += found;
    }
    return hits;
  }
  const search = (queries: string[]): Op => ({ run: (i) => searchRaw(pick(queries, i)) });

  // --- the contacts list ----------------------------------------------------------------------
  const listColumns = `p.id, p.display_name, p.company_id, c.name AS company_name, p.job_title, p.stage, p.owner_id,
    p.city, p.primary_phone, p.primary_email, p.last_contact_at, p.next_call_at, p.created_at,
    (SELECT json_group_array(t.name ORDER BY t.name COLLATE NOCASE) FROM person_tags pt JOIN tags t ON t.id = pt.tag_id
     WHERE pt.person_id = p.id) AS tags`;
  const listFrom = `FROM people p LEFT JOIN companies c ON c.id = p.company_id AND c.deleted_at IS NULL`;
  const stage = LIST.filter.stage;
  // people_stage_last_contact (stage, last_contact_at, id, deleted_at) holds the list in its order,
  // and a scan of the whole list (the anchors) from it alone.
  const valuesWhere = `p.deleted_at IS NULL AND p.stage = ? AND p.last_contact_at IS NOT NULL`;
  const nullsWhere = `p.deleted_at IS NULL AND p.stage = ? AND p.last_contact_at IS NULL`;
  const list = {
    first: db.prepare(`SELECT ${listColumns}, p.last_contact_at AS v ${listFrom}
      WHERE ${valuesWhere} ORDER BY p.last_contact_at DESC, p.id DESC LIMIT ?`),
    after: db.prepare(`SELECT ${listColumns}, p.last_contact_at AS v ${listFrom}
      WHERE ${valuesWhere} AND (p.last_contact_at, p.id) < (?, ?) ORDER BY p.last_contact_at DESC, p.id DESC LIMIT ?`),
    nullsFirst: db.prepare(`SELECT ${listColumns}, NULL AS v ${listFrom}
      WHERE ${nullsWhere} ORDER BY p.id DESC LIMIT ?`),
    nullsAfter: db.prepare(`SELECT ${listColumns}, NULL AS v ${listFrom}
      WHERE ${nullsWhere} AND p.id < ? ORDER BY p.id DESC LIMIT ?`),
    scanValues: db
      .prepare(
        `SELECT p.last_contact_at, p.id FROM people p WHERE ${valuesWhere} ORDER BY p.last_contact_at DESC, p.id DESC`,
      )
      .raw(true),
    scanNulls: db.prepare(`SELECT NULL, p.id FROM people p WHERE ${nullsWhere} ORDER BY p.id DESC`).raw(true),
    count: db.prepare(`SELECT count(*) FROM people p WHERE p.deleted_at IS NULL AND p.stage = ?`).pluck(),
  };
  function pageRaw(after: Key | null, limit: number): unknown[] {
    const rows: unknown[] = [];
    if (after === null) rows.push(...list.first.all(stage, limit));
    else if (after[0] !== null) rows.push(...list.after.all(stage, after[0], after[1], limit));
    if (rows.length < limit) {
      const inNulls = after !== null && after[0] === null;
      const more = inNulls
        ? list.nullsAfter.all(stage, after[1], limit - rows.length)
        : list.nullsFirst.all(stage, limit - rows.length);
      rows.push(...more);
    }
    return rows;
  }
  function anchorsRaw(): { total: number; anchors: (Key | null)[] } {
    const anchors: (Key | null)[] = [null];
    let total = 0;
    let boundary: Key | null = null;
    for (const scan of [list.scanValues, list.scanNulls]) {
      for (const row of scan.iterate(stage) as IterableIterator<Key>) {
        if (boundary !== null) {
          anchors.push(boundary);
          boundary = null;
        }
        total++;
        if (total % ANCHOR_EVERY === 0) boundary = row;
      }
    }
    return { total, anchors };
  }
  const page = (which: 'middle' | 'last'): Op => {
    let request: { after: Key | null; limit: number } | null = null;
    return {
      prepare() {
        const found = anchorsRaw();
        const anchor = found.anchors[anchorOf(which, found.anchors.length)]!;
        request = { after: anchor, limit: PAGE_SIZE };
      },
      run() {
        if (pageRaw(request!.after, request!.limit).length === 0)
          throw new Error(`The ${which} page is empty`);
      },
    };
  };

  // --- a person and their timeline ------------------------------------------------------------
  const person = db.prepare(`SELECT p.*, c.name AS company_name,
      (SELECT json_group_array(json_object('id', id, 'label', label, 'number', number, 'digits', digits) ORDER BY position, id)
         FROM phones WHERE person_id = p.id) AS phones,
      (SELECT json_group_array(json_object('id', id, 'label', label, 'email', email) ORDER BY position, id)
         FROM emails WHERE person_id = p.id) AS emails,
      (SELECT json_group_array(t.name ORDER BY t.name COLLATE NOCASE) FROM person_tags pt JOIN tags t ON t.id = pt.tag_id
         WHERE pt.person_id = p.id) AS tags
    FROM people p LEFT JOIN companies c ON c.id = p.company_id AND c.deleted_at IS NULL WHERE p.id = ?`);
  const timeline = db.prepare(`SELECT kind, at, id, data FROM (
      SELECT * FROM (SELECT 'call' AS kind, c.started_at AS at, c.id AS id,
          json_object('direction', c.direction, 'durationS', c.duration_s, 'purpose', c.purpose, 'outcome', c.outcome,
            'connected', lv.connected, 'response', c.response, 'summary', c.summary, 'staff', s.name,
            'person', p.display_name, 'company', co.name) AS data
        FROM calls c LEFT JOIN staff s ON s.id = c.staff_id LEFT JOIN people p ON p.id = c.person_id
        LEFT JOIN companies co ON co.id = c.company_id
        LEFT JOIN list_values lv ON lv.list = 'call_outcome' AND lv.value = c.outcome
        WHERE c.person_id = @id AND c.deleted_at IS NULL ORDER BY c.started_at DESC, c.id DESC LIMIT @limit)
      UNION ALL SELECT * FROM (SELECT 'note', n.created_at, n.id, json_object('body', n.body, 'by', s.name)
        FROM notes n LEFT JOIN staff s ON s.id = n.created_by
        WHERE n.person_id = @id AND n.deleted_at IS NULL ORDER BY n.created_at DESC, n.id DESC LIMIT @limit)
      UNION ALL SELECT * FROM (SELECT 'task', coalesce(t.done_at, t.created_at), t.id,
          json_object('type', t.type, 'title', t.title, 'due', t.due_date, 'done', t.done_at, 'assignee', s.name)
        FROM tasks t LEFT JOIN staff s ON s.id = t.assignee_id
        WHERE t.person_id = @id AND t.deleted_at IS NULL ORDER BY 2 DESC, t.id DESC LIMIT @limit)
      UNION ALL SELECT * FROM (SELECT 'order', CAST(unixepoch(o.order_date) AS INTEGER) * 1000, o.id,
          json_object('reference', o.reference, 'status', o.status, 'gross', o.gross, 'currency', o.currency)
        FROM orders o WHERE o.person_id = @id AND o.deleted_at IS NULL ORDER BY o.order_date DESC, o.id DESC LIMIT @limit)
      UNION ALL SELECT * FROM (SELECT 'change', ch.at, printf('chg-%015d', ch.seq), json_object('op', ch.op, 'by', s.name)
        FROM changes ch LEFT JOIN staff s ON s.id = ch.staff_id
        WHERE ch.tbl = 'people' AND ch.row_id = @id AND NOT (ch.op = 'update'
          AND EXISTS (SELECT 1 FROM changes x WHERE x.seq BETWEEN ch.seq - 64 AND ch.seq + 64
                      AND x.at = ch.at AND x.tbl IN ('calls', 'tasks')))
        ORDER BY ch.at DESC, ch.seq DESC LIMIT @limit)
    ) ORDER BY at DESC, id DESC LIMIT @limit`);

  // --- writes -----------------------------------------------------------------------------------
  const [callFrom, callTo] = docidRange('call');
  const write = {
    personOf: db.prepare(`SELECT company_id, display_name FROM people WHERE id = ? AND deleted_at IS NULL`),
    call: db.prepare(`INSERT INTO calls (id, person_id, company_id, staff_id, direction, started_at, duration_s,
      purpose, outcome, response, summary, created_at, updated_at, created_by, updated_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    change: db.prepare(`INSERT INTO changes (tbl, row_id, op, staff_id, at) VALUES (?, ?, ?, ?, ?)`),
    docid: db
      .prepare(`SELECT coalesce(max(docid), ?) + 1 FROM search_docs WHERE docid >= ? AND docid < ?`)
      .pluck(),
    doc: db.prepare(`INSERT INTO search_docs (docid, kind, ref_id) VALUES (?, 'call', ?)`),
    fts: db.prepare(`INSERT INTO ${FTS_TABLES.call} (rowid, title, detail) VALUES (?, ?, ?)`),
    task: db.prepare(`INSERT INTO tasks (id, type, title, due_date, priority, person_id, company_id, assignee_id,
      call_id, created_at, updated_at, created_by, updated_by) VALUES (?, 'call', ?, ?, 2, ?, ?, ?, ?, ?, ?, ?, ?)`),
    stats: db.prepare(`UPDATE people SET last_attempt_at = max(coalesce(last_attempt_at, 0), @started),
      last_contact_at = max(coalesce(last_contact_at, 0), @started), next_call_at = min(coalesce(next_call_at, @due), @due)
      WHERE id = @id`),
    tag: db.prepare(`INSERT INTO tags (id, name, created_at) VALUES (?, ?, ?)`),
    tagMany: db.prepare(
      `INSERT OR IGNORE INTO person_tags (person_id, tag_id) SELECT value, ? FROM json_each(?)`,
    ),
  };
  const logCall = db.transaction((personId: string, at: number) => {
    const p = write.personOf.get(personId) as { company_id: string | null; display_name: string } | undefined;
    if (!p) throw new Error(`No person ${personId}`);
    const c = callToLog(at);
    const callId = uuidv7();
    write.call.run(
      callId,
      personId,
      p.company_id,
      staffId,
      c.direction,
      c.startedAt,
      c.durationS,
      c.purpose,
      c.outcome,
      c.response,
      c.summary,
      at,
      at,
      staffId,
      staffId,
    );
    write.change.run('calls', callId, 'insert', staffId, at);
    const docid = write.docid.get(callFrom, callFrom, callTo) as number;
    write.doc.run(docid, callId);
    write.fts.run(docid, c.purpose, c.summary);
    const due = isoDay(at + 7 * 86_400_000);
    const taskId = uuidv7();
    write.task.run(
      taskId,
      `Call ${p.display_name}`,
      due,
      personId,
      p.company_id,
      staffId,
      callId,
      at,
      at,
      staffId,
      staffId,
    );
    write.change.run('tasks', taskId, 'insert', staffId, at);
    write.stats.run({ started: c.startedAt, due: Date.parse(`${due}T00:00:00Z`), id: personId });
    write.change.run('people', personId, 'update', staffId, at);
  });
  const tagMany = db.transaction((name: string, ids: string[]) => {
    const tagId = uuidv7();
    write.tag.run(tagId, name, Date.now());
    write.tagMany.run(tagId, JSON.stringify(ids));
  });
  const bulk = new Map<number, string[]>();

  // --- reports and purchase summaries ------------------------------------------------------------
  // Sales read the summary tables the app keeps current with every order write (part of the
  // book's schema, so the best raw statement reads them too); deals and cases their indexes.
  const report = {
    byMonth: db.prepare(`SELECT month, currency, sum(orders), sum(net), sum(tax), sum(gross), sum(cost)
      FROM sales_monthly_orders WHERE month BETWEEN ? AND ? GROUP BY month, currency`),
    byCategory:
      db.prepare(`SELECT sm.category_id, pc.name, sm.currency, sum(sm.lines), sum(sm.net), sum(sm.gross),
        sum(sm.cost)
      FROM sales_monthly sm LEFT JOIN product_categories pc ON pc.id = sm.category_id
      WHERE sm.month BETWEEN ? AND ? GROUP BY sm.category_id, sm.currency ORDER BY sm.currency, sum(sm.net) DESC`),
    // Per stage, one range of the covering deals_open_value index (one GROUP BY over a join with
    // the stages walks it without the stage bound: ten times slower).
    stages: db.prepare(
      `SELECT id, name, probability_bp AS bp FROM deal_stages WHERE active = 1 ORDER BY position`,
    ),
    pipeline: db.prepare(`SELECT currency, count(*) AS n, sum(value) AS value FROM deals
      WHERE stage_id = ? AND state = 'open' AND deleted_at IS NULL GROUP BY currency ORDER BY currency`),
    wonLost:
      db.prepare(`SELECT substr(closed_on, 1, 7) AS month, currency, state, count(*), sum(value) FROM deals
      WHERE state IN ('won', 'lost') AND state <> 'open' AND deleted_at IS NULL AND closed_on BETWEEN ? AND ?
      GROUP BY month, currency, state`),
    casesByAge: db.prepare(`SELECT CASE WHEN opened_at >= ? THEN 'week' WHEN opened_at >= ? THEN 'month'
        WHEN opened_at >= ? THEN 'quarter' ELSE 'older' END AS bucket,
        sum(status = 'open'), sum(status = 'waiting'), sum(due_date IS NOT NULL AND due_date < ?)
      FROM cases WHERE status IN ('open', 'waiting') AND deleted_at IS NULL GROUP BY bucket`),
    purchaseTotals: db.prepare(PURCHASE_TOTALS_SQL),
    purchaseItems: db.prepare(purchaseItemsSql('person')),
  };
  const DAY_MS = 86_400_000;
  const casesEnd = Date.parse(`${REPORT_TODAY}T00:00:00Z`) + DAY_MS;

  return {
    'search.prefix': search(inputs.prefix),
    'search.fullname': search(inputs.fullname),
    'search.phone': search(inputs.phone),
    'search.diacritic': search(inputs.diacritic),
    'list.page.first': { run: () => pageRaw(null, PAGE_SIZE) },
    'list.page.middle': page('middle'),
    'list.page.last': page('last'),
    'list.anchors': { run: () => anchorsRaw() },
    'people.count': { run: () => list.count.get(stage) },
    'contact.open': {
      run: (i) => {
        const id = pick(inputs.open, i);
        return [person.get(id), timeline.all({ id, limit: TIMELINE_PAGE + 1 })];
      },
    },
    'contact.open_busy': {
      run: () => [person.get(inputs.busy), timeline.all({ id: inputs.busy, limit: TIMELINE_PAGE + 1 })],
    },
    'call.log': { run: (i) => logCall(pick(inputs.callLog, i), Date.now()) },
    'tag.bulk10k': {
      prepare() {
        for (let run = 0; run < 10; run++) bulk.set(run, bulkIds(db, run));
      },
      run: (i) => tagMany(`Bench raw ${i}`, bulk.get(i) ?? bulkIds(db, i)),
    },
    'report.sales_by_month': {
      run: (i) => report.byMonth.all(reportPeriod(i).from, reportPeriod(i).to),
    },
    'report.sales_by_category': {
      run: (i) => report.byCategory.all(reportPeriod(i).from, reportPeriod(i).to),
    },
    'report.pipeline': {
      run: () =>
        (report.stages.all() as { id: string; name: string; bp: number }[]).map((stage) => ({
          ...stage,
          totals: (report.pipeline.all(stage.id) as { value: number }[]).map((t) => ({
            ...t,
            weighted: Math.round((t.value * stage.bp) / 10_000),
          })),
        })),
    },
    'report.won_lost': {
      run: (i) => report.wonLost.all(`${reportPeriod(i).from}-01`, `${reportPeriod(i).to}-31`),
    },
    'report.cases_by_age': {
      run: () =>
        report.casesByAge.all(
          casesEnd - 7 * DAY_MS,
          casesEnd - 28 * DAY_MS,
          casesEnd - 91 * DAY_MS,
          REPORT_TODAY,
        ),
    },
    'purchase.summary': {
      run: (i) => {
        const id = pick(inputs.buyers, i);
        return [report.purchaseTotals.all('person', id), report.purchaseItems.all(id)];
      },
    },
  };
}
