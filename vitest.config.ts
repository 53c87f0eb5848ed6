import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const node = (name: string, extra: Record<string, unknown> = {}) => ({
  test: {
    name,
    include: [`test/${name}/**/*.test.{ts,tsx}`],
    environment: 'node',
    ...extra,
  },
});

// One project per layer of DESIGN.md's test table; `npm test` runs them all and prints totals.
export default defineConfig({
  test: {
    projects: [
      node('unit'),
      node('backend', { testTimeout: 30_000 }),
      node('migrations'),
      node('contract', { testTimeout: 60_000 }),
      node('shell'),
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['test/renderer/setup.ts'],
        },
      },
      node('e2e', { testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false }),
      // The crash harness at a small count (npm run crash runs it at full count).
      node('crash', { testTimeout: 600_000, fileParallelism: false }),
      // The benchmark harness itself, on a small generated book (npm run bench measures; this checks it works).
      node('bench', { testTimeout: 180_000, hookTimeout: 180_000, fileParallelism: false }),
    ],
  },
});
