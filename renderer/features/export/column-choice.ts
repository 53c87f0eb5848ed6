/**
 * Which columns a list export writes: those shown on the screen, all of them, or a chosen few.
 * The last choice is remembered per list (localStorage), as the list screens remember theirs.
 */
import type { ListName } from '../../../shared/api/requests/list-export.schema.ts';
import type { ListColumnInfo } from '../../../shared/domain/transfer.ts';
import { readStored, writeStored } from '../contacts/view-state.ts';

export type ColumnMode = 'shown' | 'all' | 'chosen';

export interface ColumnChoice {
  mode: ColumnMode;
  /** The keys ticked under "Choose columns…" (kept when another mode is picked). */
  chosen: string[];
}

export const DEFAULT_CHOICE: ColumnChoice = { mode: 'shown', chosen: [] };

export const choiceKey = (list: ListName) => `ledgerline.export.columns.${list}`;

const isChoice = (v: unknown): v is ColumnChoice =>
  typeof v === 'object' &&
  v !== null &&
  ['shown', 'all', 'chosen'].includes((v as ColumnChoice).mode) &&
  Array.isArray((v as ColumnChoice).chosen) &&
  (v as ColumnChoice).chosen.every((k) => typeof k === 'string');

export function readChoice(list: ListName): ColumnChoice {
  return readStored(choiceKey(list), isChoice, DEFAULT_CHOICE);
}

export function writeChoice(list: ListName, choice: ColumnChoice) {
  writeStored(choiceKey(list), choice);
}

/**
 * The columns shown on the screen, as export keys in the screen's order: the screen's own choice
 * where it has one (Contacts), else the columns the list shows as it opens.
 */
export function shownKeys(columns: readonly ListColumnInfo[], shown?: readonly string[]): string[] {
  if (shown) {
    const known = new Set(columns.map((c) => c.key));
    const keys = shown.filter((k) => known.has(k));
    if (keys.length > 0) return keys;
  }
  return columns.filter((c) => c.default).map((c) => c.key);
}

/** The keys to send: undefined for every column (the backend's default), else in file order. */
export function keysToSend(
  choice: ColumnChoice,
  columns: readonly ListColumnInfo[],
  shown?: readonly string[],
): string[] | undefined {
  switch (choice.mode) {
    case 'all':
      return undefined;
    case 'shown':
      return shownKeys(columns, shown);
    case 'chosen': {
      const ticked = new Set(choice.chosen);
      return columns.filter((c) => ticked.has(c.key)).map((c) => c.key);
    }
  }
}
