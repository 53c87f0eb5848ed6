/**
 * "Export everything…" on its own, with its progress and error under it: what the Everything card
 * runs, offered where it is needed elsewhere (the damaged-book panel on Backups, which saves
 * what can still be read).
 */
import { Archive } from 'lucide-react';
import { useFormat } from '../../lib/format.context.tsx';
import { Button } from '../../ui/Button.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { ExportProgress } from './ExportProgress.tsx';
import { useExportRun } from './useExportRun.ts';
import './export.css';

export function ExportEverythingButton({ label = 'Export everything…' }: { label?: string }) {
  const fmt = useFormat();
  const run = useExportRun();
  return (
    <div className="export-everything-button">
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
        {run.running ? 'Exporting everything…' : label}
      </Button>
      <ExportProgress run={run} label="Exporting everything" />
      {run.error ? <FieldError message={run.error} /> : null}
    </div>
  );
}
