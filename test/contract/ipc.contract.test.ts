/**
 * The contract over Electron IPC: the real main-side handler (ipc.main.ts) and the real preload
 * bridge (bridge.preload.ts), joined by a stand-in for Electron's IPC that copies every message
 * with structured clone, as Electron does.
 */
import { forwardEvents, registerIpc, type SenderEvent } from '../../electron/main/ipc.main.ts';
import { createBridge, type BridgeIpc } from '../../electron/preload/bridge.preload.ts';
import { openGatedTestBook } from '../helpers/gated-book.ts';
import { contractDialogs, contractSuite } from './suite.ts';

type Handler = (event: SenderEvent, ...args: unknown[]) => unknown;
type RendererListener = (event: unknown, ...args: unknown[]) => void;

function fakeIpcPair() {
  const handlers = new Map<string, Handler>();
  const listeners = new Map<string, Set<RendererListener>>();
  const frame = {
    url: 'app://ledgerline/index.html',
    origin: 'app://ledgerline',
    detached: false,
    parent: null,
    frameToken: 'main-frame',
  };
  const sender = { mainFrame: frame };
  const ipcMain = {
    handle(channel: string, fn: Handler) {
      handlers.set(channel, fn);
    },
    removeHandler(channel: string) {
      handlers.delete(channel);
    },
  };
  const ipcRenderer: BridgeIpc = {
    async invoke(channel: string, ...args: unknown[]) {
      const fn = handlers.get(channel);
      if (!fn) throw new Error(`No handler registered for '${channel}'`);
      const result = await fn(
        { senderFrame: frame, sender } as unknown as SenderEvent,
        ...structuredClone(args),
      );
      return structuredClone(result);
    },
    on(channel: string, fn: RendererListener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(fn);
      return ipcRenderer as never;
    },
    removeListener(channel: string, fn: RendererListener) {
      listeners.get(channel)?.delete(fn);
      return ipcRenderer as never;
    },
  } as BridgeIpc;
  const window = {
    isDestroyed: () => false,
    webContents: {
      isDestroyed: () => false,
      send(channel: string, ...args: unknown[]) {
        const copy = structuredClone(args);
        for (const fn of listeners.get(channel) ?? []) fn({}, ...copy);
      },
    },
  };
  return { ipcMain, ipcRenderer, window };
}

contractSuite(
  'Electron IPC (main handler + preload bridge)',
  async () => {
    const b = await openGatedTestBook({ dialogs: contractDialogs() });
    const { ipcMain, ipcRenderer, window } = fakeIpcPair();
    const unregister = registerIpc({ ipcMain: ipcMain as never, backend: b.gate });
    const unforward = forwardEvents(b.hub, () => [window as never]);
    const bridge = createBridge(ipcRenderer);
    return {
      transport: bridge,
      changeCount: () => b.sqlite().prepare(`SELECT count(*) FROM changes`).pluck().get() as number,
      close: async () => {
        unforward();
        unregister();
        await b.close();
      },
    };
  },
  300,
);
