/**
 * What erasing a person does to each row about them (person-rows.ts finds the rows): a pure plan,
 * computed before anything is written, that the preview counts and the erasure carries out.
 *
 * The rules, in the words the dialog uses:
 *  - Their own orders (no company on them) are business records that accounting law may require
 *    keeping for years. By default they are kept, with their lines and status history, and named
 *    by a stand-in ("Erased customer ER-0001") instead of them; their notes are cleared, being
 *    free text that may describe them. With keepOrders off they are erased like the rest, which
 *    leaves gaps in the order numbers.
 *  - Orders, deals and cases that also name a company are that company's records: they stay,
 *    without their name on them (person_id cleared), and so does what hangs on them.
 *  - Everything else about them is erased for good: their row, emails, phones, tag links, photo,
 *    calls, notes, tasks and reminders, deals, cases, consents, and what hangs on those; their
 *    rows in the Trash too.
 *  - A kept row that points at an erased one loses that link (a company's deal made into their
 *    own order, when that order goes); a row of someone else's that points at one (Bob's task
 *    made from a call with them) loses it too. A link that cannot be empty takes the row with it.
 */
import { AppError } from '../../../shared/api/errors.ts';
import type { ErasureCounts, OwnOrders } from '../../../shared/api/requests/privacy.requests.ts';
import { rowKey, type PersonRows, type TableShape } from './person-rows.ts';

/** Tables whose rows belong to a company when they name one (the company's records). */
const COMPANY_RECORDS = new Set(['orders', 'deals', 'cases']);

/** Why a row stays: kept for the accounts (their own orders), or a company's record. */
type Fate = 'erase' | 'account' | 'company';

export interface RowChange {
  table: string;
  /** The row as it was read. */
  row: unknown[];
  /** A row about them (kept or unlinked), not someone else's that pointed at one of theirs. */
  theirs: boolean;
  /** Columns to set, by name (to null, or to the stand-in). */
  set: Record<string, unknown>;
}

export interface ErasePlan {
  personId: string;
  displayName: string;
  /** Rows to delete, by table, in the book's table order (parents first). */
  erase: Map<string, unknown[][]>;
  /** Kept rows whose links change. STAND_IN stands for the stand-in's id, made when carried out. */
  changes: RowChange[];
  /** Their own orders kept for the accounts without a company: they need a stand-in. */
  needsStandIn: boolean;
  counts: Omit<ErasureCounts, 'undoCopies' | 'searchEntries'>;
  /** Erased rows that were in the Trash. */
  trashEntries: number;
  ownOrders: OwnOrders;
  companies: string[];
  shapes: Map<string, TableShape>;
}

/** Put in place of the stand-in's id until it exists. */
export const STAND_IN = Symbol('stand-in');

export function planErasure(found: PersonRows, personId: string, keepOrders: boolean): ErasePlan {
  const { shapes } = found;
  const col = (table: string, name: string) => shapes.get(table)!.columns.indexOf(name);
  const get = (table: string, row: readonly unknown[], name: string) => {
    const at = col(table, name);
    return at < 0 ? undefined : row[at];
  };

  /** Each found row's fate, by table and key. */
  const fates = new Map<string, Map<string, Fate>>();
  const rowsOf = new Map<string, Map<string, unknown[]>>();
  for (const t of found.tables) {
    const shape = shapes.get(t.name)!;
    rowsOf.set(t.name, new Map(t.rows.map((r) => [rowKey(shape, r), r])));
    fates.set(t.name, new Map());
  }
  /** The found row a link points at, when it is one: [table, key]. */
  const target = (k: { parent: string; target: string }, value: unknown): string | null => {
    if (value === null || value === undefined) return null;
    const parent = shapes.get(k.parent)!;
    if (!rowsOf.has(k.parent)) return null;
    // Links point at a single-column key (an id) in this book.
    if (parent.pk.length !== 1 || parent.pk[0] !== k.target) return null;
    const key = JSON.stringify([value]);
    return rowsOf.get(k.parent)!.has(key) ? key : null;
  };
  const fateOf = (table: string, key: string) => fates.get(table)?.get(key);

  // Parents come first in the table order, so each row's parents are decided before it is.
  for (const t of found.tables) {
    const shape = shapes.get(t.name)!;
    for (const [key, row] of rowsOf.get(t.name)!) {
      let fate: Fate;
      if (t.name === 'people') fate = 'erase';
      else if (COMPANY_RECORDS.has(t.name) && get(t.name, row, 'person_id') === personId) {
        if (get(t.name, row, 'company_id') !== null) fate = 'company';
        else fate = t.name === 'orders' && keepOrders ? 'account' : 'erase';
      } else {
        // Hangs on what it points at: erased if any of those is, else kept as they are.
        const parents = shape.keys
          .map((k) => {
            const at = target(k, get(t.name, row, k.col));
            return at === null ? undefined : fateOf(k.parent, at);
          })
          .filter((f): f is Fate => f !== undefined);
        if (parents.length === 0 || parents.includes('erase')) fate = 'erase';
        else fate = parents.includes('account') ? 'account' : 'company';
      }
      fates.get(t.name)!.set(key, fate);
    }
  }

  // Links from kept rows to erased ones are cleared; one that cannot be empty takes its row along.
  const changes = new Map<string, RowChange>();
  const change = (table: string, key: string, row: unknown[], theirs = true): RowChange => {
    const id = `${table}\u0000${key}`;
    let c = changes.get(id);
    if (!c) {
      c = { table, row, theirs, set: {} };
      changes.set(id, c);
    }
    return c;
  };
  for (let settled = false; !settled;) {
    settled = true;
    for (const t of found.tables) {
      const shape = shapes.get(t.name)!;
      for (const [key, row] of rowsOf.get(t.name)!) {
        if (fateOf(t.name, key) === 'erase') continue;
        for (const k of shape.keys) {
          const at = target(k, get(t.name, row, k.col));
          if (at === null || fateOf(k.parent, at) !== 'erase') continue;
          if (!shape.nullable[col(t.name, k.col)]) {
            fates.get(t.name)!.set(key, 'erase');
            changes.delete(`${t.name}\u0000${key}`);
            settled = false;
            break;
          }
          change(t.name, key, row).set[k.col] = null;
        }
      }
    }
  }
  const companies = new Set<string>();
  for (const t of found.tables) {
    if (!COMPANY_RECORDS.has(t.name)) continue;
    for (const [key, row] of rowsOf.get(t.name)!) {
      const fate = fateOf(t.name, key);
      if (get(t.name, row, 'person_id') !== personId || fate === 'erase') continue;
      const c = change(t.name, key, row);
      if (fate === 'company') {
        c.set.person_id = null;
        companies.add(String(get(t.name, row, 'company_id')));
      } else {
        c.set.person_id = STAND_IN;
        c.set.notes = null;
      }
    }
  }

  // Rows of other people that point at an erased row lose that link.
  let detached = 0;
  for (const t of found.others) {
    const shape = shapes.get(t.name)!;
    for (const row of t.rows) {
      let touched = false;
      for (const k of shape.keys) {
        const at = target(k, get(t.name, row, k.col));
        if (at === null || fateOf(k.parent, at) !== 'erase') continue;
        if (!shape.nullable[col(t.name, k.col)]) {
          // No table of the book links another person's row to one of theirs by a required link;
          // a later one that does must decide what an erasure does to it.
          throw new AppError(
            'INTERNAL',
            `An erasure cannot clear the required link ${t.name}.${k.col}, so nothing was erased.`,
          );
        }
        change(t.name, rowKey(shape, row), row, false).set[k.col] = null;
        touched = true;
      }
      if (touched) detached++;
    }
  }

  const erase = new Map<string, unknown[][]>();
  const counts: ErasePlan['counts'] = { erased: {}, kept: {}, unlinked: {}, detached };
  let trashEntries = 0;
  let needsStandIn = false;
  const own: OwnOrders = { count: 0, lines: 0, totals: [], from: null, to: null };
  const totals = new Map<string, number>();
  const ownOrderKeys = new Set<string>();
  for (const t of found.tables) {
    const deletedAt = col(t.name, 'deleted_at');
    for (const [key, row] of rowsOf.get(t.name)!) {
      const fate = fateOf(t.name, key)!;
      const bump = (into: Record<string, number | undefined>) => (into[t.name] = (into[t.name] ?? 0) + 1);
      if (fate === 'erase') {
        erase.set(t.name, [...(erase.get(t.name) ?? []), row]);
        bump(counts.erased);
        if (deletedAt >= 0 && row[deletedAt] !== null) trashEntries++;
      } else if (fate === 'account') {
        bump(counts.kept);
        if (t.name === 'orders' && get(t.name, row, 'company_id') === null) needsStandIn = true;
      } else if (COMPANY_RECORDS.has(t.name) && get(t.name, row, 'person_id') === personId) {
        bump(counts.unlinked);
      }
      // Their own orders (whatever the choice), for the dialog.
      if (
        t.name === 'orders' &&
        get(t.name, row, 'person_id') === personId &&
        get(t.name, row, 'company_id') === null
      ) {
        ownOrderKeys.add(key);
        own.count++;
        const date = String(get(t.name, row, 'order_date'));
        if (own.from === null || date < own.from) own.from = date;
        if (own.to === null || date > own.to) own.to = date;
        if (get(t.name, row, 'deleted_at') === null) {
          const currency = String(get(t.name, row, 'currency'));
          totals.set(currency, (totals.get(currency) ?? 0) + Number(get(t.name, row, 'gross')));
        }
      }
      if (t.name === 'order_lines' && ownOrderKeys.has(JSON.stringify([get(t.name, row, 'order_id')]))) {
        own.lines++;
      }
    }
  }
  own.totals = [...totals]
    .map(([currency, gross]) => ({ currency, gross }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
  const person = rowsOf.get('people')!.get(JSON.stringify([personId]))!;
  return {
    personId,
    displayName: String(get('people', person, 'display_name')),
    erase,
    changes: [...changes.values()],
    needsStandIn,
    counts,
    trashEntries,
    ownOrders: own,
    companies: [...companies],
    shapes,
  };
}
