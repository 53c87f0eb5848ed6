/**
 * The export half of Import & export: the accountant's files for a period, everything as one zip
 * (a complete copy Ledgerline reads back), and the CSV options every export follows. A list as it
 * is filtered on its screen is exported from that screen (its Export… button).
 */
import { useId } from 'react';
import { Archive } from 'lucide-react';
import { messageOf } from '../../api/errors.ts';
import { useFormat } from '../../lib/format.context.tsx';
import { useQuery } from '../../stores/query.hooks.tsx';
import { Button } from '../../ui/Button.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { DelayedSpinner, ErrorState } from '../../ui/States.tsx';
import { AccountantCard } from './AccountantCard.tsx';
import { CsvOptionsCard } from './CsvOptionsCard.tsx';
import { ExportCard } from './ExportCard.tsx';
import { ExportProgress } from './ExportProgress.tsx';
import { useExportRun } from './useExportRun.ts';
import { ReadBackExport } from '../transfer/ReadBackExport.tsx';
import './export.css';

function EverythingCard() {
  const id = useId();
  const fmt = useFormat();
  const run = useExportRun();
  return (
    <ExportCard
      id={`${id}-everything`}
      title="Everything"
      description="Every table of the book as CSV in one zip file, with a manifest.json that describes them: a complete copy that Ledgerline can read back. Keep it as a backup, or use it to move to another computer."
    >
      <div className="export-everything">
        <Button
          icon={<Archive size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
          disabled={run.running}
          onClick={() =>
            run.start(
              'export.everything',
              {},
              (n) => `everything (${fmt.number(n)} ${n === 1 ? 'row' : 'rows'})`,
            )
          }
        >
          {run.running ? 'Exporting everything…' : 'Export everything…'}
        </Button>
        <ReadBackExport />
        <span className="export-card__note">
          Dates and amounts are written as stored, whatever the CSV options. An export is read back into a
          new, empty book.
        </span>
      </div>
      <div className="export-everything__status">
        <ExportProgress run={run} label="Exporting everything" />
        {run.error ? <FieldError message={run.error} /> : null}
      </div>
    </ExportCard>
  );
}

export function ExportPanel() {
  const settings = useQuery('settings.get', {});
  return (
    <section className="export" aria-labelledby="export-title">
      <header className="export__head">
        <h2 className="export__title" id="export-title">
          Export
        </h2>
        <p className="export__lede">
          Take your data out as files that Excel, LibreOffice and accounting software open. To export a list
          as you have filtered it, use Export… on its screen.
        </p>
      </header>
      <AccountantCard />
      <EverythingCard />
      {settings.error ? (
        <ErrorState
          title="The CSV options could not be loaded"
          message={messageOf(settings.error)}
          onRetry={() => void settings.refetch()}
        />
      ) : settings.data ? (
        <CsvOptionsCard settings={settings.data} />
      ) : (
        <DelayedSpinner label="Loading the CSV options…" />
      )}
    </section>
  );
}
