/**
 * "Files for your accountant": the presets with fixed, documented columns (sales by line, sales
 * by order, payments, customers), one period for all of them, and what each file holds.
 */
import { format } from 'date-fns';
import { useId, useState } from 'react';
import { ChevronRight } from 'lucide-react';
import type { PresetInfo } from '../../../shared/domain/transfer.ts';
import { messageOf } from '../../api/errors.ts';
import { useNow } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { useQuery } from '../../stores/query.hooks.tsx';
import { Button } from '../../ui/Button.tsx';
import { FieldError, Select } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { DelayedSpinner, ErrorState } from '../../ui/States.tsx';
import { ExportCard } from './ExportCard.tsx';
import { ExportProgress } from './ExportProgress.tsx';
import {
  ACCOUNTANT_PERIODS,
  periodDays,
  rangeText,
  type AccountantPeriod,
  type DayRange,
} from './periods.ts';
import { useExportRun } from './useExportRun.ts';

/**
 * A preset's description as its first sentence (what a row is) and the rest (which orders count,
 * the order of the rows), which goes under "What’s in it" with the columns.
 */
export function splitDescription(text: string): { lead: string; more: string } {
  const m = /^(.*?\.)\s+(?=\p{Lu})/u.exec(text);
  return m?.[1] ? { lead: m[1], more: text.slice(m[0].length) } : { lead: text, more: '' };
}

function PresetRow({ preset, range, today }: { preset: PresetInfo; range: DayRange | null; today: string }) {
  const id = useId();
  const fmt = useFormat();
  const run = useExportRun();
  const needsPeriod = preset.period && range === null;
  const { lead, more } = splitDescription(preset.description);
  const rows = (n: number) => `${preset.title} (${fmt.number(n)} ${n === 1 ? 'row' : 'rows'})`;

  function exportIt() {
    if (preset.period) {
      if (!range) return;
      run.start('export.preset', { preset: preset.id, ...range }, rows);
    } else {
      // The customer list covers every sale, whatever its date; the request still takes a period.
      run.start('export.preset', { preset: preset.id, from: today, to: today }, rows);
    }
  }

  return (
    <li className="export-preset" aria-labelledby={`${id}-title`}>
      <div className="export-preset__main">
        <div className="export-preset__text">
          <h4 className="export-preset__title" id={`${id}-title`}>
            {preset.title}
            {preset.period ? null : <span className="badge">Whole history</span>}
          </h4>
          <p className="export-preset__desc">{lead}</p>
        </div>
        <Button
          onClick={exportIt}
          disabled={run.running || needsPeriod}
          aria-label={`Export ${preset.title}`}
          title={needsPeriod ? 'Choose the first and last day of the period first' : undefined}
        >
          {run.running ? 'Exporting…' : 'Export…'}
        </Button>
      </div>
      <ExportProgress run={run} label={`Exporting ${preset.title}`} />
      {run.error ? <FieldError message={run.error} /> : null}
      <details className="export-columns">
        <summary className="export-columns__summary">
          <ChevronRight
            className="export-columns__chevron"
            size={ICON.inline}
            strokeWidth={STROKE}
            aria-hidden
          />
          What’s in it
          <span className="export-columns__count">{preset.columns.length} columns</span>
        </summary>
        <div className="export-columns__body">
          {more ? <p className="export-columns__rules">{more}</p> : null}
          <dl className="export-columns__list" aria-label={`The columns of ${preset.title}`}>
            {preset.columns.map((c) => (
              <div key={c.header} className="export-columns__item">
                <dt>{c.header}</dt>
                <dd>{c.doc}</dd>
              </div>
            ))}
          </dl>
        </div>
      </details>
    </li>
  );
}

export function AccountantCard() {
  const id = useId();
  const fmt = useFormat();
  const now = useNow(60_000);
  const presets = useQuery('export.presets', {});
  const [period, setPeriod] = useState<AccountantPeriod>('lastMonth');
  const [custom, setCustom] = useState<Partial<DayRange>>({});
  const range = periodDays(period, now, custom);
  const backwards = range !== null && range.from > range.to;
  const usable = backwards ? null : range;

  return (
    <ExportCard
      id={`${id}-accountant`}
      title="Files for your accountant"
      description="Sales and payments for a period, and your customers, as CSV files with fixed columns that a spreadsheet or accounting program opens as they are. Quotes and cancelled orders are never counted as sales."
    >
      <div className="export-period" role="group" aria-label="Period">
        <label className="export-period__label" htmlFor={`${id}-period`}>
          Period
        </label>
        <Select
          id={`${id}-period`}
          value={period}
          onChange={(e) => setPeriod(e.target.value as AccountantPeriod)}
        >
          {ACCOUNTANT_PERIODS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </Select>
        {period === 'custom' ? (
          <>
            <input
              type="date"
              className="input export-period__date"
              aria-label="First day"
              value={custom.from ?? ''}
              aria-invalid={backwards || undefined}
              onChange={(e) => setCustom((c) => ({ ...c, from: e.target.value }))}
            />
            <span className="export-period__dash" aria-hidden>
              –
            </span>
            <input
              type="date"
              className="input export-period__date"
              aria-label="Last day"
              value={custom.to ?? ''}
              aria-invalid={backwards || undefined}
              aria-describedby={backwards ? `${id}-period-error` : undefined}
              onChange={(e) => setCustom((c) => ({ ...c, to: e.target.value }))}
            />
          </>
        ) : null}
        {usable ? <span className="export-period__range num">{rangeText(usable, fmt.locale)}</span> : null}
      </div>
      {backwards ? (
        <div className="export-period__error">
          <FieldError id={`${id}-period-error`} message="The period must end on or after its first day." />
        </div>
      ) : null}
      {presets.error ? (
        <ErrorState
          title="The accountant’s files could not be listed"
          message={messageOf(presets.error)}
          onRetry={() => void presets.refetch()}
        />
      ) : !presets.data ? (
        <div className="export-card__loading">
          <DelayedSpinner label="Loading the accountant’s files…" />
        </div>
      ) : (
        <ul className="export-presets">
          {presets.data.map((p) => (
            <PresetRow key={p.id} preset={p} range={usable} today={format(now, 'yyyy-MM-dd')} />
          ))}
        </ul>
      )}
    </ExportCard>
  );
}
