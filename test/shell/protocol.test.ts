import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Protocol } from 'electron';
import {
  CONTENT_SECURITY_POLICY,
  createAppProtocolHandler,
  installAppProtocol,
  registerAppScheme,
  type AppProtocolHandler,
} from '../../electron/main/protocol.main.ts';
import { CONTENT_SECURITY_POLICY as PREVIEW_CSP } from '../../electron/backend/csp.ts';

let base: string;
let renderer: string;
let handler: AppProtocolHandler;

beforeAll(() => {
  // base/
  //   secret.txt            <- outside the served folder
  //   renderer/index.html, renderer/assets/app.js, renderer/assets/style.css, renderer/link.txt -> ../secret.txt
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-protocol-'));
  renderer = path.join(base, 'renderer');
  fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(base, 'secret.txt'), 'TOP SECRET');
  fs.writeFileSync(path.join(base, 'package.json'), '{"secret":true}');
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Ledgerline</title>');
  fs.writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(renderer, 'assets', 'style.css'), 'body{}');
  try {
    fs.symlinkSync(path.join(base, 'secret.txt'), path.join(renderer, 'link.txt'));
  } catch {
    // No symlinks on this file system; that case is then not exercised.
  }
  handler = createAppProtocolHandler(renderer);
});
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('app:// protocol', () => {
  it('serves index.html with the CSP header and an HTML content type', async () => {
    const res = await get('app://ledgerline/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>Ledgerline</title>');
  });

  it('uses the same CSP as the preview, and that CSP allows nothing remote', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(PREVIEW_CSP);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/u);
  });

  it('serves assets with their content types', async () => {
    const js = await get('app://ledgerline/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
    expect((await get('app://ledgerline/assets/style.css')).headers.get('content-type')).toBe(
      'text/css; charset=utf-8',
    );
  });

  it('serves index.html for / and for client-side routes', async () => {
    for (const url of ['app://ledgerline/', 'app://ledgerline/contacts/42', 'app://ledgerline/today']) {
      const res = await get(url);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>Ledgerline</title>');
    }
  });

  it('answers 404 for a missing asset', async () => {
    expect((await get('app://ledgerline/assets/missing.js')).status).toBe(404);
  });

  it.each([
    'app://ledgerline/..%2fsecret.txt',
    'app://ledgerline/%2e%2e/secret.txt',
    'app://ledgerline/%2e%2e%2fpackage.json',
    'app://ledgerline/assets/..%2f..%2fsecret.txt',
    'app://ledgerline/..%5csecret.txt',
    'app://ledgerline/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://ledgerline/%E0%A4%A',
    'app://ledgerline/index.html%00.js',
  ])('refuses %s with 404 and never leaks the file', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    const body = await res.text();
    expect(body).not.toContain('TOP SECRET');
    expect(body).not.toContain('"secret"');
  });

  it('keeps a plain ../ inside the folder (the URL parser folds it)', async () => {
    const res = await get('app://ledgerline/../../secret.txt');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('TOP SECRET');
  });

  it('does not follow a symlink out of the folder', async () => {
    if (!fs.existsSync(path.join(renderer, 'link.txt'))) return;
    const res = await get('app://ledgerline/link.txt');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('TOP SECRET');
  });

  it('answers only for its own host and only GET/HEAD', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get('app://ledgerline/index.html', 'POST')).status).toBe(405);
    const head = await get('app://ledgerline/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('registers app:// as standard, secure and fetch-capable, and handles it', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
    registerAppScheme(protocol as unknown as Protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    installAppProtocol(protocol as unknown as Protocol, renderer);
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });
});
