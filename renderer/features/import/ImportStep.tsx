/**
 * Step 4: the import itself. While it runs: its progress and Cancel (nothing is changed when it
 * is cancelled). Then what it did, "Undo import" and the way to what was imported ("Open
 * Contacts", "Open Products"…).
 */
import { useEffect, useRef, type ReactNode, type Ref } from 'react';
import { CircleCheck, CircleMinus, CircleX, Undo2, type LucideIcon } from 'lucide-react';
import { IMPORT_KIND_LABELS, type ImportKind } from '../../../shared/domain/import-kinds.ts';
import type { ImportSummary } from '../../../shared/domain/transfer.ts';
import { SECTIONS } from '../../app/sections.ts';
import type { Section } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { CountTiles, ProblemsTable } from './ImportResults.tsx';
import { KIND_SECTION, type Unit } from './import-words.ts';
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

/** What undoing did, per kind. */
const UNDONE_WORDS: Record<ImportKind, string> = {
  people: 'The people it added were removed and the people it changed were put back as they were.',
  companies: 'The companies it added were removed and the companies it changed were put back as they were.',
  calls: 'The calls it logged were removed.',
  products: 'The products it added were removed and the products it changed were put back as they were.',
  orders: 'The orders it added were removed.',
};

export function ImportStep({
  headingRef,
  kind,
  fileName,
  unit,
  run,
  undone,
  wayOut,
  onCancel,
  onUndo,
  onOpen,
}: {
  headingRef: Ref<HTMLHeadingElement>;
  /** What the file holds. */
  kind: ImportKind;
  fileName: string;
  /** What the file holds its records in: CSV rows or vCard cards. */
  unit: Unit;
  run: JobState;
  /** The import has been undone from here. */
  undone: boolean;
  /** What to do about an import that failed. */
  wayOut: ReactNode;
  onCancel(): void;
  onUndo(summary: ImportSummary): void;
  /** Opens the section that lists what was imported (Contacts for people…). */
  onOpen(section: Section): void;
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
            label={`Importing ${IMPORT_KIND_LABELS[kind].many}`}
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
  const section = SECTIONS.find((s) => s.id === KIND_SECTION[kind]);
  const SectionIcon = section?.icon;
  const openSection = section ? (
    <Button
      variant="primary"
      onClick={() => onOpen(section.id)}
      icon={SectionIcon ? <SectionIcon size={ICON.inline} strokeWidth={STROKE} aria-hidden /> : undefined}
    >
      Open {section.label}
    </Button>
  ) : null;
  if (undone) {
    return (
      <Outcome tone="undone" title="The import was undone" headingRef={outcome}>
        <p className="import-step__lede">{UNDONE_WORDS[kind]}</p>
        <div className="import-outcome__actions">{openSection}</div>
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
          {openSection}
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
      <CountTiles summary={summary} kind={kind} tense="did" unit={unit} />
      <ProblemsTable
        summary={summary}
        caption={unit === 'card' ? 'Cards left out' : 'Rows left out'}
        unit={unit}
      />
    </>
  );
}
