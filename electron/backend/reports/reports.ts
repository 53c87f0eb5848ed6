/**
 * The Reports screen's figures. Sales read the summary tables kept current by every order write
 * (orders/sales.summaries.ts), so a period of years is a few hundred rows however many orders there
 * are; deals and cases read their partial indexes (deals_closed, which covers the won-and-lost report,
 * and cases_open). See reports.handlers.ts for where each runs.
 */
import type { ParsedInput } from '../../../shared/api/requests.ts';
import {
  CASE_AGE_BUCKETS,
  type CaseAgeBucket,
  type CaseAgeRow,
  type PipelineStage,
  type SalesCategory,
  type SalesMonth,
  type WonLostMonth,
} from '../../../shared/domain/reports.ts';
import type { Ctx } from '../context.ts';
import { columnTotals } from '../deals/deal.list.ts';
import { prepared } from '../people/prepared.ts';
import { readSettings } from '../settings/settings.store.ts';
import { readStageRows } from '../stages/stages.repo.ts';

type Period = ParsedInput<'reports.salesByMonth'>;
const DAY = 86_400_000;

/** Every month from `from` to `to`, included (YYYY-MM). */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

function ownerClause(period: { ownerId?: string | undefined }, params: unknown[]): string {
  if (period.ownerId === undefined) return '';
  params.push(period.ownerId);
  return ' AND owner_id = ?';
}

/** The currencies to show: those with figures, or the book's when there are none. */
function currenciesOf(ctx: Ctx, rows: readonly { currency: string }[]): string[] {
  const found = [...new Set(rows.map((r) => r.currency))].sort();
  return found.length > 0 ? found : [readSettings(ctx).currency];
}

export function salesByMonth(ctx: Ctx, period: Period): SalesMonth[] {
  const params: unknown[] = [period.from, period.to];
  const owner = ownerClause(period, params);
  const rows = prepared(
    ctx,
    `SELECT month, currency, sum(orders) AS orders, sum(net) AS net, sum(tax) AS tax, sum(gross) AS gross,
       sum(cost) AS cost
     FROM sales_monthly_orders WHERE month BETWEEN ? AND ?${owner}
     GROUP BY month, currency`,
  ).all(...params) as Omit<SalesMonth, 'margin'>[];
  const byKey = new Map(rows.map((r) => [`${r.month}|${r.currency}`, r]));
  const out: SalesMonth[] = [];
  for (const currency of currenciesOf(ctx, rows)) {
    for (const month of monthsOf(period.from, period.to)) {
      const r = byKey.get(`${month}|${currency}`);
      const net = r?.net ?? 0;
      const cost = r?.cost ?? 0;
      out.push({
        month,
        currency,
        orders: r?.orders ?? 0,
        net,
        tax: r?.tax ?? 0,
        gross: r?.gross ?? 0,
        cost,
        margin: net - cost,
      });
    }
  }
  return out;
}

export function salesByCategory(ctx: Ctx, period: Period): SalesCategory[] {
  const params: unknown[] = [period.from, period.to];
  const owner = ownerClause(period, params).replace('owner_id', 'sm.owner_id');
  const rows = prepared(
    ctx,
    `SELECT sm.category_id AS category, pc.name AS name, sm.currency AS currency, sum(sm.lines) AS lines,
       sum(sm.net) AS net, sum(sm.gross) AS gross, sum(sm.cost) AS cost
     FROM sales_monthly sm LEFT JOIN product_categories pc ON pc.id = sm.category_id
     WHERE sm.month BETWEEN ? AND ?${owner}
     GROUP BY sm.category_id, sm.currency
     ORDER BY sm.currency, sum(sm.net) DESC, pc.name`,
  ).all(...params) as {
    category: string;
    name: string | null;
    currency: string;
    lines: number;
    net: number;
    gross: number;
    cost: number;
  }[];
  return rows.map((r) => ({
    categoryId: r.category === '' ? null : r.category,
    name: r.category === '' ? 'No category' : (r.name ?? 'No category'),
    currency: r.currency,
    lines: r.lines,
    net: r.net,
    gross: r.gross,
    cost: r.cost,
    margin: r.net - r.cost,
  }));
}

export function pipelineByStage(ctx: Ctx, input: ParsedInput<'reports.pipeline'>): PipelineStage[] {
  const book = readSettings(ctx).currency;
  return readStageRows(ctx)
    .filter((s) => s.active === 1)
    .flatMap((stage) => {
      const totals = columnTotals(ctx, stage, input.ownerId);
      const rows = totals.length > 0 ? totals : [{ currency: book, count: 0, value: 0, weighted: 0 }];
      return rows.map((t) => ({
        stageId: stage.id,
        name: stage.name,
        probabilityBp: stage.probability_bp,
        currency: t.currency,
        count: t.count,
        value: t.value,
        weighted: t.weighted,
      }));
    });
}

export function wonLost(ctx: Ctx, period: Period): WonLostMonth[] {
  // closed_on is YYYY-MM-DD: the whole of the last month is everything up to its "-31".
  // `state <> 'open'` repeats the partial index deals_closed's condition so SQLite may use it.
  const params: unknown[] = [`${period.from}-01`, `${period.to}-31`];
  const owner = ownerClause(period, params);
  const rows = prepared(
    ctx,
    `SELECT substr(closed_on, 1, 7) AS month, currency, state, count(*) AS n, sum(value) AS value
     FROM deals
     WHERE state IN ('won', 'lost') AND state <> 'open' AND deleted_at IS NULL AND closed_on BETWEEN ? AND ?${owner}
     GROUP BY month, currency, state`,
  ).all(...params) as { month: string; currency: string; state: 'won' | 'lost'; n: number; value: number }[];
  const out: WonLostMonth[] = [];
  for (const currency of currenciesOf(ctx, rows)) {
    for (const month of monthsOf(period.from, period.to)) {
      const pick = (state: 'won' | 'lost') =>
        rows.find((r) => r.month === month && r.currency === currency && r.state === state);
      const won = pick('won');
      const lost = pick('lost');
      out.push({
        month,
        currency,
        won: won?.n ?? 0,
        wonValue: won?.value ?? 0,
        lost: lost?.n ?? 0,
        lostValue: lost?.value ?? 0,
      });
    }
  }
  return out;
}

export function casesByAge(ctx: Ctx, input: ParsedInput<'reports.casesByAge'>): CaseAgeRow[] {
  // Ages are counted from the end of `today` (UTC), in whole days.
  const end = Date.parse(`${input.today}T00:00:00Z`) + DAY;
  const params: unknown[] = [end - 7 * DAY, end - 28 * DAY, end - 91 * DAY, input.today];
  const owner = ownerClause(input, params);
  const rows = prepared(
    ctx,
    `SELECT CASE WHEN opened_at >= ? THEN 'week' WHEN opened_at >= ? THEN 'month'
              WHEN opened_at >= ? THEN 'quarter' ELSE 'older' END AS bucket,
       sum(status = 'open') AS open, sum(status = 'waiting') AS waiting,
       sum(due_date IS NOT NULL AND due_date < ?) AS overdue
     FROM cases
     WHERE status IN ('open', 'waiting') AND deleted_at IS NULL${owner}
     GROUP BY bucket`,
  ).all(...params) as { bucket: CaseAgeBucket; open: number; waiting: number; overdue: number }[];
  return CASE_AGE_BUCKETS.map((bucket) => {
    const r = rows.find((x) => x.bucket === bucket);
    return { bucket, open: r?.open ?? 0, waiting: r?.waiting ?? 0, overdue: r?.overdue ?? 0 };
  });
}
