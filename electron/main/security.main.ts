/**
 * The Electron security checklist for every web-contents and session: navigation and
 * window.open denied, <webview> blocked, every permission refused, and no request to the
 * network. mailto:, tel: and https: links leave the app only through the OS (shell.openExternal).
 */
import type { App, Event, HandlerDetails, Session, WebContents, WindowOpenHandlerResponse } from 'electron';
import { isAppUrl } from './origin.main.ts';

export type OpenExternal = (url: string) => Promise<void> | void;

const EXTERNAL_PROTOCOLS = new Set(['https:', 'mailto:', 'tel:']);
/** What a plain link (navigation, not window.open) may hand to the OS: click-to-call and email. */
const LINK_PROTOCOLS = new Set(['mailto:', 'tel:']);
const MAX_EXTERNAL_URL_LENGTH = 2048;

/** Network schemes the renderer must never reach (the CSP blocks them too; this is the second lock). */
export const BLOCKED_NETWORK_URLS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'];

function parse(url: string): URL | null {
  if (typeof url !== 'string' || url.length > MAX_EXTERNAL_URL_LENGTH) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for the links the OS may open: https: (no credentials), mailto: and tel:. */
export function isAllowedExternalUrl(url: string): boolean {
  const parsed = parse(url);
  if (!parsed || !EXTERNAL_PROTOCOLS.has(parsed.protocol)) return false;
  if (parsed.protocol === 'https:') {
    return parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
  }
  return parsed.pathname !== '';
}

function openSafely(openExternal: OpenExternal, url: string): void {
  try {
    void Promise.resolve(openExternal(url)).catch(() => undefined);
  } catch {
    // The OS had no handler for the link; nothing else to do.
  }
}

/** window.open and target=_blank: always denied; https/mailto/tel go to the OS instead. */
export function createWindowOpenHandler(openExternal: OpenExternal) {
  return (details: Pick<HandlerDetails, 'url'>): WindowOpenHandlerResponse => {
    if (isAllowedExternalUrl(details.url)) openSafely(openExternal, details.url);
    return { action: 'deny' };
  };
}

/** will-navigate / will-redirect: stay on app://ledgerline; mailto/tel links go to the OS. */
export function createNavigationGuard(openExternal: OpenExternal) {
  return (event: Pick<Event, 'preventDefault'>, url: string): void => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    const parsed = parse(url);
    if (parsed && LINK_PROTOCOLS.has(parsed.protocol) && isAllowedExternalUrl(url)) {
      openSafely(openExternal, url);
    }
  };
}

export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function hardenWebContents(contents: GuardedContents, openExternal: OpenExternal): void {
  const guard = createNavigationGuard(openExternal);
  contents.on('will-navigate', (event, url) => guard(event, url));
  contents.on('will-redirect', (event, url) => guard(event, url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(createWindowOpenHandler(openExternal));
}

export type HardenedSession = Pick<
  Session,
  | 'setPermissionRequestHandler'
  | 'setPermissionCheckHandler'
  | 'setDevicePermissionHandler'
  | 'setSpellCheckerEnabled'
  | 'webRequest'
>;

/**
 * The one permission the app's own page may use: writing plain text to the clipboard (the "Copy"
 * buttons, e.g. for the book's location). Reading the clipboard stays refused.
 */
const GRANTED_TO_APP = new Set(['clipboard-sanitized-write']);

export function isPermissionGranted(permission: string, origin: string | undefined): boolean {
  return GRANTED_TO_APP.has(permission) && isAppUrl(origin);
}

/**
 * Every other permission (camera, notifications, clipboard read, geolocation, ...) is refused,
 * and no http(s)/ws(s) request leaves the renderer.
 *
 * Chromium's spellchecker on Windows and Linux downloads Hunspell dictionaries from Google's
 * CDN; the app makes no network request unless the user turns a feature on, so it is off there
 * until a setting allows the download. macOS uses the OS spellchecker (no download).
 */
export function hardenSession(
  session: HardenedSession,
  options: { platform: NodeJS.Platform; allowDictionaryDownload?: boolean },
): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionGranted(permission, details?.requestingUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin),
  );
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest({ urls: BLOCKED_NETWORK_URLS }, (_details, callback) =>
    callback({ cancel: true }),
  );
  if (options.platform !== 'darwin' && !options.allowDictionaryDownload) {
    session.setSpellCheckerEnabled(false);
  }
}

/** Applies the checklist to every web-contents the app ever creates (and its session, once). */
export function installSecurity(
  app: Pick<App, 'on'>,
  options: { openExternal: OpenExternal; platform: NodeJS.Platform },
): void {
  const hardened = new WeakSet<object>();
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, options.openExternal);
    const session = contents.session;
    if (session && !hardened.has(session)) {
      hardened.add(session);
      hardenSession(session, { platform: options.platform });
    }
  });
}
