/**
 * Reports: sales by month and by product category, the pipeline by stage, deals won and lost by
 * month, and open cases by age. Each has a chart and, under it, the table of its figures; the
 * period and staff filters apply to every report they make sense for (a pipeline and open cases
 * are as they stand today).
 */
import { useMemo, useState, type ReactNode } from 'react';
import { ListFilter } from 'lucide-react';
import { CASE_AGE_LABELS } from '../../../shared/domain/reports.ts';
import { CURRENCIES } from '../../../shared/domain/settings.ts';
import { messageOf } from '../../api/errors.ts';
import { useNow } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { useQuery, type QueryResult } from '../../stores/query.hooks.tsx';
import { Select } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { DelayedSpinner, ErrorState } from '../../ui/States.tsx';
import { dayOf, useStaff } from '../contacts/common.tsx';
import { PageHeader } from '../shell/PageHeader.tsx';
import { Bars, useChartColors } from './charts.tsx';
import { monthLabel, PERIOD_PRESETS, periodOf, type MonthRange, type PeriodPreset } from './periods.ts';
import './reports.css';

function Report<T>({
  title,
  note,
  result,
  children,
}: {
  title: string;
  note?: string;
  result: QueryResult<T>;
  children(data: T): ReactNode;
}) {
  return (
    <section className="card report" aria-label={title}>
      <header className="report__header">
        <h2 className="report__title">{title}</h2>
        {note ? <span className="report__note">{note}</span> : null}
      </header>
      <div className="report__body">
        {result.error ? (
          <ErrorState
            title={`${title} could not be worked out`}
            message={messageOf(result.error)}
            onRetry={() => void result.refetch()}
          />
        ) : result.data === undefined ? (
          <div className="report__loading">
            <DelayedSpinner label={`Working out ${title.toLowerCase()}…`} />
          </div>
        ) : (
          children(result.data)
        )}
      </div>
    </section>
  );
}

/** A figures table: the first column names the row, the others are numbers. */
function Figures({
  caption,
  head,
  rows,
  foot,
}: {
  caption: string;
  head: readonly string[];
  rows: readonly (readonly ReactNode[])[];
  foot?: readonly ReactNode[];
}) {
  return (
    <div className="report__table-wrap">
      <table className="report__table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={h} scope="col" className={i > 0 ? 'num' : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((cell, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={j} className="num">
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
        {foot ? (
          <tfoot>
            <tr>
              {foot.map((cell, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={j} className="num">
                    {cell}
                  </td>
                ),
              )}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

const compactFormats = new Map<string, { format: Intl.NumberFormat; minor: number }>();

/** Money in a currency, short, for chart axes ("£12K"). */
function compactMoney(locale: string, minor: number, currency: string): string {
  const key = `${locale}|${currency}`;
  let f = compactFormats.get(key);
  if (!f) {
    f = {
      format: new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact' }),
      minor: CURRENCIES.find((c) => c.code === currency)?.minor ?? 2,
    };
    compactFormats.set(key, f);
  }
  return f.format.format(minor / 10 ** f.minor);
}

const sum = <T,>(rows: readonly T[], f: (r: T) => number) => rows.reduce((n, r) => n + f(r), 0);

export function ReportsScreen() {
  const fmt = useFormat();
  const now = useNow(60_000);
  const staff = useStaff();
  const colors = useChartColors();
  const [preset, setPreset] = useState<PeriodPreset>('12m');
  const [custom, setCustom] = useState<MonthRange>(() => periodOf('12m', now, { from: '', to: '' }));
  const [ownerId, setOwnerId] = useState('');
  const period = useMemo(() => periodOf(preset, now, custom), [preset, now, custom]);
  const owner = ownerId ? { ownerId } : {};
  const today = dayOf(now);

  const byMonth = useQuery('reports.salesByMonth', { ...period, ...owner });
  const byCategory = useQuery('reports.salesByCategory', { ...period, ...owner });
  const pipeline = useQuery('reports.pipeline', owner);
  const wonLost = useQuery('reports.wonLost', { ...period, ...owner });
  const cases = useQuery('reports.casesByAge', { today, ...owner });

  const compact = (minor: number, currency: string) => compactMoney(fmt.locale, minor, currency);
  const bookCurrency = fmt.currency;
  const pick = <T extends { currency: string }>(rows: readonly T[]) => {
    const currency = rows.some((r) => r.currency === bookCurrency)
      ? bookCurrency
      : (rows[0]?.currency ?? bookCurrency);
    return { currency, rows: rows.filter((r) => r.currency === currency) };
  };
  const otherCurrencies = (rows: readonly { currency: string }[], shown: string) => {
    const others = [...new Set(rows.map((r) => r.currency))].filter((c) => c !== shown);
    return others.length > 0 ? `Figures in ${shown}; also sold in ${others.join(', ')}.` : undefined;
  };
  const periodWords = `${monthLabel(period.from, fmt.locale)} – ${monthLabel(period.to, fmt.locale)}`;

  return (
    <>
      <PageHeader title="Reports" />
      <div className="reports">
        <div className="reports__toolbar" role="group" aria-label="Filters">
          <ListFilter size={ICON.nav} strokeWidth={STROKE} aria-hidden className="reports__filter-icon" />
          <Select
            aria-label="Period"
            value={preset}
            onChange={(e) => setPreset(e.target.value as PeriodPreset)}
          >
            {PERIOD_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </Select>
          {preset === 'custom' ? (
            <>
              <input
                type="month"
                className="input"
                aria-label="From month"
                value={custom.from}
                onChange={(e) => e.target.value && setCustom((c) => ({ ...c, from: e.target.value }))}
              />
              <input
                type="month"
                className="input"
                aria-label="To month"
                value={custom.to}
                onChange={(e) => e.target.value && setCustom((c) => ({ ...c, to: e.target.value }))}
              />
            </>
          ) : null}
          <Select aria-label="Staff" value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
            <option value="">All staff</option>
            {staff.list.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
          <span className="reports__period muted">{periodWords}</span>
        </div>

        <div className="reports__grid">
          <Report title="Sales by month" result={byMonth}>
            {(all) => {
              const { currency, rows } = pick(all);
              const chartRows = rows.map((r) => ({ ...r, label: monthLabel(r.month, fmt.locale) }));
              return (
                <>
                  <Bars
                    rows={chartRows}
                    category="label"
                    label={`Net sales by month, ${periodWords}: ${fmt.moneyIn(
                      sum(rows, (r) => r.net),
                      currency,
                    )} in all.`}
                    format={(v) => compact(v, currency)}
                    series={[
                      { key: 'net', label: 'Net sales', color: colors.accent },
                      { key: 'margin', label: 'Margin', color: colors.success },
                    ]}
                  />
                  <Figures
                    caption="Sales by month"
                    head={['Month', 'Orders', 'Net', 'Tax', 'Gross', 'Margin']}
                    rows={chartRows.map((r) => [
                      r.label,
                      fmt.number(r.orders),
                      fmt.moneyIn(r.net, currency),
                      fmt.moneyIn(r.tax, currency),
                      fmt.moneyIn(r.gross, currency),
                      fmt.moneyIn(r.margin, currency),
                    ])}
                    foot={[
                      'Total',
                      fmt.number(sum(rows, (r) => r.orders)),
                      fmt.moneyIn(
                        sum(rows, (r) => r.net),
                        currency,
                      ),
                      fmt.moneyIn(
                        sum(rows, (r) => r.tax),
                        currency,
                      ),
                      fmt.moneyIn(
                        sum(rows, (r) => r.gross),
                        currency,
                      ),
                      fmt.moneyIn(
                        sum(rows, (r) => r.margin),
                        currency,
                      ),
                    ]}
                  />
                  {otherCurrencies(all, currency) ? (
                    <p className="report__foot muted">{otherCurrencies(all, currency)}</p>
                  ) : null}
                </>
              );
            }}
          </Report>

          <Report title="Sales by product category" result={byCategory}>
            {(all) => {
              const { currency, rows } = pick(all);
              if (rows.length === 0) return <p className="report__empty">Nothing sold in this period.</p>;
              return (
                <>
                  <Bars
                    rows={rows}
                    category="name"
                    layout="vertical"
                    height={Math.max(160, rows.length * 34 + 40)}
                    label={`Net sales by product category, ${periodWords}.`}
                    format={(v) => compact(v, currency)}
                    series={[{ key: 'net', label: 'Net sales', color: colors.accent }]}
                  />
                  <Figures
                    caption="Sales by product category"
                    head={['Category', 'Lines', 'Net', 'Gross', 'Margin', 'Margin %']}
                    rows={rows.map((r) => [
                      r.name,
                      fmt.number(r.lines),
                      fmt.moneyIn(r.net, currency),
                      fmt.moneyIn(r.gross, currency),
                      fmt.moneyIn(r.margin, currency),
                      r.net > 0 ? `${Math.round((r.margin / r.net) * 100)} %` : '—',
                    ])}
                  />
                </>
              );
            }}
          </Report>

          <Report title="Pipeline by stage" note="Open deals now" result={pipeline}>
            {(all) => {
              const { currency, rows } = pick(all);
              return (
                <>
                  <Bars
                    rows={rows}
                    category="name"
                    label={`Open deals by stage: ${fmt.number(sum(rows, (r) => r.count))} deals worth ${fmt.moneyIn(
                      sum(rows, (r) => r.value),
                      currency,
                    )}.`}
                    format={(v) => compact(v, currency)}
                    series={[
                      { key: 'value', label: 'Value', color: colors.accent },
                      { key: 'weighted', label: 'Weighted value', color: colors.warning },
                    ]}
                  />
                  <Figures
                    caption="Pipeline by stage"
                    head={['Stage', 'Probability', 'Deals', 'Value', 'Weighted']}
                    rows={rows.map((r) => [
                      r.name,
                      `${r.probabilityBp / 100} %`,
                      fmt.number(r.count),
                      fmt.moneyIn(r.value, currency),
                      fmt.moneyIn(r.weighted, currency),
                    ])}
                    foot={[
                      'Total',
                      '',
                      fmt.number(sum(rows, (r) => r.count)),
                      fmt.moneyIn(
                        sum(rows, (r) => r.value),
                        currency,
                      ),
                      fmt.moneyIn(
                        sum(rows, (r) => r.weighted),
                        currency,
                      ),
                    ]}
                  />
                </>
              );
            }}
          </Report>

          <Report title="Deals won and lost" result={wonLost}>
            {(all) => {
              const { currency, rows } = pick(all);
              const chartRows = rows.map((r) => ({ ...r, label: monthLabel(r.month, fmt.locale) }));
              const won = sum(rows, (r) => r.won);
              const lost = sum(rows, (r) => r.lost);
              return (
                <>
                  <Bars
                    rows={chartRows}
                    category="label"
                    label={`Deals won and lost by month, ${periodWords}: ${won} won, ${lost} lost.`}
                    format={(v) => compact(v, currency)}
                    series={[
                      { key: 'wonValue', label: 'Won', color: colors.success },
                      { key: 'lostValue', label: 'Lost', color: colors.danger },
                    ]}
                  />
                  <Figures
                    caption="Deals won and lost by month"
                    head={['Month', 'Won', 'Won value', 'Lost', 'Lost value', 'Win rate']}
                    rows={chartRows.map((r) => [
                      r.label,
                      fmt.number(r.won),
                      fmt.moneyIn(r.wonValue, currency),
                      fmt.number(r.lost),
                      fmt.moneyIn(r.lostValue, currency),
                      r.won + r.lost > 0 ? `${Math.round((r.won / (r.won + r.lost)) * 100)} %` : '—',
                    ])}
                    foot={[
                      'Total',
                      fmt.number(won),
                      fmt.moneyIn(
                        sum(rows, (r) => r.wonValue),
                        currency,
                      ),
                      fmt.number(lost),
                      fmt.moneyIn(
                        sum(rows, (r) => r.lostValue),
                        currency,
                      ),
                      won + lost > 0 ? `${Math.round((won / (won + lost)) * 100)} %` : '—',
                    ]}
                  />
                </>
              );
            }}
          </Report>

          <Report title="Open cases by age" note="As of today" result={cases}>
            {(rows) => {
              const chartRows = rows.map((r) => ({ ...r, label: CASE_AGE_LABELS[r.bucket] }));
              const open = sum(rows, (r) => r.open + r.waiting);
              return (
                <>
                  <Bars
                    rows={chartRows}
                    category="label"
                    label={`Open cases by how long they have been open: ${open} in all.`}
                    format={(v) => fmt.number(v)}
                    series={[
                      { key: 'open', label: 'Open', color: colors.accent, stack: 'cases' },
                      { key: 'waiting', label: 'Waiting on customer', color: colors.warning, stack: 'cases' },
                    ]}
                  />
                  <Figures
                    caption="Open cases by age"
                    head={['Open for', 'Open', 'Waiting', 'Overdue']}
                    rows={chartRows.map((r) => [
                      r.label,
                      fmt.number(r.open),
                      fmt.number(r.waiting),
                      fmt.number(r.overdue),
                    ])}
                    foot={[
                      'Total',
                      fmt.number(sum(rows, (r) => r.open)),
                      fmt.number(sum(rows, (r) => r.waiting)),
                      fmt.number(sum(rows, (r) => r.overdue)),
                    ]}
                  />
                </>
              );
            }}
          </Report>
        </div>
      </div>
    </>
  );
}
