/**
 * The benchmark harness itself works: `npm run bench` at 2,000 people (no renderer, few runs, a
 * throw-away cache) prints its table and writes JSON in the exact shape issue 7 asks for, with
 * every result present and finite. It never checks how fast anything was.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectedNames } from '../../scripts/bench/bench.cli.ts';
import type { BenchJson } from '../../scripts/bench/report.ts';
import { makeTempDir } from '../helpers/book.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dir = makeTempDir('ledgerline-bench-smoke-');

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('npm run bench', () => {
  it('runs at 2,000 people and writes the results as JSON', () => {
    const out = path.join(dir, 'out.json');
    const run = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'scripts/bench/bench.cli.ts'),
        '--contacts',
        '2000',
        '--no-render',
        '--runs',
        '5',
        '--import-rows',
        '300,1000',
        '--cache',
        path.join(dir, 'cache'),
        '--json',
        out,
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 110_000,
        // The bench puts Node's compile cache beside its books unless one is set already.
        env: { ...process.env, NODE_COMPILE_CACHE: undefined },
      },
    );
    expect(run.status, run.stderr).toBe(0);

    const json = JSON.parse(fs.readFileSync(out, 'utf8')) as BenchJson;
    expect(Object.keys(json).sort()).toEqual(['contacts', 'node', 'results']);
    expect(json.contacts).toBe(2000);
    expect(json.node).toBe(process.version);
    expect(json.results.map((r) => r.name)).toEqual(expectedNames(false));
    for (const r of json.results) {
      expect(Object.keys(r).sort()).toEqual([
        'max_ms',
        'name',
        'p50_ms',
        'p95_ms',
        'ratio_p50',
        'raw_p50_ms',
      ]);
      expect(r.name).toMatch(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/u);
      for (const value of [r.p50_ms, r.p95_ms, r.max_ms]) {
        expect(Number.isFinite(value), `${r.name}: ${value}`).toBe(true);
        expect(value).toBeGreaterThanOrEqual(0);
      }
      expect(r.p50_ms).toBeLessThanOrEqual(r.p95_ms);
      expect(r.p95_ms).toBeLessThanOrEqual(r.max_ms);
      for (const value of [r.raw_p50_ms, r.ratio_p50]) {
        expect(value === null || Number.isFinite(value), `${r.name}: ${value}`).toBe(true);
      }
      expect(r.raw_p50_ms === null).toBe(r.ratio_p50 === null);
    }

    // The Markdown table on stdout names every result and its target.
    for (const name of expectedNames(false)) expect(run.stdout).toContain(`| ${name} |`);
    expect(run.stdout).toContain('p95 ≤ 20 ms');
    // The cached book is reused by the next run, and only the run's copy was written to; beside
    // it, Node's compile cache of the measuring processes.
    const cached = fs.readdirSync(path.join(dir, 'cache')).filter((name) => name !== 'node-compile-cache');
    expect(cached).toHaveLength(1);
    expect(fs.readdirSync(path.join(dir, 'cache', 'node-compile-cache')).length).toBeGreaterThan(0);
    expect(fs.readdirSync(path.join(dir, 'cache', cached[0]!)).sort()).toEqual([
      'customer-book.sqlite',
      'meta.json',
      'probes.json',
    ]);
  }, 120_000);
});
