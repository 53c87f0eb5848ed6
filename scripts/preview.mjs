#!/usr/bin/env node
/**
 * npm run preview -- --data DIR [--port N] [--token T] [--demo]
 * Builds the renderer when its sources are newer than the last build, then starts the preview
 * server (electron/preview/preview.cli.ts), which prints one line: "Preview: http://127.0.0.1:N/?token=T".
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const built = path.join(root, 'out', 'renderer', 'index.html');

function newest(dir) {
  let t = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return t;
}

const sources = Math.max(newest(path.join(root, 'renderer')), newest(path.join(root, 'shared')));
if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < sources) {
  const vite = path.join(root, 'node_modules', '.bin', 'vite');
  const r = spawnSync(vite, ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) {
    process.stderr.write('Preview could not start: the app could not be built (see the errors above).\n');
    process.exit(1);
  }
}

const child = spawn(
  process.execPath,
  [path.join(root, 'electron/preview/preview.cli.ts'), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
