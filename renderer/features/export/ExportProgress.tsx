/**
 * An export's progress where it was started: a bar, how far it has got, and Cancel. It shows
 * after a moment only (ExportRun.slow), so a quick export does not flash a bar.
 */
import { useFormat } from '../../lib/format.context.tsx';
import { Button } from '../../ui/Button.tsx';
import type { ExportRun } from './useExportRun.ts';

export function ExportProgress({ run, label }: { run: ExportRun; label: string }) {
  const fmt = useFormat();
  if (!run.running || !run.slow) return null;
  const p = run.progress;
  const known = p !== null && p.total !== null && p.total > 0;
  return (
    <div className="export-progress" role="group" aria-label={label}>
      <div className="export-progress__body">
        <progress
          className="export-progress__bar"
          aria-label={`${label}: progress`}
          {...(known ? { value: p.done, max: p.total ?? 1 } : {})}
        />
        <span className="export-progress__count">
          {run.cancelling
            ? 'Cancelling…'
            : known
              ? `${fmt.number(p.done)} of ${fmt.number(p.total ?? 0)}`
              : p
                ? `${fmt.number(p.done)} written`
                : 'Starting…'}
        </span>
      </div>
      <Button
        variant="ghost"
        onClick={run.cancel}
        disabled={run.cancelling}
        title="Stop it; no file is saved"
        aria-label={`Cancel: ${label}`}
      >
        Cancel
      </Button>
    </div>
  );
}
