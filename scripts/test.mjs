#!/usr/bin/env node
/**
 * npm test: every check and every test layer, then one line of totals.
 *   1. types (tsc -b)   2. lint (eslint)   3. format (prettier --check)
 *   4. vitest: unit, backend, migrations, contract, renderer, shell (incl. electronegativity), e2e
 * Needs no network. Exits non-zero if anything fails.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const report = path.join(root, '.cache', 'vitest-report.json');
const steps = [
  ['types', bin('tsc'), ['-b']],
  ['lint', bin('eslint'), ['--max-warnings=0', '.']],
  ['format', bin('prettier'), ['--check', '--log-level=warn', '.']],
  [
    'tests',
    bin('vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  ],
];

const failed = [];
for (const [label, cmd, args] of steps) {
  const started = Date.now();
  process.stdout.write(`\n== ${label}: ${path.basename(cmd)} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    failed.push(label);
    process.stdout.write(`== ${label}: FAILED after ${secs} s\n`);
  } else {
    process.stdout.write(`== ${label}: ok in ${secs} s\n`);
  }
}

let passed = 0;
let failedTests = 0;
let skipped = 0;
if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = r.numPassedTests ?? 0;
  failedTests = r.numFailedTests ?? 0;
  skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  // A file that failed outside its tests (it did not load, or a hook threw) counts as one failure.
  for (const file of r.testResults ?? []) {
    const failedInside = (file.assertionResults ?? []).some((a) => a.status === 'failed');
    if (file.status === 'failed' && !failedInside) failedTests += 1;
  }
}
const checksFailed = failed.filter((f) => f !== 'tests').length;
process.stdout.write(
  `\nChecks: ${steps.length - 1 - checksFailed} of ${steps.length - 1} clean (types, lint, format)\n`,
);
process.stdout.write(`Totals: ${passed} passed, ${failedTests + checksFailed} failed, ${skipped} skipped\n`);
process.exit(failed.length > 0 ? 1 : 0);
