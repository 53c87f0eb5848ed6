/**
 * Step 3: how rows find people already in the book, whether blank cells clear fields, and the
 * check: the import run and rolled back, with its counts, its problems and the first rows as read.
 * A vCard file's cards match the same ways (its UID is the other system's id); there are no blank
 * cells to choose about and no rows to show before the check.
 */
import { useEffect, useId, useRef, type ReactNode, type Ref } from 'react';
import { IMPORT_MATCH_LABELS, IMPORT_MATCHES, type ImportMatch } from '../../../shared/domain/transfer.ts';
import type { ImportInspection } from '../../../shared/domain/transfer.ts';
import { FieldError } from '../../ui/Field.tsx';
import { matchAvailable, type Mapping } from './import-plan.ts';
import { CountTiles, PreviewTable, ProblemsTable } from './ImportResults.tsx';
import { JobProgressBar } from './JobProgressBar.tsx';
import type { JobState } from './useImportJob.ts';

const UNAVAILABLE: Record<ImportMatch, string> = {
  email: 'No column is mapped to an email address.',
  phone: 'No column is mapped to a phone number.',
  externalId: 'No column is mapped to an ID from the other system.',
  none: '',
};

const MATCH_HINTS: Record<ImportMatch, string> = {
  email: 'Any of the row’s email addresses, in any case.',
  phone: 'The same number, however it is written.',
  externalId: 'The ID the other program gave them (HubSpot’s Record ID, for example).',
  none: 'Use this for a first import into an empty book.',
};

/** A vCard's cards are not rows. */
const CARD_LABELS: Record<ImportMatch, string> = {
  ...IMPORT_MATCH_LABELS,
  none: 'Do not match: add every card as new',
};

const CARD_HINTS: Record<ImportMatch, string> = {
  ...MATCH_HINTS,
  email: 'Any of the card’s email addresses, in any case.',
  externalId: 'The card’s unique ID (UID), which the phone or program that saved it gave it.',
};

export function MatchStep({
  headingRef,
  inspection,
  mapping,
  match,
  blankOverwrites,
  matchError,
  check,
  checkFresh,
  checkWayOut,
  onMatch,
  onBlankOverwrites,
  onCancelCheck,
}: {
  headingRef: Ref<HTMLHeadingElement>;
  /** The CSV file as read; null for a vCard file. */
  inspection: ImportInspection | null;
  mapping: Mapping;
  match: ImportMatch;
  blankOverwrites: boolean;
  matchError: string | null;
  check: JobState;
  /** The check's answer is for the plan as it now stands. */
  checkFresh: boolean;
  /** What to do about a check that failed (a button or two). */
  checkWayOut: ReactNode;
  onMatch(match: ImportMatch): void;
  onBlankOverwrites(value: boolean): void;
  onCancelCheck(): void;
}) {
  const id = useId();
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const showResult = check.status === 'done' && checkFresh;
  const cards = inspection === null;
  const hints = cards ? CARD_HINTS : MATCH_HINTS;
  const labels = cards ? CARD_LABELS : IMPORT_MATCH_LABELS;
  useEffect(() => {
    // The answer has come: read it first (the next Ctrl+Enter imports).
    if (showResult) resultHeading.current?.focus();
  }, [showResult]);

  return (
    <>
      <div className="import-step__head">
        <h2 className="import-step__title" ref={headingRef} tabIndex={-1}>
          People already in the book
        </h2>
        <p className="import-step__lede">
          When a {cards ? 'card' : 'row'} is someone you already have, their details are brought up to date
          instead of adding them a second time.
        </p>
      </div>

      <fieldset className="import-match">
        <legend className="import-section-title">Find them by</legend>
        {IMPORT_MATCHES.map((m) => {
          const available = matchAvailable(m, mapping);
          return (
            <label key={m} className={`import-radio${available ? '' : ' import-radio--off'}`}>
              <input
                type="radio"
                name={`${id}-match`}
                value={m}
                checked={match === m}
                disabled={!available}
                aria-describedby={`${id}-${m}`}
                onChange={() => onMatch(m)}
              />
              <span className="import-radio__text">
                <span className="import-radio__label">{labels[m]}</span>
                <span className="import-radio__hint" id={`${id}-${m}`}>
                  {available ? hints[m] : UNAVAILABLE[m]}
                </span>
              </span>
            </label>
          );
        })}
      </fieldset>

      {cards ? null : (
        <div className="import-blank">
          <label className="import-radio">
            <input
              type="checkbox"
              checked={blankOverwrites && match !== 'none'}
              disabled={match === 'none'}
              aria-describedby={`${id}-blank`}
              onChange={(e) => onBlankOverwrites(e.target.checked)}
            />
            <span className="import-radio__text">
              <span className="import-radio__label">Blank cells clear the field</span>
              <span className="import-radio__hint" id={`${id}-blank`}>
                {match === 'none'
                  ? 'Only for people found in the book: every row is added as new here.'
                  : 'For people found in the book, an empty cell clears what they have in that field. Names, stage and yes/no fields are never cleared, and phones, emails and tags are only ever added.'}
              </span>
            </span>
          </label>
        </div>
      )}

      {matchError ? (
        <div role="alert" className="import-verdict">
          <FieldError message={matchError} />
        </div>
      ) : null}

      <section className="import-checked" aria-labelledby={`${id}-check`}>
        {showResult ? (
          <h3 className="import-checked__title" id={`${id}-check`} ref={resultHeading} tabIndex={-1}>
            What the import will do
          </h3>
        ) : (
          <h3 className="import-section-title" id={`${id}-check`}>
            Check the file
          </h3>
        )}
        {check.status === 'running' ? (
          <JobProgressBar
            state={check}
            label="Checking the file"
            cancelLabel="Stop checking"
            onCancel={onCancelCheck}
          />
        ) : check.status === 'cancelled' ? (
          <p className="import-checked__text">The check was stopped. Nothing was changed.</p>
        ) : check.status === 'error' ? (
          <div className="import-failed" role="alert">
            <FieldError message={check.error.message} />
            {checkWayOut ? <div className="import-failed__actions">{checkWayOut}</div> : null}
          </div>
        ) : showResult ? (
          <div className="import-checked__result">
            <CountTiles summary={check.summary} tense="will" unit={cards ? 'card' : 'row'} />
            <ProblemsTable
              summary={check.summary}
              caption={cards ? 'Cards that will be left out' : 'Rows that will be left out'}
              unit={cards ? 'card' : 'row'}
            />
            {inspection ? (
              <PreviewTable
                mapping={mapping}
                headers={inspection.headers}
                sample={inspection.sample}
                problems={check.summary.problems}
              />
            ) : null}
          </div>
        ) : (
          <p className="import-checked__text">
            {check.status === 'done'
              ? `You changed ${cards ? 'the matching' : 'the columns or the matching'} since the last check. Check the file again to see what the import will do now.`
              : `Checking reads the whole file as the import will, without changing anything: you see how many people are new or updated, and every ${cards ? 'card' : 'row'} with a problem.`}
          </p>
        )}
      </section>
    </>
  );
}
