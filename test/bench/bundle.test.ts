/**
 * The bench's children run from a bundle built as the app's out/main is (scripts/bench/measure/
 * bundle.ts): plain JavaScript, the package's dependencies left to node_modules, and each thread's
 * entry a file of its own where the code that starts the thread looks for it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleChildren } from '../../scripts/bench/measure/bundle.ts';
import pkg from '../../package.json' with { type: 'json' };

const ROOT = path.resolve(import.meta.dirname, '../..');
const out = path.join(ROOT, '.cache', `bench-bundle-test-${process.pid}`);
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

describe("the bench's bundle", () => {
  it('holds the children and the thread entries, imports only its own files, Node and the dependencies', async () => {
    const bundle = await bundleChildren(out);
    expect(bundle).toEqual({
      app: path.join(out, 'app.child.js'),
      raw: path.join(out, 'raw.child.js'),
      cold: path.join(out, 'open-cold.child.js'),
    });
    for (const entry of ['jobs.worker.js', 'person-records.worker.js', 'rekey.worker.js']) {
      expect(fs.existsSync(path.join(out, entry)), entry).toBe(true);
    }
    const deps = Object.keys(pkg.dependencies);
    const files = filesUnder(out);
    expect(files.every((f) => f.endsWith('.js'))).toBe(true);
    const specifiers = new Set<string>();
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      // Static imports and re-exports start a line of the bundle's output; dynamic ones are calls.
      const found = [
        ...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s*"([^"]+)";/gmu),
        ...text.matchAll(/^import\s*"([^"]+)";/gmu),
        ...text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/gu),
      ];
      for (const m of found) specifiers.add(m[1]!);
    }
    const bare = [...specifiers].filter((s) => !s.startsWith('.') && !s.startsWith('node:'));
    expect(bare.length).toBeGreaterThan(0);
    for (const s of bare)
      expect(
        deps.some((d) => s === d || s.startsWith(`${d}/`)),
        s,
      ).toBe(true);
    expect([...specifiers].filter((s) => s.endsWith('.ts'))).toEqual([]);
  });

  it('finds the job worker beside its entries, not the source file', () => {
    // The chunk that names the worker, loaded on its own: it must point at the bundle's entry.
    const chunk = filesUnder(out).find((f) => path.basename(f).startsWith('jobs.worker-source'));
    expect(chunk).toBeDefined();
    const run = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(`file://${chunk}`)}); console.log(String(Object.values(m)[0]));`,
      ],
      { encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(`file://${path.join(out, 'jobs.worker.js')}`);
  });
});
