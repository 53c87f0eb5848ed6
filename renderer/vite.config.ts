// Build configuration: runs in Node at build time, not in the renderer.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The renderer bundle; electron-vite reuses it, and the preview builds it on its own. */
export const rendererConfig: UserConfig = {
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(here, '../out/renderer'),
    emptyOutDir: true,
    sourcemap: false,
    // electron-vite leaves bundles unminified unless told; the window parses half as much when minified.
    minify: true,
    rollupOptions: { input: { index: resolve(here, 'index.html') } },
  },
};

export default rendererConfig;
