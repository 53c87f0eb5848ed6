import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  startPreviewServer,
  type PreviewServer,
} from '../../electron/preview/preview.server.ts';
import { openTestBook, makeTempDir, type TestBook } from '../helpers/book.ts';

let b: TestBook;
let server: PreviewServer;
const changeCount = () => b.book.sqlite.prepare(`SELECT count(*) FROM changes`).pluck().get() as number;

beforeEach(async () => {
  b = await openTestBook();
  const staticDir = makeTempDir();
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Ledgerline</title>');
  fs.mkdirSync(path.join(staticDir, 'assets'));
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(path.dirname(staticDir), 'secret.txt'), 'do not serve');
  server = await startPreviewServer({ backend: b.backend, hub: b.hub, staticDir, token: 'right-token' });
});
afterEach(async () => {
  await server.close();
  await b.close();
});

/** A raw request, so the Host header can be anything. */
function raw(
  pathname: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: pathname,
          method: options.method ?? 'GET',
          headers: options.headers,
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on('error', reject);
      req.end(options.body);
    },
  );
}

describe('preview server', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(server.address).toBe('127.0.0.1');
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=right-token`);
  });

  it('answers 401 to every request without the right token, and runs nothing', async () => {
    const body = JSON.stringify({ name: 'staff.create', input: { name: 'Intruder' } });
    const attempts = [
      raw('/'),
      raw('/assets/app.js'),
      raw('/api/events'),
      raw('/api/invoke', { method: 'POST', body }),
      raw('/api/invoke?token=wrong-token', { method: 'POST', body }),
      raw('/api/invoke', { method: 'POST', body, headers: { authorization: 'Bearer right-toke' } }),
      raw('/api/invoke', { method: 'POST', body, headers: { cookie: 'ledgerline_token=nope' } }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    expect(changeCount()).toBe(0);
  });

  it('refuses a Host header that is not its own loopback address (DNS rebinding)', async () => {
    const res = await raw('/?token=right-token', { headers: { host: 'evil.example:80' } });
    expect(res.status).toBe(403);
  });

  it('serves the app with the strict CSP and sets the token cookie for its assets', async () => {
    const page = await raw('/?token=right-token');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toMatch(/ledgerline_token=right-token; HttpOnly; SameSite=Strict/u);
    const asset = await raw('/assets/app.js', { headers: { cookie: 'ledgerline_token=right-token' } });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/text\/javascript/u);
    // A client-side route falls back to the app page.
    expect((await raw('/settings?token=right-token')).body).toContain('<title>Ledgerline</title>');
  });

  it('never serves a file outside its folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await raw(`${p}${p.includes('?') ? '&' : '?'}token=right-token`);
      expect(res.body).not.toContain('do not serve');
    }
  });

  it('answers malformed JSON with a VALIDATION error', async () => {
    const res = await raw('/api/invoke?token=right-token', { method: 'POST', body: '{"name": ' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
