import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { App } from 'electron';
import {
  BLOCKED_NETWORK_URLS,
  hardenSession,
  hardenWebContents,
  installSecurity,
  isAllowedExternalUrl,
} from '../../electron/main/security.main.ts';
import { FakeEvent, FakeWebContents, fakeSession, type FakeSession } from './fakes.ts';

function hardened() {
  const contents = new FakeWebContents();
  const openExternal = vi.fn((_url: string) => Promise.resolve());
  hardenWebContents(contents as never, openExternal);
  const navigate = (url: string, kind: 'will-navigate' | 'will-redirect' = 'will-navigate') => {
    const event = new FakeEvent();
    contents.emit(kind, event, url);
    return event;
  };
  return { contents, openExternal, navigate };
}

describe('navigation guard', () => {
  it('lets the app move within app://ledgerline', () => {
    const { navigate } = hardened();
    expect(navigate('app://ledgerline/index.html').defaultPrevented).toBe(false);
    expect(navigate('app://ledgerline/contacts/42').defaultPrevented).toBe(false);
  });

  it.each([
    'https://evil.example/',
    'http://evil.example/phish',
    'file:///etc/passwd',
    'app://evil/index.html',
    'app://ledgerline.evil.example/index.html',
    'javascript:alert(1)',
    'data:text/html,<h1>x</h1>',
  ])('stops navigation to %s and opens nothing', (url) => {
    const { navigate, openExternal } = hardened();
    expect(navigate(url).defaultPrevented).toBe(true);
    expect(navigate(url, 'will-redirect').defaultPrevented).toBe(true);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('hands mailto: and tel: links to the OS instead of navigating', () => {
    const { navigate, openExternal } = hardened();
    expect(navigate('tel:+441632960123').defaultPrevented).toBe(true);
    expect(navigate('mailto:ada@example.com').defaultPrevented).toBe(true);
    expect(openExternal.mock.calls).toEqual([['tel:+441632960123'], ['mailto:ada@example.com']]);
  });
});

describe('window.open', () => {
  it('is always denied', () => {
    const { contents } = hardened();
    for (const url of ['https://example.com', 'mailto:a@b.c', 'http://evil.example', 'app://ledgerline/x']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
  });

  it('opens mailto:, tel: and https: externally, and nothing else', () => {
    const { contents, openExternal } = hardened();
    const open = (url: string) => contents.windowOpenHandler?.({ url });
    open('mailto:ada@example.com');
    open('tel:+44 20 7946 0958');
    open('https://example.com/docs');
    open('http://evil.example/');
    open('file:///etc/passwd');
    open('javascript:alert(1)');
    open('https://user:secret@example.com/');
    open('smb://server/share');
    open('app://ledgerline/index.html');
    expect(openExternal.mock.calls.map(([url]) => url)).toEqual([
      'mailto:ada@example.com',
      'tel:+44 20 7946 0958',
      'https://example.com/docs',
    ]);
  });

  it('survives an OS that cannot open the link', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never, () => {
      throw new Error('no handler for tel:');
    });
    expect(contents.windowOpenHandler?.({ url: 'tel:123' })).toEqual({ action: 'deny' });
  });

  it('rejects over-long and malformed URLs', () => {
    expect(isAllowedExternalUrl(`https://example.com/${'a'.repeat(3000)}`)).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
    expect(isAllowedExternalUrl('mailto:')).toBe(false);
  });
});

describe('<webview>', () => {
  it('is never attached', () => {
    const { contents } = hardened();
    const event = new FakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('session', () => {
  function hardenedSession(platform: NodeJS.Platform = 'linux') {
    const session = fakeSession();
    hardenSession(session as never, { platform });
    return session;
  }

  it('refuses every permission request', () => {
    const session = hardenedSession();
    const handler = session.setPermissionRequestHandler.mock.calls[0]?.[0] as (
      wc: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl?: string },
    ) => void;
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      handler({}, permission, callback, { requestingUrl: 'app://ledgerline/index.html' });
      expect(callback).toHaveBeenCalledWith(false);
    }
  });

  it('lets only the app’s own page write text to the clipboard (the Copy buttons)', () => {
    const session = hardenedSession();
    const handler = session.setPermissionRequestHandler.mock.calls[0]?.[0] as (
      wc: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl?: string },
    ) => void;
    const ask = (requestingUrl: string | undefined) => {
      const callback = vi.fn();
      handler({}, 'clipboard-sanitized-write', callback, { requestingUrl });
      return callback.mock.calls[0]?.[0];
    };
    expect(ask('app://ledgerline/index.html')).toBe(true);
    expect(ask('https://evil.example/')).toBe(false);
    expect(ask('app://evil/index.html')).toBe(false);
    expect(ask(undefined)).toBe(false);
  });

  it('answers every permission check but the app’s clipboard write, and every device request, with false', () => {
    const session = hardenedSession();
    const check = session.setPermissionCheckHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean;
    expect(check({}, 'media', 'app://ledgerline', {})).toBe(false);
    expect(check(null, 'clipboard-read', 'app://ledgerline', {})).toBe(false);
    expect(check(null, 'clipboard-sanitized-write', 'https://evil.example', {})).toBe(false);
    expect(check(null, 'clipboard-sanitized-write', 'app://ledgerline', {})).toBe(true);
    const device = session.setDevicePermissionHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean;
    expect(device({ deviceType: 'usb', origin: 'app://ledgerline' })).toBe(false);
  });

  it('cancels every http(s) and ws(s) request', () => {
    const session = hardenedSession();
    const [filter, listener] = session.webRequest.onBeforeRequest.mock.calls[0] as [
      { urls: string[] },
      (details: unknown, callback: (response: { cancel: boolean }) => void) => void,
    ];
    expect(filter.urls).toEqual(BLOCKED_NETWORK_URLS);
    expect(filter.urls).toEqual(
      expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']),
    );
    const callback = vi.fn();
    listener({ url: 'https://tracker.example/' }, callback);
    expect(callback).toHaveBeenCalledWith({ cancel: true });
  });

  it('keeps the spellchecker from downloading dictionaries (off on Windows and Linux, OS one on macOS)', () => {
    expect(hardenedSession('linux').setSpellCheckerEnabled).toHaveBeenCalledWith(false);
    expect(hardenedSession('win32').setSpellCheckerEnabled).toHaveBeenCalledWith(false);
    expect(hardenedSession('darwin').setSpellCheckerEnabled).not.toHaveBeenCalled();
  });
});

describe('installSecurity', () => {
  it('hardens every web-contents the app creates, and each session once', () => {
    const app = new EventEmitter();
    installSecurity(app as unknown as Pick<App, 'on'>, { openExternal: vi.fn(), platform: 'linux' });
    const shared: FakeSession = fakeSession();
    const first = new FakeWebContents('app://ledgerline/index.html', shared);
    const second = new FakeWebContents('app://ledgerline/index.html', shared);
    app.emit('web-contents-created', {}, first);
    app.emit('web-contents-created', {}, second);

    for (const contents of [first, second]) {
      expect(contents.windowOpenHandler?.({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
      const event = new FakeEvent();
      contents.emit('will-navigate', event, 'https://evil.example');
      expect(event.defaultPrevented).toBe(true);
    }
    expect(shared.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
  });
});
