/**
 * npm run bench -- [--contacts N] [--json FILE] [--no-render] [--runs N] [--seed S] [--cache DIR]
 *                  [--rebuild] [--generate-only] [--only a,b] [--scroll-seconds S] [--budget S]
 *                  [--import-rows SMALL,LARGE]
 *
 * 1. The book of N people (default 100,000) comes from the cache, or is generated and cached.
 * 2. A copy goes to a temp folder; everything below runs on the copy.
 * 3. open.cold: a fresh process opens the book and answers its first query, app and raw in turn.
 * 4. Two measuring processes, the app (backend + job workers, in-process transport) and raw SQLite,
 *    both run from a bundle built as the app's is (measure/bundle.ts),
 *    run each measurement in alternating rounds of 5, so a busy machine slows both alike, and take
 *    turns at going first (the side that reads a run's inputs first pays for any page the disk
 *    still has to give); one that takes longer than --budget seconds (120) stops after its
 *    current round.
 * 5. Chromium through the preview server, which the app's process serves on the book it has open
 *    (unless --no-render).
 * The table goes to stdout (progress to stderr); --json FILE writes the results.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { copyForRun, defaultCacheRoot, ensureBook } from './cache.ts';
import { importFilesOf, writeImportFile } from './measure/app.ops.ts';
import { bundleChildren } from './measure/bundle.ts';
import { IMPORT_LARGE, IMPORT_SMALL } from './measure/scenario.ts';
import { MEASUREMENTS, type MeasurementDef } from './measure/measurements.ts';
import { measureRender } from './measure/render.ts';
import type { FromChild, ToChild } from './measure/serve.ts';
import { fixed, markdown, percentile, summarise, verdict, type BenchJson, type Result } from './report.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DEFAULT_SEED = 20261122;
/** Runs per round: the app and raw take turns in rounds this long (an even number of rounds in 30 runs). */
const ROUND = 5;
const log = (message: string) => process.stderr.write(`${message}\n`);

/** The result names a run reports (the smoke test checks them). */
export function expectedNames(render: boolean): string[] {
  return MEASUREMENTS.filter((m) => render || m.where !== 'render').map((m) => m.name);
}

interface Options {
  contacts: number;
  seed: number;
  json: string | null;
  render: boolean;
  runs: number;
  cache: string;
  rebuild: boolean;
  generateOnly: boolean;
  only: string[] | null;
  scrollSeconds: number;
  /** Seconds after which a measurement stops at the end of its round (runs column shows how many). */
  budget: number;
  /** Rows of the files import.csv100k and import.csv1m read (100,000 and 1,000,000; the smoke test less). */
  importRows: [number, number];
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      contacts: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'string' },
      render: { type: 'boolean', default: true },
      runs: { type: 'string' },
      cache: { type: 'string' },
      rebuild: { type: 'boolean', default: false },
      'generate-only': { type: 'boolean', default: false },
      only: { type: 'string' },
      'scroll-seconds': { type: 'string' },
      budget: { type: 'string' },
      'import-rows': { type: 'string' },
    },
    allowNegative: true,
    strict: true,
  });
  const int = (v: string | undefined, fallback: number, what: string, min = 1) => {
    if (v === undefined) return fallback;
    const n = Number(v.replaceAll('_', ''));
    if (!Number.isInteger(n) || n < min)
      throw new Error(`${what} must be a whole number of at least ${min}, not "${v}"`);
    return n;
  };
  return {
    contacts: int(values.contacts, 100_000, '--contacts', 10),
    seed: int(values.seed, DEFAULT_SEED, '--seed', 0),
    json: values.json ?? null,
    render: values.render,
    runs: int(values.runs, 30, '--runs', 1),
    cache: values.cache ?? defaultCacheRoot(),
    rebuild: values.rebuild,
    generateOnly: values['generate-only'],
    only: values.only ? values.only.split(',').map((s) => s.trim()) : null,
    scrollSeconds: int(values['scroll-seconds'], 10, '--scroll-seconds', 1),
    budget: int(values.budget, 120, '--budget', 1),
    importRows: importRows(values['import-rows'], int),
  };
}

function importRows(
  v: string | undefined,
  int: (v: string | undefined, fallback: number, what: string, min?: number) => number,
): [number, number] {
  if (v === undefined) return [IMPORT_SMALL, IMPORT_LARGE];
  const [small, large] = v.split(',');
  return [int(small, IMPORT_SMALL, '--import-rows', 1), int(large, IMPORT_LARGE, '--import-rows', 1)];
}

/** A measuring child process, asked one thing at a time. */
class Side {
  readonly names: Set<string>;
  private readonly child: ChildProcess;
  private constructor(child: ChildProcess, names: string[]) {
    this.child = child;
    this.names = new Set(names);
  }

  static async start(name: string, file: string, args: string[]): Promise<Side> {
    const child = fork(file, args, { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    child.stdout?.pipe(process.stderr);
    const names = await new Promise<string[]>((resolve, reject) => {
      child.once('message', (m: FromChild) =>
        m.type === 'ready' ? resolve(m.names) : reject(new Error(String(m))),
      );
      child.once('exit', (code) =>
        reject(new Error(`The ${name} process exited with code ${code} before it was ready`)),
      );
    });
    child.removeAllListeners('exit');
    return new Side(child, names);
  }

  /** One message to the child and its answer (a failure there is thrown here). */
  private exchange(message: ToChild): Promise<FromChild> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`The measuring process exited (code ${code})`));
      this.child.once('exit', onExit);
      this.child.once('message', (m: FromChild) => {
        this.child.off('exit', onExit);
        if (m.type === 'failed') reject(new Error(m.message));
        else resolve(m);
      });
      this.child.send(message);
    });
  }

  async ask(message: ToChild): Promise<number[]> {
    const m = await this.exchange(message);
    if (m.type !== 'done') throw new Error(`Unexpected message ${m.type}`);
    return m.samples;
  }

  /** The app's side: starts the preview server on its open book; answers the page's address. */
  async preview(staticDir: string): Promise<string> {
    const m = await this.exchange({ type: 'preview', staticDir });
    if (m.type !== 'serving') throw new Error(`Unexpected message ${m.type}`);
    return m.url;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ type: 'close' } satisfies ToChild);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

/** One open.cold run: spawn to the child's "answered" line. */
function openCold(
  file: string,
  mode: 'app' | 'raw',
  where: string,
): Promise<{ ms: number; parts: Record<string, number> }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [file, mode, where], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let answered: { ms: number; parts: Record<string, number> } | null = null;
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /^answered (.*)$/mu.exec(out);
      if (m?.[1] && !answered)
        answered = { ms: performance.now() - t0, parts: JSON.parse(m[1]) as Record<string, number> };
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    // The next run starts once this process has closed the book (and released its lock).
    child.once('exit', (code) => {
      if (answered && code === 0) resolve(answered);
      else
        reject(
          new Error(
            `open.cold (${mode}) exited with code ${code}: ${err.trim().split('\n').slice(-3).join(' ')}`,
          ),
        );
    });
  });
}

function cpuName(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'} × ${cpus.length}`;
}

async function main() {
  const opts = options();
  // Every process and thread started from here on keeps its compiled code in Node's compile
  // cache, as Electron keeps V8's code cache for the installed app: the measuring children run
  // from a bundle (below), and the book's generator and this process from source.
  process.env.NODE_COMPILE_CACHE ??= path.join(opts.cache, 'node-compile-cache');
  const wanted = (def: MeasurementDef) =>
    (opts.render || def.where !== 'render') &&
    (!opts.only || opts.only.some((o) => def.name === o || def.name.startsWith(o.replace(/\*$/u, ''))));
  const defs = MEASUREMENTS.filter(wanted);

  const t0 = performance.now();
  const book = await ensureBook({
    root: opts.cache,
    seed: opts.seed,
    contacts: opts.contacts,
    rebuild: opts.rebuild,
    log,
  });
  log(`Book: ${book.file} (${(fs.statSync(book.file).size / 2 ** 30).toFixed(2)} GB)`);
  if (opts.generateOnly) {
    log(JSON.stringify(book.meta, null, 2));
    return;
  }
  const copyStart = performance.now();
  const run = copyForRun(book);
  log(`Copied for this run in ${((performance.now() - copyStart) / 1000).toFixed(1)} s: ${run.dir}`);
  const probesFile = path.join(book.dir, 'probes.json');
  // The children run from a bundle, as the installed app runs its backend (measure/bundle.ts). It
  // lives under the project, where its imports of the dependencies find node_modules.
  const bundleDir = path.join(HERE, '..', '..', '.cache', `bench-${process.pid}`);
  const bundle = await bundleChildren(bundleDir);

  const samples = new Map<string, { app: number[]; raw: number[] | null }>();
  const failures: string[] = [];
  const sides: Side[] = [];
  const cleanUp = () => {
    for (const s of sides) s.kill();
    run.remove();
    fs.rmSync(bundleDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    cleanUp();
    process.exit(130);
  });
  let coldParts: Record<string, number> | null = null;

  try {
    // open.cold, before anything holds the book.
    const cold = defs.find((d) => d.where === 'process');
    if (cold) {
      const app: number[] = [];
      const raw: number[] = [];
      const parts: Record<string, number>[] = [];
      log(`open.cold: ${cold.runs(opts.runs)} runs`);
      try {
        const started = performance.now();
        for (let i = 0; i < cold.runs(opts.runs); i++) {
          const a = await openCold(bundle.cold, 'app', run.dir);
          app.push(a.ms);
          parts.push(a.parts);
          raw.push((await openCold(bundle.cold, 'raw', run.file)).ms);
          if (i >= 2 && performance.now() - started > opts.budget * 1000) break;
        }
        samples.set(cold.name, { app, raw });
        coldParts = Object.fromEntries(
          ['imported', 'opened', 'answered'].map((k) => [
            k,
            percentile(
              parts.map((p) => p[k] ?? 0),
              50,
            ),
          ]),
        );
      } catch (err) {
        failures.push(`${cold.name}: ${(err as Error).message}`);
      }
    }

    const opsDefs = defs.filter((d) => d.where === 'ops');
    const memory = defs.find((d) => d.where === 'memory');
    const renderDefs = defs.filter((d) => d.where === 'render');
    if (opsDefs.length > 0 || memory || renderDefs.length > 0) {
      const importFiles = opsDefs.flatMap((d) => importFilesOf(d.name, run.dir, opts.importRows));
      if (importFiles.length > 0) {
        const started = performance.now();
        for (const f of importFiles) writeImportFile(f.file, f.rows, f.run);
        log(
          `Wrote ${importFiles.length} import files in ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
      }
      log('Starting the app and raw measuring processes');
      const app = await Side.start('app', bundle.app, [run.dir, probesFile, opts.importRows.join(',')]);
      sides.push(app);
      const raw = await Side.start('raw', bundle.raw, [run.file, probesFile]);
      sides.push(raw);
      for (const def of opsDefs) {
        const runs = def.runs(opts.runs);
        const hasRaw = raw.names.has(def.name);
        const started = performance.now();
        try {
          await app.ask({ type: 'prepare', name: def.name, warmup: def.warmup });
          if (hasRaw) await raw.ask({ type: 'prepare', name: def.name, warmup: def.warmup });
          const appSamples: number[] = [];
          const rawSamples: number[] = [];
          // Alternating rounds of up to 5 runs on the same inputs: app then raw, raw then app, and
          // so on. Each run reads another person, so whichever side goes first pays for the pages
          // that are not in memory yet; taking turns shares that cost out evenly. A measurement
          // that has taken more than the time budget stops after the round it is in.
          for (let from = 0, round = 0; from < runs; round++) {
            const count = Math.min(ROUND, runs - from);
            const appRound = async () =>
              appSamples.push(...(await app.ask({ type: 'run', name: def.name, from, count })));
            const rawRound = async () =>
              hasRaw && rawSamples.push(...(await raw.ask({ type: 'run', name: def.name, from, count })));
            if (round % 2 === 0) {
              await appRound();
              await rawRound();
            } else {
              await rawRound();
              await appRound();
            }
            from += count;
            if (performance.now() - started > opts.budget * 1000) break;
          }
          samples.set(def.name, { app: appSamples, raw: hasRaw ? rawSamples : null });
          // The app's peak so far, so the log shows which measurement raised memory.peak_mb.
          const peak = (await app.ask({ type: 'memory' }))[0]!;
          log(
            `  ${def.name}: p50 ${percentile(appSamples, 50).toFixed(2)} ms` +
              (hasRaw ? `, raw ${percentile(rawSamples, 50).toFixed(2)} ms` : '') +
              ` (${((performance.now() - started) / 1000).toFixed(1)} s; app's peak so far ${peak.toFixed(0)} MB)`,
          );
        } catch (err) {
          failures.push(`${def.name}: ${(err as Error).message}`);
          log(`  ${def.name} FAILED: ${(err as Error).message}`);
        }
      }
      // The peak so far: the preview server below is not part of it.
      if (memory) {
        const appMb = (await app.ask({ type: 'memory' }))[0]!;
        const rawMb = (await raw.ask({ type: 'memory' }))[0]!;
        samples.set(memory.name, { app: [appMb], raw: [rawMb] });
      }
      await raw.close();

      // The renderer, served by the app's process on the book it has open (and has checked): a
      // preview process of its own would read the whole book again to check it, and take the
      // day's snapshot of it while Chromium is being measured.
      if (renderDefs.length > 0) {
        log('Renderer: building it (cached by source), serving it from the app process, starting Chromium');
        try {
          const first = renderDefs.find((d) => d.name === 'render.first_contacts');
          const r = await measureRender({
            serve: (staticDir) => app.preview(staticDir),
            contacts: opts.contacts,
            runs: first ? first.runs(opts.runs) : 1,
            scrollSeconds: opts.scrollSeconds,
            log,
          });
          samples.set('render.first_contacts', { app: r.firstContacts, raw: null });
          samples.set('render.scroll_fps', { app: r.frameGaps, raw: null });
          log(
            `  render.first_contacts: p50 ${percentile(r.firstContacts, 50).toFixed(0)} ms; ${r.frameGaps.length} frames scrolled`,
          );
        } catch (err) {
          failures.push(`render: ${(err as Error).message}`);
          log(`  render FAILED: ${(err as Error).message}`);
        }
      }
      await app.close();
      sides.length = 0;
    }
  } finally {
    cleanUp();
  }

  // Results, in the definitions' order.
  const results: Result[] = [];
  const runs = new Map<string, string>();
  for (const def of defs) {
    if (def.name === 'render.scroll_fps' || def.name === 'render.scroll_slow_frames_pct') {
      const gaps = samples.get('render.scroll_fps')?.app;
      if (!gaps || gaps.length === 0) continue;
      const fps = (gap: number) => 1000 / gap;
      if (def.name === 'render.scroll_fps') {
        results.push(
          fixed(def.name, fps(percentile(gaps, 50)), fps(percentile(gaps, 95)), fps(Math.max(...gaps))),
        );
      } else {
        const pct = (gaps.filter((g) => g > 18).length / gaps.length) * 100;
        results.push(fixed(def.name, pct, pct, pct));
      }
      runs.set(def.name, `${gaps.length} frames`);
      continue;
    }
    const s = samples.get(def.name);
    if (!s) continue;
    if (def.where === 'memory') {
      results.push(fixed(def.name, s.app[0]!, s.app[0]!, s.app[0]!, s.raw?.[0] ?? null));
      runs.set(def.name, '1');
      continue;
    }
    results.push(summarise(def.name, s.app, s.raw));
    runs.set(def.name, String(s.app.length));
  }
  const json: BenchJson = { contacts: opts.contacts, node: process.version, results };

  const c = book.meta.counts;
  const header = [
    `Ledgerline bench: ${opts.contacts.toLocaleString('en')} people, Node ${process.version}, ${cpuName()}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Book (seed ${opts.seed}): ${c.people?.toLocaleString('en')} people, ${c.companies?.toLocaleString('en')} companies, ` +
      `${c.calls?.toLocaleString('en')} calls, ${c.tasks?.toLocaleString('en')} tasks, ${c.notes?.toLocaleString('en')} notes, ` +
      `${c.orders?.toLocaleString('en')} orders (${c.order_lines?.toLocaleString('en')} lines), ${c.deals?.toLocaleString('en')} deals, ${c.cases?.toLocaleString('en')} cases, ` +
      `${c.search_docs?.toLocaleString('en')} search documents; ${(fs.existsSync(book.file) ? fs.statSync(book.file).size / 2 ** 30 : 0).toFixed(2)} GB; ` +
      `${book.built ? `generated now in ${(book.meta.generatedMs / 1000).toFixed(0)} s` : `from the cache (generated in ${(book.meta.generatedMs / 1000).toFixed(0)} s)`}.`,
  ];
  if (opts.contacts !== 1_000_000)
    header.push('', 'Targets are for 1,000,000 people; at this size they only indicate.');
  if (coldParts) {
    header.push(
      '',
      `open.cold (app, median, ms since process start): modules loaded ${coldParts.imported?.toFixed(0)}, book open ${coldParts.opened?.toFixed(0)}, first page answered ${coldParts.answered?.toFixed(0)}.`,
    );
  }
  process.stdout.write(markdown(json, runs, header));
  const missed = results.filter(
    (r) =>
      verdict(
        MEASUREMENTS.find((m) => m.name === r.name)!,
        r,
        results,
      ).status === 'missed',
  );
  process.stdout.write(
    `\n${missed.length === 0 ? 'Every target met.' : `Targets missed: ${missed.map((r) => r.name).join(', ')}.`} ` +
      `Total time ${((performance.now() - t0) / 1000).toFixed(0)} s.\n`,
  );
  if (opts.json) {
    fs.mkdirSync(path.dirname(path.resolve(opts.json)), { recursive: true });
    fs.writeFileSync(opts.json, `${JSON.stringify(json, null, 2)}\n`);
    log(`Wrote ${opts.json}`);
  }
  if (failures.length > 0) {
    log(`\nFailed:\n${failures.map((f) => `  ${f}`).join('\n')}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    log(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  });
}
