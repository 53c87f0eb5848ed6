/**
 * Privacy in words: what an erasure takes, keeps and unlinks ("3 calls", "their photo"), how a
 * consent was given, and where a purpose stands. The erase dialog and Settings › Privacy both
 * say it this way.
 */
import type {
  ConsentMethod,
  ConsentState,
  ErasureCounts,
  TableCounts,
} from '../../../shared/api/requests/privacy.requests.ts';

/** One and many of each kind of row an erasure counts, in the order they are listed. */
const TABLE_WORDS: [string, string, string][] = [
  ['people', 'their details (name, address, birthday and other fields)', 'people'],
  ['emails', 'email address', 'email addresses'],
  ['phones', 'phone number', 'phone numbers'],
  ['person_tags', 'tag', 'tags'],
  ['person_photos', 'photo', 'photos'],
  ['calls', 'call', 'calls'],
  ['notes', 'note', 'notes'],
  ['tasks', 'task or reminder', 'tasks and reminders'],
  ['deals', 'deal', 'deals'],
  ['deal_lines', 'deal line', 'deal lines'],
  ['cases', 'case or complaint', 'cases and complaints'],
  ['orders', 'order', 'orders'],
  ['order_lines', 'order line', 'order lines'],
  ['order_status_changes', 'order status change', 'order status changes'],
  ['consents', 'consent answer', 'consent answers'],
  ['consent_withdrawals', 'consent withdrawal', 'consent withdrawals'],
];

export interface CountLine {
  key: string;
  text: string;
}

/** "1 email address", "3 calls"... for each table with rows, known ones first. */
export function countLines(counts: TableCounts, number: (n: number) => string): CountLine[] {
  const out: CountLine[] = [];
  const known = new Set(TABLE_WORDS.map(([t]) => t));
  for (const [table, one, many] of TABLE_WORDS) {
    const n = counts[table] ?? 0;
    if (n === 0) continue;
    if (table === 'people') out.push({ key: table, text: cap(one) });
    else out.push({ key: table, text: `${number(n)} ${n === 1 ? one : many}` });
  }
  for (const [table, n] of Object.entries(counts)) {
    if (known.has(table) || !n) continue;
    out.push({ key: table, text: `${number(n)} ${table.replaceAll('_', ' ')}` });
  }
  return out;
}

export const cap = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** "6 records" in all. */
export function totalOf(counts: TableCounts): number {
  return Object.values(counts).reduce((n: number, v) => n + (v ?? 0), 0);
}

/** One line about an erasure's counts, for the record list. */
export function erasureSummary(c: ErasureCounts, number: (n: number) => string): string {
  const erased = totalOf(c.erased);
  const kept = totalOf(c.kept);
  const parts = [`${number(erased)} ${erased === 1 ? 'record' : 'records'} erased`];
  if (kept > 0)
    parts.push(`${number(c.kept.orders ?? 0)} ${(c.kept.orders ?? 0) === 1 ? 'order' : 'orders'} kept`);
  const unlinked = totalOf(c.unlinked);
  if (unlinked > 0)
    parts.push(`${number(unlinked)} company ${unlinked === 1 ? 'record' : 'records'} unlinked`);
  return parts.join(' · ');
}

export const METHOD_WORDS: Record<ConsentMethod, string> = {
  call: 'on a call',
  web_form: 'by web form',
  paper_form: 'on a paper form',
  email: 'by email',
  in_person: 'in person',
  other: 'another way',
};

export const STATE_WORDS: Record<ConsentState, { label: string; tone: string }> = {
  given: { label: 'Given', tone: 'badge--success' },
  refused: { label: 'Refused', tone: 'badge--danger' },
  withdrawn: { label: 'Withdrawn', tone: 'badge--warning' },
  never: { label: 'Never asked', tone: '' },
};
