/** How the Backups screen says things: why a snapshot was taken and kept, what it holds, its size. */
import type {
  BackupOverview,
  LocationWarning,
  SnapshotDiffRow,
  SnapshotInfo,
  SnapshotKept,
  SnapshotReason,
  SnapshotRecord,
} from '../../../shared/api/requests/backups.requests.ts';
import { SNAPSHOT_RECORDS } from '../../../shared/api/requests/backups.requests.ts';

export { sizeText } from '../import/import-words.ts';

export const REASON_WORDS: Record<SnapshotReason, string> = {
  daily: 'Daily',
  manual: 'Taken by you',
  'before-import': 'Before an import',
  'before-merge': 'Before a merge',
  'before-restore': 'Before a restore',
  'before-update': 'Before an update',
};

/** Why a snapshot is kept: a short label, and the rule in full for its tooltip. */
export const KEPT_WORDS: Record<SnapshotKept, { label: string; rule: string }> = {
  manual: {
    label: 'Until you delete it',
    rule: 'You took this one, so it stays until you delete it.',
  },
  recent: {
    label: 'Taken today',
    rule: 'Every snapshot of the last 24 hours is kept.',
  },
  daily: {
    label: 'Day’s copy',
    rule: 'Kept while it is the newest snapshot of one of the last 7 days.',
  },
  weekly: {
    label: 'Week’s copy',
    rule: 'Kept while it is the newest snapshot of one of the last 4 weeks.',
  },
  monthly: {
    label: 'Month’s copy',
    rule: 'Kept while it is the newest snapshot of one of the last 12 months.',
  },
};

/** Each kind of record: its name in a table, and one / many of it in a sentence. */
export const RECORD_WORDS: Record<SnapshotRecord, { label: string; one: string; many: string }> = {
  people: { label: 'People', one: 'person', many: 'people' },
  companies: { label: 'Companies', one: 'company', many: 'companies' },
  calls: { label: 'Calls', one: 'call', many: 'calls' },
  tasks: { label: 'Tasks', one: 'task', many: 'tasks' },
  notes: { label: 'Notes', one: 'note', many: 'notes' },
  products: { label: 'Products', one: 'product', many: 'products' },
  orders: { label: 'Orders', one: 'order', many: 'orders' },
  deals: { label: 'Deals', one: 'deal', many: 'deals' },
  cases: { label: 'Cases', one: 'case', many: 'cases' },
};

type NumberText = (n: number) => string;

/** "1 person", "12 people" in the user's number format. */
export function recordCount(record: SnapshotRecord, n: number, number: NumberText): string {
  const w = RECORD_WORDS[record];
  return `${number(n)} ${n === 1 ? w.one : w.many}`;
}

/** "a, b and c" */
export function listText(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** What a snapshot holds, compactly: "12 people · 3 companies · 40 calls" (kinds it has none of left out). */
export function countsText(counts: SnapshotInfo['counts'], number: NumberText): string {
  if (!counts) return 'Cannot be read';
  const parts = SNAPSHOT_RECORDS.filter((r) => counts[r] > 0).map((r) => recordCount(r, counts[r], number));
  return parts.length > 0 ? parts.join(' · ') : 'No records yet';
}

/** The newest snapshot that can be restored (the list is newest first). */
export function newestGood(overview: BackupOverview): SnapshotInfo | null {
  return overview.snapshots.find((s) => s.problem === null) ?? null;
}

const PLACE_WORDS: Record<LocationWarning['kind'], string> = {
  onedrive: 'a OneDrive folder',
  dropbox: 'a Dropbox folder',
  icloud: 'an iCloud Drive folder',
  'google-drive': 'a Google Drive folder',
  box: 'a Box folder',
  network: 'a network share',
};

/** The heading of the location warning: "The customer book is in a OneDrive folder". */
export function locationTitle(warning: LocationWarning): string {
  return `The customer book is in ${PLACE_WORDS[warning.kind]}`;
}

/** What a restore would do, in one sentence, from the comparison's rows. */
export function restoreSummary(rows: readonly SnapshotDiffRow[], number: NumberText): string {
  const part = (pick: (r: SnapshotDiffRow) => number) =>
    rows.filter((r) => pick(r) > 0).map((r) => recordCount(r.table, pick(r), number));
  const back = part((r) => r.added);
  const lost = part((r) => r.lost);
  const changed = part((r) => r.changed);
  const clauses: string[] = [];
  if (back.length > 0) clauses.push(`brings back ${listText(back)}`);
  if (lost.length > 0) clauses.push(`loses ${listText(lost)}`);
  if (changed.length > 0) clauses.push(`puts back the snapshot’s version of ${listText(changed)}`);
  if (clauses.length === 0) {
    return 'The people, companies, calls and other records in this snapshot are the same as in the book now.';
  }
  return `Restoring this snapshot ${listText(clauses)}.`;
}
