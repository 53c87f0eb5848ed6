/**
 * What each measurement asks, in one place, so the app side and the raw side ask the same thing:
 * the contacts list's sort and filter, its paging (as the renderer pages it), and the inputs each
 * run uses (drawn from the people the generator recorded beside the book).
 */
import { fold } from '../../../shared/domain/text.ts';
import type { Probes } from '../generate/probes.ts';
import { BOOK_NOW } from '../generate/rows.ts';

/** The list measured: the most recently contacted customers first (a nullable sort, and a filter). */
export const LIST = {
  sort: 'lastContact',
  direction: 'desc',
  filter: { stage: 'customer' },
} as const;

/** The renderer's paging (renderer/features/contacts/ContactsScreen.tsx, CONTACTS_PAGING). */
export const PAGE_SIZE = 100;
export const ANCHOR_EVERY = 500;
/** Hits per kind the search box asks for (renderer/features/search/useSearch.ts). */
export const SEARCH_LIMIT = 8;
/** A timeline page (renderer/features/contacts/Timeline.tsx). */
export const TIMELINE_PAGE = 30;
export const TAG_BULK_SIZE = 10_000;
/** Calls on the timeline of the person contact.open_busy opens (issue 3: "1,000 timeline items"). */
export const BUSY_CALLS = 1000;

/**
 * The anchor a measured page starts at. A page that starts at an anchor is one people.list call
 * of PAGE_SIZE rows from that anchor's cursor, exactly as the renderer reads it (keyset-window.ts);
 * the middle page starts at the middle anchor, the last at the last anchor (within the final
 * ANCHOR_EVERY rows), so the first, middle and last pages read the same number of rows.
 */
export function anchorOf(which: 'middle' | 'last', anchors: number): number {
  return which === 'middle' ? Math.floor((anchors - 1) / 2) : anchors - 1;
}

const letters = (s: string) => fold(s).replace(/[^a-z]/gu, '');

export interface Inputs {
  prefix: string[];
  fullname: string[];
  phone: string[];
  diacritic: string[];
  open: string[];
  callLog: string[];
  /** The person contact.open_busy gives a long timeline to. */
  busy: string;
  /** People with orders, whose purchase summaries purchase.summary opens. */
  buyers: string[];
}

/** The inputs runs cycle through: run i uses item i % length. */
export function inputsOf(probes: Probes): Inputs {
  const people = probes.people;
  const prefix = people
    .map((p, i) => letters(i % 2 === 0 ? p.familyName : p.givenName).slice(0, 3))
    .filter((p) => p.length === 3);
  const diacritic = probes.diacritic.map((p) => fold(p.familyName));
  return {
    prefix,
    fullname: people.map((p) => p.displayName),
    phone: people.flatMap((p) => (p.phoneOther ? [p.phoneOther] : [])),
    diacritic: diacritic.length > 0 ? diacritic : people.map((p) => fold(p.familyName)),
    open: people.map((p) => p.id),
    callLog: [...people].reverse().map((p) => p.id),
    busy: people[1]?.id ?? people[0]?.id ?? '',
    buyers: probes.buyers,
  };
}

/** The months a report covers in run i: two years, ending in one of the book's last twelve months. */
export function reportPeriod(i: number): { from: string; to: string } {
  const now = new Date(BOOK_NOW);
  const end = now.getUTCFullYear() * 12 + now.getUTCMonth() - (Math.abs(i) % 12);
  const month = (m: number) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  return { from: month(end - 23), to: month(end) };
}

/** The day a cases-by-age report is "as of" (the book's today). */
export const REPORT_TODAY = isoDay(BOOK_NOW);

export function pick<T>(items: readonly T[], i: number): T {
  if (items.length === 0) throw new Error('No inputs for this measurement');
  return items[((i % items.length) + items.length) % items.length]!;
}

/** The call a call.log run logs (both sides log the same). */
export function callToLog(now: number) {
  return {
    direction: 'out' as const,
    startedAt: now - 5 * 60_000,
    durationS: 240,
    purpose: 'Follow-up',
    outcome: 'connected',
    response: 'positive' as const,
    summary: 'Went through the new price list; wants a quote for forty units by Friday.',
  };
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The people files import.csv100k and import.csv1m read (every row a new person). */
export const IMPORT_SMALL = 100_000;
export const IMPORT_LARGE = 1_000_000;
