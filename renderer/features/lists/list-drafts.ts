/**
 * A list of values (call purposes, call outcomes, consent purposes) as its editor holds it before
 * lists.set saves it, shared by the call lists dialog and the consent purposes dialog.
 */
import type { ListValue } from '../../../shared/domain/activity.ts';
import { messageOf } from '../../api/errors.ts';
import { rowErrorsOf, rowKey, type ValueRow } from '../../ui/ValueListEditor.tsx';

export interface ListDraft extends ValueRow {
  active: boolean;
  /** Outcomes only: a call with this outcome is a conversation. */
  connected: boolean;
}

/** What the book said was wrong with a list: per row ("values.2.value") and for the whole list. */
export interface ListErrors {
  rows: Record<number, string>;
  /** Empty when only rows are wrong. */
  list: string;
}

export const toDrafts = (values: readonly ListValue[]): ListDraft[] =>
  [...values]
    .sort((a, b) => a.position - b.position)
    .map((v) => ({ key: rowKey(), value: v.value, active: v.active, connected: v.connected }));

/** A value typed in: offered, and (for an outcome) not a conversation until ticked. */
export const newDraft = (value: string): ListDraft => ({
  key: rowKey(),
  value,
  active: true,
  connected: false,
});

/** What lists.set is given for the drafts. */
export const toValues = (drafts: readonly ListDraft[]) =>
  drafts.map((d) => ({ value: d.value, active: d.active, connected: d.connected }));

/** Whether saving the drafts would change nothing. */
export function sameAs(drafts: readonly ListDraft[], values: readonly ListValue[]): boolean {
  const sorted = [...values].sort((a, b) => a.position - b.position);
  return (
    drafts.length === sorted.length &&
    drafts.every(
      (d, i) =>
        d.value.trim() === sorted[i]!.value &&
        d.active === sorted[i]!.active &&
        d.connected === sorted[i]!.connected,
    )
  );
}

export function listErrors(err: unknown): ListErrors {
  const { rows, other } = rowErrorsOf(err, 'values');
  return { rows, list: other ?? (Object.keys(rows).length > 0 ? '' : messageOf(err)) };
}
