/** Small pools of realistic values, and the picks commands make from the book as it is. */
import fc from 'fast-check';
import { ids, nth, type World } from './world.ts';

/** An id nothing in the book has (the book's own ids are id-00000001 ... and UUIDv7s). */
export const UNKNOWN_ID = 'id-unknown-404';

export const GIVEN = ['Ada', 'Zoë', 'Grace', 'Émile', 'Bob', 'Chen', 'Olu', 'Åsa', 'Marie-Claire', 'Tomás'];
export const FAMILY = ['Lovelace', 'Müller', 'Hopper', 'Ng', 'Smith', 'Dubois', 'van der Berg', 'Ó Briain'];
export const COMPANY_NAMES = [
  'Acme Ltd',
  'Zeta Widgets',
  'Café Noir',
  'Harbour & Co',
  'Nordic AB',
  'Öko Bau',
];
export const CITIES = ['Leeds', 'Zürich', 'Paris', 'Kraków', 'Lagos'];
export const TAGS = ['VIP', 'vip', 'Supplier', 'Newsletter', 'Ünïcode', 'Trade show'];
export const PHONES = ['+44 20 7946 0958', '020 7946 0958', '07700 900123', '555-0100', '+1 212 555 0199'];
export const TEXTS = [
  'Asked for a quote on the blue widgets',
  'Card 4111 1111 1111 1111 given on the phone',
  'Rückruf wegen der Lieferung',
  'Follow up next week about renewal',
  'Complained about late delivery',
];
export const DATES = ['2026-01-31', '2026-02-01', '2026-02-28', '2026-03-15', '2026-11-22', '2027-01-04'];

export const given = fc.constantFrom(...GIVEN);
export const family = fc.constantFrom(...FAMILY);
export const companyName = fc.constantFrom(...COMPANY_NAMES);
export const city = fc.constantFrom(...CITIES);
export const tag = fc.constantFrom(...TAGS);
export const phone = fc.constantFrom(...PHONES);
export const text = fc.constantFrom(...TEXTS);
export const date = fc.constantFrom(...DATES);
export const email = fc
  .tuple(fc.constantFrom('ann', 'bob', 'zoe', 'info', 'sales'), fc.nat(20))
  .map(([local, n]) => `${local}${n}@example.com`);
export const pick = fc.nat(1000);

/** What a command aims at: mostly a live record; now and then one in the Trash, or an id nothing has. */
export const target: fc.Arbitrary<'live' | 'trashed' | 'unknown'> = fc.oneof(
  { weight: 12, arbitrary: fc.constant('live' as const) },
  { weight: 1, arbitrary: fc.constant('trashed' as const) },
  { weight: 1, arbitrary: fc.constant('unknown' as const) },
);

/** A parameter that is now and then left out (undefined). */
export const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

/** A record a command aims at: which kind (see target) and which of them. */
export const ref = fc.record({ t: target, n: pick });

/** A link that may be left out (undefined), cleared (null) or aimed somewhere. */
export const link = opt(fc.option(ref, { nil: null }));

/** A flag that is set now and then (an invalid variant of a request). */
export const rarely = fc.oneof(
  { weight: 9, arbitrary: fc.constant(false) },
  { weight: 1, arbitrary: fc.constant(true) },
);

/** 'none' mostly, else one of the ways a request is made invalid. */
export function badOf<B extends string>(...ways: B[]): fc.Arbitrary<'none' | B> {
  return fc.oneof(
    { weight: 3 * ways.length, arbitrary: fc.constant('none' as const) },
    ...ways.map((b) => ({ weight: 1, arbitrary: fc.constant(b) })),
  );
}
export type Target = 'live' | 'trashed' | 'unknown';
/** A link as `link` draws it. */
type Link = { t: Target; n: number } | null | undefined;

/** Soft-deleted tables: a live row, a row in the Trash, or an unknown id; undefined when none fits. */
export function aim(w: World, table: string, t: Target, n: number, where = '1'): string | undefined {
  if (t === 'unknown') return UNKNOWN_ID;
  const rows = ids(
    w,
    `SELECT id FROM ${table} WHERE deleted_at IS ${t === 'live' ? '' : 'NOT'} NULL AND (${where}) ORDER BY rowid`,
  );
  return nth(rows, n);
}

/**
 * A link a request may name: left out (undefined), cleared (null), or aimed at a record. A live
 * record that does not exist yet leaves the link out; one in the Trash or unknown must be refused.
 */
export function aimLink(w: World, table: string, r: Link) {
  if (r === undefined) return { ok: true, id: undefined };
  if (r === null) return { ok: true, id: null };
  const id = aim(w, table, r.t, r.n);
  if (id === undefined) return { ok: true, id: undefined };
  return { ok: r.t === 'live', id };
}

/**
 * The person and company a request may name, each aimed as aimLink does and written into its
 * input (or patch) as personId and companyId unless left out. Returns both, for the expectation.
 */
export function aimParty(w: World, p: { person: Link; company: Link }, into: Record<string, unknown>) {
  const person = aimLink(w, 'people', p.person);
  const company = aimLink(w, 'companies', p.company);
  if (person.id !== undefined) into.personId = person.id;
  if (company.id !== undefined) into.companyId = company.id;
  return { person, company };
}

export function live(w: World, table: string, n: number, where = '1'): string | undefined {
  return aim(w, table, 'live', n, where);
}

/** The expectation for a request aimed at a target: a live one may work, anything else must not. */
export function expectFor(t: Target): 'any' | 'refused' {
  return t === 'live' ? 'any' : 'refused';
}

/** A staff profile as the book has them now (an archive or a restore brings its own), or nobody. */
export function staffPick(w: World, n: number): string | null {
  if (n % 3 === 2) return null;
  return nth(ids(w, `SELECT id FROM staff ORDER BY rowid`), n) ?? null;
}
