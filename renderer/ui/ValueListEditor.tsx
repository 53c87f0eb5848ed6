/**
 * The rows of a list of values that a dialog saves in one go: rename a value in place, move it up
 * or down, remove it, and add new ones at the end. The call lists, the consent purposes and the
 * product categories are all edited with it. Each dialog keeps its own look (it passes its class
 * names), its own controls between a value and its buttons, and its own save.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { AppError } from '../../shared/api/errors.ts';
import { Button } from './Button.tsx';
import { FieldError } from './Field.tsx';
import { ICON, STROKE } from './icons.ts';

/** A row being edited. The key keeps each row (and the focus in it) with its value as rows move. */
export interface ValueRow {
  key: number;
  value: string;
  /** Whether the value is offered for new entries; shown only when the editor is `offerable`. */
  active?: boolean;
}

let lastKey = 0;
/** A key for a row, unique across every list on screen. */
export const rowKey = (): number => ++lastKey;

/**
 * The book's messages for a list saved in one go: those about one row ("values.2.value", with the
 * prefix "values"), by the row's position, and the first that is about no single row.
 */
export function rowErrorsOf(
  err: unknown,
  prefix: string,
): { rows: Record<number, string>; other: string | null } {
  const rows: Record<number, string> = {};
  let other: string | null = null;
  const issues =
    err instanceof AppError
      ? (err.details as { issues?: { path: string; message: string }[] } | undefined)?.issues
      : undefined;
  const row = new RegExp(`^${prefix}\\.(\\d+)`, 'u');
  for (const issue of issues ?? []) {
    const m = row.exec(issue.path);
    if (m) rows[Number(m[1])] ??= issue.message;
    else other ??= issue.message;
  }
  return { rows, other };
}

/** The caller's class names, so each list keeps the look of the screen it belongs to. */
export interface ValueListClasses {
  rows: string;
  row: string;
  /** Added to a row whose value is not offered. */
  hidden?: string;
  /** Added to the value's field. */
  value?: string;
  add: string;
}

export function ValueListEditor<T extends ValueRow>({
  rows,
  onChange,
  newRow,
  label,
  one,
  unnamed,
  classes,
  errors,
  error,
  offerable = false,
  extra,
  whyKept,
  empty,
  maxLength,
  placeholder,
}: {
  rows: T[];
  onChange(next: T[]): void;
  /** The row for a value typed into the add box. */
  newRow(value: string): T;
  /** The list's name, for assistive tech. */
  label: string;
  /** One value, capitalised: rows are "Purpose 1", "Purpose 2", the add box "New purpose". */
  one: string;
  /** What the buttons call a row with no text yet: "this purpose". */
  unnamed: string;
  classes: ValueListClasses;
  /** Messages about single rows, by position. */
  errors?: Record<number, string>;
  /** A message about the list as a whole, shown under the rows. */
  error?: string | null;
  /** Give each row an "Offered" box (its `active`); a row not offered looks dimmed. */
  offerable?: boolean;
  /** The caller's own controls for a row, between its value and its "Offered" box. */
  extra?(row: T, change: (next: T) => void): ReactNode;
  /** Why a row cannot be removed (its button is disabled, with this as its tooltip), or null. */
  whyKept?(row: T): string | null;
  /** Shown instead of the rows while there are none. */
  empty?: ReactNode;
  maxLength?: number;
  /** The add box's placeholder; "New purpose" unless given. */
  placeholder?: string;
}) {
  const id = useId();
  const [adding, setAdding] = useState('');
  const lower = one.toLowerCase();
  const replace = (i: number, next: T) => onChange(rows.map((r, k) => (k === i ? next : r)));
  const move = (i: number, by: number) => {
    const next = [...rows];
    const [row] = next.splice(i, 1);
    next.splice(i + by, 0, row!);
    onChange(next);
  };
  function add(event?: FormEvent) {
    // Enter in the add box adds; it must not also submit the dialog's form.
    event?.preventDefault();
    const value = adding.trim();
    if (!value) return;
    onChange([...rows, newRow(value)]);
    setAdding('');
  }

  return (
    <>
      {rows.length === 0 && empty ? (
        empty
      ) : (
        <ul className={classes.rows} aria-label={label}>
          {rows.map((r, i) => {
            const name = r.value || unnamed;
            const kept = whyKept?.(r) ?? null;
            const rowError = errors?.[i];
            return (
              <li
                key={r.key}
                className={
                  r.active === false && classes.hidden ? `${classes.row} ${classes.hidden}` : classes.row
                }
              >
                {/* The value takes the room its controls leave. */}
                <div className={classes.value ? `field ${classes.value}` : 'field'} style={{ flex: 1 }}>
                  <input
                    className="input"
                    aria-label={`${one} ${i + 1}`}
                    value={r.value}
                    maxLength={maxLength}
                    aria-invalid={rowError ? true : undefined}
                    aria-describedby={rowError ? `${id}-e${i}` : undefined}
                    onChange={(e) => replace(i, { ...r, value: e.target.value })}
                  />
                  {rowError ? <FieldError id={`${id}-e${i}`} message={rowError} /> : null}
                </div>
                {extra?.(r, (next) => replace(i, next))}
                {offerable ? (
                  <label className="check-label">
                    <input
                      type="checkbox"
                      checked={r.active !== false}
                      onChange={(e) => replace(i, { ...r, active: e.target.checked })}
                    />
                    Offered
                  </label>
                ) : null}
                <Button
                  variant="ghost"
                  size="icon"
                  aria-label={`Move ${name} up`}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                  icon={<ArrowUp size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
                />
                <Button
                  variant="ghost"
                  size="icon"
                  aria-label={`Move ${name} down`}
                  disabled={i === rows.length - 1}
                  onClick={() => move(i, 1)}
                  icon={<ArrowDown size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
                />
                <Button
                  variant="ghost"
                  size="icon"
                  aria-label={`Remove ${name}`}
                  disabled={kept !== null}
                  title={whyKept ? (kept ?? 'Remove') : undefined}
                  onClick={() => onChange(rows.filter((_, k) => k !== i))}
                  icon={<Trash2 size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
                />
              </li>
            );
          })}
        </ul>
      )}
      {error ? <FieldError message={error} /> : null}
      <div className={classes.add} role="group" aria-label={`Add a ${lower}`}>
        <input
          className="input"
          aria-label={`New ${lower}`}
          placeholder={placeholder ?? `New ${lower}`}
          maxLength={maxLength}
          value={adding}
          onChange={(e) => setAdding(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') add(e);
          }}
        />
        <Button
          onClick={() => add()}
          disabled={!adding.trim()}
          icon={<Plus size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
        >
          Add
        </Button>
      </div>
    </>
  );
}
