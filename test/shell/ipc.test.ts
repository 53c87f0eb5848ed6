import { describe, expect, it, vi } from 'vitest';
import type { IpcMain, WebContents } from 'electron';
import type { Envelope } from '../../shared/api/errors.ts';
import { createEventHub } from '../../electron/backend/event-hub.ts';
import {
  CRM_EVENT_CHANNEL,
  CRM_INVOKE_CHANNEL,
  forwardEvents,
  registerIpc,
  senderProblem,
  type EventTarget,
} from '../../electron/main/ipc.main.ts';
import * as preloadChannels from '../../electron/preload/channels.preload.ts';
import { FakeFrame, FakeWebContents } from './fakes.ts';

type Handler = (
  event: unknown,
  name: unknown,
  input: unknown,
) => Promise<Envelope<unknown>> | Envelope<unknown>;

function setup(owns?: (contents: WebContents) => boolean) {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: Handler) => handlers.set(channel, handler)),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  };
  const backend = {
    invoke: vi.fn(async (name: unknown, input: unknown): Promise<Envelope<unknown>> => ({
      ok: true,
      value: { name, input },
    })),
  };
  const stop = registerIpc({
    ipcMain: ipcMain as unknown as Pick<IpcMain, 'handle' | 'removeHandler'>,
    backend,
    owns,
  });
  const call = (event: unknown, name: unknown, input: unknown) => {
    const handler = handlers.get(CRM_INVOKE_CHANNEL);
    if (!handler) throw new Error('crm:invoke is not registered');
    return Promise.resolve(handler(event, name, input));
  };
  return { call, backend, ipcMain, stop, handlers };
}

/** An IPC event from the main frame of a page at `url`. */
function eventFrom(url: string, origin?: string) {
  const sender = new FakeWebContents(url);
  if (origin !== undefined) sender.mainFrame.origin = origin;
  return { sender, senderFrame: sender.mainFrame };
}

describe('crm:invoke sender check', () => {
  it('passes a request from app://ledgerline through to the backend', async () => {
    const { call, backend } = setup();
    const result = await call(eventFrom('app://ledgerline/index.html'), 'app.info', {});
    expect(backend.invoke).toHaveBeenCalledWith('app.info', {});
    expect(result).toEqual({ ok: true, value: { name: 'app.info', input: {} } });
  });

  it.each([
    'https://evil.example/index.html',
    'http://127.0.0.1:5173/index.html',
    'file:///home/me/index.html',
    'app://evil/index.html',
    'app://ledgerline.evil.example/index.html',
    'app://ledgerline:8080/index.html',
    'about:blank',
    'data:text/html,hi',
  ])('refuses %s with FORBIDDEN and never calls the backend', async (url) => {
    const { call, backend } = setup();
    const result = await call(eventFrom(url), 'contacts.delete', { id: 'x' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('FORBIDDEN');
    expect(!result.ok && result.error.message).toMatch(/refused/u);
    expect(backend.invoke).not.toHaveBeenCalled();
  });

  it('refuses a frame whose reported origin is not the app, even with an app:// URL', async () => {
    const { call, backend } = setup();
    const result = await call(
      eventFrom('app://ledgerline/index.html', 'https://evil.example'),
      'app.info',
      {},
    );
    expect(!result.ok && result.error.code).toBe('FORBIDDEN');
    expect(backend.invoke).not.toHaveBeenCalled();
  });

  it('refuses a missing sender frame, a sub-frame, and a page that is not one of our windows', async () => {
    const { call, backend } = setup((contents) => (contents as unknown) !== strangerContents);
    const gone = { sender: new FakeWebContents(), senderFrame: null };
    const parent = new FakeWebContents();
    const child = new FakeFrame('app://ledgerline/frame.html', 'app://ledgerline');
    child.parent = parent.mainFrame;
    const sub = { sender: parent, senderFrame: child };
    const stranger = eventFrom('app://ledgerline/index.html');
    const strangerContents = stranger.sender;

    const detached = eventFrom('app://ledgerline/index.html');
    detached.senderFrame.detached = true;
    // A top-level app frame that is not this page's main frame (another document's token).
    const other = eventFrom('app://ledgerline/index.html');
    const otherEvent = {
      sender: other.sender,
      senderFrame: new FakeFrame('app://ledgerline/index.html', 'app://ledgerline'),
    };
    const cases: [unknown, RegExp][] = [
      [gone, /frame is gone/u],
      [sub, /sub-frame/u],
      [detached, /detached/u],
      [otherEvent, /not the main frame/u],
      [stranger, /not a Ledgerline window/u],
    ];
    for (const [event, reason] of cases) {
      const result = await call(event, 'app.info', {});
      expect(!result.ok && result.error.code).toBe('FORBIDDEN');
      expect(!result.ok && result.error.message).toMatch(reason);
    }
    expect(backend.invoke).not.toHaveBeenCalled();
    expect(senderProblem(eventFrom('app://ledgerline/index.html') as never)).toBeNull();
    // A second wrapper for the same frame (same token) is still the main frame.
    const same = eventFrom('app://ledgerline/index.html');
    const copy = Object.assign(new FakeFrame(same.senderFrame.url, 'app://ledgerline'), {
      frameToken: same.senderFrame.frameToken,
    });
    expect(senderProblem({ sender: same.sender, senderFrame: copy } as never)).toBeNull();
  });

  it('refuses when checking the sender throws (a destroyed frame)', () => {
    const event = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed');
      },
      sender: new FakeWebContents(),
    };
    expect(senderProblem(event as never)).toMatch(/could not be checked/u);
  });

  it('can be unregistered', () => {
    const { stop, ipcMain, handlers } = setup();
    stop();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith(CRM_INVOKE_CHANNEL);
    expect(handlers.size).toBe(0);
  });
});

describe('events', () => {
  it('reach every live window on crm:event, and stop after unsubscribe', () => {
    const hub = createEventHub();
    const live = { isDestroyed: () => false, webContents: new FakeWebContents() };
    const closed = { isDestroyed: () => true, webContents: new FakeWebContents() };
    const stop = forwardEvents(hub, () => [live, closed] as unknown as EventTarget[]);
    const payload = { seq: 7, tables: ['people'], ids: ['p1'] };
    hub.emit('db.changed', payload);
    expect(live.webContents.send).toHaveBeenCalledWith(CRM_EVENT_CHANNEL, 'db.changed', payload);
    expect(closed.webContents.send).not.toHaveBeenCalled();
    stop();
    hub.emit('db.changed', payload);
    expect(live.webContents.send).toHaveBeenCalledTimes(1);
  });
});

describe('channels', () => {
  it('are the same in main and preload', () => {
    expect(preloadChannels.CRM_INVOKE_CHANNEL).toBe(CRM_INVOKE_CHANNEL);
    expect(preloadChannels.CRM_EVENT_CHANNEL).toBe(CRM_EVENT_CHANNEL);
    expect(CRM_INVOKE_CHANNEL).not.toBe(CRM_EVENT_CHANNEL);
  });
});
