/**
 * Privacy (issue 6): erasing a person for good, and the consent ledger.
 *
 *  - privacy.erasePreview says what erasing someone would remove and what it would keep;
 *    privacy.erase does it, in one transaction, and records the erasure without anything about
 *    them (privacy.erasures lists those records). Their own orders are kept for the accounts
 *    unless the user chooses otherwise (keepOrders), named by an "Erased customer" stand-in.
 *  - consents.list / record / withdraw: what a person agreed to or refused, when and how, and
 *    its withdrawal. Entries are never edited; a new answer is a new entry.
 */
import { z } from 'zod';
import { epochMs, freeText, id, returns, type RequestDef } from '../kit.ts';

/** How an answer was given or withdrawn (the CHECK in migration 0013 lists the same). */
export const CONSENT_METHODS = ['call', 'web_form', 'paper_form', 'email', 'in_person', 'other'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
export const CONSENT_METHOD_LABELS: Record<ConsentMethod, string> = {
  call: 'On a call',
  web_form: 'Web form',
  paper_form: 'Paper form',
  email: 'By email',
  in_person: 'In person',
  other: 'Another way',
};

export const CONSENT_DECISIONS = ['granted', 'refused'] as const;
export type ConsentDecision = (typeof CONSENT_DECISIONS)[number];

/** Where a purpose stands now: the newest answer or withdrawal wins. */
export type ConsentState = 'given' | 'refused' | 'withdrawn' | 'never';

export interface ConsentWithdrawal {
  withdrawnAt: number;
  method: ConsentMethod;
  note: string | null;
  recordedAt: number;
  /** The staff profile's name; null when none was set up or it is gone. */
  recordedBy: string | null;
}

export interface ConsentEntry {
  id: string;
  personId: string;
  purpose: string;
  decision: ConsentDecision;
  /** When they answered. */
  decidedAt: number;
  method: ConsentMethod;
  /** The evidence ("signed form in the blue folder"), as typed. */
  note: string | null;
  recordedAt: number;
  recordedBy: string | null;
  withdrawal: ConsentWithdrawal | null;
}

export interface ConsentStatus {
  purpose: string;
  /** Still offered on the list of consent purposes (an old purpose keeps its history). */
  offered: boolean;
  state: ConsentState;
  /** When that state began (their answer, or the withdrawal); null when never asked. */
  since: number | null;
  method: ConsentMethod | null;
  /** The entry the state comes from: the one to withdraw while the state is 'given'. */
  entryId: string | null;
}

export interface PersonConsents {
  personId: string;
  /** Every offered purpose in the list's order, then any other purpose with history. */
  statuses: ConsentStatus[];
  /** Every entry, newest answer first. */
  history: ConsentEntry[];
}

/**
 * Rows by table name: what an erasure removed, kept or unlinked. Tables as the book names them
 * (people, emails, calls, order_lines...); the screens put them in words.
 */
export type TableCounts = Partial<Record<string, number>>;

export interface ErasureCounts {
  /** Deleted for good. */
  erased: TableCounts;
  /** Their own orders, with their lines and status history, kept for the accounts under the stand-in. */
  kept: TableCounts;
  /** A company's orders, deals and cases they were named on: still the company's, without them. */
  unlinked: TableCounts;
  /** Other people's records that pointed at one of theirs (a task made from their call): link cleared. */
  detached: number;
  /** Copies of their records in the undo history, removed. */
  undoCopies: number;
  /** Entries of theirs in the search index, removed. */
  searchEntries: number;
}

export interface OwnOrders {
  count: number;
  lines: number;
  /** Gross totals by currency (minor units), live orders only. */
  totals: { currency: string; gross: number }[];
  /** The oldest and newest order dates (YYYY-MM-DD); null when there are none. */
  from: string | null;
  to: string | null;
}

export interface ErasePreview {
  personId: string;
  displayName: string;
  inTrash: boolean;
  /** With their orders kept for the accounts (the default) and with everything erased. */
  keepOrders: ErasureCounts;
  eraseAll: ErasureCounts;
  /** Orders in their own name (no company): what the choice is about. */
  ownOrders: OwnOrders;
  /** The companies whose orders, deals or cases name them (these stay with the company). */
  companies: string[];
  /** Rows of theirs in the Trash (erased too). */
  trashEntries: number;
  /**
   * Snapshots taken since they were added, which still hold them until deleted: `manual` ones stay
   * until the user deletes them; the rest go by rotation within `rotationMonths`. Null when the
   * snapshots folder cannot be read.
   */
  snapshots: { count: number; manual: number; oldest: number | null; rotationMonths: number } | null;
}

export interface Erasure {
  id: string;
  reference: string;
  erasedAt: number;
  /** Who erased (the staff profile's name), null when none was set up. */
  erasedBy: string | null;
  reason: string | null;
  ordersKept: boolean;
  /** The stand-in their kept orders name ("Erased customer ER-0001"), when there is one still. */
  standIn: { id: string; name: string } | null;
  counts: ErasureCounts;
}

export interface EraseResult {
  erasure: Erasure;
  /**
   * The book was rewritten whole afterwards (VACUUM), so not even fragments left in free space by
   * earlier edits remain. False for a very large book, or when the disk had no room for it.
   */
  compacted: boolean;
  /**
   * The write-ahead journal (the -wal file beside the book) was emptied afterwards, so no older
   * copy of their pages is left in it. False when another reader kept it busy; it is emptied at a
   * later checkpoint.
   */
  journalCleared: boolean;
}

/**
 * How the name typed to confirm an erasure is compared with theirs: case, accents' composition
 * and extra spaces aside ("  ann  LEE " confirms "Ann Lee").
 */
export const foldName = (s: string) => s.normalize('NFC').trim().replace(/\s+/gu, ' ').toLocaleLowerCase();

const consentMethod = z.enum(CONSENT_METHODS, 'Choose how they told you.');
const note = freeText(1000, 'The note').optional();

export const privacyRequests = {
  'privacy.erasePreview': {
    kind: 'query',
    reads: [
      'people',
      'companies',
      'calls',
      'tasks',
      'notes',
      'orders',
      'deals',
      'cases',
      'consents',
      'consent_withdrawals',
      'batches',
    ],
    input: z.strictObject({ personId: id }),
    output: returns<ErasePreview>(),
  },
  /**
   * Erases a person for good. `confirmName` must be their name as the book has it (case and extra
   * spaces aside): it cannot be undone. `reason` is kept with the record of the erasure.
   */
  'privacy.erase': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({
      personId: id,
      keepOrders: z.boolean().default(true),
      confirmName: z.string().max(400, 'That name is too long.'),
      reason: z
        .string()
        .trim()
        .max(500, 'Keep the reason under 500 characters.')
        .transform((s) => (s === '' ? null : s))
        .nullable()
        .optional(),
    }),
    output: returns<EraseResult>(),
  },
  'privacy.erasures': {
    kind: 'query',
    reads: ['erasures', 'staff', 'people'],
    input: z.strictObject({}),
    output: returns<Erasure[]>(),
  },

  'consents.list': {
    kind: 'query',
    reads: ['consents', 'consent_withdrawals', 'list_values', 'staff', 'people'],
    input: z.strictObject({ personId: id }),
    output: returns<PersonConsents>(),
  },
  'consents.record': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({
      personId: id,
      purpose: z.string().trim().min(1, 'Choose a purpose.').max(60, 'Choose a purpose from the list.'),
      decision: z.enum(CONSENT_DECISIONS, 'Say whether they agreed or refused.'),
      decidedAt: epochMs,
      method: consentMethod,
      note,
    }),
    output: returns<ConsentEntry>(),
  },
  'consents.withdraw': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ consentId: id, withdrawnAt: epochMs, method: consentMethod, note }),
    output: returns<ConsentEntry>(),
  },
} as const satisfies Record<string, RequestDef>;
