/**
 * app://ledgerline/ serves the built renderer (out/renderer) and nothing else. A path that
 * resolves outside that folder is a 404; an unknown path without an extension is a client-side
 * route and gets index.html. Every response carries the app's CSP.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../backend/csp.ts';
import { APP_HOST, APP_SCHEME } from './origin.main.ts';

export { CONTENT_SECURITY_POLICY };

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** Must run before app 'ready': app:// behaves like https (standard, secure, fetch allowed). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

function baseHeaders(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  };
}

function answer(status: number, text: string): Response {
  return new Response(text, { status, headers: baseHeaders('text/plain; charset=utf-8') });
}

function inside(root: string, file: string): boolean {
  return file.startsWith(root + path.sep);
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

export type AppProtocolHandler = (request: Request) => Promise<Response>;

export function createAppProtocolHandler(rendererDir: string): AppProtocolHandler {
  const root = path.resolve(rendererDir);
  const notFound = () => answer(404, 'Not found.');

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405, 'Only GET is allowed.');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFound();
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '') return notFound();

    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return notFound();
    }
    if (rel.includes('\0')) return notFound();
    if (rel === '' || rel === '/') rel = '/index.html';

    let file = path.resolve(root, `.${rel}`);
    if (!inside(root, file)) return notFound();
    if (!(await isFile(file))) {
      // Client-side routes (no extension) get the app page; a missing asset is a 404.
      if (path.extname(rel) !== '') return notFound();
      file = path.join(root, 'index.html');
    }
    try {
      // A symlink must not lead out of the folder either.
      const [realRoot, realFile] = await Promise.all([fs.realpath(root), fs.realpath(file)]);
      if (!inside(realRoot, realFile)) return notFound();
      const body = await fs.readFile(realFile);
      const type = CONTENT_TYPES[path.extname(realFile).toLowerCase()] ?? 'application/octet-stream';
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
        status: 200,
        headers: baseHeaders(type),
      });
    } catch {
      return notFound();
    }
  };
}

/** After 'ready': serve out/renderer on app://. */
export function installAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
}
