/**
 * The measuring children as the installed app runs its backend: built into one bundle of plain
 * JavaScript first (vite, with the package's dependencies left to node_modules, as electron-vite
 * builds out/main), not loaded from source.
 *
 * From source, Node strips the types of every file each process and thread loads, and the
 * garbage of that grows each thread's heap for good: with the backend loaded, the app's main
 * thread held 175 MB resident from source and 94 MB from this bundle. memory.peak_mb and
 * open.cold would measure the loading, not the app.
 *
 * The job worker, the import's reader thread and the re-key thread are entries of their own, as
 * in out/main, where the code that starts them finds them (electron/db/thread-entry.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pkg from '../../../package.json' with { type: 'json' };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The children bench.cli.ts starts, as files of the bundle. */
export interface BenchBundle {
  app: string;
  raw: string;
  cold: string;
}

const ENTRIES = {
  'app.child': 'scripts/bench/measure/app.child.ts',
  'raw.child': 'scripts/bench/measure/raw.child.ts',
  'open-cold.child': 'scripts/bench/measure/open-cold.child.ts',
  'jobs.worker': 'electron/backend/jobs/jobs.worker.ts',
  'person-records.worker': 'electron/backend/import/person-records.worker.ts',
  'rekey.worker': 'electron/db/rekey.worker.ts',
} as const;

/** Builds the bundle into `outDir` (emptied first) and names its children. */
export async function bundleChildren(outDir: string): Promise<BenchBundle> {
  const { build } = await import('vite');
  const deps = Object.keys(pkg.dependencies);
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      target: 'node24',
      minify: false,
      reportCompressedSize: false,
      rollupOptions: {
        input: Object.fromEntries(
          Object.entries(ENTRIES).map(([name, file]) => [name, path.join(ROOT, file)]),
        ),
        external: (id) => id.startsWith('node:') || deps.some((d) => id === d || id.startsWith(`${d}/`)),
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  });
  const file = (name: keyof typeof ENTRIES) => {
    const f = path.join(outDir, `${name}.js`);
    if (!fs.existsSync(f)) throw new Error(`The bench's bundle has no ${name}.js`);
    return f;
  };
  return { app: file('app.child'), raw: file('raw.child'), cold: file('open-cold.child') };
}
