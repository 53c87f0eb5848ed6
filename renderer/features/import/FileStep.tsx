/**
 * Step 1: the file, how it is read (encoding and separator, changeable), and its first rows as
 * read. A vCard file has nothing to set: the step says what each card gives (VCardFileStep).
 */
import { useId, type ReactNode, type Ref } from 'react';
import { Contact, FileSpreadsheet, FolderOpen, type LucideIcon } from 'lucide-react';
import {
  IMPORT_DELIMITERS,
  IMPORT_ENCODINGS,
  type ImportDelimiter,
  type ImportEncoding,
} from '../../../shared/domain/csv.ts';
import type { FileRef, ImportInspection } from '../../../shared/domain/transfer.ts';
import { useFormat } from '../../lib/format.context.tsx';
import { Button } from '../../ui/Button.tsx';
import { FieldError, SelectField } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Spinner } from '../../ui/States.tsx';
import {
  DELIMITER_LABELS,
  DELIMITER_WORDS,
  ENCODING_LABELS,
  oneLine,
  plural,
  sizeText,
} from './import-words.ts';

const RAW_ROWS = 5;

export interface ReadAs {
  encoding: ImportEncoding;
  delimiter: ImportDelimiter;
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
          Check that the columns line up and the letters look right. If they don’t, change how the file is
          read.
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
  ['Photo', 'Not kept'],
];

/** Step 1 for a vCard file: the file, and what each card becomes. Nothing to set. */
export function VCardFileStep({
  headingRef,
  file,
  chooseError,
  choosing,
  onChooseAnother,
}: {
  headingRef: Ref<HTMLHeadingElement>;
  file: FileRef;
  chooseError: string | null;
  choosing: boolean;
  onChooseAnother(): void;
}) {
  const fmt = useFormat();
  const caption = 'What each card gives';
  return (
    <>
      <div className="import-step__head">
        <h2 className="import-step__title" ref={headingRef} tabIndex={-1}>
          How the file reads
        </h2>
        <p className="import-step__lede">
          A contacts file exported from a phone, Apple Contacts, Google or Outlook (vCard 2.1, 3.0 or 4.0).
          There is nothing to set up: the check on the next step reads every card.
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
              {CARD_GIVES.map(([from, to]) => (
                <tr key={from}>
                  <th scope="row">{from}</th>
                  <td className={to === 'Not kept' ? 'muted' : undefined}>{to}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </>
  );
}
