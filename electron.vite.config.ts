import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './renderer/vite.config.ts';

// Three bundles: main (Node, owns the book), preload (window.crm only), renderer (React).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The job worker is its own entry: worker_threads load it by file (out/main/jobs.worker.js),
      // and so are the reader thread of a big import (out/main/person-records.worker.js) and the
      // thread that encrypts or decrypts a closed book (out/main/rekey.worker.js).
      rollupOptions: {
        input: {
          index: resolve('electron/main/main.ts'),
          'jobs.worker': resolve('electron/backend/jobs/jobs.worker.ts'),
          'person-records.worker': resolve('electron/backend/import/person-records.worker.ts'),
          'rekey.worker': resolve('electron/db/rekey.worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('electron/preload/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig,
});
