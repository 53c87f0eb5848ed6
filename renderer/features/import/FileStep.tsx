/**
 * Step 1: the file, what it holds (people, companies, calls, products or orders: as remembered
 * for these columns or guessed from them, changeable), how it is read (encoding and separator,
 * changeable), and its first rows as read. A vCard file is always people: the step says what each
 * card gives (VCardFileStep), and whether the cards' photos are kept.
 */
import { useId, type ReactNode, type Ref } from 'react';
import { Check, Contact, FileSpreadsheet, FolderOpen, type LucideIcon } from 'lucide-react';
import {
  IMPORT_DELIMITERS,
  IMPORT_ENCODINGS,
  type ImportDelimiter,
  type ImportEncoding,
} from '../../../shared/domain/csv.ts';
import { IMPORT_KIND_LABELS, IMPORT_KINDS, type ImportKind } from '../../../shared/domain/import-kinds.ts';
import type { FileRef, ImportInspection } from '../../../shared/domain/transfer.ts';
import { SECTIONS } from '../../app/sections.ts';
import { useFormat } from '../../lib/format.context.tsx';
import { Button } from '../../ui/Button.tsx';
import { FieldError, SelectField } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Spinner } from '../../ui/States.tsx';
import {
  DELIMITER_LABELS,
  DELIMITER_WORDS,
  ENCODING_LABELS,
  KIND_CHOICES,
  KIND_SECTION,
  oneLine,
  plural,
  sizeText,
} from './import-words.ts';

const RAW_ROWS = 5;

export interface ReadAs {
  encoding: ImportEncoding;
  delimiter: ImportDelimiter;
}

/** Where the kind shown came from: remembered for these columns, guessed from them, or chosen. */
export type KindSource = 'remembered' | 'guessed' | 'chosen';

/** What the note under the choice says about it. */
function kindNote(kind: ImportKind, source: KindSource, remembered: boolean): string {
  switch (source) {
    case 'remembered':
      return 'As you chose the last time you imported a file with these columns.';
    case 'guessed':
      return 'Guessed from the column names: choose another if it is wrong.';
    case 'chosen':
      return remembered
        ? `The columns start from what you chose the last time you imported these columns as ${IMPORT_KIND_LABELS[kind].many}.`
        : `The columns start from the suggestions for ${IMPORT_KIND_LABELS[kind].many}.`;
  }
}

/** "What does the file hold?": a row of five choices, each with its section's icon. */
function KindChoice({
  kind,
  note,
  onKind,
}: {
  kind: ImportKind;
  note: string;
  onKind(kind: ImportKind): void;
}) {
  const name = useId();
  const hintId = useId();
  return (
    <fieldset className="import-kind" aria-describedby={hintId}>
      <legend className="import-section-title">What does the file hold?</legend>
      <div className="import-kind__options">
        {IMPORT_KINDS.map((k) => {
          const Icon = SECTIONS.find((s) => s.id === KIND_SECTION[k])?.icon ?? FileSpreadsheet;
          const on = k === kind;
          return (
            <label key={k} className={`import-kind__option${on ? ' import-kind__option--on' : ''}`}>
              <input
                type="radio"
                className="import-kind__input"
                name={name}
                value={k}
                checked={on}
                onChange={() => onKind(k)}
              />
              <span className="import-kind__icon" aria-hidden>
                <Icon size={ICON.nav} strokeWidth={STROKE} />
              </span>
              <span className="import-kind__text">
                <span className="import-kind__label">{KIND_CHOICES[k].label}</span>
                <span className="import-kind__hint">{KIND_CHOICES[k].hint}</span>
              </span>
              {on ? (
                <span className="import-kind__check" aria-hidden>
                  <Check size={ICON.small} strokeWidth={2.5} />
                </span>
              ) : null}
            </label>
          );
        })}
      </div>
      <p className="field__hint" id={hintId}>
        {note}
      </p>
    </fieldset>
  );
}

/** The chosen file, with what it is, and "Choose another file…". */
function ChosenFileCard({
  file,
  icon: Icon,
  meta,
  chooseError,
  choosing,
  onChooseAnother,
}: {
  file: FileRef;
  icon: LucideIcon;
  meta: ReactNode;
  chooseError: string | null;
  choosing: boolean;
  onChooseAnother(): void;
}) {
  return (
    <>
      <div className="import-file">
        <span className="import-file__icon" aria-hidden>
          <Icon size={ICON.state} strokeWidth={STROKE} />
        </span>
        <div className="import-file__text">
          <span className="import-file__name selectable">{file.name}</span>
          <span className="import-file__meta num">{meta}</span>
        </div>
        <Button
          onClick={onChooseAnother}
          disabled={choosing}
          icon={<FolderOpen size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
        >
          {choosing ? 'Reading…' : 'Choose another file…'}
        </Button>
      </div>
      {chooseError ? (
        <div role="alert">
          <FieldError message={chooseError} />
        </div>
      ) : null}
    </>
  );
}

export function FileStep({
  headingRef,
  kind,
  kindSource,
  onKind,
  inspection,
  detected,
  reading,
  readError,
  chooseError,
  choosing,
  onReadAs,
  onChooseAnother,
}: {
  headingRef: Ref<HTMLHeadingElement>;
  /** What the file holds, as chosen (or being read for). */
  kind: ImportKind;
  kindSource: KindSource;
  onKind(kind: ImportKind): void;
  inspection: ImportInspection;
  /** What the file was first read as, before any change. */
  detected: ReadAs;
  reading: boolean;
  readError: string | null;
  chooseError: string | null;
  choosing: boolean;
  onReadAs(next: Partial<ReadAs>): void;
  onChooseAnother(): void;
}) {
  const fmt = useFormat();
  const hintId = useId();
  const { file, headers, sample } = inspection;
  const rows = sample.slice(0, RAW_ROWS);
  return (
    <>
      <div className="import-step__head">
        <h2 className="import-step__title" ref={headingRef} tabIndex={-1}>
          How the file reads
        </h2>
        <p className="import-step__lede">
          Say what the file holds, then check that the columns line up and the letters look right. If they
          don’t, change how the file is read.
        </p>
      </div>

      <ChosenFileCard
        file={file}
        icon={FileSpreadsheet}
        meta={
          <>
            {sizeText(file.bytes, fmt.locale)} · {plural(headers.length, 'column')} · split by{' '}
            {DELIMITER_WORDS[inspection.delimiter]} · {ENCODING_LABELS[inspection.encoding]}
          </>
        }
        chooseError={chooseError}
        choosing={choosing}
        onChooseAnother={onChooseAnother}
      />

      <KindChoice
        kind={kind}
        note={reading ? 'Reading the file…' : kindNote(kind, kindSource, inspection.remembered)}
        onKind={onKind}
      />

      <fieldset className="import-readas" aria-describedby={hintId}>
        <legend className="import-section-title">Read as</legend>
        <div className="import-readas__fields">
          <SelectField
            label="Encoding"
            value={inspection.encoding}
            disabled={reading}
            onChange={(e) => onReadAs({ encoding: e.target.value as ImportEncoding })}
          >
            {IMPORT_ENCODINGS.map((enc) => (
              <option key={enc} value={enc}>
                {ENCODING_LABELS[enc]}
                {enc === detected.encoding ? ' — detected' : ''}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Columns split by"
            value={inspection.delimiter}
            disabled={reading}
            onChange={(e) => onReadAs({ delimiter: e.target.value as ImportDelimiter })}
          >
            {IMPORT_DELIMITERS.map((d) => (
              <option key={d} value={d}>
                {DELIMITER_LABELS[d]}
                {d === detected.delimiter ? ' — detected' : ''}
              </option>
            ))}
          </SelectField>
          <span className="import-readas__busy">
            {reading ? <Spinner label="Reading the file…" /> : null}
          </span>
        </div>
        {readError ? (
          <div role="alert">
            <FieldError message={readError} />
          </div>
        ) : (
          <p className="field__hint" id={hintId}>
            Letters such as é showing as Ã© mean the encoding is wrong; everything in one column means the
            separator is.
          </p>
        )}
      </fieldset>

      <div className="import-raw">
        <h3 className="import-section-title">
          {rows.length > 0
            ? `The first ${plural(rows.length, 'row')}, as the file holds them`
            : 'The file has column names but no rows under them'}
        </h3>
        <div className="import-table-wrap">
          <table className="import-table import-table--raw">
            <caption className="visually-hidden">The first rows of {file.name}</caption>
            <thead>
              <tr>
                {headers.map((h, i) => (
                  <th key={i} scope="col" title={h}>
                    {h.trim() || <span className="muted">Column {i + 1}</span>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  {headers.map((_h, j) => (
                    <td key={j} title={r[j] ?? ''}>
                      {oneLine(r[j] ?? '')}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </>
  );
}

/** What a card gives, and what it becomes. */
const CARD_GIVES: readonly (readonly [string, string])[] = [
  ['Name', 'Given name and family name'],
  ['Company and job title', 'Company (added to the book when new) and job title'],
  ['Email addresses and phone numbers', 'All of them'],
  ['Address', 'One address: the preferred one, else the work one'],
  ['Birthday', 'Birthday'],
  ['Note', 'A note on the person'],
  ['Categories (groups)', 'Tags'],
  ['Unique ID (UID)', 'ID from the other system, to find them again next time'],
];

const NOT_KEPT = 'Not kept';

/** Step 1 for a vCard file: the file, what each card becomes, and whether photos are kept. */
export function VCardFileStep({
  headingRef,
  file,
  keepPhotos,
  onKeepPhotos,
  chooseError,
  choosing,
  onChooseAnother,
}: {
  headingRef: Ref<HTMLHeadingElement>;
  file: FileRef;
  /** The cards' photos become the people's photos. */
  keepPhotos: boolean;
  onKeepPhotos(keep: boolean): void;
  chooseError: string | null;
  choosing: boolean;
  onChooseAnother(): void;
}) {
  const fmt = useFormat();
  const id = useId();
  const caption = 'What each card gives';
  const gives: readonly (readonly [string, string])[] = [
    ...CARD_GIVES,
    ['Photo', keepPhotos ? 'The person’s photo' : NOT_KEPT],
  ];
  return (
    <>
      <div className="import-step__head">
        <h2 className="import-step__title" ref={headingRef} tabIndex={-1}>
          How the file reads
        </h2>
        <p className="import-step__lede">
          A contacts file exported from a phone, Apple Contacts, Google or Outlook (vCard 2.1, 3.0 or 4.0).
          Each card becomes a person, so there are no columns to choose: the check on the next step reads
          every card.
        </p>
      </div>

      <ChosenFileCard
        file={file}
        icon={Contact}
        meta={<>{sizeText(file.bytes, fmt.locale)} · vCard file — each card becomes a person</>}
        chooseError={chooseError}
        choosing={choosing}
        onChooseAnother={onChooseAnother}
      />

      <div className="import-vcard">
        <h3 className="import-section-title">{caption}</h3>
        <div className="import-table-wrap">
          <table className="import-table import-vcard__table">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">On the card</th>
                <th scope="col">Becomes</th>
              </tr>
            </thead>
            <tbody>
              {gives.map(([from, to]) => (
                <tr key={from}>
                  <th scope="row">{from}</th>
                  <td className={to === NOT_KEPT ? 'muted' : undefined}>{to}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>

      <div className="import-photos">
        <label className="import-radio">
          <input
            type="checkbox"
            checked={keepPhotos}
            aria-describedby={`${id}-photos`}
            onChange={(e) => onKeepPhotos(e.target.checked)}
          />
          <span className="import-radio__text">
            <span className="import-radio__label">Keep the cards’ photos</span>
            <span className="import-radio__hint" id={`${id}-photos`}>
              Each card’s photo becomes the person’s photo. Leave this off to import a large file faster and
              keep the book smaller.
            </span>
          </span>
        </label>
      </div>
    </>
  );
}
