/**
 * How CSV files are written: delimiter, decimal separator, dates, encoding and formula
 * protection. Each change is saved at once (settings.update { csv }) and every export after it
 * follows; "Reset" goes back to what the book's language and region suggest (csv: null).
 */
import { useId, useRef, useState, type ReactNode } from 'react';
import { Check } from 'lucide-react';
import {
  csvDefaults,
  formatCsvDate,
  type CsvExportOptions,
  type ExportDelimiter,
  type ExportEncoding,
} from '../../../shared/domain/csv.ts';
import type { Settings } from '../../../shared/domain/settings.ts';
import { messageOf } from '../../api/errors.ts';
import { useNow } from '../../lib/clock.tsx';
import { useMutation } from '../../stores/query.hooks.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { ICON } from '../../ui/icons.ts';
import { Segmented } from '../../ui/Segmented.tsx';
import { useSavedFlash } from '../settings/useSavedFlash.ts';
import { effectiveCsv, localeLabel, sameOptions } from './csv-options.ts';
import { ExportCard } from './ExportCard.tsx';

function Row({
  label,
  hint,
  hintId,
  children,
}: {
  label: string;
  hint?: string;
  hintId?: string;
  children: ReactNode;
}) {
  return (
    <div className="export-option">
      <div className="export-option__label">
        <span>{label}</span>
        {hint ? (
          <span className="export-option__hint" id={hintId}>
            {hint}
          </span>
        ) : null}
      </div>
      <div className="export-option__control">{children}</div>
    </div>
  );
}

export function CsvOptionsCard({ settings }: { settings: Settings }) {
  const id = useId();
  const update = useMutation('settings.update');
  const [saved, flash] = useSavedFlash();
  const now = useNow(60_000);
  // What was last chosen, shown while it is being saved: quick clicks each build on the one before.
  const [draft, setDraft] = useState<CsvExportOptions | null>(null);
  const saving = useRef(0);
  const defaults = csvDefaults(settings.locale);
  const options = draft ?? effectiveCsv(settings);
  const custom = !sameOptions(options, defaults);
  const today = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  const todayIso = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;

  function save(csv: CsvExportOptions | null) {
    saving.current++;
    setDraft(csv ?? defaults);
    update
      .mutate({ csv })
      .then(flash)
      .catch(() => undefined)
      .finally(() => {
        if (--saving.current === 0) setDraft(null);
      });
  }
  const change = <K extends keyof CsvExportOptions>(key: K, value: CsvExportOptions[K]) =>
    save({ ...options, [key]: value });

  return (
    <ExportCard
      id={`${id}-csv`}
      title="CSV options"
      description="How every CSV file is written. Changes are saved at once and used by every export after them."
      aside={
        <span className="export-card__saved" role="status">
          {saved ? (
            <span className="status-note">
              <Check size={ICON.small} strokeWidth={2.25} aria-hidden />
              Saved
            </span>
          ) : null}
        </span>
      }
    >
      <div className="export-options">
        <Row label="Separator" hint="Excel in countries that write 1,5 expects semicolons.">
          <Segmented<ExportDelimiter>
            label="Separator"
            value={options.delimiter}
            options={[
              { value: ',', label: 'Comma' },
              { value: ';', label: 'Semicolon' },
            ]}
            onChange={(v) => change('delimiter', v)}
          />
        </Row>
        <Row label="Decimal separator" hint="In amounts and other numbers.">
          <Segmented<'.' | ','>
            label="Decimal separator"
            value={options.decimal}
            options={[
              { value: '.', label: 'Point (1234.50)' },
              { value: ',', label: 'Comma (1234,50)' },
            ]}
            onChange={(v) => change('decimal', v)}
          />
        </Row>
        <Row label="Dates">
          <Segmented<'iso' | 'locale'>
            label="Dates"
            value={options.dates}
            options={[
              { value: 'iso', label: `ISO (${todayIso})` },
              { value: 'locale', label: `Local (${formatCsvDate(todayIso, 'locale', settings.locale)})` },
            ]}
            onChange={(v) => change('dates', v)}
          />
        </Row>
        <Row
          label="Encoding"
          hint={
            options.encoding === 'windows-1252'
              ? 'For old software only: letters it lacks (such as Ł or 中) are written as “?”.'
              : 'Holds every letter; Excel opens it correctly.'
          }
        >
          <Segmented<ExportEncoding>
            label="Encoding"
            value={options.encoding}
            options={[
              { value: 'utf-8-bom', label: 'UTF-8 (recommended)' },
              { value: 'windows-1252', label: 'Windows-1252' },
            ]}
            onChange={(v) => change('encoding', v)}
          />
        </Row>
        <Row
          label="Formula protection"
          hintId={`${id}-formulas-hint`}
          hint="A cell starting with =, +, - or @ gets an apostrophe first, so a spreadsheet shows it as text and never runs it as a formula."
        >
          <label className="export-switch">
            <input
              type="checkbox"
              role="switch"
              className="export-switch__input"
              checked={options.protectFormulas}
              aria-describedby={`${id}-formulas-hint`}
              onChange={(e) => change('protectFormulas', e.target.checked)}
            />
            <span className="export-switch__track" aria-hidden />
            <span>Protect against formulas</span>
          </label>
        </Row>
      </div>
      <div className="export-card__foot">
        {update.error ? <FieldError message={messageOf(update.error)} /> : null}
        {custom ? (
          <button type="button" className="link-button" onClick={() => save(null)}>
            Reset to the defaults for {localeLabel(settings.locale)}
          </button>
        ) : (
          <span className="export-card__note">
            The defaults for {localeLabel(settings.locale)}. Change the language and region in Settings.
          </span>
        )}
      </div>
    </ExportCard>
  );
}
