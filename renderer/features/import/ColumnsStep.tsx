/**
 * Step 2: a row per column of the file, with its first values and the field of the chosen kind
 * (a person, a company, a call, a product or an order line) it fills.
 */
import { useId, type Ref } from 'react';
import { Info, TriangleAlert } from 'lucide-react';
import {
  IMPORT_KIND_LABELS,
  type ImportField,
  type ImportKind,
} from '../../../shared/domain/import-kinds.ts';
import type { ImportInspection } from '../../../shared/domain/transfer.ts';
import { FieldError, Select } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { sampleValues, type Mapping, type MappingCheck } from './import-plan.ts';
import { fieldGroups, fieldLabel, oneLine } from './import-words.ts';

const NOT_IMPORTED = '';

export interface MoveNotice {
  /** The column that lost its field to another. */
  index: number;
  text: string;
}

export function ColumnsStep({
  headingRef,
  errorRef,
  kind,
  inspection,
  mapping,
  verdict,
  remembered,
  notice,
  onChange,
  onUseGuess,
}: {
  headingRef: Ref<HTMLHeadingElement>;
  errorRef: Ref<HTMLDivElement>;
  /** What the file holds: its fields are the choices. */
  kind: ImportKind;
  inspection: ImportInspection;
  mapping: Mapping;
  verdict: MappingCheck;
  /** The mapping shown is the one remembered for these headers (and not changed since). */
  remembered: boolean;
  notice: MoveNotice | null;
  onChange(index: number, field: ImportField | null): void;
  onUseGuess(): void;
}) {
  const id = useId();
  const { one } = IMPORT_KIND_LABELS[kind];
  const { headers, sample } = inspection;
  const header = (i: number) => headers[i]?.trim() || `Column ${i + 1}`;
  return (
    <>
      <div className="import-step__head">
        <h2 className="import-step__title" ref={headingRef} tabIndex={-1}>
          What each column holds
        </h2>
        <p className="import-step__lede">
          Each column is matched to a field of {kind === 'orders' ? 'an order' : `a ${one}`} by its name.
          Check the choices, and pick “Don’t import” for anything you don’t need.
        </p>
      </div>

      {remembered ? (
        <div className="import-note" role="note">
          <Info size={ICON.inline} strokeWidth={STROKE} aria-hidden />
          <span>
            These are the choices you made the last time you imported a file with these columns.{' '}
            <button type="button" className="link-button" onClick={onUseGuess}>
              Start from the suggestions instead
            </button>
          </span>
        </div>
      ) : null}

      <div className="import-table-wrap import-table-wrap--mapping">
        <table className="import-table import-mapping">
          <caption className="visually-hidden">Columns of {inspection.file.name} and what they fill</caption>
          <thead>
            <tr>
              <th scope="col">Column in the file</th>
              <th scope="col">First values</th>
              <th scope="col" className="import-mapping__field-head">
                Import as
              </th>
            </tr>
          </thead>
          <tbody>
            {headers.map((_h, i) => {
              const values = sampleValues(sample, i);
              const field = mapping[i] ?? null;
              const noticeId = `${id}-n${i}`;
              return (
                <tr key={i} className={field === null ? 'import-mapping__row--off' : undefined}>
                  <th scope="row" className="import-mapping__header" title={headers[i]}>
                    {header(i)}
                  </th>
                  <td className="import-mapping__samples">
                    {values.length > 0 ? (
                      values.map((v, j) => (
                        <span key={j} className="import-sample" title={v}>
                          {oneLine(v)}
                        </span>
                      ))
                    ) : (
                      <span className="muted">Empty in the first rows</span>
                    )}
                  </td>
                  <td className="import-mapping__field">
                    <Select
                      aria-label={`Import “${header(i)}” as`}
                      aria-describedby={notice?.index === i ? noticeId : undefined}
                      value={field ?? NOT_IMPORTED}
                      onChange={(e) =>
                        onChange(i, e.target.value === NOT_IMPORTED ? null : (e.target.value as ImportField))
                      }
                    >
                      <option value={NOT_IMPORTED}>Don’t import</option>
                      {fieldGroups(kind).map((g) => (
                        <optgroup key={g.label} label={g.label}>
                          {g.fields.map((f) => (
                            <option key={f} value={f}>
                              {fieldLabel(kind, f)}
                            </option>
                          ))}
                        </optgroup>
                      ))}
                    </Select>
                    {notice?.index === i ? (
                      <span className="import-mapping__notice" id={noticeId}>
                        {notice.text}
                      </span>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="visually-hidden" role="status" aria-live="polite">
        {notice?.text ?? ''}
      </div>

      <div ref={errorRef} tabIndex={-1} className="import-verdict">
        {!verdict.ok ? (
          <div role="alert">
            <FieldError message={verdict.error} />
          </div>
        ) : verdict.warning ? (
          <div className="import-note import-note--warning" role="note">
            <TriangleAlert size={ICON.inline} strokeWidth={STROKE} aria-hidden />
            <span>{verdict.warning}</span>
          </div>
        ) : null}
      </div>
    </>
  );
}
