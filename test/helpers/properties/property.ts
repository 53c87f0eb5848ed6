/**
 * One property: random sequences of commands, each run on a fresh world, every step checked
 * (steps.ts), every invariant checked again at the end of the run. fast-check shrinks a failing
 * sequence and prints it with its seed and path (config.ts says how to replay it).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { propsParams, runsFor } from './config.ts';
import { commandArb, finalCheck, sequences, type Spec } from './steps.ts';
import { openWorld, type Tally, type World, type WorldOptions } from './world.ts';

export interface PropertyOptions {
  specs: readonly Spec[];
  /** Runs at the default scale, and the fixed seed. */
  runs: number;
  seed: number;
  maxCommands: number;
  world?: Omit<WorldOptions, 'tally'>;
}

export async function checkSequences(o: PropertyOptions, tally: Tally): Promise<void> {
  await fc.assert(
    fc.asyncProperty(sequences(o.specs, o.maxCommands), async (cmds) => {
      const w: World = await openWorld({ ...o.world, tally });
      try {
        await fc.asyncModelRun(() => ({ model: {}, real: w }), cmds);
        await finalCheck(w);
      } finally {
        await w.close();
      }
    }),
    propsParams(o.runs, o.seed),
  );
}

/**
 * A guided tour of the specs on one world, every step checked as in the properties: each spec in
 * turn is sampled (from a fixed seed) until it has succeeded and been refused at least once, or
 * `tries` samples are spent, in two passes so that later specs' records (a custom field, a won
 * deal, a photo) exist for earlier ones. Returns the specs it could not make both succeed and be
 * refused: a spec that never gets through tests little, so the test file asserts this is empty.
 */
export async function tour(
  specs: readonly Spec[],
  world: Omit<WorldOptions, 'tally'>,
  seed: number,
  tries = 40,
): Promise<string[]> {
  const tally: Tally = new Map();
  const w = await openWorld({ ...world, tally });
  try {
    for (const pass of [0, 1]) {
      for (const [i, s] of specs.entries()) {
        const samples = fc.sample(commandArb(s), { numRuns: tries, seed: seed + pass * 1000 + i });
        for (const [k, command] of samples.entries()) {
          const t = tally.get(s.name);
          // A few of each, so there is something for the next ones to work on, then until both.
          if (k >= 3 && t && t.ok > 0 && t.refused > 0) break;
          await command.run({}, w);
        }
      }
    }
    await finalCheck(w);
  } finally {
    await w.close();
  }
  return notExercised(tally, specs);
}

type WorldStart = Omit<WorldOptions, 'tally'>;

export interface AreaOptions {
  /** The area's writes as the tests' titles name them: "contacts", "book-wide". */
  area: string;
  /** The area's own specs: the guided tour makes each succeed and be refused. */
  own: readonly Spec[];
  /** The tour's order, where one spec needs another's records first (default: `own`'s). */
  tourOrder?: readonly Spec[];
  /** The other writes mixed into the sequences: those that make, move or remove what the area's records hang on. */
  others: readonly Spec[];
  /** Runs at the default scale. */
  runs: number;
  /** The fixed seeds of the tour and of the sequences. */
  seeds: { tour: number; sequences: number };
  maxCommands: number;
  /** The world both start from; a function where it is only known once a beforeAll has run. */
  world: WorldStart | (() => WorldStart);
  /** The tour's time limit, where vitest's default is too short. */
  tourTimeout?: number;
}

/**
 * The property tests of one area of the book: a guided tour of the area's own specs, then the
 * random sequences of them mixed with the others, every step checked; the tally of what each
 * request did is printed at the end (LEDGERLINE_PROPS_TALLY=1).
 */
export function describeArea(o: AreaOptions): void {
  const world = () => (typeof o.world === 'function' ? o.world() : o.world);
  const tally: Tally = new Map();
  describe(`${o.area} writes under random sequences keep the book sound (properties)`, () => {
    it(
      `a guided tour: every ${o.area} write succeeds and is refused at least once, each step checked`,
      async () => {
        const order = o.tourOrder ?? o.own;
        // The tour goes through every one of the area's specs, and only those.
        const own = new Set(o.own.map((s) => s.name));
        const toured = new Set(order.map((s) => s.name));
        expect([...toured].filter((n) => !own.has(n))).toEqual([]);
        expect([...own].filter((n) => !toured.has(n))).toEqual([]);
        expect(await tour(order, world(), o.seeds.tour)).toEqual([]);
      },
      o.tourTimeout,
    );

    it(
      'every step: refusals typed and harmless, the change log complete, every invariant held',
      async () => {
        await checkSequences(
          {
            specs: [...o.own, ...o.others],
            runs: o.runs,
            seed: o.seeds.sequences,
            maxCommands: o.maxCommands,
            world: world(),
          },
          tally,
        );
      },
      timeLimit(o.runs),
    );

    afterAll(() => printTally(tally));
  });
}

/** A vitest time limit that grows with the number of runs (a run takes about a second). */
export function timeLimit(runs: number): number {
  return 60_000 + runsFor(runs) * 5_000;
}

/** Prints what each request did (LEDGERLINE_PROPS_TALLY=1), to tune the weights. */
export function printTally(tally: Tally): void {
  if (!process.env.LEDGERLINE_PROPS_TALLY) return;
  const rows = [...tally].map(
    ([name, t]) => `${name.padEnd(24)} ${t.ok} ok, ${t.refused} refused, ${t.skipped} skipped`,
  );
  console.log(rows.sort().join('\n'));
}

/** The requests of these specs that never succeeded, or were never refused, over the property. */
export function notExercised(tally: Tally, specs: readonly Spec[]): string[] {
  return specs
    .map((s) => ({ name: s.name, t: tally.get(s.name) }))
    .filter(({ name, t }) => !t || (t.ok === 0 && !specOnlyRefused(specs, name)) || t.refused === 0)
    .map(
      ({ name, t }) =>
        `${name}: ${t ? `${t.ok} ok, ${t.refused} refused, ${t.skipped} skipped` : 'never run'}`,
    );
}

function specOnlyRefused(specs: readonly Spec[], name: string): boolean {
  return specs.some((s) => s.name === name && s.onlyRefused !== undefined);
}

/** Two people and a company to start from. */
export async function seedContacts(w: World): Promise<void> {
  const { client } = w.b;
  const acme = await client.call('companies.create', { name: 'Acme Ltd', address: { city: 'Leeds' } });
  await client.call('people.create', {
    person: {
      givenName: 'Ann',
      familyName: 'Example',
      companyId: acme.id,
      emails: [{ label: 'work', email: 'ann0@example.com' }],
      phones: [{ label: 'mobile', number: '07700 900123' }],
    },
  });
  await client.call('people.create', { person: { givenName: 'Bob', familyName: 'Müller', tags: ['VIP'] } });
}
