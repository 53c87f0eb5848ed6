#!/usr/bin/env node
/**
 * node scripts/electronegativity.mjs [--input electron] [--out DIR] [--waivers FILE]
 *
 * Runs Electronegativity (Doyensec's Electron security scanner) over the main-process and
 * preload sources, fully offline, and writes two reports into DIR (default .cache/electronegativity):
 *
 *   electronegativity.csv   the tool's own CSV columns, one row per finding
 *   electronegativity.json  { electronVersion, files scanned, parse errors, checks, findings, unwaived }
 *
 * Why a wrapper and not the CLI: offline, the CLI fetches translations and retries late, throwing
 * after the report is written (exit code 1 either way); and with -o it drops parse errors
 * silently, so a file it cannot read would simply not be scanned. Here `got` is replaced by a
 * stub that fails at once (no network at all), the Electron version comes from
 * node_modules/electron, AvailableSecurityFixesGlobalCheck (a network lookup) is excluded, and
 * the list of scanned files and every parse error are written out so a test can tell a clean
 * scan from an empty one.
 *
 * Findings are waived only in build/electronegativity.waivers.json, each with a reason.
 * Exit code: 0 when no HIGH or MEDIUM finding is left unwaived and every file parsed; 1 otherwise.
 */
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function fail(message) {
  process.stderr.write(`Electronegativity could not run: ${message}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      input: { type: 'string', default: 'electron' },
      out: { type: 'string', default: path.join('.cache', 'electronegativity') },
      waivers: { type: 'string', default: path.join('build', 'electronegativity.waivers.json') },
    },
    strict: true,
  }));
} catch (err) {
  fail(
    `${err.message}. Usage: node scripts/electronegativity.mjs [--input DIR] [--out DIR] [--waivers FILE]`,
  );
}

const input = path.resolve(root, values.input);
const outDir = path.resolve(root, values.out);
const waiversFile = values.waivers === '' ? null : path.resolve(root, values.waivers);
if (!fs.existsSync(input)) fail(`the input ${input} does not exist.`);

const toolDir = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));
const toolVersion = JSON.parse(fs.readFileSync(path.join(toolDir, 'package.json'), 'utf8')).version;
const electronVersion = JSON.parse(
  fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'),
).version;

// No network: every `got` call Electronegativity makes fails at once (it falls back to its
// bundled en-US strings).
const gotPath = require.resolve('got', { paths: [toolDir] });
const offlineGot = Object.assign(
  () => Promise.reject(new Error('offline: network disabled by the wrapper')),
  {
    extend: () => offlineGot,
  },
);
const gotModule = new Module(gotPath);
gotModule.filename = gotPath;
gotModule.loaded = true;
gotModule.exports = offlineGot;
require.cache[gotPath] = gotModule;

const run = require(path.join(toolDir, 'dist/runner.js'));
const { list_files: listFiles } = require(path.join(toolDir, 'dist/util/file.js'));

const rel = (file) => (file === 'N/A' ? 'N/A' : path.relative(input, file).split(path.sep).join('/'));

// Quiet the tool's own console chatter (the translation fallback notice).
const quiet = console.log;
console.log = () => undefined;
let result;
let files;
try {
  files = (await listFiles(input)).map(rel).sort();
  result = await run(
    {
      input,
      output: undefined,
      isSarif: false,
      customScan: [],
      excludeFromScan: ['availablesecurityfixesglobalcheck'],
      severitySet: undefined,
      confidenceSet: undefined,
      isRelative: false,
      isVerbose: false,
      electronUpgrade: undefined,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  );
} finally {
  console.log = quiet;
}

const findings = result.issues.map((issue) => ({
  check: issue.id,
  severity: issue.severity.name,
  confidence: issue.confidence.name,
  file: rel(issue.file),
  location: `${issue.location?.line ?? 0}:${issue.location?.column ?? 0}`,
  sample: issue.sample ?? null,
  description: issue.description,
  manualReview: Boolean(issue.manualReview),
}));
const parseErrors = result.errors.map((e) => ({
  file: rel(e.file),
  message: e.message,
  tolerable: e.tolerable,
}));

let waivers = [];
if (waiversFile) {
  try {
    waivers = JSON.parse(fs.readFileSync(waiversFile, 'utf8')).waivers ?? [];
  } catch (err) {
    fail(`the waivers file ${waiversFile} is not valid JSON (${err.message}).`);
  }
}
// A waiver names a check, a file and optionally a piece of the flagged code (`contains`).
const waived = (f) =>
  waivers.some(
    (w) =>
      w.check === f.check &&
      w.file === f.file &&
      (w.contains === undefined || (typeof f.sample === 'string' && f.sample.includes(w.contains))),
  );
const unwaived = findings.filter((f) => (f.severity === 'HIGH' || f.severity === 'MEDIUM') && !waived(f));

const csvCell = (v) => (v === null || v === undefined ? 'N/A' : `"${String(v).replace(/"/g, '""')}"`);
const csv = [
  'issue, severity, confidence, filename, location, sample, description, url',
  ...findings.map((f) =>
    [
      f.check,
      csvCell(f.severity),
      csvCell(f.confidence),
      csvCell(f.file),
      csvCell(f.location),
      csvCell(f.sample),
      csvCell(f.description),
      `https://github.com/doyensec/electronegativity/wiki/${f.check}`,
    ].join(','),
  ),
].join('\n');

fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'electronegativity.csv'), `${csv}\n`);
fs.writeFileSync(
  path.join(outDir, 'electronegativity.json'),
  `${JSON.stringify(
    {
      tool: `@doyensec/electronegativity ${toolVersion}`,
      electronVersion,
      input: path.relative(root, input).split(path.sep).join('/'),
      files,
      checks: { global: result.globalChecks, atomic: result.atomicChecks },
      parseErrors,
      findings,
      unwaived,
    },
    null,
    2,
  )}\n`,
);

const broken = parseErrors.filter((e) => !e.tolerable);
const summary = `Electronegativity ${toolVersion} (Electron ${electronVersion}): ${files.length} files, ${findings.length} findings, ${unwaived.length} HIGH/MEDIUM unwaived, ${broken.length} unparsed.`;
process.stdout.write(`${summary}\n`);
for (const f of unwaived)
  process.stdout.write(`  ${f.severity} ${f.check} ${f.file}:${f.location} ${f.description}\n`);
for (const e of broken) process.stdout.write(`  could not parse ${e.file}: ${e.message}\n`);
// Exit now: nothing else (no late network retry) may run after the report is written.
process.exit(unwaived.length === 0 && broken.length === 0 ? 0 : 1);
