/**
 * What a check or an import found: the counts (of the kind's records: for orders, orders made of
 * the file's rows), the rows (or a vCard's cards) with problems, and the first rows of a CSV file
 * as they will be imported.
 */
import { format, parseISO } from 'date-fns';
import { CircleAlert } from 'lucide-react';
import { IMPORT_KIND_LABELS, type ImportKind } from '../../../shared/domain/import-kinds.ts';
import type { ImportProblem, ImportSummary } from '../../../shared/domain/transfer.ts';
import { useFormat } from '../../lib/format.context.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { dateLocale } from '../../lib/locales.ts';
import { filledRecords, previewFields, previewRow, problemOf, type Mapping } from './import-plan.ts';
import {
  countsNote,
  fieldHeading,
  oneLine,
  plural,
  VCARD_PROPERTY_WORDS,
  type Unit,
} from './import-words.ts';

type Tense = 'will' | 'did';

type TileKey = 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed';

const TILES: { key: TileKey; will: string; did: string; tone?: 'good' | 'bad' }[] = [
  { key: 'created', will: 'new', did: 'added', tone: 'good' },
  { key: 'updated', will: 'updated', did: 'updated' },
  { key: 'unchanged', will: 'unchanged', did: 'unchanged' },
  { key: 'skipped', will: 'skipped', did: 'skipped' },
  { key: 'failed', will: 'with errors', did: 'with errors', tone: 'bad' },
];

/** What each count holds, on hover: the kind's records, or a vCard's cards. */
function tileHint(key: TileKey, kind: ImportKind, unit: Unit): string {
  const { many } = IMPORT_KIND_LABELS[kind];
  const Many = many.charAt(0).toUpperCase() + many.slice(1);
  switch (key) {
    case 'created':
      return kind === 'orders'
        ? 'Orders not imported before'
        : kind === 'calls'
          ? 'Calls not logged yet'
          : `${Many} not in the book yet`;
    case 'updated':
      return `${Many} found in the book, with new details`;
    case 'unchanged':
      return kind === 'calls'
        ? 'Logged already: the same person or company, the same minute'
        : kind === 'orders'
          ? 'Imported before: left as they are'
          : 'Found in the book, nothing new';
    case 'skipped':
      return unit === 'card'
        ? 'Cards matching two people'
        : kind === 'orders'
          ? 'Blank rows'
          : `Blank rows, and rows matching two ${kind === 'calls' ? 'people' : many}`;
    case 'failed':
      return 'Left out: see the list';
  }
}

/** The counts as a row of figures: "3 new", "1 updated"… */
export function CountTiles({
  summary,
  kind,
  tense,
  unit = 'row',
}: {
  summary: ImportSummary;
  /** What the file holds (the wizard's choice). */
  kind: ImportKind;
  tense: Tense;
  unit?: Unit;
}) {
  const fmt = useFormat();
  return (
    <div className="import-counts">
      <ul
        className="import-counts__tiles"
        aria-label={tense === 'will' ? 'What the import will do' : 'What the import did'}
      >
        {TILES.map((t) => {
          const n = summary[t.key];
          const tone = n > 0 && t.tone ? ` import-count--${t.tone}` : '';
          return (
            <li key={t.key} className={`import-count${tone}`} title={tileHint(t.key, kind, unit)}>
              <span className="import-count__n num">{fmt.number(n)}</span>
              <span className="import-count__label">{tense === 'will' ? t.will : t.did}</span>
            </li>
          );
        })}
      </ul>
      <p className="import-counts__note">{countsNote(summary, kind, tense, unit)}</p>
    </div>
  );
}

/**
 * The rows left out and why: Line, Column, Value, Reason (and how many more there were). A vCard's
 * cards name the property at fault (in plain words, as "Field"), and leave out Field or Value when
 * no problem has one.
 */
export function ProblemsTable({
  summary,
  caption,
  unit = 'row',
}: {
  summary: ImportSummary;
  caption: string;
  unit?: Unit;
}) {
  const fmt = useFormat();
  if (summary.problemCount === 0) return null;
  const more = summary.problemCount - summary.problems.length;
  const cards = unit === 'card';
  const showColumn = !cards || summary.problems.some((p) => p.column !== '');
  const showValue = !cards || summary.problems.some((p) => p.value !== '');
  const columnText = (column: string) =>
    cards ? (VCARD_PROPERTY_WORDS[column.toUpperCase()] ?? column) : column;
  return (
    <div className="import-problems">
      <h3 className="import-section-title">{caption}</h3>
      <div className="import-table-wrap import-table-wrap--problems">
        <table className="import-table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col" className="import-table__line">
                Line
              </th>
              {showColumn ? <th scope="col">{cards ? 'Field' : 'Column'}</th> : null}
              {showValue ? <th scope="col">Value</th> : null}
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {summary.problems.map((p, i) => (
              <tr key={`${p.line}-${i}`}>
                <td className="import-table__line num">{fmt.number(p.line)}</td>
                {showColumn ? (
                  <td title={cards && p.column ? `${p.column} on the card` : undefined}>
                    {p.column ? (
                      columnText(p.column)
                    ) : (
                      <span className="muted">{cards ? 'Whole card' : 'Whole row'}</span>
                    )}
                  </td>
                ) : null}
                {showValue ? (
                  <td className="import-table__value selectable" title={p.value}>
                    {p.value ? oneLine(p.value) : <span className="muted">—</span>}
                  </td>
                ) : null}
                <td className="import-table__reason">{p.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more > 0 ? (
        <p className="import-problems__more">
          …and {plural(more, 'more problem')} not listed here. Fix the ones above in the file and check it
          again to see the rest.
        </p>
      ) : null}
    </div>
  );
}

/**
 * The first rows of the sample as the import will read them (name split, dates read...), those
 * the check leaves out marked with why.
 */
export function PreviewTable({
  kind,
  mapping,
  headers,
  sample,
  problems,
  rows = 5,
}: {
  kind: ImportKind;
  mapping: Mapping;
  headers: readonly string[];
  sample: readonly (readonly string[])[];
  problems: readonly ImportProblem[];
  rows?: number;
}) {
  const fmt = useFormat();
  const fields = previewFields(kind, mapping);
  const records = filledRecords(sample, rows);
  if (fields.length === 0 || records.length === 0) return null;
  const day = (iso: string) => format(parseISO(iso), 'PP', { locale: dateLocale(fmt.locale) });
  const caption = `The first ${plural(records.length, 'row')}, as they will be imported`;
  return (
    <div className="import-preview">
      <h3 className="import-section-title">{caption}</h3>
      <div className="import-table-wrap">
        <table className="import-table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col" className="import-preview__mark">
                <span className="visually-hidden">Left out</span>
              </th>
              {fields.map((f) => (
                <th key={f} scope="col">
                  {fieldHeading(kind, f)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {records.map((r, i) => {
              const cells = previewRow(kind, mapping, r, fmt.locale, day);
              const problem = problemOf(headers, r, problems);
              return (
                <tr key={i} className={problem ? 'import-preview__row--out' : undefined}>
                  <td
                    className="import-preview__mark"
                    title={problem ? `Left out: ${problem.reason}` : undefined}
                  >
                    {problem ? (
                      <>
                        <CircleAlert size={ICON.inline} strokeWidth={STROKE} aria-hidden />
                        <span className="visually-hidden">Left out: {problem.reason}</span>
                      </>
                    ) : null}
                  </td>
                  {fields.map((f) => {
                    const c = cells[f];
                    return (
                      <td
                        key={f}
                        className={c?.unreadable ? 'import-table__unreadable' : undefined}
                        title={c?.unreadable ? 'This cannot be read: the check lists it' : c?.text}
                      >
                        {c ? oneLine(c.text) : <span className="muted">—</span>}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
