import type { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { CrmBridge } from '../../shared/api/transport.ts';

// The preload's only runtime dependency is electron: contextBridge and ipcRenderer.
const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const calls: string[] = [];
  return {
    exposed,
    calls,
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => {
        calls.push(key);
        exposed.set(key, api);
      },
    },
    ipcRenderer: null as unknown as EventEmitter & { invoke: ReturnType<typeof vi.fn> },
  };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const ipc = Object.assign(new Emitter(), {
    invoke: vi.fn(async (channel: string, name: string, input: unknown) => ({
      ok: true,
      value: { channel, name, input },
    })),
  });
  electron.ipcRenderer = ipc;
  return {
    contextBridge: electron.contextBridge,
    ipcRenderer: ipc,
    default: { contextBridge: electron.contextBridge, ipcRenderer: ipc },
  };
});

let crm: CrmBridge;
beforeAll(async () => {
  await import('../../electron/preload/preload.ts');
  crm = electron.exposed.get('crm') as CrmBridge;
});

/** What the main process does: webContents.send('crm:event', name, payload). */
function push(name: string, payload: unknown) {
  electron.ipcRenderer.emit('crm:event', { sender: electron.ipcRenderer, senderId: 0 }, name, payload);
}

describe('preload', () => {
  it('exposes exactly window.crm = { invoke, on } and nothing else', () => {
    expect(electron.calls).toEqual(['crm']);
    expect([...electron.exposed.keys()]).toEqual(['crm']);
    expect(Object.keys(crm).sort()).toEqual(['invoke', 'on']);
    expect(typeof crm.invoke).toBe('function');
    expect(typeof crm.on).toBe('function');
    expect(Object.values(crm)).not.toContain(electron.ipcRenderer);
    expect(Object.isFrozen(crm)).toBe(true);
  });

  it('invoke sends the name and input on crm:invoke and returns the envelope', async () => {
    const result = await crm.invoke('contacts.list', { limit: 5 });
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('crm:invoke', 'contacts.list', { limit: 5 });
    expect(result).toEqual({
      ok: true,
      value: { channel: 'crm:invoke', name: 'contacts.list', input: { limit: 5 } },
    });
  });

  it('refuses a name that is not a string without sending anything', async () => {
    electron.ipcRenderer.invoke.mockClear();
    for (const name of [42, null, undefined, { toString: () => 'app.info' }, '']) {
      const result = await crm.invoke(name as unknown as string, {});
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.code).toBe('VALIDATION');
    }
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('on delivers only its own event, with the payload alone (never the IPC event)', () => {
    const listener = vi.fn();
    const off = crm.on('db.changed', listener);
    push('job.progress', { jobId: 'j1' });
    push('db.changed', { seq: 3, tables: ['people'], ids: [] });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith({ seq: 3, tables: ['people'], ids: [] });
    expect(listener.mock.calls[0]).toHaveLength(1);
    off();
  });

  it('on returns a working unsubscribe (and calling it twice is harmless)', () => {
    const before = electron.ipcRenderer.listenerCount('crm:event');
    const listener = vi.fn();
    const other = vi.fn();
    const off = crm.on('db.changed', listener);
    const offOther = crm.on('db.changed', other);
    expect(electron.ipcRenderer.listenerCount('crm:event')).toBe(before + 2);
    off();
    off();
    push('db.changed', { seq: 4 });
    expect(listener).not.toHaveBeenCalled();
    expect(other).toHaveBeenCalledTimes(1);
    expect(electron.ipcRenderer.listenerCount('crm:event')).toBe(before + 1);
    offOther();
    expect(electron.ipcRenderer.listenerCount('crm:event')).toBe(before);
  });

  it('on refuses a non-string event name and a non-function listener', () => {
    expect(() => crm.on(7 as unknown as string, vi.fn())).toThrow(TypeError);
    expect(() => crm.on('db.changed', 'nope' as unknown as () => void)).toThrow(TypeError);
  });
});
