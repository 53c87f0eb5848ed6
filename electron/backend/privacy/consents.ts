/**
 * The consent ledger (issue 6): what a person agreed to or refused, when and how, and when they
 * withdrew it. An entry is written once and never edited; a new answer is a new entry, and a
 * withdrawal is a row of its own beside the entry it withdraws (consent_withdrawals), so the
 * history reads exactly as it was told. Only a merge moves entries, to the person kept.
 *
 * Where a purpose stands now comes from its newest event: an answer (at decided_at) or a
 * withdrawal (at withdrawn_at); on the same instant, the one recorded later wins.
 */
import { AppError } from '../../../shared/api/errors.ts';
import type { ParsedInput } from '../../../shared/api/requests.ts';
import type {
  ConsentEntry,
  ConsentMethod,
  ConsentStatus,
  PersonConsents,
} from '../../../shared/api/requests/privacy.requests.ts';
import type { ConsentsTable, ConsentWithdrawalsTable } from '../../db/schema.ts';
import { fieldError } from '../calls/links.ts';
import type { Ctx } from '../context.ts';
import { readList, requireChoice } from '../lists/list-values.ts';
import { requireLivePerson } from '../people/people.repo.ts';
import { plucked, prepared } from '../people/prepared.ts';

/** An answer may be dated a little after the book's clock (another machine's clock, a slow save). */
const FUTURE_SLACK_MS = 5 * 60 * 1000;

type EntryRow = ConsentsTable & {
  recorded_by_name: string | null;
  w_withdrawn_at: number | null;
  w_method: string | null;
  w_note: string | null;
  w_recorded_at: number | null;
  w_recorded_by_name: string | null;
};

const ENTRY_SELECT = `SELECT c.*, s.name AS recorded_by_name,
    w.withdrawn_at AS w_withdrawn_at, w.method AS w_method, w.note AS w_note,
    w.recorded_at AS w_recorded_at, ws.name AS w_recorded_by_name
  FROM consents c
  LEFT JOIN staff s ON s.id = c.recorded_by
  LEFT JOIN consent_withdrawals w ON w.consent_id = c.id
  LEFT JOIN staff ws ON ws.id = w.recorded_by`;

function toEntry(row: EntryRow): ConsentEntry {
  return {
    id: row.id,
    personId: row.person_id,
    purpose: row.purpose,
    decision: row.decision,
    decidedAt: row.decided_at,
    method: row.method as ConsentMethod,
    note: row.note,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by_name,
    withdrawal:
      row.w_withdrawn_at === null
        ? null
        : {
            withdrawnAt: row.w_withdrawn_at,
            method: row.w_method as ConsentMethod,
            note: row.w_note,
            recordedAt: row.w_recorded_at!,
            recordedBy: row.w_recorded_by_name,
          },
  };
}

function readEntry(ctx: Ctx, id: string): ConsentEntry | undefined {
  const row = prepared(ctx, `${ENTRY_SELECT} WHERE c.id = ?`).get(id) as EntryRow | undefined;
  return row ? toEntry(row) : undefined;
}

/** Where one purpose stands, from its entries (any order). */
export function statusOf(purpose: string, offered: boolean, entries: readonly ConsentEntry[]): ConsentStatus {
  interface Event {
    at: number;
    recordedAt: number;
    state: ConsentStatus['state'];
    method: ConsentMethod;
    entryId: string;
  }
  const events: Event[] = [];
  for (const e of entries) {
    if (e.purpose !== purpose) continue;
    events.push({
      at: e.decidedAt,
      recordedAt: e.recordedAt,
      state: e.decision === 'granted' ? 'given' : 'refused',
      method: e.method,
      entryId: e.id,
    });
    if (e.withdrawal) {
      events.push({
        at: e.withdrawal.withdrawnAt,
        recordedAt: e.withdrawal.recordedAt,
        state: 'withdrawn',
        method: e.withdrawal.method,
        entryId: e.id,
      });
    }
  }
  const last = events.reduce<Event | null>((best, e) => {
    if (!best) return e;
    if (e.at !== best.at) return e.at > best.at ? e : best;
    // The same instant: the one recorded later, and a withdrawal after the answer it withdraws.
    if (e.recordedAt !== best.recordedAt) return e.recordedAt > best.recordedAt ? e : best;
    return e.state === 'withdrawn' ? e : best;
  }, null);
  return {
    purpose,
    offered,
    state: last?.state ?? 'never',
    since: last?.at ?? null,
    method: last?.method ?? null,
    entryId: last?.entryId ?? null,
  };
}

export function listConsents(ctx: Ctx, personId: string): PersonConsents {
  if (!plucked(ctx, `SELECT 1 FROM people WHERE id = ?`).get(personId)) {
    throw new AppError('NOT_FOUND', 'That person is not in the book.', { personId });
  }
  const history = (
    prepared(
      ctx,
      `${ENTRY_SELECT} WHERE c.person_id = ? ORDER BY c.decided_at DESC, c.recorded_at DESC, c.id DESC`,
    ).all(personId) as EntryRow[]
  ).map(toEntry);
  const offered = readList(ctx, 'consent_purpose').filter((v) => v.active === 1);
  const purposes = [
    ...offered.map((v) => v.value),
    ...[...new Set(history.map((e) => e.purpose))].filter((p) => !offered.some((v) => v.value === p)).sort(),
  ];
  const live = new Set(offered.map((v) => v.value));
  return { personId, statuses: purposes.map((p) => statusOf(p, live.has(p), history)), history };
}

function checkInstant(at: number, now: number, path: string, what: string): void {
  if (at > now + FUTURE_SLACK_MS) throw fieldError(path, `${what} cannot be in the future.`);
}

export function recordConsent(ctx: Ctx, input: ParsedInput<'consents.record'>): ConsentEntry {
  return ctx.writer.write((scope) => {
    requireLivePerson(ctx, input.personId);
    requireChoice(ctx, 'consent_purpose', input.purpose, 'purpose');
    checkInstant(input.decidedAt, scope.at, 'decidedAt', 'The date of their answer');
    const row: ConsentsTable = {
      id: ctx.ids(),
      person_id: input.personId,
      purpose: input.purpose,
      decision: input.decision,
      decided_at: input.decidedAt,
      method: input.method,
      note: input.note ?? null,
      recorded_at: scope.at,
      recorded_by: scope.staffId,
    };
    ctx.sql.run(ctx.q.insertInto('consents').values(row));
    scope.change('consents', row.id, 'insert');
    return readEntry(ctx, row.id)!;
  });
}

export function withdrawConsent(ctx: Ctx, input: ParsedInput<'consents.withdraw'>): ConsentEntry {
  return ctx.writer.write((scope) => {
    const entry = readEntry(ctx, input.consentId);
    if (!entry) {
      throw new AppError('NOT_FOUND', 'That consent is not in the book.', { consentId: input.consentId });
    }
    requireLivePerson(ctx, entry.personId);
    if (entry.decision !== 'granted') {
      throw new AppError(
        'CONFLICT',
        'They refused this one, so there is nothing to withdraw. Record a new answer if they have changed their mind.',
        { consentId: entry.id },
      );
    }
    if (entry.withdrawal) {
      throw new AppError('CONFLICT', 'This consent has already been withdrawn.', { consentId: entry.id });
    }
    checkInstant(input.withdrawnAt, scope.at, 'withdrawnAt', 'The date they withdrew');
    if (input.withdrawnAt < entry.decidedAt) {
      throw fieldError('withdrawnAt', 'They cannot withdraw a consent before they gave it. Check the date.');
    }
    const row: ConsentWithdrawalsTable = {
      consent_id: entry.id,
      withdrawn_at: input.withdrawnAt,
      method: input.method,
      note: input.note ?? null,
      recorded_at: scope.at,
      recorded_by: scope.staffId,
    };
    ctx.sql.run(ctx.q.insertInto('consent_withdrawals').values(row));
    scope.change('consent_withdrawals', entry.id, 'insert');
    return readEntry(ctx, entry.id)!;
  });
}

/** Whether any consent entry names this purpose (so the list keeps it, hidden, rather than dropping it). */
export function consentPurposeUsed(ctx: Ctx, purpose: string): boolean {
  return plucked(ctx, `SELECT 1 FROM consents WHERE purpose = ? LIMIT 1`).get(purpose) !== undefined;
}
