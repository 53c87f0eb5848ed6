/** Step 1: the file, how it is read (encoding and separator, changeable), and its first rows as read. */
import { useId, type Ref } from 'react';
import { FileSpreadsheet, FolderOpen } from 'lucide-react';
import {
  IMPORT_DELIMITERS,
  IMPORT_ENCODINGS,
  type ImportDelimiter,
  type ImportEncoding,
} from '../../../shared/domain/csv.ts';
import type { ImportInspection } from '../../../shared/domain/transfer.ts';
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

      <div className="import-file">
        <span className="import-file__icon" aria-hidden>
          <FileSpreadsheet size={ICON.state} strokeWidth={STROKE} />
        </span>
        <div className="import-file__text">
          <span className="import-file__name selectable">{file.name}</span>
          <span className="import-file__meta num">
            {sizeText(file.bytes, fmt.locale)} · {plural(headers.length, 'column')} · split by{' '}
            {DELIMITER_WORDS[inspection.delimiter]} · {ENCODING_LABELS[inspection.encoding]}
          </span>
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
