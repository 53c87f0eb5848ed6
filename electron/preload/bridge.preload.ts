/**
 * window.crm: invoke(name, input) and on(event, listener). Nothing else crosses into the page:
 * not ipcRenderer, not the IPC event object, not a generic "send any channel".
 */
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { Envelope } from '../../shared/api/errors.ts';
import type { CrmBridge } from '../../shared/api/transport.ts';
import { CRM_EVENT_CHANNEL, CRM_INVOKE_CHANNEL } from './channels.preload.ts';

export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

const MAX_NAME_LENGTH = 200;

function refused(message: string): Promise<Envelope<unknown>> {
  return Promise.resolve({ ok: false, error: { code: 'VALIDATION', message } });
}

export function createBridge(ipc: BridgeIpc): CrmBridge {
  return Object.freeze({
    invoke(name: string, input: unknown): Promise<Envelope<unknown>> {
      if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH) {
        return refused('A request name must be a non-empty string.');
      }
      return ipc.invoke(CRM_INVOKE_CHANNEL, name, input) as Promise<Envelope<unknown>>;
    },
    on(event: string, listener: (payload: unknown) => void): () => void {
      if (typeof event !== 'string' || event.length === 0 || event.length > MAX_NAME_LENGTH) {
        throw new TypeError('An event name must be a non-empty string.');
      }
      if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
      const wrapped = (_ipcEvent: IpcRendererEvent, name: unknown, payload: unknown) => {
        if (name === event) listener(payload);
      };
      ipc.on(CRM_EVENT_CHANNEL, wrapped);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(CRM_EVENT_CHANNEL, wrapped);
      };
    },
  });
}
