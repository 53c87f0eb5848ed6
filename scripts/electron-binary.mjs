/**
 * Finds the Electron executable the way node_modules/electron/index.js does (path.txt, then dist/,
 * or ELECTRON_OVERRIDE_DIST_PATH) without triggering its download. Shared by npm start and the
 * Electron smoke test.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const defaultRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** The Electron executable, or null when it is not installed. Never downloads anything. */
export function findElectronBinary(root = defaultRoot) {
  let electronDir;
  try {
    electronDir = path.dirname(require.resolve('electron/package.json', { paths: [root] }));
  } catch {
    return null;
  }
  let executable;
  try {
    executable = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim() || null;
  } catch {
    executable = null;
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const file = override
    ? path.join(override, executable ?? 'electron')
    : executable
      ? path.join(electronDir, 'dist', executable)
      : null;
  if (!file) return null;
  try {
    return fs.statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}
