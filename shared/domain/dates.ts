/** Calendar dates are TEXT YYYY-MM-DD (see DESIGN.md). */
// Per-function entry points: the date-fns index loads hundreds of modules (over a second in Node).
import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parseISO } from 'date-fns/parseISO';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/u;

/** True only for a real calendar date written as YYYY-MM-DD (2026-02-31 is not one). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = parseISO(value);
  return isValid(d) && format(d, 'yyyy-MM-dd') === value;
}
