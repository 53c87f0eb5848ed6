/**
 * Runs only the benchmark's own tests: npx vitest run -c test/bench/vitest.config.ts
 * (the root vitest.config.ts decides whether `npm test` runs them too).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'),
  test: {
    name: 'bench',
    include: ['test/bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
