/**
 * The log-call form is kept as a draft while it is open, so a window that closes or reloads in the
 * middle of a call brings it back (a running timer keeps running). Saving or closing the dialog
 * clears it.
 */
import type { CallDirection, CallResponse } from '../../../shared/domain/activity.ts';
import type { PickedPerson } from '../search/PickedPerson.ts';

export const DRAFT_KEY = 'ledgerline.logCallDraft';

export interface CallDraft {
  person: PickedPerson | null;
  timerStart: number | null;
  timerStop: number | null;
  durationText: string;
  direction: CallDirection;
  purpose: string;
  outcome: string | null;
  response: CallResponse | 'none';
  summary: string;
  next: 'none' | 'days' | 'date';
  nextDays: string;
  nextDate: string;
  when: string | null;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The kept draft, when there is one for this person (or for anyone, when none is given). */
export function readDraft(personId: string | null): CallDraft | null {
  try {
    const raw = storage()?.getItem(DRAFT_KEY);
    if (!raw) return null;
    const draft = JSON.parse(raw) as CallDraft;
    if (typeof draft !== 'object' || draft === null || typeof draft.summary !== 'string') return null;
    if (personId && draft.person && draft.person.id !== personId) return null;
    return draft;
  } catch {
    return null;
  }
}

/** A draft worth keeping has something in it beyond the defaults. */
export function worthKeeping(d: CallDraft): boolean {
  return Boolean(
    d.timerStart !== null || d.durationText.trim() || d.summary.trim() || d.purpose || d.next !== 'none',
  );
}

export function writeDraft(draft: CallDraft): void {
  try {
    if (worthKeeping(draft)) storage()?.setItem(DRAFT_KEY, JSON.stringify(draft));
    else storage()?.removeItem(DRAFT_KEY);
  } catch {
    // Not kept; nothing else breaks.
  }
}

export function clearDraft(): void {
  try {
    storage()?.removeItem(DRAFT_KEY);
  } catch {
    // Nothing to clear.
  }
}
