/**
 * How long the property tests of test/backend/properties run.
 *
 * Each file has a default number of runs and a fixed seed (as the project's other property tests
 * do), so CI runs the same sequences every time and stays well inside its budget. Two variables
 * change that for a longer local session:
 *
 *   LEDGERLINE_PROPS_SCALE=10       ten times the runs of every file
 *   LEDGERLINE_PROPS_SEED=random    let fast-check pick the seed (a number picks that seed)
 *
 * A failure prints the seed, the path and the replayPath (in the counterexample) of the shrunk
 * sequence; pass them back to replay just that sequence:
 *   LEDGERLINE_PROPS_SEED=<seed> LEDGERLINE_PROPS_PATH=<path> LEDGERLINE_PROPS_REPLAY=<replayPath> \
 *     npx vitest run <file>
 * (LEDGERLINE_PROPS_TALLY=1 prints how often each request succeeded and was refused; =2 also
 * prints every refusal's code and message, to tune the specs.)
 */
import type fc from 'fast-check';

function scale(): number {
  const raw = process.env.LEDGERLINE_PROPS_SCALE;
  const n = raw === undefined ? 1 : Number(raw);
  return Number.isFinite(n) && n > 0 ? n : 1;
}

/** fast-check parameters for a property with this many runs by default and this fixed seed. */
export function propsParams<T>(defaultRuns: number, fixedSeed: number): fc.Parameters<T> {
  const seedText = process.env.LEDGERLINE_PROPS_SEED;
  const path = process.env.LEDGERLINE_PROPS_PATH;
  const params: fc.Parameters<T> = { numRuns: runsFor(defaultRuns) };
  if (seedText === 'random') return params;
  params.seed = seedText === undefined ? fixedSeed : Number(seedText);
  if (path) params.path = path;
  return params;
}

/** How many runs a file is set to make (for per-file time limits). */
export function runsFor(defaultRuns: number): number {
  return Math.max(1, Math.round(defaultRuns * scale()));
}
