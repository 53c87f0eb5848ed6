/**
 * The in-process transport: calls the backend directly, with the same structured-clone
 * boundary the IPC and HTTP transports have (so tests see what a renderer would see).
 */
import type { Transport } from '../../shared/api/transport.ts';
import type { Backend } from './backend.ts';
import type { EventHub } from './event-hub.ts';

export function inProcessTransport(backend: Pick<Backend, 'invoke'>, hub: EventHub): Transport {
  return {
    async invoke(name, input) {
      const envelope = await backend.invoke(name, structuredClone(input));
      return structuredClone(envelope);
    },
    on(event, listener) {
      return hub.subscribe((name, payload) => {
        if (name === event) listener(structuredClone(payload));
      });
    },
  };
}
