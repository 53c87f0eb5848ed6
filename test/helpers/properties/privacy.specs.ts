/** Specs of the privacy and audit writes: the consent ledger, erasing a person, the audit trail's settings and export. */
import fc from 'fast-check';
import { CONSENT_DECISIONS, CONSENT_METHODS } from '../../../shared/api/requests/privacy.requests.ts';
import { KEEP_FOR } from '../../../shared/domain/audit.ts';
import { aim, opt, pick, rarely, ref, text } from './pools.ts';
import { spec, type Built, type Spec } from './steps.ts';
import { ids, nth } from './world.ts';

/** Milliseconds before the clock (a few, in the future: more than the five minutes allowed). */
const ago = fc.oneof(
  { weight: 9, arbitrary: fc.integer({ min: 0, max: 30 * 86_400_000 }) },
  { weight: 1, arbitrary: fc.constant(-3_600_000) },
);

const consentsRecord = spec({
  name: 'consents.record',
  weight: 3,
  arb: fc.record({
    who: ref,
    purpose: pick,
    unknownPurpose: rarely,
    decision: fc.constantFrom(...CONSENT_DECISIONS),
    ago,
    method: fc.constantFrom(...CONSENT_METHODS),
    note: opt(text),
  }),
  build(w, p): Built | null {
    const personId = aim(w, 'people', p.who.t, p.who.n);
    const purposes = ids(
      w,
      `SELECT value FROM list_values WHERE list = 'consent_purpose' AND active = 1 ORDER BY position`,
    );
    const purpose = p.unknownPurpose ? 'Carrier pigeons' : nth(purposes, p.purpose);
    if (!personId || !purpose) return null;
    const input: Record<string, unknown> = {
      personId,
      purpose,
      decision: p.decision,
      decidedAt: w.b.clock() - p.ago,
      method: p.method,
    };
    if (p.note) input.note = p.note;
    const refused = p.who.t !== 'live' || p.unknownPurpose || p.ago < 0;
    return { input, expect: refused ? 'refused' : 'ok' };
  },
});

const consentsWithdraw = spec({
  name: 'consents.withdraw',
  weight: 2,
  arb: fc.record({
    which: fc.constantFrom('open', 'open', 'open', 'any', 'unknown'),
    n: pick,
    ago: fc.integer({ min: 0, max: 86_400_000 }),
    method: fc.constantFrom(...CONSENT_METHODS),
  }),
  build(w, p): Built | null {
    const where =
      p.which === 'open'
        ? `decision = 'granted' AND id NOT IN (SELECT consent_id FROM consent_withdrawals)
           AND person_id IN (SELECT id FROM people WHERE deleted_at IS NULL)`
        : '1';
    const consentId =
      p.which === 'unknown'
        ? 'id-unknown-404'
        : nth(ids(w, `SELECT id FROM consents WHERE ${where} ORDER BY rowid`), p.n);
    if (!consentId) return null;
    const decided = w.reader
      .prepare(`SELECT decided_at FROM consents WHERE id = ?`)
      .pluck()
      .get(consentId) as number | undefined;
    // Withdrawn now or a little before, never before it was given.
    const withdrawnAt = Math.max(decided ?? 0, w.b.clock() - p.ago);
    const input = { consentId, withdrawnAt, method: p.method };
    return { input, expect: p.which === 'unknown' ? 'refused' : p.which === 'open' ? 'ok' : 'any' };
  },
});

const privacyErase = spec({
  name: 'privacy.erase',
  arb: fc.record({ who: ref, keepOrders: opt(fc.boolean()), wrongName: rarely, reason: opt(text) }),
  build(w, p): Built | null {
    const personId = aim(w, 'people', p.who.t, p.who.n);
    if (!personId) return null;
    const name =
      (w.reader.prepare(`SELECT display_name FROM people WHERE id = ?`).pluck().get(personId) as
        string | undefined) ?? 'Nobody';
    const input: Record<string, unknown> = {
      personId,
      confirmName: p.wrongName ? `${name} Junior` : name,
    };
    if (p.keepOrders !== undefined) input.keepOrders = p.keepOrders;
    if (p.reason) input.reason = p.reason;
    return { input, expect: p.who.t === 'unknown' || p.wrongName ? 'refused' : 'any' };
  },
});

const auditUpdateSettings = spec({
  name: 'audit.updateSettings',
  arb: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...KEEP_FOR) },
    { weight: 1, arbitrary: fc.constant('a week') },
  ),
  build(_w, keepFor): Built {
    return {
      input: { keepFor },
      expect: (KEEP_FOR as readonly string[]).includes(keepFor) ? 'ok' : 'refused',
    };
  },
});

const auditExport = spec({
  name: 'audit.export',
  arb: fc.record({ save: fc.boolean(), byRecord: opt(ref) }),
  build(w, p): Built {
    w.dialogs.saveChosen = p.save;
    const input: Record<string, unknown> = {};
    if (p.byRecord) {
      const id = aim(w, 'people', p.byRecord.t, p.byRecord.n);
      if (id) input.filter = { record: { table: 'people', id } };
    }
    return { input, expect: 'any' };
  },
});

export const PRIVACY_SPECS: Spec[] = [
  consentsRecord,
  consentsWithdraw,
  privacyErase,
  auditUpdateSettings,
  auditExport,
] as Spec[];
