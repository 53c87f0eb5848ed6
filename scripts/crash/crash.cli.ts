/**
 * The crash harness at full count: `npm run crash` (200 kills), or `npm run crash -- --runs N
 * --seed S [--dir D]`. Prints each run's tally and a summary; exits 1 on any violation. `npm test`
 * runs the same harness at a small count (test/crash/crash.test.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runCrashHarness } from './crash.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '200' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    dir: { type: 'string' },
  },
});
const runs = Number(values.runs);
const seed = Number(values.seed);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number of runs');
const dir = values.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-crash-'));
console.log(`Crash harness: ${runs} runs, seed ${seed}, book in ${dir}`);
const started = performance.now();
const report = await runCrashHarness({
  dir,
  runs,
  seed,
  onRun: (run, r) => {
    if ((run + 1) % 10 === 0 || run + 1 === runs) {
      console.log(
        `  ${run + 1} runs: ${r.kills} kills, ${r.acked} of ${r.begun} writes returned, ${r.violations.length} violations`,
      );
    }
  },
});
const minutes = ((performance.now() - started) / 60_000).toFixed(1);
console.log(
  `\nruns ${report.runs}, kills ${report.kills}, writes begun ${report.begun}, returned ${report.acked}, violations ${report.violations.length} (${minutes} min, seed ${seed})`,
);
console.log(`writes returned by kind: ${JSON.stringify(report.byKind)}`);
for (const v of report.violations) console.log(`  violation: ${v}`);
if (values.dir === undefined) fs.rmSync(dir, { recursive: true, force: true });
process.exit(report.violations.length > 0 ? 1 : 0);
