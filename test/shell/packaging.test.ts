/** The electron-builder configuration, its resources and the release workflow. */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Configuration } from 'electron-builder';

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const config = require(path.join(root, 'build/electron-builder.config.cjs')) as Configuration;

function pngSize(file: string): { width: number; height: number } {
  const data = fs.readFileSync(file);
  expect(data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(data.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

const targets = (value: unknown) =>
  (value as { target: string; arch: string[] }[]).map((t) => `${t.target}:${[...t.arch].sort().join('+')}`);

describe('electron-builder configuration', () => {
  it('is valid for electron-builder (its own schema check)', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(c: Configuration, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...config, notAnOption: true } as Configuration, new DebugLogger(false)),
    ).rejects.toThrow(/notAnOption/u);
  });

  it('names the app and packs only the bundles and package.json into an asar', () => {
    expect(config.appId).toBe('app.ledgerline.crm');
    expect(config.productName).toBe('Ledgerline');
    expect(config.directories?.output).toBe('release');
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json']));
    expect((config.files as string[]).filter((f) => !f.startsWith('!'))).toEqual(['out/**', 'package.json']);
    expect(config.asar).toBe(true);
  });

  it('never rebuilds native modules and unpacks the SQLite driver from the asar', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.asarUnpack).toEqual(['node_modules/better-sqlite3-multiple-ciphers/**/*.node']);
  });

  it('sets the fuses: no run-as-node, no NODE_OPTIONS, no --inspect, asar only and checked, cookies encrypted', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds NSIS and DMG for x64 and arm64, and an AppImage', () => {
    expect(targets(config.win?.target)).toEqual(['nsis:arm64+x64']);
    expect(targets(config.mac?.target)).toEqual(['dmg:arm64+x64']);
    expect(targets(config.linux?.target)).toEqual(['AppImage:x64']);
  });

  it('signs macOS builds with the hardened runtime and a minimal entitlements file', () => {
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.entitlements).toBe('build/entitlements.mac.plist');
    const plist = fs.readFileSync(path.join(root, 'build/entitlements.mac.plist'), 'utf8');
    expect(plist).toMatch(/^<\?xml/u);
    expect(plist).toContain('<key>com.apple.security.cs.allow-jit</key>');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/gu)].map((m) => m[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
  });

  it('has real icons: a 1024 px PNG, a Windows .ico and a macOS .icns', () => {
    expect(pngSize(path.join(root, 'build/icon.png'))).toEqual({ width: 1024, height: 1024 });
    expect(config.linux?.icon).toBe('build/icon.png');

    const ico = fs.readFileSync(path.join(root, config.win?.icon as string));
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico[6 + 16 * i] || 256);
    expect(sizes).toContain(256);
    expect(sizes).toContain(16);

    const icns = fs.readFileSync(path.join(root, config.mac?.icon as string));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.includes(Buffer.from('ic10'))).toBe(true);
  });
});

describe('release workflow', () => {
  const yaml = require('js-yaml') as { load(text: string): unknown };
  const workflow = yaml.load(fs.readFileSync(path.join(root, '.github/workflows/release.yml'), 'utf8')) as {
    on: { push: { tags: string[] } };
    jobs: Record<
      string,
      {
        strategy: { matrix: { os: string[] } };
        steps: { uses?: string; run?: string; with?: Record<string, unknown> }[];
      }
    >;
  };
  const job = Object.values(workflow.jobs)[0];
  const runs = (job?.steps ?? []).map((s) => s.run ?? '').join('\n');

  it('runs on v* tags on Windows and macOS', () => {
    expect(workflow.on.push.tags).toEqual(['v*']);
    expect([...(job?.strategy.matrix.os ?? [])].sort()).toEqual(['macos-latest', 'windows-latest']);
  });

  it('uses Node 24, installs with npm ci, builds, packages without publishing and uploads', () => {
    const setupNode = job?.steps.find((s) => s.uses?.startsWith('actions/setup-node'));
    expect(String(setupNode?.with?.['node-version'])).toBe('24');
    expect(runs).toContain('npm ci');
    expect(runs).toContain('npm run build');
    expect(runs).toMatch(/electron-builder --config build\/electron-builder\.config\.cjs --publish never/u);
    expect(runs.indexOf('npm ci')).toBeLessThan(runs.indexOf('npm run build'));
    expect(runs.indexOf('npm run build')).toBeLessThan(runs.indexOf('electron-builder'));
    expect(job?.steps.some((s) => s.uses?.startsWith('actions/upload-artifact'))).toBe(true);
  });
});
