/**
 * The browser preview: the same backend over HTTP on 127.0.0.1, for places where Electron
 * cannot run and for the e2e tests.
 *
 *   POST /api/invoke   { name, input }  ->  envelope JSON
 *   POST /api/invoke   { name, input, id, client }  ->  the envelope at once when it is ready
 *                      within INLINE_MS, else 202 { pending: id } and the envelope later on the
 *                      event stream of `client` as data = { answer: id, envelope }
 *   GET  /api/events   server-sent events: data = { event, payload }; ?client=ID also carries
 *                      that client's late answers, after data = { hello: server id }
 *
 * Why late answers: a browser keeps at most six connections to one server, one of them the event
 * stream. A page that starts with a few long requests (a million-row list's anchors, Today's
 * counts) would otherwise hold them all, and a 2 ms request for the list's first page would wait
 * seconds for a free one.
 *   POST /api/upload?name=FILE   the body is a file the user chose to import: it is kept in a
 *                      temporary folder (removed when the book closes) and answered with its
 *                      { fileId, name, bytes }, as the desktop app's Open dialog gives one
 *   GET  /api/download/FILEID   a file an export wrote for this page to save (attachment)
 *   GET  /*            the built renderer (out/renderer)
 *
 * Every request must carry the per-run token (query ?token=, the cookie set on the first page
 * load, or Authorization: Bearer). Without it: 401 and nothing runs. A Host header that is not
 * this server's loopback address gets 403 (DNS rebinding).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Backend } from '../backend/backend.ts';
import type { EventHub } from '../backend/event-hub.ts';
import { CONTENT_SECURITY_POLICY } from '../backend/csp.ts';

export { CONTENT_SECURITY_POLICY };

const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** An import reads files under 2 GB (csv.reader.ts); an upload may be one byte over, to be refused by it. */
const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;
/** How long a request may keep its connection before its answer is sent on the event stream. */
export const INLINE_MS = 25;
/** Late answers nobody has collected are dropped after this long (a closed page). */
const ANSWER_KEPT_MS = 120_000;
/** Tells a client whether the server it reconnects to is the one its requests went to. */
const SERVER_ID = crypto.randomUUID();
const COOKIE = 'ledgerline_token';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface PreviewServer {
  /** The address actually bound: always 127.0.0.1. */
  address: string;
  port: number;
  token: string;
  url: string;
  close(): Promise<void>;
}

export interface PreviewOptions {
  /** The backend, or the gate holding it (security/gate.ts): only invoke and ctx are used. */
  backend: Pick<Backend, 'invoke' | 'ctx'>;
  hub: EventHub;
  staticDir: string;
  port?: number;
  token?: string;
  /** INLINE_MS unless given (tests use 0: every job's answer then comes on the stream). */
  inlineMs?: number;
}

export function randomToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function tokenOf(req: http.IncomingMessage, url: URL): string | null {
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) return fromQuery;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  const cookies = req.headers.cookie ?? '';
  for (const part of cookies.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return decodeURIComponent(v.join('='));
  }
  return null;
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(Object.assign(new Error('too large'), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function startPreviewServer(options: PreviewOptions): Promise<PreviewServer> {
  const token = options.token ?? randomToken();
  const staticRoot = path.resolve(options.staticDir);
  const streams = new Set<http.ServerResponse>();
  /** Each client's open event streams (one, or two while it reconnects). */
  const byClient = new Map<string, Set<http.ServerResponse>>();
  /** Answers that were ready while their client had no stream open. */
  const unsent = new Map<string, { frame: string; at: number }[]>();
  let port = 0;

  function deliver(client: string, id: string, envelope: unknown) {
    const frame = `data: ${JSON.stringify({ answer: id, envelope })}\n\n`;
    const open = byClient.get(client);
    if (open && open.size > 0) {
      for (const res of open) res.write(frame);
      return;
    }
    // Kept for when the client's stream comes back; answers of pages long closed are dropped.
    const now = Date.now();
    for (const [other, answers] of unsent) {
      const fresh = answers.filter((a) => now - a.at < ANSWER_KEPT_MS);
      if (fresh.length > 0) unsent.set(other, fresh);
      else unsent.delete(other);
    }
    unsent.set(client, [...(unsent.get(client) ?? []), { frame, at: now }]);
  }

  const unsubscribe = options.hub.subscribe((event, payload) => {
    const frame = `data: ${JSON.stringify({ event, payload })}\n\n`;
    for (const res of streams) res.write(frame);
  });
  const heartbeat = setInterval(() => {
    for (const res of streams) res.write(': keep-alive\n\n');
  }, 15_000);
  heartbeat.unref();

  /** Streams an uploaded file to a temporary file and registers it (see Files). */
  async function upload(req: http.IncomingMessage, name: string): Promise<unknown> {
    const files = options.backend.ctx.files;
    const target = files.tempPath(name);
    let size = 0;
    const out = fs.createWriteStream(target);
    try {
      await new Promise<void>((resolve, reject) => {
        req.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_UPLOAD_BYTES) {
            req.destroy();
            reject(Object.assign(new Error('too large'), { tooLarge: true }));
          }
        });
        req.on('error', reject);
        out.on('error', reject);
        out.on('finish', resolve);
        req.pipe(out);
      });
    } catch (err) {
      out.destroy();
      fs.rmSync(target, { force: true });
      const message = (err as { tooLarge?: boolean }).tooLarge
        ? 'The file is 2 GB or more; an import reads files under 2 GB. Split it into smaller files and import each.'
        : 'The file did not arrive whole. Try again.';
      return { ok: false, error: { code: 'VALIDATION', message, details: { path: 'file' } } };
    }
    return { ok: true, value: files.register(target, { name, temporary: true }) };
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      send(res, 403, {
        ok: false,
        error: { code: 'FORBIDDEN', message: 'This preview only answers on its own loopback address.' },
      });
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    const given = tokenOf(req, url);
    if (!sameToken(given, token)) {
      send(res, 401, {
        ok: false,
        error: {
          code: 'UNAUTHORIZED',
          message:
            'This preview needs its access token. Open the exact address the preview printed, including ?token=…',
        },
      });
      return;
    }
    const cookie = `${COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;

    if (url.pathname === '/api/invoke') {
      if (req.method !== 'POST') {
        send(
          res,
          405,
          { ok: false, error: { code: 'VALIDATION', message: 'Send requests with POST.' } },
          { allow: 'POST' },
        );
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(await readBody(req));
      } catch (err) {
        const tooLarge = (err as { status?: number }).status === 413;
        send(res, tooLarge ? 413 : 400, {
          ok: false,
          error: {
            code: 'VALIDATION',
            message: tooLarge ? 'The request is too large.' : 'The request body is not valid JSON.',
          },
        });
        return;
      }
      const { name, input, id, client } = (typeof body === 'object' && body !== null ? body : {}) as {
        name?: unknown;
        input?: unknown;
        id?: unknown;
        client?: unknown;
      };
      const answer = options.backend.invoke(name, input);
      if (typeof id !== 'string' || typeof client !== 'string' || !id || !client) {
        send(res, 200, await answer);
        return;
      }
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<null>(
        (resolve) => (timer = setTimeout(() => resolve(null), options.inlineMs ?? INLINE_MS)),
      );
      const first = await Promise.race([answer, late]);
      clearTimeout(timer);
      if (first !== null) {
        send(res, 200, first);
        return;
      }
      send(res, 202, { pending: id });
      void answer.then((envelope) => deliver(client, id, envelope));
      return;
    }

    if (url.pathname === '/api/upload') {
      if (req.method !== 'POST') {
        send(res, 405, { ok: false, error: { code: 'VALIDATION', message: 'Send files with POST.' } });
        return;
      }
      send(res, 200, await upload(req, url.searchParams.get('name') ?? 'upload'));
      return;
    }

    if (url.pathname.startsWith('/api/download/')) {
      const fileId = decodeURIComponent(url.pathname.slice('/api/download/'.length));
      let file: { path: string; name: string };
      try {
        file = options.backend.ctx.files.download(fileId);
      } catch {
        send(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'That file is no longer here.' } });
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        'content-length': String(fs.statSync(file.path).size),
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      fs.createReadStream(file.path).pipe(res);
      return;
    }

    if (url.pathname === '/api/events') {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-content-type-options': 'nosniff',
      });
      res.write(': connected\n\n');
      streams.add(res);
      const client = url.searchParams.get('client');
      if (client) {
        let open = byClient.get(client);
        if (!open) byClient.set(client, (open = new Set()));
        open.add(res);
        res.write(`data: ${JSON.stringify({ hello: SERVER_ID })}\n\n`);
        const now = Date.now();
        for (const a of unsent.get(client) ?? []) if (now - a.at < ANSWER_KEPT_MS) res.write(a.frame);
        unsent.delete(client);
      }
      req.on('close', () => {
        streams.delete(res);
        if (!client) return;
        const open = byClient.get(client);
        open?.delete(res);
        if (open?.size === 0) byClient.delete(client);
      });
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, { ok: false, error: { code: 'VALIDATION', message: 'Only GET is allowed here.' } });
      return;
    }
    const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    let file = path.resolve(staticRoot, `.${rel}`);
    if (!file.startsWith(staticRoot + path.sep)) {
      send(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'Not found.' } });
      return;
    }
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      // Client-side routes fall back to the app page.
      if (path.extname(rel)) {
        send(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'Not found.' } });
        return;
      }
      file = path.join(staticRoot, 'index.html');
    }
    const ext = path.extname(file);
    const headers: Record<string, string> = {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': ext === '.html' ? 'no-store' : 'max-age=3600',
      'set-cookie': cookie,
    };
    if (ext === '.html') headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) {
        send(res, 500, {
          ok: false,
          error: { code: 'INTERNAL', message: 'The preview server failed to answer.' },
        });
      } else res.end();
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const bound = server.address() as AddressInfo;
      port = bound.port;
      resolve({
        address: bound.address,
        port,
        token,
        url: `http://127.0.0.1:${port}/?token=${encodeURIComponent(token)}`,
        close: () =>
          new Promise<void>((done) => {
            clearInterval(heartbeat);
            unsubscribe();
            for (const res of streams) res.end();
            streams.clear();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
