#!/usr/bin/env node
/**
 * npm start: build the three bundles and run the desktop app.
 *
 * `require('electron')` downloads the Electron binary when it is missing, and offline that throws
 * with a stack trace. So the binary is looked up here the same way node_modules/electron/index.js
 * does (path.txt, then dist/, or ELECTRON_OVERRIDE_DIST_PATH), without triggering a download.
 * When it is missing: one line on stderr pointing to the browser preview, exit code 1.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { findElectronBinary } from './electron-binary.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const MISSING =
  'Cannot start Ledgerline: the Electron binary is not installed on this machine (it could not be downloaded). ' +
  'Run it in a browser instead: npm run preview -- --data <folder>';

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('error', (err) => resolve({ code: 1, error: err }));
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), signal }));
  });
}

const electron = findElectronBinary();
if (!electron) fail(MISSING);

let electronVite;
try {
  electronVite = path.join(
    path.dirname(require.resolve('electron-vite/package.json', { paths: [root] })),
    'bin/electron-vite.js',
  );
} catch {
  fail('Cannot start Ledgerline: electron-vite is not installed. Run npm ci first.');
}

const build = await run(process.execPath, [electronVite, 'build']);
if (build.code !== 0)
  fail(`Cannot start Ledgerline: the build failed (exit code ${build.code}); see the messages above.`);

// ELECTRON_RUN_AS_NODE would make the binary behave as plain Node.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const app = await run(electron, [root], { env });
if (app.error) fail(`Cannot start Ledgerline: ${app.error.message}`);
process.exit(app.code);
