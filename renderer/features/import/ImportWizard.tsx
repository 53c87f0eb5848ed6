/**
 * The import wizard: a page of its own over the Import & export screen (UI.md: an import is
 * longer work than a dialog), in four steps shown in a stepper:
 *   1 File     — what it holds (people, companies, calls, products or orders: remembered for these
 *                headers or guessed, changeable), how it reads (encoding and separator) and its
 *                first rows
 *   2 Columns  — the field of that kind each column fills (guessed, or remembered for these headers)
 *   3 Matching — how rows find what the book holds (for calls, the person each was with), blank
 *                cells, and the check (a dry run)
 *   4 Import   — progress with Cancel, then what it did, Undo import and the way to what came in
 * Changing what the file holds reads it again for that kind, so its remembered or guessed mapping
 * and its first match rule come back. A vCard file has three steps: each card is a person, so
 * there are no columns to choose, nothing to set about how it reads, and no blank cells (but its
 * photos can be left out); its UID is the other system's id for matching.
 * Ctrl/Cmd+Enter (or Enter in a control) takes the step's main action; Esc closes it. The chosen
 * file is released when the wizard closes (after any run on it is over).
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { ArrowLeft, ArrowRight, Check, X } from 'lucide-react';
import type { AppError } from '../../../shared/api/errors.ts';
import {
  guessFields,
  IMPORT_KIND_LABELS,
  type ImportField,
  type ImportKind,
  type ImportMatch,
} from '../../../shared/domain/import-kinds.ts';
import type { ImportInspection, ImportPlan } from '../../../shared/domain/transfer.ts';
import { messageOf } from '../../api/errors.ts';
import { useCache } from '../../stores/query.hooks.tsx';
import { useUi, useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Kbd } from '../../ui/Kbd.tsx';
import { ColumnsStep, type MoveNotice } from './ColumnsStep.tsx';
import { FileStep, VCardFileStep, type KindSource, type ReadAs } from './FileStep.tsx';
import { ImportStep } from './ImportStep.tsx';
import { MatchStep } from './MatchStep.tsx';
import {
  assignField,
  checkMapping,
  defaultMatch,
  matchAvailable,
  matchProblem,
  offersBlankOverwrites,
  VCARD_MAPPING,
} from './import-plan.ts';
import { countParts, fieldHeading, kindCount } from './import-words.ts';
import type { ChosenFile, FileChooser } from './useFileChooser.tsx';
import { useImportJob, type JobState } from './useImportJob.ts';
import { UndoImportDialog, type UndoTarget } from './UndoImportDialog.tsx';

type Step = 'file' | 'columns' | 'matching' | 'import';

const STEPS: { id: Step; label: string }[] = [
  { id: 'file', label: 'File' },
  { id: 'columns', label: 'Columns' },
  { id: 'matching', label: 'Matching' },
  { id: 'import', label: 'Import' },
];

/** A vCard file's steps: no columns to choose. */
const VCARD_STEPS = STEPS.filter((s) => s.id !== 'columns');

function Stepper({
  steps,
  step,
  finished,
  canGoTo,
  onGo,
}: {
  steps: typeof STEPS;
  step: Step;
  /** The import is over: every step is done. */
  finished: boolean;
  canGoTo(step: Step): boolean;
  onGo(step: Step): void;
}) {
  const at = steps.findIndex((s) => s.id === step);
  return (
    <ol className="import-steps" aria-label="Steps">
      {steps.map((s, i) => {
        const done = finished || i < at;
        const current = i === at;
        const state = current && !finished ? 'current' : done ? 'done' : 'todo';
        const inner = (
          <>
            <span className="import-steps__dot" aria-hidden>
              {done && (!current || finished) ? <Check size={ICON.small} strokeWidth={2.5} /> : i + 1}
            </span>
            <span className="import-steps__label">{s.label}</span>
            <span className="visually-hidden">{current ? ' (this step)' : done ? ' (done)' : ''}</span>
          </>
        );
        return (
          <li
            key={s.id}
            className={`import-steps__step import-steps__step--${state}`}
            aria-current={current ? 'step' : undefined}
          >
            {!current && canGoTo(s.id) ? (
              <button type="button" className="import-steps__button" onClick={() => onGo(s.id)}>
                {inner}
              </button>
            ) : (
              <span className="import-steps__button">{inner}</span>
            )}
          </li>
        );
      })}
    </ol>
  );
}

export function ImportWizard({
  initial,
  chooser,
  onClose,
}: {
  initial: ChosenFile;
  chooser: FileChooser;
  onClose(): void;
}) {
  const cache = useCache();
  const client = cache.client;
  const ui = useUiStore();
  const navigate = useUi((s) => s.navigate);
  const titleId = useId();
  const file = initial.file;
  const fileId = file.fileId;
  const fileName = file.name;
  const vcard = initial.format === 'vcard';
  const steps = vcard ? VCARD_STEPS : STEPS;
  const firstInspection = initial.format === 'csv' ? initial.inspection : null;

  /** The CSV file as read now; null for a vCard file. */
  const [inspection, setInspection] = useState<ImportInspection | null>(firstInspection);
  const [detected] = useState<ReadAs | null>(
    firstInspection && { encoding: firstInspection.encoding, delimiter: firstInspection.delimiter },
  );
  const [chosen, setChosen] = useState<Partial<ReadAs>>({});
  const [reading, setReading] = useState(false);
  const [readError, setReadError] = useState<string | null>(null);
  /** Counts the file's readings: only the last one asked for is taken. */
  const readSeq = useRef(0);
  /** What the file holds (a vCard file: people), and where that came from. */
  const [kind, setKind] = useState<ImportKind>(firstInspection?.kind ?? 'people');
  const [kindSource, setKindSource] = useState<KindSource>(
    firstInspection?.remembered ? 'remembered' : 'guessed',
  );
  /** The kind asked for while the file is read again for it. */
  const [pendingKind, setPendingKind] = useState<ImportKind | null>(null);
  // A vCard's cards give every field a mapping can, so its matching reasons the same way.
  const [mapping, setMapping] = useState<(ImportField | null)[]>(() =>
    firstInspection ? firstInspection.mapping : [...VCARD_MAPPING],
  );
  const [remembered, setRemembered] = useState(firstInspection?.remembered ?? false);
  const [notice, setNotice] = useState<MoveNotice | null>(null);
  // The rule the user picked, if any; until then the first rule the mapping allows, worked out
  // afresh as columns are chosen (mapping a SKU column makes "Same SKU" the rule).
  const [match, setMatch] = useState<ImportMatch | null>(null);
  const [blankOverwrites, setBlankOverwrites] = useState(false);
  const [keepPhotos, setKeepPhotos] = useState(true);
  const [step, setStep] = useState<Step>('file');
  const [undoing, setUndoing] = useState<UndoTarget | null>(null);
  const [undone, setUndone] = useState(false);
  const check = useImportJob(client, 'import.preview');
  const run = useImportJob(client, 'import.run');
  const heading = useRef<HTMLHeadingElement>(null);
  const verdictRef = useRef<HTMLDivElement>(null);
  const mounted = useRef(true);

  const effectiveMatch =
    match !== null && matchAvailable(kind, match, mapping) ? match : defaultMatch(kind, mapping);
  const plan: ImportPlan = useMemo(
    () =>
      inspection
        ? {
            kind,
            fileId,
            encoding: inspection.encoding,
            delimiter: inspection.delimiter,
            headerKey: inspection.headerKey,
            bytes: inspection.file.bytes,
            mapping,
            match: effectiveMatch,
            blankOverwrites: offersBlankOverwrites(kind) && effectiveMatch !== 'none' && blankOverwrites,
          }
        : { format: 'vcard', fileId, bytes: file.bytes, match: effectiveMatch, keepPhotos },
    [kind, fileId, file.bytes, inspection, mapping, effectiveMatch, blankOverwrites, keepPhotos],
  );
  const planKey = JSON.stringify(plan);
  const verdict = checkMapping(kind, mapping);
  const matchError = matchProblem(kind, mapping, effectiveMatch);
  const { many } = IMPORT_KIND_LABELS[kind];
  const checkFresh = check.state.status === 'done' && check.state.planKey === planKey;
  const checked = checkFresh && check.state.status === 'done' ? check.state.summary : null;
  const toImport = checked ? checked.created + checked.updated : 0;
  const running = run.state.status === 'running';
  const finished = step === 'import' && run.state.status === 'done';

  // Each step's heading takes focus as the step opens, so it is read out and Tab starts there.
  useEffect(() => {
    heading.current?.focus();
  }, [step]);

  // Closing (or leaving the screen) stops a check, and releases the file once nothing reads it.
  // StrictMode runs this twice as the wizard opens: the release waits a tick to be sure.
  const checkJob = useRef(check);
  const runJob = useRef(run);
  useEffect(() => {
    checkJob.current = check;
    runJob.current = run;
  });
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      setTimeout(() => {
        if (mounted.current) return;
        checkJob.current.cancel();
        const busy = runJob.current.pending() ?? checkJob.current.pending();
        const release = () => void client.call('files.release', { fileId }).catch(() => undefined);
        if (busy) void busy.then(release, release);
        else release();
      }, 0);
    };
  }, [client, fileId]);

  /** Reads the file again as asked; null when it failed (said) or a later reading was asked for. */
  async function inspect(input: Partial<ReadAs> & { kind?: ImportKind }): Promise<ImportInspection | null> {
    const seq = ++readSeq.current;
    setReading(true);
    setReadError(null);
    try {
      const fresh = await client.call('import.inspect', { fileId, ...input });
      return seq === readSeq.current ? fresh : null;
    } catch (err) {
      if (seq === readSeq.current) setReadError(messageOf(err));
      return null;
    } finally {
      if (seq === readSeq.current) setReading(false);
    }
  }

  /** Starts over from what the file holds as read: its kind's mapping, first match rule, no notice. */
  function adopt(fresh: ImportInspection, source: KindSource) {
    setKind(fresh.kind);
    setKindSource(source);
    setMapping(fresh.mapping);
    setRemembered(fresh.remembered);
    setMatch(null);
    setBlankOverwrites(false);
    setNotice(null);
  }

  async function reread(next: Partial<ReadAs>) {
    if (!inspection) return;
    setChosen(next);
    setPendingKind(null);
    // A kind the user chose stays; one that was guessed is guessed again from the headers as read.
    const fresh = await inspect({ ...next, ...(kindSource === 'chosen' ? { kind } : {}) });
    if (!fresh) return;
    if (fresh.headerKey !== inspection.headerKey || fresh.kind !== kind) {
      adopt(fresh, kindSource === 'chosen' ? 'chosen' : fresh.remembered ? 'remembered' : 'guessed');
    }
    setInspection(fresh);
  }

  async function changeKind(next: ImportKind) {
    if (!inspection) return;
    setPendingKind(next);
    const fresh = await inspect({ ...chosen, kind: next });
    if (!fresh) {
      // Failed (and said so): the choice goes back to what the mapping is for.
      setPendingKind((p) => (p === next ? null : p));
      return;
    }
    setPendingKind(null);
    setInspection(fresh);
    adopt(fresh, 'chosen');
  }

  function changeField(index: number, field: ImportField | null) {
    const { mapping: next, moved } = assignField(mapping, index, field);
    setMapping(next);
    const name = (i: number) => inspection?.headers[i]?.trim() || `Column ${i + 1}`;
    setNotice(
      moved !== null && field !== null
        ? {
            index: moved,
            text: `Not imported now: ${fieldHeading(kind, field)} comes from “${name(index)}”.`,
          }
        : null,
    );
  }

  async function startImport() {
    setStep('import');
    const ended = await run.start(plan, planKey);
    if (mounted.current) return;
    // The wizard was closed meanwhile: say how it went.
    if (ended.status === 'done') {
      ui.getState().toast(`Imported ${fileName}: ${countParts(ended.summary).join(', ')}.`, 'info', {
        action: { label: 'Show', run: () => navigate('transfer') },
      });
    } else if (ended.status === 'error') {
      ui.getState().toast(ended.error.message, 'error');
    }
  }

  function backToMatching() {
    run.reset();
    setStep('matching');
  }

  function primary() {
    switch (step) {
      case 'file':
        if (!reading) setStep(vcard ? 'matching' : 'columns');
        break;
      case 'columns':
        if (verdict.ok) setStep('matching');
        else verdictRef.current?.focus();
        break;
      case 'matching':
        if (matchError || check.state.status === 'running') return;
        if (!checkFresh) void check.start(plan, planKey);
        else if (toImport > 0) void startImport();
        break;
      case 'import':
        if (run.state.status === 'done') onClose();
        else if (run.state.status === 'cancelled' || run.state.status === 'error') backToMatching();
        break;
    }
  }

  function close() {
    onClose();
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    // Keys pressed in a dialog over the wizard (the Undo confirmation) are that dialog's.
    if (event.defaultPrevented || (event.target as Element).closest?.('[role="dialog"]')) return;
    if (event.key === 'Escape' && !running) {
      event.preventDefault();
      close();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      primary();
    }
  }

  /** The way out of a failed check or import, as buttons. */
  function wayOut(state: JobState): ReactNode {
    if (state.status !== 'error') return null;
    const error: AppError = state.error;
    const details = (error.details ?? {}) as { reason?: string; path?: string };
    if (details.reason === 'bad-encoding' && inspection && inspection.encoding !== 'windows-1252') {
      return (
        <Button
          onClick={() => {
            check.reset();
            run.reset();
            setStep('file');
            void reread({ ...chosen, encoding: 'windows-1252' });
          }}
        >
          Read it as Windows-1252
        </Button>
      );
    }
    if (error.code === 'NOT_FOUND' || details.path === 'mapping' || details.path === 'file') {
      return (
        <>
          <Button onClick={() => chooser.choose()} disabled={chooser.busy !== null}>
            {vcard && error.code !== 'NOT_FOUND' ? 'Choose another file…' : 'Choose the file again…'}
          </Button>
          {chooser.error ? <FieldError message={chooser.error} /> : null}
        </>
      );
    }
    return null;
  }

  const canGoTo = (target: Step): boolean => {
    if (running || finished || check.state.status === 'running') return false;
    const at = steps.findIndex((s) => s.id === step);
    const to = steps.findIndex((s) => s.id === target);
    if (target === 'import') return false;
    if (to < at) return true;
    // Forward only through steps that are ready.
    return target === 'columns' ? !reading : target === 'matching' ? !reading && verdict.ok : false;
  };

  let body: ReactNode;
  let primaryLabel: string | null = null;
  let primaryDisabled = false;
  let back: ReactNode = null;
  switch (step) {
    case 'file':
      body =
        inspection && detected ? (
          <FileStep
            headingRef={heading}
            kind={pendingKind ?? kind}
            kindSource={kindSource}
            onKind={(next) => void changeKind(next)}
            inspection={inspection}
            detected={detected}
            reading={reading}
            readError={readError}
            chooseError={chooser.error}
            choosing={chooser.busy !== null}
            onReadAs={(change) => void reread({ ...chosen, ...change })}
            onChooseAnother={() => chooser.choose()}
          />
        ) : (
          <VCardFileStep
            headingRef={heading}
            file={file}
            keepPhotos={keepPhotos}
            onKeepPhotos={setKeepPhotos}
            chooseError={chooser.error}
            choosing={chooser.busy !== null}
            onChooseAnother={() => chooser.choose()}
          />
        );
      primaryLabel = 'Next';
      primaryDisabled = reading;
      break;
    case 'columns':
      if (!inspection) break;
      body = (
        <ColumnsStep
          headingRef={heading}
          kind={kind}
          errorRef={verdictRef}
          inspection={inspection}
          mapping={mapping}
          verdict={verdict}
          remembered={remembered}
          notice={notice}
          onChange={changeField}
          onUseGuess={() => {
            setMapping(guessFields(kind, inspection.headers));
            setRemembered(false);
            setNotice(null);
          }}
        />
      );
      primaryLabel = 'Next';
      back = 'file';
      break;
    case 'matching':
      body = (
        <MatchStep
          headingRef={heading}
          kind={kind}
          inspection={inspection}
          mapping={mapping}
          match={effectiveMatch}
          blankOverwrites={blankOverwrites}
          matchError={matchError}
          check={check.state}
          checkFresh={checkFresh}
          checkWayOut={wayOut(check.state)}
          onMatch={setMatch}
          onBlankOverwrites={setBlankOverwrites}
          onCancelCheck={check.cancel}
        />
      );
      if (check.state.status === 'running') {
        primaryLabel = 'Checking…';
        primaryDisabled = true;
      } else if (!checkFresh) {
        primaryLabel = 'Check the file';
        primaryDisabled = matchError !== null;
      } else if (toImport > 0) {
        primaryLabel = `Import ${kindCount(kind, toImport)}`;
      } else {
        primaryLabel = 'Nothing to import';
        primaryDisabled = true;
      }
      back = check.state.status === 'running' ? null : vcard ? 'file' : 'columns';
      break;
    case 'import':
      body = (
        <ImportStep
          headingRef={heading}
          kind={kind}
          fileName={fileName}
          unit={vcard ? 'card' : 'row'}
          run={run.state}
          undone={undone}
          wayOut={wayOut(run.state)}
          onCancel={run.cancel}
          onUndo={(summary) =>
            summary.batchId &&
            setUndoing({
              batchId: summary.batchId,
              fileName,
              kind,
              created: summary.created,
              updated: summary.updated,
              companiesCreated: summary.companiesCreated,
              categoriesCreated: summary.categoriesCreated,
            })
          }
          onOpen={(section) => navigate(section)}
        />
      );
      if (run.state.status === 'done') primaryLabel = 'Done';
      else if (run.state.status === 'cancelled' || run.state.status === 'error')
        primaryLabel = 'Back to matching';
      break;
  }

  const backTo = back as Step | null;
  return (
    <section className="import-page" aria-labelledby={titleId} onKeyDown={onKeyDown}>
      <header className="import-page__header">
        <div className="import-page__heading">
          <h1 className="import-page__title" id={titleId}>
            Import {many}
          </h1>
          <span className="import-page__file" title={fileName}>
            {fileName}
          </span>
        </div>
        <Stepper steps={steps} step={step} finished={finished} canGoTo={canGoTo} onGo={setStep} />
        <div className="import-page__close">
          <Button
            variant="ghost"
            size="icon"
            aria-label="Close the import"
            title={running ? 'Close: the import carries on' : 'Close (Esc)'}
            onClick={close}
            icon={<X size={ICON.nav} strokeWidth={STROKE} aria-hidden />}
          />
        </div>
      </header>
      <form
        className="import-page__form"
        noValidate
        aria-labelledby={titleId}
        onSubmit={(event) => {
          event.preventDefault();
          primary();
        }}
      >
        <div className="import-page__body">
          <div className="import-page__inner">{body}</div>
        </div>
        {/* Made anew per step: Chromium's software painter leaves the hint's hairline shadow behind. */}
        <footer className="import-page__footer" key={step}>
          {step !== 'import' ? (
            <span className="dialog__footer-hint" aria-hidden>
              <Kbd keys={['Mod', 'Enter']} /> to continue
            </span>
          ) : null}
          <span className="import-page__spacer" />
          {step === 'import' && run.state.status !== 'done' && run.state.status !== 'running' ? (
            <Button onClick={close}>Close</Button>
          ) : null}
          {backTo ? (
            <Button
              onClick={() => setStep(backTo)}
              icon={<ArrowLeft size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
            >
              Back
            </Button>
          ) : null}
          {primaryLabel ? (
            <Button
              type="submit"
              variant={finished ? 'default' : 'primary'}
              disabled={primaryDisabled}
              aria-keyshortcuts="Control+Enter Meta+Enter"
            >
              {primaryLabel}
              {primaryLabel === 'Next' ? (
                <ArrowRight size={ICON.inline} strokeWidth={STROKE} aria-hidden />
              ) : null}
            </Button>
          ) : null}
        </footer>
      </form>
      {undoing ? (
        <UndoImportDialog
          target={undoing}
          onClose={() => setUndoing(null)}
          onUndone={() => setUndone(true)}
        />
      ) : null}
    </section>
  );
}
