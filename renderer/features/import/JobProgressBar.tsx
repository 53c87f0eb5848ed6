/**
 * A check's or an import's progress where it runs: what it does, a bar (after a moment, so a
 * quick run does not flash one), how much of the file has been read, and Cancel.
 */
import { useEffect, useState } from 'react';
import { useFormat } from '../../lib/format.context.tsx';
import { Button } from '../../ui/Button.tsx';
import { fractionOf, type JobState } from './useImportJob.ts';

export const SHOW_BAR_AFTER_MS = 300;

export function JobProgressBar({
  state,
  label,
  cancelLabel,
  onCancel,
}: {
  state: JobState & { status: 'running' };
  label: string;
  cancelLabel: string;
  onCancel(): void;
}) {
  const fmt = useFormat();
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setShown(true), SHOW_BAR_AFTER_MS);
    return () => clearTimeout(t);
  }, []);
  const fraction = fractionOf(state);
  const percent =
    fraction === null
      ? null
      : new Intl.NumberFormat(fmt.locale, { style: 'percent', maximumFractionDigits: 0 }).format(
          Math.floor(fraction * 100) / 100,
        );
  return (
    <div className="import-progress" role="group" aria-label={label}>
      <div className="import-progress__body">
        <span className="import-progress__label">{state.cancelling ? 'Cancelling…' : `${label}…`}</span>
        {shown ? (
          <>
            <progress
              className="import-progress__bar"
              aria-label={`${label}: progress`}
              {...(fraction === null ? {} : { value: fraction, max: 1 })}
            />
            <span className="import-progress__count num">
              {percent === null ? 'Starting' : `${percent} of the file read`}
            </span>
          </>
        ) : null}
      </div>
      <Button onClick={onCancel} disabled={state.cancelling} title="Stop it; nothing is changed">
        {cancelLabel}
      </Button>
    </div>
  );
}
