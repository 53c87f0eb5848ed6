import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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

  it('takes an uploaded file as the Open dialog would, and serves back only files made to download', async () => {
    const auth = { authorization: 'Bearer right-token', host: `127.0.0.1:${server.port}` };
    const denied = await raw('/api/upload?name=x.csv', {
      method: 'POST',
      headers: { host: `127.0.0.1:${server.port}` },
      body: 'a,b',
    });
    expect(denied.status).toBe(401);
    const up = await raw(`/api/upload?name=${encodeURIComponent('../../Kund€n.csv')}`, {
      method: 'POST',
      headers: auth,
      body: 'Name,Email\r\nAnn Lee,ann@x.test\r\n',
    });
    expect(up.status).toBe(200);
    const ref = (JSON.parse(up.body) as { ok: true; value: { fileId: string; name: string; bytes: number } })
      .value;
    // The name keeps no folder: it is only ever a label.
    expect(ref).toMatchObject({ name: 'Kund€n.csv', bytes: 32 });
    const stored = b.backend.ctx.files.path(ref.fileId);
    expect(fs.readFileSync(stored, 'utf8')).toBe('Name,Email\r\nAnn Lee,ann@x.test\r\n');
    expect(path.basename(path.dirname(stored))).toMatch(/^ledgerline-files-/u);

    const down = await raw(`/api/download/${ref.fileId}`, { headers: auth });
    expect(down.status).toBe(200);
    expect(down.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''Kund%E2%82%ACn.csv`);
    expect(down.body).toBe('Name,Email\r\nAnn Lee,ann@x.test\r\n');

    // A file the user chose with the desktop dialog is theirs to read, not the preview's to serve.
    const own = path.join(makeTempDir(), 'own.csv');
    fs.writeFileSync(own, 'secret');
    const chosen = b.backend.ctx.files.register(own);
    expect((await raw(`/api/download/${chosen.fileId}`, { headers: auth })).status).toBe(404);
    expect((await raw('/api/download/not-an-id', { headers: auth })).status).toBe(404);

    // Closing the book removes the uploaded copy.
    b.backend.ctx.files.close();
    expect(fs.existsSync(stored)).toBe(false);
    expect(fs.existsSync(own)).toBe(true);
  });

  it('answers malformed JSON with a VALIDATION error', async () => {
    const res = await raw('/api/invoke?token=right-token', { method: 'POST', body: '{"name": ' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('answers a long request on the client’s event stream, keeping answers until it connects', async () => {
    // With no time to answer inline, every job is answered on the stream.
    await server.close();
    server = await startPreviewServer({
      backend: b.backend,
      hub: b.hub,
      staticDir: makeTempDir(),
      token: 'right-token',
      inlineMs: 0,
    });
    const post = (body: unknown) =>
      raw('/api/invoke?token=right-token', { method: 'POST', body: JSON.stringify(body) });
    // Quick: answered on the request itself.
    const quick = await post({ name: 'settings.get', input: {}, id: 'q1', client: 'page-1' });
    expect(quick.status).toBe(200);
    expect(JSON.parse(quick.body)).toMatchObject({ ok: true });
    // A job (its worker starts now): "pending", and the answer waits for the stream.
    const slow = await post({ name: 'people.count', input: { filter: {} }, id: 's1', client: 'page-1' });
    expect(slow.status).toBe(202);
    expect(JSON.parse(slow.body)).toEqual({ pending: 's1' });
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const frames: unknown[] = [];
    const stream = http.get({
      host: '127.0.0.1',
      port: server.port,
      path: '/api/events?token=right-token&client=page-1',
    });
    stream.on('response', (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        for (const line of chunk.split('\n'))
          if (line.startsWith('data: ')) frames.push(JSON.parse(line.slice(6)));
      });
    });
    try {
      await vi.waitFor(() => expect(frames).toHaveLength(2), { timeout: 5000 });
      expect(frames[0]).toEqual({ hello: expect.any(String) as string });
      expect(frames[1]).toEqual({ answer: 's1', envelope: { ok: true, value: { count: 0 } } });
      // Once connected, a late answer comes straight away (unless it was quick enough to come
      // on its request after all); another client's never comes here.
      await post({ name: 'people.count', input: { filter: {} }, id: 'x1', client: 'page-2' });
      const second = await post({ name: 'tags.list', input: {}, id: 's2', client: 'page-1' });
      if (second.status === 202) {
        await vi.waitFor(() => expect(frames).toHaveLength(3), { timeout: 5000 });
        expect(frames[2]).toMatchObject({ answer: 's2', envelope: { ok: true } });
      } else {
        expect(JSON.parse(second.body)).toMatchObject({ ok: true });
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(frames.some((f) => (f as { answer?: string }).answer === 'x1')).toBe(false);
    } finally {
      stream.destroy();
    }
  });
});
