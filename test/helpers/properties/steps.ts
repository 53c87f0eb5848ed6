/**
 * The command machinery of the property tests. A Spec says how to make one request of the
 * contract from random parameters and the book as it is now: a valid attempt (which the book may
 * still refuse for a good reason, such as a status move it does not allow) or an invalid one (an
 * unknown id, a record in the Trash, a value out of range) that must be refused. Any request can
 * also be sent broken (a wrong type in one field, or an unknown field), which must be refused with
 * VALIDATION.
 *
 * Every step, the runner checks:
 *  - a refused request answered with a typed error (VALIDATION, NOT_FOUND, CONFLICT ...), never
 *    INTERNAL and never the bare "clashes with what is already in the book" of a constraint that a
 *    handler should have checked itself, and left every row of every table as it was;
 *  - a request that must be refused was, and one that must succeed did;
 *  - a request that succeeded appended to the change log, after the previous step's last seq, an
 *    entry for every row it added, changed or removed (a child row counts for its owner), left the
 *    older entries as they were, never made the newest seq go down, and was followed by a
 *    db.changed event naming the newest seq;
 *  - the book's invariants (invariants.ts): the cheap ones after every step, the deep ones and a
 *    search for a live person and company every DEEP_EVERY steps and at the end.
 */
import fc from 'fast-check';
import { ERROR_CODES, type ErrorCode } from '../../../shared/api/errors.ts';
import type { RequestName } from '../../../shared/api/requests.ts';
import { changedRows, scanBook, type Scan } from './fingerprint.ts';
import { cheapViolations, deepViolations } from './invariants.ts';
import { send, type World } from './world.ts';

export type Expect = 'ok' | 'refused' | 'any';

export interface Built {
  input: unknown;
  expect: Expect;
  /** Codes a refusal may carry (default: VALIDATION, NOT_FOUND, CONFLICT). */
  codes?: readonly ErrorCode[];
  /** Runs after a success, with the value (to remember a file id, say). */
  after?: (w: World, value: unknown) => void;
}

export interface Spec<P = unknown> {
  name: RequestName;
  /** Relative weight among the commands of a property (default 1). */
  weight?: number;
  arb: fc.Arbitrary<P>;
  /** The request for these parameters against the book as it is, or null when it does not apply. */
  build(w: World, p: P): Built | null | Promise<Built | null>;
  /**
   * The request replaces the whole book (a restore, an archive read back): its change log is the
   * snapshot's or the archive's, whose numbering must go on after the book's (checked instead).
   */
  replacesBook?: boolean;
  /** Why the request can only be refused in a world (the coverage check then asks for no success). */
  onlyRefused?: string;
}

/** Declares a spec with its parameter type inferred from the arbitrary. */
export function spec<P>(s: Spec<P>): Spec<P> {
  return s;
}

const REFUSALS: readonly ErrorCode[] = ['VALIDATION', 'NOT_FOUND', 'CONFLICT'];

/** How a request is broken: an unknown field at the top, or one field given a value of the wrong type. */
export type Break = { kind: 'extra' } | { kind: 'retype'; at: number };

type Json = Record<string, unknown>;

/** Paths to every value of an input, except inside maps whose values may be of several types. */
function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = prefix.length ? [prefix] : [];
  if (typeof value !== 'object' || value === null) return out;
  for (const [k, v] of Object.entries(value)) {
    if (k === 'custom' || k === 'take') continue;
    out.push(...leafPaths(v, [...prefix, Array.isArray(value) ? Number(k) : k]));
  }
  return out;
}

/** A value no schema field of the original's type accepts. */
function wrongType(v: unknown): unknown {
  if (typeof v === 'string') return 12345;
  if (typeof v === 'number') return 'seven';
  if (typeof v === 'boolean') return 'yes';
  // A nullable field may be text, a number or an object: none of them is this.
  if (v === null) return { wrongType: true };
  if (Array.isArray(v)) return 'not a list';
  return 'not an object';
}

export function breakInput(input: unknown, how: Break): unknown {
  const copy = structuredClone(input) as Json;
  const paths = leafPaths(copy).filter((p) => p.length > 0);
  if (how.kind === 'extra' || paths.length === 0 || typeof copy !== 'object' || copy === null) {
    return { ...copy, unexpectedField: true };
  }
  const path = paths[how.at % paths.length]!;
  let at: Json = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Json;
  const last = path.at(-1)!;
  at[last] = wrongType(at[last]);
  return copy;
}

const DEEP_EVERY = 8;

export interface StepParams {
  p: unknown;
  broken: Break | null;
  /** Milliseconds the clock moves before the step. */
  advance: number;
}

function fail(w: World, message: string, details: string[] = []): never {
  const trail = w.trail.slice(-40).map((t, i, all) => `  ${w.step - all.length + i + 1}. ${t}`);
  const logs = w.logs.slice(-3).map((l) => `  ${l.slice(0, 1500)}`);
  throw new Error(
    [
      message,
      ...details.map((d) => `  - ${d}`),
      'Steps (newest last):',
      ...trail,
      ...(logs.length ? ['The backend logged:', ...logs] : []),
    ].join('\n'),
  );
}

/** The change log may only grow: its earlier rows unchanged, its newest seq never lower. */
function checkChangeLog(w: World, before: Scan, after: Scan): void {
  if (after.maxSeq < before.maxSeq)
    fail(w, `The change log went back from ${before.maxSeq} to ${after.maxSeq}.`);
  const kept = after.changes.slice(0, before.changes.length);
  if (kept.length !== before.changes.length || kept.some((row, i) => row !== before.changes[i])) {
    fail(w, 'Entries of the change log were changed or removed.');
  }
  const { needs, tables } = changedRows(before, after);
  const logged = new Set(
    (
      w.reader.prepare(`SELECT DISTINCT tbl, row_id FROM changes WHERE seq > ?`).raw().all(before.maxSeq) as [
        string,
        string,
      ][]
    ).map(([t, id]) => `${t}\u0000${id}`),
  );
  const missing: string[] = [];
  for (const [key, why] of needs) {
    const table = key.split('\u0000')[0]!;
    if (logged.has(key) || logged.has(`${table}\u0000*`)) continue;
    missing.push(`${key.replace('\u0000', ' ')}: ${why.slice(0, 3).join('; ')}`);
  }
  if (missing.length > 0) fail(w, 'A write changed rows the change log does not name:', missing.slice(0, 10));
  // import_mappings holds the column mapping last chosen for a file's headers: a preference the
  // import remembers, not a record of the book, so no window needs to hear of it.
  const stateTables = tables.filter(
    (t) => t !== 'changes' && t !== 'import_mappings' && !t.startsWith('sqlite_'),
  );
  if (stateTables.length > 0 && after.maxSeq === before.maxSeq) {
    fail(w, `A write changed ${stateTables.join(', ')} without appending to the change log.`);
  }
}

function checkInvariants(w: World, deep: boolean): void {
  const violations = cheapViolations(w.reader);
  if (deep) violations.push(...deepViolations(w.reader));
  if (violations.length > 0) fail(w, 'The book broke an invariant:', violations.slice(0, 15));
}

/** Finds a live person and a live company through search.global, by name. */
async function checkSearchFinds(w: World): Promise<void> {
  const probes: { kind: 'person' | 'company'; sql: string }[] = [
    { kind: 'person', sql: `SELECT id, display_name FROM people WHERE deleted_at IS NULL ORDER BY rowid` },
    { kind: 'company', sql: `SELECT id, name FROM companies WHERE deleted_at IS NULL ORDER BY rowid` },
  ];
  for (const probe of probes) {
    const rows = w.reader.prepare(probe.sql).raw().all() as [string, string][];
    if (rows.length === 0) continue;
    const [id, name] = rows[w.step % rows.length]!;
    const words = name
      .normalize('NFC')
      .split(/[^\p{L}\p{N}\p{M}]+/u)
      .filter(Boolean)
      .slice(0, 8);
    if (words.length === 0) continue;
    const envelope = await send(w, 'search.global', { query: name, limit: 50 });
    if (!envelope.ok) fail(w, `search.global refused ${JSON.stringify(name)}: ${envelope.error.message}`);
    const result = envelope.value as { groups: { kind: string; hits: { id: string }[] }[] };
    const hits = result.groups.find((g) => g.kind === probe.kind)?.hits ?? [];
    if (hits.length < 50 && !hits.some((h) => h.id === id)) {
      fail(w, `search.global for ${JSON.stringify(name)} does not find the live ${probe.kind} ${id}.`, [
        `hits: ${JSON.stringify(hits.map((h) => h.id))}`,
      ]);
    }
  }
}

export async function runStep(w: World, s: Spec, params: StepParams, label: string): Promise<void> {
  w.b.clock.advance(params.advance);
  const built = await s.build(w, params.p);
  const tally = w.tally.get(s.name) ?? { ok: 0, refused: 0, skipped: 0 };
  w.tally.set(s.name, tally);
  if (!built) {
    tally.skipped += 1;
    return;
  }
  w.step += 1;
  w.trail.push(label);
  const input = params.broken ? breakInput(built.input, params.broken) : built.input;
  const expect: Expect = params.broken ? 'refused' : built.expect;
  const codes = params.broken ? (['VALIDATION'] as const) : (built.codes ?? REFUSALS);
  const before = w.last;
  const eventsBefore = w.b.events.length;
  const envelope = await send(w, s.name, input);
  const after = scanBook(w.reader);
  const shown = `${s.name} ${JSON.stringify(input).slice(0, 600)}`;
  if (!envelope.ok) {
    tally.refused += 1;
    const e = envelope.error;
    if (process.env.LEDGERLINE_PROPS_TALLY === '2') console.log(`refused ${s.name}: ${e.code} ${e.message}`);
    if (!ERROR_CODES.includes(e.code)) fail(w, `${shown} was refused with an unknown code ${e.code}.`);
    if (!codes.includes(e.code)) {
      fail(w, `${shown} was refused with ${e.code} (expected ${codes.join(' or ')}): ${e.message}`);
    }
    const constraint = (e.details as { constraint?: unknown } | undefined)?.constraint;
    if (constraint !== undefined) {
      fail(w, `${shown} hit the database's ${String(constraint)} constraint instead of a check of its own.`);
    }
    if (expect === 'ok') fail(w, `${shown} is valid but was refused: ${e.code} ${e.message}`);
    if (after.digest !== before.digest) {
      const { tables } = changedRows(before, after);
      fail(w, `${shown} was refused (${e.code}: ${e.message}) but changed ${tables.join(', ')}.`);
    }
  } else {
    tally.ok += 1;
    if (expect === 'refused') fail(w, `${shown} should have been refused, but it succeeded.`);
    if (s.replacesBook) {
      if (after.maxSeq <= before.maxSeq)
        fail(w, `${shown} replaced the book but the change log did not go on.`);
    } else {
      checkChangeLog(w, before, after);
    }
    // After the commit, the windows hear of it: a db.changed up to the newest seq.
    if (after.maxSeq > before.maxSeq) {
      const told = w.b.events
        .slice(eventsBefore)
        .filter((e) => e.event === 'db.changed')
        .map((e) => (e.payload as { seq: number }).seq);
      if (!told.includes(after.maxSeq)) {
        fail(w, `${shown} appended up to seq ${after.maxSeq} but db.changed said ${JSON.stringify(told)}.`);
      }
    }
    built.after?.(w, envelope.value);
  }
  w.last = after;
  const deep = w.step % DEEP_EVERY === 0;
  checkInvariants(w, deep);
  if (deep) await checkSearchFinds(w);
}

/** The final check of a run: every invariant, deep ones too, and the searches. */
export async function finalCheck(w: World): Promise<void> {
  w.last = scanBook(w.reader);
  checkInvariants(w, true);
  await checkSearchFinds(w);
}

class StepCommand implements fc.AsyncCommand<object, World> {
  readonly s: Spec;
  readonly params: StepParams;
  constructor(s: Spec, params: StepParams) {
    this.s = s;
    this.params = params;
  }
  check(): boolean {
    return true;
  }
  async run(_model: object, w: World): Promise<void> {
    await runStep(w, this.s, this.params, this.toString());
  }
  toString(): string {
    const broken = this.params.broken ? ` broken:${JSON.stringify(this.params.broken)}` : '';
    return `${this.s.name} ${JSON.stringify(this.params.p)}${broken} +${this.params.advance}ms`;
  }
}

const breakArb: fc.Arbitrary<Break | null> = fc.oneof(
  { weight: 17, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant({ kind: 'extra' } as Break) },
  { weight: 2, arbitrary: fc.nat(50).map((at): Break => ({ kind: 'retype', at })) },
);

const advanceArb = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 1, max: 60_000 }),
  fc.integer({ min: 3_600_000, max: 3 * 86_400_000 }),
);

/** The arbitrary of one command of a spec. */
export function commandArb(s: Spec): fc.Arbitrary<fc.AsyncCommand<object, World>> {
  return fc
    .record({ p: s.arb, broken: breakArb, advance: advanceArb })
    .map((params) => new StepCommand(s, params as StepParams));
}

/** Random sequences of the specs' commands, weighted. */
export function sequences(specs: readonly Spec[], maxCommands: number) {
  return fc.commands(
    specs.flatMap((s) => {
      const arbitrary = commandArb(s);
      return Array.from({ length: s.weight ?? 1 }, () => arbitrary);
    }),
    {
      maxCommands,
      size: 'max',
      // With the seed and path of a failure, its replayPath (printed in the counterexample).
      ...(process.env.LEDGERLINE_PROPS_REPLAY ? { replayPath: process.env.LEDGERLINE_PROPS_REPLAY } : {}),
    },
  );
}
