/**
 * Step 4: the import itself. While it runs: its progress and Cancel (nothing is changed when it
 * is cancelled). Then what it did, "Undo import" and "Open Contacts".
 */
import { useEffect, useRef, type ReactNode, type Ref } from 'react';
import { CircleCheck, CircleMinus, CircleX, Undo2, Users, type LucideIcon } from 'lucide-react';
import type { ImportSummary } from '../../../shared/domain/transfer.ts';
import { Button } from '../../ui/Button.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { CountTiles, ProblemsTable } from './ImportResults.tsx';
import type { Unit } from './import-words.ts';
import { JobProgressBar } from './JobProgressBar.tsx';
import type { JobState } from './useImportJob.ts';

const OUTCOME_ICONS: Record<'good' | 'cancelled' | 'undone' | 'bad', LucideIcon> = {
  good: CircleCheck,
  cancelled: CircleMinus,
  undone: Undo2,
  bad: CircleX,
};

function Outcome({
  tone,
  title,
  headingRef,
  children,
}: {
  tone: 'good' | 'cancelled' | 'undone' | 'bad';
  title: string;
  headingRef: Ref<HTMLHeadingElement>;
  children?: ReactNode;
}) {
  const Icon = OUTCOME_ICONS[tone];
  return (
    <div className={`import-outcome import-outcome--${tone}`}>
      <span className="import-outcome__icon" aria-hidden>
        <Icon size={20} strokeWidth={STROKE} />
      </span>
      <div className="import-outcome__text">
        <h2 className="import-step__title" ref={headingRef} tabIndex={-1}>
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}

export function ImportStep({
  headingRef,
  fileName,
  unit,
  run,
  undone,
  wayOut,
  onCancel,
  onUndo,
  onOpenContacts,
}: {
  headingRef: Ref<HTMLHeadingElement>;
  fileName: string;
  /** What the file holds people in: CSV rows or vCard cards. */
  unit: Unit;
  run: JobState;
  /** The import has been undone from here. */
  undone: boolean;
  /** What to do about an import that failed. */
  wayOut: ReactNode;
  onCancel(): void;
  onUndo(summary: ImportSummary): void;
  onOpenContacts(): void;
}) {
  const outcome = useRef<HTMLHeadingElement>(null);
  // The heading of whatever the import came to takes focus, so it is read out.
  useEffect(() => {
    if (run.status !== 'running' && run.status !== 'idle') outcome.current?.focus();
  }, [run.status, undone]);

  if (run.status === 'running' || run.status === 'idle') {
    return (
      <>
        <div className="import-step__head">
          <h2 className="import-step__title" ref={headingRef} tabIndex={-1}>
            Importing {fileName}
          </h2>
          <p className="import-step__lede">
            Everything is added in one go, so if you cancel, nothing is changed. You can go on working
            meanwhile.
          </p>
        </div>
        {run.status === 'running' ? (
          <JobProgressBar
            state={run}
            label="Importing people"
            cancelLabel="Cancel import"
            onCancel={onCancel}
          />
        ) : null}
      </>
    );
  }
  if (run.status === 'cancelled') {
    return (
      <Outcome tone="cancelled" title="The import was cancelled" headingRef={outcome}>
        <p className="import-step__lede">Nothing was changed: the book is as it was before you started.</p>
      </Outcome>
    );
  }
  if (run.status === 'error') {
    return (
      <Outcome tone="bad" title="The import stopped" headingRef={outcome}>
        <div className="import-failed" role="alert">
          <FieldError message={run.error.message} />
          <p className="import-step__lede">Nothing was changed: the book is as it was before you started.</p>
        </div>
        {wayOut ? <div className="import-failed__actions">{wayOut}</div> : null}
      </Outcome>
    );
  }

  const { summary } = run;
  const openContacts = (
    <Button
      variant="primary"
      onClick={onOpenContacts}
      icon={<Users size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
    >
      Open Contacts
    </Button>
  );
  if (undone) {
    return (
      <Outcome tone="undone" title="The import was undone" headingRef={outcome}>
        <p className="import-step__lede">
          The people it added were removed and the people it changed were put back as they were.
        </p>
        <div className="import-outcome__actions">{openContacts}</div>
      </Outcome>
    );
  }
  return (
    <>
      <Outcome
        tone={summary.batchId ? 'good' : 'cancelled'}
        title={summary.batchId ? `Imported ${fileName}` : `Nothing to import from ${fileName}`}
        headingRef={outcome}
      >
        {summary.batchId ? null : (
          <p className="import-step__lede">
            Every {unit} was already in the book as it is, or had a problem: nothing was changed.
          </p>
        )}
        <div className="import-outcome__actions">
          {openContacts}
          {summary.batchId ? (
            <Button
              onClick={() => onUndo(summary)}
              icon={<Undo2 size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
            >
              Undo import
            </Button>
          ) : null}
        </div>
      </Outcome>
      <CountTiles summary={summary} tense="did" unit={unit} />
      <ProblemsTable
        summary={summary}
        caption={unit === 'card' ? 'Cards left out' : 'Rows left out'}
        unit={unit}
      />
    </>
  );
}
