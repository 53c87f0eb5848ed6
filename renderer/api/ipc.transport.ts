/** The desktop transport: the preload's window.crm bridge, nothing else. */
import type { CrmBridge, Transport } from '../../shared/api/transport.ts';

declare global {
  interface Window {
    /** Exposed by the preload in the desktop app; absent in the browser preview. */
    crm?: CrmBridge;
  }
}

export function ipcTransport(bridge: CrmBridge): Transport {
  return {
    invoke: (name, input) => bridge.invoke(name, input),
    on: (event, listener) => bridge.on(event, listener),
  };
}
