/**
 * Step 3: how rows find what the book already holds (the kind's match rules: people by email,
 * companies by name, products by SKU, orders by their number; for calls, how each call finds the
 * person it was with), whether blank cells clear fields (people, companies and products), and the
 * check: the import run and rolled back, with its counts, its problems and the first rows as read.
 * A vCard file's cards match the same ways as people (its UID is the other system's id); there are
 * no blank cells to choose about and no rows to show before the check.
 */
import { useEffect, useId, useRef, type ReactNode, type Ref } from 'react';
import {
  IMPORT_KIND_LABELS,
  KIND_MATCHES,
  MATCH_LABELS,
  type ImportKind,
  type ImportMatch,
} from '../../../shared/domain/import-kinds.ts';
import type { ImportInspection } from '../../../shared/domain/transfer.ts';
import { FieldError } from '../../ui/Field.tsx';
import { matchAvailable, matchFields, offersBlankOverwrites, type Mapping } from './import-plan.ts';
import { CountTiles, PreviewTable, ProblemsTable } from './ImportResults.tsx';
import { fieldLabel } from './import-words.ts';
import { JobProgressBar } from './JobProgressBar.tsx';
import type { JobState } from './useImportJob.ts';

/** What each kind's step is about: its heading, what it says, and the rules' legend. */
const WORDS: Record<ImportKind, { title: string; lede: string; legend: string }> = {
  people: {
    title: 'People already in the book',
    lede: 'When a row is someone you already have, their details are brought up to date instead of adding them a second time.',
    legend: 'Find them by',
  },
  companies: {
    title: 'Companies already in the book',
    lede: 'When a row is a company you already have, its details are brought up to date instead of adding it a second time.',
    legend: 'How rows find the companies they update',
  },
  calls: {
    title: 'Who each call was with',
    lede: 'Each call is logged on the person (or company) it was with, found in the book as you choose here. Calls never add people: a row whose person is not found is left out, and a call already logged (the same person, the same minute) is not added twice.',
    legend: 'How each call finds the person it was with',
  },
  products: {
    title: 'Products already in the book',
    lede: 'When a row is a product or service you already have, its details (price, category…) are brought up to date instead of adding it a second time.',
    legend: 'How rows find the products they update',
  },
  orders: {
    title: 'Orders already in the book',
    lede: 'Rows with the same order number make one order, with a line per row. The number is kept with the order, so an order imported before is found and left as it is.',
    legend: 'How rows find the orders imported before',
  },
};

/** A hint per rule, per kind: how it compares. */
const MATCH_HINTS: Record<ImportKind, Partial<Record<ImportMatch, string>>> = {
  people: {
    email: 'Any of the row’s email addresses, in any case.',
    phone: 'The same number, however it is written.',
    externalId: 'The ID the other program gave them (HubSpot’s Record ID, for example).',
    none: 'Use this for a first import into an empty book.',
  },
  companies: {
    name: 'The same name, whatever its case and accents, and with or without “Ltd”, “GmbH” and the like.',
    externalId: 'The ID the other program gave them (HubSpot’s Company ID, for example).',
    none: 'Use this for a first import into an empty book.',
  },
  calls: {
    email: 'Any of the person’s email addresses, in any case.',
    phone: 'The same number, however it is written.',
    externalId: 'The ID the other program gave the person.',
    name: 'The person’s full name, or else the company’s name. A row whose name two people share is skipped.',
  },
  products: {
    sku: 'The code the product goes by in the other program: its SKU, item or article number.',
    name: 'The same name, whatever its case.',
    none: 'Use this for a first import into an empty price list.',
  },
  orders: {
    reference: 'Importing the same file twice adds each order once.',
    none: 'Every order in the file is added, even one imported before.',
  },
};

/** What the check tells before the import, per kind. */
const CHECK_SHOWS: Record<ImportKind, string> = {
  people: 'how many people are new or updated',
  companies: 'how many companies are new or updated',
  calls: 'how many calls will be logged',
  products: 'how many products are new or updated',
  orders: 'how many orders the rows make',
};

/** A vCard's cards are not rows. */
const CARD_LABELS: Partial<Record<ImportMatch, string>> = {
  ...MATCH_LABELS.people,
  none: 'Do not match: add every card as new',
};

const CARD_HINTS: Partial<Record<ImportMatch, string>> = {
  ...MATCH_HINTS.people,
  email: 'Any of the card’s email addresses, in any case.',
  externalId: 'The card’s unique ID (UID), which the phone or program that saved it gave it.',
};

/** Why a rule cannot be chosen: the column it reads is not mapped. */
function unavailable(kind: ImportKind, match: ImportMatch): string {
  if (kind === 'people') {
    if (match === 'email') return 'No column is mapped to an email address.';
    if (match === 'phone') return 'No column is mapped to a phone number.';
    if (match === 'externalId') return 'No column is mapped to an ID from the other system.';
  }
  const fields = matchFields(kind, match).map((f) => `“${fieldLabel(kind, f)}”`);
  return fields.length > 1
    ? `No column is mapped to ${fields.slice(0, -1).join(', ')} or ${fields.at(-1)}.`
    : `No column is mapped to ${fields[0] ?? 'what this reads'}.`;
}

/** What blank cells do for a kind that offers the choice. */
function blankHint(kind: ImportKind, match: ImportMatch): string {
  const { many } = IMPORT_KIND_LABELS[kind];
  if (match === 'none') return `Only for ${many} found in the book: every row is added as new here.`;
  switch (kind) {
    case 'companies':
      return 'For companies found in the book, an empty cell clears what they have in that field. The name and stage are never cleared.';
    case 'products':
      return 'For products found in the book, an empty cell clears what they have in that field. The name and yes/no fields are never cleared.';
    default:
      return 'For people found in the book, an empty cell clears what they have in that field. Names, stage and yes/no fields are never cleared, and phones, emails and tags are only ever added.';
  }
}

export function MatchStep({
  headingRef,
  kind,
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
  /** What the file holds (always people for a vCard file). */
  kind: ImportKind;
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
  const unit = cards ? 'card' : 'row';
  const hints = cards ? CARD_HINTS : MATCH_HINTS[kind];
  const labels = cards ? CARD_LABELS : MATCH_LABELS[kind];
  const words = WORDS[kind];
  useEffect(() => {
    // The answer has come: read it first (the next Ctrl+Enter imports).
    if (showResult) resultHeading.current?.focus();
  }, [showResult]);

  return (
    <>
      <div className="import-step__head">
        <h2 className="import-step__title" ref={headingRef} tabIndex={-1}>
          {words.title}
        </h2>
        <p className="import-step__lede">{cards ? words.lede.replace('a row', 'a card') : words.lede}</p>
      </div>

      <fieldset className="import-match">
        <legend className="import-section-title">
          {cards ? 'How cards find the people they update' : words.legend}
        </legend>
        {KIND_MATCHES[kind].map((m) => {
          const available = matchAvailable(kind, m, mapping);
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
                  {available ? hints[m] : unavailable(kind, m)}
                </span>
              </span>
            </label>
          );
        })}
      </fieldset>

      {cards || !offersBlankOverwrites(kind) ? null : (
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
                {blankHint(kind, match)}
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
            <CountTiles summary={check.summary} kind={kind} tense="will" unit={unit} />
            <ProblemsTable
              summary={check.summary}
              caption={cards ? 'Cards that will be left out' : 'Rows that will be left out'}
              unit={unit}
            />
            {inspection ? (
              <PreviewTable
                kind={kind}
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
              : `Checking reads the whole file as the import will, without changing anything: you see ${CHECK_SHOWS[kind]}, and every ${unit} with a problem.`}
          </p>
        )}
      </section>
    </>
  );
}
