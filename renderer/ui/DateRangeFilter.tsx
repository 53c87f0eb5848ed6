/**
 * A toolbar's "Dates" filter: a choice of ranges and, for the one with id 'custom', the first and
 * last day as date fields beside it. What each range means is the screen's to say.
 */
import { Select } from './Field.tsx';

export interface DateRangeChoice<P extends string> {
  range: P;
  /** The custom range's days (yyyy-mm-dd), empty when left open. */
  from: string;
  to: string;
}

export function DateRangeFilter<P extends string>({
  presets,
  value,
  onChange,
}: {
  presets: readonly { id: P; label: string }[];
  value: DateRangeChoice<P>;
  onChange<K extends keyof DateRangeChoice<P>>(key: K, next: DateRangeChoice<P>[K]): void;
}) {
  return (
    <>
      <Select aria-label="Dates" value={value.range} onChange={(e) => onChange('range', e.target.value as P)}>
        {presets.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </Select>
      {value.range === 'custom' ? (
        <>
          <input
            type="date"
            className="input"
            aria-label="From"
            value={value.from}
            onChange={(e) => onChange('from', e.target.value)}
          />
          <input
            type="date"
            className="input"
            aria-label="To"
            value={value.to}
            onChange={(e) => onChange('to', e.target.value)}
          />
        </>
      ) : null}
    </>
  );
}
